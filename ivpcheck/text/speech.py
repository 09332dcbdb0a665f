"""Quoted speech: the words of someone the text quotes, not the text's own voice."""

from __future__ import annotations

from ivpcheck.text import starts

# a quotation within one paragraph: “…”, „…”, "…", ‘…’ or '…' (not an apostrophe: "thema's", "'s avonds")
QUOTATION = starts.compiled(  # behind a lookahead for its opening quotes: most positions fail one test
    r"[“„][^“”„\n]{2,1500}[”“]"
    r"|(?<![\w\"])\"[^\"\n]{2,1500}\"(?!\w)"
    r"|(?<!\w)‘[^‘’\n]{2,1500}’(?!\w)"
    r"|(?<![\w'])'(?=[A-Za-z])[^'\n]{2,1500}'(?!\w)"
)


def unquoted(text: str) -> str:
    """The text with every quotation left out: what its author says in their own voice."""
    return QUOTATION.sub(" ", text)
