"""Match Dutch vocabulary terms in text: stems, compounds, inflections and acronyms.

Term syntax (used in every vocabulary and rule file):
- ``woninginbraak``   the word, with a plural/inflection ending (woninginbraken is NOT covered:
  use a stem for stem changes, e.g. ``woninginbra*``);
- ``ondermijn*``      a stem: any word starting with it (ondermijning, ondermijnende);
- ``*inbraak``        a compound head: any word ending in it (woninginbraak, bedrijfsinbraak);
- ``*inbra*``         anywhere inside a word;
- ``veilig thuis``    several words, separated by spaces, hyphens or line breaks; each word may
  carry its own ``*`` (``verward* gedrag``); a hyphen inside a term separates words the same way
  (``politie-inzet`` also finds "politie inzet");
- ``RIEC``            a term written in capitals only is matched case-sensitively (so ``OM`` does
  not match the Dutch word "om"); every other term ignores case.

`term_pattern` is the specification as a regular expression. Compiling thousands of them costs
about a second of a cold start and running them over a plan more, so `TermMatcher` matches the
usual terms (letters, digits, spaces, hyphens and stars) word by word through a shared index
(`ivpcheck.text.term_index`, which matches each text once against every vocabulary) and compiles a
term's pattern only for the rare term with other characters (``GGD'en``, ``politie.nl``).
tests/test_terms.py checks that both give the same hits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from ivpcheck.text.term_index import (
    INDEX,
    Words,
    is_acronym,
    is_word_term,
    term_words,
    word_term,
    words_of,
)

INFLECTION = r"(?:'s|’s|s|en|e|n|es)?"
WORD_CHAR = r"[\w]"
SHARED_FROM = 64  # a matcher with this many terms not yet in the shared index adds them to it
CACHED_TEXTS = 20000  # a matcher's answers kept per text (a plan's blocks and sentences), then dropped


@dataclass(frozen=True)
class TermHit:
    """One occurrence of a vocabulary term."""

    term: str
    start: int
    end: int
    text: str


def as_words(terms: Iterable[str]) -> str:
    """Terms as a reader sees them, sorted and joined: the syntax's asterisks dropped
    (``coalitieakkoord*`` reads 'coalitieakkoord', ``*inbraak`` 'inbraak')."""
    return ", ".join(sorted({" ".join(t.replace("*", " ").split()) for t in terms} - {""}))


def _word_pattern(word: str) -> str:
    """One word of a term: literal, with '*' standing for any letters at its start or end."""
    lead = rf"{WORD_CHAR}*" if word.startswith("*") else ""
    trail = rf"{WORD_CHAR}*" if word.endswith("*") and len(word) > 1 else ""
    return lead + re.escape(word.strip("*")) + trail


def term_pattern(term: str) -> str:
    """The regular expression for one term (see the module docstring for the syntax)."""
    words = term_words(term)
    body = r"[\s\-]+".join(_word_pattern(w) for w in words)
    start = "" if words[0].startswith("*") else rf"(?<!{WORD_CHAR})"
    end = "" if words[-1].endswith("*") else rf"{INFLECTION}(?!{WORD_CHAR})"
    flags = "-i" if is_acronym(term) else "i"
    return f"(?{flags}:{start}{body}{end})"


@cache
def term_regex(term: str) -> re.Pattern[str]:
    """One term's compiled pattern (compiled once per process; only for unusual terms)."""
    return re.compile(term_pattern(term))


NO_HITS: list[TermHit] = []  # the one cached result of every text without hits (cached results are
# shared: callers never change a list they get)


