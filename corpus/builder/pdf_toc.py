"""A one-pass table of contents: page numbers are form XObjects filled in when headings land."""

from __future__ import annotations

import html

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

DOTS = " . "
CALLBACK = "ivpTocEntryEnd"


def form_name(key: str) -> str:
    return f"tocpage-{key}"


class FormTOC(Flowable):
    """Entries with dot leaders; each page number is `doForm(tocpage-<key>)`, defined later by `define`.

    Because the entries (and so the TOC's height) are known before layout, one build pass suffices.
    """

    def __init__(self, entries: list[tuple[int, str, str]], styles: list[ParagraphStyle]) -> None:
        super().__init__()
        self.entries = entries  # (level 0.., plain text, heading key)
        self.styles = styles
        self.levels = {key: level for level, _, key in entries}
        self.defined: set[str] = set()
        self._table: Table | None = None
        self._avail = 0.0

    def _style(self, level: int) -> ParagraphStyle:
        return self.styles[min(level, len(self.styles) - 1)]

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self._avail = aW
        self.canv.setNamedCB(CALLBACK, self._entry_end)
        rows: list[list[Flowable]] = []
        for level, text, key in self.entries:
            style = self._style(level)
            if style.spaceBefore:
                rows.append([Spacer(1, style.spaceBefore)])
            markup = f'<a href="#{key}">{html.escape(text, quote=False)}</a>'
            rows.append([Paragraph(f'{markup}<onDraw name="{CALLBACK}" label="{key}"/>', style)])
        self._table = Table(
            rows,
            colWidths=(aW,),
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        self.width, self.height = self._table.wrapOn(self.canv, aW, aH)
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        self.wrap(aW, aH)
        return self._table.splitOn(self.canv, aW, aH)

    def drawOn(self, canvas, x: float, y: float, _sW: float = 0) -> None:
        self._table.drawOn(canvas, x, y, _sW)

    def _entry_end(self, canvas, kind: str, key: str) -> None:
        """Dot leader from the end of the entry text, then the (future) page number form."""
        style = self._style(self.levels.get(key, 0))
        x, y = canvas._curr_tx_info["cur_x"], canvas._curr_tx_info["cur_y"]
        number_w = stringWidth("000", style.fontName, style.fontSize) + 2
        dot_w = stringWidth(DOTS, style.fontName, style.fontSize)
        count = max(int((self._avail - number_w - x) / dot_w), 0)
        text = canvas.beginText(self._avail - number_w - count * dot_w, y)
        text.setFont(style.fontName, style.fontSize)
        text.setFillColor(style.textColor)
        text.textOut(DOTS * count)
        canvas.drawText(text)
        canvas.saveState()
        canvas.translate(self._avail, y)
        canvas.doForm(form_name(key))
        canvas.restoreState()
        canvas.linkRect("", key, (self._avail - number_w, y, self._avail, y + style.leading), relative=1)

    def define(self, canvas, key: str, page: int | str) -> None:
        """Define the page number form of `key` (right-aligned at the form origin)."""
        if key not in self.levels or key in self.defined:
            return
        style = self._style(self.levels[key])
        canvas.beginForm(form_name(key), lowerx=-80, lowery=-6, upperx=4, uppery=style.fontSize + 4)
        canvas.setFont(style.fontName, style.fontSize)
        canvas.setFillColor(style.textColor)
        canvas.drawRightString(0, 0, str(page))
        canvas.endForm()
        self.defined.add(key)

    def define_missing(self, canvas) -> None:
        for _, _, key in self.entries:
            self.define(canvas, key, "")
