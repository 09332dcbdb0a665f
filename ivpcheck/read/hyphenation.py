"""Join lines of running text, undoing line-end hyphenation without eating real hyphens.

"veilig-" + "heid" -> "veiligheid", but "zorg-" + "en veiligheid" stays "zorg- en veiligheid",
"Noord-" + "Brabant" -> "Noord-Brabant", "2023-" + "2026" -> "2023-2026" and "politie-" + "inzet"
stays "politie-inzet" (Dutch writes a hyphen where two vowels would merge into one sound).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen

from ivpcheck.text.hyphenator import dutch_hyphenator
from ivpcheck.text.nlp import known_word

SOFT_HYPHEN = "\u00ad"
HYPHENS = ("-", "\u2010", SOFT_HYPHEN)
CONJUNCTIONS = frozenset({"en", "of", "tot", "t/m", "noch", "als", "dan", "maar", "and", "or"})
HYPHEN_PREFIXES = frozenset({"ex", "niet", "oud", "non", "vice", "semi", "pseudo", "e"})
VOWEL_CLASHES = frozenset(
    {"aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu"}
)
# a match starts where a word does ((?<!\w): a search of a long paragraph does not try every letter)
LAST_WORD = re.compile(r"(?<!\w)(\w+)[-\u2010\u00ad]$")
FIRST_WORD = re.compile(r"^(\w+)")


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return dutch_hyphenator()


def is_hyphenation_point(prefix: str, suffix: str) -> bool:
    """True when prefix|suffix is where a Dutch hyphenator would split prefix+suffix."""
    word = (prefix + suffix).lower()
    return len(prefix) in _dictionary().positions(word)


def keeps_hyphen(prefix: str, suffix: str) -> bool:
    """True when 'prefix-' at a line end followed by 'suffix' is a real hyphen, not a line break."""
    if not prefix or not suffix:
        return True
    if prefix.isupper() and suffix.isupper():
        return False  # an acronym the hyphenator split: "VRB-" + "ZO"
    if not suffix[0].islower() or suffix.lower() in CONJUNCTIONS:
        return True
    if not prefix[-1].isalpha() or prefix[-1].isupper():
        return True
    inner = prefix[2:] if prefix.startswith("IJ") else prefix[1:]  # the Dutch capital IJ is one letter
    if any(c.isupper() for c in inner) and len(suffix) >= 4:
        return True  # a name with capitals inside and a word after it: "WhatsApp-" + "groepen"
    if prefix.lower() in HYPHEN_PREFIXES and len(suffix) >= 5:
        # "ex-partner", "oud-burgemeester"; but "ex-" + "tra" is "extra" and "ex-" + "terne" is "externe"
        return not _a_word((prefix + suffix).lower())
    if (prefix[-1] + suffix[0]).lower() in VOWEL_CLASHES:
        return True
    # A split the hyphenator would not make is more likely a compound written with a hyphen.
    return len(prefix) > 1 and len(suffix) > 1 and not is_hyphenation_point(prefix, suffix)


def _a_word(word: str) -> bool:
    """A Dutch word, also inflected ('externe' from 'extern', 'partners' from 'partner')."""
    stems = [word] + [word[: -len(end)] for end in ("e", "en", "s") if word.endswith(end) and len(word) > 4]
    return any(known_word(stem) for stem in stems)


def join_lines(first: str, second: str) -> str:
    """Join two consecutive lines of one paragraph, undoing hyphenation where it is a line break."""
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if first.endswith(SOFT_HYPHEN):
        return first[:-1] + second
    if first.endswith(HYPHENS) and not first.endswith((" -", " \u2010")):
        prefix_match = LAST_WORD.search(first)
        suffix_match = FIRST_WORD.match(second)
        prefix = prefix_match.group(1) if prefix_match else ""
        suffix = suffix_match.group(1) if suffix_match else ""
        if prefix.isdigit() or not suffix:
            return first + second  # "2023-" + "2026": a range, not a word break
        if keeps_hyphen(prefix, suffix):
            return first + (" " if suffix.lower() in CONJUNCTIONS else "") + second
        return first[:-1] + second
    return f"{first} {second}"
