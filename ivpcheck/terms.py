"""Match Dutch vocabulary terms in text: stems, compounds, inflections and acronyms.

Term syntax (used in every vocabulary and rule file):
- ``woninginbraak``   the word, with a plural/inflection ending (woninginbraken is NOT covered:
  use a stem for stem changes, e.g. ``woninginbra*``);
- ``ondermijn*``      a stem: any word starting with it (ondermijning, ondermijnende);
- ``*inbraak``        a compound head: any word ending in it (woninginbraak, bedrijfsinbraak);
- ``*inbra*``         anywhere inside a word;
- ``veilig thuis``    several words, separated by spaces, hyphens or line breaks;
- ``RIEC``            a term written in capitals only is matched case-sensitively (so ``OM`` does
  not match the Dutch word "om"); every other term ignores case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

INFLECTION = r"(?:'s|’s|s|en|e|n|es)?"
WORD_CHAR = r"[\w]"


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a vocabulary term."""

    term: str
    start: int
    end: int
    text: str


def term_pattern(term: str) -> str:
    """The regular expression for one term (see the module docstring for the syntax)."""
    term = " ".join(term.split())
    leading = term.startswith("*")
    trailing = term.endswith("*")
    core = term.strip("*")
    words = [re.escape(w) for w in core.split(" ")]
    body = r"[\s\-]+".join(words)
    start = rf"{WORD_CHAR}*" if leading else rf"(?<!{WORD_CHAR})"
    end = rf"{WORD_CHAR}*" if trailing else rf"{INFLECTION}(?!{WORD_CHAR})"
    case_sensitive = core.isupper() and len(re.sub(r"\W", "", core)) >= 2
    flags = "-i" if case_sensitive else "i"
    return f"(?{flags}:{start}{body}{end})"


class TermMatcher:
    """Finds any of a list of terms in text, reporting which term matched."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
        self._group_terms: dict[str, str] = {}
        parts = []
        for index, term in enumerate(self.terms):
            name = f"t{index}"
            self._group_terms[name] = term
            parts.append(f"(?P<{name}>{term_pattern(term)})")
        self._regex = re.compile("|".join(parts)) if parts else None

    def finditer(self, text: str) -> Iterable[TermHit]:
        """Every non-overlapping occurrence, in text order."""
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            name = match.lastgroup or ""
            yield TermHit(self._group_terms[name], match.start(), match.end(), match.group(0))

    def find_all(self, text: str) -> list[TermHit]:
        """All occurrences as a list."""
        return list(self.finditer(text))

    def search(self, text: str) -> TermHit | None:
        """The first occurrence, or None."""
        return next(iter(self.finditer(text)), None)

    def distinct(self, text: str) -> set[str]:
        """The set of terms that occur at least once."""
        return {hit.term for hit in self.finditer(text)}


@lru_cache(maxsize=512)
def matcher(terms: tuple[str, ...]) -> TermMatcher:
    """A cached matcher for a tuple of terms (vocabularies are compiled once per process)."""
    return TermMatcher(terms)
