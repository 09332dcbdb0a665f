"""Cue words as data: named word lists (and word tables) from rules/cues/*.yaml, used in the code's patterns.

A cue file maps names to lists of entries. An entry is a word or phrase (a space matches any white
space) or, for the advisor who needs it, a regular-expression fragment (``focusthema'?s``). The code
keeps the mechanism — where a cue must stand, what may surround it — and fills each ``{name}`` of its
pattern with the alternation of that list, so an advisor extends a cue list without touching Python.

A long alternation is slow in Python's `re` (with IGNORECASE it tries every entry at every position),
and most entries cannot occur in a given text: on a long text a `CuePattern` runs only the entries
whose needed words (text/needs.py) occur in it, and does not scan when none do. Leaving out entries
that cannot match anywhere gives exactly the same matches.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import Any

from ivpcheck.text import needs, starts

REGEX_CHARS = re.compile(r"[\\^$.|?*+()\[\]{}]")
PRUNE_FROM = 400  # texts at least this long are not scanned when none of a pattern's entries can occur
# in them; from this length on they run a pattern compiled without the entries that cannot occur in them
# (compiling one costs more than scanning a shorter text with every entry)
COMPILE_FROM = 3000


class CueError(ValueError):
    """A cue file or list that cannot be used."""


def _entry(entry: str) -> str:
    """One entry as a regular-expression fragment: a plain phrase is escaped, its spaces match any space."""
    if REGEX_CHARS.search(entry):
        return entry.replace(" ", r"\s+")
    return r"\s+".join(re.escape(word) for word in entry.split())


def _need(entry: str) -> needs.Need:
    """What an entry needs in a text: a plain phrase its words, a fragment what its expression needs
    (read without flags: the templates are not VERBOSE, the only flag that changes what is parsed)."""
    if REGEX_CHARS.search(entry):
        return needs.of(_entry(entry))
    return needs.of_words(entry.split())


def _alternation(entries: list[str]) -> str:
    """Entries as one non-capturing alternation, longest first (none: an alternation that never matches)."""
    if not entries:
        return "(?!)"
    return "(?:" + "|".join(_entry(e) for e in sorted(entries, key=len, reverse=True)) + ")"


def _checked(name: str, key: str, entry: str) -> str:
    """An entry whose regular-expression fragment compiles (CueError naming the list and entry if not;
    a plain phrase, escaped, always does)."""
    if not REGEX_CHARS.search(entry):
        return entry
    try:
        re.compile(_entry(entry))
    except re.error as error:
        raise CueError(f"cues '{name}', lijst '{key}': ongeldig patroon '{entry}' ({error})") from error
    return entry


@lru_cache(maxsize=512)  # as many as `re` keeps itself
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


class CuePattern:
    """A template compiled with its cue lists; the methods of `re.Pattern` that the code uses.

    On a text of `PRUNE_FROM` characters or more it does not run when its template cannot match without
    the entries whose needed words occur in the text; from `COMPILE_FROM` characters on it runs without the
    other entries."""

    def __init__(
        self,
        template: str,
        flags: int,
        lists: dict[str, list[tuple[str, needs.Need]]],
        entry_starts: dict[str, starts.Start],
    ) -> None:
        self.template = template
        self.flags = flags
        self._names = list(lists)
        self._entries = lists
        self._entry_starts = entry_starts
        marks = {name: needs.mark(i) for i, name in enumerate(self._names)}
        self._need = needs.of(template.format(**marks), flags)  # its lists stand as marks
        self._start = starts.of(template.format(**marks), flags)
        self._last: tuple[str, re.Pattern[str] | None] = ("", None)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The template with every entry (compiled when first needed: on long texts the pattern without
        the entries that cannot occur in them is often all that runs)."""
        return re.compile(self._source(self.every_entry), self.flags)

    @property
    def every_entry(self) -> dict[str, list[str]]:
        """Each list's entries, by name."""
        return {name: [entry for entry, _ in entries] for name, entries in self._entries.items()}

    def body(self, lists: dict[str, list[str]]) -> str:
        """The template with each list's (chosen) entries as an alternation."""
        return self.template.format(**{n: _alternation(entries) for n, entries in lists.items()})

    def _source(self, lists: dict[str, list[str]]) -> str:
        """The body behind a lookahead for the characters a match can start with (text/starts.py)."""
        chosen = [lists[name] for name in self._names]
        return starts.guarded(
            self.body(lists), self._start, lambda mark: map(self._entry_starts.get, chosen[mark])
        )

    def _for(self, text: str) -> re.Pattern[str] | None:
        """The pattern to run on `text`: None when nothing of it can occur in the text, else the whole or,
        on a long text, one without the entries that cannot occur in it."""
        if len(text) < PRUNE_FROM or needs.folded(text) is None:
            return self.pattern
        last_text, last_pattern = self._last
        if text is last_text:
            return last_pattern
        pattern: re.Pattern[str] | None
        if len(text) < COMPILE_FROM:
            lists = [self._entries[name] for name in self._names]
            possible = needs.may_match(self._need, text, lambda mark: needs.any_matchable(lists[mark], text))
            pattern = self.pattern if possible else None
        else:
            kept = {n: needs.matchable(entries, text) for n, entries in self._entries.items()}
            if not needs.may_match(self._need, text, lambda mark: bool(kept[self._names[mark]])):
                pattern = None  # nothing of the template can occur in the text
            elif all(len(kept[n]) == len(self._entries[n]) for n in self._names):
                pattern = self.pattern
            else:
                pattern = _compiled(self._source(kept), self.flags)
        self._last = (text, pattern)
        return pattern

    @cached_property
    def _past_start(self) -> tuple[bool, re.Pattern[str] | None]:
        """For a template that is one list, some of whose entries are anchored at the text's start (`^...`):
        True, and the pattern of the other entries (None if none): only those can match past the start."""
        if len(self._names) != 1 or self.template != f"{{{self._names[0]}}}":
            return False, None
        name = self._names[0]
        entries = [entry for entry, _ in self._entries[name]]
        rest = [entry for entry in entries if not starts.anchored(_entry(entry), self.flags)]
        if len(rest) == len(entries):
            return False, None
        return True, (_compiled(self._source({name: rest}), self.flags) if rest else None)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._for(text)
        if pattern is None:
            return None
        split, rest = self._past_start
        if split and pos == 0 and pattern is self.pattern:
            # the whole pattern at the start, then only the entries that can match elsewhere (the same
            # leftmost match: a search tries every entry at each position, and anchored ones fail past 0)
            found = pattern.match(text, 0, endpos)
            return found if found or rest is None else rest.search(text, 1, endpos)
        return pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.match(text, pos, endpos) if pattern else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.fullmatch(text, pos, endpos) if pattern else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        pattern = self._for(text)
        return pattern.finditer(text) if pattern else iter(())

    def findall(self, text: str) -> list[Any]:
        pattern = self._for(text)
        return pattern.findall(text) if pattern else []

    def split(self, text: str) -> list[str]:
        pattern = self._for(text)
        return pattern.split(text) if pattern else [text]

    def sub(self, replacement: str, text: str) -> str:
        pattern = self._for(text)
        return pattern.sub(replacement, text) if pattern else text


