"""Dutch text helpers: the one spaCy pipeline, sentences, words, lemmas and syllables.

The spaCy pipeline is `spacy.blank("nl")` + sentencizer + lookup lemmatizer (tables from
spacy-lookups-data; nothing is downloaded), built once per process. Sentence splitting uses a
regex that follows the checklist's rule (a sentence ends at . ! ? followed by white space and a
capital or digit), which is far faster than running spaCy over a whole plan; lemmas come from
the pipeline's lookup table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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


@lru_cache(maxsize=1)
def get_nlp() -> Any:
    """The process-wide spaCy pipeline (blank Dutch, sentencizer, lookup lemmatizer)."""
    import spacy
    from spacy.tokenizer import Tokenizer

    # ivpcheck splits words and sentences itself (see `words` and `sentences`), so the blank
    # pipeline gets a plain whitespace tokenizer: building the Dutch tokenizer's 4,670 special
    # cases would cost about a second of every cold start for nothing.
    @spacy.registry.tokenizers("ivpcheck.whitespace_tokenizer.v1")
    def whitespace_tokenizer() -> Any:
        return lambda nlp: Tokenizer(nlp.vocab)

    nlp = spacy.blank(
        "nl", config={"nlp": {"tokenizer": {"@tokenizers": "ivpcheck.whitespace_tokenizer.v1"}}}
    )
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=1)
def _lemma_table() -> Any:
    return get_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at `dot` closes an abbreviation or an initial rather than a sentence."""
    start = dot
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in "([\"'":
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences with offsets (regex splitter; see the module docstring)."""
    result: list[Sentence] = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        _append(result, text, start, match.end())
        start = match.end()
    _append(result, text, start, len(text))
    return result


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


def lemma(word: str) -> str:
    """The lookup lemma of one word (lower case; the word itself when unknown)."""
    lowered = word.lower()
    return _lemma_table().get(lowered, lowered)


@lru_cache(maxsize=1)
def _lemma_set() -> frozenset[str]:
    return frozenset(_lemma_table().values())


def known_word(word: str) -> bool:
    """Whether the lower-cased word is a Dutch word (a form or a lemma of the lookup table)."""
    lowered = word.lower()
    return _lemma_table().get(lowered) is not None or lowered in _lemma_set()


def lemmas(text: str) -> list[str]:
    """Lookup lemmas of every word in a text."""
    return [lemma(w) for w in words(text)]


def lemma_text(text: str) -> str:
    """The text with every word replaced by its lemma, space separated (for lemma matching)."""
    return " ".join(lemmas(text))


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one word by the Dutch hyphenation dictionary (pyphen nl_NL); numbers count 1."""
    parts = [p for p in re.split(r"[-'’.,]", word) if HAS_LETTER.search(p)]
    if not parts:
        return 1
    return sum(len(_hyphenator().positions(p.lower())) + 1 for p in parts)
