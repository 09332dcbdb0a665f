"""Render one source to PDF in one layout and return the renderer's record for the manifest."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import pdfencrypt

from .inline import note_numbers
from .pdf_doc import CorpusDoc
from .pdf_layouts import get_layout
from .pdf_story import StoryBuilder, first_template
from .source import Source


def _pages_of(markers: list[tuple[str, int]], start: str, end: str | None = None) -> list[int]:
    """Pages spanned from marker `start` to marker `end` (or just the start pages)."""
    starts = [p for k, p in markers if k == start]
    if end is None:
        return starts
    ends = [p for k, p in markers if k == end]
    pages: list[int] = []
    for a, b in zip(starts, ends, strict=False):
        pages += range(a, b + 1)
    return pages


def build_pdf(source: Source, layout: str, path: Path, *, password: str | None = None) -> dict:
    """Write `path`; return the record: pages, heading pages, part pages, header text."""
    lay = get_layout(layout)
    cover = source.flag("cover") and lay.cover
    header = (source.text("running_header") or source.title) if lay.running_header else ""
    encrypt = None
    if password:
        pdfencrypt._os_random_x = 0  # same "random" bytes every run (invariant mode)
        encrypt = pdfencrypt.StandardEncryption(password, ownerPassword=password + "-owner", strength=128)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = CorpusDoc(
        str(path),
        lay,
        title=source.title,
        header=header,
        footer_title=source.title,
        outline=source.flag("outline"),
        tagged=source.flag("tagged"),
        first=first_template(source, lay),
        author=source.text("author"),
        encrypt=encrypt,
    )
    story = StoryBuilder(source, lay, doc, note_numbers(source)).build()
    doc.build(story)
    rec = doc.records
    markers = rec["markers"]
    body_start = min([p for k, p in markers if k == "body"] or [1])
    colophon = _pages_of(markers, "colophon")
    return {
        "layout": layout,
        "pages": doc.page,
        "headings": rec["headings"],
        "cover_page": 1 if cover else None,
        "decision_pages": _pages_of(markers, "decision", "decision-end"),
        "toc_pages": _pages_of(markers, "toc", "toc-end"),
        "body_start_page": body_start,
        "twocolumn_pages": sorted(
            set(_pages_of(markers, "twocolumn", "twocolumn-end"))
            | (set(range(body_start, doc.page + 1)) if lay.columns == 2 else set())
        ),
        "colophon_page": colophon[-1] if colophon else None,
        "footnotes": [{"number": n, "page": p} for p, n in sorted(rec["notes"], key=lambda t: t[1])],
        "running_header": header or None,
        "header_pages": [p for p in range(1, doc.page + 1) if header and not (cover and p == 1)],
        "footer": lay.footer if lay.name != "compact" else "number",
        "cover": cover,
        "toc": source.flag("toc"),
        "outline": source.flag("outline"),
        "tagged": source.flag("tagged"),
        "hyphenated": bool(lay.styles["body"].hyphenationLang),
        "encrypted": bool(password),
    }
