"""Cue words as data: named word lists (and word tables) from rules/cues/*.yaml, used in the code's patterns.

A cue file maps names to lists of entries. An entry is a word or phrase (a space matches any white
space) or, for the advisor who needs it, a regular-expression fragment (``focusthema'?s``). The code
keeps the mechanism — where a cue must stand, what may surround it — and fills each ``{name}`` of its
pattern with the alternation of that list, so an advisor extends a cue list without touching Python.
"""

from __future__ import annotations

import re
from typing import Any

REGEX_CHARS = re.compile(r"[\\^$.|?*+()\[\]{}]")


class CueError(ValueError):
    """A cue file or list that cannot be used."""


def _entry(entry: str) -> str:
    """One entry as a regular-expression fragment: a plain phrase is escaped, its spaces match any space."""
    if REGEX_CHARS.search(entry):
        return entry.replace(" ", r"\s+")
    return r"\s+".join(re.escape(word) for word in entry.split())


def _checked(name: str, key: str, entry: str) -> str:
    """An entry whose regular-expression fragment compiles (CueError naming the list and entry if not)."""
    try:
        re.compile(_entry(entry))
    except re.error as error:
        raise CueError(f"cues '{name}', lijst '{key}': ongeldig patroon '{entry}' ({error})") from error
    return entry


class Cues:
    """The cue lists of one file, by name."""

    def __init__(self, name: str, data: Any) -> None:
        if not isinstance(data, dict):
            raise CueError(f"cues '{name}': verwacht een mapping van naam naar lijst")
        self.name = name
        self.lists: dict[str, list[str]] = {}
        self.mappings: dict[str, dict[str, str]] = {}
        for key, value in data.items():
            if key in {"description", "source", "sources", "version"}:
                continue
            if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
                self.mappings[str(key)] = {str(k): str(v) for k, v in value.items()}
            elif isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                self.lists[str(key)] = [_checked(name, str(key), str(v)) for v in value]
            else:
                raise CueError(f"cues '{name}', lijst '{key}': verwacht een lijst met woorden")
        self._patterns: dict[tuple[str, int], re.Pattern[str]] = {}

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

    def alternation(self, key: str) -> str:
        """One list as a non-capturing regular-expression alternation, longest entries first."""
        entries = sorted(self.words(key), key=len, reverse=True)
        return "(?:" + "|".join(_entry(e) for e in entries) + ")"

    def pattern(self, template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
        """`template` with every ``{name}`` replaced by that list's alternation, compiled (cached).

        Literal braces of the template (regex quantifiers) are written doubled: ``\\d{{1,2}}``."""
        key = (template, flags)
        if key not in self._patterns:
            names = {name for name in re.findall(r"(?<!\{)\{(\w+)\}(?!\})", template)}
            try:
                self._patterns[key] = re.compile(
                    template.format(**{n: self.alternation(n) for n in names}), flags
                )
            except re.error as error:
                raise CueError(f"cues '{self.name}': ongeldig patroon ({error})") from error
        return self._patterns[key]
