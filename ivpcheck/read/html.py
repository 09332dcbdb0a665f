"""HTML reader: an (official) web publication of a plan -> Document.

Walks the page in reading order and turns block elements into blocks: h1-h6 headings, p, li,
table rows, captions, footnotes. Site chrome (nav, page header/footer, scripts, forms) is
skipped. Heading levels are normalised so that they match the plan's own outline: a single h1
that repeats the page <title> is the document title (cover), and the highest remaining heading
tag becomes level 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from ivpcheck.model.document import Block, BlockKind, Document, DocumentMeta
from ivpcheck.model.errors import CorruptFileError, EmptyFileError
from ivpcheck.read.assemble import assemble_document
from ivpcheck.read.text import mark_toc_titles, promote_title_heading, toc_from_lines
from ivpcheck.read.toc import is_toc_title

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SKIP_TAGS = {
    "script", "style", "noscript", "template", "nav", "form", "button", "select", "input",
    "textarea", "iframe", "svg", "canvas", "object", "embed", "map", "head", "dialog",
}  # fmt: skip
CHROME_TAGS = {"header", "footer"}  # site chrome unless inside the main content
CHROME_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:breadcrumbs?|skip-?links?|cookie\w*|site-?(?:header|footer)|sidebar|menu)(?:$|[\s_-])",
    re.IGNORECASE,
)
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "aside", "blockquote", "ul", "ol", "dl", "dt", "dd",
    "li", "table", "figure", "figcaption", "pre", "address", "center", "fieldset", "details",
    "summary", "hr", "body", "nav", "header", "footer", "caption", "thead", "tbody", "tfoot", "tr",
    "td", "th",
} | set(HEADING_TAGS)  # fmt: skip
FOOTNOTE_HINT = re.compile(r"(?:^|[\s_-])(?:foot-?notes?|noten|noot|voetnoten?|endnotes?)(?:$|[\s_-])", re.I)
FOOTNOTE_REF = re.compile(r"^#(?:fn|note|noot|footnote|voetnoot)", re.IGNORECASE)
# not bare "inhoud": Dutch sites use id="inhoud" for the main content
TOC_HINT = re.compile(r"(?:^|[\s_-])(?:toc|inhoudsopgave|inhoudstafel|table-?of-?contents)(?:$|[\s_-])", re.I)
TOC_LEVEL_CLASS = re.compile(r"(?:niveau|level|lvl|toc)[-_]?(\d)\b", re.IGNORECASE)
COLOPHON_HINT = re.compile(r"(?:^|[\s_-])(?:colofon|colophon)(?:$|[\s_-])", re.IGNORECASE)
# Nesting below which an element is read as plain text: the walk recurses once per level, and no
# publication page is laid out this deep (a hostile one, 500 or 100,000 levels deep, is still read).
MAX_DEPTH = 100
COVER_HINT = re.compile(r"(?:^|[\s_-])(?:intitule|intitulé|cover|titlepage|titelpagina)(?:$|[\s_-])", re.I)


def _attrs(tag: Tag) -> str:
    """id, class and role of an element as one string, for hint matching."""
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([str(tag.get("id") or ""), *classes, str(tag.get("role") or "")])


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@dataclass
class _Walk:
    """Blocks collected so far."""

    blocks: list[Block] = field(default_factory=list)
    toc_levels: dict[int, int] = field(default_factory=dict)  # block index -> TOC entry level

    def add(self, kind: BlockKind, text: str, level: int | None = None) -> None:
        text = _clean(text)
        if not text:
            return
        self.blocks.append(Block(page=1, kind=kind, text=text, level=level))


def _is_chrome(tag: Tag, in_main: bool) -> bool:
    """Navigation, page header/footer, scripts: never part of the plan."""
    if tag.name == "nav" and (TOC_HINT.search(_attrs(tag)) or tag.get("role") == "doc-toc"):
        return False  # the plan's own table of contents
    if tag.name in SKIP_TAGS or tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    if tag.name in CHROME_TAGS and not in_main:
        return True
    role = str(tag.get("role") or "").lower()
    if role in CHROME_ROLES:
        return True
    return bool(CHROME_CLASS.search(" ".join(tag.get("class") or [])))


def _is_footnote_ref(tag: Tag) -> bool:
    """A superscript/link that points to a footnote: dropped from running text."""
    if tag.name == "a" and FOOTNOTE_REF.match(str(tag.get("href") or "")):
        return True
    if tag.name == "sup":
        link = tag.find("a")
        if link is not None and FOOTNOTE_REF.match(str(link.get("href") or "")):
            return True
        return "footnote" in _attrs(tag).lower() or "noteref" in _attrs(tag).lower()
    return False


def _flat_text(tag: Tag) -> str:
    """All the text below an element, found without recursion (for elements nested past MAX_DEPTH)."""
    return tag.get_text(" ")


def _inline_text(tag: Tag, sep: str = "", depth: int = 0) -> str:
    """Text of an element without nested blocks handled elsewhere and without footnote refs."""
    if depth >= MAX_DEPTH:
        return _flat_text(tag)
    parts: list[str] = []
    for node in tag.children:
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(node, NavigableString):
            parts.append(str(node))
        elif isinstance(node, Tag):
            if node.name == "br":
                parts.append(" ")
            elif node.name in SKIP_TAGS or _is_footnote_ref(node):
                continue
            elif node.name in ("ul", "ol", "table"):
                continue  # nested lists and tables become their own blocks
            elif node.name in BLOCK_TAGS:
                parts.append(f" {_inline_text(node, sep, depth + 1)} ")
            else:
                parts.append(_inline_text(node, sep, depth + 1))
        if sep:
            parts.append(sep)
    return "".join(parts)


def _cell_text(cell: Tag) -> str:
    return _clean(" ".join(s for s in cell.stripped_strings))


def _walk(node: Tag, walk: _Walk, *, in_main: bool, context: BlockKind | None, depth: int = 0) -> None:
    """Turn the children of a block container (`depth` levels below the body) into blocks, in order."""
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            walk.add(context or "paragraph", "".join(buffer))
            buffer.clear()

    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            buffer.append(str(child))
            continue
        if not isinstance(child, Tag) or _is_chrome(child, in_main):
            continue
        name = child.name
        if name not in BLOCK_TAGS:
            if name == "br":
                buffer.append(" ")
            elif not _is_footnote_ref(child):
                buffer.append(_inline_text(child))
            continue
        flush()
        if depth >= MAX_DEPTH:
            walk.add(context or "paragraph", _flat_text(child))
            continue
        _block(child, walk, in_main=in_main or name in ("main", "article"), context=context, depth=depth + 1)
    flush()


def _block(tag: Tag, walk: _Walk, *, in_main: bool, context: BlockKind | None, depth: int) -> None:
    """One block-level element."""
    name = tag.name
    hints = _attrs(tag)
    if context is None:
        if FOOTNOTE_HINT.search(hints) or tag.get("role") == "doc-endnotes":
            context = "footnote"
        elif TOC_HINT.search(hints) or tag.get("role") == "doc-toc":
            context = "toc"
        elif COLOPHON_HINT.search(hints):
            context = "colophon"
        elif COVER_HINT.search(hints):
            context = "cover"
        elif name in ("ul", "ol") and walk.blocks and is_toc_title(walk.blocks[-1].text):
            context = "toc"  # an unmarked list of links right under 'Inhoudsopgave'
    if name in HEADING_TAGS:
        text = _inline_text(tag, sep=" ")
        if context in ("toc", "colophon", "cover"):
            walk.add(context, text)
        else:
            walk.add("heading", text, level=HEADING_TAGS[name])
        return
    if name == "table":
        _table(tag, walk, context)
        return
    if name in ("caption", "figcaption"):
        walk.add(context or "caption", _inline_text(tag, sep=" "))
        return
    if name == "li":
        text = _inline_text(tag)
        if context == "footnote":
            text = f"{_list_number(tag)} {text}"
        walk.add(context or "list_item", text)
        if context == "toc" and walk.blocks:
            walk.toc_levels[len(walk.blocks) - 1] = _toc_level(tag)
        for nested in tag.find_all(["ul", "ol", "table"], recursive=False):
            _block(nested, walk, in_main=in_main, context=context, depth=depth + 1)
        return
    if name == "hr":
        return
    _walk(tag, walk, in_main=in_main, context=context, depth=depth)


def _toc_level(item: Tag) -> int:
    """A TOC item's level: a 'niveau-2'/'level-2' class, else its list nesting depth."""
    if match := TOC_LEVEL_CLASS.search(" ".join(item.get("class") or [])):
        return int(match.group(1))
    return max(1, len([p for p in item.find_parents(["ul", "ol"])]) - _outer_lists(item))


