"""Quoted speech: the words of someone the text quotes, not the text's own voice."""

from __future__ import annotations

import re

# a quotation within one paragraph: “…”, „…”, "…", ‘…’ or '…' (not an apostrophe: "thema's", "'s avonds")
QUOTATION = re.compile(
    r"[“„][^“”„\n]{2,1500}[”“]"
    r"|(?<![\w\"])\"[^\"\n]{2,1500}\"(?!\w)"
    r"|(?<!\w)‘[^‘’\n]{2,1500}’(?!\w)"
    r"|(?<![\w'])'(?=[A-Za-z])[^'\n]{2,1500}'(?!\w)"
)


def unquoted(text: str) -> str:
    """The text with every quotation left out: what its author says in their own voice."""
    return QUOTATION.sub(" ", text)
