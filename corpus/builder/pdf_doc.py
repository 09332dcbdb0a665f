"""The document template: page templates, running header/footer, footnotes, records, tagging."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObjectReference, PDFtrue
from reportlab.platypus import BaseDocTemplate, PageTemplate

from .pdf_flowables import HeadingPara, Marker, NoteFrame, WithNotes
from .pdf_layouts import Layout


class CorpusDoc(BaseDocTemplate):
    """BaseDocTemplate that records where headings and parts land and draws footnotes."""

    def __init__(
        self,
        filename,
        lay: Layout,
        *,
        title: str,
        header: str,
        footer_title: str,
        outline: bool,
        tagged: bool,
        first: str = "body",
        author: str = "",
        encrypt=None,
    ) -> None:
        self.lay = lay
        self.first = first
        self.header_text = header
        self.footer_title = footer_title
        self.want_outline = outline
        self.tagged = tagged
        kwargs = dict(
            pagesize=lay.pagesize,
            leftMargin=lay.margins[0],
            rightMargin=lay.margins[1],
            topMargin=lay.margins[2],
            bottomMargin=lay.margins[3],
            invariant=1,
            author=author,
            creator="ivpcheck corpus builder",
            producer="ReportLab",
            subject="",
            encrypt=encrypt,
        )
        if tagged:
            kwargs.update(title=title, lang="nl-NL", displayDocTitle=True)
        super().__init__(filename, **kwargs)
        self.addPageTemplates(self._templates())
        self.records: dict = {}
        self.toc = None  # a FormTOC, set by the story builder

    # -- page templates ----------------------------------------------------------------
    def _frames(self, columns: int, prefix: str) -> list[NoteFrame]:
        lay = self.lay
        width = (self.width - lay.gutter * (columns - 1)) / columns
        return [
            NoteFrame(
                self.leftMargin + i * (width + lay.gutter),
                self.bottomMargin,
                width,
                self.height,
                id=f"{prefix}{i}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for i in range(columns)
        ]

    def _templates(self) -> list[PageTemplate]:
        """cover; body (the layout's columns); single (front matter); twocol (`::: twocolumn`)."""
        templates = [
            PageTemplate("cover", self._frames(1, "cover"), onPage=self._draw_cover),
            PageTemplate("body", self._frames(self.lay.columns, "body"), onPage=self._draw_page),
            PageTemplate("single", self._frames(1, "single"), onPage=self._draw_page),
            PageTemplate("twocol", self._frames(2, "col"), onPage=self._draw_page),
        ]
        return sorted(templates, key=lambda t: t.id != self.first)  # the first page's template first

    def _draw_cover(self, canv, doc) -> None:
        lay = self.lay
        w, h = lay.pagesize
        canv.saveState()
        canv.setFillColor(lay.accent)
        if lay.name == "modern":
            canv.rect(0, h - 7 * 28.35, w, 7 * 28.35, stroke=0, fill=1)
        else:
            canv.rect(lay.margins[0], h - lay.margins[2] + 6, self.width, 1.2, stroke=0, fill=1)
        canv.restoreState()

    def _draw_page(self, canv, doc) -> None:
        lay = self.lay
        w, h = lay.pagesize
        left, right = lay.margins[0], w - lay.margins[1]
        canv.saveState()
        size = 7.5 if lay.name == "compact" else 8.5
        if lay.running_header and self.header_text:
            y = h - lay.margins[2] + size + 10
            canv.setFont(lay.italic if lay.name in ("classic", "twocolumn") else lay.font, size)
            canv.setFillColor(colors.HexColor("#555555") if lay.name == "modern" else colors.black)
            if lay.name == "modern":
                canv.drawRightString(right, y, self.header_text)
            else:
                canv.drawString(left, y, self.header_text)
            canv.setLineWidth(0.4)
            canv.setStrokeColor(lay.accent)
            canv.line(left, y - 4, right, y - 4)
        y = lay.margins[3] - size - 14
        canv.setFillColor(colors.black)
        canv.setFont(lay.font, size)
        page = canv.getPageNumber()
        if lay.footer == "title":
            canv.drawRightString(right, y, f"{self.footer_title} | {page}")
        elif lay.footer == "pagina":
            canv.drawCentredString(w / 2, y, f"Pagina {page}")
        elif lay.name == "compact":
            canv.drawRightString(right, y, str(page))
        else:
            canv.drawCentredString(w / 2, y, str(page))
        canv.restoreState()

    # -- build hooks -------------------------------------------------------------------
    def beforeDocument(self) -> None:
        self.records = {"headings": [], "markers": [], "notes": []}
        self._outline_level = -1
        if self.tagged:
            self._tag_catalog()
        if self.want_outline:
            self.canv.showOutline()

    def afterPage(self) -> None:
        for frame in self.pageTemplate.frames:
            if isinstance(frame, NoteFrame) and frame.notes:
                frame.draw_notes(self.canv)
                self.records["notes"].extend((self.page, n.note_number) for n in frame.notes)

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, WithNotes):
            frame = self.frame
            frame._y += flowable.extra
            frame._y1p += flowable.extra
            frame.notes.extend(flowable.notes)
            flowable = flowable.inner
        if isinstance(flowable, HeadingPara):
            self._heading(flowable)
        elif isinstance(flowable, Marker):
            self.records["markers"].append((flowable.kind, self.page))

    def _heading(self, h: HeadingPara) -> None:
        self.records["headings"].append({"level": h.level, "text": h.text, "page": self.page})
        if self.toc is not None:
            self.toc.define(self.canv, h.key, self.page)
        if self.want_outline:
            level = min(h.level - 1, self._outline_level + 1)
            self._outline_level = level
            self.canv.addOutlineEntry(h.text, h.key, level=level, closed=level > 0)

    def _endBuild(self) -> None:
        if self.toc is not None:
            self.toc.define_missing(self.canv)
        super()._endBuild()

    def _tag_catalog(self) -> None:
        """Mark the PDF as tagged: /MarkInfo and a minimal /StructTreeRoot (no marked content)."""
        doc = self.canv._doc
        root_ref, elem_ref = PDFObjectReference("StructTreeRoot"), PDFObjectReference("StructDocument")
        elem = PDFDictionary(
            {"Type": PDFName("StructElem"), "S": PDFName("Document"), "P": root_ref, "K": PDFArray([])}
        )
        root = PDFDictionary({"Type": PDFName("StructTreeRoot"), "K": elem_ref})
        doc.Reference(root, "StructTreeRoot")
        doc.Reference(elem, "StructDocument")
        doc.Catalog.MarkInfo = PDFDictionary({"Marked": PDFtrue})
        doc.Catalog.StructTreeRoot = root_ref
