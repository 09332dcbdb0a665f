"""The terminal report (rich): header, score and band, a table per section, improvement points."""

from __future__ import annotations

import io
import os
import sys

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ivpcheck.model.report import Report
from ivpcheck.render import wants_color
from ivpcheck.render.view import CriterionRow, ImprovementView, Notice, ReportView, SectionView, build_view

VERDICT_STYLES = {"voldoet": "green", "deels": "yellow", "ontbreekt": "bold red", "n.v.t.": "dim"}
MAX_WIDTH = 120
PIPED_WIDTH = 110  # no terminal to measure: wide enough for one table row per criterion
BAND_STYLES = {
    "goed": "bold green",
    "voldoende": "bold cyan",
    "matig": "bold yellow",
    "onvoldoende": "bold red",
}


def make_console(
    file: io.TextIOBase | None = None, color: bool | None = None, width: int | None = None
) -> Console:
    """A console that writes to `file`, colour as `wants_color` decides, as wide as `terminal_width`.
    Text wraps between words (rich folds only a word longer than a whole line)."""
    if color is None:
        color = wants_color()
    return Console(
        file=file or io.StringIO(),
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width or terminal_width(),
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )


def terminal_width() -> int:
    """$COLUMNS, else the width of the terminal that standard output, error or input is (output piped
    into `less` still shows in that terminal), else PIPED_WIDTH; at most MAX_WIDTH."""
    if os.environ.get("COLUMNS", "").isdigit():
        return min(int(os.environ["COLUMNS"]), MAX_WIDTH)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            return min(os.get_terminal_size(stream.fileno()).columns, MAX_WIDTH)
        except (AttributeError, OSError, ValueError):
            continue
    return PIPED_WIDTH


def render_terminal(
    report: Report,
    lang: str | None = None,
    color: bool | None = None,
    width: int | None = None,
    show_evidence: bool = False,
) -> str:
    """The report as text for a terminal (ANSI colours when `color`); `show_evidence` adds where
    each criterion that is met was found."""
    console = make_console(color=color, width=width)
    console.print(report_renderable(build_view(report, lang), show_evidence))
    return strip_trailing(console.file.getvalue())  # type: ignore[attr-defined]


def strip_trailing(text: str) -> str:
    """Drop the padding rich adds at the end of lines."""
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def report_renderable(view: ReportView, show_evidence: bool = False) -> RenderableType:
    """The whole report as one rich renderable."""
    if not view.scored:
        return _not_ivp(view)
    parts: list[RenderableType] = [_header(view), Text()]
    parts += [_notice(notice) for notice in view.notices]
    parts += [_score(view), Text()]
    for section in view.sections:
        parts.extend([_section_table(view, section), Text()])
    parts.append(Text(view.L["kern_legend"], style="dim"))
    parts.append(Text(view.L["legend"], style="dim"))
    parts.append(Text())
    parts.extend(_improvements(view))
    if show_evidence:
        parts.extend(_evidence_of_met(view))
    if view.waived:
        parts.append(Text(view.L["waived_list"], style="bold"))
        for cid, title, reason in view.waived:
            parts.append(Padding(Text(f"{cid} {title} — {view.L['reason']}: {reason}"), (0, 0, 0, 2)))
        parts.append(Text())
    if view.reviewed:
        parts.append(Text(view.L["reviewed_list"], style="bold"))
        for item in view.reviewed:
            line = f"{item.id} {item.title}: {item.tool} → {item.advisor} — {view.L['reason']}: {item.reason}"
            parts.append(Padding(Text(line), (0, 0, 0, 2)))
        parts.append(Text())
    parts.append(Text(view.generated_by, style="dim"))
    return Group(*parts)


def _notice(notice: Notice) -> RenderableType:
    """A reservation above the score (the document may not be an IVP, OCR was unsure)."""
    lines = [Text(notice.title, style="bold yellow"), Text(notice.lead)]
    lines += [Text(f"- {reason}", style="dim") for reason in notice.reasons]
    return Group(*lines, Text())


def _header(view: ReportView) -> RenderableType:
    L = view.L
    title = Text(f"{L['title']}: {view.file}", style="bold underline")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    if view.plan_title:
        grid.add_row(L["plan_title"], view.plan_title)
    munis = ", ".join(view.municipalities) or L["unknown"]
    if view.joint:
        munis += f" ({L['joint']})"
    grid.add_row(L["municipalities"], munis)
    grid.add_row(L["period"], view.period or L["unknown"])
    grid.add_row(L["doc_type"], view.doc_type or L["unknown"])
    grid.add_row(L["file"], f"{view.path} ({view.file_facts})")
    grid.add_row(L["checked_on"], f"{view.check_date} · {L['rulepack']} {view.rulepack_version}")
    return Group(title, grid)


def _score(view: ReportView) -> RenderableType:
    L = view.L
    line = Text()
    line.append(f"{L['total']}: ", style="bold")
    line.append(f"{view.total if view.total is not None else '–'} / 100", style="bold")
    line.append(f"   {L['band']}: ", style="bold")
    line.append(view.band or "–", style=BAND_STYLES.get(view.band_key or "", "bold"))
    parts: list[RenderableType] = [line]
    if view.capped_by:
        parts.append(Text(f"{L['band_capped']}: {', '.join(view.capped_by)}", style="yellow"))
    scores = " · ".join(f"{s.letter} {s.score if s.score is not None else '–'}" for s in view.sections)
    parts.append(Text(f"{L['section_scores']}: {scores}"))
    return Group(*parts)


