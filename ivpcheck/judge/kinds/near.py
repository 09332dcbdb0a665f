"""`near`: terms that co-occur with other terms in one sentence, one block or a word window."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings, describe_terms
from ivpcheck.model.report import Evidence
from ivpcheck.text.nlp import words
from ivpcheck.text.passages import Scope, evidence_for
from ivpcheck.text.terms import as_words, matcher

KIND = "near"
METRICS = {"count", "distinct", "distinct_with", "blocks"}
VALUES = {"matched", "quote"}


class Params(DetectorParams):
    kind: Literal["near"]
    terms: list[str] = Field(min_length=1, description="the main terms")
    with_: list[str] = Field(alias="with", min_length=1, description="terms that must occur nearby")
    within: Literal["sentence", "block"] = "sentence"
    window: int | None = Field(default=None, ge=1, description="at most this many words apart")
    without: list[str] = Field(default_factory=list, description="ignore sentences containing these terms")
    scope: Scope = Field(default_factory=Scope)
    min_count: int = Field(default=1, ge=0)
    min_distinct: int = Field(default=1, ge=0, description="distinct main terms (or vocabulary groups)")
    limit: int = Field(default=5, ge=1)


def describe(params: Params) -> str:
    where = "dezelfde zin" if params.within == "sentence" else "dezelfde alinea"
    if params.window:
        where += f" (binnen {params.window} woorden)"
    return (
        f"{describe_terms(params.terms)} samen met {describe_terms(params.with_)} in {where}, "
        f"in {params.scope.describe()}"
    )


def detect(ctx: Context, params: Params) -> Findings:
    units = ctx.units(params.scope)
    groups = ctx.vocab.group_of(params.terms)
    with_matcher = matcher(tuple(ctx.terms(params.with_)))
    excluded = matcher(tuple(ctx.terms(params.without))) if params.without else None
    matches: list[tuple[int, int, int, int, str, str]] = []
    seen: set[tuple[int, int]] = set()
    for unit, hit in ctx.view.find_terms(units, ctx.terms(params.terms)):
        sentence = unit.sentence_at(hit.start)
        start, end = (sentence.start, sentence.end) if params.within == "sentence" else (0, len(unit.text))
        region = unit.text[start:end]
        if excluded and unit.holds(excluded, start, end):
            continue
        partner = None
        if unit.holds(with_matcher, start, end):  # the region's words are split only when it holds a partner
            partner = _partner(region, start, hit, with_matcher, params.window, unit.text)
        if partner is None and region.rstrip().endswith(":"):  # a lead-in: read its list items too
            follow = with_matcher.search(ctx.view.continuation(unit))
            partner = follow.text if follow else None
        if partner is None:
            continue
        key = (unit.index, start)
        group = groups.get(hit.term, hit.term)
        matches.append((unit.index, hit.start, hit.end, key in seen, group, f"{hit.text} + {partner}"))
        seen.add(key)
    counted = [m for m in matches if not m[3]]
    evidence: list[Evidence] = []
    for index, start, end, _dup, _group, text in counted[: params.limit]:
        evidence.append(evidence_for(ctx.view.units[index], start, end, text))
    distinct = {m[4] for m in matches}
    partners = {m[5].split(" + ", 1)[1].lower() for m in matches}
    return Findings(
        found=len(counted) >= max(params.min_count, 1) and len(distinct) >= params.min_distinct,
        metrics={
            "count": len(counted),
            "distinct": len(distinct),
            "distinct_with": len(partners),
            "blocks": len({m[0] for m in matches}),
        },
        values={"matched": as_words(distinct), "quote": evidence[0].quote if evidence else ""},
        evidence=evidence,
        searched=describe(params),
    )


def _partner(region, offset, hit, with_matcher, window, text) -> str | None:
    """The first `with` term in the region (not overlapping the hit, within the window if set)."""
    for other in with_matcher.finditer(region):
        o_start, o_end = other.start + offset, other.end + offset
        if o_start < hit.end and hit.start < o_end:
            continue
        if window is not None:
            lo, hi = sorted((hit.start, o_start))
            if len(words(text[lo:hi])) > window:
                continue
        return other.text
    return None
