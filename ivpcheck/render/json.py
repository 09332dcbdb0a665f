"""The JSON report: exactly `Report.model_dump_json()` (one line; the public, versioned contract)."""

from __future__ import annotations

from ivpcheck.model.report import Report


def render_json(report: Report) -> str:
    """The report as compact JSON (one line, so several reports form JSON Lines)."""
    return report.model_dump_json()
