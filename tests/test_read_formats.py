"""DOCX, HTML and text readers on the built corpus: outline = gold = PDF outline, TOC, tables."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import CORPUS, heldout_ids

from ivpcheck.cli import main
from ivpcheck.model.document import Document
from ivpcheck.read import read_document
from ivpcheck.read.assemble import split_heading_number

SOURCES_DIR = CORPUS / "sources"
GOLD_DIR = CORPUS / "gold"


def _front_matter(path: Path) -> dict:
    """The YAML front matter of a corpus source (read at collection time, before any build)."""
    text = path.read_text(encoding="utf-8")
    _, block, _ = text.split("---", 2)
    return yaml.safe_load(block)


SOURCES = {
    p.stem: _front_matter(p)
    for p in sorted(SOURCES_DIR.glob("*.md"))
    if p.stem.lower() != "readme" and p.stem not in heldout_ids()  # held-out plans are only measured
}
BUILT = [
    (source_id, fmt)
    for source_id, meta in SOURCES.items()
    for fmt in ("docx", "html")
    if fmt in [str(f).lower() for f in meta.get("formats") or []]
]
BUILT_IDS = [f"{source_id}.{fmt}" for source_id, fmt in BUILT]


def outline(doc: Document) -> list[dict]:
    """Every heading as {number, text, level}, the shape of gold/<id>.outline.yaml."""
    return [{"number": h.number, "text": h.text, "level": h.level} for h in doc.headings]


def gold_outline(source_id: str) -> list[dict] | None:
    path = GOLD_DIR / f"{source_id}.outline.yaml"
    if not path.exists():
        return None
    return [
        {
            "number": None if h.get("number") is None else str(h["number"]),
            "text": h["text"],
            "level": h["level"],
        }
        for h in yaml.safe_load(path.read_text(encoding="utf-8"))["headings"]
    ]


def plain(markup: str) -> str:
    """Source inline markup -> printed text (bold/italic markers and footnote refs removed)."""
    markup = re.sub(r"\[\^[^\]]+\]", "", markup)
    return " ".join(markup.replace("**", "").replace("*", "").split())


def source_table_rows(source_id: str) -> list[str]:
    """Every pipe-table row of the source (header included), cells joined by ' | '."""
    rows = []
    for line in (SOURCES_DIR / f"{source_id}.md").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("|") and not re.fullmatch(r"[|:\-\s]+", line):
            rows.append(" | ".join(plain(c) for c in line.strip("|").split("|")))
    return rows


def source_headings(source_id: str) -> list[tuple[str | None, str]]:
    """(number, text) of every heading line of the source, as printed."""
    text = (SOURCES_DIR / f"{source_id}.md").read_text(encoding="utf-8")
    lines = [plain(m.group(1)) for m in re.finditer(r"^#{1,4}\s+(.+?)\s*$", text, re.MULTILINE)]
    return [split_heading_number(line) for line in lines]


def numbered(doc: Document) -> list[tuple[str | None, str]]:
    return [(h.number, h.text) for h in doc.headings]


@pytest.fixture(scope="module")
def built_docs(built_corpus: Path) -> dict[tuple[str, str], Document]:
    """Each built DOCX/HTML file read once."""
    docs = {}
    for source_id, fmt in BUILT:
        path = built_corpus / fmt / f"{source_id}.{fmt}"
        assert path.exists(), f"builder did not write {path}"
        docs[(source_id, fmt)] = read_document(path)
    return docs


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_outline_matches_source_and_gold(built_docs, source_id: str, fmt: str) -> None:
    doc = built_docs[(source_id, fmt)]
    assert doc.format == fmt
    assert numbered(doc) == source_headings(source_id)
    gold = gold_outline(source_id)
    if gold is None:
        pytest.skip(f"no hand-written gold outline for {source_id} yet (checked against the source only)")
    assert outline(doc) == gold


@pytest.fixture(scope="module")
def pdf_outlines(built_corpus: Path) -> dict[str, list[dict]]:
    """The PDF reader's outline of every plan that also has a DOCX or HTML build."""
    if importlib.util.find_spec("ivpcheck.read.pdf") is None:
        pytest.skip("ivpcheck.read.pdf (read_pdf) does not exist yet")
    return {sid: outline(read_document(built_corpus / "pdf" / f"{sid}.pdf")) for sid in {s for s, _ in BUILT}}


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_outline_matches_pdf_reader(built_docs, pdf_outlines, source_id: str, fmt: str) -> None:
    assert outline(built_docs[(source_id, fmt)]) == pdf_outlines[source_id]


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_toc_is_parsed_and_not_body_text(built_docs, source_id: str, fmt: str) -> None:
    doc = built_docs[(source_id, fmt)]
    body_lines = doc.body_text().splitlines()
    if SOURCES[source_id].get("toc"):
        toc_headings = [h for h in doc.headings if h.level <= 3]
        assert [(e.number, e.title) for e in doc.toc] == [(h.number, h.text) for h in toc_headings]
        assert [e.level for e in doc.toc] == [h.level for h in toc_headings]
        assert any(b.kind == "toc" for b in doc.blocks)
    else:
        assert doc.toc == []
    assert not any(line.strip().lower() in ("inhoud", "inhoudsopgave") for line in body_lines)
    prose = Counter(b.text for b in doc.body_blocks() if b.kind in ("heading", "paragraph"))
    headings = Counter(b.text for b in doc.blocks if b.kind == "heading")
    for text, count in headings.items():  # printed only as the heading; a TOC line would repeat it
        assert prose[text] == count, text
    for page in doc.pages:
        assert "Inhoudsopgave" not in page.text.splitlines()


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_tables_kept_one_block_per_row(built_docs, source_id: str, fmt: str) -> None:
    doc = built_docs[(source_id, fmt)]
    rows = [b.text for b in doc.blocks if b.kind == "table"]
    assert rows == source_table_rows(source_id)


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_meta_cover_colophon_and_footnotes(built_docs, source_id: str, fmt: str) -> None:
    doc = built_docs[(source_id, fmt)]
    meta = SOURCES[source_id]
    assert doc.meta.title == meta["title"]
    assert (doc.meta.language or "").lower().startswith("nl")
    text = (SOURCES_DIR / f"{source_id}.md").read_text(encoding="utf-8")
    notes = re.findall(r"^\[\^[^\]]+\]:", text, re.MULTILINE)
    assert len([b for b in doc.blocks if b.kind == "footnote"]) == len(notes)
    body = doc.body_text()
    assert not re.search(r"\[\^", body)
    if "::: colophon" in text:
        assert doc.meta.colophon_page is not None
        assert any(b.kind == "colophon" for b in doc.blocks)
    if fmt == "docx" and meta.get("cover"):
        assert doc.meta.cover_page == 1
        assert meta["title"] not in body.splitlines()
    for section in doc.all_sections():  # every section (or a subsection) has text under it
        assert section.full_text().strip(), section.heading.label


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_text_reader_on_markdown_sources(source_id: str) -> None:
    """The sources are Markdown: the text reader finds the same outline as the gold."""
    doc = read_document(SOURCES_DIR / f"{source_id}.md")
    assert doc.format == "text"
    assert doc.meta.title == SOURCES[source_id]["title"]
    assert numbered(doc) == source_headings(source_id)
    gold = gold_outline(source_id)
    if gold is not None:
        assert outline(doc) == gold
    assert [b.text for b in doc.blocks if b.kind == "table"] == source_table_rows(source_id)


