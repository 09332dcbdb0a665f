"""`period`: the plan's period (from the profile) against the four-year maximum and the check date."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.text.passages import evidence_for

KIND = "period"
METRICS = {"has_period", "years", "too_long", "expired", "start_year", "end_year", "previous_mentioned"}
VALUES = {"period", "start_year", "end_year"}


class Params(DetectorParams):
    kind: Literal["period"]
    max_years: int = Field(default=4, ge=1, description="longest acceptable period in calendar years")


def describe(params: Params) -> str:
    return "een looptijd (bijv. '2024-2027', 'looptijd', 'voor de periode') in de titel en de tekst"


def detect(ctx: Context, params: Params) -> Findings:
    start, end = ctx.profile.period_start, ctx.profile.period_end
    has = start is not None and end is not None
    metrics = {"has_period": float(has), "years": 0.0, "too_long": 0.0, "expired": 0.0}
    metrics |= {"start_year": float(start or 0), "end_year": float(end or 0)}
    metrics["previous_mentioned"] = float(_previous_period(ctx, start))
    evidence = []
    period = ""
    if has:
        years = end - start + 1
        metrics["years"] = years
        metrics["too_long"] = float(years > params.max_years)
        metrics["expired"] = float(end < ctx.check_date.year)
        period = f"{start}-{end}"
        evidence = _where(ctx, start, end)
    return Findings(
        found=has,
        metrics=metrics,
        values={"period": period, "start_year": str(start or ""), "end_year": str(end or "")},
        evidence=evidence,
        searched=describe(params),
    )


def _where(ctx: Context, start: int, end: int):
    """Evidence for the period: the first place the text states it."""
    pattern = re.compile(
        rf"{start}\s*(?:[-–—/]|t/m|tot en met|tot)\s*{end}|van {start} tot en met {end}|{start}.{{0,40}}{end}"
    )
    for unit in ctx.view.units:
        if unit.block.kind == "toc":
            continue
        match = pattern.search(unit.text)
        if match:
            return [evidence_for(unit, match.start(), match.end(), match.group(0))]
    return []


def _previous_period(ctx: Context, start: int | None) -> bool:
    """Whether the text names an earlier period (e.g. 'IVP 2019-2022' in a 2023-2026 plan)."""
    if start is None:
        return False
    pattern = re.compile(r"\b((?:19|20)\d\d)\s*[-–/]\s*((?:19|20)\d\d)\b")
    for unit in ctx.view.units:
        for match in pattern.finditer(unit.text):
            first, last = int(match.group(1)), int(match.group(2))
            if first < last < start + 1 and start - last <= 3 and last - first <= 6:
                return True
    return False
