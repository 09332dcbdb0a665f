"""The one goal finder: which sentences (and goal-table rows) state a goal, which are SMART (goal +
quantity + time), which have a baseline, and which name only a means (an activity or instrument)
instead of an effect. The profile's targets and the judge's `targets` and `priorities` kinds (P4, P5,
P7, P8) all read its goals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from ivpcheck.model.report import Evidence
from ivpcheck.text import starts
from ivpcheck.text.nlp import Sentence, lemma_text
from ivpcheck.text.passages import DocView, Unit, figures, trim_quote
from ivpcheck.text.terms import TermMatcher, matcher
from ivpcheck.text.vocab import Vocabularies

YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d])")
# searched in every sentence: behind a lookahead for their first characters (text/starts.py)
BASELINE_YEAR_BEFORE = starts.compiled(
    r"(?:ten opzichte van|t\.o\.v\.|sinds|vanaf|vergeleken met|in vergelijking met|nulmeting|niveau van|peil)"
    r"\s*(?:het\s+)?(?:jaar\s+)?$",
    re.IGNORECASE,
)
BASELINE = starts.compiled(
    r"\bvan\s+[\d.,]+\s*(?:%|procent)?(?:\s+\w+){0,4}?\s+(?:in\s+(?:19|20)\d\d\s+)?naar\b"
    r"|\((?:19|20)\d\d:\s*[\d.,]+|\bten opzichte van\b|\bt\.o\.v\.|\bnulmeting\w*"
    r"|\buitgangs(?:waarde|situatie|positie)\w*"
    r"|\breferentiejaar\w*|\b\(nu:?\s*[\d.,]+|\bhuidige? (?:waarde|niveau|score)\b|\bbasisjaar\b",
    re.IGNORECASE,
)
RELATIVE_TIME = starts.compiled(
    r"\bbinnen\s+(?:\w+\s+)?(?:jaar|jaren|maanden)\b"
    r"|\b(?:aan het |tegen het )?einde? van (?:de|deze) (?:plan)?(?:periode|looptijd)\b"
    r"|\b(?:in|gedurende|tijdens|over) de (?:plan)?(?:periode|looptijd)\b|\bplanperiode\b|\bjaarlijks\b"
    r"|\bper jaar\b"
    r"|\belk jaar\b|\bieder jaar\b|\bper kwartaal\b|\bkomende (?:twee|drie|vier|\d) jaar\b",
    re.IGNORECASE,
)
QUANTITY_WORDS = starts.compiled(
    r"\b(?:halveren|halvering|gehalveerd|verdubbel\w*|met een (?:derde|kwart|vijfde|tiende|half)|nul"
    r"|geen\b.{0,60}\bmeer|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf|vijftien|twintig|dertig"
    r"|veertig|vijftig|honderd|alle)\b",
    re.IGNORECASE,
)
OUTCOME_CHANGE = re.compile(
    r"\b(?:geen|minder|niet langer|nul|voelt|voelen|ervaart|ervaren|weet|weten|tevreden|veiliger"
    r"|onveilig\w*)\b",
    re.IGNORECASE,
)
SMALL_NUMBER_AFTER = starts.compiled(
    r"(?:maximaal|minimaal|ten minste|tenminste|ten hoogste|hoogstens|niet meer dan|minder dan|meer dan"
    r"|onder de|boven de)\s+\d\b",
    re.IGNORECASE,
)


class GoalVocab(BaseModel):
    """Vocabularies that tell goal sentences apart (references to rules/vocab by default)."""

    model_config = ConfigDict(extra="forbid")

    goal_terms: list[str] = Field(default_factory=lambda: ["@goal_words"])
    goal_statements: list[str] = Field(default_factory=lambda: ["@goal_statements"])
    direction_terms: list[str] = Field(default_factory=lambda: ["@direction_words"])
    change_terms: list[str] = Field(default_factory=lambda: ["@direction_words.change"])
    normative_terms: list[str] = Field(
        default_factory=lambda: ["@goal_tables.normative"],
        description="with a change word these make a goal ('het aantal inbraken moet omlaag')",
    )
    goal_labels: list[str] = Field(default_factory=lambda: ["@goal_tables.goal_labels"])
    goal_sections: list[str] = Field(default_factory=lambda: ["@goal_headings"])
    other_sections: list[str] = Field(
        default_factory=lambda: ["@approach", "@goal_tables.principle_headings"],
        description="a sub-heading of these (approach, working principles) ends its parent's goal context "
        "('3 Ambitie en werkwijze' > '3.2 Werkprincipes')",
    )
    past_sections: list[str] = Field(default_factory=lambda: ["@review_headings"])
    past_terms: list[str] = Field(default_factory=lambda: ["@past_markers.tenses"])
    perfect_terms: list[str] = Field(
        default_factory=lambda: ["@past_markers.perfect"],
        description="participles that make a sentence whose years are all past a result "
        "('is in de periode 2018-2020 met 15% toegenomen')",
    )
    means_terms: list[str] = Field(default_factory=lambda: ["@means"])
    deferral_terms: list[str] = Field(default_factory=lambda: ["@deferral"])
    effect_terms: list[str] = Field(default_factory=lambda: ["@effects"])
    baseline_columns: list[str] = Field(default_factory=lambda: ["@goal_tables.baseline_columns"])
    target_columns: list[str] = Field(default_factory=lambda: ["@goal_tables.target_columns"])
    indicator_columns: list[str] = Field(default_factory=lambda: ["@goal_tables.indicator_columns"])


@dataclass
class Goal:
    """A sentence or goal-table row that states a goal."""

    unit: Unit
    text: str
    start: int
    stated: bool
    cue: bool
    direction: bool
    change: bool
    quantity: bool
    time: bool
    baseline: bool
    means: bool
    effect: bool

    complete: bool = False  # an indicator with both a baseline and a target value
    indicator: bool = False  # a row of an indicator table

    @property
    def smart(self) -> bool:
        return (self.stated or self.cue or self.change) and self.quantity and self.time

    @property
    def is_goal(self) -> bool:
        return self.stated or self.smart

    @property
    def means_only(self) -> bool:
        return self.means and not self.effect

    def evidence(self, matched: str) -> Evidence:
        return Evidence(
            page=self.unit.block.page, section=self.unit.section, quote=trim_quote(self.text), matched=matched
        )


@dataclass
class GoalSource:
    """What the goal finder reads: the indexed document, the vocabularies and the plan's period."""

    view: DocView
    vocab: Vocabularies
    first_year: int | None
    last_year: int | None


