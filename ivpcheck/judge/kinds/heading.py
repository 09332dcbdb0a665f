"""`heading`: a section whose title matches terms (e.g. 'Veiligheidsanalyse', 'Samenvatting')."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings, describe_terms
from ivpcheck.model.report import Evidence
from ivpcheck.text.passages import evidence_unit, figures, trim_quote
from ivpcheck.text.terms import matcher

KIND = "heading"
NUMBER = re.compile(
    r"^\s*(?:(?:hoofdstuk|bijlage|deel)\s+)?(?:[\dIVX]+[.)]?)*(?:\.\d+)*[.)]?\s*", re.IGNORECASE
)
METRICS = {"count", "words", "figures"}
VALUES = {"heading", "quote"}


class Params(DetectorParams):
    kind: Literal["heading"]
    terms: list[str] = Field(min_length=1, description="terms the heading must contain")
    exclude: list[str] = Field(default_factory=list, description="headings with these terms do not count")
    max_level: int | None = Field(default=None, description="only headings up to this level (1 = chapter)")
    min_words: int = Field(default=0, ge=0, description="the section needs at least this many words")
    own_text: bool = Field(
        default=False,
        description="count only the text under the heading itself and under sub-headings that match too "
        "(a chapter 'Visie en uitgangspunten' is not a long vision because its 'Uitgangspunten' are long)",
    )
    min_figures: int = Field(default=0, ge=0, description="the section needs at least this many figures")
    anchored: bool = Field(default=False, description="the term must open the heading (after its number)")


def describe(params: Params) -> str:
    extra = f" (minstens {params.min_words} woorden)" if params.min_words else ""
    return f"kopjes met {describe_terms(params.terms)}{extra}"


def detect(ctx: Context, params: Params) -> Findings:
    view = ctx.view
    wanted = matcher(tuple(ctx.terms(params.terms)))
    unwanted = matcher(tuple(ctx.terms(params.exclude))) if params.exclude else None
    count = best_words = best_figures = 0
    evidence: list[Evidence] = []
    first_label = ""
    for unit in view.heading_units:
        if params.max_level is not None and (unit.block.level or 1) > params.max_level:
            continue
        hit = wanted.search(unit.text)
        if hit is None or (unwanted is not None and unwanted.search(unit.text)):
            continue
        if params.anchored and hit.start > len(NUMBER.match(unit.text).group(0)):
            continue
        body = view.section_units(unit)
        if params.own_text:
            body = [u for u in body if not u.ancestors or u.ancestors[-1] == unit.ancestors[-1]
                    or wanted.search(u.ancestors[-1])]  # fmt: skip
        text = "\n".join(u.text for u in body if u.block.kind != "heading")
        n_words = view.word_count(body)
        n_figures = len(figures(text))
        if n_words < params.min_words or n_figures < params.min_figures:
            continue
        count += 1
        best_words = max(best_words, n_words)
        best_figures = max(best_figures, n_figures)
        first_label = first_label or (unit.section or unit.text)
        first_body = next((u for u in body if u.block.kind != "heading" and u.sentences), None)
        if first_body is not None:
            quote = trim_quote(first_body.sentences[0].text)
            evidence.append(
                Evidence(page=unit.block.page, section=unit.section, quote=quote, matched=hit.text)
            )
        else:
            evidence.append(evidence_unit(unit, hit.text))
    return Findings(
        found=count > 0,
        metrics={"count": count, "words": best_words, "figures": best_figures},
        values={"heading": first_label, "quote": evidence[0].quote if evidence else ""},
        evidence=evidence,
        searched=describe(params),
    )
