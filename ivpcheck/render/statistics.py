"""`check --statistics`: how often each criterion got each verdict over all checked files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ivpcheck.model.report import Report
from ivpcheck.render.labels import VERDICTS, labels

VERDICT_ORDER = ("voldoet", "deels", "ontbreekt", "n.v.t.")


@dataclass
class CriterionCount:
    """Verdict counts of one criterion."""

    id: str
    title: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICT_ORDER, 0))
    waived: int = 0

    @property
    def total(self) -> int:
        """Files in which the criterion was judged."""
        return sum(self.counts.values())


@dataclass
class Statistics:
    """Counts over a run: per criterion, plus files scored, not an IVP, and failed."""

    criteria: dict[str, CriterionCount] = field(default_factory=dict)
    scored: int = 0
    not_ivp: int = 0
    errors: int = 0

    def add(self, report: Report) -> None:
        """Count one report."""
        if not report.scored:
            self.not_ivp += 1
            return
        self.scored += 1
        for c in report.criteria:
            entry = self.criteria.setdefault(c.id, CriterionCount(c.id, c.title))
            entry.counts[c.verdict] += 1
            entry.waived += bool(c.waived)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "files": {"scored": self.scored, "not_ivp": self.not_ivp, "errors": self.errors},
            "criteria": [
                {"id": c.id, "title": c.title, **c.counts, "waived": c.waived, "total": c.total}
                for c in self.criteria.values()
            ],
        }


def render_statistics(stats: Statistics, fmt: str, lang: str = "nl", color: bool = False) -> str:
    """The statistics as a table (terminal/html), Markdown or JSON."""
    if fmt == "json":
        return json.dumps(stats.as_dict(), ensure_ascii=False)
    L = labels(lang)
    names = VERDICTS.get(lang, VERDICTS["nl"])
    header = [L["id"], L["criterion"], *(names[v] for v in VERDICT_ORDER), L["waived"], L["count_total"]]
    rows = [
        [c.id, c.title, *(str(c.counts[v]) for v in VERDICT_ORDER), str(c.waived), str(c.total)]
        for c in stats.criteria.values()
    ]
    total = stats.scored + stats.not_ivp + stats.errors
    files = L["stats_files"].format(n=total, scored=stats.scored, not_ivp=stats.not_ivp, errors=stats.errors)
    if fmt == "markdown":
        lines = [f"## {L['statistics']}", "", files, "", "| " + " | ".join(header) + " |"]
        lines.append("|---|---|" + "--:|" * (len(header) - 2))
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    from rich.table import Table

    from ivpcheck.render.terminal import make_console, strip_trailing

    table = Table(title=L["statistics"], title_justify="left", title_style="bold", show_edge=False)
    for i, name in enumerate(header):
        table.add_column(name, justify="right" if i >= 2 else "left", no_wrap=i != 1)
    for row in rows:
        table.add_row(*row)
    console = make_console(color=color)
    console.print(table)
    console.print(files)
    return strip_trailing(console.file.getvalue())  # type: ignore[attr-defined]
