"""The PDF readers on the built corpus: headings, page furniture, TOC, cover and colophon, footnotes,
hyphenation, two-column reading order and bad files.

Expectations come from the builder's manifest (where each heading really landed), the hand-written
gold outlines and the sources; split words and column breaks are found with PDFium's own text
layer, independently of the reader under test.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from ivpcheck.model.document import Document
from ivpcheck.model.errors import CorruptFileError, EncryptedFileError, IvpcheckError, NoTextLayerError
from ivpcheck.read import read_document
from ivpcheck.read.toc import parse_toc_lines

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "gold"
SOURCES = REPO / "corpus" / "sources"
READERS = ("pdfium", "pdfplumber")
BAD = {
    "encrypted.pdf": EncryptedFileError,
    "truncated.pdf": CorruptFileError,
    "corrupt.pdf": CorruptFileError,
    "scan.pdf": NoTextLayerError,
}
LINE_END_HYPHEN = "(?:\ufffe|\x02|-\r?\n)"  # PDFium marks a hyphen at a line end with U+FFFE


def _norm(text: str) -> str:
    return " ".join(text.split())


def _split(label: str) -> tuple[str | None, str]:
    """('2.1', 'Aanleiding') from '2.1 Aanleiding'; numbering compared without a trailing dot."""
    match = re.match(r"^(?:(\d+(?:\.\d+)*)\.?\s+)?(.+)$", _norm(label))
    assert match
    return match.group(1), match.group(2)


def _heading_keys(doc: Document) -> list[tuple[str | None, str, int, int]]:
    return [((h.number or "").rstrip(".") or None, _norm(h.text), h.level, h.page) for h in doc.headings]


@pytest.fixture(scope="module")
def pdf_files(corpus_manifest: dict) -> list[dict]:
    """Manifest entries of every good PDF (main builds and layout variants)."""
    return [f for f in corpus_manifest["files"] if f["format"] == "pdf" and not f.get("bad")]


@pytest.fixture(scope="module")
def documents(built_corpus: Path, pdf_files: list[dict]) -> dict[tuple[str, str], Document]:
    """(path, reader) -> Document: PDFium for every PDF, pdfplumber for the main builds."""
    docs = {}
    for entry in pdf_files:
        for reader in READERS:
            if reader == "pdfium" or not entry["variant"]:
                docs[(entry["path"], reader)] = read_document(built_corpus / entry["path"], reader=reader)
    return docs


def _cases(pdf_files: list[dict], documents: dict) -> list[tuple[dict, str, Document]]:
    return [
        (e, r, documents[(e["path"], r)]) for e in pdf_files for r in READERS if (e["path"], r) in documents
    ]


def test_manifest_headings_found_with_level_and_page(pdf_files: list[dict], documents: dict) -> None:
    failures = []
    for entry, reader, doc in _cases(pdf_files, documents):
        expected = [(*_split(h["text"]), h["level"], h["page"]) for h in entry["headings"]]
        got = _heading_keys(doc)
        missing = [h for h in expected if h not in got]
        extra = [h for h in got if h not in expected]
        if missing or extra:
            failures.append(f"{entry['path']} [{reader}]: missing {missing[:3]} extra {extra[:3]}")
    assert not failures, "\n".join(failures)


def test_gold_outlines(pdf_files: list[dict], documents: dict) -> None:
    checked, failures = 0, []
    for entry, reader, doc in _cases(pdf_files, documents):
        gold_file = GOLD / f"{entry['id']}.outline.yaml"
        if not gold_file.exists():
            continue
        gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))["headings"]
        expected = [
            ((str(h["number"]).rstrip(".") if h["number"] else None), h["text"], h["level"]) for h in gold
        ]
        got = [key[:3] for key in _heading_keys(doc)]
        checked += 1
        if got != expected:
            diff = [(g, e) for g, e in zip(got, expected, strict=False) if g != e][:3]
            failures.append(
                f"{entry['path']} [{reader}]: {len(got)} vs {len(expected)} headings; first diffs {diff}"
            )
    assert checked, "no gold outline matched a built PDF"
    assert not failures, "\n".join(failures)


def test_readers_agree_on_structure(pdf_files: list[dict], documents: dict) -> None:
    for entry in pdf_files:
        if (entry["path"], "pdfplumber") not in documents:
            continue
        pdfium_doc, plumber_doc = (
            documents[(entry["path"], "pdfium")],
            documents[(entry["path"], "pdfplumber")],
        )
        assert _heading_keys(plumber_doc) == _heading_keys(pdfium_doc), entry["path"]
        assert plumber_doc.toc == pdfium_doc.toc, entry["path"]
        assert plumber_doc.meta.model_dump(exclude={"reader"}) == pdfium_doc.meta.model_dump(
            exclude={"reader"}
        )
        assert (pdfium_doc.meta.reader, plumber_doc.meta.reader) == ("pdfium", "pdfplumber")


def _furniture(entry: dict) -> list[re.Pattern[str]]:
    patterns = [re.compile(r"^(?:pagina\s*)?\d{1,3}$", re.IGNORECASE)]
    header = entry.get("running_header")
    if header:
        patterns.append(re.compile(rf"^{re.escape(header)}(?:\s*\|\s*\d+)?$"))
    return patterns


def test_no_running_header_footer_or_page_number_in_body(pdf_files: list[dict], documents: dict) -> None:
    failures = []
    for entry, reader, doc in _cases(pdf_files, documents):
        patterns = _furniture(entry)
        lines = [b.text for b in doc.body_blocks()] + [
            line for page in doc.pages for line in page.text.splitlines()
        ]
        leaks = [line for line in lines if any(p.match(_norm(line)) for p in patterns)]
        title = next((h.text for h in doc.headings), None)
        if not entry.get("cover") and title in leaks:  # no cover: the title heading may equal the header,
            allowed, kept = 2, []  # once as a body heading and once in its page's text
            for line in leaks:
                if line == title and allowed:
                    allowed -= 1
                    continue
                kept.append(line)
            leaks = kept
        header = entry.get("running_header")
        if header:  # a header glued into a paragraph would not be a line of its own
            leaks += [b.text for b in doc.body_blocks() if b.text.count(header) > 1]
        if leaks:
            failures.append(f"{entry['path']} [{reader}]: {leaks[:3]}")
    assert not failures, "\n".join(failures)


def test_toc_parsed_and_kept_out_of_the_body(pdf_files: list[dict], documents: dict) -> None:
    failures = []
    for entry, reader, doc in _cases(pdf_files, documents):
        toc_pages = set(entry["toc_pages"])
        body_on_toc_pages = [b.text for b in doc.body_blocks() if b.page in toc_pages]
        leaders = [b.text for b in doc.body_blocks() if re.search(r"(?: ?\.){5,} *\d+$", b.text)]
        expected = [(*_split(h["text"]), h["page"]) for h in entry["headings"]] if entry["toc"] else []
        got = [((e.number or "").rstrip(".") or None, _norm(e.title), e.page) for e in doc.toc]
        if body_on_toc_pages or leaders or got != expected:
            failures.append(
                f"{entry['path']} [{reader}]: body on TOC pages {body_on_toc_pages[:2]}, leader lines "
                f"{leaders[:2]}, toc {len(got)} vs {len(expected)}: "
                f"{[(g, e) for g, e in zip(got, expected, strict=False) if g != e][:2]}"
            )
        levels = {(*_split(h["text"]), h["page"]): h["level"] for h in entry["headings"]}
        wrong = [
            e.title
            for e in doc.toc
            if levels.get(((e.number or "").rstrip(".") or None, _norm(e.title), e.page))
            not in (None, e.level)
        ]
        if wrong:
            failures.append(f"{entry['path']} [{reader}]: TOC levels wrong for {wrong[:3]}")
    assert not failures, "\n".join(failures)


def test_cover_colophon_and_meta(pdf_files: list[dict], documents: dict) -> None:
    failures = []
    for entry, reader, doc in _cases(pdf_files, documents):
        meta = doc.meta
        got = (meta.cover_page, meta.colophon_page, meta.tagged, meta.has_outline, meta.page_count)
        expected = (
            entry["cover_page"],
            entry["colophon_page"],
            entry["tagged"],
            entry["outline"],
            entry["pages"],
        )
        if got != expected:
            failures.append(
                f"{entry['path']} [{reader}]: (cover, colophon, tagged, outline, pages) {got} != {expected}"
            )
        if entry["tagged"] and (meta.title != entry["title"] or not (meta.language or "").startswith("nl")):
            failures.append(f"{entry['path']} [{reader}]: title/lang {meta.title!r} {meta.language!r}")
        cover_kinds = {b.kind for b in doc.blocks if b.page == entry["cover_page"]}
        if entry["cover_page"] and cover_kinds != {"cover"}:
            failures.append(f"{entry['path']} [{reader}]: cover page blocks {cover_kinds}")
        if entry["colophon_page"] and not any(b.kind == "colophon" for b in doc.blocks):
            failures.append(f"{entry['path']} [{reader}]: no colophon blocks")
    assert not failures, "\n".join(failures)


def test_footnotes_and_captions(pdf_files: list[dict], documents: dict) -> None:
    failures = []
    for entry, reader, doc in _cases(pdf_files, documents):
        sources = [b.text[:60] for b in doc.blocks if b.text.startswith("Bron:") and b.kind != "caption"]
        if sources:
            failures.append(f"{entry['path']} [{reader}]: source lines not captions: {sources[:2]}")
        notes = sorted((n["page"], str(n["number"])) for n in entry.get("footnotes", []))
        got = sorted((b.page, b.text.split()[0]) for b in doc.blocks if b.kind == "footnote")
        if got != notes:
            failures.append(f"{entry['path']} [{reader}]: footnotes {got} != {notes}")
        glued = [b.text[:80] for b in doc.body_blocks() if re.search(r"\b20\d\d\d\b", b.text)]
        if glued:  # a note reference read as part of a year: "2024-20271"
            failures.append(f"{entry['path']} [{reader}]: note number glued to a year: {glued[:2]}")
    assert not failures, "\n".join(failures)


def _source_text(source_id: str) -> str:
    """The plan's source text, lowercased, markup and footnote references removed."""
    text = (SOURCES / f"{source_id}.md").read_text(encoding="utf-8").split("---", 2)[-1]
    text = re.sub(r"\[\^\w+\]|\*+|^[#|:>-]+", " ", text, flags=re.MULTILINE)
    return _norm(text).lower()