def find_goals(source: GoalSource, spec: GoalVocab) -> list[Goal]:
    """All goal candidates of the document (cached on the view per vocabulary and period)."""
    key = f"goals:{id(source.vocab)}:{source.first_year}:{source.last_year}:{spec.model_dump_json()}"
    cache = source.view.cache
    if key not in cache:
        cache[key] = _GoalFinder(source, spec).run()
    return cache[key]  # type: ignore[return-value]


YEAR_COLUMN = re.compile(r"^\s*(?:[^\W\d]+\s+){0,2}(?:19|20)\d\d\s*$")  # '2027', 'Doel 2026', 'stand 2023'
LABEL = re.compile(r"^[\w' ]{2,40}[.:?]$")


class _GoalFinder:
    def __init__(self, source: GoalSource, vocab: GoalVocab) -> None:
        self.view = source.view
        terms = source.vocab.expand
        self.goal = matcher(tuple(terms(vocab.goal_terms)))
        self.statement = matcher(tuple(terms(vocab.goal_statements)))
        self.direction = matcher(tuple(terms(vocab.direction_terms)))
        self.change = matcher(tuple(terms(vocab.change_terms)))
        self.normative = matcher(tuple(terms(vocab.normative_terms)))
        self.goal_labels = tuple(t.lower() for t in terms(vocab.goal_labels))
        self.goal_sections = matcher(tuple(terms(vocab.goal_sections)))
        self.other_sections = matcher(tuple(terms(vocab.other_sections)))
        self.past_sections = matcher(tuple(terms(vocab.past_sections)))
        self.past = matcher(tuple(terms(vocab.past_terms)))
        self.perfect = matcher(tuple(terms(vocab.perfect_terms)))
        self.means = matcher(tuple(terms(vocab.means_terms)))
        self.deferral = matcher(tuple(terms(vocab.deferral_terms)))
        self.effect = matcher(tuple(terms(vocab.effect_terms)))
        self.baseline_col = matcher(tuple(terms(vocab.baseline_columns)))
        self.target_col = matcher(tuple(terms(vocab.target_columns)))
        self.indicator_col = matcher(tuple(terms(vocab.indicator_columns)))
        self.first_year = source.first_year
        self.last_year = source.last_year

    def run(self) -> list[Goal]:
        goals: list[Goal] = []
        units = [u for u in self.view.units if u.block.kind in {"paragraph", "list_item", "table"}]
        lead = False  # the last paragraph opened a list of goals ("Wat willen we bereiken?")
        section: tuple[str, ...] = ()
        table: list[Unit] = []
        for unit in units:
            if table and (unit.block.kind != "table" or unit.index != table[-1].index + 1):
                goals += self._table(table)
                table = []
            if any(self.past_sections.search(a) for a in unit.ancestors):
                continue
            if unit.ancestors != section:
                section, lead = unit.ancestors, False
            if unit.block.kind == "table":
                table.append(unit)
                continue
            in_section = self._in_goal_section(unit.ancestors)
            context = in_section or (unit.block.kind == "list_item" and lead)
            for sentence in unit.sentences:
                label = self._label(sentence.text)
                if label is not None:
                    context = in_section or label
                    continue
                goal = self._sentence(unit, sentence, context)
                if goal:
                    goals.append(goal)
            if unit.block.kind == "paragraph":
                lead = context
        if table:
            goals += self._table(table)
        return goals

    def _in_goal_section(self, ancestors: tuple[str, ...]) -> bool:
        """Under a goal heading: the nearest heading, or its parent unless the nearest heading is
        about something else (the approach, working principles)."""
        if not ancestors:
            return False
        if self.goal_sections.search(ancestors[-1]):
            return True
        parent = len(ancestors) >= 2 and self.goal_sections.search(ancestors[-2]) is not None
        return parent and self.other_sections.search(ancestors[-1]) is None

    def _label(self, text: str) -> bool | None:
        """A run-in label ('Wat willen we bereiken.', 'Doel:', 'Aanpak.').

        True opens goals, False closes them, None for an ordinary sentence."""
        text = text.strip().strip("*").strip()
        words = len(text.split())
        if words > 6 or not LABEL.match(text):
            return None
        lowered = text.lower()
        if self.goal_sections.search(text) or "bereiken" in lowered or lowered.startswith(self.goal_labels):
            return True
        if lowered.startswith("concreet") and text.endswith(":"):
            return True
        if words <= 3 or text.endswith((":", "?")):
            return False
        return None

    def _years(self, text: str) -> list[int]:
        years = []
        for match in YEAR.finditer(text):
            if (
                BASELINE_YEAR_BEFORE.search(text[: match.start()])
                or text[match.end() : match.end() + 1] == ":"
            ):
                continue
            if text[: match.start()].rstrip().endswith("("):
                continue
            years.append(int(match.group(1)))
        return years

    def _future(self, years: list[int]) -> bool:
        if self.first_year is None:
            return bool(years)
        last = (self.last_year or self.first_year + 4) + 3
        return any(self.first_year <= y <= last for y in years)

    def _quantity(self, text: str) -> bool:
        stripped = YEAR.sub(" ", text)
        stripped = re.sub(r"\b\d{4}\s*[-–]\s*\d{4}\b", " ", stripped)
        return bool(
            figures(stripped) or QUANTITY_WORDS.search(stripped) or SMALL_NUMBER_AFTER.search(stripped)
        )

    def _sentence(self, unit: Unit, sentence: Sentence, in_context: bool) -> Goal | None:
        text = sentence.text

        def has(terms: TermMatcher) -> bool:
            return unit.holds(terms, sentence.start, sentence.end)

        if text.endswith("?") or has(self.deferral):
            return None  # a question, or a goal put off to a later document: a promise, not a goal
        stated = in_context or has(self.statement)
        if not stated and has(self.normative) and has(self.change):
            stated = True  # a norm with a direction: "het aantal inbraken moet omlaag"
        cue = stated or has(self.goal)
        direction = has(self.direction)
        if cue and not direction:  # inflected verbs ('verminderd', 'gedaald'): try the lemmas
            direction = self.direction.search(lemma_text(text)) is not None
        if not (cue or direction):
            return None
        years = self._years(text)
        future = self._future(years)
        if not future and (has(self.past) or (years and has(self.perfect))):
            return None  # a result: past tense, or a perfect participle with past years only
        quantity = self._quantity(text)
        baseline = BASELINE.search(text) is not None
        goal = Goal(
            unit=unit,
            text=text,
            start=sentence.start,
            stated=stated,
            cue=cue,
            direction=direction,
            change=has(self.change) or (direction and self.change.search(lemma_text(text)) is not None),
            quantity=quantity,
            time=future or RELATIVE_TIME.search(text) is not None,
            baseline=baseline,
            means=has(self.means),
            # an outcome stated as a change: an effect noun with a direction, or perception words
            effect=has(self.effect) and (direction or OUTCOME_CHANGE.search(text) is not None),
        )
        goal.complete = goal.smart and baseline
        return goal

    def _table(self, rows: list[Unit]) -> list[Goal]:
        """Rows of a table with target columns (streefwaarde, doel, a future year) or indicator columns."""
        header = [c.strip() for c in rows[0].text.split("|")]
        roles = [self._column(cell) for cell in header]
        if sum(1 for cell in header if YEAR_COLUMN.match(cell)) >= 3:
            # a time series (figures per year) is history, not a target: only named columns count
            roles = [None if YEAR_COLUMN.match(c) else role for c, role in zip(header, roles, strict=True)]
        targets = [i for i, r in enumerate(roles) if r == "target"]
        baselines = [i for i, r in enumerate(roles) if r == "baseline"]
        named_baseline = any(self.baseline_col.search(cell.replace(" ", "")) for cell in header)
        indicator_table = bool(targets) or (named_baseline and bool(self.indicator_col.search(rows[0].text)))
        if not indicator_table:
            return []
        goals = []
        for row in rows[1:]:
            if " ".join(row.text.split()) == " ".join(rows[0].text.split()):
                continue  # the header repeated after a page break
            cells = [c.strip() for c in row.text.split("|")]
            numeric = [i for i, c in enumerate(cells) if re.search(r"\d", YEAR.sub(" ", c))]
            if len([c for c in cells if c]) < 2:
                continue
            has_target = any(i in numeric for i in targets)
            has_baseline = any(i in numeric for i in baselines)
            # "daling" or "lager dan 2022" in the target column is a target value without a number:
            # enough for an indicator with baseline and target (P5), not for a measurable goal (P4)
            has_direction = any(i < len(cells) and self.direction.search(cells[i]) for i in targets)
            text = f"{row.text}  [{rows[0].text}]"
            goals.append(
                Goal(
                    unit=row,
                    text=text,
                    start=0,
                    stated=has_target,
                    cue=has_target,
                    direction=False,
                    change=False,
                    quantity=True,
                    time=has_target,
                    baseline=has_baseline,
                    means=self.means.search(row.text) is not None,
                    effect=self.effect.search(row.text) is not None,
                    complete=has_baseline and (has_target or has_direction),
                    indicator=True,
                )
            )
        return goals

    def _column(self, cell: str) -> str | None:
        """'baseline', 'target' or None for a header cell (also when narrow columns broke its words)."""
        cell = cell if " " not in cell.strip() or len(cell) > 40 else cell.replace(" ", "")
        if self.baseline_col.search(cell):
            return "baseline"
        if self.target_col.search(cell):
            return "target"
        years = [int(y) for y in YEAR.findall(cell)] if YEAR_COLUMN.match(cell) else []
        if years and self.first_year is not None:
            return "target" if max(years) >= self.first_year else "baseline"
        return None
