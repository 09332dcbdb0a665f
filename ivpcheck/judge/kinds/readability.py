"""`readability`: average sentence length and Flesch-Douma on the prose (paragraphs, list items)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text.nlp import syllables, words
from ivpcheck.text.numbers import number
from ivpcheck.text.passages import Scope, trim_quote

KIND = "readability"
METRICS = {
    "avg_sentence_length",
    "flesch_douma",
    "sentences",
    "words",
    "met",
    "short_ok",
    "flesch_ok",
    "long_sentences",
}
VALUES = {"avg_sentence_length", "flesch_douma", "douma_band", "longest"}

DOUMA_BANDS = [
    (30, "zeer moeilijk"),
    (45, "moeilijk"),
    (60, "tamelijk moeilijk"),
    (70, "normaal"),
    (80, "tamelijk gemakkelijk"),
    (90, "gemakkelijk"),
]


class Params(DetectorParams):
    kind: Literal["readability"]
    max_avg_sentence_length: float = Field(default=20, gt=0, description="words per sentence, at most")
    min_flesch: float = Field(default=40, description="Flesch-Douma reading ease, at least")
    long_sentence: int = Field(default=25, ge=1, description="a sentence longer than this is 'long'")
    longest: int = Field(default=5, ge=0, description="how many of the longest sentences to quote")
    scope: Scope = Field(default_factory=lambda: Scope(prose=True))


def describe(params: Params) -> str:
    return (
        f"gemiddelde zinslengte (hoogstens {params.max_avg_sentence_length:g} woorden) en Flesch-Douma "
        f"(minstens {params.min_flesch:g}) van de lopende tekst"
    )


def douma_band(score: float) -> str:
    """Douma's verbal label for a reading-ease score."""
    for upper, label in DOUMA_BANDS:
        if score < upper:
            return label
    return "zeer gemakkelijk"


def nl_number(value: float) -> str:
    """A measurement with one decimal, in Dutch ('10,0')."""
    return number(value, "nl", 1, whole_plain=False)


def detect(ctx: Context, params: Params) -> Findings:
    measured = []  # (n_words, syllables, text, unit)
    for unit in ctx.units(params.scope):
        for sentence in unit.sentences:
            tokens = words(sentence.text)
            if tokens:
                measured.append((len(tokens), sum(syllables(t) for t in tokens), sentence.text, unit))
    n_sentences = len(measured)
    n_words = sum(m[0] for m in measured)
    if not n_words:
        return Findings(found=False, metrics=dict.fromkeys(METRICS, 0.0), searched=describe(params))
    avg = n_words / n_sentences
    per_100 = 100 * sum(m[1] for m in measured) / n_words
    flesch = 206.84 - 0.77 * per_100 - 0.93 * avg
    short_ok = avg <= params.max_avg_sentence_length
    flesch_ok = flesch >= params.min_flesch
    summary = (
        f"gemiddeld {nl_number(avg)} woorden per zin over {n_sentences} zinnen; "
        f"Flesch-Douma {nl_number(flesch)} "
        f"({douma_band(flesch)})"
    )
    evidence = [Evidence(page=None, section=None, quote=summary, matched="leesbaarheid")]
    longest = sorted(measured, key=lambda m: -m[0])[: params.longest]
    for count, _syl, text, unit in longest:
        evidence.append(
            Evidence(
                page=unit.block.page, section=unit.section, quote=trim_quote(text), matched=f"{count} woorden"
            )
        )
    return Findings(
        found=short_ok and flesch_ok,
        metrics={
            "avg_sentence_length": round(avg, 1),
            "flesch_douma": round(flesch, 1),
            "sentences": n_sentences,
            "words": n_words,
            "met": float(short_ok) + float(flesch_ok),
            "short_ok": float(short_ok),
            "flesch_ok": float(flesch_ok),
            "long_sentences": sum(1 for m in measured if m[0] > params.long_sentence),
        },
        values={
            "avg_sentence_length": nl_number(avg),
            "flesch_douma": nl_number(flesch),
            "douma_band": douma_band(flesch),
            "longest": " | ".join(trim_quote(m[2], 0, 0)[:80] for m in longest[:2]),
        },
        evidence=evidence,
        searched=describe(params),
    )
