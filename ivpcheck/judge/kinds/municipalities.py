"""`municipalities`: for a joint plan, whether each municipality's local accents are visible (S5)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings, describe_terms
from ivpcheck.model.report import Evidence
from ivpcheck.text.passages import evidence_for, evidence_unit
from ivpcheck.text.terms import matcher

KIND = "municipalities"
METRICS = {"joint", "municipalities", "with_local", "local_sections"}
VALUES = {"missing_municipalities", "municipality_names"}


class Params(DetectorParams):
    kind: Literal["municipalities"]
    local_terms: list[str] = Field(
        default_factory=lambda: [
            "lokale accent*",
            "lokaal accent",
            "lokale prioriteit*",
            "eigen accent*",
            "eigen prioriteit*",
            "couleur locale",
            "lokale invulling",
            "lokale thema*",
            "lokale speerpunt*",
            "per gemeente",
        ]
    )


def describe(params: Params) -> str:
    local = describe_terms(params.local_terms, 3)
    return f"per gemeente een eigen paragraaf, tabel of {local} met de gemeentenaam"


def detect(ctx: Context, params: Params) -> Findings:
    profile = ctx.profile
    names = [m.name for m in profile.municipalities]
    local = matcher(tuple(ctx.terms(params.local_terms)))
    view = ctx.view
    local_sections = [h for h in view.heading_units if local.search(h.text)]
    in_local = {u.index for h in local_sections for u in view.section_units(h)}
    evidence: list[Evidence] = []
    missing = []
    for name in names:
        found = _local_evidence(ctx, name, local, in_local)
        if found:
            evidence.append(found)
        else:
            missing.append(name)
    with_local = len(names) - len(missing)
    return Findings(
        found=profile.joint and bool(names) and not missing,
        metrics={
            "joint": float(profile.joint),
            "municipalities": float(len(names)),
            "with_local": float(with_local),
            "local_sections": float(len(local_sections)),
        },
        values={"missing_municipalities": ", ".join(missing), "municipality_names": ", ".join(names)},
        evidence=evidence,
        searched=describe(params),
    )


def _local_evidence(ctx: Context, name: str, local, in_local: set[int]) -> Evidence | None:
    for priority in ctx.profile.priorities:
        if priority.municipality and priority.municipality.lower() == name.lower():
            return Evidence(
                page=priority.page,
                section=priority.section,
                quote=f"{name}: {priority.text}"[:200],
                matched="lokale prioriteit",
            )
    name_matcher = matcher((name,))
    for unit in ctx.view.units:
        hit = name_matcher.search(unit.text)
        if hit is None:
            continue
        if unit.block.kind == "heading":
            return evidence_unit(unit, name)
        if unit.index in in_local:
            return evidence_for(unit, hit.start, hit.end, name)
        sentence = unit.sentence_at(hit.start)
        if unit.holds(local, sentence.start, sentence.end):
            return evidence_for(unit, hit.start, hit.end, name)
    return None