def _line_breaks(path: Path) -> list[tuple[str, str]]:
    """(last word, first word) at every line end with a hyphen, from PDFium's text layer."""
    pairs = []
    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            text = page.get_textpage().get_text_range()
            pairs += re.findall(rf"(\w+){LINE_END_HYPHEN}(\w+)", text)
    finally:
        pdf.close()
    return pairs


def test_hyphenation_joined_and_real_hyphens_kept(
    built_corpus: Path, pdf_files: list[dict], documents: dict
) -> None:
    checked, failures = 0, []
    for entry, reader, doc in _cases(pdf_files, documents):
        if not entry["hyphenated"]:
            continue
        source = _source_text(entry["id"])
        text = _norm("\n".join(b.text for b in doc.blocks)).lower()
        for head, tail in _line_breaks(built_corpus / entry["path"]):
            word, hyphenated = f"{head}{tail}".lower(), f"{head}-{tail}".lower()
            if tail.lower() in ("en", "of") and f"{head}- {tail}".lower() in source:
                expected, wrong = f"{head}- {tail}".lower(), f"{head}{tail}".lower()  # "zorg- en veiligheid"
            elif hyphenated in source:
                expected, wrong = hyphenated, f"{head}- {tail}".lower()  # "Noord-Brabant", "2023-2026"
            elif re.search(rf"\b{word}\b", source):
                expected, wrong = word, hyphenated  # a word split at the line end
            else:
                continue
            checked += 1
            if expected not in text or (wrong not in source and wrong in text):
                failures.append(f"{entry['path']} [{reader}]: {head}-|{tail}: want {expected!r}")
    assert checked > 50, f"only {checked} line-end hyphens checked"
    assert not failures, f"{len(failures)} of {checked}:\n" + "\n".join(failures[:20])


