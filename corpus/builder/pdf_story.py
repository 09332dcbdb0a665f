"""Turn a parsed source into a platypus story for one layout."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    FrameBG,
    Indenter,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from . import source as src
from .inline import notes_in, plain, to_markup
from .pdf_flowables import REF_PREFIX, BottomBlock, HeadingPara, Marker, WithNotes
from .pdf_layouts import Layout
from .pdf_toc import FormTOC

TOC_TITLE = "Inhoudsopgave"


def first_template(source: src.Source, lay: Layout) -> str:
    """Template of page 1: cover, else single-column front matter (decision, toc), else body."""
    if source.flag("cover") and lay.cover:
        return "cover"
    decisions = any(isinstance(b, src.Container) and b.kind == "decision" for b in source.blocks)
    return "single" if decisions or source.flag("toc") else "body"


class StoryBuilder:
    """Builds the story; keeps footnote numbering and heading keys across blocks."""

    def __init__(self, source: src.Source, lay: Layout, doc, numbers: dict[str, int]) -> None:
        self.source = source
        self.lay = lay
        self.st = lay.styles
        self.doc = doc
        self.numbers = numbers
        self.keys = {id(h): f"h{i}" for i, h in enumerate(source.headings(), start=1)}
        self.ref_count = 0
        self.in_columns = False
        self.indent = 0.0
        self.story: list = []

    # -- helpers -----------------------------------------------------------------------
    def markup(self, text: str) -> str:
        """Inline markup; note refs carry a unique anchor so split paragraphs know their notes."""
        return to_markup(text, self.numbers, sup=self._sup)

    def _sup(self, n: int) -> str:
        self.ref_count += 1
        return f'<super><a name="{REF_PREFIX}{n}-{self.ref_count}"/>{n}</super>'

    def para(self, text: str, style: str = "body", **kw) -> Paragraph:
        return Paragraph(self.markup(text), self.st[style], **kw)

    def with_notes(self, flowable, texts: list[str]):
        labels = notes_in(texts, self.numbers)
        if not labels:
            return flowable
        notes = []
        for label in labels:
            n = self.numbers[label]
            p = Paragraph(
                f"{n}&nbsp;&nbsp;{to_markup(self.source.footnotes[label], self.numbers)}", self.st["note"]
            )
            p.note_number = n
            notes.append(p)
        return WithNotes(flowable, notes, self.doc)

    def page_break(self, template: str | None = None) -> None:
        """Add a page break, merging with a directly preceding one."""
        last = self.story[-1] if self.story else None
        if isinstance(last, PageBreak):
            if template:
                self.story[-1] = PageBreak(nextTemplate=template)
            return
        if not self.story:
            if template:
                self.story.append(NextPageTemplate(template))
            return
        self.story.append(PageBreak(nextTemplate=template) if template else PageBreak())

    # -- blocks --------------------------------------------------------------------------
    def heading(self, block: src.Heading) -> None:
        level = min(block.level, 4)
        flowable = HeadingPara(
            self.markup(block.text),
            self.st[f"h{level}"],
            level,
            plain(block.text).strip(),
            self.keys[id(block)],
        )
        self.story.append(self.with_notes(flowable, [block.text]))

    def list_block(self, block: src.ListBlock) -> None:
        counters = [0, 0]
        for item in block.items:
            depth = min(item.depth, 1)
            counters[depth] += 1
            if depth == 0:
                counters[1] = 0
            if block.ordered:
                bullet = f"{counters[0]}." if depth == 0 else f"{chr(96 + min(counters[1], 26))}."
            else:
                bullet = "\u2022" if depth == 0 else "\u2013"
            indent = 16 * (depth + 1)
            style = self.st["item"].clone(f"item{depth}", leftIndent=indent, bulletIndent=indent - 13)
            p = Paragraph(self.markup(item.text), style, bulletText=bullet)
            self.story.append(self.with_notes(p, [item.text]))
        self.story.append(Spacer(1, self.lay.size * 0.4))

    def col_widths(self, block: src.Table) -> list[float]:
        """Absolute column widths: each column fits its longest word, the rest goes by text length."""
        columns = 2 if self.in_columns or self.lay.columns == 2 else 1
        avail = (self.lay.frame_width - self.lay.gutter * (columns - 1)) / columns - self.indent
        pad = 12.5
        ncols = len(block.header)
        rows = [block.header, *block.rows]
        minimum, length = [], []
        for i in range(ncols):
            words = [w for r in rows for w in plain(r[i]).split()] or [""]
            font = self.lay.bold
            minimum.append(max(stringWidth(w, font, self.lay.size - 0.5) for w in words) + pad)
            length.append(max(len(plain(r[i])) for r in rows) or 1)
        spare = avail - sum(minimum)
        if spare <= 0:
            return [avail * m / sum(minimum) for m in minimum]
        weights = [min(n, 60) for n in length]
        return [m + spare * w / sum(weights) for m, w in zip(minimum, weights, strict=True)]

    def table(self, block: src.Table) -> None:
        widths = self.col_widths(block)
        data = [[self.para(c, "th") for c in block.header]]
        data += [[self.para(c, "cell") for c in row] for row in block.rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT", spaceBefore=4, spaceAfter=10)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#444444")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E3E8EE")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ]
            )
        )
        cells = [*block.header, *(c for r in block.rows for c in r)]
        self.story.append(self.with_notes(table, cells))

    def boxed(self, blocks: list, fill: str, stroke: str, pad: float = 8) -> None:
        """Content in a framed, tinted box (frame background, so headings still register)."""
        self.indent += 2 * pad
        self.story += [
            Spacer(1, 4),
            FrameBG(
                color=colors.HexColor(fill), strokeColor=colors.HexColor(stroke), strokeWidth=0.7, start=True
            ),
            Spacer(1, 6),
            Indenter(pad, pad),
        ]
        self.blocks(blocks)
        self.story += [Indenter(-pad, -pad), Spacer(1, 2), FrameBG(start=False), Spacer(1, 8)]
        self.indent -= 2 * pad

    def container(self, block: src.Container) -> None:
        if block.kind == "twocolumn" and self.lay.columns == 1:
            self.page_break("twocol")
            self.story.append(Marker("twocolumn"))
            self.in_columns = True
            self.blocks(block.blocks)
            self.in_columns = False
            self.story.append(Marker("twocolumn-end"))
            self.page_break("body")
        elif block.kind == "box":
            self.boxed(block.blocks, "#F1F4F7", "#55606B")
        elif block.kind not in ("decision", "colophon"):  # those are placed by build()
            self.blocks(block.blocks)

    def blocks(self, blocks: list) -> None:
        for block in blocks:
            if isinstance(block, src.Heading):
                self.heading(block)
            elif isinstance(block, src.Para):
                self.story.append(self.with_notes(self.para(block.text), [block.text]))
            elif isinstance(block, src.ListBlock):
                self.list_block(block)
            elif isinstance(block, src.Table):
                self.table(block)
            elif isinstance(block, src.PageBreak):
                self.page_break()
            elif isinstance(block, src.Container):
                self.container(block)

    # -- parts -----------------------------------------------------------------------------
    def cover(self, then: str) -> None:
        s = self.source
        top = 5.2 if self.lay.name == "modern" else 4.2
        self.story += [Marker("cover"), Spacer(1, top * 28.35)]
        self.story.append(Paragraph(to_markup(s.title, {}), self.st["cover_title"]))
        if s.text("subtitle"):
            self.story += [Spacer(1, 14), Paragraph(to_markup(s.text("subtitle"), {}), self.st["cover_sub"])]
        self.story.append(Spacer(1, 8 * 28.35))
        for field in ("author", "date"):
            if s.text(field):
                self.story.append(Paragraph(to_markup(s.text(field), {}), self.st["cover_meta"]))
        self.page_break(then)

    def toc(self) -> None:
        entries = [
            (min(h.level, 4) - 1, plain(h.text).strip(), self.keys[id(h)]) for h in self.source.headings()
        ]
        toc = FormTOC(entries, [self.st[f"toc{i}"] for i in range(4)])
        self.doc.toc = toc
        self.story += [Marker("toc"), Paragraph(TOC_TITLE, self.st["toc_title"]), toc, Marker("toc-end")]
        self.page_break("body")

    def decision(self, blocks: list[src.Container], then: str) -> None:
        self.story.append(Marker("decision"))
        for block in blocks:
            self.boxed(block.blocks, "#F7F5EE", "#8A7F5A", pad=10)
        self.story.append(Marker("decision-end"))
        self.page_break(then)

    def colophon(self, blocks: list[src.Container]) -> None:
        body, self.story = self.story, []
        for block in blocks:
            for b in block.blocks:
                if isinstance(b, src.Para):
                    self.story.append(self.para(b.text, "small"))
                else:
                    self.blocks([b])
        content, self.story = self.story, body
        self.page_break()
        self.story += [Marker("colophon"), BottomBlock(content)]

    @property
    def has_cover(self) -> bool:
        return self.source.flag("cover") and self.lay.cover

    def build(self) -> list:
        """The whole story: cover, decision, toc, body, colophon."""
        s = self.source
        tops = [b for b in s.blocks if isinstance(b, src.Container)]
        decisions = [b for b in tops if b.kind == "decision"]
        colophons = [b for b in tops if b.kind == "colophon"]
        front = "single" if decisions or s.flag("toc") else "body"
        if self.has_cover:
            self.cover(then=front)
        if decisions:
            self.decision(decisions, then="single" if s.flag("toc") else "body")
        if s.flag("toc"):
            self.toc()
        self.story.append(Marker("body"))
        self.blocks(s.blocks)
        if colophons:
            self.colophon(colophons)
        while self.story and isinstance(self.story[-1], PageBreak):
            self.story.pop()
        return self.story