@pytest.mark.parametrize("source_id", sorted(SOURCES))
def test_text_reader_plain_text_numbered_lines(tmp_path: Path, source_id: str) -> None:
    """A source saved as plain text ('#' removed, a form feed per chapter): numbered lines are headings."""
    text = (SOURCES_DIR / f"{source_id}.md").read_text(encoding="utf-8").split("---", 2)[2]
    lines = []
    for line in text.splitlines():
        if line.startswith(":::") or line.startswith("|"):
            continue
        if line.startswith("# "):
            lines.append("\f")
        lines.append(re.sub(r"^#{1,4}\s+", "", line))
    path = tmp_path / f"{source_id}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    expected = [(n, t) for n, t in source_headings(source_id) if n and n[0].isdigit()]
    assert numbered(doc) == expected
    assert doc.meta.page_count == text.count("\n# ") + 1
    chapters = [h for h in doc.headings if h.level == 1]
    assert len({h.page for h in chapters}) == len(chapters)  # each chapter on its own page


@pytest.mark.parametrize(("source_id", "fmt"), BUILT, ids=BUILT_IDS)
def test_cli_read_formats(built_corpus: Path, built_docs, source_id: str, fmt: str) -> None:
    path = built_corpus / fmt / f"{source_id}.{fmt}"
    doc = built_docs[(source_id, fmt)]
    runner = CliRunner()
    result = runner.invoke(main, ["read", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"Inhoudsopgave / TOC:   {len(doc.toc)} entries" in lines
    for heading in doc.headings:  # indented by level, numbered
        indent = "  " * (heading.level - 1)
        assert any(line.startswith(indent + heading.label) for line in lines), heading.label
    result = runner.invoke(main, ["read", str(path), "--format", "json"])
    assert Document.model_validate_json(result.stdout).headings
    result = runner.invoke(main, ["read", str(path), "--format", "text"])
    assert result.stdout.startswith("--- pagina 1 ---")


def test_docx_contents_typed_as_plain_paragraphs_is_a_table_of_contents(tmp_path: Path) -> None:
    """Word users often type the contents by hand: 'Inhoud', then '1 Inleiding<tab>3' paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph("Integraal Veiligheidsplan Voorbeeld 2025-2028", style="Title")
    document.add_paragraph("Inhoud")
    for line in ("1 Inleiding\t3", "2 Prioriteiten\t5", "2.1 Ondermijning\t6", "3 Middelen\t9"):
        document.add_paragraph(line)
    document.add_heading("1 Inleiding", level=1)
    document.add_paragraph("Dit plan beschrijft de prioriteiten voor de komende vier jaar.")
    document.add_heading("2 Prioriteiten", level=1)
    document.add_heading("2.1 Ondermijning", level=2)
    document.add_paragraph("Ondermijning pakken we samen met het RIEC aan.")
    path = tmp_path / "handgetypte-inhoud.docx"
    document.save(path)
    doc = read_document(path)
    assert [(e.number, e.title, e.page) for e in doc.toc] == [
        ("1", "Inleiding", 3),
        ("2", "Prioriteiten", 5),
        ("2.1", "Ondermijning", 6),
        ("3", "Middelen", 9),
    ]
    assert not any("Middelen" in b.text for b in doc.body_blocks())


def test_text_reader_joins_a_list_number_on_its_own_line_with_its_text(tmp_path: Path) -> None:
    """An official publication page copied as text: "• 1." on a line of its own, its text indented on
    the next (after a blank line); each number and its text are one list item."""
    lines = [
        "Prioriteiten",
        "",
        "  • 1.",
        "",
        "    Drugsoverlast",
        "  • 2.",
        "",
        "    Zorg en veiligheid",
        "",
    ]
    lines += ["  • a.", "    Een los punt met een letter.", "", "Doelstellingen", "", "Tekst na de lijst."]
    path = tmp_path / "publicatie.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    blocks = [(b.kind, b.text) for b in read_document(path).blocks]
    assert [text for kind, text in blocks if kind == "list_item"] == [
        "Drugsoverlast",
        "Zorg en veiligheid",
        "Een los punt met een letter.",
    ]
    assert ("paragraph", "Tekst na de lijst.") in blocks