def _outer_lists(item: Tag) -> int:
    """Lists around the TOC container itself (not part of its nesting)."""
    container = item.find_parent(lambda t: isinstance(t, Tag) and bool(TOC_HINT.search(_attrs(t))))
    return len(container.find_parents(["ul", "ol"])) if container is not None else 0


def _list_number(item: Tag) -> str:
    """The number an <ol> shows for this <li> (its value attribute, else its position)."""
    if item.get("value"):
        return str(item.get("value"))
    return str(1 + sum(1 for sib in item.find_previous_siblings("li")))


def _table(table: Tag, walk: _Walk, context: BlockKind | None) -> None:
    """One block per row; cells joined by ' | '."""
    caption = table.find("caption", recursive=False)
    if caption is not None:
        walk.add(context or "caption", _inline_text(caption, sep=" "))
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # rows of nested tables are part of their cell's text
        cells = [_cell_text(c) for c in row.find_all(["td", "th"], recursive=False)]
        if any(cells):
            walk.add(context or "table", " | ".join(cells))


def _language(soup: BeautifulSoup) -> str | None:
    html = soup.find("html")
    lang = html.get("lang") or html.get("xml:lang") if isinstance(html, Tag) else None
    if not lang:
        meta = soup.find("meta", attrs={"http-equiv": re.compile("content-language", re.I)}) or soup.find(
            "meta", attrs={"name": re.compile(r"^(?:dc|dcterms)\.language$", re.I)}
        )
        lang = meta.get("content") if isinstance(meta, Tag) else None
    return str(lang).strip() or None if lang else None


