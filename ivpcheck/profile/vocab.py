"""The profile's view of the rule pack's vocabularies: veiligheidsvelden (fields.yaml) and partners."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ivpcheck.text.terms import TermMatcher
from ivpcheck.text.vocab import Vocabularies


@dataclass(frozen=True)
class FieldTerm:
    """What a vocabulary term stands for: its field, theme and weight."""

    field: str
    theme: str
    weight: float


@dataclass(frozen=True)
class FieldVocab:
    """All field terms in one matcher, plus each term's meaning."""

    matcher: TermMatcher
    meaning: dict[str, FieldTerm]
    names: dict[str, str]
    cross_cutting: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class PartnerVocab:
    """All partner terms in one matcher, mapped to canonical names."""

    matcher: TermMatcher
    canonical: dict[str, str]
    order: tuple[str, ...]


@dataclass(frozen=True)
class ProfileVocab:
    """Everything the profile reads from the rule pack: the pack's vocabularies and two prepared ones."""

    all: Vocabularies
    fields: FieldVocab
    partners: PartnerVocab


@lru_cache(maxsize=8)
def profile_vocab(vocab: Vocabularies) -> ProfileVocab:
    """The profile's vocabularies from a loaded rule pack (cached per pack)."""
    return ProfileVocab(vocab, _field_vocab(vocab.file("fields")), _partner_vocab(vocab.file("partners")))


def _field_vocab(data: dict) -> FieldVocab:
    """The fields vocabulary: every field and theme term with its meaning."""
    meaning: dict[str, FieldTerm] = {}
    names: dict[str, str] = {}
    for field_id, spec in (data.get("fields") or {}).items():
        names[field_id] = str(spec.get("name", field_id))
        for term in spec.get("terms") or []:
            meaning.setdefault(str(term), FieldTerm(field_id, "veld", 1.5))
        for theme_id, theme in (spec.get("themes") or {}).items():
            weight = float(theme.get("weight", 1.0))
            for term in theme.get("terms") or []:
                meaning.setdefault(str(term), FieldTerm(field_id, theme_id, weight))
    cross = {
        str(item["id"]): tuple(str(t) for t in item.get("terms") or [])
        for item in data.get("cross_cutting") or []
    }
    return FieldVocab(TermMatcher(meaning), meaning, names, cross)


def _partner_vocab(data: dict) -> PartnerVocab:
    """The partners vocabulary: every partner term mapped to its canonical name."""
    canonical: dict[str, str] = {}
    order: list[str] = []
    for item in data.get("partners") or []:
        name = str(item["name"])
        order.append(name)
        for term in item.get("terms") or []:
            canonical.setdefault(str(term), name)
    return PartnerVocab(TermMatcher(canonical), canonical, tuple(order))
