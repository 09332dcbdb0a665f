"""Compare two judged versions of a plan: verdicts per criterion, evidence found in one version only
(matched by text similarity, so a reworded or re-paginated quote is the same evidence), the score
and band, and which of the old version's improvement points were addressed."""

from __future__ import annotations

from rapidfuzz import fuzz

from ivpcheck.model.diff import Addressed, Change, CriterionChange, DiffSide, ImprovementStatus, ReportDiff
from ivpcheck.model.report import CriterionResult, Evidence, Report
from ivpcheck.render.view import improvement_order

SIMILARITY = 85.0  # token_set_ratio at or above which two quotes are the same evidence
RANK = {"ontbreekt": 0, "deels": 1, "voldoet": 2}  # n.v.t. is outside the ranking


def compare_reports(old: Report, new: Report, similarity: float = SIMILARITY) -> ReportDiff:
    """The difference between two scored reports of (versions of) one plan."""
    olds = {c.id: c for c in old.criteria}
    news = {c.id: c for c in new.criteria}
    order = [*news, *(cid for cid in olds if cid not in news)]
    criteria = [_criterion(olds.get(cid), news.get(cid), similarity) for cid in order]
    return ReportDiff(
        old=_side(old),
        new=_side(new),
        total_change=None if old.total is None or new.total is None else round(new.total - old.total, 1),
        similarity=similarity,
        criteria=criteria,
        improvements=[_addressed(c, news.get(c.id)) for c in improvement_points(old)],
    )


def improvement_points(report: Report) -> list[CriterionResult]:
    """The report's improvement points in reading order (heaviest first), as every report shows them."""
    return improvement_order(report.criteria)


def _side(report: Report) -> DiffSide:
    return DiffSide(
        path=report.input.path,
        sha256=report.input.sha256,
        format=report.input.format,
        title=report.profile.title if report.profile else None,
        total=report.total,
        band=report.band,
    )


def change_of(old: str | None, new: str | None) -> Change:
    """How a verdict changed: beter, slechter, gelijk; anders to or from n.v.t.; nieuw or vervallen."""
    if old is None:
        return "nieuw"
    if new is None:
        return "vervallen"
    if old == new:
        return "gelijk"
    if old not in RANK or new not in RANK:
        return "anders"
    return "beter" if RANK[new] > RANK[old] else "slechter"


def _criterion(
    old: CriterionResult | None, new: CriterionResult | None, similarity: float
) -> CriterionChange:
    base = new or old
    assert base is not None
    old_evidence = _quoted(old)
    new_evidence = _quoted(new)
    return CriterionChange(
        id=base.id,
        title=base.title,
        section=base.section,
        weight=base.weight,
        kernelement=base.kernelement,
        old_verdict=old.final_verdict if old else None,
        new_verdict=new.final_verdict if new else None,
        change=change_of(old.final_verdict if old else None, new.final_verdict if new else None),
        new_evidence=unmatched(new_evidence, old_evidence, similarity),
        lost_evidence=unmatched(old_evidence, new_evidence, similarity),
    )


def _quoted(result: CriterionResult | None) -> list[Evidence]:
    """Evidence with a quote from the plan (not a description of what was measured)."""
    if result is None:
        return []
    return [e for e in result.evidence if e.quote and e.matched != "meting"]


def unmatched(items: list[Evidence], others: list[Evidence], similarity: float) -> list[Evidence]:
    """The items whose quote resembles no quote of `others` (token set ratio below `similarity`)."""
    return [
        item
        for item in items
        if not any(fuzz.token_set_ratio(item.quote, other.quote) >= similarity for other in others)
    ]


def _addressed(old: CriterionResult, new: CriterionResult | None) -> ImprovementStatus:
    status: Addressed
    if new is None:
        status = "vervallen"
    elif new.waived or new.final_verdict in ("voldoet", "n.v.t."):
        status = "opgelost"
    else:
        change = change_of(old.final_verdict, new.final_verdict)
        status = "deels opgelost" if change == "beter" else "verslechterd" if change == "slechter" else "open"
    return ImprovementStatus(
        id=old.id,
        title=old.title,
        weight=old.weight,
        text=old.improvement or "",
        old_verdict=old.final_verdict,
        new_verdict=new.final_verdict if new else None,
        status=status,
    )
