"""The document indexed for detectors: blocks with their outline position, sentences, scopes, quotes."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ivpcheck.model.document import PROSE_KINDS, Block, Document
from ivpcheck.model.report import Evidence
from ivpcheck.text import starts
from ivpcheck.text.nlp import Sentence, sentences, words
from ivpcheck.text.term_index import INDEX, Words, words_of
from ivpcheck.text.terms import TermHit, TermMatcher, matcher

QUOTE_MAX = 200

BlockKindName = Literal[
    "paragraph", "heading", "list_item", "table", "caption", "footnote", "toc", "cover", "colophon"
]

# Cues of a council decision block ("De raad van de gemeente ... gelet op ... besluit").
DECISION_HEADINGS = ("raadsbesluit", "besluit", "besluit van de raad", "raadsvoorstel")
DECISION_CUES = (
    "gelet op",
    "besluit:",
    "gelezen het voorstel",
    "de raad van de gemeente",
    "aldus vastgesteld",
)


class Scope(BaseModel):
    """Where a detector looks. Default: the whole document except the table of contents."""

    model_config = ConfigDict(extra="forbid")

    sections: list[str] = Field(
        default_factory=list, description="only sections whose heading (or a parent heading) matches"
    )
    exclude_sections: list[str] = Field(
        default_factory=list, description="skip sections whose heading matches"
    )
    kinds: list[BlockKindName] | None = Field(default=None, description="only these block kinds")
    decision: bool = Field(default=False, description="only the council decision block")
    prose: bool = Field(default=False, description="only paragraphs and list items")

    def describe(self) -> str:
        """Dutch description of the scope, for 'searched' and `ivpcheck rules`."""
        parts = []
        if self.decision:
            parts.append("het raadsbesluit")
        if self.sections:
            parts.append("paragrafen met kopjes als " + ", ".join(self.sections[:4]))
        if self.prose:
            parts.append("lopende tekst")
        where = " en ".join(parts) if parts else "de hele tekst"
        if self.exclude_sections:
            where += " (behalve " + ", ".join(self.exclude_sections[:3]) + ")"
        return where


@dataclass
class Unit:
    """One block with its position in the outline."""

    index: int
    block: Block
    ancestors: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.block.text

    @property
    def section(self) -> str | None:
        """The label of the heading this block sits under (or is)."""
        return self.ancestors[-1] if self.ancestors else self.block.section

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return sentences(self.block.text)

    @cached_property
    def term_words(self) -> Words | None:
        """Its text's words with their matches against the shared term index, kept while the document is
        checked (the process's word cache holds only the last few thousand texts)."""
        return words_of(self.block.text)

    @cached_property
    def word_count(self) -> int:
        return len(words(self.block.text))

    def holds(self, terms: TermMatcher, start: int, end: int) -> bool:
        """Whether its text[start:end] (a sentence, say) holds one of the terms: told from the block's cached
        term matches where they tell it (`TermMatcher.occurs_within`), else by searching that part."""
        found = terms.occurs_within(self.term_words, start, end)
        return terms.search(self.block.text[start:end]) is not None if found is None else found

    def sentence_at(self, pos: int) -> Sentence:
        """The sentence containing character position `pos`."""
        for sentence in self.sentences:
            if sentence.start <= pos < sentence.end:
                return sentence
        return self.sentences[-1] if self.sentences else Sentence(self.text, 0, len(self.text))


@dataclass(frozen=True)
class TermPlaces:
    """Where the shared term index's terms occur in a document: the units each term is in."""

    version: int  # the index's version they were found with
    units_by_term: dict[str, list[int]]
    terms: frozenset[str]
    unindexed: list[int]  # contents lines and units whose text is matched by patterns (always scanned)


class DocView:
    """A Document indexed once for all detectors of one check."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.units = self._build_units(doc)
        self._scope_cache: dict[str, list[Unit]] = {}
        self._places: TermPlaces | None = None
        self._positions: dict[int, tuple[list[Unit], dict[int, int] | None]] = {}
        self.cache: dict[str, object] = {}  # what the stages derive from the view once (e.g. goals)

    @staticmethod
    def _build_units(doc: Document) -> list[Unit]:
        stack: list[tuple[int, str]] = []
        units = []
        for index, block in enumerate(doc.blocks):
            if block.kind == "heading":
                level = block.level or 1
                while stack and stack[-1][0] >= level:
                    stack.pop()
                stack.append((level, " ".join(block.text.split())))
            units.append(Unit(index, block, tuple(label for _, label in stack)))
        return units

    @cached_property
    def decision_units(self) -> list[Unit]:
        """The council decision block: a section headed 'Raadsbesluit', or decision text before chapter 1."""
        heading_terms = matcher(DECISION_HEADINGS)
        found = [u for u in self.units if u.ancestors and heading_terms.search(u.ancestors[0])]
        found = [u for u in found if _heading_is(u.ancestors[0], DECISION_HEADINGS)]
        before = [u for u in self.units if not u.ancestors and u.block.kind != "toc"]
        if any(cue in u.text.lower() for u in before for cue in DECISION_CUES):
            found = before + found
        return found

    def in_scope(self, scope: Scope | None) -> list[Unit]:
        """The units a scope selects (cached per scope)."""
        scope = scope or Scope()
        key = scope.model_dump_json()
        if key not in self._scope_cache:
            self._scope_cache[key] = self._select(scope)
        return self._scope_cache[key]

    def _select(self, scope: Scope) -> list[Unit]:
        units = self.decision_units if scope.decision else self.units
        if scope.kinds is not None:
            units = [u for u in units if u.block.kind in scope.kinds]
        elif scope.prose:
            units = [u for u in units if u.block.kind in PROSE_KINDS]
        else:
            units = [u for u in units if u.block.kind != "toc"]
        if scope.sections:
            wanted = matcher(tuple(scope.sections))
            units = [u for u in units if any(wanted.search(a) for a in u.ancestors)]
        if scope.exclude_sections:
            unwanted = matcher(tuple(scope.exclude_sections))
            units = [u for u in units if not any(unwanted.search(a) for a in u.ancestors)]
        return units

    def word_count(self, units: Iterable[Unit]) -> int:
        return sum(u.word_count for u in units)

    def find_terms(self, units: list[Unit], terms: list[str]) -> Iterator[tuple[Unit, TermHit]]:
        """Every term hit in the units, in their order. Rules look for dozens of term lists in the same
        blocks and most blocks hold none of a list's terms: only those that hold one are scanned."""
        if not terms:
            return
        term_matcher = matcher(tuple(terms))  # built first: it may add terms to the shared index
        find_all = term_matcher.find_all
        for unit in self._holding(units, term_matcher.index_terms):
            for hit in find_all(unit.block.text):
                yield unit, hit

    def _holding(self, units: list[Unit], terms: frozenset[str] | None) -> list[Unit]:
        """The units that may hold one of the shared index's `terms`, in their order (None: all units)."""
        if terms is None:
            return units
        places = self.term_places()
        indexes = set(places.unindexed)
        for term in terms & places.terms:
            indexes.update(places.units_by_term[term])
        position = self._position_in(units)
        if position is None:
            return [unit for unit in units if unit.index in indexes]
        return [units[at] for at in sorted(position[i] for i in indexes if i in position)]

    def _position_in(self, units: list[Unit]) -> dict[int, int] | None:
        """Unit index -> its position in `units` (None when a unit is in it twice); cached per list."""
        entry = self._positions.get(id(units))
        if entry is None or entry[0] is not units:  # the list is kept with it, so its id is not reused
            position = {unit.index: at for at, unit in enumerate(units)}
            entry = self._positions[id(units)] = (units, position if len(position) == len(units) else None)
        return entry[1]

    def term_places(self) -> TermPlaces:
        """The units each term of the shared index occurs in (found again when terms were added)."""
        if self._places is None or self._places.version != INDEX.version:
            by_term: dict[str, list[int]] = defaultdict(list)
            unindexed = []
            for unit in self.units:
                if unit.block.kind == "toc" or unit.term_words is None:  # contents lines: hardly ever
                    unindexed.append(unit.index)  # searched, so scanned when they are, not indexed
                    continue
                for term in unit.term_words.matches():
                    by_term[term].append(unit.index)
            self._places = TermPlaces(INDEX.version, dict(by_term), frozenset(by_term), unindexed)
        return self._places

    @cached_property
    def heading_units(self) -> list[Unit]:
        return [u for u in self.units if u.block.kind == "heading"]

    def continuation(self, unit: Unit) -> str:
        """The list items that follow a unit ending in ':' (a lead-in and its list read as one)."""
        if not unit.text.rstrip().endswith(":"):
            return ""
        items = []
        for later in self.units[unit.index + 1 :]:
            if later.block.kind != "list_item":
                break
            items.append(later.text)
        return " ".join(items)

    def section_units(self, heading: Unit) -> list[Unit]:
        """The units under a heading, up to the next heading of the same or a higher level."""
        level = heading.block.level or 1
        out = []
        for unit in self.units[heading.index + 1 :]:
            if unit.block.kind == "heading" and (unit.block.level or 1) <= level:
                break
            out.append(unit)
        return out


_LAST_VIEW: list[DocView] = []  # the view of the document being checked, shared by profile and judge


def view_of(doc: Document) -> DocView:
    """The DocView of a document: built once and shared by the profile and the judge of one check."""
    if not _LAST_VIEW or _LAST_VIEW[0].doc is not doc:
        _LAST_VIEW[:] = [DocView(doc)]
    return _LAST_VIEW[0]


def _heading_is(label: str, names: Iterable[str]) -> bool:
    """Whether a heading label (number stripped) starts with one of the names."""
    text = re.sub(r"^[\d.\s]+", "", label).lower()
    return any(text.startswith(n) for n in names)


def trim_quote(text: str, start: int = 0, end: int | None = None) -> str:
    """A quote of at most 200 characters around text[start:end] (whole text when it fits)."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_MAX:
        return text
    end = start if end is None else end
    left = max(0, min(start, len(text)) - 70)
    right = min(len(text), left + QUOTE_MAX - 2)
    if right == len(text):
        left = max(0, right - (QUOTE_MAX - 2))
    chunk = text[left:right]
    if left > 0:
        chunk = "…" + chunk.split(" ", 1)[-1]
    if right < len(text):
        chunk = chunk.rsplit(" ", 1)[0] + "…"
    return chunk[:QUOTE_MAX]


def evidence_for(unit: Unit, start: int, end: int, matched: str | None) -> Evidence:
    """Evidence for a match at text[start:end] of a unit: its sentence, page and section."""
    sentence = unit.sentence_at(start)
    quote = trim_quote(sentence.text, max(0, start - sentence.start), max(0, end - sentence.start))
    return Evidence(page=unit.block.page, section=unit.section, quote=quote, matched=matched)


def evidence_unit(unit: Unit, matched: str | None = None) -> Evidence:
    """Evidence pointing at a whole unit (a heading, a table row)."""
    return Evidence(page=unit.block.page, section=unit.section, quote=trim_quote(unit.text), matched=matched)


# Figures: percentages, numbers with thousands separators or decimals, and plain numbers that
# are not years; "per 1.000" counts too. Behind the lookahead for a digit (text/starts.py).
FIGURE = starts.compiled(
    r"(?<![\w.,])(?:\d+(?:[.,]\d+)?\s?(?:%|procent\b)|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+)(?![\w])",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:19|20)\d\d$")
NOT_A_FIGURE_BEFORE = re.compile(
    r"(?:artikel|art\.|hoofdstuk|paragraaf|par\.|bijlage|prioriteit|fase|stap|nr\.|nummer|pagina|blz\.)\s*$",
    re.IGNORECASE,
)


def figures(text: str) -> list[str]:
    """The figures (statistics) in a text: not years, chapter numbers or article numbers."""
    found = []
    for match in FIGURE.finditer(text):
        value = match.group(0)
        if YEAR.match(value) or NOT_A_FIGURE_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if value.isdigit() and len(value) == 1 and "%" not in value:
            continue
        found.append(value)
    return found
