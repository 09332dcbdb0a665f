"""ivpcheck's lemmas are exactly those of spaCy's Dutch lookup lemmatizer (spacy.blank("nl"))."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from ivpcheck.text.nlp import known_word, lemma, lemma_table, lemmas, words

SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "sources"


@pytest.fixture(scope="module")
def spacy_lemmatizer():
    """The reference: a blank Dutch spaCy pipeline with the spacy-lookups-data lookup lemmatizer."""
    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp.vocab, nlp.get_pipe("lemmatizer")


def corpus_words() -> list[str]:
    """Every distinct lower-cased word of the corpus sources."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.md")))
    return sorted({w.lower() for w in words(text)})


def test_lemmas_equal_spacy_lookup_lemmatizer(spacy_lemmatizer) -> None:
    vocab, lemmatizer = spacy_lemmatizer
    forms = corpus_words()
    assert len(forms) > 3000
    doc = lemmatizer(Doc(vocab, words=forms))
    expected = [token.lemma_ for token in doc]
    assert [lemma(form) for form in forms] == expected
    changed = sum(1 for form, exp in zip(forms, expected, strict=True) if form != exp)
    assert changed > 500  # the table really lemmatizes (not an identity fallback)


def test_table_is_spacys_whole_table(spacy_lemmatizer) -> None:
    _, lemmatizer = spacy_lemmatizer
    table = lemmatizer.lookups.get_table("lemma_lookup")
    assert len(lemma_table()) == len(table)


def test_lemma_examples() -> None:
    assert lemmas("Het aantal woninginbraken is gedaald") == [
        "het",
        "aantal",
        "woninginbraken",
        "is",
        "dalen",
    ]
    assert lemma("Toegenomen") == "toenemen"
    assert known_word("VISIE") and not known_word("RIEC")
