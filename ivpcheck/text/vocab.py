"""Vocabularies: named term lists (optionally grouped) loaded from rules/vocab/*.yaml.

A rule refers to a vocabulary inside any term list as ``@name`` (all its terms) or
``@name.group`` (one group's terms). Accepted YAML shapes:

- ``terms: [...]`` (a flat list) or ``groups: {id: [...] | {name, terms}}``, named after the file;
- top-level keys holding plain term lists: groups of one vocabulary named after the file
  (trends.yaml ``headings:`` and ``forward:`` -> ``@trends.headings``, ``@trends.forward``);
- any other top-level key holding a list of ``{id|name, terms}`` entries (partners.yaml) or a
  mapping of ``id: {name, terms, themes: {id: {name, terms, weight}}}`` (fields.yaml); each such
  key becomes a vocabulary of that name (``fields``, ``cross_cutting``, ``partners``).
Extra keys of a vocabulary (e.g. ``expansions`` or ``ignore``) are kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ivpcheck.text.cues import Cues

META_KEYS = {"version", "description", "name", "source", "sources"}


@dataclass
class Vocabulary:
    """One vocabulary: its terms grouped (a flat list is one group named after the vocabulary)."""

    name: str
    groups: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    categorical: bool = False  # groups are categories (partners, fields): count distinct by group

    @property
    def terms(self) -> list[str]:
        """Every term, in file order, without duplicates."""
        return list(dict.fromkeys(t for terms in self.groups.values() for t in terms))

    def label(self, group: str) -> str:
        """The display name of a group."""
        return self.labels.get(group, group)


class VocabError(ValueError):
    """A vocabulary reference or file that cannot be used."""


class Vocabularies:
    """All vocabularies of the loaded rule packs, by name."""

    def __init__(self) -> None:
        self.items: dict[str, Vocabulary] = {}
        self.files: dict[str, Any] = {}  # each vocabulary file's parsed YAML, by file stem
        self.cue_lists: dict[str, Cues] = {}  # rules/cues/<stem>.yaml
        self._expanded: dict[tuple[str, ...], tuple[str, ...]] = {}  # detectors expand the same lists
        self._groups: dict[tuple[str, ...], dict[str, str]] = {}  # ... and label them, for every document

    def add_cues(self, stem: str, data: Any) -> None:
        """Add a cue file (a later pack replaces a file of the same name)."""
        self.cue_lists[stem] = Cues(stem, data)

    def cues(self, stem: str) -> Cues:
        """The cue lists of rules/cues/<stem>.yaml (raises VocabError when no pack has them)."""
        if stem not in self.cue_lists:
            raise VocabError(f"cue-bestand '{stem}.yaml' ontbreekt in de regelset (ivpcheck/rules/cues/)")
        return self.cue_lists[stem]

    def add_file(self, stem: str, data: Any) -> None:
        """Add the vocabularies one YAML file defines, and keep its data (a later pack wins)."""
        for vocab in parse_vocab_file(stem, data):
            self.add(vocab)
        self.files[stem] = data

    def file(self, stem: str) -> Any:
        """The parsed data of a vocabulary file (raises VocabError when no pack has it)."""
        if stem not in self.files:
            raise VocabError(f"woordenlijstbestand '{stem}.yaml' ontbreekt in de regelset")
        return self.files[stem]

    def add(self, vocab: Vocabulary) -> None:
        """Add or replace a vocabulary (a later pack wins)."""
        self.items[vocab.name] = vocab
        self._expanded.clear()
        self._groups.clear()

    def get(self, name: str) -> Vocabulary:
        if name not in self.items:
            known = ", ".join(sorted(self.items)) or "geen"
            raise VocabError(f"onbekende woordenlijst '@{name}' (bekend: {known})")
        return self.items[name]

    def resolve(self, ref: str) -> tuple[Vocabulary, list[str]]:
        """The vocabulary and group ids a reference ``name`` or ``name.group`` stands for."""
        name, _, group = ref.partition(".")
        vocab = self.get(name)
        if not group:
            return vocab, list(vocab.groups)
        if group not in vocab.groups:
            raise VocabError(f"woordenlijst '@{name}' heeft geen groep '{group}'")
        return vocab, [group]

    def expand(self, items: list[str]) -> list[str]:
        """Replace every ``@ref`` in a term list by its terms."""
        key = tuple(items)
        if key not in self._expanded:
            out: list[str] = []
            for item in items:
                if item.startswith("@"):
                    vocab, groups = self.resolve(item[1:])
                    out.extend(t for g in groups for t in vocab.groups[g])
                else:
                    out.append(item)
            self._expanded[key] = tuple(dict.fromkeys(out))
        return list(self._expanded[key])

    def group_of(self, items: list[str]) -> dict[str, str]:
        """Map every term of a term list to its group label (plain terms map to themselves); one shared
        mapping per list, which callers only read."""
        key = tuple(items)
        if key not in self._groups:
            mapping: dict[str, str] = {}
            for item in items:
                if item.startswith("@"):
                    vocab, groups = self.resolve(item[1:])
                    for g in groups:
                        for term in vocab.groups[g]:
                            mapping.setdefault(term, vocab.label(g) if vocab.categorical else term)
                else:
                    mapping.setdefault(item, item)
            self._groups[key] = mapping
        return self._groups[key]

    def check(self, items: list[str]) -> None:
        """Raise VocabError when a term list refers to an unknown vocabulary or group."""
        for item in items:
            if item.startswith("@"):
                self.resolve(item[1:])


def _as_terms(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    raise VocabError("verwacht een lijst met termen")


def _group_entry(vocab: Vocabulary, gid: str, entry: Any) -> None:
    if isinstance(entry, list):
        vocab.groups[gid] = _as_terms(entry)
        return
    if not isinstance(entry, dict):
        raise VocabError(f"groep '{gid}': verwacht een lijst of een mapping met 'terms'")
    terms = _as_terms(entry.get("terms", []))
    weight = float(entry.get("weight", 1.0))
    for theme_id, theme in (entry.get("themes") or {}).items():
        theme_terms = _as_terms(theme.get("terms", []))
        theme_weight = float(theme.get("weight", 1.0))
        for term in theme_terms:
            vocab.weights[term] = min(vocab.weights.get(term, 1.0), theme_weight)
        terms = terms + theme_terms
        vocab.labels.setdefault(f"{gid}/{theme_id}", theme.get("name", theme_id))
    for term in _as_terms(entry.get("terms", [])):
        vocab.weights.setdefault(term, weight)
    vocab.groups[gid] = list(dict.fromkeys(terms))
    vocab.labels[gid] = str(entry.get("name", gid))
    for key, value in entry.items():
        if key not in {"name", "terms", "themes", "weight", "id"}:
            vocab.extra.setdefault(gid, {})[key] = value


def _grouped(name: str, data: Any) -> Vocabulary:
    vocab = Vocabulary(name, categorical=True)
    if isinstance(data, list) and all(isinstance(v, str) for v in data):
        vocab.categorical = False
        vocab.groups[name] = _as_terms(data)
    elif isinstance(data, list):
        for entry in data:
            if not isinstance(entry, dict) or "terms" not in entry:
                raise VocabError(f"'{name}': elk item heeft 'terms' nodig")
            gid = str(entry.get("id") or entry.get("name"))
            _group_entry(vocab, gid, entry)
    elif isinstance(data, dict):
        for gid, entry in data.items():
            _group_entry(vocab, str(gid), entry)
    else:
        raise VocabError(f"'{name}': verwacht een lijst of mapping")
    return vocab


def parse_vocab_file(stem: str, data: Any) -> list[Vocabulary]:
    """The vocabularies one YAML file defines (see the module docstring)."""
    if isinstance(data, list):
        return [_grouped(stem, data)]
    if not isinstance(data, dict):
        raise VocabError("verwacht een mapping of een lijst")
    if "terms" in data or "groups" in data:
        vocab = _grouped(stem, data["groups"]) if "groups" in data else Vocabulary(stem)
        vocab.categorical = "groups" in data
        if "terms" in data:
            vocab.groups[stem] = _as_terms(data["terms"])
        vocab.extra = {k: v for k, v in data.items() if k not in META_KEYS | {"terms", "groups"}}
        return [vocab]
    result = []
    flat = Vocabulary(stem)
    for key, value in data.items():
        if key in META_KEYS or not isinstance(value, list | dict):
            continue
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            flat.groups[str(key)] = _as_terms(value)
        else:
            result.append(_grouped(str(key), value))
    if flat.groups:
        result.insert(0, flat)
    return result
