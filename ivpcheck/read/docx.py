"""DOCX reader: WordprocessingML -> Document.

Reads the package with zipfile + lxml rather than python-docx, because the structure we need
(outline levels, numbering, TOC fields, content controls, rendered page breaks) is not exposed by
python-docx's object model. Headings come from heading styles ('Heading 1', Dutch 'Kop 1', ...)
or outline levels; the plan's own table of contents (TOC field, 'TOC n' styles) becomes "toc"
blocks and TocEntry items; pages are estimated from explicit and last-rendered page breaks.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from ivpcheck.model.document import Block, BlockKind, Document, DocumentMeta
from ivpcheck.model.errors import CorruptFileError, NoTextError
from ivpcheck.read.assemble import assemble_document
from ivpcheck.read.text import mark_plain_toc, mark_toc_titles, toc_from_lines

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "dc": "http://purl.org/dc/elements/1.1/",
}
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAX_PART_BYTES = 200 * 1024 * 1024  # refuse zip bombs
# damaged archives: bad CRC or directory, broken deflate data, unsupported compression, zip password
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, KeyError)
ZIP_ERRORS += (NotImplementedError, RuntimeError, ValueError)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*([1-9])$", re.IGNORECASE)
TOC_STYLE = re.compile(r"^(?:toc|inhopg|inhoudsopgave)\s*([1-9])$", re.IGNORECASE)
TOC_HEADING_STYLES = {"tocheading", "kopvaninhoudsopgave", "inhoudsopgavekop"}
TITLE_STYLES = {"title", "titel"}
SUBTITLE_STYLES = {"subtitle", "ondertitel"}
LIST_STYLE = re.compile(r"^(?:list|lijst)", re.IGNORECASE)
CAPTION_STYLES = {"caption", "bijschrift"}
COLOPHON_TITLES = {"colofon", "colophon"}
NOTE_MARKER = re.compile(r"\d{1,3}|[*†‡]")
ENDNOTE_LINE = re.compile(r"^\[\d{1,3}\]\s+\S")  # '[1] Bron: ...' typed as a paragraph
COLOPHON_CUE = re.compile(
    r"^(?:colofon|uitgave|uitgegeven|contact|vormgeving|redactie|tekst|foto\S*|druk\S*|opmaak|"
    r"vastgesteld|adres|bezoekadres|postadres|e-?mail|telefoon|©)\b|@|www\.",
    re.IGNORECASE,
)
BODY_OUTLINE_LEVEL = 9  # w:outlineLvl 9 means "body text"


# ---------------------------------------------------------------------------------------------
# package and styles


def _load_parts(path: Path) -> dict[str, etree._Element]:
    """Parse the main document part and its companions (styles, numbering, footnotes, core)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            main = _main_part_name(archive, names)
            folder = PurePosixPath(main).parent
            wanted = {
                "document": main,
                "styles": str(folder / "styles.xml"),
                "numbering": str(folder / "numbering.xml"),
                "footnotes": str(folder / "footnotes.xml"),
                "core": "docProps/core.xml",
            }
            parts: dict[str, etree._Element] = {}
            for key, name in wanted.items():
                if name not in names:
                    continue
                if archive.getinfo(name).file_size > MAX_PART_BYTES:
                    raise CorruptFileError(str(path), f"{name} is too large")
                parts[key] = etree.fromstring(archive.read(name), etree.XMLParser(huge_tree=False))
    except etree.XMLSyntaxError as error:
        raise CorruptFileError(str(path), f"docx XML: {error.msg}") from error
    except ZIP_ERRORS as error:
        raise CorruptFileError(str(path), f"docx: {error}") from error
    if "document" not in parts:
        raise CorruptFileError(str(path), "docx without a main document part")
    return parts


def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str:
    """The officeDocument target from _rels/.rels, else word/document.xml."""
    if "_rels/.rels" in names:
        rels = etree.fromstring(archive.read("_rels/.rels"))
        for rel in rels.iterfind("rel:Relationship", NS):
            if rel.get("Type") == OFFICE_DOCUMENT:
                target = rel.get("Target", "").lstrip("/")
                if target in names:
                    return target
    return "word/document.xml"


