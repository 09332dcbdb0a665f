"""Small text helpers shared by the profile modules: the front matter, normalisation, word counts."""

from __future__ import annotations

import re
import unicodedata

from ivpcheck.model.document import Block, Document

FRONT_KINDS = frozenset({"cover"})


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces, single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


GENERIC_HEADING = re.compile(
    r"^\s*(?:\d+\.?\s*)?(?:voorwoord|inleiding|inhoud|inhoudsopgave|samenvatting|leeswijzer|colofon)\s*$",
    re.I,
)
PLACEHOLDER_TITLE = re.compile(
    r"^\s*(?:\(?anonymous\)?|untitled|naamloos|document\d*|microsoft word\s*-.*|\s*)$", re.I
)


def meta_title(doc: Document) -> str | None:
    """The file's title metadata, unless it is a placeholder such as '(anonymous)'."""
    title = (doc.meta.title or "").strip()
    return None if PLACEHOLDER_TITLE.match(title) else title


def cover_text(doc: Document) -> str:
    """Title-like text: PDF title, cover blocks, and the first heading when there is no cover."""
    parts: list[str] = []
    if meta_title(doc):
        parts.append(meta_title(doc))
    parts.extend(b.text for b in doc.blocks if b.kind in FRONT_KINDS)
    if not any(b.kind in FRONT_KINDS for b in doc.blocks):
        first = first_blocks(doc, 3)
        parts.extend(
            b.text
            for b in first
            if (b.kind == "heading" or len(b.text) < 120) and not GENERIC_HEADING.match(b.text)
        )
    return "\n".join(parts)


def first_blocks(doc: Document, count: int) -> list[Block]:
    """The first `count` non-TOC blocks of the document."""
    return [b for b in doc.blocks if b.kind != "toc"][:count]


def first_pages_text(doc: Document, pages: int = 2) -> str:
    """Text of the first pages (cover and body, no TOC)."""
    start = min((b.page for b in doc.blocks), default=1)
    return "\n".join(b.text for b in doc.blocks if b.kind != "toc" and b.page < start + pages)


def word_count(doc: Document) -> int:
    """Words in the body blocks."""
    return sum(len(b.text.split()) for b in doc.body_blocks())