class Cues:
    """The cue lists of one file, by name."""

    def __init__(self, name: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise CueError(f"cues '{name}': verwacht een mapping van naam naar lijst")
        self.name = name
        self.lists: dict[str, list[str]] = {}
        self.mappings: dict[str, dict[str, str]] = {}
        self.needs: dict[str, list[needs.Need]] = {}
        self.starts: dict[str, starts.Start] = {}  # entry -> what its matches start with
        for key, value in data.items():
            if key in {"description", "source", "sources", "version"}:
                continue
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                self.mappings[str(key)] = {str(k): str(v) for k, v in value.items()}
            elif isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                self.lists[str(key)] = [_checked(name, str(key), str(v)) for v in value]
                self.needs[str(key)] = [_need(v) for v in self.lists[str(key)]]  # kept with a cached pack
                self.starts.update((v, starts.of(_entry(v))) for v in self.lists[str(key)])
            else:
                raise CueError(f"cues '{name}', lijst '{key}': verwacht een lijst met woorden")
        self._patterns: dict[tuple[str, int], CuePattern] = {}

    def words(self, key: str) -> list[str]:
        """The entries of one list as written."""
        if key not in self.lists:
            raise CueError(f"cues '{self.name}': lijst '{key}' ontbreekt")
        return self.lists[key]

    def mapping(self, key: str) -> dict[str, str]:
        """A word-to-word mapping of the file (e.g. a compound's head to the stem that finds it)."""
        if key not in self.mappings:
            raise CueError(f"cues '{self.name}': tabel '{key}' ontbreekt")
        return self.mappings[key]

    def pattern(self, template: str, flags: int = re.IGNORECASE) -> CuePattern:
        """`template` with every ``{name}`` replaced by that list's alternation, compiled (cached).

        Literal braces of the template (regex quantifiers) are written doubled: ``\\d{{1,2}}``."""
        key = (template, flags)
        if key not in self._patterns:
            names = {name for name in re.findall(r"(?<!\{)\{(\w+)\}(?!\})", template)}
            try:
                lists = {n: list(zip(self.words(n), self.needs[n], strict=True)) for n in sorted(names)}
                self._patterns[key] = CuePattern(template, flags, lists, self.starts)
            except re.error as error:
                raise CueError(f"cues '{self.name}': ongeldig patroon ({error})") from error
        return self._patterns[key]