def verdict_text(
    verdict: str, label: str, symbol: str, waived: str | None, L: dict[str, str], advisor: str | None = None
) -> Text:
    """A coloured verdict with its symbol and word (never colour alone); the advisor's after an arrow."""
    if waived:
        return Text(f"{symbol} {label} ({L['waived']})", style="dim blue")
    if advisor:
        return Text(f"{symbol} {label} → {advisor} ({L['advisor']})", style="bold magenta")
    return Text(f"{symbol} {label}", style=VERDICT_STYLES.get(verdict, ""))


def _section_table(view: ReportView, section: SectionView) -> Table:
    L = view.L
    score = f"{L['score']} {section.score}" if section.score is not None else L["not_scored"]
    table = Table(
        title=f"{section.letter} — {section.name} ({score})",
        title_justify="left",
        title_style="bold",
        expand=False,
        show_edge=False,
        pad_edge=False,
    )
    ids = [row.id + (" ★" if row.kernelement else "") for row in section.rows]
    # Only the criterion's title wraps (at words); ids, weights, verdicts and pages keep their width.
    table.add_column(L["id"], no_wrap=True, min_width=max(len(i) for i in [L["id"], *ids]))
    table.add_column(L["criterion"], min_width=12, width=36)
    table.add_column(L["weight"], justify="right", no_wrap=True)
    table.add_column(L["verdict"], no_wrap=True, min_width=14)
    table.add_column(L["page"], justify="right", no_wrap=True)
    for row, cid in zip(section.rows, ids, strict=True):
        table.add_row(
            cid,
            row.title,
            str(row.weight),
            verdict_text(row.verdict, row.verdict_label, row.symbol, row.waived, L, row.advisor),
            str(row.page) if row.page is not None else "",
        )
    return table


def evidence_lines(
    item: ImprovementView | CriterionRow, L: dict[str, str], limit: int | None = None
) -> list[tuple[str, str]]:
    """(label, 'p. 4, § 1.2 Aanleiding: "quote"') per evidence item, and what was searched for."""
    lines: list[tuple[str, str]] = []
    shown = item.evidence[:limit] if limit else item.evidence
    for ev in shown:
        where = ", ".join(
            part
            for part in (
                f"{L['p']} {ev.page}" if ev.page is not None else "",
                f"{L['sect']} {ev.section}" if ev.section else "",
            )
            if part
        )
        quote = f'"{ev.quote}"' if ev.quote else ""
        lines.append((L["evidence"], ": ".join(p for p in (where, quote) if p)))
    if item.more_evidence:
        lines.append((L["evidence"], L["more_evidence"].format(n=item.more_evidence)))
    if item.searched:
        lines.append((L["searched"], item.searched))
    return lines


def _improvements(view: ReportView) -> list[RenderableType]:
    L = view.L
    parts: list[RenderableType] = [Text(L["improvements"], style="bold underline")]
    if not view.improvements:
        parts.append(Text(L["no_improvements"]))
        parts.append(Text())
        return parts
    parts.append(Text(L["improvements_intro"], style="dim"))
    for item in view.improvements:
        head = Text(f"{item.rank}. ")
        head.append(f"{item.id}{' ★' if item.kernelement else ''} {item.title}", style="bold")
        head.append(f"  [{L['weight'].lower()} {item.weight} · ")
        head.append(f"{item.symbol} {item.verdict_label}", style=VERDICT_STYLES.get(item.verdict, ""))
        head.append("]")
        parts.append(head)
        parts.append(Padding(Text(item.text or "–"), (0, 0, 0, 3)))
        for label, line in evidence_lines(item, L):
            parts.append(Padding(Text(f"{label}: {line}", style="dim"), (0, 0, 0, 3)))
        parts.append(Text())
    return parts


def _evidence_of_met(view: ReportView) -> list[RenderableType]:
    """Where each criterion that is met was found, so a positive verdict can be checked."""
    parts: list[RenderableType] = [Text(view.L["evidence_of_met"], style="bold underline")]
    for row in (r for s in view.sections for r in s.rows if r.verdict == "voldoet" and not r.waived):
        head = Text(f"{row.id}{' ★' if row.kernelement else ''} {row.title}  ", style="bold")
        head.append(f"{row.symbol} {row.verdict_label}", style=VERDICT_STYLES["voldoet"])
        parts.append(head)
        for label, line in evidence_lines(row, view.L):
            parts.append(Padding(Text(f"{label}: {line}", style="dim"), (0, 0, 0, 3)))
    parts.append(Text())
    return parts


def _not_ivp(view: ReportView) -> RenderableType:
    L = view.L
    parts: list[RenderableType] = [
        Text(f"{L['title']}: {view.file}", style="bold underline"),
        Text(L["not_ivp_title"], style="bold yellow"),
        Text(L["not_ivp_lead"].format(what=view.not_ivp_what or L["unknown"])),
    ]
    if view.not_ivp_reasons:
        parts.append(Text(f"{L['not_ivp_why']}:", style="bold"))
        for reason in view.not_ivp_reasons:
            parts.append(Padding(Text(f"- {reason}"), (0, 0, 0, 2)))
    parts.append(Text(L["not_ivp_no_score"]))
    return Group(*parts)
