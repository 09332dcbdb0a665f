"""`targets`: goal sentences and goal-table rows: how many are SMART, have a baseline, or name only
a means (P4, P5, P7)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.profile.goals import Goal, GoalVocab

KIND = "targets"
METRICS = {
    "goals",
    "smart",
    "with_baseline",
    "means_only",
    "effect_goals",
    "table_rows",
    "indicators",
    "complete",
    "complete_share",
}
VALUES = {"quote", "smart_quote", "means_quotes"}


class Params(DetectorParams):
    kind: Literal["targets"]
    goals: GoalVocab = Field(default_factory=GoalVocab)
    show: Literal["smart", "means", "goals", "baseline"] = Field(
        default="smart", description="evidence to show"
    )
    limit: int = Field(default=5, ge=1)


def describe(params: Params) -> str:
    return (
        "doelzinnen (doel, streven, willen, 'wat willen we bereiken') met een getal of percentage "
        "en een jaar "
        "of termijn, en doeltabellen met streefwaarden"
    )


def detect(ctx: Context, params: Params) -> Findings:
    found = ctx.goals(params.goals)
    goals = [g for g in found if g.is_goal]
    smart = [g for g in goals if g.smart]
    baseline = [g for g in smart if g.baseline]
    means_only = [g for g in goals if g.means_only]
    effect = [g for g in goals if not g.means_only and g.effect]
    table = [g for g in found if g.indicator]
    indicators = table or smart
    complete = [g for g in indicators if g.complete]
    shown: dict[str, tuple[list[Goal], str]] = {
        "smart": (smart, "SMART-doel"),
        "means": (means_only, "middel in plaats van doel"),
        "goals": (goals, "doel"),
        "baseline": (complete or indicators, "nulmeting en streefwaarde"),
    }
    selected, label = shown[params.show]
    return Findings(
        found=bool(selected),
        metrics={
            "goals": float(len(goals)),
            "smart": float(len(smart)),
            "with_baseline": float(len(baseline)),
            "means_only": float(len(means_only)),
            "effect_goals": float(len(effect)),
            "table_rows": float(len(table)),
            "indicators": float(len(indicators)),
            "complete": float(len(complete)),
            "complete_share": round(len(complete) / len(indicators), 2) if indicators else 0.0,
        },
        values={
            "quote": means_only[0].evidence("").quote.rstrip(".;:") if means_only else "",
            "smart_quote": smart[0].evidence("").quote if smart else "",
            "means_quotes": "; ".join(f"'{g.evidence('').quote}'" for g in means_only[:3]),
        },
        evidence=[g.evidence(label) for g in selected[: params.limit]],
        searched=describe(params),
    )
