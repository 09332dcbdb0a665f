"""`regex`: a regular expression within a scope (for patterns terms cannot express)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text import needs, starts
from ivpcheck.text.passages import Scope, evidence_for

KIND = "regex"
METRICS = {"count", "distinct", "blocks"}
VALUES = {"matched", "quote"}


class Params(DetectorParams):
    kind: Literal["regex"]
    pattern: str = Field(description="a Python regular expression")
    ignore_case: bool = True
    scope: Scope = Field(default_factory=Scope)
    min_count: int = Field(default=1, ge=0)
    min_distinct: int = Field(default=1, ge=0, description="distinct matched texts needed")
    limit: int = Field(default=5, ge=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


def describe(params: Params) -> str:
    return f"het patroon /{params.pattern}/ in {params.scope.describe()}"


def detect(ctx: Context, params: Params) -> Findings:
    flags = re.IGNORECASE if params.ignore_case else 0
    regex = starts.compiled(params.pattern, flags)  # behind a lookahead for where a match can start
    need = needs.of(params.pattern, flags)  # a unit without the words it needs is not scanned
    evidence: list[Evidence] = []
    count = 0
    distinct: set[str] = set()
    blocks: set[int] = set()
    for unit in ctx.units(params.scope):
        if not needs.may_match(need, unit.text):
            continue
        for match in regex.finditer(unit.text):
            count += 1
            distinct.add(match.group(0).lower())
            blocks.add(unit.index)
            if len(evidence) < params.limit:
                evidence.append(evidence_for(unit, match.start(), match.end(), match.group(0)))
    return Findings(
        found=count >= max(params.min_count, 1) and len(distinct) >= params.min_distinct,
        metrics={"count": count, "distinct": len(distinct), "blocks": len(blocks)},
        values={"matched": ", ".join(sorted(distinct)[:10]), "quote": evidence[0].quote if evidence else ""},
        evidence=evidence,
        searched=describe(params),
    )
