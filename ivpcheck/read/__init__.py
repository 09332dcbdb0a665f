"""Readers: any supported input file -> Document.

`read_document` decides the format from the file's bytes (not its name), then hands the file
to the reader for that format. Every reader returns the same Document model.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Literal

from ivpcheck.model.document import Document, OcrMode, SourceFormat
from ivpcheck.model.errors import (
    CorruptFileError,
    EmptyFileError,
    FileMissingError,
    NotAPdfError,
    UnsupportedFormatError,
)

PdfReaderName = Literal["pdfium", "pdfplumber"]
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


def sniff_format(path: Path, data: bytes) -> SourceFormat:
    """Decide the input format from the file's first bytes, falling back to its suffix for text."""
    suffix = path.suffix.lower()
    if not data:
        raise EmptyFileError(str(path))
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if suffix == ".pdf":
        raise NotAPdfError(str(path))
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError) as error:
            # a damaged central directory can also claim an unsupported zip version
            raise CorruptFileError(str(path), "geen geldig zip-archief / not a valid zip archive") from error
        raise UnsupportedFormatError(str(path))
    head = data[:2048].lstrip().lower()
    looks_like_html = head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:65536].lower()
    if suffix in HTML_SUFFIXES or looks_like_html:
        return "html"
    if suffix in TEXT_SUFFIXES:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CorruptFileError(str(path), "geen UTF-8-tekst / not UTF-8 text") from error
        return "text"
    raise UnsupportedFormatError(str(path))


def read_document(path: str | Path, reader: PdfReaderName = "pdfium", ocr: OcrMode = "auto") -> Document:
    """Read any supported file into a Document; raise an IvpcheckError subclass on bad input.

    `ocr` decides which PDF pages Tesseract reads: `auto` those without a text layer (when
    Tesseract with Dutch is installed), `always` every page, `never` none."""
    path = Path(path)
    if not path.is_file():
        raise FileMissingError(str(path))
    data = path.read_bytes()
    fmt = sniff_format(path, data)
    sha256 = hashlib.sha256(data).hexdigest()
    if fmt == "pdf":
        if reader == "pdfplumber":
            from ivpcheck.read.pdf_plumber import read_pdf_plumber

            return read_pdf_plumber(path, data, sha256, ocr)
        from ivpcheck.read.pdf import read_pdf

        return read_pdf(path, data, sha256, ocr)
    if fmt == "docx":
        from ivpcheck.read.docx import read_docx

        return read_docx(path, data, sha256)
    if fmt == "html":
        from ivpcheck.read.html import read_html

        return read_html(path, data, sha256)
    from ivpcheck.read.text import read_text

    return read_text(path, data, sha256)
