"""`coverage`: which groups of a vocabulary (the five veiligheidsvelden, the cross-cutting themes)
get real attention: a priority, a heading, a paragraph about it, a listed basic-level theme, or
repeated mentions across the text; a single word in passing does not count."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text.passages import Unit, evidence_for, evidence_unit
from ivpcheck.text.terms import TermHit, matcher

KIND = "coverage"
METRICS = {"covered", "total", "missing"}
VALUES = {"missing_fields", "missing_themes", "covered_fields", "missing_count"}

SKIPPED_KINDS = {"toc", "cover", "colophon"}


class Params(DetectorParams):
    kind: Literal["coverage"]
    vocab: str = Field(default="fields", description="grouped vocabulary: one group per field or theme")
    groups: list[str] | None = Field(default=None, description="groups to check (default: all)")
    exclude_groups: list[str] = Field(default_factory=list)
    min_weight: float = Field(default=0.6, description="ignore generic terms weighing less than this")
    ignore_terms: list[str] = Field(default_factory=list, description="vocabulary terms that never count")
    min_mentions: int = Field(default=4, ge=1, description="mentions across the text that count as attention")
    min_blocks: int = Field(default=2, ge=1, description="...spread over at least this many blocks")
    paragraph_hits: int = Field(
        default=2,
        ge=1,
        description="hits, in two or more sentences of one paragraph, that make it 'about' the group",
    )
    basic_level_sections: list[str] = Field(
        default_factory=lambda: [
            "overig*",
            "beheersniveau",
            "basisniveau",
            "basisaanpak",
            "reguliere*",
            "*accent",
            "*accenten",
            "lokale prioriteit*",
            "lokale thema*",
            "basisthema*",
            "beheersthema*",
            "andere thema*",
        ],
        description="sections listing basic-level themes or local accents: one hit there counts",
    )
    use_priorities: bool = True
    exclusion: list[str] = Field(
        default_factory=lambda: ["@exclusion"],
        description="a sentence with these words puts the theme outside the plan: its hits do not count",
    )


def describe(params: Params) -> str:
    return (
        f"aandacht per groep van woordenlijst {params.vocab}: een prioriteit, een kopje, een alinea of "
        f"een thema op beheersniveau (niet één woord in het voorbijgaan)"
    )


def _join(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " en " + labels[-1]


def detect(ctx: Context, params: Params) -> Findings:
    vocab = ctx.vocab.get(params.vocab)
    ignored = set(params.ignore_terms)
    groups = [g for g in (params.groups or list(vocab.groups)) if g not in params.exclude_groups]
    basic = matcher(tuple(ctx.terms(params.basic_level_sections)))
    excluded = matcher(tuple(ctx.terms(params.exclusion)))
    units = [u for u in ctx.view.units if u.block.kind not in SKIPPED_KINDS]
    covered: dict[str, Evidence] = {}
    for group in groups:
        terms = tuple(
            t
            for t in vocab.groups.get(group, [])
            if vocab.weights.get(t, 1.0) >= params.min_weight and t not in ignored
        )
        if not terms:
            continue
        reason = _priority(ctx, group, terms) if params.use_priorities else None
        reason = reason or _attention(units, matcher(terms), basic, excluded, params)
        if reason is not None:
            covered[group] = reason
    missing = [vocab.label(g) for g in groups if g not in covered]
    return Findings(
        found=not missing,
        metrics={"covered": float(len(covered)), "total": float(len(groups)), "missing": float(len(missing))},
        values={
            "missing_fields": _join(missing),
            "missing_themes": _join(missing),
            "covered_fields": _join([vocab.label(g) for g in covered]),
            "missing_count": str(len(missing)),
        },
        evidence=[
            e.model_copy(update={"matched": f"{vocab.label(g)}: {e.matched}"}) for g, e in covered.items()
        ],
        searched=describe(params),
    )


def _priority(ctx: Context, group: str, terms: tuple[str, ...]) -> Evidence | None:
    """A priority classified into the group, or whose wording matches the group's terms."""
    group_matcher = matcher(terms)
    for priority in ctx.profile.priorities:
        hit = group_matcher.search(priority.text)
        if priority.field == group or hit:
            quote = f"prioriteit: {priority.text}"[:200]
            return Evidence(page=priority.page, section=priority.section, quote=quote, matched="prioriteit")
    return None


def _attention(units: list[Unit], group_matcher, basic, excluded, params: Params) -> Evidence | None:
    """Evidence of real attention in the text, or None when the group is only mentioned in passing
    or put outside the plan ("Dit plan gaat niet over verkeer")."""
    per_block: list[tuple[Unit, list[TermHit]]] = []
    for unit in units:
        hits = group_matcher.find_all(unit.text)
        hits = [h for h in hits if not excluded.search(unit.sentence_at(h.start).text)]
        if not hits:
            continue
        if unit.block.kind == "heading":
            return evidence_unit(unit, hits[0].text)
        per_block.append((unit, hits))
    for unit, hits in per_block:
        in_basic = unit.block.kind in {"list_item", "table", "paragraph"} and any(
            basic.search(a) for a in unit.ancestors
        )
        sentences = {unit.sentence_at(h.start).start for h in hits}
        about = len(hits) >= params.paragraph_hits and len(sentences) >= 2  # one sentence is 'in passing'
        if about or in_basic:
            return evidence_for(unit, hits[0].start, hits[0].end, hits[0].text)
    total = sum(len(hits) for _, hits in per_block)
    if total >= params.min_mentions and len(per_block) >= params.min_blocks:
        unit, hits = per_block[0]
        return evidence_for(unit, hits[0].start, hits[0].end, f"{total}× genoemd")
    return None
