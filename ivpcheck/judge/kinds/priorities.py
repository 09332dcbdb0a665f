"""`priorities`: per priority from the profile: its own goals (any, SMART), and named checks such as
'justified' (analysis, figures, region), 'approach' or 'police' within the priority's own text.

A priority's text is the section(s) whose heading names it; failing that, its own section from
the profile when no other priority shares it; failing that, the paragraphs that mention it.
Goals also count when a goal sentence or goal-table row anywhere names the priority."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence, Priority
from ivpcheck.profile.goals import Goal, GoalVocab
from ivpcheck.profile.priorities import PriorityCues, priority_cues
from ivpcheck.text.nlp import Sentence
from ivpcheck.text.passages import Unit, evidence_for, figures
from ivpcheck.text.terms import TermMatcher, matcher

KIND = "priorities"
BASE_METRICS = {
    "count",
    "total",
    "explicit",
    "with_goal",
    "with_smart",
    "without_goal",
    "without_smart",
    "goal_share",
    "smart_share",
}
VALUES = {"priority", "priorities", "priorities_without_goal", "priorities_without_smart", "count"}


class PriorityCheck(BaseModel):
    """A named check on each priority's own text."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)  # see DetectorParams

    terms: list[str] = Field(default_factory=list)
    with_: list[str] = Field(default_factory=list, alias="with", description="must co-occur in the sentence")
    also: list[str] = Field(default_factory=list, description="a third list that must co-occur as well")
    figures: bool = Field(
        default=False, description="a figure (statistic) in the priority's text also counts"
    )
    also_sections: list[str] = Field(
        default_factory=list,
        description="also satisfied by a sentence with figures naming the priority in these sections",
    )
    veto: list[str] = Field(
        default_factory=list,
        description="if the priority's own text has one of these (a political reason), only figures count",
    )
    skip_sections: list[str] = Field(
        default_factory=list,
        description="sub-sections of a priority not about this check ('Wat gaan we doen?' is not why)",
    )
    veto_actors: list[str] = Field(
        default_factory=list,
        description="with `veto_wishes`: a labelled reason where one of these wants it in one sentence "
        "('raadsleden gaven aan dat zij dit willen') is political",
    )
    veto_wishes: list[str] = Field(default_factory=list, description="the wishing words for `veto_actors`")
    in_goals: bool = Field(
        default=False,
        description="goal sentences count too: an ask is often worded as a norm with a number "
        "('één wijkagent per 5.000 inwoners'); a reason or an approach never is a goal",
    )
    labels: list[str] = Field(
        default_factory=list,
        description="the plan's own labels for this check ('Waarom?'): a paragraph opened by one, or under a "
        "sub-heading of one, passes unless the priority's text gives a political reason",
    )


class Params(DetectorParams):
    kind: Literal["priorities"]
    goals: GoalVocab = Field(default_factory=GoalVocab)
    checks: dict[str, PriorityCheck] = Field(default_factory=dict)
    count_regional: bool = Field(default=False, description="count regional priorities in 'count'")
    show: str = Field(default="priorities", description="evidence: priorities, goal, smart or a check name")
    limit: int = Field(default=6, ge=1)


def metrics_for(params: Params) -> set[str]:
    """The metric names this detector yields with these parameters."""
    names = set(BASE_METRICS)
    for name in params.checks:
        names |= {name, f"{name}_share", f"without_{name}", f"{name}_general"}
    return names


def values_for(params: Params) -> set[str]:
    return VALUES | {f"{name}_missing" for name in params.checks}


def describe(params: Params) -> str:
    checks = ", ".join(params.checks) or "geen extra controles"
    return f"de prioriteiten uit het profiel, elk met eigen doelen en ({checks}) in de eigen paragraaf"


@dataclass
class PriorityText:
    """A priority with the text that belongs to it."""

    priority: Priority
    keywords: TermMatcher | None
    own: list[Unit] = field(default_factory=list)
    mentions: list[Unit] = field(default_factory=list)

    @property
    def units(self) -> list[Unit]:
        return self.own or self.mentions

    def names(self, text: str) -> bool:
        return self.keywords is not None and self.keywords.search(text) is not None


def counted(priorities: list[Priority], count_regional: bool, names: PriorityCues) -> int:
    """Distinct local priorities: shared ones plus the largest set of one municipality's own."""
    kept = [p for p in priorities if count_regional or p.scope != "regionaal"]
    shared = {names.key(p.text) for p in kept if not p.municipality}
    local: dict[str, set[str]] = {}
    for p in kept:
        if p.municipality:
            local.setdefault(p.municipality, set()).add(names.key(p.text))
    return len(shared) + max((len(v - shared) for v in local.values()), default=0)


