"""The word-level machinery behind `ivpcheck.text.terms.TermMatcher`: parsed terms, the words of a text
and one process-wide index from a word to the terms that may start at it.

Rules run dozens of vocabularies over the same blocks. Every text is matched against the whole
shared index once (`Words.matches`): each distinct word is looked up once, a term of several words
whose first word is plain (``de politie``) is looked up by its first two words together, so that
only terms that may really start at a word are tried, and a vocabulary then only picks its own
terms out of the text's few matches. Terms are added to the index in batches; a word's candidates
are completed with the batches added since it was last looked up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

INFLECTIONS = ("", "s", "en", "e", "n", "es")  # the endings a term's last unstarred word may take
KEY = 3  # letters of a word start or end used as index keys
WORD = re.compile(r"\w+")
TERM_WORD_SEPARATOR = re.compile(r"[\s\-]+")  # between two words of a term, in the term and in a text
SIMPLE_TERM = re.compile(r"[\w\s*\-]+")
# a word, and the gap to the next word when it is a separator (a term may run on across it)
WORD_AND_JOIN = re.compile(rf"\w+({TERM_WORD_SEPARATOR.pattern}(?=\w))?")


def term_words(term: str) -> list[str]:
    """The words of a term (spaces and hyphens separate them), stars kept."""
    return [w for w in TERM_WORD_SEPARATOR.split(term) if w]


@lru_cache(maxsize=65536)  # every matcher of a check asks about each of its terms
def is_acronym(term: str) -> bool:
    """Whether a term is written in capitals only (matched case-sensitively)."""
    core = term.replace("*", "")
    return core.isupper() and len(re.sub(r"\W", "", core)) >= 2


@lru_cache(maxsize=65536)
def is_word_term(term: str) -> bool:
    """Whether a term can be matched word by word (letters, digits, spaces, hyphens, stars)."""
    return bool(SIMPLE_TERM.fullmatch(term)) and all(w.strip("*") for w in term_words(term))


@dataclass(frozen=True)
class Piece:
    """One word of a term: its literal core and whether letters may precede or follow it."""

    core: str
    lead: bool
    trail: bool

    def fits(self, word: str, inflects: bool) -> bool:
        """Whether a whole text word matches this piece (`inflects`: the term's last, unstarred word)."""
        core = self.core
        if self.lead and self.trail:
            return core in word
        if self.trail:
            return word.startswith(core)
        if not inflects:
            return word.endswith(core) if self.lead else word == core
        if self.lead:
            return any(word.endswith(core + ending) for ending in INFLECTIONS)
        return word.startswith(core) and word[len(core) :] in INFLECTIONS

    def bare(self, word: str) -> bool:
        """Whether a matching word carries no inflection (so a possessive 's may follow it)."""
        return word.endswith(self.core) if self.lead else word == self.core


@dataclass(frozen=True, eq=False)
class WordTerm:
    """A term made of word pieces, matched against the words of a text (one object per term in the
    index, so compared and hashed by identity)."""

    term: str
    pieces: tuple[Piece, ...]
    exact_case: bool
    lower: tuple[Piece, ...]  # the pieces in lower case, for case-blind candidate lookup

    def match(self, words: Words, index: int) -> int | None:
        """The end offset of a match starting at word `index`, or None."""
        last = len(self.pieces) - 1
        if index + last >= len(words.starts):
            return None
        forms = words.original if self.exact_case else words.lowered
        for offset, piece in enumerate(self.pieces):
            at = index + offset
            if offset and not words.joined[at - 1]:
                return None
            if not piece.fits(forms[at], offset == last and not piece.trail):
                return None
        end = words.ends[index + last]
        final = self.pieces[last]
        if not final.trail and final.bare(forms[index + last]):
            return words.possessive_end(end)
        return end

    @property
    def sure(self) -> bool:
        """Whether a look-up of a lower-cased word in the index is the whole match: one word, any case."""
        return len(self.pieces) == 1 and not self.exact_case

    def bare_at(self, word: str) -> bool:
        """Whether a possessive 's may follow this one-word term where it matches `word`."""
        piece = self.pieces[0]
        return not piece.trail and piece.bare(word)

    @property
    def first_lower(self) -> Piece:
        return self.lower[0]

    def inflects(self, level: int) -> bool:
        """Whether piece `level` is the term's last word and may take an inflection ending."""
        return level == len(self.pieces) - 1 and not self.pieces[level].trail

    @property
    def by_pair(self) -> bool:
        """Whether the term is indexed by its first two words (a plain first word, then more)."""
        first = self.pieces[0]
        return len(self.pieces) > 1 and not first.lead and not first.trail


@cache
def word_term(term: str) -> WordTerm:
    """A word term parsed once per process."""
    exact = is_acronym(term)
    pieces = tuple(
        Piece(w.strip("*") if exact else w.strip("*").lower(), w.startswith("*"), w.endswith("*"))
        for w in term_words(term)
    )
    lower = tuple(Piece(p.core.lower(), p.lead, p.trail) for p in pieces) if exact else pieces
    return WordTerm(term, pieces, exact, lower)


WordPlan = tuple[tuple[tuple[str, bool], ...], tuple[WordTerm, ...]]  # see TermIndex.plan


@lru_cache(maxsize=65536)
def stems(word: str) -> tuple[str, ...]:
    """The word and the word without each inflection ending it has."""
    return tuple(word[: len(word) - len(e)] for e in INFLECTIONS if word.endswith(e) and len(word) > len(e))


class Words:
    """The words of one text: offsets, original and lower-cased forms, and which pairs a term may span."""

    def __init__(self, text: str, lowered: str) -> None:
        self.text = text
        self.lowered_text = lowered
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.original: list[str] = []
        self.lowered: list[str] = []
        self.joined: list[bool] = []  # whether a term may run on from each word to the next
        for match in WORD_AND_JOIN.finditer(text):
            start, join = match.start(), match.start(1)
            end = match.end() if join < 0 else join
            self.starts.append(start)
            self.ends.append(end)
            self.original.append(text[start:end])
            self.lowered.append(lowered[start:end])
            self.joined.append(join >= 0)
        del self.joined[-1:]  # the last word has no next one
        self._matches: dict[str, list[tuple[int, int]]] = {}
        self._matches_version = -1

    def possessive_end(self, end: int) -> int:
        """`end` moved past a possessive 's (BOA's) that is not followed by a letter."""
        if self.text[end : end + 2] in ("'s", "’s") and not WORD.match(self.text, end + 2):
            return end + 2
        return end

    def matches(self) -> dict[str, list[tuple[int, int]]]:
        """term -> (start, end) of every shared-index term match at a word start (once per text)."""
        if self._matches_version != INDEX.version:
            found: dict[str, list[tuple[int, int]]] = {}
            lowered, joined, starts, ends = self.lowered, self.joined, self.starts, self.ends
            plans, plan_of = INDEX.plans, INDEX.plan
            pair_candidates_of, pair_firsts = INDEX.pair_candidates, INDEX.pair_firsts
            last = len(joined)
            for index, word in enumerate(lowered):
                sure, unsure = plans.get(word) or plan_of(word)
                if sure:
                    start, end = starts[index], ends[index]
                    for term, bare in sure:
                        found.setdefault(term, []).append((start, self.possessive_end(end) if bare else end))
                if index < last and joined[index] and word in pair_firsts:
                    unsure += pair_candidates_of(word, lowered[index + 1])
                for term in unsure:
                    end = term.match(self, index)
                    if end is not None:
                        found.setdefault(term.term, []).append((starts[index], end))
            self._matches = found
            self._matches_version = INDEX.version
        return self._matches


@lru_cache(maxsize=4096)  # a plan's blocks and sentences are matched in passes: a few thousand at a time
def words_of(text: str) -> Words | None:
    """The words of a text (None when lower-casing changes its length, e.g. 'İ')."""
    lowered = text.lower()
    return Words(text, lowered) if len(lowered) == len(text) else None


@dataclass
class Batch:
    """Terms indexed by their piece at `level`: exact words, word starts, word ends and inner parts."""

    level: int = 0
    exact: dict[str, list[WordTerm]] = field(default_factory=dict)
    prefix: dict[str, list[WordTerm]] = field(default_factory=dict)
    suffix: dict[str, list[WordTerm]] = field(default_factory=dict)
    inner: list[WordTerm] = field(default_factory=list)
    pairs: dict[str, Batch] = field(default_factory=dict)  # level 0: plain first word -> terms by the second

    def add(self, term: WordTerm) -> None:
        if self.level == 0 and term.by_pair:
            self.pairs.setdefault(term.lower[0].core, Batch(level=1)).add(term)
            return
        piece = term.lower[self.level]
        if piece.lead and piece.trail:
            self.inner.append(term)
        elif piece.lead:
            self.suffix.setdefault(piece.core[-KEY:], []).append(term)
        elif piece.trail:
            self.prefix.setdefault(piece.core[:KEY], []).append(term)
        else:
            self.exact.setdefault(piece.core, []).append(term)

    def candidates(self, word: str) -> list[WordTerm]:
        """The terms whose piece at this level fits a lower-cased word (`WordTerm.match` checks case)."""
        found: list[WordTerm] = []
        for stem in stems(word):
            found += self.exact.get(stem, ())
            for k in range(1, min(KEY, len(stem)) + 1):
                found += self.suffix.get(stem[-k:], ())
        for k in range(1, min(KEY, len(word)) + 1):
            found += self.prefix.get(word[:k], ())
        found += self.inner
        level = self.level
        return [t for t in dict.fromkeys(found) if t.lower[level].fits(word, t.inflects(level))]


def term_batch(terms: Iterable[str]) -> tuple[Batch, tuple[str, ...]]:
    """A batch of the word terms among `terms`, with those terms: built once for a rule pack and
    cached with it (see `TermIndex.adopt`)."""
    batch = Batch()
    words = tuple(t for t in dict.fromkeys(terms) if is_word_term(t))
    for term in words:
        batch.add(word_term(term))
    return batch, words


class TermIndex:
    """The process-wide index of word terms, grown in batches."""

    def __init__(self) -> None:
        self.batches: list[Batch] = []
        self.registered: set[str] = set()
        self.version = 0
        self.pair_firsts: set[str] = set()  # the plain first words of the terms indexed by pairs
        self._words: dict[str, tuple[int, tuple[WordTerm, ...], WordPlan]] = {}
        self.plans: dict[str, WordPlan] = {}  # word -> its plan over every batch (emptied when one changes)
        self._pairs: dict[tuple[str, str], tuple[int, tuple[WordTerm, ...]]] = {}
        self._last_batch_used = True

    def register(self, terms: Iterable[str]) -> None:
        """Add word terms; they extend the last batch when no word has been looked up in it yet."""
        new = [t for t in dict.fromkeys(terms) if t not in self.registered and is_word_term(t)]
        if not new:
            return
        if self._last_batch_used:
            self.batches.append(Batch())
            self._last_batch_used = False
        for term in new:
            self.batches[-1].add(word_term(term))
        self.pair_firsts.update(self.batches[-1].pairs)
        self.registered.update(new)
        self._changed()

    def adopt(self, batch: Batch, terms: tuple[str, ...]) -> None:
        """Add a batch that `term_batch(terms)` built (in an earlier run); when the index already
        holds some of its terms they are registered one by one instead."""
        if not self.registered.isdisjoint(terms):
            self.register(terms)
            return
        self.batches.append(batch)
        self.pair_firsts.update(batch.pairs)
        self._last_batch_used = False
        self.registered.update(terms)
        self._changed()

    def _changed(self) -> None:
        """After terms were added: every text's matches and every word's plan are out of date."""
        self.version += 1
        self.plans.clear()

    def plan(self, word: str) -> WordPlan:
        """How the registered terms (except those indexed by pairs) are matched at a lower-cased word:
        the one-word case-blind terms, which the look-up itself has matched (each with whether a
        possessive 's may follow), and the terms that `WordTerm.match` must still try."""
        entry = self._words.get(word)
        if entry is None or entry[0] < len(self.batches):
            seen, found = entry[:2] if entry else (0, ())
            for batch in self.batches[seen:]:
                found += tuple(batch.candidates(word))
            sure = tuple((t.term, t.bare_at(word)) for t in found if t.sure)
            plan = (sure, tuple(t for t in found if not t.sure))
            entry = self._words[word] = (len(self.batches), found, plan)
            self._last_batch_used = True
        self.plans[word] = entry[2]
        return entry[2]

    def pair_candidates(self, first: str, second: str) -> tuple[WordTerm, ...]:
        """The registered terms of several words whose plain first word is `first` and whose second
        word fits `second` (both lower-cased)."""
        key = (first, second)
        seen, found = self._pairs.get(key, (0, ()))
        if seen < len(self.batches):
            for batch in self.batches[seen:]:
                paired = batch.pairs.get(first)
                if paired is not None:
                    found += tuple(paired.candidates(second))
            self._pairs[key] = (len(self.batches), found)
            self._last_batch_used = True
        return found


INDEX = TermIndex()
