"""Load the vocabularies the profile uses: veiligheidsvelden (fields.yaml) and partners (partners.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ivpcheck.judge.pack import SAFE_LOADER
from ivpcheck.model.settings import DEFAULT_RULES_DIR
from ivpcheck.text.terms import TermMatcher

VOCAB_DIR = DEFAULT_RULES_DIR / "vocab"


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


def _load(name: str, directory: Path | None) -> dict:
    path = (directory or VOCAB_DIR) / name
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER) or {}  # noqa: S506 (a safe loader)


@lru_cache(maxsize=4)
def field_vocab(directory: Path | None = None) -> FieldVocab:
    """The fields vocabulary (cached per directory)."""
    data = _load("fields.yaml", directory)
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


@lru_cache(maxsize=4)
def partner_vocab(directory: Path | None = None) -> PartnerVocab:
    """The partners vocabulary (cached per directory)."""
    data = _load("partners.yaml", directory)
    canonical: dict[str, str] = {}
    order: list[str] = []
    for item in data.get("partners") or []:
        name = str(item["name"])
        order.append(name)
        for term in item.get("terms") or []:
            canonical.setdefault(str(term), name)
    return PartnerVocab(TermMatcher(canonical), canonical, tuple(order))
