"""A cue pattern behind the lookahead for its first characters (text/starts.py) finds exactly what the
same pattern without it finds, on corpus texts, in capitals and with the characters `re` folds oddly."""

from __future__ import annotations

import re

import pytest
from test_needs import ODD_CASE, PACK, long_texts, rule_pack_expressions, sources, span

from ivpcheck.text import starts
from ivpcheck.text.cues import Cues


@pytest.mark.parametrize("stem", sorted(PACK.vocab.cue_lists))
def test_every_cue_pattern_finds_what_it_finds_without_the_lookahead(stem: str) -> None:
    patterns = list(PACK.vocab.cue_lists[stem]._patterns.values())
    texts = [*sources(), *long_texts(10, stem + "-starts")]
    texts += [text.upper() for text in texts[:5]] + [ODD_CASE * 40 + texts[0]]
    texts += [line for text in texts[:3] for line in text.splitlines() if line.strip()]  # short texts too
    guarded = 0
    for cue in patterns:
        plain = re.compile(cue.body(cue.every_entry), cue.flags)
        guarded += cue.pattern.pattern != plain.pattern
        for text in texts:
            assert [m.span() for m in cue.pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]
            assert cue.pattern.findall(text) == plain.findall(text)
    assert guarded >= len(patterns) // 2  # most cue patterns can tell where a match starts


def test_what_a_match_starts_with() -> None:
    assert starts.of(r"(?<!\w)\b(?:ab|c[d-f])+x") == ("a", "c")
    assert starts.of(r"[\d\-]+ jaar") == (r"\d", r"\-")
    assert starts.of(r"\s*x") is None  # may start with the x or with a space: not told
    assert starts.of(r"(?:a|)b") is None  # a branch that consumes nothing
    assert starts.of(r"[^a]b") is None
    assert starts.of(r"(?-i:A)b", re.IGNORECASE) is None  # its own flags
    assert starts.of("x\ue001") == ("x",)
    assert starts.of("\ue001x") == (1,)  # a mark: the caller's list decides
    assert starts.of("(?:\ue001|\ue000)") == (1, 0)  # the parser makes a class of them


def test_the_lookahead_keeps_res_case_folding() -> None:
    cues = Cues("test", {"words": ["kelvin", "slot", "ivp"]})
    pattern = cues.pattern(r"\b{words}\b")
    assert pattern.pattern.pattern.startswith("(?=[")
    text = "Het \u212aelvin-getal, het ſlot en het İVP"
    assert [m.group(0) for m in pattern.pattern.finditer(text)] == re.findall(
        pattern.body(pattern.every_entry), text, re.IGNORECASE
    )


def test_the_rule_packs_expressions_find_what_they_find_without_the_lookahead() -> None:
    expressions = rule_pack_expressions()
    paragraphs = [p for text in sources() for p in text.split("\n\n")] + [ODD_CASE, ODD_CASE.upper()]
    guarded = 0
    for pattern, flags in expressions:
        regex, plain = starts.compiled(pattern, flags), re.compile(pattern, flags)
        guarded += regex.pattern != pattern
        for paragraph in paragraphs:
            assert [m.span() for m in regex.finditer(paragraph)] == [
                m.span() for m in plain.finditer(paragraph)
            ]
    assert guarded >= 1
    assert starts.compiled("\ue000x").pattern == "\ue000x"  # a private-use character is no mark here
    assert starts.compiled(r"ab|cd").pattern == r"(?=[ac])(?:ab|cd)"  # the whole alternation


def test_a_list_with_entries_anchored_at_the_start_is_searched_as_its_whole_expression() -> None:
    lines = [line.strip() for text in sources() for line in text.splitlines() if line.strip()]
    lines += [line.upper() for line in lines[:200]] + [ODD_CASE, "", "Home > Nieuws > Veiligheid", "12"]
    split = 0
    for stem in sorted(PACK.vocab.cue_lists):
        for cue in PACK.vocab.cue_lists[stem]._patterns.values():
            if not cue._past_start[0]:
                continue
            split += 1
            plain = re.compile(cue.body(cue.every_entry), cue.flags)
            for line in lines:
                assert span(cue.search(line)) == span(plain.search(line)), (cue.template, line)
    assert split >= 3  # furniture, furniture headings, dated lines ...
    assert starts.anchored(r"^a|^b") and starts.anchored(r"\Ax")
    assert not starts.anchored(r"^a|b") and not starts.anchored(r"^a", re.MULTILINE)
    assert not starts.anchored(r"(?m)^a") and not starts.anchored(r"(?m:^a)")
