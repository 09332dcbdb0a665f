"""The five PDF layouts: fonts, sizes, margins, colours and paragraph styles."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm

HYPHENATION = "nl_NL"


@dataclass(frozen=True)
class Layout:
    """Geometry and typography of one layout."""

    name: str
    font: str
    bold: str
    italic: str
    heading_font: str
    size: float
    leading: float
    heading_sizes: tuple[float, float, float, float]
    heading_color: colors.Color = colors.black
    justify: bool = False
    margins: tuple[float, float, float, float] = (2.5 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm)  # l, r, t, b
    columns: int = 1
    gutter: float = 0.8 * cm
    cover: bool = True
    running_header: bool = True
    footer: str = "number"  # number | title | pagina
    accent: colors.Color = colors.black
    pagesize: tuple[float, float] = A4
    styles: dict[str, ParagraphStyle] = field(default_factory=dict, compare=False)

    @property
    def frame_width(self) -> float:
        return self.pagesize[0] - self.margins[0] - self.margins[1]


LAYOUT_SPECS: dict[str, Layout] = {
    "classic": Layout(
        "classic",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-Bold",
        10.5,
        14,
        (16, 13, 11, 10.5),
        justify=True,
    ),
    "modern": Layout(
        "modern",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-Bold",
        10,
        14.5,
        (22, 16, 12.5, 11),
        heading_color=colors.HexColor("#00689E"),
        margins=(2.2 * cm, 2.2 * cm, 2.6 * cm, 2.4 * cm),
        footer="title",
        accent=colors.HexColor("#00689E"),
    ),
    "twocolumn": Layout(
        "twocolumn",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Helvetica-Bold",
        10,
        13,
        (15, 12, 10.5, 10),
        justify=True,
        margins=(2 * cm, 2 * cm, 2.4 * cm, 2.2 * cm),
        columns=2,
        footer="pagina",
        heading_color=colors.HexColor("#7A1F1F"),
        accent=colors.HexColor("#7A1F1F"),
    ),
    "compact": Layout(
        "compact",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-Bold",
        9,
        11,
        (12.5, 10.5, 9.5, 9),
        justify=True,
        margins=(1.5 * cm, 1.5 * cm, 1.8 * cm, 1.6 * cm),
    ),
    "plain": Layout(
        "plain",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-Bold",
        11,
        14,
        (11, 11, 11, 11),
        cover=False,
        running_header=False,
    ),
}


def _make_styles(lay: Layout) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle(
        "body",
        fontName=lay.font,
        fontSize=lay.size,
        leading=lay.leading,
        alignment=TA_JUSTIFY if lay.justify else TA_LEFT,
        spaceAfter=lay.size * 0.6,
        hyphenationLang=HYPHENATION if lay.justify else "",
        embeddedHyphenation=1 if lay.justify else 0,
        uriWasteReduce=0.3 if lay.justify else 0,
    )
    styles = {"body": body}
    for level, size in enumerate(lay.heading_sizes, start=1):
        styles[f"h{level}"] = ParagraphStyle(
            f"h{level}",
            parent=body,
            fontName=lay.heading_font,
            fontSize=size,
            leading=size * 1.25,
            alignment=TA_LEFT,
            textColor=lay.heading_color,
            hyphenationLang="",
            embeddedHyphenation=0,
            spaceBefore=size * (1.1 if level == 1 else 0.8),
            spaceAfter=size * 0.45,
            keepWithNext=1,
        )
    styles["item"] = ParagraphStyle("item", parent=body, spaceAfter=lay.size * 0.25)
    styles["cell"] = ParagraphStyle(
        "cell",
        parent=body,
        fontSize=lay.size - 0.5,
        leading=lay.leading - 1,
        alignment=TA_LEFT,
        spaceAfter=0,
        hyphenationLang="",
    )
    styles["th"] = ParagraphStyle("th", parent=styles["cell"], fontName=lay.bold)
    styles["note"] = ParagraphStyle(
        "note",
        parent=body,
        fontSize=8,
        leading=9.6,
        alignment=TA_LEFT,
        spaceAfter=1,
        leftIndent=10,
        firstLineIndent=-10,
        hyphenationLang="",
    )
    styles["small"] = ParagraphStyle(
        "small",
        parent=body,
        fontSize=lay.size - 1.5,
        leading=lay.leading - 2,
        alignment=TA_LEFT,
        hyphenationLang="",
    )
    styles["toc_title"] = ParagraphStyle(
        "toc_title",
        parent=styles["h1"],
        keepWithNext=0,
        spaceBefore=0,
        spaceAfter=lay.size * 1.5,
    )
    for level in range(4):
        styles[f"toc{level}"] = ParagraphStyle(
            f"toc{level}",
            parent=body,
            alignment=TA_LEFT,
            hyphenationLang="",
            fontName=lay.bold if level == 0 else lay.font,
            leftIndent=14 * level + 14 * 0,
            firstLineIndent=0,
            spaceBefore=4 if level == 0 else 0,
            spaceAfter=1,
            rightIndent=24,
        )
    styles["cover_title"] = ParagraphStyle(
        "cover_title",
        parent=body,
        fontName=lay.heading_font,
        fontSize=28,
        leading=34,
        alignment=TA_LEFT,
        textColor=lay.heading_color,
        hyphenationLang="",
    )
    styles["cover_sub"] = ParagraphStyle(
        "cover_sub",
        parent=body,
        fontName=lay.italic,
        fontSize=16,
        leading=21,
        alignment=TA_LEFT,
        hyphenationLang="",
    )
    styles["cover_meta"] = ParagraphStyle(
        "cover_meta",
        parent=body,
        fontSize=12,
        leading=16,
        alignment=TA_LEFT,
        hyphenationLang="",
    )
    styles["center"] = ParagraphStyle("center", parent=body, alignment=TA_CENTER)
    return styles


def get_layout(name: str) -> Layout:
    """The layout called `name`, with its paragraph styles filled in."""
    lay = LAYOUT_SPECS[name]
    if not lay.styles:
        lay.styles.update(_make_styles(lay))
    return lay
