"""Match Dutch vocabulary terms in text: stems, compounds, inflections and acronyms.

Term syntax (used in every vocabulary and rule file):
- ``woninginbraak``   the word, with a plural/inflection ending (woninginbraken is NOT covered:
  use a stem for stem changes, e.g. ``woninginbra*``);
- ``ondermijn*``      a stem: any word starting with it (ondermijning, ondermijnende);
- ``*inbraak``        a compound head: any word ending in it (woninginbraak, bedrijfsinbraak);
- ``*inbra*``         anywhere inside a word;
- ``veilig thuis``    several words, separated by spaces, hyphens or line breaks; each word may
  carry its own ``*`` (``verward* gedrag``);
- ``RIEC``            a term written in capitals only is matched case-sensitively (so ``OM`` does
  not match the Dutch word "om"); every other term ignores case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

INFLECTION = r"(?:'s|’s|s|en|e|n|es)?"
WORD_CHAR = r"[\w]"


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a vocabulary term."""

    term: str
    start: int
    end: int
    text: str


def _word_pattern(word: str) -> str:
    """One word of a term: literal, with '*' standing for any letters at its start or end."""
    lead = rf"{WORD_CHAR}*" if word.startswith("*") else ""
    trail = rf"{WORD_CHAR}*" if word.endswith("*") and len(word) > 1 else ""
    return lead + re.escape(word.strip("*")) + trail


def _is_acronym(term: str) -> bool:
    core = term.replace("*", "")
    return core.isupper() and len(re.sub(r"\W", "", core)) >= 2


def term_pattern(term: str) -> str:
    """The regular expression for one term (see the module docstring for the syntax)."""
    words = " ".join(term.split()).split(" ")
    body = r"[\s\-]+".join(_word_pattern(w) for w in words)
    start = "" if words[0].startswith("*") else rf"(?<!{WORD_CHAR})"
    end = "" if words[-1].endswith("*") else rf"{INFLECTION}(?!{WORD_CHAR})"
    flags = "-i" if _is_acronym(term) else "i"
    return f"(?{flags}:{start}{body}{end})"


def _literal_key(term: str) -> tuple[str, bool]:
    """The term's longest literal word (a match needs it in the text) and whether case matters."""
    words = [w for w in re.split(r"[\s*]+", term) if w]
    word = max(words, key=len) if words else term
    return (word, True) if _is_acronym(term) else (word.lower(), False)


class TermMatcher:
    """Finds any of a list of terms in text, reporting which term matched.

    Python's regex engine tries every alternative at every position, so one pattern of hundreds
    of terms is slow on long texts. Large vocabularies are therefore first narrowed to the terms
    whose longest literal word occurs in the text; those are matched one by one with their own
    cached patterns and the hits merged as the alternation would choose them (leftmost first,
    then the term that comes first: the longer one).
    """

    PREFILTER_FROM = 24  # number of terms from which narrowing pays off

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
        self._keys = [(term, _literal_key(term)) for term in self.terms]

    def finditer(self, text: str) -> Iterable[TermHit]:
        """Every non-overlapping occurrence, in text order (longer terms win ties)."""
        if len(self.terms) < self.PREFILTER_FROM:
            if self.terms:
                regex, names = _compiled(tuple(self.terms))
                for match in regex.finditer(text):
                    yield TermHit(names[match.lastgroup or ""], match.start(), match.end(), match.group(0))
            return
        lower = text.lower()
        found = [
            (match.start(), rank, match.end(), term, match.group(0))
            for rank, (term, (key, exact)) in enumerate(self._keys)
            if key in (text if exact else lower)
            for match in term_regex(term).finditer(text)
        ]
        position = 0
        for start, _rank, end, term, matched in sorted(found):
            if start >= position:
                yield TermHit(term, start, end, matched)
                position = end

    def find_all(self, text: str) -> list[TermHit]:
        """All occurrences as a list."""
        return list(self.finditer(text))

    def search(self, text: str) -> TermHit | None:
        """The first occurrence, or None."""
        return next(iter(self.finditer(text)), None)

    def distinct(self, text: str) -> set[str]:
        """The set of terms that occur at least once."""
        return {hit.term for hit in self.finditer(text)}


@cache
def term_regex(term: str) -> re.Pattern[str]:
    """One term's compiled pattern (compiled once per process)."""
    return re.compile(term_pattern(term))


@lru_cache(maxsize=4096)
def _compiled(terms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of the given terms (already in priority order) and group name -> term."""
    names = {f"t{i}": term for i, term in enumerate(terms)}
    regex = re.compile("|".join(f"(?P<{name}>{term_pattern(term)})" for name, term in names.items()))
    return regex, names


@lru_cache(maxsize=512)
def matcher(terms: tuple[str, ...]) -> TermMatcher:
    """A cached matcher for a tuple of terms (vocabularies are compiled once per process)."""
    return TermMatcher(terms)