@dataclass
class Style:
    """What a paragraph style contributes, with inheritance (basedOn) already resolved."""

    style_id: str
    name: str
    based_on: str | None = None
    outline_level: int | None = None
    numbered: bool = False
    num_id: str | None = None
    ilvl: int = 0
    ancestors: list[str] = field(default_factory=list)  # own + inherited names/ids, lowercased


class Styles:
    """Paragraph styles by id, resolved through basedOn chains."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[str, Style] = {}
        self.default_id: str | None = None
        self.language: str | None = None
        if root is None:
            return
        default_lang = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        normal_lang = root.find("w:style[@w:default='1'][@w:type='paragraph']/w:rPr/w:lang", NS)
        for lang in (normal_lang, default_lang):  # the Normal style overrides the defaults
            if lang is not None and lang.get(_w("val")):
                self.language = lang.get(_w("val"))
                break
        for node in root.iterfind("w:style", NS):
            if node.get(_w("type")) != "paragraph":
                continue
            style_id = node.get(_w("styleId"), "")
            name_node = node.find("w:name", NS)
            name = name_node.get(_w("val"), style_id) if name_node is not None else style_id
            based = node.find("w:basedOn", NS)
            outline = node.find("w:pPr/w:outlineLvl", NS)
            num_id = node.find("w:pPr/w:numPr/w:numId", NS)
            ilvl = node.find("w:pPr/w:numPr/w:ilvl", NS)
            self._raw[style_id] = Style(
                style_id=style_id,
                name=name,
                based_on=based.get(_w("val")) if based is not None else None,
                outline_level=_int(outline.get(_w("val"))) if outline is not None else None,
                numbered=num_id is not None and num_id.get(_w("val")) != "0",
                num_id=num_id.get(_w("val")) if num_id is not None else None,
                ilvl=_int(ilvl.get(_w("val"))) or 0 if ilvl is not None else 0,
            )
            if node.get(_w("default")) in ("1", "true"):
                self.default_id = style_id
        self._resolved: dict[str, Style] = {}

    def get(self, style_id: str | None) -> Style:
        """The resolved style (unknown ids resolve to the default paragraph style)."""
        style_id = style_id if style_id in self._raw else self.default_id
        if style_id is None:
            return Style(style_id="", name="")
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def _resolve(self, style_id: str) -> Style:
        chain: list[Style] = []
        current: str | None = style_id
        while current in self._raw and all(s.style_id != current for s in chain) and len(chain) < 20:
            chain.append(self._raw[current])
            current = chain[-1].based_on
        own = chain[0]
        return Style(
            style_id=own.style_id,
            name=own.name,
            outline_level=next((s.outline_level for s in chain if s.outline_level is not None), None),
            numbered=any(s.numbered for s in chain),
            num_id=next((s.num_id for s in chain if s.num_id is not None), None),
            ilvl=next((s.ilvl for s in chain if s.num_id is not None), 0),
            ancestors=[key for s in chain for key in (_key(s.name), _key(s.style_id))],
        )


def _key(name: str) -> str:
    """Style names compared without case and spaces: 'Kop 1' == 'kop1' == 'Kop1'."""
    return re.sub(r"[\s_-]+", "", name).lower()


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# numbering (for headings whose number Word generates)


class Numbering:
    """Generates list/heading numbers ('2.1') for paragraphs numbered by numbering.xml."""

    def __init__(self, root: etree._Element | None) -> None:
        self._formats: dict[str, dict[int, tuple[str, str, int]]] = {}
        self._counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterfind("w:abstractNum", NS):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.iterfind("w:lvl", NS):
                ilvl = _int(lvl.get(_w("ilvl"))) or 0
                fmt = lvl.find("w:numFmt", NS)
                text = lvl.find("w:lvlText", NS)
                start = lvl.find("w:start", NS)
                levels[ilvl] = (
                    fmt.get(_w("val"), "decimal") if fmt is not None else "decimal",
                    text.get(_w("val"), "") if text is not None else "",
                    _int(start.get(_w("val"))) or 1 if start is not None else 1,
                )
            abstract[node.get(_w("abstractNumId"), "")] = levels
        for num in root.iterfind("w:num", NS):
            ref = num.find("w:abstractNumId", NS)
            if ref is not None:
                self._formats[num.get(_w("numId"), "")] = abstract.get(ref.get(_w("val"), ""), {})

    def next_label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the printed label, if decimal."""
        levels = self._formats.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][2]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = levels[ilvl]
        if fmt not in ("decimal", "decimalZero") or not text:
            return None

        def value(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            start = levels.get(index, ("", "", 1))[2]
            return str(counters[index] or start)

        label = re.sub(r"%([1-9])", value, text).strip()
        return label.rstrip(".") or None


# ---------------------------------------------------------------------------------------------
# walking the body


@dataclass
class RawBlock:
    """A block before assembly, with what the walker learnt about it."""

    kind: BlockKind
    text: str
    page: int
    level: int | None = None
    toc_level: int | None = None


@dataclass
class _Walk:
    """Mutable state while walking document.xml in reading order."""

    styles: Styles
    numbering: Numbering
    footnotes: dict[str, str]
    blocks: list[RawBlock] = field(default_factory=list)
    page: int = 1
    pending_break: bool = False
    fields: list[list] = field(default_factory=list)  # open fields: [code, still in code part]
    toc_depth: int = 0
    notes_seen: list[str] = field(default_factory=list)
    title: str | None = None

    def page_break(self) -> None:
        """A page break: the next text starts a new page (breaks with no text between count once)."""
        self.pending_break = True

    def text_seen(self) -> None:
        if self.pending_break:
            self.page += 1
            self.pending_break = False


def _walk_container(node: etree._Element, walk: _Walk, in_toc: bool = False) -> None:
    """Blocks of a body-like container (body, sdtContent, table cell, text box) in order."""
    for child in node:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "p":
            _walk_paragraph(child, walk, in_toc)
        elif tag == "tbl":
            _walk_table(child, walk, in_toc)
        elif tag == "sdt":
            gallery = child.find("w:sdtPr/w:docPartObj/w:docPartGallery", NS)
            is_toc = gallery is not None and "contents" in (gallery.get(_w("val")) or "").lower()
            content = child.find("w:sdtContent", NS)
            if content is not None:
                _walk_container(content, walk, in_toc or is_toc)
        elif tag in ("customXml", "ins", "smartTag"):
            _walk_container(child, walk, in_toc)
        elif tag == "sectPr":
            continue


def _walk_paragraph(p: etree._Element, walk: _Walk, in_toc: bool) -> None:
    """One w:p: its text, kind and level; footnotes and text boxes follow it as own blocks."""
    ppr = p.find("w:pPr", NS)
    style = walk.styles.get(_style_id(ppr))
    if ppr is not None and _on_off(ppr.find("w:pageBreakBefore", NS)):
        walk.page_break()
    text, info = _paragraph_text(p, walk)
    clean = " ".join(text.split())
    if clean:
        toc_like = in_toc or info.in_toc_field or info.toc_link
        kind, level, toc_level = _classify(ppr, style, clean, walk, toc_like)
        if kind == "heading":
            clean = _with_generated_number(ppr, style, clean, walk)
        walk.blocks.append(
            RawBlock(
                kind=kind,
                text=clean,
                page=info.start_page or walk.page,
                level=level,
                toc_level=toc_level,
            )
        )
    _add_footnotes(info.notes, walk)
    for box in info.boxes:
        _walk_container(box, walk, in_toc)
    sect = ppr.find("w:sectPr", NS) if ppr is not None else None
    if sect is not None:
        sect_type = sect.find("w:type", NS)
        if sect_type is None or sect_type.get(_w("val")) in ("nextPage", "oddPage", "evenPage"):
            walk.page_break()


def _style_id(ppr: etree._Element | None) -> str | None:
    node = ppr.find("w:pStyle", NS) if ppr is not None else None
    return node.get(_w("val")) if node is not None else None


def _on_off(node: etree._Element | None) -> bool:
    return node is not None and node.get(_w("val"), "true") not in ("0", "false", "off")


@dataclass
class _ParagraphInfo:
    """What reading one paragraph's runs revealed besides its text."""

    start_page: int | None = None
    in_toc_field: bool = False
    toc_link: bool = False
    notes: list[str] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)