def _column_break(page: pdfium.PdfPage, header: str | None) -> tuple[str, str] | None:
    """Last line of the left column and first line of the right one (running header/footer dropped)."""
    width, height = page.get_size()
    textpage = page.get_textpage()

    def lines(left: float, right: float) -> list[str]:
        text = textpage.get_text_bounded(left, height * 0.06, right, height * 0.94)
        return [_norm(line) for line in text.splitlines() if _norm(line) and _norm(line) != header]

    left, right = lines(0, width / 2), lines(width / 2, width)
    return (left[-1], right[0]) if left and right else None


def test_two_column_sentence_across_the_column_break(
    built_corpus: Path, pdf_files: list[dict], documents: dict
) -> None:
    checked, failures = 0, []
    for entry, reader, doc in _cases(pdf_files, documents):
        note_pages = {n["page"] for n in entry.get("footnotes", [])}
        text = _norm(" ".join(b.text for b in doc.blocks))
        pdf = pdfium.PdfDocument(built_corpus / entry["path"])
        try:
            for number in entry["twocolumn_pages"]:
                pair = _column_break(pdf[number - 1], entry.get("running_header"))
                if number in note_pages or pair is None:
                    continue
                left, right = pair
                if left.endswith((".", ":", "!", "?", ";")) or not re.search(
                    r"[a-z,]\W?$", left.rstrip("-\ufffe\x02")
                ):
                    continue  # the paragraph ends at the column foot, or the foot is not prose
                before, after = left.split()[-2:], right.split()[:2]
                if len(before) < 2 or len(after) < 2:
                    continue
                joint = re.escape(before[1].rstrip("-\ufffe\x02")) + r"-?\s?" + re.escape(after[0])
                pattern = re.escape(before[0]) + r"\s+" + joint + r"\s+" + re.escape(after[1])
                checked += 1
                if not re.search(pattern, text):
                    failures.append(f"{entry['path']} p{number} [{reader}]: {left!r} -> {right!r}")
        finally:
            pdf.close()
    assert checked >= 5, f"only {checked} column breaks inside a sentence checked"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_raise_their_error(built_corpus: Path, name: str, reader: str) -> None:
    with pytest.raises(BAD[name]):
        read_document(built_corpus / "bad" / name, reader=reader)


