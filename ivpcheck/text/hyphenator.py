"""pyphen's Dutch hyphenator with its parsed patterns taken from the user cache (`ivpcheck.text.cache`).

pyphen parses its ``hyph_nl_NL.dic`` (about 40,000 patterns) in Python on first use, a sixth of a
second of every cold start. The parsed patterns are plain dicts of strings and int tuples, so
they are cached with marshal and handed to pyphen through its own per-path dictionary cache.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pyphen

from ivpcheck.text.cache import cached_data

LANG = "nl_NL"


@lru_cache(maxsize=1)
def _patterns_loaded() -> None:
    """Put the Dutch patterns in pyphen's dictionary cache (parsing them only when not cached)."""
    path = Path(pyphen.LANGUAGES[pyphen.language_fallback(LANG)])
    patterns = cached_data("nl-hyphenation", path, lambda: pyphen.HyphDict(path).patterns)
    if all(isinstance(v, tuple) and all(isinstance(n, int) for n in v[1]) for v in patterns.values()):
        hyph = pyphen.HyphDict.__new__(pyphen.HyphDict)
        hyph.patterns, hyph.cache, hyph.maxlen = patterns, {}, max(len(k) for k in patterns)
        pyphen.hdcache.setdefault(path, hyph)


def dutch_hyphenator(left: int = 2, right: int = 2) -> pyphen.Pyphen:
    """A Dutch pyphen hyphenator (same results as ``pyphen.Pyphen(lang="nl_NL")``)."""
    _patterns_loaded()
    return pyphen.Pyphen(lang=LANG, left=left, right=right)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.HyphDict:
    return dutch_hyphenator().hd


def break_count(word: str, left: int = 1, right: int = 1) -> int:
    """How many hyphenation points a word has, at least `left` letters from its start and `right`
    from its end: ``len(dutch_hyphenator(left, right).positions(word))``, by pyphen's algorithm
    (HyphDict.positions) without its per-point objects or slices, in about two thirds of its
    instructions (readability counts the syllables of thousands of distinct words; tests/test_cache.py
    proves the equality)."""
    dictionary = _dictionary()
    get = dictionary.patterns.get
    pointed = f".{word.lower()}."
    size = len(pointed)
    points = [0] * (size + 1)  # points[i]: the highest value between pointed[i - 1] and pointed[i]
    for start in range(size - 1):
        for end in range(start + 1, min(start + dictionary.maxlen, size) + 1):
            pattern = get(pointed[start:end])
            if pattern:
                offset, values = pattern  # offset + len(values) <= len(key) + 1: within points
                for at, value in enumerate(values, start + offset):
                    if value > points[at]:
                        points[at] = value
    # an odd value is a point; point i falls after the word's letter i - 1
    first, last = left + 1, len(word) - right + 1
    return sum(value & 1 for value in points[max(first, 0) : max(last + 1, 0)])
