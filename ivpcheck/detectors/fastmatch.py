"""A faster way to run a TermMatcher over long texts, with exactly its semantics.

TermMatcher compiles every term into one alternation, which Python's regex engine tries term by
term at every character. Every term match starts at a word start, so this matcher walks the
word starts instead, looks up the few terms whose first letters (or, for ``*head`` terms, whose
core) fit the word, and runs only those terms' own patterns (``ivpcheck.terms.term_pattern``).
The first term in TermMatcher's order that matches at the leftmost position wins, and matching
continues after it, as in TermMatcher.finditer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ivpcheck.terms import TermHit, TermMatcher, term_regex

WORD_START = re.compile(r"(?<!\w)\w+")
KEY = 2  # letters of the first word used as the index key


class FastMatcher:
    """Same results as TermMatcher(terms).finditer, found through a first-letters index."""

    def __init__(self, terms: Iterable[str]) -> None:
        self._slow = TermMatcher(terms)
        self.terms = self._slow.terms  # TermMatcher's order decides ties
        self._by_key: dict[str, list[int]] = {}
        self._inner: list[tuple[int, str]] = []  # (*head and *inner* terms, lower-case core word)
        self._cache: dict[str, list[TermHit]] = {}
        for index, term in enumerate(self.terms):
            core = " ".join(term.split()).strip("*").lower()
            first = core.split(" ")[0]
            if term.startswith("*") or len(first) < KEY:
                self._inner.append((index, first if term.startswith("*") else core))
            else:
                self._by_key.setdefault(first[:KEY], []).append(index)
        self._keys = frozenset(self._by_key)

    def finditer(self, text: str) -> Iterator[TermHit]:
        """Every non-overlapping occurrence, in text order (as TermMatcher.finditer)."""
        return iter(self.find_all(text))

    def _scan(self, text: str) -> list[TermHit]:
        words = _words(text)
        if words is None:  # rare Unicode case changes shift offsets
            return self._slow.find_all(text)
        lowered_text, keys, starts = words
        inner = [(i, core) for i, core in self._inner if core in lowered_text]
        if not inner and self._keys.isdisjoint(keys):
            return []
        hits: list[TermHit] = []
        pos = 0
        for start, lowered in starts:
            if start < pos:
                continue
            candidates = self._by_key.get(lowered[:KEY], ())
            if inner:
                extra = [
                    i
                    for i, core in inner
                    if core in lowered or (" " in core and core in lowered_text[start : start + 200])
                ]
                if extra:
                    candidates = sorted([*candidates, *extra])
            for index in candidates:
                match = term_regex(self.terms[index]).match(text, start)
                if match:
                    hits.append(TermHit(self.terms[index], match.start(), match.end(), match.group(0)))
                    pos = match.end()
                    break
        return hits

    def find_all(self, text: str) -> list[TermHit]:
        """All occurrences (cached per text: detectors often scan the same block again)."""
        if not self.terms:
            return []
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            cached = self._cache[text] = self._scan(text)
        return cached

    def search(self, text: str) -> TermHit | None:
        return next(iter(self.finditer(text)), None)

    def distinct(self, text: str) -> set[str]:
        return {hit.term for hit in self.finditer(text)}


_WORDS: dict[str, tuple[str, frozenset[str], list[tuple[int, str]]] | None] = {}


def _words(text: str) -> tuple[str, frozenset[str], list[tuple[int, str]]] | None:
    """Lower-cased text, the set of word keys and (start, lower-cased word) pairs (cached per text)."""
    if text in _WORDS:
        return _WORDS[text]
    if len(_WORDS) > 50000:
        _WORDS.clear()
    lowered = text.lower()
    if len(lowered) != len(text):
        _WORDS[text] = None
        return None
    starts = [(m.start(), m.group(0)) for m in WORD_START.finditer(lowered)]
    result = (lowered, frozenset(w[:KEY] for _, w in starts), starts)
    _WORDS[text] = result
    return result


@lru_cache(maxsize=1024)
def fast_matcher(terms: tuple[str, ...]) -> FastMatcher:
    """A cached FastMatcher for a tuple of terms."""
    return FastMatcher(terms)