LEAF_TAGS = {"t", "tab", "br", "cr", "noBreakHyphen", "sym", "footnoteReference"}
SKIPPED_TAGS = {"del", "delText", "moveFrom", "pPr", "rPr", "Fallback"}


def _paragraph_text(p: etree._Element, walk: _Walk) -> tuple[str, _ParagraphInfo]:
    """Visible text of a paragraph: field results, no field codes, no deleted text.

    Text boxes inside are returned (walked after the paragraph), footnote ids collected, and
    fields tracked across paragraphs so that every line of a TOC field is recognised.
    """
    parts: list[str] = []
    info = _ParagraphInfo()

    def add_text(value: str) -> None:
        if value.strip():
            walk.text_seen()
            if info.start_page is None:
                info.start_page = walk.page
            if walk.toc_depth:
                info.in_toc_field = True
        parts.append(value)

    def visit(node: etree._Element) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag in SKIPPED_TAGS:
                continue
            if tag == "instrText":
                if walk.fields and walk.fields[-1][1]:
                    walk.fields[-1][0] += child.text or ""
                continue
            if tag == "txbxContent":
                info.boxes.append(child)
                continue
            if tag == "fldChar":
                _field_char(child, walk)
                continue
            if walk.fields and walk.fields[-1][1] and tag in LEAF_TAGS:
                continue  # the code part of a field shows nothing
            if tag == "fldSimple" and (child.get(_w("instr")) or "").strip().upper().startswith("TOC"):
                walk.toc_depth += 1
                visit(child)
                walk.toc_depth -= 1
                continue
            if tag == "hyperlink" and (child.get(_w("anchor")) or "").startswith("_Toc"):
                info.toc_link = True
            if tag == "r" and _is_note_marker(child):
                continue  # a superscript footnote number typed as text
            if tag == "t":
                add_text(child.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag in ("br", "cr"):
                if child.get(_w("type")) == "page":
                    walk.page_break()
                else:
                    parts.append(" ")
            elif tag == "lastRenderedPageBreak":
                walk.page_break()
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "sym":
                add_text(_symbol(child))
            elif tag == "footnoteReference":
                info.notes.append(child.get(_w("id"), ""))
            visit(child)

    visit(p)
    return "".join(parts), info


def _is_note_marker(run: etree._Element) -> bool:
    """A superscript run holding only a footnote number ('1', '12', '*')."""
    align = run.find("w:rPr/w:vertAlign", NS)
    if align is None or align.get(_w("val")) != "superscript":
        return False
    text = "".join(t.text or "" for t in run.iterfind("w:t", NS)).strip()
    return bool(NOTE_MARKER.fullmatch(text))


def _field_char(node: etree._Element, walk: _Walk) -> None:
    """Field state machine: begin (code follows), separate (result follows), end."""
    kind = node.get(_w("fldCharType"))
    if kind == "begin":
        walk.fields.append(["", True])
    elif kind == "separate" and walk.fields:
        walk.fields[-1][1] = False
        if str(walk.fields[-1][0]).strip().upper().startswith("TOC"):
            walk.toc_depth += 1
    elif kind == "end" and walk.fields:
        code, in_code = walk.fields.pop()
        if not in_code and str(code).strip().upper().startswith("TOC") and walk.toc_depth:
            walk.toc_depth -= 1


def _symbol(node: etree._Element) -> str:
    try:
        code = int(node.get(_w("char"), ""), 16)
    except ValueError:
        return ""
    return "•" if code in (0xF0B7, 0xB7) else ""


def _classify(
    ppr: etree._Element | None, style: Style, text: str, walk: _Walk, in_toc: bool
) -> tuple[BlockKind, int | None, int | None]:
    """Kind, heading level and TOC level of a paragraph with text."""
    keys = style.ancestors
    toc_level = next((int(m.group(1)) for k in keys if (m := TOC_STYLE.match(k))), None)
    if in_toc or toc_level is not None or any(k in TOC_HEADING_STYLES for k in keys):
        return "toc", None, toc_level
    if any(k in TITLE_STYLES for k in keys[:2]):
        walk.title = walk.title or text
        return "cover", None, None
    if any(k in SUBTITLE_STYLES for k in keys[:2]):
        return "cover", None, None
    if ENDNOTE_LINE.match(text):
        return "footnote", None, None
    level = _heading_level(ppr, style)
    if level is not None:
        return "heading", level, None
    if any(k in CAPTION_STYLES for k in keys):
        return "caption", None, None
    direct_num = ppr.find("w:numPr/w:numId", NS) if ppr is not None else None
    numbered = style.numbered if direct_num is None else direct_num.get(_w("val")) != "0"
    if numbered or any(LIST_STYLE.match(k) for k in keys):
        return "list_item", None, None
    return "paragraph", None, None


def _heading_level(ppr: etree._Element | None, style: Style) -> int | None:
    """Heading level from a direct outline level, a heading style name, or the style's outline."""
    direct = ppr.find("w:outlineLvl", NS) if ppr is not None else None
    if direct is not None:
        value = _int(direct.get(_w("val")))
        return value + 1 if value is not None and value < BODY_OUTLINE_LEVEL else None
    for key in style.ancestors:
        if match := HEADING_STYLE.match(key):
            return int(match.group(1))
    if style.outline_level is not None and style.outline_level < BODY_OUTLINE_LEVEL:
        return style.outline_level + 1
    return None


def _with_generated_number(ppr: etree._Element | None, style: Style, text: str, walk: _Walk) -> str:
    """Prefix a Word-generated heading number ('2.1') that is not part of the text itself."""
    num = ppr.find("w:numPr", NS) if ppr is not None else None
    num_node = num.find("w:numId", NS) if num is not None else None
    ilvl_node = num.find("w:ilvl", NS) if num is not None else None
    num_id = num_node.get(_w("val")) if num_node is not None else style.num_id
    ilvl = (_int(ilvl_node.get(_w("val"))) or 0) if ilvl_node is not None else style.ilvl
    if not num_id or num_id == "0":
        return text
    label = walk.numbering.next_label(num_id, ilvl)
    if not label or text.startswith(label):
        return text
    return f"{label} {text}"


def _walk_table(tbl: etree._Element, walk: _Walk, in_toc: bool) -> None:
    """One block per table row, cells joined by ' | ' (vertically merged cells once)."""
    for row in tbl.iterfind("w:tr", NS):
        cells: list[str] = []
        notes: list[str] = []
        start_page: int | None = None
        for cell in row.iterfind("w:tc", NS):
            merge = cell.find("w:tcPr/w:vMerge", NS)
            if merge is not None and merge.get(_w("val"), "continue") == "continue":
                cells.append("")
                continue
            lines = []
            for p in cell.iter(_w("p")):
                text, info = _paragraph_text(p, walk)
                start_page = start_page or info.start_page
                notes.extend(info.notes)
                if text.strip():
                    lines.append(" ".join(text.split()))
            cells.append(" ".join(lines))
        if any(cells):
            kind: BlockKind = "toc" if in_toc else "table"
            text = " | ".join(cells).strip()
            walk.blocks.append(RawBlock(kind=kind, text=text, page=start_page or walk.page))
        _add_footnotes(notes, walk)


def _add_footnotes(note_ids: list[str], walk: _Walk) -> None:
    """Footnote texts as blocks right after the block that refers to them, numbered in order."""
    for note_id in note_ids:
        note = walk.footnotes.get(note_id)
        if note and note_id not in walk.notes_seen:
            walk.notes_seen.append(note_id)
            walk.blocks.append(
                RawBlock(kind="footnote", text=f"{len(walk.notes_seen)} {note}", page=walk.page)
            )


# ---------------------------------------------------------------------------------------------
# footnotes, meta, TOC and furniture


def _footnotes(root: etree._Element | None) -> dict[str, str]:
    """Footnote id -> text (separator and continuation notes skipped)."""
    notes: dict[str, str] = {}
    if root is None:
        return notes
    for note in root.iterfind("w:footnote", NS):
        if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        texts = [t.text or "" for t in note.iter(_w("t"))]
        text = " ".join("".join(texts).split())
        if text:
            notes[note.get(_w("id"), "")] = text
    return notes


def _core_title(root: etree._Element | None) -> str | None:
    node = root.find("dc:title", NS) if root is not None else None
    return " ".join(node.text.split()) if node is not None and node.text and node.text.strip() else None


def _document_language(parts: dict[str, etree._Element], styles: Styles) -> str | None:
    """dc:language of the core properties, else the Normal/default style's, else the runs' commonest."""
    core = parts.get("core")
    node = core.find("dc:language", NS) if core is not None else None
    if node is not None and node.text and node.text.strip():
        return node.text.strip()
    document = parts["document"]
    if styles.language:
        return styles.language
    counts: dict[str, int] = {}
    for node in document.iter(_w("lang")):
        value = node.get(_w("val"))
        if value:
            counts[value] = counts.get(value, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _mark_cover(blocks: list[Block]) -> tuple[list[Block], int | None]:
    """Text on page 1 before the first heading or TOC, when the body starts on a later page."""
    first_body = next((b for b in blocks if b.kind in ("heading", "toc")), None)
    if first_body is not None and first_body.page > 1:
        blocks = [
            b.model_copy(update={"kind": "cover"}) if b.page == 1 and b.kind not in ("heading", "toc") else b
            for b in blocks
        ]
    return blocks, 1 if any(b.kind == "cover" and b.page == 1 for b in blocks) else None


def _mark_colophon(blocks: list[Block]) -> tuple[list[Block], int | None]:
    """The colophon: from a 'Colofon' line to the end, or a last page of short imprint lines."""
    start = next(
        (
            i
            for i, b in enumerate(blocks)
            if b.kind != "toc" and b.text.strip(" :").lower() in COLOPHON_TITLES
        ),
        None,
    )
    if start is None:
        last_page = blocks[-1].page
        tail = [i for i, b in enumerate(blocks) if b.page == last_page]
        lines = [blocks[i] for i in tail]
        cues = sum(1 for b in lines if COLOPHON_CUE.search(b.text))
        short = all(len(b.text) <= 160 and b.kind in ("paragraph", "cover") for b in lines)
        if last_page == 1 or not short or cues < max(2, (len(lines) + 1) // 2):
            return blocks, None
        start = tail[0]
    marked = [
        b.model_copy(update={"kind": "colophon", "level": None}) if b.kind != "footnote" else b
        for b in blocks[start:]
    ]
    return blocks[:start] + marked, blocks[start].page


# ---------------------------------------------------------------------------------------------


def read_docx(path: Path, data: bytes, sha256: str) -> Document:
    """Read a .docx file into a Document."""
    parts = _load_parts(path)
    styles = Styles(parts.get("styles"))
    body = parts["document"].find("w:body", NS)
    if body is None:
        raise CorruptFileError(str(path), "docx without w:body")
    walk = _Walk(
        styles=styles,
        numbering=Numbering(parts.get("numbering")),
        footnotes=_footnotes(parts.get("footnotes")),
    )
    _walk_container(body, walk)
    if not walk.blocks:
        raise NoTextError(str(path))
    toc_levels = [b.toc_level for b in walk.blocks]
    blocks = mark_toc_titles(
        mark_plain_toc([Block(page=b.page, kind=b.kind, text=b.text, level=b.level) for b in walk.blocks])
    )
    blocks, cover_page = _mark_cover(blocks)
    blocks, colophon_page = _mark_colophon(blocks)
    toc = toc_from_lines(
        [b.text for b in blocks if b.kind == "toc"],
        [level for b, level in zip(blocks, toc_levels, strict=True) if b.kind == "toc"],
    )
    meta = DocumentMeta(
        title=_core_title(parts.get("core")) or walk.title,
        language=_document_language(parts, styles),
        tagged=None,
        has_outline=any(b.kind == "heading" for b in blocks),
        cover_page=cover_page,
        colophon_page=colophon_page,
        reader="docx",
    )
    return assemble_document(
        source=str(path), fmt="docx", sha256=sha256, blocks=blocks, meta=meta, toc=toc, page_count=walk.page
    )
