"""`ivpcheck read FILE`: show what the reader understood of a plan (outline, text or JSON)."""

from __future__ import annotations

from typing import Literal

import click
from rich.console import Console
from rich.markup import escape

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import format_option, ocr_option
from ivpcheck.model.document import Document, OcrMode
from ivpcheck.read import read_document

OutputFormat = Literal["outline", "text", "json"]
MAX_LABEL_WIDTH = 72


def _yes_no(value: bool | None) -> str:
    return "onbekend / unknown" if value is None else ("ja / yes" if value else "nee / no")


def _page(value: int | None) -> str:
    return f"p. {value}" if value else "-"


def _has_pages(doc: Document) -> bool:
    """HTML and plain text have no real pages; do not print 'p. 1' everywhere."""
    return doc.format in ("pdf", "docx") or doc.meta.page_count > 1


def render_outline(doc: Document, console: Console) -> None:
    """Headings indented by level with their numbers and pages, then TOC count and meta."""
    meta = doc.meta
    console.print(f"[bold]{escape(doc.source)}[/bold]  ({doc.format}, reader: {escape(meta.reader or '-')})")
    facts = [
        ("Titel / title", meta.title or "-"),
        ("Taal / language", meta.language or "-"),
        ("Pagina's / pages", str(meta.page_count)),
        ("Omslag / cover", _page(meta.cover_page)),
        ("Colofon / colophon", _page(meta.colophon_page)),
        ("Tagged PDF", _yes_no(meta.tagged) if doc.format == "pdf" else "n.v.t. / n/a"),
        ("Bladwijzers / outline", _yes_no(meta.has_outline)),
        ("Inhoudsopgave / TOC", f"{len(doc.toc)} entries"),
    ]
    for name, value in facts:
        console.print(f"{name + ':':<23}{escape(value)}")
    console.print()
    console.print(f"[bold]Koppen / headings ({len(doc.headings)})[/bold]")
    if not doc.headings:
        console.print("  (geen koppen gevonden / no headings found)")
        return
    with_pages = _has_pages(doc)
    labels = ["  " * (h.level - 1) + h.label for h in doc.headings]
    width = min(max(len(label) for label in labels), MAX_LABEL_WIDTH)
    for heading, label in zip(doc.headings, labels, strict=True):
        text = escape(label)
        if with_pages:
            dots = "." * max(2, width - len(label) + 2)
            text = f"{text} [dim]{dots}[/dim] {heading.page:>3}"
        console.print(f"[bold]{text}[/bold]" if heading.level == 1 else text)


def render_text(doc: Document) -> str:
    """The clean body text per page, separated by '--- pagina N ---' lines."""
    parts = []
    for page in doc.pages:
        parts.append(f"--- pagina {page.number} ---")
        if page.text:
            parts.append(page.text)
    return "\n".join(parts)


@click.command("read")
@click.argument("file", type=click.Path(path_type=str))
@format_option(
    ["outline", "text", "json"],
    "outline: koppen met nummers en pagina's; text: schone tekst per pagina; json: het volledige Document.",
    "outline",
)
@click.option(
    "--reader",
    type=click.Choice(["pdfium", "pdfplumber"]),
    default="pdfium",
    show_default=True,
    help="PDF text extractor (fast pdfium, or pdfplumber for hard layouts); ignored for DOCX/HTML/TXT.",
)
@ocr_option
@reports_input_errors
def read(file: str, fmt: OutputFormat, reader: Literal["pdfium", "pdfplumber"], ocr: OcrMode | None) -> None:
    """Lees een plan en toon wat ivpcheck ervan begrijpt.

    Read a plan (PDF, DOCX, HTML, TXT or Markdown) and show what ivpcheck understood of it:
    the outline, the clean text per page, or the whole Document as JSON.
    """
    doc = read_document(file, reader=reader, ocr=ocr or "auto")
    if fmt == "json":
        click.echo(doc.model_dump_json(indent=2))
    elif fmt == "text":
        click.echo(render_text(doc))
    else:
        render_outline(doc, Console(highlight=False, soft_wrap=True))
