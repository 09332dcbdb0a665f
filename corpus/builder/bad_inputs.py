"""Deliberately broken or unsupported inputs for the readers' error handling (`bad/`)."""

from __future__ import annotations

import hashlib
import html
import zipfile
from pathlib import Path

import docx
import pypdfium2 as pdfium
from PIL import ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from .docx_writer import FIXED_TIME
from .inline import plain
from .pdf_writer import build_pdf
from .source import Heading, ListBlock, Para, Source
from .zipfix import normalize_zip

PASSWORD = "geheim"
SCAN_SCALE = 150 / 72  # 150 dpi, grey
SCAN_BLUR = 6  # pixels: too blurred for OCR, so the file stays a scan ivpcheck cannot read


def _garbage(n: int, seed: bytes) -> bytes:
    """Deterministic pseudo-random bytes."""
    out = b""
    block = seed
    while len(out) < n:
        block = hashlib.sha256(block).digest()
        out += block
    return out[:n]


def _scan(pdf_path: Path, out: Path, pages: list[int]) -> list[int]:
    """Render `pages` (1-based) to blurred grey images and write an image-only PDF; return the pages used."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = [p for p in pages if 1 <= p <= len(pdf)] or [1]
    width, height = pdf[0].get_size()
    c = canvas.Canvas(str(out), pagesize=(width, height), invariant=1)
    c.setCreator("ivpcheck corpus builder (scanner)")
    for p in pages:
        image = pdf[p - 1].render(scale=SCAN_SCALE, grayscale=True).to_pil().convert("L")
        image = image.filter(ImageFilter.GaussianBlur(SCAN_BLUR))
        c.drawImage(ImageReader(image), 0, 0, width=width, height=height)
        c.showPage()
    c.save()
    pdf.close()
    return pages


def _odt(source: Source, out: Path) -> None:
    """A small but valid OpenDocument text file with the plan's headings and paragraphs."""
    parts = [f'<text:p text:style-name="Title">{html.escape(source.title)}</text:p>']
    for block in source.walk():
        if isinstance(block, Heading):
            level = block.level
            parts.append(f'<text:h text:outline-level="{level}">{html.escape(plain(block.text))}</text:h>')
        elif isinstance(block, Para):
            parts.append(f"<text:p>{html.escape(plain(block.text))}</text:p>")
        elif isinstance(block, ListBlock):
            parts += [f"<text:p>- {html.escape(plain(i.text))}</text:p>" for i in block.items]
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ns}>'
        f"<office:body><office:text>{''.join(parts)}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    normalize_zip(out, first="mimetype")


def build_bad(source: Source, good_pdf: Path, out_dir: Path, body_start: int = 1) -> list[dict]:
    """Write all bad inputs, derived from `source` and its built PDF; return manifest entries."""
    bad = out_dir / "bad"
    bad.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []

    def entry(name: str, fmt: str, problem: str, **extra) -> None:
        entries.append(
            {
                "id": Path(name).stem,
                "format": fmt,
                "layout": None,
                "path": f"bad/{name}",
                "variant": False,
                "bad": problem,
                "source": source.id,
                **extra,
            }
        )

    build_pdf(source, source.layout, bad / "encrypted.pdf", password=PASSWORD)
    entry(
        "encrypted.pdf",
        "pdf",
        "encrypted",
        password=PASSWORD,
        note="encrypted with a user password (128-bit RC4); opens only with the password",
    )
    data = good_pdf.read_bytes()
    (bad / "truncated.pdf").write_bytes(data[: int(len(data) * 0.4)])
    entry("truncated.pdf", "pdf", "truncated", note="first 40% of the bytes of a valid PDF")
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + _garbage(8192, source.id.encode()))
    entry("corrupt.pdf", "pdf", "corrupt", note="PDF header followed by garbage")
    (bad / "empty.pdf").write_bytes(b"")
    entry("empty.pdf", "pdf", "empty", note="0 bytes")
    page = (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"><title>404 - Pagina niet '
        "gevonden</title></head><body><h1>Pagina niet gevonden</h1><p>Het document dat u zoekt is "
        "verplaatst of bestaat niet meer.</p></body></html>\n"
    )
    (bad / "not-a-pdf.pdf").write_bytes(page.encode("utf-8"))
    entry("not-a-pdf.pdf", "pdf", "not-a-pdf", note="an HTML error page saved with a .pdf name")
    scanned = _scan(good_pdf, bad / "scan.pdf", [1, body_start, body_start + 1, body_start + 2])
    entry(
        "scan.pdf",
        "pdf",
        "scan",
        pages=len(scanned),
        scanned_from_pages=scanned,
        note="150 dpi grey page images only, blurred past what OCR can read; no text layer",
    )
    _odt(source, bad / "plan.odt")
    entry("plan.odt", "odt", "unsupported-format", note="valid OpenDocument text, unsupported format")
    empty = docx.Document()
    empty.core_properties.created = empty.core_properties.modified = FIXED_TIME
    empty.save(str(bad / "empty.docx"))
    normalize_zip(bad / "empty.docx")
    entry("empty.docx", "docx", "empty-document", note="a valid DOCX without any text")
    return entries
