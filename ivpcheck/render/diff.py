"""`ivpcheck diff` output: two versions of a plan compared, as terminal text, Markdown, HTML or JSON.

Every format is drawn from one `DiffView` (labels, scores and places already worded), so the text
formats and the HTML page (templates diff.html.j2, the partial, and diff_page.html.j2) say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ivpcheck import __version__
from ivpcheck.model.diff import CriterionChange, DiffSide, ImprovementStatus, ReportDiff
from ivpcheck.model.report import Evidence
from ivpcheck.render.labels import BANDS, DIFF_LABELS, labels, lang_or_default
from ivpcheck.render.markdown import md_text
from ivpcheck.render.view import display_score, verdict_label

ARROWS = {"beter": "▲", "slechter": "▼", "gelijk": "=", "anders": "≠", "nieuw": "+", "vervallen": "−"}


def render_diff(diff: ReportDiff, fmt: str, lang: str = "nl") -> str:
    """The comparison in one format: terminal, markdown, html or json."""
    if fmt == "json":
        return diff.model_dump_json()
    view = build_diff_view(diff, lang)
    if fmt == "html":
        from ivpcheck.render.html import environment

        return environment().get_template("diff_page.html.j2").render(d=view, hb=1, lang=view.lang)
    style = MARKDOWN if fmt == "markdown" else TERMINAL
    return "\n".join(_lines(view, style)).rstrip() + "\n"


@dataclass(frozen=True)
class VersionView:
    """One version: its file, title, score and band as shown."""

    label: str
    path: str
    format: str
    title: str | None
    score: str
    band: str
    band_key: str | None


@dataclass(frozen=True)
class VerdictView:
    """A verdict as shown: symbol and word, and its CSS class."""

    text: str
    css: str


@dataclass(frozen=True)
class PlaceView:
    """Evidence: where it is (page, section) and its quote."""

    where: str
    quote: str

    @property
    def text(self) -> str:
        """'p. 3, § Visie: "quote"', or the quote alone."""
        return f'{self.where}: "{self.quote}"' if self.where else f'"{self.quote}"'


@dataclass(frozen=True)
class ChangeView:
    """One criterion in both versions."""

    id: str
    title: str
    kernelement: bool
    change: str
    arrow: str
    change_label: str
    old: VerdictView
    new: VerdictView
    new_evidence: list[PlaceView]
    lost_evidence: list[PlaceView]


@dataclass(frozen=True)
class AddressedView:
    """An improvement point of the old version and what became of it."""

    rank: int
    id: str
    title: str
    weight: str
    status: str
    status_label: str
    old: VerdictView
    new: VerdictView
    text: str


@dataclass(frozen=True)
class DiffView:
    """Everything a rendering of a comparison shows, worded in one language."""

    lang: str
    D: dict[str, str]
    L: dict[str, str]
    old: VersionView
    new: VersionView
    delta: str
    changed: list[ChangeView]
    unchanged: str
    moved: list[ChangeView]
    addressed: str
    improvements: list[AddressedView]

    @property
    def generated_by(self) -> str:
        """The footer line."""
        return self.D["generated_by"].format(version=__version__)


def build_diff_view(diff: ReportDiff, lang: str = "nl") -> DiffView:
    """The comparison worded for display."""
    lang = lang_or_default(lang)
    D, L = DIFF_LABELS[lang], labels(lang)
    same = [c for c in diff.criteria if c.change == "gelijk"]
    moved = [c for c in same if c.new_evidence or c.lost_evidence]
    items = diff.improvements
    done = sum(i.status == "opgelost" for i in items)
    partly = sum(i.status == "deels opgelost" for i in items)
    return DiffView(
        lang=lang,
        D=D,
        L=L,
        old=_version(D["old"], diff.old, lang),
        new=_version(D["new"], diff.new, lang),
        delta=_delta(diff),
        changed=[_change(c, lang) for c in diff.criteria if c.change != "gelijk"],
        unchanged=D["unchanged"].format(n=len(same), m=len(moved)),
        moved=[_change(c, lang) for c in moved],
        addressed=D["addressed"].format(n=done, total=len(items), partly=partly) if items else "",
        improvements=[_improvement(rank, i, lang) for rank, i in enumerate(items, start=1)],
    )


def _version(label: str, side: DiffSide, lang: str) -> VersionView:
    score = display_score(side.total)
    return VersionView(
        label=label,
        path=side.path,
        format=side.format,
        title=side.title,
        score="–" if score is None else str(score),
        band=BANDS[lang].get(side.band or "", "–"),
        band_key=side.band,
    )


def _delta(diff: ReportDiff) -> str:
    """The change between the scores as shown (the JSON keeps the unrounded change)."""
    old, new = display_score(diff.old.total), display_score(diff.new.total)
    return "" if old is None or new is None else f"{new - old:+d}"


def _verdict(verdict: str | None, lang: str) -> VerdictView:
    if verdict is None:
        return VerdictView("–", "none")
    return VerdictView(verdict_label(verdict, lang), "nvt" if verdict == "n.v.t." else verdict)


def _place(item: Evidence, lang: str) -> PlaceView:
    L = labels(lang)
    parts = []
    if item.page is not None:
        parts.append(f"{L['p']} {item.page}")
    if item.section:
        parts.append(f"{L['sect']} {item.section}")
    return PlaceView(", ".join(parts), item.quote)


def _change(c: CriterionChange, lang: str) -> ChangeView:
    return ChangeView(
        id=c.id,
        title=c.title,
        kernelement=c.kernelement,
        change=c.change,
        arrow=ARROWS[c.change],
        change_label=DIFF_LABELS[lang][c.change],
        old=_verdict(c.old_verdict, lang),
        new=_verdict(c.new_verdict, lang),
        new_evidence=[_place(e, lang) for e in c.new_evidence],
        lost_evidence=[_place(e, lang) for e in c.lost_evidence],
    )


def _improvement(rank: int, item: ImprovementStatus, lang: str) -> AddressedView:
    return AddressedView(
        rank=rank,
        id=item.id,
        title=item.title,
        weight=f"{labels(lang)['weight'].lower()} {item.weight}",
        status=item.status,
        status_label=DIFF_LABELS[lang][item.status],
        old=_verdict(item.old_verdict, lang),
        new=_verdict(item.new_verdict, lang),
        text=item.text,
    )


@dataclass(frozen=True)
class Style:
    """The markup of one text format."""

    h1: str
    h2: str
    bullet: str
    sub: str
    indent: str
    escape: Callable[[str], str]


TERMINAL = Style(h1="", h2="", bullet="", sub="    ", indent="    ", escape=str)
MARKDOWN = Style(h1="# ", h2="## ", bullet="- ", sub="  - ", indent="   ", escape=md_text)


def _lines(v: DiffView, s: Style) -> list[str]:
    """The comparison as lines of terminal text or Markdown."""
    D = v.D
    out = [f"{s.h1}{D['title']}", ""]
    out += [_file(v.old, s), _file(v.new, s), ""]
    delta = f" ({v.delta})" if v.delta else ""
    out += [f"{D['score']}: {_score(v.old)} → {_score(v.new)}{delta}", ""]
    out += [f"{s.h2}{D['changes']}", ""]
    for c in v.changed:
        out += _criterion(c, s, D)
    if not v.changed:
        out.append(D["no_changes"])
    out += ["", v.unchanged, ""]
    for c in v.moved:
        out += _criterion(c, s, D)
    out += ["", f"{s.h2}{D['improvements']}", ""]
    if not v.improvements:
        return [*out, D["no_improvements"]]
    out += [v.addressed, ""]
    for i in v.improvements:
        verdicts = f"{i.old.text} → {i.new.text}"
        out.append(f"{i.rank}. {i.id} {s.escape(i.title)} ({i.weight}): {i.status_label} — {verdicts}")
        out.append(f"{s.indent}{s.escape(i.text)}")
    return out


def _file(side: VersionView, s: Style) -> str:
    title = f" — {s.escape(side.title)}" if side.title else ""
    return f"{s.bullet}{side.label}: {s.escape(side.path)} ({side.format}){title}"


def _score(side: VersionView) -> str:
    return f"{side.score} / 100 ({side.band})"


def _criterion(c: ChangeView, s: Style, D: dict[str, Any]) -> list[str]:
    kern = " ★" if c.kernelement else ""
    verdicts = f"{c.old.text} → {c.new.text} ({c.change_label})"
    out = [f"{s.bullet}{c.arrow} {c.id}{kern} {s.escape(c.title)}: {verdicts}"]
    out += [f"{s.sub}+ {D['new_evidence']}: {s.escape(e.text)}" for e in c.new_evidence]
    out += [f"{s.sub}− {D['lost_evidence']}: {s.escape(e.text)}" for e in c.lost_evidence]
    return out