def detect(ctx: Context, params: Params) -> Findings:
    names = priority_cues(ctx.vocab)
    priorities = _unique(ctx.profile.priorities, names)
    texts = priority_texts(ctx, priorities)
    goals = [g for g in ctx.goals(params.goals) if g.is_goal]
    goal_of = {id(t): _goals_for(t, goals) for t in texts}
    has_goal = [t for t in texts if goal_of[id(t)]]
    has_smart = [t for t in texts if any(g.smart for g in goal_of[id(t)])]
    total = len(texts)
    metrics: dict[str, float] = {
        "count": float(counted(priorities, params.count_regional, names)),
        "total": float(total),
        "explicit": float(sum(1 for p in priorities if not p.implicit)),
        "with_goal": float(len(has_goal)),
        "with_smart": float(len(has_smart)),
        "without_goal": float(total - len(has_goal)),
        "without_smart": float(total - len(has_smart)),
        "goal_share": round(len(has_goal) / total, 2) if total else 0.0,
        "smart_share": round(len(has_smart) / total, 2) if total else 0.0,
    }
    values = {
        "count": str(int(metrics["count"])),
        "priorities": _names(texts),
        "priorities_without_goal": _names([t for t in texts if t not in has_goal]),
        "priorities_without_smart": _names([t for t in texts if t not in has_smart]),
    }
    values["priority"] = values["priorities_without_goal"] or values["priorities_without_smart"]
    check_evidence: dict[str, list[Evidence]] = {}
    goal_keys = {(g.unit.index, g.start) for g in goals}
    own_units = {u.index for t in texts for u in t.own}
    for name, check in params.checks.items():
        tester = _Tester(ctx, check, goal_keys)
        results = {id(t): tester.priority(t) for t in texts}
        passed = [t for t in texts if results[id(t)]]
        general = tester.general(own_units)
        metrics[name] = float(len(passed))
        metrics[f"without_{name}"] = float(total - len(passed))
        metrics[f"{name}_share"] = round(len(passed) / total, 2) if total else 0.0
        metrics[f"{name}_general"] = float(general is not None)
        values[f"{name}_missing"] = _names([t for t in texts if not results[id(t)]])
        check_evidence[name] = [results[id(t)] for t in passed] + ([general] if general else [])  # type: ignore[misc]
    evidence = _evidence(params, texts, goal_of, check_evidence)
    return Findings(
        found=total > 0,
        metrics=metrics,
        values=values,
        evidence=evidence[: params.limit],
        searched=describe(params),
    )


def _evidence(params, texts, goal_of, check_evidence) -> list[Evidence]:
    if params.show in check_evidence:
        return check_evidence[params.show]
    if params.show in {"goal", "smart"}:
        out = []
        for t in texts:
            chosen = [g for g in goal_of[id(t)] if g.smart or params.show == "goal"]
            if chosen:
                out.append(chosen[0].evidence(f"doel bij '{t.priority.text}'"))
        return out
    return [
        Evidence(
            page=t.priority.page,
            section=t.priority.section,
            quote=t.priority.text[:200],
            matched="prioriteit",
        )
        for t in texts
    ]


def _unique(priorities: list[Priority], names: PriorityCues) -> list[Priority]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for p in priorities:
        key = (names.key(p.text), p.municipality)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _names(texts: list[PriorityText]) -> str:
    return ", ".join(f"'{t.priority.text}'" for t in texts)


def priority_texts(ctx: Context, priorities: list[Priority]) -> list[PriorityText]:
    """The text of every priority (cached per context: every priority rule asks for the same)."""
    if "priority_texts" not in ctx.cache:
        ctx.cache["priority_texts"] = [_text_of(ctx, p, priorities) for p in priorities]
    return ctx.cache["priority_texts"]  # type: ignore[return-value]


def _text_of(ctx: Context, priority: Priority, all_priorities: list[Priority]) -> PriorityText:
    view = ctx.view
    names = priority_cues(ctx.vocab)
    keywords = names.keywords(priority.text, priority.matched)
    result = PriorityText(priority, keywords)
    for head in view.heading_units:
        if names.heading_names(head.text, priority.text, keywords) and not _elsewhere(ctx, head):
            result.own.extend(view.section_units(head))
    if not result.own and priority.section:
        sharing = sum(1 for p in all_priorities if p.section == priority.section)
        heads = [h for h in view.heading_units if " ".join(h.text.split()) == priority.section]
        if sharing == 1 and heads:
            result.own.extend(view.section_units(heads[0]))
    if keywords is not None:
        result.mentions = [
            u
            for u in view.units
            if u.block.kind in {"paragraph", "list_item", "table"} and keywords.search(u.text)
        ]
    return result


def _elsewhere(ctx: Context, head: Unit) -> bool:
    """A heading inside the analysis or a look-back names a theme, not the priority's own section."""
    other = matcher(
        tuple(ctx.terms([t for t in ("@analysis_headings", "@review_headings") if t[1:] in ctx.vocab.items]))
    )
    return any(other.search(a) for a in head.ancestors[:-1])


def _goals_for(text: PriorityText, goals: list[Goal]) -> list[Goal]:
    own = {u.index for u in text.own}
    return [g for g in goals if g.unit.index in own or text.names(g.text)]


