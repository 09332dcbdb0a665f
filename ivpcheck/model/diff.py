"""The comparison of two versions of a plan (`ivpcheck diff OLD NEW --format json`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ivpcheck.model.report import Band, Evidence, Verdict

Change = Literal["beter", "slechter", "gelijk", "anders", "nieuw", "vervallen"]
Addressed = Literal["opgelost", "deels opgelost", "open", "verslechterd", "vervallen"]


class DiffSide(BaseModel):
    """One of the two checked versions."""

    path: str
    sha256: str
    format: str
    title: str | None = None
    total: float | None = None
    band: Band | None = None


class CriterionChange(BaseModel):
    """One criterion in both versions: the verdicts that count (the advisor's when reviewed) and the
    evidence found only in one of them."""

    id: str
    title: str
    section: str
    weight: int
    kernelement: bool = False
    old_verdict: Verdict | None = Field(description="null: not judged in the old version")
    new_verdict: Verdict | None = Field(description="null: not judged in the new version")
    change: Change = Field(
        description="beter, slechter, gelijk; anders: to/from n.v.t.; nieuw/vervallen: in one version only"
    )
    new_evidence: list[Evidence] = Field(default_factory=list, description="evidence without a match in OLD")
    lost_evidence: list[Evidence] = Field(default_factory=list, description="evidence without a match in NEW")


class ImprovementStatus(BaseModel):
    """An improvement point of the old version and what became of it."""

    id: str
    title: str
    weight: int
    text: str = Field(description="the improvement point as the old report gave it")
    old_verdict: Verdict
    new_verdict: Verdict | None
    status: Addressed = Field(
        description="opgelost (now voldoet or n.v.t.), deels opgelost (better, not yet voldoet), open, "
        "verslechterd, vervallen (the criterion is no longer judged)"
    )


class ReportDiff(BaseModel):
    """What changed between two versions of a plan, criterion by criterion."""

    old: DiffSide
    new: DiffSide
    total_change: float | None = Field(default=None, description="new total minus old total")
    similarity: float = Field(description="rapidfuzz score (0-100) from which two quotes match")
    criteria: list[CriterionChange] = Field(default_factory=list, description="in the new report's order")
    improvements: list[ImprovementStatus] = Field(
        default_factory=list, description="the old report's improvement points, most important first"
    )
