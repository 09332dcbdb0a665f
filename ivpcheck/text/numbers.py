"""Numbers and percentages as the report's language writes them (Babel's locale data: '12,5' and
'42,3%' in Dutch, '12.5' and '42.3%' in English, thousands grouped: '1.234'). The one place where
a number becomes text for a reader."""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal, format_percent


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits else "")


@lru_cache(maxsize=4096)  # the judge writes every measured value of every rule (the same few, mostly)
def number(value: float, lang: str = "nl", digits: int = 1, whole_plain: bool = True) -> str:
    """`value` with `digits` decimals (a whole number without them when `whole_plain`)."""
    if whole_plain and float(value).is_integer():
        digits = 0
    return format_decimal(value, format=_pattern(digits), locale=lang)


def percent(share: float, lang: str = "nl", digits: int = 1) -> str:
    """A share (0.423) as a percentage ('42,3%')."""
    return format_percent(share, format=_pattern(digits) + "%", locale=lang)