class _Tester:
    """Applies one named check to units, skipping goal sentences (a goal is not its own justification)."""

    def __init__(self, ctx: Context, check: PriorityCheck, goal_keys: set[tuple[int, int]]) -> None:
        self.ctx = ctx
        self.check = check
        self.goal_keys = goal_keys
        self.lists = [
            matcher(tuple(ctx.terms(items))) for items in (check.terms, check.with_, check.also) if items
        ]
        self.review = (
            matcher(tuple(ctx.terms(["@review_headings"]))) if "review_headings" in ctx.vocab.items else None
        )
        self.veto = matcher(tuple(ctx.terms(check.veto))) if check.veto else None
        self.skip = matcher(tuple(ctx.terms(check.skip_sections))) if check.skip_sections else None
        self.label = _label_pattern(ctx.terms(check.labels)) if check.labels else None
        self.actors = matcher(tuple(ctx.terms(check.veto_actors))) if check.veto_actors else None
        self.wishes = matcher(tuple(ctx.terms(check.veto_wishes))) if check.veto_wishes else None

    def priority(self, text: PriorityText) -> Evidence | None:
        """Evidence that the priority's own text passes the check, or None."""
        skip = self.skip
        units = [u for u in text.units if not (skip and u.ancestors and skip.search(u.ancestors[-1]))]
        vetoed = self.veto is not None and any(self.veto.search(u.text) for u in units)
        for unit in units:
            found = self.unit(unit, figures_only=vetoed)
            if found:
                return found
        if self.check.also_sections:
            sections = matcher(tuple(self.ctx.terms(self.check.also_sections)))
            for unit in self.ctx.view.units:
                if unit.block.kind == "heading" or not any(sections.search(a) for a in unit.ancestors):
                    continue
                for sentence in unit.sentences:
                    if text.names(sentence.text) and figures(sentence.text):
                        return evidence_for(unit, sentence.start, sentence.start, text.priority.text)
        return None

    def general(self, own_units: set[int]) -> Evidence | None:
        """Evidence that the check passes outside every priority's own text (and outside look-backs)."""
        for unit in self.ctx.view.units:
            if unit.index in own_units or unit.block.kind in {"heading", "toc", "cover", "colophon"}:
                continue
            if self.review is not None and any(self.review.search(a) for a in unit.ancestors):
                continue
            found = self.unit(unit)
            if found:
                return found
        return None

    def political(self, unit: Unit) -> bool:
        """The labelled reason is political: a veto phrase, or an actor who wants it in one sentence."""
        if self.veto is not None and self.veto.search(unit.text):
            return True
        if self.actors is None or self.wishes is None:
            return False
        return any(self.actors.search(s.text) and self.wishes.search(s.text) for s in unit.sentences)

    def labelled(self, unit: Unit) -> Evidence | None:
        """Evidence when the plan labels this paragraph as what the check asks ('Waarom? ...', or under
        a 'Waarom?' sub-heading): the quote is the reason after the label, not the label."""
        if (
            self.label is None
            or unit.block.kind not in ("paragraph", "list_item")
            or len(unit.text.split()) < 8
        ):
            return None
        if label := self.label.match(unit.text):
            start = min(label.end() + 1, len(unit.text) - 1)
            return evidence_for(unit, start, start, label.group(0).strip())
        if unit.ancestors and self.label.fullmatch(unit.ancestors[-1]):
            return evidence_for(unit, 0, 0, unit.section)
        return None

    def _names_all(self, unit: Unit, sentence: Sentence, led_text: str | None) -> bool:
        """Whether the sentence (read on into the list items it leads in: `led_text`) holds a term of
        every list."""
        if led_text is not None:
            return all(m.search(led_text) for m in self.lists)
        return all(unit.holds(m, sentence.start, sentence.end) for m in self.lists)

    def unit(self, unit: Unit, figures_only: bool = False) -> Evidence | None:
        if unit.block.kind == "heading":
            return None
        if not figures_only and (labelled := self.labelled(unit)) and not self.political(unit):
            return labelled
        tail = self.ctx.view.continuation(unit) if len(self.lists) > 1 else ""
        for sentence in unit.sentences:
            if not self.check.in_goals and (unit.index, sentence.start) in self.goal_keys:
                continue
            led = tail and sentence.end >= len(unit.text.rstrip()) - 1  # a lead-in: its list items read on
            text = sentence.text + (" " + tail if led else "")
            if not figures_only and self.lists and self._names_all(unit, sentence, text if led else None):
                hit = self.lists[0].search(sentence.text) or self.lists[0].search(text)
                start = sentence.start + (hit.start if hit and hit.start < len(sentence.text) else 0)
                return evidence_for(unit, start, start, hit.text if hit else None)
            if self.check.figures and unit.block.kind != "table" and figures(sentence.text):
                return evidence_for(unit, sentence.start, sentence.start, "cijfers")
        return None


def _label_pattern(labels: list[str]) -> re.Pattern[str]:
    """A run-in label or sub-heading: the label, a few more words at most, then '?', ':' or '.'
    ('Waarom?', 'Waarom prioriteit.', '4.2.1 Waarom is dit een prioriteit?')."""
    words = "|".join(re.escape(label.rstrip("?:. ")) for label in labels)
    return re.compile(rf"\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:{words})\b[^.?:\n]{{0,40}}(?:[?:.]|$)", re.IGNORECASE)
