"""The Document model: what every reader produces and every later stage consumes."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from ivpcheck.model.paths import DisplayPath

BlockKind = Literal[
    "paragraph",  # running prose
    "heading",  # a detected heading (also listed in Document.headings)
    "list_item",  # a bullet or numbered list item
    "table",  # one table row, cells joined by " | "
    "caption",  # figure/table caption, source line under a chart
    "footnote",  # footnote text at the foot of a page
    "toc",  # a table-of-contents line (never body text)
    "cover",  # text on the cover page
    "colophon",  # colophon / imprint text
]

SourceFormat = Literal["pdf", "docx", "html", "text"]
OcrMode = Literal["auto", "always", "never"]  # which PDF pages OCR reads (see ivpcheck.read.ocr)

BODY_KINDS: frozenset[str] = frozenset({"paragraph", "heading", "list_item", "table", "caption", "footnote"})
PROSE_KINDS: frozenset[str] = frozenset({"paragraph", "list_item"})


class Block(BaseModel):
    """One unit of text in reading order: a paragraph, list item, table row, heading..."""

    page: int = Field(description="1-based page number (1 for formats without pages)")
    kind: BlockKind
    text: str
    font_size: float = 0.0
    bold: bool = False
    level: int | None = Field(default=None, description="heading level (1 = chapter) for headings")
    section: str | None = Field(default=None, description="label of the nearest heading above")


class Heading(BaseModel):
    """A detected heading with its level, numbering and page."""

    text: str = Field(description="heading text without its number")
    number: str | None = Field(default=None, description="numbering as printed, e.g. '2.1'")
    level: int
    page: int

    @property
    def label(self) -> str:
        """The heading as printed: number and text."""
        return f"{self.number} {self.text}" if self.number else self.text


class Section(BaseModel):
    """A heading with the text below it (up to the next heading of the same or a higher level)."""

    heading: Heading
    page_start: int
    page_end: int
    text: str = Field(default="", description="body text directly under this heading")
    children: list[Section] = Field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all its descendants, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Own text plus all descendants' headings and text."""
        parts = [self.text]
        for child in self.children:
            parts.append(child.heading.label)
            parts.append(child.full_text())
        return "\n".join(p for p in parts if p)


class TocEntry(BaseModel):
    """One line of the plan's own table of contents."""

    title: str
    number: str | None = None
    page: int | None = None
    level: int = 1


class Page(BaseModel):
    """One page: its number and its clean body text (page furniture and TOC removed)."""

    number: int
    text: str


class DocumentMeta(BaseModel):
    """File-level facts (used by L5 accessibility and the report header)."""

    title: str | None = None
    language: str | None = None
    tagged: bool | None = None
    has_outline: bool = False
    page_count: int = 0
    cover_page: int | None = None
    colophon_page: int | None = None
    reader: str = ""
    ocr_pages: list[int] = Field(default_factory=list, description="pages read by OCR (1-based)")
    ocr_confidence: float | None = Field(default=None, description="mean OCR word confidence, 0-100")


class Document(BaseModel):
    """A plan as ivpcheck understood it, independent of the input format."""

    source: DisplayPath = Field(description="file name as given (bytes that are not UTF-8 escaped)")
    format: SourceFormat
    sha256: str
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    pages: list[Page] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    headings: list[Heading] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list, description="top-level sections")
    toc: list[TocEntry] = Field(default_factory=list)

    def body_blocks(self) -> list[Block]:
        """Blocks that count as the plan's text: no TOC, cover or colophon."""
        return [b for b in self.blocks if b.kind in BODY_KINDS]

    def body_text(self) -> str:
        """The clean body text, one block per line."""
        return "\n".join(b.text for b in self.body_blocks())

    def all_sections(self) -> Iterator[Section]:
        """Every section in document order, depth first."""
        for section in self.sections:
            yield from section.walk()