class TermMatcher:
    """Finds any of a list of terms in text, reporting which term matched.

    Semantics are those of one alternation of every term's `term_pattern`, longest term first:
    the leftmost match wins, among matches at the same place the term that comes first, and
    matching continues after it. Word terms are found through the shared index; the few terms of a
    matcher that are not in it (a priority's key words, an abbreviation) are tried only at the words
    that contain their first word's letters.
    """

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
        word_terms = [t for t in self.terms if is_word_term(t)]
        self._rank = {term: rank for rank, term in enumerate(self.terms)}
        self._regex_terms = [
            (rank, term, _literal_key(term), is_acronym(term))
            for rank, term in enumerate(self.terms)
            if not is_word_term(term)
        ]
        new = [t for t in word_terms if t not in INDEX.registered]
        if len(new) >= SHARED_FROM:
            INDEX.register(new)
            new = []
        self._private = [(word_term(t).first_lower.core, t) for t in new]
        self._indexed = frozenset(word_terms).difference(new)
        self._index_only = not (self._private or self._regex_terms)  # found through the shared index alone
        self._hits: dict[str, list[TermHit]] = {}
        self._others_in: dict[str, bool] = {}  # text -> whether the other terms' words are in it

    @property
    def index_terms(self) -> frozenset[str] | None:
        """The matcher's terms when the shared index finds all of them (a text whose index matches hold
        none of them holds no hit), else None."""
        return self._indexed if self._index_only else None

    def _private_positions(self, words: Words) -> dict[str, list[int]]:
        """term -> the words its first piece's letters occur in, for the terms outside the shared index."""
        positions: dict[str, list[int]] = {}
        for core, term in self._private:
            at = words.lowered_text.find(core)
            while at != -1:
                index = bisect_right(words.starts, at) - 1
                if index >= 0 and at < words.ends[index]:
                    indexes = positions.setdefault(term, [])
                    if not indexes or indexes[-1] != index:
                        indexes.append(index)
                at = words.lowered_text.find(core, at + 1)
        return positions

    def _private_matches(self, words: Words) -> list[tuple[int, int, int, str]]:
        found = []
        for term, indexes in self._private_positions(words).items():
            rank, parsed = self._rank[term], word_term(term)
            for index in indexes:
                end = parsed.match(words, index)
                if end is not None:
                    found.append((words.starts[index], rank, end, term))
        return found

    def _scan(self, text: str) -> list[TermHit]:
        words = words_of(text)
        if words is None:
            return _regex_scan(self.terms, text)
        matches = words.matches()
        if self._index_only and self._indexed.isdisjoint(matches):
            return NO_HITS  # the usual case: none of this matcher's terms in the text
        indexed = self._indexed.intersection(matches)
        found: list[tuple[int, int, int, str]] = []
        for term in indexed:  # this matcher's terms picked from the text's matches of the shared index
            rank = self._rank[term]
            found += [(start, rank, end, term) for start, end in matches[term]]
        if self._private:
            found += self._private_matches(words)
        for rank, term, key, exact in self._regex_terms:
            if key in (text if exact else words.lowered_text):
                found += [(m.start(), rank, m.end(), term) for m in term_regex(term).finditer(text)]
        if not found:
            return NO_HITS
        found.sort()
        hits: list[TermHit] = []
        position = 0
        for start, _rank, end, term in found:
            if start >= position:
                hits.append(TermHit(term, start, end, text[start:end]))
                position = end
        return hits

    def occurs_within(self, words: Words | None, start: int, end: int) -> bool | None:
        """Whether a term occurs in the part [start, end) of a text (a sentence of a block, its spaces as they
        may be normalised), told from the whole text's words and their cached matches: a match in the part is
        one in the whole that lies inside it, the part's words and their joins being the whole's. None when
        that cannot tell: the text is matched by patterns (`words` None), or the words a term outside the
        index needs are in it."""
        if words is None:
            return None
        matches = words.matches()
        if not self._indexed.isdisjoint(matches):  # the usual case: none of them (no set built)
            for term in self._indexed.intersection(matches):
                if any(start <= a and b <= end for a, b in matches[term]):
                    return True
        return None if self._others_may_occur(words) else False

    def _others_may_occur(self, words: Words) -> bool:
        """Whether the words that its terms outside the shared index need are in a text (asked for each
        sentence of a block: cached per text)."""
        if not (self._private or self._regex_terms):
            return False
        text = words.text
        found = self._others_in.get(text)
        if found is None:
            if len(self._others_in) > CACHED_TEXTS:
                self._others_in.clear()
            lowered = words.lowered_text
            found = any(core in lowered for core, _ in self._private) or any(
                key in (text if exact else lowered) for _, _, key, exact in self._regex_terms
            )
            self._others_in[text] = found
        return found

    def find_all(self, text: str) -> list[TermHit]:
        """Every non-overlapping occurrence, in text order (cached per text)."""
        hits = self._hits.get(text)
        if hits is None:
            if not self.terms:
                return []
            if len(self._hits) > CACHED_TEXTS:
                self._hits.clear()
            hits = self._hits[text] = self._scan(text)
        return hits

    def finditer(self, text: str) -> Iterator[TermHit]:
        """Every non-overlapping occurrence, in text order (longer terms win ties)."""
        return iter(self.find_all(text))

    def search(self, text: str) -> TermHit | None:
        """The first occurrence, or None."""
        hits = self.find_all(text)
        return hits[0] if hits else None

    def distinct(self, text: str) -> set[str]:
        """The set of terms that occur at least once."""
        return {hit.term for hit in self.find_all(text)}


def _literal_key(term: str) -> str:
    """The term's longest literal word: no match without it in the text (lower-cased unless an acronym)."""
    word = max(term_words(term) or [term], key=len).strip("*")
    return word if is_acronym(term) else word.lower()


def _regex_scan(terms: list[str], text: str) -> list[TermHit]:
    """Matching by the terms' patterns, for the rare text whose case folding changes its length."""
    regex = re.compile("|".join(f"(?:{term_pattern(t)})" for t in terms))
    hits = []
    for match in regex.finditer(text):
        term = next(t for t in terms if term_regex(t).match(text, match.start()))
        hits.append(TermHit(term, match.start(), match.end(), match.group(0)))
    return hits


@lru_cache(maxsize=1024)
def matcher(terms: tuple[str, ...]) -> TermMatcher:
    """A cached matcher for a tuple of terms (vocabularies are indexed once per process)."""
    return TermMatcher(terms)


def register_terms(terms: Iterable[str]) -> None:
    """Put terms in the shared index ahead of matching (one batch for a whole rule pack)."""
    INDEX.register(terms)
