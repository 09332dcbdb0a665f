"""Dutch compounds that share their head: 'veiligheids- en handhavingsbeleid' is two policies."""

from __future__ import annotations

import re
from collections.abc import Iterable


class CompoundExpander:
    """Writes out a shared head ('veiligheids- en handhavingsbeleid' -> 'veiligheidsbeleid en
    handhavingsbeleid') for the heads given, so each compound is matched as a word of its own."""

    def __init__(self, heads: Iterable[str]) -> None:
        alternation = "|".join(sorted((re.escape(head) for head in heads), key=len, reverse=True))
        self.pattern = re.compile(rf"\b(\w+)-\s+(en|of|&)\s+(\w+?)({alternation})\b", re.IGNORECASE)

    def expand(self, text: str) -> str:
        return self.pattern.sub(lambda m: f"{m[1]}{m[4]} {m[2]} {m[3]}{m[4]}", text)
