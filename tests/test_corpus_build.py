"""The corpus builder: determinism, manifest ground truth, layouts, bad inputs, DOCX and HTML."""

from __future__ import annotations

import filecmp
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
import pytest
from conftest import CORPUS, build_corpus, corpus_is_current

sys.path.insert(0, str(CORPUS))
from builder.inline import note_numbers, plain  # noqa: E402
from builder.source import LAYOUTS, load_sources, parse_text  # noqa: E402

SOURCES = load_sources(CORPUS / "sources")
IVPS = [s for s in SOURCES if s.doc_type == "ivp"]
BY_ID = {s.id: s for s in SOURCES}
PLAN = "amersfoort-2024" if "amersfoort-2024" in BY_ID else SOURCES[0].id


def squash(text: str) -> str:
    """Whitespace-collapsed text; pdfium's U+FFFE line-end hyphen marker removed (kept as '-' before a
    capital: 'West-' + 'Friesland' wrapped at a real hyphen)."""
    text = re.sub(r"\ufffe(?=\s*[A-Z])", "-", text)
    return re.sub(r"\s+", " ", text.replace("\ufffe", "")).strip()


def page_texts(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def entry(manifest: dict, path: str) -> dict:
    return next(f for f in manifest["files"] if f["path"] == path)


# -- source parser -------------------------------------------------------------------------
def test_parser_reads_all_constructs():
    text = """---
id: x
title: T
---
::: decision
De raad;
besluit:
:::

# 1 Inleiding
Eerste regel
tweede regel met **vet** en *cursief*.[^a]

- een
- twee
1. drie

| a | b |
|---|---|
| 1 | 2 |

::: twocolumn
## 1.1 Sub
::: box
In een kader.
:::
:::
::: pagebreak
### 1.1.1 Diep
[^a]: De noot.
::: colophon
Regel een
Regel twee
:::
"""
    s = parse_text(text)
    kinds = [type(b).__name__ for b in s.blocks]
    assert kinds == [
        "Container",
        "Heading",
        "Para",
        "ListBlock",
        "ListBlock",
        "Table",
        "Container",
        "PageBreak",
        "Heading",
        "Container",
    ]
    assert [len(c.blocks) for c in s.blocks if type(c).__name__ == "Container"] == [2, 2, 2]
    assert s.blocks[2].text == "Eerste regel tweede regel met **vet** en *cursief*.[^a]"
    assert plain(s.blocks[2].text) == "Eerste regel tweede regel met vet en cursief."
    assert s.footnotes == {"a": "De noot."}
    assert s.blocks[5].header == ["a", "b"] and s.blocks[5].rows == [["1", "2"]]
    expected = [(1, "1 Inleiding"), (2, "1.1 Sub"), (3, "1.1.1 Diep")]
    assert [(h.level, h.text) for h in s.headings()] == expected


# -- manifest --------------------------------------------------------------------------------
def test_manifest_lists_every_built_file(built_corpus, full_manifest):
    files = full_manifest["files"]
    paths = {f["path"] for f in files}
    for s in SOURCES:
        assert f"pdf/{s.id}.pdf" in paths
        assert (f"docx/{s.id}.docx" in paths) == ("docx" in s.formats)
        assert (f"html/{s.id}.html" in paths) == ("html" in s.formats)
    for s in IVPS:
        for lay in LAYOUTS:
            assert f"pdf-variants/{s.id}--{lay}.pdf" in paths
    for f in files:
        assert (built_corpus / f["path"]).exists(), f["path"]
        assert {"id", "format", "layout", "path"} <= f.keys()
    scans = {f["path"] for f in full_manifest["scans"]}
    on_disk = {p.relative_to(built_corpus).as_posix() for p in built_corpus.rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json"} == paths | scans


def test_manifest_heading_pages_are_real(built_corpus, full_manifest):
    for f in full_manifest["files"]:
        if f["format"] != "pdf" or f.get("bad"):
            continue
        source = BY_ID[f["id"]]
        assert [h["text"] for h in f["headings"]] == [plain(h.text).strip() for h in source.headings()]
        texts = [squash(t) for t in page_texts(built_corpus / f["path"])]
        assert len(texts) == f["pages"]
        for h in f["headings"]:
            assert 1 <= h["page"] <= f["pages"]
            assert squash(h["text"]) in texts[h["page"] - 1], (f["path"], h)


# -- determinism -------------------------------------------------------------------------------
def test_build_is_deterministic(tmp_path, built_corpus):
    snapshot = tmp_path / "sources"  # sources may be edited while the test runs
    snapshot.mkdir()
    shutil.copy(CORPUS / "sources" / f"{PLAN}.md", snapshot)
    a, b = tmp_path / "a", tmp_path / "b"
    build_corpus(a, "--only", PLAN, "--sources", str(snapshot))
    build_corpus(b, "--only", PLAN, "--sources", str(snapshot), "--jobs", "1")
    for rel in [f"pdf/{PLAN}.pdf", "bad/encrypted.pdf", "bad/scan.pdf", "bad/plan.odt"]:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    for fmt in ("docx", "html"):
        rel = f"{fmt}/{PLAN}.{fmt}"
        if (a / rel).exists():
            assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    unchanged = filecmp.cmp(snapshot / f"{PLAN}.md", CORPUS / "sources" / f"{PLAN}.md", shallow=False)
    if unchanged and corpus_is_current(built_corpus):
        assert (a / f"pdf/{PLAN}.pdf").read_bytes() == (built_corpus / f"pdf/{PLAN}.pdf").read_bytes()


def test_scans_are_image_only_and_deterministic(tmp_path, built_corpus, full_manifest):
    scans = [f for f in full_manifest["scans"] if f["dpi"] is not None]
    assert len({f["id"] for f in scans}) >= 2 and {f["dpi"] for f in scans} == {150, 100}
    for f in scans:
        pdf = pdfium.PdfDocument(str(built_corpus / f["path"]))
        assert len(pdf) == f["pages"]
        assert all(not page.get_textpage().get_text_range().strip() for page in pdf), f["path"]
        pdf.close()
    plan = scans[0]["id"]
    snapshot = tmp_path / "sources"
    snapshot.mkdir()
    shutil.copy(CORPUS / "sources" / f"{plan}.md", snapshot)
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        build_corpus(out, "--only", plan, "--sources", str(snapshot), "--jobs", "1")
    for name in (f"{plan}-150.pdf", f"{plan}-100.pdf", f"{plan}-text.pdf"):
        assert (a / "scans" / name).read_bytes() == (b / "scans" / name).read_bytes(), name


# -- layouts -------------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", LAYOUTS)
def test_running_header_on_body_pages(built_corpus, full_manifest, layout):
    for source in IVPS:
        f = entry(full_manifest, f"pdf-variants/{source.id}--{layout}.pdf")
        texts = page_texts(built_corpus / f["path"])
        if layout == "plain":
            assert f["running_header"] is None and f["header_pages"] == [] and f["cover_page"] is None
            continue
        header = f["running_header"]
        assert header == (source.text("running_header") or source.title)
        assert f["header_pages"] == list(range(2 if f["cover"] else 1, f["pages"] + 1))
        for page in f["header_pages"]:
            assert header in texts[page - 1], (f["path"], page)
        if f["cover"] and header != source.title:  # a header that is the title is on the cover anyway
            assert header not in texts[0]
        if layout == "modern":
            assert f"{source.title} | {f['pages']}" in texts[-1]


def test_classic_layout_hyphenates_dutch_words(built_corpus):
    source_text = (CORPUS / "sources" / f"{PLAN}.md").read_text(encoding="utf-8")
    with pdfplumber.open(built_corpus / f"pdf-variants/{PLAN}--classic.pdf") as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    splits = re.findall(r"([a-zà-ÿ]{2,})-\n([a-zà-ÿ]{2,})", text)
    real = [(a, b) for a, b in splits if a + b in source_text and f"{a}-{b}" not in source_text]
    assert len(real) >= 3, splits


def test_twocolumn_pages_use_both_columns(built_corpus, full_manifest):
    f = entry(full_manifest, f"pdf-variants/{PLAN}--twocolumn.pdf")
    with pdfplumber.open(built_corpus / f["path"]) as pdf:
        page = pdf.pages[f["twocolumn_pages"][0] - 1]
        mid = page.width / 2
        body = [c for c in page.chars if 80 < c["top"] < page.height - 80]
        assert any(c["x1"] < mid - 5 for c in body) and any(c["x0"] > mid + 5 for c in body)
        assert not any(c["x0"] < mid - 2 < mid + 2 < c["x1"] for c in body)  # nothing crosses the gutter


def test_toc_has_dot_leaders_and_real_page_numbers(built_corpus, full_manifest):
    f = entry(full_manifest, f"pdf/{PLAN}.pdf")
    if not f["toc"]:
        pytest.skip("plan has no toc")
    toc = "\n".join(page_texts(built_corpus / f["path"])[p - 1] for p in f["toc_pages"])
    for h in f["headings"]:
        if h["level"] == 1:
            assert re.search(re.escape(h["text"]) + r"[ .]*\. \. [ .]*" + str(h["page"]) + r"\b", toc), h


def test_footnotes_at_the_foot_in_small_type(built_corpus, full_manifest):
    checked = 0
    for f in full_manifest["files"]:
        if f["format"] != "pdf" or f.get("bad") or not f["footnotes"] or f["variant"]:
            continue
        source = BY_ID[f["id"]]
        labels = {n: label for label, n in note_numbers(source).items()}
        assert sorted(n["number"] for n in f["footnotes"]) == sorted(labels)
        with pdfplumber.open(built_corpus / f["path"]) as pdf:
            for note in f["footnotes"]:
                page = pdf.pages[note["page"] - 1]
                # 8 pt type in the lower half (superscript note refs in the body may be 8 pt too)
                small = [c for c in page.chars if abs(c["size"] - 8) < 0.01 and c["top"] > page.height / 2]
                small_text = "".join(c["text"] for c in small).replace(" ", "")
                words = plain(source.footnotes[labels[note["number"]]]).split()[:3]
                assert "".join(words) in small_text, (f["path"], note)
                checked += 1
    assert checked


def test_footnote_follows_its_reference_when_a_paragraph_splits(tmp_path):
    words = " ".join(f"woord{i}" for i in range(700)).replace("woord650", "woord650[^b]")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "split.md").write_text(
        f"---\nid: split\ndoc_type: overig\ntitle: Splitsen\nlayout: classic\n---\n\n# 1 Begin\n\n"
        f"Korte alinea.[^a]\n\n{words}\n\n[^a]: Eerste noot.\n[^b]: Tweede noot.\n",
        encoding="utf-8",
    )
    build_corpus(tmp_path / "out", "--sources", str(tmp_path / "src"))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    pdf = entry(manifest, "pdf/split.pdf")
    assert pdf["pages"] == 2
    assert pdf["footnotes"] == [{"number": 1, "page": 1}, {"number": 2, "page": 2}]
    texts = page_texts(tmp_path / "out" / "pdf" / "split.pdf")
    assert "Tweede noot" in texts[1] and "woord650" in texts[1] and "Tweede noot" not in texts[0]


def test_tagging_outline_and_cover(built_corpus, full_manifest):
    for f in full_manifest["files"]:
        if f["format"] != "pdf" or f.get("bad") or f["variant"]:
            continue
        with pdfplumber.open(built_corpus / f["path"]) as pdf:
            catalog = pdf.doc.catalog
            if f["tagged"]:
                assert catalog.get("Lang") == b"nl-NL"
                mark = catalog["MarkInfo"].resolve()
                assert mark["Marked"] is True
                assert "StructTreeRoot" in catalog
                assert pdf.metadata.get("Title") == BY_ID[f["id"]].title
            else:
                assert "MarkInfo" not in catalog and "Lang" not in catalog
        doc = pdfium.PdfDocument(str(built_corpus / f["path"]))
        toc = [item.get_title() for item in doc.get_toc()]
        doc.close()
        if f["outline"]:
            assert toc == [h["text"] for h in f["headings"]]
        else:
            assert toc == []
        if f["cover"]:
            first = squash(page_texts(built_corpus / f["path"])[0])
            assert BY_ID[f["id"]].title in first


# -- bad inputs ------------------------------------------------------------------------------
def test_bad_inputs_have_their_problem(built_corpus, full_manifest):
    bad = built_corpus / "bad"
    problems = {f["bad"]: f for f in full_manifest["files"] if f.get("bad")}
    assert set(problems) >= {
        "encrypted",
        "truncated",
        "corrupt",
        "empty",
        "not-a-pdf",
        "scan",
        "unsupported-format",
    }

    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(bad / "encrypted.pdf"))
    doc = pdfium.PdfDocument(str(bad / "encrypted.pdf"), password=problems["encrypted"]["password"])
    assert "Integraal" in doc[0].get_textpage().get_text_range() or len(doc) > 1
    doc.close()

    good = (built_corpus / f"pdf/{problems['truncated']['source']}.pdf").read_bytes()
    cut = (bad / "truncated.pdf").read_bytes()
    assert cut == good[: int(len(good) * 0.4)] and b"%%EOF" not in cut

    corrupt = (bad / "corrupt.pdf").read_bytes()
    assert corrupt.startswith(b"%PDF-")
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(str(bad / "corrupt.pdf"))

    assert (bad / "empty.pdf").stat().st_size == 0
    assert not (bad / "not-a-pdf.pdf").read_bytes().startswith(b"%PDF")

    scan = pdfium.PdfDocument(str(bad / "scan.pdf"))
    assert len(scan) == problems["scan"]["pages"] >= 1
    for page in scan:
        assert page.get_textpage().count_chars() == 0
        assert any(obj.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects())
    scan.close()

    with zipfile.ZipFile(bad / "plan.odt") as z:
        assert z.namelist()[0] == "mimetype"
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert all(not p.text for p in docx.Document(str(bad / "empty.docx")).paragraphs)


