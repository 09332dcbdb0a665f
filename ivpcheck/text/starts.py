"""Where a match of a regular expression can start: the characters its first character may be, put
before the pattern as a lookahead that lets `re` pass over every other position with one test.

Python's `re` tries each branch of an alternation at every position of a text, and with IGNORECASE
it cannot skip a branch on its first letter, so a cue list of fifty entries costs fifty attempts per
character. ``(?=[...])`` with the first characters of every branch costs one class test at a position
none of them can start at, and gives exactly the same matches: every match starts with one of them.
The class is compiled with the pattern's own flags, so case folding stays `re`'s. A pattern whose
first character cannot be told (one that may match the empty string, a negated class, a group with
its own flags, a back-reference) gets no lookahead.
"""

from __future__ import annotations

import re
import re._parser as sre  # the standard library's own parser of regular expressions
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from ivpcheck.text.needs import MARK

# What a match may start with: escaped class items ('a', '\\-', 'a-z', '\\w') and marks (an int n: the
# character U+E000 + n that stands for a cue list, see needs.mark); None when it cannot be told.
Start = tuple[str | int, ...] | None
CATEGORIES = {
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
}
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


@lru_cache(maxsize=1024)
def of(source: str, flags: int = 0) -> Start:
    """What a match of a regular expression may start with."""
    return _start(sre.parse(source, flags))


def _start(items: Any) -> Start:
    """The start of a parsed sequence: that of its first element that consumes a character."""
    for op, arg in items:
        if op in ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return (_literal(arg),)
        if op is sre.IN:
            return _class_items(arg)
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, pattern = arg
            return None if add_flags or del_flags else _start(pattern)
        if op is sre.BRANCH:
            branches = [_start(branch) for branch in arg[1]]
            return None if None in branches else tuple(i for branch in branches for i in branch or ())
        if op in REPEATS and arg[0] >= 1:
            return _start(arg[2])
        return None
    return None  # nothing consumed: the pattern may match the empty string


def anchored(source: str, flags: int = 0) -> bool:
    """Whether a match of the expression can only start at the beginning of the text (it opens with
    ``^`` or ``\\A``, without MULTILINE)."""
    parsed = sre.parse(source, flags)
    if parsed.state.flags & re.MULTILINE or not len(parsed):
        return False
    return parsed[0] in ((sre.AT, sre.AT_BEGINNING), (sre.AT, sre.AT_BEGINNING_STRING))


def _literal(code: int) -> str | int:
    """A character as a class item, or the number of the mark it is."""
    return code - MARK if MARK <= code < MARK + 0x100 else re.escape(chr(code))


def _class_items(items: Any) -> Start:
    """A class's items (the parser makes one of a branch of single characters, marks among them)."""
    found: list[str | int] = []
    for op, arg in items:
        if op is sre.LITERAL:
            found.append(_literal(arg))
        elif op is sre.RANGE and (arg[1] < MARK or arg[0] >= MARK + 0x100):
            found.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op is sre.CATEGORY and arg in CATEGORIES:
            found.append(CATEGORIES[arg])
        else:
            return None  # a negated class
    return tuple(found)


def guarded(source: str, start: Start, marks: Callable[[int], Iterable[Start]]) -> str:
    """`source` behind a lookahead for its first character (`marks(n)`: the starts of the entries that
    mark n stands for); `source` itself when that cannot be told."""
    if start is None or GLOBAL_FLAGS.match(source):
        return source
    items: list[str] = []
    for item in start:
        if isinstance(item, str):
            items.append(item)
            continue
        for entry in marks(item):
            if entry is None:
                return source
            items += [i for i in entry if isinstance(i, str)]
    # the source in a group: before a top-level alternation (a|b) it would guard the first branch only
    return f"(?=[{''.join(dict.fromkeys(items))}])(?:{source})" if items else source


@lru_cache(maxsize=256)
def compiled(source: str, flags: int = 0) -> re.Pattern[str]:
    """A regular expression compiled behind the lookahead for its first character (a private-use
    character U+E000... in it, which would stand for a mark, leaves it as it is)."""
    return re.compile(guarded(source, of(source, flags), lambda _mark: [None]), flags)
