"""The alternative PDF reader (`--reader pdfplumber`): pdfplumber characters -> spans -> the shared
PDF structure pipeline. Slower than the PDFium reader, but an independent second opinion."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

from ivpcheck.model.document import Document, DocumentMeta, OcrMode
from ivpcheck.model.errors import CorruptFileError, EncryptedFileError
from ivpcheck.read.pdf_lines import OutlineItem, RawPage, RawPdf, Rule, Span
from ivpcheck.read.pdf_structure import read_pdf_with

BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
UNMAPPED = re.compile(r"\(cid:\d+\)")  # a glyph without Unicode: in practice a symbol-font bullet
DESCENT = 0.22  # typical font descent, as a share of the font size


def _is_bold(fontname: str) -> bool:
    return bool(BOLD_NAME.search(fontname.split("+")[-1]))


def _spans(chars: list[dict[str, Any]]) -> list[Span]:
    """Group characters (in content-stream order) into runs of one font on one baseline."""
    spans: list[Span] = []
    text: list[str] = []
    current: Span | None = None
    for char in chars:
        if not char.get("upright", True):
            continue
        size = round(float(char["size"]), 1)
        baseline = char["bottom"] - DESCENT * size  # the box bottom includes text rise (superscripts)
        fontname = char["fontname"]
        glyph = "•" if UNMAPPED.fullmatch(char["text"]) else char["text"]
        if current is not None:
            same_font = size == current.size and _is_bold(fontname) == current.bold
            gap = char["x0"] - current.x1
            if same_font and abs(baseline - current.baseline) < 0.2 * size and -0.5 * size < gap < 0.3 * size:
                text.append(glyph)
                current.x1 = max(current.x1, char["x1"])
                continue
            current.text = "".join(text)
            spans.append(current)
        current = Span("", char["x0"], char["x1"], baseline, size, _is_bold(fontname))
        text = [glyph]
    if current is not None:
        current.text = "".join(text)
        spans.append(current)
    return spans


def _rules(page: pdfplumber.page.Page) -> list[Rule]:
    """Horizontal lines and rectangle edges at least 10 points wide."""
    return [
        Rule(edge["top"], edge["x0"], edge["x1"])
        for edge in page.horizontal_edges
        if edge["x1"] - edge["x0"] >= 10
    ]


def _outline(pdf: pdfplumber.PDF) -> list[OutlineItem]:
    """Bookmarks with their target page, resolved through pdfminer."""
    page_numbers = {page.page_obj.pageid: page.page_number for page in pdf.pages}
    items: list[OutlineItem] = []
    try:
        outlines = list(pdf.doc.get_outlines())
    except Exception:  # noqa: BLE001 - no or broken /Outlines: the fonts decide
        return []
    for level, title, dest, action, _ in outlines:
        target = dest
        if target is None and action is not None:
            target = resolve1(action).get("D")
        target = resolve1(target)
        if isinstance(target, (bytes, str)):
            target = resolve1(pdf.doc.get_dest(target))
        if isinstance(target, dict):
            target = resolve1(target.get("D"))
        page = None
        if isinstance(target, list) and target:
            ref = target[0]
            page = page_numbers.get(getattr(ref, "objid", None))
        items.append(OutlineItem(" ".join(str(title).split()), int(level), page))
    return items


def _meta(pdf: pdfplumber.PDF) -> DocumentMeta:
    """Title, language and tagging from the info dictionary and the catalog."""
    catalog = pdf.doc.catalog
    title = pdf.metadata.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    language = resolve1(catalog.get("Lang"))
    if isinstance(language, bytes):
        language = language.decode("latin-1")
    mark_info = resolve1(catalog.get("MarkInfo")) or {}
    marked = bool(resolve1(mark_info.get("Marked"))) if isinstance(mark_info, dict) else False
    return DocumentMeta(
        title=(title or "").strip() or None,
        language=(language or "").strip() or None,
        tagged=marked or "StructTreeRoot" in catalog,
        reader="pdfplumber",
    )


def extract_plumber(path: Path, data: bytes) -> RawPdf:
    """Open the PDF with pdfplumber and collect spans, rules, bookmarks and metadata."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as error:
        cause = error.args[0] if error.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise EncryptedFileError(str(path)) from error
        raise CorruptFileError(str(path), repr(cause)) from error
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise EncryptedFileError(str(path)) from error
    try:
        pages = []
        for page in pdf.pages:
            try:
                pages.append(
                    RawPage(
                        page.page_number,
                        float(page.width),
                        float(page.height),
                        _spans(page.chars),
                        _rules(page),
                    )
                )
            finally:
                page.close()
        return RawPdf(pages=pages, outline=_outline(pdf), meta=_meta(pdf))
    except (PdfminerException, PSException, ValueError, KeyError, TypeError, AttributeError) as error:
        raise CorruptFileError(str(path), repr(error)) from error
    finally:
        pdf.close()


def read_pdf_plumber(path: Path, data: bytes, sha256: str, ocr: OcrMode = "auto") -> Document:
    """Read a PDF with pdfplumber into a Document (pages without a text layer through OCR)."""
    return read_pdf_with(extract_plumber, path, data, sha256, ocr)
