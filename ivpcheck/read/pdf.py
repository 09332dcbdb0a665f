"""The fast PDF reader: pypdfium2 text objects -> spans -> the shared PDF structure pipeline.

PDFium's page objects give one text run per show-text operation, with its font, size and
position, so a page costs a few calls per run instead of several per character.
"""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ivpcheck.model.document import Document, DocumentMeta, OcrMode
from ivpcheck.model.errors import CorruptFileError, EncryptedFileError
from ivpcheck.read.pdf_lines import OutlineItem, RawPage, RawPdf, Rule, Span
from ivpcheck.read.pdf_structure import read_pdf_with

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
FORCE_BOLD = 1 << 18
LINE_END_HYPHEN = "\x02"  # PDFium's mark for a hyphen at the end of a line
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner`, then `outer` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer  # noqa: N806
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


class _FontCache:
    """Boldness per PDFium font handle, looked up once per font."""

    def __init__(self) -> None:
        self._bold: dict[int, bool] = {}
        self._name = ctypes.create_string_buffer(256)

    def bold(self, font: raw.FPDF_FONT) -> bool:
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        if key not in self._bold:
            length = raw.FPDFFont_GetBaseFontName(font, self._name, len(self._name))
            name = self._name.raw[: max(length - 1, 0)].decode("latin-1")
            weight = raw.FPDFFont_GetWeight(font)
            flags = raw.FPDFFont_GetFlags(font)
            self._bold[key] = bool(BOLD_NAME.search(name)) or weight >= 600 or bool(flags & FORCE_BOLD)
        return self._bold[key]


class _TextReader:
    """Reads text objects' Unicode text through one reused buffer: one PDFium call per object."""

    def __init__(self) -> None:
        self._size = 2048
        self._buffer = (ctypes.c_ushort * (self._size // 2))()

    def text(self, obj: raw.FPDF_PAGEOBJECT, textpage: raw.FPDF_TEXTPAGE) -> str:
        """The object's text, with PDFium's line-end hyphen mark turned back into '-'."""
        length = raw.FPDFTextObj_GetText(obj, textpage, self._buffer, self._size)
        if length > self._size:  # longer than the buffer: grow it and read again
            self._size = length
            self._buffer = (ctypes.c_ushort * (length // 2))()
            length = raw.FPDFTextObj_GetText(obj, textpage, self._buffer, self._size)
        if length <= 2:
            return ""
        text = ctypes.string_at(self._buffer, length - 2).decode("utf-16-le", "replace")
        return text.replace(LINE_END_HYPHEN, "-").replace("\ufffe", "-")


def _read_page(page: pdfium.PdfPage, number: int, fonts: _FontCache, texts: _TextReader) -> RawPage:
    """Every horizontal text run (form XObjects included) and horizontal rule on the page."""
    textpage = page.get_textpage()
    width, height = page.get_width(), page.get_height()
    spans: list[Span] = []
    rules: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    matrix = raw.FS_MATRIX()

    def visit(obj: raw.FPDF_PAGEOBJECT, outer: Matrix) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH and outer is IDENTITY:
            raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            if top.value - bottom.value < 2 and right.value - left.value >= 10:
                rules.append(Rule(height - (top.value + bottom.value) / 2, left.value, right.value))
            return
        if kind not in (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM):
            return
        raw.FPDFPageObj_GetMatrix(obj, matrix)
        own = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            for index in range(raw.FPDFFormObj_CountObjects(obj)):
                visit(raw.FPDFFormObj_GetObject(obj, index), own)
            return
        a, b, c, d, _, f = own
        if abs(b) > 0.1 * abs(a) or a <= 0:
            return  # rotated or mirrored text: margin labels, not running text
        text = texts.text(obj, textpage.raw)
        if not text.strip():
            return
        raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        scale_x = outer[0]
        x0 = left.value * scale_x + outer[4]
        x1 = right.value * scale_x + outer[4]
        raw.FPDFTextObj_GetFontSize(obj, size)
        effective = size.value * abs(a * d - b * c) ** 0.5
        font = raw.FPDFTextObj_GetFont(obj)
        spans.append(Span(text, x0, x1, height - f, round(effective, 1), fonts.bold(font)))

    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        visit(raw.FPDFPage_GetObject(page.raw, index), IDENTITY)
    textpage.close()
    return RawPage(number, width, height, spans, rules)


def _outline(pdf: pdfium.PdfDocument) -> list[OutlineItem]:
    """The bookmarks as (title, 1-based level, 1-based page)."""
    items: list[OutlineItem] = []
    for bookmark in pdf.get_toc(max_depth=8):
        title = " ".join(bookmark.get_title().split())
        dest = bookmark.get_dest()
        index = dest.get_index() if dest is not None else None
        items.append(OutlineItem(title, bookmark.level + 1, index + 1 if index is not None else None))
    return items


def _meta(pdf: pdfium.PdfDocument, data: bytes) -> DocumentMeta:
    """Title, language and tagging (/MarkInfo Marked, or a /StructTreeRoot) from the catalog."""
    title = (pdf.get_metadata_dict().get("Title") or "").strip() or None
    length = raw.FPDFCatalog_GetLanguage(pdf.raw, None, 0)
    language = None
    if length > 2:
        buffer = (ctypes.c_ushort * (length // 2))()
        raw.FPDFCatalog_GetLanguage(pdf.raw, buffer, length)
        language = bytes(buffer).decode("utf-16-le", "replace").rstrip("\x00").strip() or None
    tagged = bool(raw.FPDFCatalog_IsTagged(pdf.raw)) or b"/StructTreeRoot" in data
    return DocumentMeta(title=title, language=language, tagged=tagged, reader="pdfium")


def extract_pdfium(path: Path, data: bytes) -> RawPdf:
    """Open the PDF with PDFium and collect spans, bookmarks and metadata."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedFileError(str(path)) from error
        raise CorruptFileError(str(path), str(error)) from error
    try:
        fonts, texts = _FontCache(), _TextReader()
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            pages.append(_read_page(page, index + 1, fonts, texts))
            page.close()
        return RawPdf(pages=pages, outline=_outline(pdf), meta=_meta(pdf, data))
    except (pdfium.PdfiumError, OSError, ValueError) as error:
        raise CorruptFileError(str(path), str(error)) from error
    finally:
        pdf.close()


def read_pdf(path: Path, data: bytes, sha256: str, ocr: OcrMode = "auto") -> Document:
    """Read a PDF with pypdfium2 into a Document (pages without a text layer through OCR)."""
    return read_pdf_with(extract_pdfium, path, data, sha256, ocr)
