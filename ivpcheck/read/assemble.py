"""Turn ordered blocks (headings marked) into a complete Document: headings, sections, pages.

Every reader produces blocks in reading order with headings already marked (kind "heading" with
a level); this module does the rest the same way for every format.
"""

from __future__ import annotations

import re

from ivpcheck.model.document import (
    BODY_KINDS,
    Block,
    Document,
    DocumentMeta,
    Heading,
    Page,
    Section,
    SourceFormat,
    TocEntry,
)

HEADING_NUMBER = re.compile(
    r"^(?:hoofdstuk\s+)?(?P<number>\d{1,2}(?:\.\d{1,2}){0,3}|[IVX]{1,4}|[A-H])[.)]?\s+(?P<text>\S.*)$",
    re.IGNORECASE,
)


def split_heading_number(label: str) -> tuple[str | None, str]:
    """Split '2.1 Aanleiding' into ('2.1', 'Aanleiding'); unnumbered headings give (None, label)."""
    label = " ".join(label.split())
    match = HEADING_NUMBER.match(label)
    if not match:
        return None, label
    number = match.group("number")
    if number.isalpha() and len(number) == 1 and not label[len(number) :].startswith((".", ")")):
        return None, label  # "A new start" is not numbered "A"
    return number, match.group("text").strip()


def heading_from_block(block: Block) -> Heading:
    """The Heading a heading block stands for."""
    number, text = split_heading_number(block.text)
    return Heading(text=text, number=number, level=block.level or 1, page=block.page)


def build_sections(blocks: list[Block], headings: list[Heading]) -> list[Section]:
    """Nest headings by level into a section tree; each section gets the body text under it."""
    roots: list[Section] = []
    stack: list[Section] = []
    heading_iter = iter(headings)
    texts: dict[int, list[str]] = {}
    last_page = max((b.page for b in blocks), default=1)
    for block in blocks:
        if block.kind == "heading":
            heading = next(heading_iter)
            section = Section(heading=heading, page_start=heading.page, page_end=heading.page)
            while stack and stack[-1].heading.level >= heading.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(section)
            stack.append(section)
            texts[id(section)] = []
        elif stack and block.kind in BODY_KINDS:
            texts[id(stack[-1])].append(block.text)
            for open_section in stack:
                open_section.page_end = max(open_section.page_end, block.page)
    flat = [s for root in roots for s in root.walk()]
    for section in flat:
        section.text = "\n".join(texts.get(id(section), []))
    _close_page_spans(flat, last_page)
    return roots


def _close_page_spans(flat: list[Section], last_page: int) -> None:
    """A section ends where the next section at the same or a higher level starts."""
    for index, section in enumerate(flat):
        for later in flat[index + 1 :]:
            if later.heading.level <= section.heading.level:
                section.page_end = max(section.page_start, min(section.page_end, later.page_start))
                break


def assemble_document(
    *,
    source: str,
    fmt: SourceFormat,
    sha256: str,
    blocks: list[Block],
    meta: DocumentMeta,
    toc: list[TocEntry] | None = None,
    page_count: int | None = None,
) -> Document:
    """Build the Document from blocks in reading order (headings marked with their level)."""
    headings = [heading_from_block(b) for b in blocks if b.kind == "heading"]
    current: str | None = None
    labelled: list[Block] = []
    for block in blocks:
        if block.kind == "heading":
            current = " ".join(block.text.split())
        labelled.append(block.model_copy(update={"section": current}))
    count = page_count or max((b.page for b in labelled), default=1)
    per_page: dict[int, list[str]] = {n: [] for n in range(1, count + 1)}
    for block in labelled:
        if block.kind in BODY_KINDS:
            per_page.setdefault(block.page, []).append(block.text)
    pages = [Page(number=n, text="\n".join(lines)) for n, lines in sorted(per_page.items())]
    meta = meta.model_copy(update={"page_count": count})
    return Document(
        source=source,
        format=fmt,
        sha256=sha256,
        meta=meta,
        pages=pages,
        blocks=labelled,
        headings=headings,
        sections=build_sections(labelled, headings),
        toc=toc or [],
    )
