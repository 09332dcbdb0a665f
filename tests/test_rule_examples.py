"""Every rule's example passages give the verdict they are filed under (LanguageTool-style).

A passage uses a light markup: '# ', '## ', '### ' headings, '- ' list items, '| a | b |' table
rows, '::: page' for a page break, blank lines between paragraphs.
"""

from __future__ import annotations

import hashlib

import pytest

from ivpcheck.judge.context import Context
from ivpcheck.judge.engine import judge_rule
from ivpcheck.judge.pack import Example, Rule, RulePack, load_pack
from ivpcheck.model.document import Block, Document, DocumentMeta, TocEntry
from ivpcheck.model.report import Profile
from ivpcheck.model.settings import DEFAULT_RULES_DIR, Settings
from ivpcheck.read.assemble import assemble_document


def passage_blocks(text: str) -> list[Block]:
    """Blocks for a passage in the light markup of the module docstring."""
    blocks: list[Block] = []
    page = 1
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block(page=page, kind="paragraph", text=" ".join(paragraph)))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "::: page":
            flush()
            page += line == "::: page"
            continue
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block(page=page, kind="heading", text=line[level:].strip(), level=level, bold=True))
        elif line.startswith("- "):
            flush()
            blocks.append(Block(page=page, kind="list_item", text=line[2:].strip()))
        elif line.startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= {"-", ":"} for c in cells):
                blocks.append(Block(page=page, kind="table", text=" | ".join(cells)))
        else:
            paragraph.append(line)
    flush()
    return blocks


def example_document(example: Example) -> Document:
    """A small Document holding one example passage."""
    blocks = passage_blocks(example.text)
    toc = [TocEntry(title=t, level=1) for t in example.toc]
    blocks = [Block(page=1, kind="toc", text=t) for t in example.toc] + blocks
    meta = DocumentMeta(**example.meta)
    sha = hashlib.sha256(example.text.encode()).hexdigest()
    return assemble_document(
        source="voorbeeld", fmt=example.format, sha256=sha, blocks=blocks, meta=meta, toc=toc
    )


def example_profile(doc: Document, example: Example, pack: RulePack) -> Profile:
    """The profile the real profile stage builds, with the example's stated facts on top."""
    from ivpcheck.profile import build_profile

    profile = build_profile(doc, pack.vocab)
    if example.profile:
        data = profile.model_dump() | example.profile
        profile = Profile.model_validate(data)
    return profile


def example_verdict(rule: Rule, pack: RulePack, example: Example) -> tuple[str, object]:
    doc = example_document(example)
    settings = Settings(check_date=example.check_date) if example.check_date else Settings()
    ctx = Context(
        doc=doc, profile=example_profile(doc, example, pack), check_date=settings.check_date, vocab=pack.vocab
    )
    result = judge_rule(rule, ctx, settings)
    return result.verdict, result


PACK = load_pack([DEFAULT_RULES_DIR])
CASES = [
    pytest.param(rule.id, verdict, example, id=f"{rule.id}-{verdict}-{index}")
    for rule in PACK.rules
    for index, (verdict, example) in enumerate(rule.examples.items())
]


@pytest.mark.parametrize(("rule_id", "expected", "example"), CASES)
def test_example(rule_id: str, expected: str, example: Example) -> None:
    rule = PACK.get(rule_id)
    assert rule is not None
    verdict, result = example_verdict(rule, PACK, example)
    assert verdict == expected, f"{rule_id}: {example.text[:80]!r} -> {verdict}, details {result.details}"  # type: ignore[attr-defined]
    if verdict not in {"n.v.t."}:
        assert result.evidence or result.searched  # type: ignore[attr-defined]
    if verdict in {"deels", "ontbreekt"}:
        assert result.improvement and "[?]" not in result.improvement  # type: ignore[attr-defined]


def test_every_rule_has_examples() -> None:
    for rule in PACK.rules:
        verdicts = {v for v, _ in rule.examples.items()}
        assert "voldoet" in verdicts, rule.id
        assert "ontbreekt" in verdicts or "n.v.t." in verdicts, rule.id


def test_pack_covers_the_checklist() -> None:
    ids = [r.id for r in PACK.rules]
    expected = [  # id order: sections in checklist order, then by number
        "K1",
        "K2",
        "K3",
        "K4",
        "K5",
        "K6",
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "V1",
        "V2",
        "V3",
        "V4",
        "V5",
        "P1",
        "P2",
        "P3",
        "P4",
        "P5",
        "P6",
        "P7",
        "P8",
        "U1",
        "U2",
        "U3",
        "U4",
        "U5",
        "U6",
        "M1",
        "M2",
        "M3",
        "M4",
        "S1",
        "S2",
        "S3",
        "S4",
        "S5",
        "L1",
        "L2",
        "L3",
        "L4",
        "L5",
        "L6",
        "L7",
    ]
    assert ids == expected