# -- docx and html -----------------------------------------------------------------------------
def test_docx_outline_matches_pdf(built_corpus, full_manifest):
    for f in full_manifest["files"]:
        if f["format"] != "docx" or f.get("bad"):
            continue
        d = docx.Document(str(built_corpus / f["path"]))
        headings = [
            (int(p.style.name.split()[-1]), p.text)
            for p in d.paragraphs
            if p.style.name.startswith("Heading ")
        ]
        pdf = entry(full_manifest, f"pdf/{f['id']}.pdf")
        assert headings == [(h["level"], h["text"]) for h in pdf["headings"]]
        source = BY_ID[f["id"]]
        assert d.paragraphs[0].style.name == "Title" and d.paragraphs[0].text == source.title
        assert d.core_properties.language == "nl-NL"
        if any(type(b).__name__ == "Table" for b in source.walk()):
            assert d.tables


def test_html_is_an_official_looking_page(built_corpus, full_manifest):
    from bs4 import BeautifulSoup

    for f in full_manifest["files"]:
        if f["format"] != "html":
            continue
        soup = BeautifulSoup((built_corpus / f["path"]).read_text(encoding="utf-8"), "html.parser")
        assert soup.html["lang"] == "nl"
        assert soup.title.string == BY_ID[f["id"]].title
        assert soup.select_one("p.intitule")
        found = [(int(h.name[1]), squash(h.get_text())) for h in soup.find_all(re.compile(r"^h[1-4]$"))]
        assert found == [(h["level"], squash(h["text"])) for h in f["headings"]]
        source = BY_ID[f["id"]]
        if any(getattr(b, "kind", "") == "decision" for b in source.blocks):
            assert soup.select_one("div.besluit")
        if any(type(b).__name__ == "Table" for b in source.walk()):
            assert soup.select("table th")
