"""What a regular expression needs in a text to match: words that must occur in it.

Python's `re` finds a pattern that starts with a literal quickly, but a pattern with IGNORECASE, a
leading ``\b`` or a long alternation is tried at every position of the text. Most such patterns cannot
match most texts at all, because a word they need is missing. `of` reads those words from the
pattern itself (its runs of literal characters, its mandatory groups, one of its branches), and `may_match`
tells in a few substring tests whether a text holds them; a text that does not is not scanned. The
answer never rules out a text the pattern matches: a need that is not known, or that would take too
many alternatives to spell out, asks less, never more.
"""

from __future__ import annotations

import re
import re._parser as sre  # the standard library's own parser of regular expressions
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

# A need: any of its alternatives, each a tuple of words that must all occur in the lowered text (an int
# n: a mark, a character U+E000 + n in the pattern that stands for a need its caller decides).
Words = tuple[str | int, ...]
Need = tuple[Words, ...]
ANYTHING: Need = ((),)  # nothing known
MAX_ALTERNATIVES = 16  # beyond this a need is not spelled out (it then asks less, never more)
MARK = 0xE000
T = TypeVar("T")
BEYOND_LATIN1 = re.compile("[^\x00-\xb4\xb6-\xff]")  # the micro sign and beyond Latin-1 (a class
# that compiles in microseconds, unlike the range up to U+10FFFF)


def _plain_case(text: str) -> bool:
    """True when `re`'s IGNORECASE treats the text's characters as `str.lower` does: Latin-1 but the
    micro sign, or characters without case (not the dotted İ, the long ſ, the Kelvin sign or Greek)."""
    return all(c.lower() == c.upper() for c in set(BEYOND_LATIN1.findall(text)))


def mark(number: int) -> str:
    """The character that stands for need `number` of the caller in a pattern whose need is read."""
    return chr(MARK + number)


@lru_cache(maxsize=1024)
def of(source: str, flags: int = 0) -> Need:
    """What a regular expression needs in a text to match."""
    return _need(sre.parse(source, flags))


def of_words(words: list[str]) -> Need:
    """What a phrase of literal words needs: all of them (those `re` may fold otherwise: nothing)."""
    return (tuple(w.lower() for w in words if _plain_case(w)),)


def may_match(need: Need, text: str, marks: Callable[[int], bool] | None = None) -> bool:
    """False only when the text lacks the words the need asks (`marks`: which marks' needs are met)."""
    if need == ANYTHING:
        return True
    lowered = folded(text)
    if lowered is None:
        return True
    if marks is None:
        if len(need) == 1:  # the usual need: one set of words (no generator for it)
            return all(map(lowered.__contains__, need[0]))
        return any(all(map(lowered.__contains__, words)) for words in need)
    return any(all(marks(w) if isinstance(w, int) else w in lowered for w in words) for words in need)


def matchable(items: list[tuple[T, Need]], text: str) -> list[T]:
    """The items (each with its need) whose need the text may meet."""
    lowered = folded(text)
    if lowered is None:
        return [item for item, _ in items]
    has = _presence(lowered).__getitem__
    return [item for item, need in items if any(all(map(has, words)) for words in need)]


def any_matchable(items: list[tuple[T, Need]], text: str) -> bool:
    """Whether the text may meet the need of one of the items (`matchable` up to the first)."""
    lowered = folded(text)
    if lowered is None:
        return bool(items)
    has = _presence(lowered).__getitem__
    return any(any(all(map(has, words)) for words in need) for _, need in items)


class _Presence(dict[str, bool]):
    """Which words occur in one lowered text: each looked for once (the cue lists of a document's
    patterns ask for the same words again and again, in texts of thousands of characters)."""

    def __init__(self, lowered: str) -> None:
        super().__init__()
        self.lowered = lowered

    def __missing__(self, word: str) -> bool:
        found = self[word] = word in self.lowered
        return found


@lru_cache(maxsize=64)
def _presence(lowered: str) -> _Presence:
    return _Presence(lowered)


def _all(needs: list[Need]) -> Need:
    """Every one of several needs (a need that would make too many alternatives is left out)."""
    result = ANYTHING
    for need in needs:
        combined = tuple(a + b for a in result for b in need)
        if len(combined) <= MAX_ALTERNATIVES:
            result = combined
    return result


def _any(needs: list[Need]) -> Need:
    """One of several needs."""
    alternatives = tuple(dict.fromkeys(words for need in needs for words in need))
    return ANYTHING if () in alternatives or len(alternatives) > MAX_ALTERNATIVES else alternatives


def _need(items: Any) -> Need:
    """What a parsed expression needs in a text: its runs of literal characters, its mandatory groups'
    needs and one of its branches' needs."""
    needs: list[Need] = []
    run: list[str] = []

    def close_run() -> None:
        word = "".join(run)
        if word and _plain_case(word):
            needs.append(((word.lower(),),))
        run.clear()

    for op, arg in items:
        if op is sre.LITERAL and MARK <= arg < MARK + 0x100:
            close_run()
            needs.append(((arg - MARK,),))
            continue
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        if op is sre.SUBPATTERN:
            needs.append(_need(arg[-1]))
        elif op is sre.BRANCH:
            needs.append(_any([_need(branch) for branch in arg[1]]))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            needs.append(_need(arg[2]))
    close_run()
    return _all(needs)


@lru_cache(maxsize=256)  # the same opening is read by several patterns in turn
def folded(text: str) -> str | None:
    """The text lowered to look for needed words in, or None when a character in it is folded by `re`
    otherwise than by `str.lower` (then any pattern may match it)."""
    return text.lower() if _plain_case(text) else None
