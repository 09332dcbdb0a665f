"""`terms`: vocabulary terms (and optional regex patterns) within a scope, with counts."""

from __future__ import annotations

import re
from collections import Counter
from typing import Literal

from pydantic import Field, field_validator

from ivpcheck.judge.context import Context, DetectorParams, Findings, describe_terms
from ivpcheck.model.report import Evidence
from ivpcheck.text import needs, starts
from ivpcheck.text.passages import Scope, Unit, evidence_for
from ivpcheck.text.terms import as_words, matcher

KIND = "terms"
METRICS = {"count", "distinct", "blocks", "sections", "per_1000", "words"}
VALUES = {"matched", "phrase", "quote"}


class Params(DetectorParams):
    kind: Literal["terms"]
    terms: list[str] = Field(default_factory=list, description="terms to find (see ivpcheck/terms.py)")
    patterns: list[str] = Field(default_factory=list, description="extra regular expressions")
    scope: Scope = Field(default_factory=Scope)
    without: list[str] = Field(default_factory=list, description="ignore sentences containing these terms")
    min_count: int = Field(default=1, ge=0, description="hits needed for 'found'")
    min_distinct: int = Field(default=1, ge=0, description="distinct terms (or vocabulary groups) needed")
    limit: int = Field(default=5, ge=1, description="evidence items kept")

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        for pattern in value:
            re.compile(pattern)
        return value


def describe(params: Params) -> str:
    what = describe_terms(params.terms + [f"/{p}/" for p in params.patterns])
    need = f" (minstens {params.min_count}×)" if params.min_count > 1 else ""
    return f"{what}{need} in {params.scope.describe()}"


def collect_hits(ctx: Context, units: list[Unit], params: Params) -> list[tuple[Unit, int, int, str, str]]:
    """(unit, start, end, group, text) for every term or pattern hit, minus sentences with `without` terms."""
    terms = ctx.terms(params.terms)
    groups = ctx.vocab.group_of(params.terms)
    hits = [
        (u, h.start, h.end, groups.get(h.term, h.term), h.text) for u, h in ctx.view.find_terms(units, terms)
    ]
    for pattern in params.patterns:
        regex = starts.compiled(pattern, re.IGNORECASE)
        need = needs.of(pattern, re.IGNORECASE)  # a unit without the words it needs is not scanned
        for unit in units:
            if needs.may_match(need, unit.text):
                hits.extend(
                    (unit, m.start(), m.end(), pattern, m.group(0)) for m in regex.finditer(unit.text)
                )
    if params.without:
        excluded = matcher(tuple(ctx.terms(params.without)))
        sentences = [h[0].sentence_at(h[1]) for h in hits]
        hits = [h for h, s in zip(hits, sentences, strict=True) if not h[0].holds(excluded, s.start, s.end)]
    hits.sort(key=lambda h: (h[0].index, h[1]))
    return hits


def detect(ctx: Context, params: Params) -> Findings:
    units = ctx.units(params.scope)
    hits = collect_hits(ctx, units, params)
    n_words = ctx.view.word_count(units)
    distinct = {h[3] for h in hits}
    phrases = Counter(h[4].lower() for h in hits)
    per_sentence = Counter((h[0].index, h[0].sentence_at(h[1]).start) for h in hits)
    evidence: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for unit, start, end, _group, text in _spread(hits):
        key = (unit.index, unit.sentence_at(start).start)
        if key in seen:
            continue
        seen.add(key)
        evidence.append(evidence_for(unit, start, end, text))
        if len(evidence) >= params.limit:
            break
    worst = ""
    if per_sentence:
        (index, sent_start), _ = per_sentence.most_common(1)[0]
        unit = ctx.view.units[index]
        worst = evidence_for(unit, sent_start, sent_start, None).quote
    return Findings(
        found=len(hits) >= params.min_count and len(distinct) >= params.min_distinct and bool(hits),
        metrics={
            "count": len(hits),
            "distinct": len(distinct),
            "blocks": len({h[0].index for h in hits}),
            "sections": len({h[0].section for h in hits}),
            "per_1000": round(1000 * len(hits) / n_words, 2) if n_words else 0.0,
            "words": n_words,
        },
        values={
            "matched": as_words(distinct),
            "phrase": phrases.most_common(1)[0][0] if phrases else "",
            "quote": worst,
        },
        evidence=evidence,
        searched=describe(params),
    )


def _spread(hits: list[tuple[Unit, int, int, str, str]]) -> list[tuple[Unit, int, int, str, str]]:
    """Hits ordered so that evidence shows different terms first, then the rest."""
    first: dict[str, tuple[Unit, int, int, str, str]] = {}
    for hit in hits:
        first.setdefault(hit[3], hit)
    shown = {_key(h) for h in first.values()}
    rest = [h for h in hits if _key(h) not in shown]
    return sorted(first.values(), key=lambda h: (h[0].index, h[1])) + rest


def _key(hit: tuple[Unit, int, int, str, str]) -> tuple[int, int, int, str, str]:
    """A hit as a value: a scope holds one unit per index, so this is equal exactly when the hits are."""
    unit, start, end, group, text = hit
    return (unit.index, start, end, group, text)
