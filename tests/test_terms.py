"""TermMatcher (word index) finds exactly what one alternation of the terms' regular expressions finds."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from ivpcheck.model.settings import Settings
from ivpcheck.run.pipeline import pack_for
from ivpcheck.text.terms import SHARED_FROM, TermHit, TermMatcher, term_pattern

SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "sources"
PACK = pack_for(Settings())


def reference_hits(terms: list[str], text: str) -> list[TermHit]:
    """The specification: one alternation of `term_pattern`, longest term first, leftmost match wins."""
    ordered = sorted({t.strip() for t in terms if t.strip()}, key=lambda t: (-len(t), t))
    names = {f"t{i}": term for i, term in enumerate(ordered)}
    regex = re.compile("|".join(f"(?P<{name}>{term_pattern(term)})" for name, term in names.items()))
    return [TermHit(names[m.lastgroup or ""], m.start(), m.end(), m.group(0)) for m in regex.finditer(text)]


def test_term_syntax() -> None:
    terms = ["woninginbra*", "*inbraak", "ondermijn*", "OM", "veilig thuis", "jeugdgroep*", "overlast"]
    text = (
        "Woninginbraken en bedrijfsinbraak; ondermijning om OM heen. Veilig-Thuis en jeugdgroepen: overlast."
    )
    hits = TermMatcher(terms).find_all(text)
    assert [h.term for h in hits] == terms
    assert hits[4].text == "Veilig-Thuis"
    assert TermMatcher(["wijk"]).distinct("wijken wijkje") == {"wijk"}  # plural yes, diminutive no
    assert TermMatcher(["politie-inzet"]).search("extra politie inzet").text == "politie inzet"
    assert TermMatcher(["BOA"]).search("de BOA's zijn er").text == "BOA's"
    assert TermMatcher(["GGD'en", "politie.nl"]).distinct("De GGD'en en data.politie.nl") == {
        "GGD'en",
        "politie.nl",
    }


TEXTS = [
    "Het Zorg- en Veiligheidshuis (ZVH) en het OM pakken woninginbraken aan; om 12 uur BOA's.",
    "HIC-delicten en IJsselmonde; alcohol- en drugsgebruik, Halt-cijfers, VNO-NCW, 12-minners.",
    "Ondermijnende criminaliteit, jeugdoverlast en de gemeenteraden van Hollands Kroon.",
    "İstanbul — de politie-inzet en wijkagenten; Veiligheidsmonitor 2023 en RIEC's ondermijningsbeeld.",
    "Doel: in 2026 moeten de GGD'en en veiligheidsregio's het Besluit risico's zware ongevallen kennen.",
]


def corpus_paragraphs(count: int, seed: str) -> list[str]:
    """A reproducible random choice of paragraphs from the corpus sources."""
    paragraphs = [
        p for path in sorted(SOURCES.glob("*.md")) for p in path.read_text(encoding="utf-8").split("\n\n")
    ]
    return random.Random(seed).sample(paragraphs, count)


@pytest.mark.parametrize("name", sorted(PACK.vocab.items))
def test_every_vocabulary_matches_like_its_regular_expressions(name: str) -> None:
    terms = PACK.vocab.items[name].terms
    rng = random.Random(name)
    sample = " ".join(rng.choice(terms).replace("*", rng.choice(["en", "", "heid"])) for _ in range(60))
    matcher = TermMatcher(terms)
    for text in [*TEXTS, sample, sample.upper(), sample.replace(" ", "-"), *corpus_paragraphs(40, name)]:
        assert matcher.find_all(text) == reference_hits(terms, text), text[:80]


def test_all_vocabularies_together() -> None:
    terms = sorted({t for vocab in PACK.vocab.items.values() for t in vocab.terms})
    matcher = TermMatcher(terms)
    for text in [*TEXTS, *corpus_paragraphs(12, "all")]:
        assert matcher.find_all(text) == reference_hits(terms, text), text[:80]


def test_terms_added_to_the_shared_index_after_a_text_was_matched_are_found_in_it() -> None:
    """The shared index grows in batches: the words of a text matched before (their plans cached) find the
    terms of a later batch (a matcher with SHARED_FROM or more new terms registers them)."""
    text = "De kwartiermakers en de buurtverbinders van het wijkteam overleggen met de kwartiermaker."
    assert TermMatcher(["wijkteam"]).distinct(text) == {"wijkteam"}  # every word of the text looked up
    terms = ["kwartiermaker", "buurtverbinder*", *(f"proefterm{i}" for i in range(SHARED_FROM))]
    later = TermMatcher(terms)
    assert not later._private  # registered in the shared index, not matched on the side
    assert later.find_all(text) == reference_hits(terms, text)
    assert later.distinct(text) == {"kwartiermaker", "buurtverbinder*"}


def test_a_documents_term_hits_are_those_of_scanning_every_unit(built_corpus: Path) -> None:
    """DocView.find_terms scans only the units that hold one of a list's terms (from where the shared
    index's terms occur): the same hits, in the same order, as scanning every unit of the list, for lists
    outside the index too (private and pattern terms), for scoped and reordered unit lists, for a unit
    matched by patterns ('İ') and after terms were added to the shared index."""
    from ivpcheck.model.document import Block
    from ivpcheck.read import read_document
    from ivpcheck.text.passages import DocView, Scope
    from ivpcheck.text.terms import matcher

    doc = read_document(sorted((built_corpus / "pdf").glob("*.pdf"))[0])
    extra = Block(kind="paragraph", page=1, text="İstanbul: de wijkagent en de BOA's tegen woninginbraken.")
    doc = doc.model_copy(update={"blocks": [*doc.blocks, extra]})
    view = DocView(doc)

    def scanned(units: list, terms: list[str]) -> list[tuple[int, TermHit]]:
        return [(u.index, hit) for u in units for hit in matcher(tuple(terms)).find_all(u.text)]

    lists = [PACK.vocab.items[name].terms for name in sorted(PACK.vocab.items)]
    lists += [["wijkagent*", "woninginbra*"], ["GGD'en", "politie.nl", "BOA"], ["zeldzaamwoord", "wijkagent"]]
    prose = view.in_scope(Scope(prose=True))
    unit_lists = [view.units, prose, prose[::-1], [*prose[:3], *prose[:3]]]
    for terms in lists:
        for units in unit_lists:
            assert [(u.index, h) for u, h in view.find_terms(units, terms)] == scanned(units, terms)
    assert any(u.index == len(doc.blocks) - 1 for u, _ in view.find_terms(view.units, ["wijkagent"]))
    later = ["buurtverbinder*", "veiligheid", *(f"documentterm{i}" for i in range(SHARED_FROM))]
    assert [(u.index, h) for u, h in view.find_terms(view.units, later)] == scanned(view.units, later)
    assert view.term_places().units_by_term.get("documentterm0") is None
    assert "veiligheid" in view.term_places().terms


def test_whether_a_sentence_holds_a_term_is_told_from_its_blocks_matches() -> None:
    """`occurs_within` lets the goal finder answer for a sentence from its block's cached matches: where it
    answers, the answer is that of searching the sentence (whitespace normalised, as the sentence splitter
    gives it), for index, private and pattern terms alike; it answers for most sentences."""
    from ivpcheck.text.nlp import sentences
    from ivpcheck.text.term_index import words_of

    lists = [PACK.vocab.items[name].terms for name in sorted(PACK.vocab.items)]
    lists += [["doel:", "doelstelling:", "we willen"], ["voor u ligt", "inwoners"], ["GGD'en", "BOA's"]]
    lists += [["samenwerking", "jaarlijks*"], ["buurtbewoner*", "zomerperiode"]]  # terms outside the index
    blocks = [*TEXTS, *corpus_paragraphs(300, "within")]
    told = asked = 0
    for terms in lists:
        terms_matcher = TermMatcher(terms)
        for block in blocks:
            for sentence in sentences(block):
                asked += 1
                found = terms_matcher.occurs_within(words_of(block), sentence.start, sentence.end)
                if found is not None:
                    told += 1
                    assert found == (terms_matcher.search(sentence.text) is not None), (terms[:3], sentence)
    assert told > asked * 0.9
