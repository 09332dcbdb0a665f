"""Render a source to DOCX with Word's built-in styles (Title, Heading n, List Bullet/Number)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from . import source as src
from .inline import note_numbers, notes_in, plain, spans
from .zipfix import normalize_zip

FIXED_TIME = dt.datetime(2024, 1, 1, 12, 0, 0)


def _runs(paragraph, text: str, numbers: dict[str, int]) -> None:
    """Add inline-marked text as runs; footnote refs become superscript numbers."""
    for span in spans(text):
        if span.note is not None:
            if span.note in numbers:
                paragraph.add_run(str(numbers[span.note])).font.superscript = True
            continue
        run = paragraph.add_run(span.text)
        run.bold = span.bold or None
        run.italic = span.italic or None


def _field(paragraph, instr: str, part: str) -> None:
    """Add part of a complex field: 'begin' (with instruction and separator) or 'end'."""

    def char(kind: str) -> None:
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(fld)

    if part == "begin":
        char("begin")
        text = OxmlElement("w:instrText")
        text.set(qn("xml:space"), "preserve")
        text.text = f" {instr} "
        paragraph.add_run()._r.append(text)
        char("separate")
    else:
        char("end")


def _border(paragraph, fill: str) -> None:
    """Give a paragraph a box border and shading (a 'kader')."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", "55606B")):
            el.set(qn(f"w:{key}"), value)
        bdr.append(el)
    shd = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shd.set(qn(f"w:{key}"), value)
    ppr.append(bdr)
    ppr.append(shd)


class DocxWriter:
    """Builds one document; footnotes are collected per chapter and written at its end."""

    def __init__(self, source: src.Source) -> None:
        self.source = source
        self.numbers = note_numbers(source)
        self.doc = docx.Document()
        self.pending: list[str] = []
        self.box_fill: str | None = None
        self._setup()

    def _setup(self) -> None:
        doc, s = self.doc, self.source
        normal = doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        rpr = normal.element.get_or_add_rPr()
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "nl-NL")
        rpr.append(lang)
        for level in (1, 2, 3):
            if f"TOC {level}" not in [st.name for st in doc.styles]:
                style = doc.styles.add_style(f"TOC {level}", WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = normal
                style.paragraph_format.left_indent = Pt(12 * (level - 1))
                style.paragraph_format.space_after = Pt(2)
        props = doc.core_properties
        props.title = s.title
        props.author = s.text("author")
        props.subject = s.text("subtitle")
        props.language = "nl-NL"
        props.created = props.modified = props.last_printed = FIXED_TIME
        props.last_modified_by = "ivpcheck corpus builder"
        props.revision = 1
        section = doc.sections[0]
        if s.text("running_header"):
            section.header.paragraphs[0].text = s.text("running_header")
        footer = section.footer.paragraphs[0]
        _field(footer, "PAGE", "begin")
        footer.add_run("1")
        _field(footer, "PAGE", "end")

    def para(self, text: str, style: str | None = None):
        paragraph = self.doc.add_paragraph(style=style)
        _runs(paragraph, text, self.numbers)
        if self.box_fill:
            _border(paragraph, self.box_fill)
        self.pending += [n for n in notes_in([text], self.numbers) if n not in self.pending]
        return paragraph

    def flush_notes(self) -> None:
        """Write collected footnotes as '[n] text' paragraphs."""
        for label in sorted(self.pending, key=self.numbers.get):
            paragraph = self.doc.add_paragraph()
            run = paragraph.add_run(f"[{self.numbers[label]}] ")
            run.font.size = Pt(8)
            _runs(paragraph, self.source.footnotes[label], self.numbers)
            for run in paragraph.runs:
                run.font.size = Pt(8)
        self.pending = []

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, src.Heading):
                if block.level == 1:
                    self.flush_notes()
                heading = self.doc.add_heading(level=min(block.level, 4))
                _runs(heading, block.text, self.numbers)
                self.pending += [n for n in notes_in([block.text], self.numbers) if n not in self.pending]
            elif isinstance(block, src.Para):
                self.para(block.text)
            elif isinstance(block, src.ListBlock):
                for item in block.items:
                    kind = "List Number" if block.ordered else "List Bullet"
                    self.para(item.text, kind + (" 2" if item.depth else ""))
            elif isinstance(block, src.Table):
                self.table(block)
            elif isinstance(block, src.PageBreak):
                self.page_break()
            elif isinstance(block, src.Container) and block.kind in ("twocolumn", "box"):
                if block.kind == "box":
                    self.box_fill = "F1F4F7"
                self.blocks(block.blocks)
                self.box_fill = None

    def table(self, block: src.Table) -> None:
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
        table.style = self.doc.styles["Table Grid"]
        for r, row in enumerate([block.header, *block.rows]):
            cells = table.rows[r].cells
            for c, text in enumerate(row):
                paragraph = cells[c].paragraphs[0]
                _runs(paragraph, text, self.numbers)
                if r == 0:
                    for run in paragraph.runs:
                        run.bold = True
        trpr = table.rows[0]._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        trpr.append(header)
        cells = [*block.header, *(c for row in block.rows for c in row)]
        self.pending += [n for n in notes_in(cells, self.numbers) if n not in self.pending]
        self.doc.add_paragraph()

    def toc(self) -> None:
        self.doc.add_paragraph("Inhoudsopgave", style="TOC Heading")
        entries = [h for h in self.source.headings() if h.level <= 3]
        for i, heading in enumerate(entries):
            paragraph = self.doc.add_paragraph(style=f"TOC {heading.level}")
            if i == 0:
                _field(paragraph, 'TOC \\o "1-3" \\h \\z \\u', "begin")
            paragraph.add_run(plain(heading.text))
            if i == len(entries) - 1:
                _field(paragraph, "TOC", "end")
        self.page_break()

    def build(self, path: Path) -> list[dict]:
        """Write the document; return the heading list (level, text) in order."""
        s = self.source
        tops = [b for b in s.blocks if isinstance(b, src.Container)]
        self.doc.add_paragraph(s.title, style="Title")  # a Word document always opens with its title
        if s.flag("cover"):
            for field in ("subtitle", "author", "date"):
                if s.text(field):
                    self.doc.add_paragraph(s.text(field), style="Subtitle" if field == "subtitle" else None)
            self.page_break()
        decisions = [b for b in tops if b.kind == "decision"]
        for block in decisions:
            self.blocks(block.blocks)
        if decisions:
            self.page_break()
        if s.flag("toc"):
            self.toc()
        self.blocks(s.blocks)
        self.flush_notes()
        colophons = [b for b in tops if b.kind == "colophon"]
        if colophons:
            self.page_break()
            for block in colophons:
                self.blocks(block.blocks)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.doc.save(str(path))
        normalize_zip(path)
        return [{"level": h.level, "text": plain(h.text).strip(), "page": None} for h in s.headings()]


def build_docx(source: src.Source, path: Path) -> dict:
    """Write `path`; return the manifest record."""
    headings = DocxWriter(source).build(path)
    return {
        "layout": None,
        "pages": None,
        "headings": headings,
        "toc": source.flag("toc"),
        "cover": source.flag("cover"),
    }
