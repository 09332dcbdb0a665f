"""Parse a corpus source (`sources/<id>.md`): YAML front matter plus light markup."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LAYOUTS = ("classic", "modern", "twocolumn", "compact", "plain")
CONTAINERS = ("twocolumn", "box", "colophon", "decision")

_HEADING = re.compile(r"^(#{1,4})\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-•]\s+(.*)$")
_NUMBERED = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_FOOTDEF = re.compile(r"^\[\^([^\]]+)\]:\s*(.*)$")
_FENCE = re.compile(r"^:::\s*(\w*)\s*$")
_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


@dataclass
class Heading:
    """A heading; `text` is printed verbatim (numbering included)."""

    level: int
    text: str


@dataclass
class Para:
    """A paragraph of inline-marked text."""

    text: str


@dataclass
class ListItem:
    """One list item; `depth` 0 is the outer list."""

    text: str
    depth: int = 0


@dataclass
class ListBlock:
    """A bullet (`ordered=False`) or numbered list."""

    ordered: bool
    items: list[ListItem] = field(default_factory=list)


@dataclass
class Table:
    """A pipe table; the first row is the header."""

    header: list[str]
    rows: list[list[str]]


@dataclass
class PageBreak:
    """`::: pagebreak`: force a new page in the PDF."""


@dataclass
class Container:
    """A `::: kind` ... `:::` block (twocolumn, box, colophon, decision)."""

    kind: str
    blocks: list[Block] = field(default_factory=list)


Block = Heading | Para | ListBlock | Table | PageBreak | Container


@dataclass
class Source:
    """A parsed source: metadata, body blocks and footnote texts by label."""

    meta: dict
    blocks: list[Block]
    footnotes: dict[str, str]
    path: Path | None = None

    @property
    def id(self) -> str:
        return str(self.meta["id"])

    @property
    def doc_type(self) -> str:
        return str(self.meta.get("doc_type", "overig"))

    @property
    def title(self) -> str:
        return str(self.meta.get("title", self.id))

    @property
    def layout(self) -> str:
        layout = str(self.meta.get("layout", "classic"))
        return layout if layout in LAYOUTS else "classic"

    @property
    def formats(self) -> list[str]:
        fmts = [str(f).lower() for f in (self.meta.get("formats") or ["pdf"])]
        return ["pdf"] + [f for f in fmts if f != "pdf"]

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean front matter field."""
        value = self.meta.get(name, default)
        return value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1")

    def text(self, name: str) -> str:
        """A string front matter field, '' when absent."""
        value = self.meta.get(name)
        return "" if value is None else str(value)

    def walk(self, blocks: list[Block] | None = None):
        """All blocks depth first (containers before their content)."""
        for block in self.blocks if blocks is None else blocks:
            yield block
            if isinstance(block, Container):
                yield from self.walk(block.blocks)

    def headings(self) -> list[Heading]:
        return [b for b in self.walk() if isinstance(b, Heading)]


def split_front_matter(text: str) -> tuple[dict, str]:
    """Return (front matter dict, body) of a source text."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            meta = yaml.safe_load("\n".join(lines[1:i])) or {}
            return meta, "\n".join(lines[i + 1 :])
    raise ValueError("front matter not closed with ---")


def _cells(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)]


class _Parser:
    """Line-based parser building the block tree."""

    def __init__(self) -> None:
        self.root: list[Block] = []
        self.stack: list[Container] = []
        self.footnotes: dict[str, str] = {}
        self.para: list[str] | None = None
        self.list: ListBlock | None = None
        self.table: list[str] | None = None
        self.note: str | None = None

    @property
    def out(self) -> list[Block]:
        return self.stack[-1].blocks if self.stack else self.root

    @property
    def line_mode(self) -> bool:
        """Inside a colophon or decision every source line is its own paragraph."""
        return bool(self.stack) and self.stack[-1].kind in ("colophon", "decision")

    def flush(self) -> None:
        if self.para:
            self.out.append(Para(" ".join(s.strip() for s in self.para)))
        if self.list and self.list.items:
            self.out.append(self.list)
        if self.table:
            rows = [_cells(r) for r in self.table if not _TABLE_SEP.match(r.strip())]
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            self.out.append(Table(header=rows[0], rows=rows[1:]))
        self.para = self.list = self.table = self.note = None

    def feed(self, raw: str) -> None:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            self.flush()
            return
        if m := _FENCE.match(stripped):
            self.flush()
            kind = m.group(1).lower()
            if kind == "pagebreak":
                self.out.append(PageBreak())
            elif kind:
                box = Container(kind if kind in CONTAINERS else "box")
                self.out.append(box)
                self.stack.append(box)
            elif self.stack:
                self.stack.pop()
            return
        if m := _FOOTDEF.match(stripped):
            self.flush()
            self.note = m.group(1)
            self.footnotes[self.note] = m.group(2).strip()
            return
        if self.note and raw[:1].isspace():
            self.footnotes[self.note] += " " + stripped
            return
        if m := _HEADING.match(stripped):
            self.flush()
            self.out.append(Heading(len(m.group(1)), m.group(2)))
            return
        if stripped.startswith("|"):
            if self.table is None:
                self.flush()
                self.table = []
            self.table.append(stripped)
            return
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            indent = len((bullet or numbered).group(1).expandtabs(4))
            text = bullet.group(2) if bullet else numbered.group(3)
            ordered = numbered is not None
            depth = 1 if indent >= 2 else 0
            if self.list is None or (depth == 0 and self.list.ordered != ordered):
                self.flush()
                self.list = ListBlock(ordered)
            self.list.items.append(ListItem(text.strip(), depth))
            return
        if self.list is not None:
            self.list.items[-1].text += " " + stripped
            return
        if self.table is not None:
            self.flush()
        if self.line_mode:
            self.out.append(Para(stripped))
            return
        if self.para is None:
            self.flush()
            self.para = []
        self.para.append(stripped)


def parse_text(text: str) -> Source:
    """Parse a whole source text."""
    meta, body = split_front_matter(text)
    parser = _Parser()
    for line in body.splitlines():
        parser.feed(line)
    parser.flush()
    if "id" not in meta:
        raise ValueError("front matter has no id")
    return Source(meta=meta, blocks=parser.root, footnotes=parser.footnotes)


def parse_file(path: Path) -> Source:
    """Parse `sources/<id>.md`."""
    source = parse_text(path.read_text(encoding="utf-8"))
    source.path = path
    return source


def load_sources(directory: Path, only: list[str] | None = None) -> list[Source]:
    """All sources in a directory (sorted by id), optionally restricted to `only`."""
    sources = [parse_file(p) for p in sorted(directory.glob("*.md")) if p.name.lower() != "readme.md"]
    if only:
        known = {s.id for s in sources}
        missing = [i for i in only if i not in known]
        if missing:
            raise SystemExit(f"unknown source id(s): {', '.join(missing)}")
        sources = [s for s in sources if s.id in only]
    return sorted(sources, key=lambda s: s.id)