@pytest.mark.parametrize("reader", READERS)
def test_damaged_bytes_never_escape_as_tracebacks(built_corpus: Path, tmp_path: Path, reader: str) -> None:
    data = (built_corpus / "pdf" / "hof-van-twente-2019.pdf").read_bytes()
    damaged = {
        "cut-10": data[: len(data) // 10],
        "cut-90": data[: len(data) * 9 // 10],
        "garbled-middle": data[:2000] + bytes(range(256)) * 8 + data[4048:],
        "header-only": b"%PDF-1.7\n%%EOF\n",
    }
    for name, content in damaged.items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(content)
        with contextlib.suppress(IvpcheckError):  # any other exception fails the test
            read_document(path, reader=reader)


def test_parse_toc_lines_wrapped_titles_and_levels() -> None:
    entries = parse_toc_lines(
        [
            "Inhoudsopgave",
            "Voorwoord . . . . . . . . 3",
            "2 Prioriteiten ........ 7",
            "2.1 Ondermijning en drugscriminaliteit in het",
            "buitengebied . . . . . 8",
            "Bijlage: afkortingen 21",
        ]
    )
    assert [(e.number, e.title, e.page, e.level) for e in entries] == [
        (None, "Voorwoord", 3, 1),
        ("2", "Prioriteiten", 7, 1),
        ("2.1", "Ondermijning en drugscriminaliteit in het buitengebied", 8, 2),
        (None, "Bijlage: afkortingen", 21, 1),
    ]


def test_a_superscript_digit_ending_a_line_is_no_page_number(tmp_path) -> None:
    """'Oppervlakte in km ²' ends in a character that is a digit but not a decimal: no TOC page, and the
    document is read (it was an internal error)."""
    assert parse_toc_lines(["Oppervlakte in km ²", "Voorwoord . . . . 3"])[-1].page == 3
    path = tmp_path / "plan.txt"
    path.write_text(
        "Integraal Veiligheidsplan\n\nInhoud\nOppervlakte in km ²\nPrioriteiten .... 5\n", encoding="utf-8"
    )
    assert read_document(path).blocks
