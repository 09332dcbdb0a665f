"""`ivpcheck diff` output: two versions of a plan compared, as terminal text, Markdown or JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ivpcheck.model.diff import CriterionChange, DiffSide, ImprovementStatus, ReportDiff
from ivpcheck.model.report import Evidence
from ivpcheck.render.labels import BANDS, DIFF_LABELS, labels
from ivpcheck.render.markdown import md_text
from ivpcheck.render.view import display_score, verdict_label

ARROWS = {"beter": "▲", "slechter": "▼", "gelijk": "=", "anders": "≠", "nieuw": "+", "vervallen": "−"}


def render_diff(diff: ReportDiff, fmt: str, lang: str = "nl") -> str:
    """The comparison in one format: terminal, markdown or json."""
    if fmt == "json":
        return diff.model_dump_json()
    style = MARKDOWN if fmt == "markdown" else TERMINAL
    return "\n".join(_Writer(lang, style).lines(diff)).rstrip() + "\n"


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


@dataclass
class _Writer:
    lang: str
    style: Style

    def __post_init__(self) -> None:
        self.D = DIFF_LABELS.get(self.lang, DIFF_LABELS["nl"])
        self.L = labels(self.lang)

    def lines(self, diff: ReportDiff) -> list[str]:
        s, D = self.style, self.D
        out = [f"{s.h1}{D['title']}", ""]
        out += [self._file(D["old"], diff.old), self._file(D["new"], diff.new), ""]
        out += [f"{D['score']}: {self._score(diff.old)} → {self._score(diff.new)}{self._delta(diff)}", ""]
        out += [f"{s.h2}{D['changes']}", ""]
        changed = [c for c in diff.criteria if c.change != "gelijk"]
        for c in changed:
            out += self._criterion(c)
        if not changed:
            out.append(D["no_changes"])
        same = [c for c in diff.criteria if c.change == "gelijk"]
        moved = [c for c in same if c.new_evidence or c.lost_evidence]
        out += ["", D["unchanged"].format(n=len(same), m=len(moved)), ""]
        for c in moved:
            out += self._criterion(c)
        out += ["", f"{s.h2}{D['improvements']}", ""]
        out += self._improvements(diff.improvements)
        return out

    def _file(self, label: str, side: DiffSide) -> str:
        title = f" — {self.style.escape(side.title)}" if side.title else ""
        return f"{self.style.bullet}{label}: {self.style.escape(side.path)} ({side.format}){title}"

    def _score(self, side: DiffSide) -> str:
        band = BANDS.get(self.lang, BANDS["nl"]).get(side.band or "", "–")
        score = display_score(side.total)
        return f"{score if score is not None else '–'} / 100 ({band})"

    def _delta(self, diff: ReportDiff) -> str:
        """The change between the scores as shown (the JSON keeps the unrounded change)."""
        old, new = display_score(diff.old.total), display_score(diff.new.total)
        return "" if old is None or new is None else f" ({new - old:+d})"

    def _verdicts(self, old: str | None, new: str | None) -> str:
        def one(verdict: str | None) -> str:
            return verdict_label(verdict, self.lang) if verdict else "–"

        return f"{one(old)} → {one(new)}"

    def _criterion(self, c: CriterionChange) -> list[str]:
        s = self.style
        kern = " ★" if c.kernelement else ""
        head = f"{s.bullet}{ARROWS[c.change]} {c.id}{kern} {s.escape(c.title)}: "
        out = [head + f"{self._verdicts(c.old_verdict, c.new_verdict)} ({self.D[c.change]})"]
        out += [f"{s.sub}+ {self.D['new_evidence']}: {self._where(e)}" for e in c.new_evidence]
        out += [f"{s.sub}− {self.D['lost_evidence']}: {self._where(e)}" for e in c.lost_evidence]
        return out

    def _where(self, item: Evidence) -> str:
        parts = []
        if item.page is not None:
            parts.append(f"{self.L['p']} {item.page}")
        if item.section:
            parts.append(f"{self.L['sect']} {item.section}")
        quote = f'"{item.quote}"'
        return self.style.escape(f"{', '.join(parts)}: {quote}" if parts else quote)

    def _improvements(self, items: list[ImprovementStatus]) -> list[str]:
        s, D = self.style, self.D
        if not items:
            return [D["no_improvements"]]
        done = sum(i.status == "opgelost" for i in items)
        partly = sum(i.status == "deels opgelost" for i in items)
        out = [D["addressed"].format(n=done, total=len(items), partly=partly), ""]
        for rank, item in enumerate(items, start=1):
            weight = f"{self.L['weight'].lower()} {item.weight}"
            verdicts = self._verdicts(item.old_verdict, item.new_verdict)
            out.append(f"{rank}. {item.id} {s.escape(item.title)} ({weight}): {D[item.status]} — {verdicts}")
            out.append(f"{s.indent}{s.escape(item.text)}")
        return out