def _decode(path: Path, data: bytes) -> BeautifulSoup:
    """Parse the page (lxml, encoding sniffed by BeautifulSoup)."""
    try:
        return BeautifulSoup(data, "lxml")
    except Exception as error:  # lxml/bs4 raise a variety of parser errors
        raise CorruptFileError(str(path), f"HTML: {error}") from error


def read_html(path: Path, data: bytes, sha256: str) -> Document:
    """Read an HTML publication page into a Document."""
    soup = _decode(path, data)
    title_tag = soup.find("title")
    title = _clean(title_tag.get_text()) if title_tag else None
    root = soup.body or soup
    walk = _Walk()
    _walk(root, walk, in_main=False, context=None)
    blocks = walk.blocks
    if not any(b.kind != "toc" for b in blocks):
        raise EmptyFileError(str(path), "pagina bevat geen tekst / page contains no text")
    blocks = promote_title_heading(mark_toc_titles(blocks), title)
    meta = DocumentMeta(
        title=title or next((b.text for b in blocks if b.kind == "cover"), None),
        language=_language(soup),
        tagged=None,
        has_outline=any(b.kind == "heading" for b in blocks),
        colophon_page=1 if any(b.kind == "colophon" for b in blocks) else None,
        reader="html",
    )
    return assemble_document(
        source=str(path),
        fmt="html",
        sha256=sha256,
        blocks=blocks,
        meta=meta,
        toc=toc_from_lines(
            [b.text for b in blocks if b.kind == "toc"],
            [walk.toc_levels.get(i) for i, b in enumerate(blocks) if b.kind == "toc"],
        ),
        page_count=1,
    )
