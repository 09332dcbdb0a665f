"""A pattern skips a text only when it cannot match it: cue patterns that run part of their lists, and
the rule pack's own regular expressions, find exactly what the whole expressions find."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from ivpcheck.model.settings import Settings
from ivpcheck.profile.doctype import doctype_gate
from ivpcheck.profile.period import period_cues
from ivpcheck.profile.priorities import priority_cues
from ivpcheck.run.pipeline import pack_for
from ivpcheck.text import needs
from ivpcheck.text.cues import COMPILE_FROM, PRUNE_FROM, Cues

SOURCES = Path(__file__).resolve().parent.parent / "corpus" / "sources"
PACK = pack_for(Settings())
doctype_gate(PACK.vocab), period_cues(PACK.vocab), priority_cues(PACK.vocab)  # every pattern the code builds
# characters that Python's IGNORECASE folds otherwise than str.lower: the long s, dotless and dotted i,
# the Kelvin sign, the micro sign
ODD_CASE = "Veiligheidſplan İVP, de ıVP en 3 Km beleid; µ-niveau. ẞ"


def long_texts(count: int, seed: str) -> list[str]:
    """Reproducible openings of ~8,000 characters glued from corpus source paragraphs."""
    paragraphs = [
        p for path in sorted(SOURCES.glob("*.md")) for p in path.read_text(encoding="utf-8").split("\n\n")
    ]
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        text = ""
        while len(text) < 8000:
            text += rng.choice(paragraphs) + "\n\n"
        texts.append(text)
    return texts


def span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


def sources() -> list[str]:
    return [path.read_text(encoding="utf-8")[:12000] for path in sorted(SOURCES.glob("*.md"))]


@pytest.mark.parametrize("stem", sorted(PACK.vocab.cue_lists))
def test_every_cue_pattern_finds_what_its_whole_expression_finds(stem: str) -> None:
    patterns = list(PACK.vocab.cue_lists[stem]._patterns.values())
    assert patterns
    texts = [*sources(), *long_texts(20, stem)]
    texts += [text[: COMPILE_FROM - 1] for text in texts[-5:]]  # shorter: run whole or not at all
    texts += [text.upper() for text in texts[:5]] + [ODD_CASE * 40 + texts[0]]
    pruned = skipped = 0
    for text in texts:
        assert len(text) >= PRUNE_FROM
        for cue in patterns:
            whole = cue.pattern
            chosen = cue._for(text)
            pruned += chosen is not whole and chosen is not None
            skipped += chosen is None
            if len(text) < COMPILE_FROM:
                assert chosen is whole or chosen is None
            assert [m.span() for m in cue.finditer(text)] == [m.span() for m in whole.finditer(text)]
            assert cue.findall(text) == whole.findall(text)
            assert span(cue.search(text)) == span(whole.search(text))
            assert span(cue.match(text)) == span(whole.match(text))
    assert pruned > len(texts)  # on long texts most patterns ran without entries that cannot occur
    assert skipped  # and some not at all
    assert all(cue._for(texts[-1]) is cue.pattern for cue in patterns)  # odd case: the whole expression


def test_an_entry_an_advisor_adds_is_found_in_a_long_text() -> None:
    cues = Cues("test", {"signs": ["veiligheidsbeeld", "wat willen we bereiken", "focusthema'?s"]})
    pattern = cues.pattern(r"\b{signs}\b")
    text = long_texts(1, "advisor")[0]
    added = text + "\nDe focusthemas en Wat  willen we\nbereiken?"
    assert [m.group(0) for m in pattern.finditer(added)][-2:] == ["focusthemas", "Wat  willen we\nbereiken"]
    assert pattern.search("x" * PRUNE_FROM) is None  # no needed word: not scanned, no match


def test_what_an_expression_needs() -> None:
    assert needs.of(r"\bvast te stellen\b") == (("vast te stellen",),)
    assert needs.of(r"focusthema'?s") == (("focusthema", "s"),)
    assert needs.of(r"^(?:home|start)\s*>") == (("home", ">"), ("start", ">"))
    assert needs.of(r"\bNVP\b|\d+ fte") == (("nvp",), (" fte",))
    assert needs.of(r"(?:ab)?\d+") == needs.ANYTHING  # nothing it must contain
    assert needs.may_match(needs.of("veiligheidsplan", re.I), "Het VEILIGHEIDSPLAN")
    assert not needs.may_match(needs.of("veiligheidsplan", re.I), "Het uitvoeringsprogramma")
    # the long s matches 's' with IGNORECASE: such a text is always scanned
    assert needs.may_match(needs.of("veiligheidsplan", re.I), "Veiligheidſplan")
    assert re.search("veiligheidsplan", "Veiligheidſplan", re.I)


def rule_pack_expressions() -> list[tuple[str, int]]:
    """The rule pack's regular expressions with their flags: regex detectors, terms detectors' patterns."""
    detectors = [params for rule in PACK.rules for params in rule.detectors.values()]
    expressions = [
        (pattern, re.IGNORECASE) for params in detectors for pattern in getattr(params, "patterns", [])
    ]
    return expressions + [
        (params.pattern, re.IGNORECASE if params.ignore_case else 0)
        for params in detectors
        if params.kind == "regex"
    ]


def test_the_rule_packs_expressions_skip_only_texts_they_cannot_match() -> None:
    expressions = rule_pack_expressions()
    assert len(expressions) >= 10
    paragraphs = [p for text in sources() for p in text.split("\n\n")] + [ODD_CASE]
    for pattern, flags in expressions:
        need = needs.of(pattern, flags)
        for paragraph in paragraphs:
            if re.search(pattern, paragraph, flags):
                assert needs.may_match(need, paragraph), (pattern, paragraph[:80])
