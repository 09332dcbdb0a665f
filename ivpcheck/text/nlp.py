"""Dutch text helpers: sentences, words, lemmas and syllables.

Lemmas are those of spaCy's lookup lemmatizer for Dutch (`spacy.blank("nl")` with the
spacy-lookups-data tables; nothing is downloaded), read from the same table without importing
spaCy; a check looks up a few hundred words, so they are looked up one at a time in an SQLite copy
of the table kept in the user cache instead of loading all 213,000 entries. Sentence splitting
uses a regex that follows the checklist's rule (a sentence ends at . ! ? followed by white space
and a capital or digit), which is far faster than running spaCy's sentencizer over a whole plan.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ivpcheck.text.cache import cached_data, cached_file
from ivpcheck.text.hyphenator import break_count

# Words that end in a period without ending a sentence ("art. 38b", "bijv. De ...").
ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "art",
        "artt",
        "bijv",
        "bv",
        "o.a",
        "e.d",
        "e.a",
        "nr",
        "nrs",
        "ca",
        "mr",
        "dhr",
        "mevr",
        "drs",
        "dr",
        "ir",
        "ing",
        "prof",
        "t.a.v",
        "m.b.t",
        "i.s.m",
        "zgn",
        "z.g",
        "resp",
        "incl",
        "excl",
        "vgl",
        "jl",
        "p",
        "pag",
        "blz",
        "par",
        "hfst",
        "max",
        "min",
        "mln",
        "mld",
        "o.b.v",
        "i.o.m",
        "t.b.v",
        "i.v.m",
        "m.u.v",
        "n.a.v",
        "v.d",
        "etc",
        "evt",
        "d.w.z",
        "m.n",
        "jr",
        "st",
    ]
)

SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
WORD = re.compile(r"[^\W_]+(?:[.,'’\-][^\W_]+)*")
HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Sentence:
    """A sentence with its character offsets in the text it came from."""

    text: str
    start: int
    end: int


def _lemma_source() -> Path:
    """spacy-lookups-data's Dutch lemma lookup table file."""
    import spacy_lookups_data

    path = Path(spacy_lookups_data.nl["lemma_lookup"])
    if not path.exists():  # the package ships the tables gzipped
        path = path.with_name(path.name + ".gz")
    return path


def _lemma_json(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()


def _parse_lemmas(path: Path) -> dict[str, str]:
    return json.loads(_lemma_json(path))


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's Dutch lemma lookup table (form -> lemma), read whole once per process.

    This is the table spaCy's lookup lemmatizer uses in `spacy.blank("nl")`; ivpcheck reads it
    directly because importing spaCy and building its hashed Table costs about 2.5 s of every cold
    start (tests/test_nlp.py proves the lemmas equal those of that spaCy pipeline). The parsed
    table is kept in the user cache (`ivpcheck.text.cache`).
    """
    path = _lemma_source()
    return cached_data("nl-lemmas", path, lambda: _parse_lemmas(path))


def _build_lemma_db(target: Path) -> None:
    """The lemma table as SQLite: table `words` holds every form with its lemma, table `lemmas` every
    lemma (so a word is known when either has it, and its lemma is the form's or the word itself).

    SQLite reads the JSON itself (`json_each`, built in since SQLite 3.38), in half the time of
    inserting 320,000 rows from Python; a later duplicate key wins, as with `json.loads`. The forms are
    inserted in the file's order (spacy-lookups-data writes its keys sorted, so the B-tree only
    appends) and the lemmas, sorted, into a table of their own: a third of the time of merging
    them into `words`."""
    raw = _lemma_json(_lemma_source()).decode("utf-8")
    with contextlib.closing(sqlite3.connect(target)) as db, db:
        db.execute("PRAGMA journal_mode = OFF")  # a temporary file, published only when complete
        db.execute("PRAGMA page_size = 16384")  # fewer, fuller pages to write
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, lemma TEXT NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE lemmas (word TEXT PRIMARY KEY) WITHOUT ROWID")
        db.execute("INSERT OR REPLACE INTO words SELECT key, value FROM json_each(?)", (raw,))
        db.execute("INSERT OR IGNORE INTO lemmas SELECT lemma FROM words ORDER BY lemma")


# A form's lemma, else the word itself when it is a lemma, else NULL.
LOOKUP = (
    "SELECT coalesce((SELECT lemma FROM words WHERE word = ?1), (SELECT word FROM lemmas WHERE word = ?1))"
)


class LemmaLookup:
    """Word-at-a-time lookups in the cached SQLite copy of the lemma table; the whole table in
    memory when there is no cache, or when the cached file cannot be read."""

    def __init__(self) -> None:
        self._db: sqlite3.Connection | None = None
        with contextlib.suppress(sqlite3.Error):  # e.g. an SQLite without json_each: the table in memory
            path = cached_file("nl-lemma-tables", _lemma_source(), ".sqlite", _build_lemma_db)
            if path is not None:
                self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)

    def lookup(self, lowered: str) -> str | None:
        """The lemma of a lower-cased word the table knows (as a form or as a lemma), else None."""
        if self._db is not None:
            try:
                return self._db.execute(LOOKUP, (lowered,)).fetchone()[0]
            except sqlite3.Error:
                self._db = None  # a corrupt cache file: fall back to the table itself
        lemma = lemma_table().get(lowered)
        return lemma if lemma is not None or lowered not in _lemma_set() else lowered


@lru_cache(maxsize=1)
def _lemmas() -> LemmaLookup:
    return LemmaLookup()


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'":
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


@lru_cache(maxsize=4096)  # the profile's period and adoption finders and the detectors split the same blocks
def sentences(text: str) -> tuple[Sentence, ...]:
    """Split text into sentences with offsets (regex splitter; see the module docstring)."""
    result: list[Sentence] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        _append(result, text, start, match.end())
        start = match.end()
    _append(result, text, start, len(text))
    return tuple(result)


def _append(result: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    offset = start + chunk.index(stripped[0])
    result.append(Sentence(" ".join(stripped.split()), offset, offset + len(stripped)))


def words(text: str) -> list[str]:
    """The words of a text: letters/digits, keeping '8.450', "BOA's" and 'HIC-delicten' whole."""
    return WORD.findall(text)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lookup lemma of one word (lower case; the word itself when unknown)."""
    lowered = word.lower()
    return _lemmas().lookup(lowered) or lowered


@lru_cache(maxsize=1)
def _lemma_set() -> frozenset[str]:
    return frozenset(lemma_table().values())


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """Whether the lower-cased word is a Dutch word (a form or a lemma of the lookup table)."""
    lowered = word.lower()
    return _lemmas().lookup(lowered) is not None


def lemmas(text: str) -> list[str]:
    """Lookup lemmas of every word in a text."""
    return [lemma(w) for w in words(text)]


def lemma_text(text: str) -> str:
    """The text with every word replaced by its lemma, space separated (for lemma matching)."""
    return " ".join(lemmas(text))


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one word by the Dutch hyphenation dictionary (pyphen nl_NL); numbers count 1."""
    parts = [p for p in re.split(r"[-'’.,]", word) if HAS_LETTER.search(p)]
    if not parts:
        return 1
    return sum(break_count(p.lower()) + 1 for p in parts)
