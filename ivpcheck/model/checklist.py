"""The checklist's fixed names: its sections and the five veiligheidsvelden (plus cross-cutting themes).

Every stage that shows or stores a section or field uses these ids and labels; the rule files refer
to the same ids (ivpcheck/rules/vocab/fields.yaml) and hold the vocabulary behind them.
"""

from __future__ import annotations

SECTIONS: dict[str, dict[str, str]] = {
    "nl": {
        "K": "Kader",
        "A": "Analyse",
        "V": "Visie en strategie",
        "P": "Prioriteiten en doelen",
        "U": "Uitvoering en organisatie",
        "M": "Monitoring en verantwoording",
        "S": "Samenwerking en participatie",
        "L": "Leesbaarheid en vorm",
    },
    "en": {
        "K": "Frame",
        "A": "Analysis",
        "V": "Vision and strategy",
        "P": "Priorities and goals",
        "U": "Implementation and organisation",
        "M": "Monitoring and accountability",
        "S": "Cooperation and participation",
        "L": "Readability and form",
    },
}
SECTION_NAMES = SECTIONS["nl"]  # the checklist's own (Dutch) section names, in order


def id_order(section: str, criterion_id: str) -> tuple[int, str, int, str]:
    """The sort key of a criterion: its section in checklist order (unknown sections after, by
    letter), then its number (K2 before K10), then its id."""
    sections = list(SECTION_NAMES)
    digits = "".join(ch for ch in criterion_id if ch.isdigit())
    rank = sections.index(section) if section in sections else len(sections)
    return rank, section, int(digits) if digits else 0, criterion_id


CROSS_CUTTING = "dwarsdoorsnijdend"
FIELD_LABELS: dict[str, str] = {
    "veilige-woon-en-leefomgeving": "Veilige woon- en leefomgeving",
    "bedrijvigheid-en-veiligheid": "Bedrijvigheid en veiligheid",
    "jeugd-en-veiligheid": "Jeugd en veiligheid",
    "fysieke-veiligheid": "Fysieke veiligheid",
    "integriteit-en-veiligheid": "Integriteit en veiligheid",
    CROSS_CUTTING: "Dwarsdoorsnijdend",
}
FIELD_IDS: tuple[str, ...] = tuple(FIELD_LABELS)  # the five veiligheidsvelden, then cross-cutting
UNCLASSIFIED = "Niet ingedeeld"


def field_label(field_id: str | None) -> str:
    """The Dutch label of a veiligheidsveld id ('Niet ingedeeld' for none or an unknown id)."""
    return FIELD_LABELS.get(field_id or "", UNCLASSIFIED)
