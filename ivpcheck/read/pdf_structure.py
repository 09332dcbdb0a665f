"""The one PDF structure pipeline both PDF readers feed: spans -> lines -> marked lines -> Document.

Steps: reading-order lines per page, page furniture, TOC, cover, colophon, footnotes and captions,
headings (bookmarks first, fonts otherwise), then blocks and `assemble_document`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ivpcheck.model.document import Document, OcrMode
from ivpcheck.model.errors import CorruptFileError, NoTextLayerError, TruncatedFileError
from ivpcheck.read.assemble import assemble_document
from ivpcheck.read.blocks import build_blocks
from ivpcheck.read.furniture import mark_furniture
from ivpcheck.read.headings import body_size, headings_from_fonts, headings_from_outline
from ivpcheck.read.notes import mark_captions, mark_footnotes
from ivpcheck.read.ocr import apply_ocr
from ivpcheck.read.parts import mark_colophon, mark_cover
from ivpcheck.read.pdf_lines import MIN_TEXT_CHARS, Line, RawPdf, page_lines
from ivpcheck.read.toc import mark_toc

MIN_TEXT_PAGE_SHARE = 0.2  # below this share of pages with text, the PDF is treated as a scan
PLACEHOLDER_TITLES = frozenset({"", "(anonymous)", "anonymous", "untitled", "untitled document"})


def ensure_complete(path: Path, data: bytes) -> None:
    """Refuse a PDF without its %%EOF marker near the end rather than read half a plan: truncated
    when it holds PDF objects (cut off), corrupt when it holds none (a header before garbage)."""
    if b"%%EOF" in data[-4096:]:
        return
    if b"endobj" in data:
        raise TruncatedFileError(str(path))
    raise CorruptFileError(str(path), "geen PDF-objecten na de kop / no PDF objects after the header")


def read_pdf_with(
    extract: Callable[[Path, bytes], RawPdf], path: Path, data: bytes, sha256: str, ocr: OcrMode
) -> Document:
    """Check the PDF is complete, extract it, OCR pages without a text layer, build the Document."""
    ensure_complete(path, data)
    raw = extract(path, data)
    apply_ocr(raw, data, ocr, str(path))
    return build_pdf_document(raw, source=str(path), sha256=sha256)


def _has_text_layer(pages: list[list[Line]]) -> bool:
    with_text = sum(
        sum(len(line.text.replace(" ", "")) for line in lines) >= MIN_TEXT_CHARS for lines in pages
    )
    return bool(pages) and with_text >= max(1, MIN_TEXT_PAGE_SHARE * len(pages))


def build_pdf_document(raw: RawPdf, *, source: str, sha256: str) -> Document:
    """Turn what an extractor read into the Document (raises NoTextLayerError for scans)."""
    if not raw.pages:
        raise CorruptFileError(source, "geen pagina's / no pages")
    pages = [page_lines(page) for page in raw.pages]
    if not _has_text_layer(pages):
        detail = "OCR vond geen leesbare tekst / OCR found no readable text" if raw.meta.ocr_pages else ""
        raise NoTextLayerError(source, detail)
    mark_furniture(pages, [page.height for page in raw.pages])
    toc = mark_toc(pages)
    body = body_size(pages)
    cover_page = mark_cover(pages, body)
    colophon_page = mark_colophon(pages)
    mark_footnotes(pages, body)
    mark_captions(pages, body)
    found = headings_from_outline(pages, raw.outline) if raw.outline else 0
    has_outline = bool(raw.outline)
    if found < max(1, len(raw.outline) // 2):
        headings_from_fonts(pages, body)
    title = raw.meta.title if (raw.meta.title or "").lower() not in PLACEHOLDER_TITLES else None
    meta = raw.meta.model_copy(
        update={
            "title": title,
            "has_outline": has_outline,
            "cover_page": cover_page,
            "colophon_page": colophon_page,
        }
    )
    return assemble_document(
        source=source,
        fmt="pdf",
        sha256=sha256,
        blocks=build_blocks(pages, body),
        meta=meta,
        toc=toc,
        page_count=len(raw.pages),
    )
