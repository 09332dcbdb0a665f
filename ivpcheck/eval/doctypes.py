"""How well the document-type gate answers "is this an IVP?" (`ivpcheck eval`, doc-type part).

Items come from two kinds of folders:
- a corpus folder of openings and short documents with a `<id>.gold.yaml` beside each file
  (corpus/openings: doc_type, kind, split dev|heldout), plus the corpus's own built plans;
- any folder with a `labels.csv` (columns file, doc_type, is_ivp, kind) — e.g. real documents kept
  outside the project, measured but never committed or tuned on.
The figure that matters is IVP-or-not: the gate's answer (its type) against the gold. A document the
gate doubts is still scored, with a notice that names the type it looks like, so that notice is the
answer; a plan refused (not scored) is the worst error for its user and is counted on its own.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ivpcheck.model.errors import IvpcheckError
from ivpcheck.model.report import Profile
from ivpcheck.model.settings import Settings
from ivpcheck.profile.text import normalise

TEXT_SUFFIXES = {".txt", ".html", ".htm", ".md", ".pdf", ".docx"}
LABEL_LIST_SEPARATOR = re.compile(r"[|;]")


@dataclass
class DocTypeItem:
    """One document with its gold type."""

    path: Path
    doc_type: str
    kind: str
    split: str = "dev"
    municipalities: list[str] = field(default_factory=list)  # as the plan names them ([] = not stated)
    priorities: list[str] = field(default_factory=list)  # as the opening lists them


@dataclass
class DocTypeOutcome:
    """What the gate said about one item."""

    item: DocTypeItem
    type: str
    scored: bool
    doubt: bool
    reasons: list[str] = field(default_factory=list)
    municipalities_right: bool | None = None  # None: no gold municipalities, or not an IVP
    priorities_found: bool | None = None  # >= 90% of the listed priorities found

    @property
    def right(self) -> bool:
        return (self.type == "ivp") == (self.item.doc_type == "ivp")


@dataclass
class DocTypeResult:
    """IVP-or-not agreement over a set of items."""

    name: str
    outcomes: list[DocTypeOutcome] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(o.right for o in self.outcomes) / len(self.outcomes) if self.outcomes else 0.0

    @property
    def refused_plans(self) -> list[DocTypeOutcome]:
        return [o for o in self.outcomes if o.item.doc_type == "ivp" and not o.scored]

    @property
    def scored_others(self) -> list[DocTypeOutcome]:
        """Other documents the gate took for an IVP."""
        return [o for o in self.outcomes if o.item.doc_type != "ivp" and o.type == "ivp"]

    def per_kind(self) -> dict[str, tuple[int, int]]:
        """kind -> (right, total)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for o in self.outcomes:
            counts[o.item.kind][0] += o.right
            counts[o.item.kind][1] += 1
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def share(self, attribute: str) -> tuple[int, int]:
        """(right, total) of a profile check over the items that have gold for it."""
        values = [getattr(o, attribute) for o in self.outcomes if getattr(o, attribute) is not None]
        return sum(values), len(values)

    def as_dict(self) -> dict:
        """A JSON-ready summary."""
        return {
            "municipalities_right": list(self.share("municipalities_right")),
            "priorities_found": list(self.share("priorities_found")),
            "name": self.name,
            "n": len(self.outcomes),
            "ivp_or_not": round(self.accuracy, 4),
            "refused_plans": [str(o.item.path) for o in self.refused_plans],
            "scored_others": [str(o.item.path) for o in self.scored_others],
            "doubted": sum(o.doubt for o in self.outcomes),
            "per_kind": {k: {"right": r, "n": n} for k, (r, n) in self.per_kind().items()},
            "types": dict(Counter(o.type for o in self.outcomes)),
        }


def corpus_items(corpus: Path) -> list[DocTypeItem]:
    """The openings (corpus/openings/<id>.* with <id>.gold.yaml) and the corpus's own documents
    (corpus/sources/<id>.md front matter, checked as their built PDF)."""
    items = []
    openings = corpus / "openings"
    for gold in sorted(openings.glob("*.gold.yaml")):
        stem = gold.name.removesuffix(".gold.yaml")
        files = [p for p in openings.glob(stem + ".*") if p.suffix in TEXT_SUFFIXES]
        if not files:
            continue
        data = yaml.safe_load(gold.read_text(encoding="utf-8")) or {}
        items.append(
            DocTypeItem(
                files[0],
                str(data["doc_type"]),
                str(data.get("kind", "")),
                data.get("split", "dev"),
                [str(m) for m in data.get("municipalities") or []],
                [str(p) for p in data.get("priorities") or []],
            )
        )
    return items


def source_items(corpus: Path, build_dir: Path, heldout: set[str]) -> list[DocTypeItem]:
    """Every corpus source as a whole document (its built PDF), typed by its front matter."""
    items = []
    for source in sorted((corpus / "sources").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        pdf = build_dir / "pdf" / f"{source.stem}.pdf"
        if pdf.is_file():
            split = "heldout" if source.stem in heldout else "dev"
            items.append(
                DocTypeItem(
                    pdf, str(meta.get("doc_type", "overig")), "corpus-" + str(meta.get("doc_type")), split
                )
            )
    return items


def _label_list(cell: str | None) -> list[str]:
    """A list cell of labels.csv: entries separated by '|' or ';'."""
    return [entry.strip() for entry in LABEL_LIST_SEPARATOR.split(cell or "") if entry.strip()]


def labelled_items(folder: Path) -> list[DocTypeItem]:
    """Items of a folder with labels.csv (file, doc_type, kind, municipalities, priorities; lists
    separated by '|' or ';'): real documents kept outside the project."""
    with (folder / "labels.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        DocTypeItem(
            folder / row["file"],
            row["doc_type"].strip(),
            row.get("kind", "").strip(),
            "extern",
            _label_list(row.get("municipalities")),
            _label_list(row.get("priorities")),
        )
        for row in rows
        if (folder / row["file"]).is_file()
    ]


def judge_items(name: str, items: list[DocTypeItem], settings: Settings | None = None) -> DocTypeResult:
    """Read and profile every item; what the gate decides is what `ivpcheck check` would do."""
    from ivpcheck.read import read_document
    from ivpcheck.run.pipeline import profile_document

    settings = settings or Settings()
    result = DocTypeResult(name)
    for item in items:
        try:
            profile = profile_document(read_document(item.path), settings)
        except IvpcheckError as error:
            result.outcomes.append(DocTypeOutcome(item, "fout", False, False, [error.one_line()]))
            continue
        decision = profile.doc_type
        outcome = DocTypeOutcome(item, decision.type, decision.is_ivp, decision.doubt, decision.reasons)
        if item.doc_type == "ivp":
            outcome.municipalities_right = _same_municipalities(item.municipalities, profile)
            outcome.priorities_found = _priorities_found(item.priorities, profile)
        result.outcomes.append(outcome)
    return result


def _same_municipalities(gold: list[str], profile: Profile) -> bool | None:
    """The plan's municipalities exactly (by CBS code, so 'Den Haag' is 's-Gravenhage)."""
    from ivpcheck.profile.municipalities import lookup

    if not gold:
        return None
    codes = {(r.code if (r := lookup(name)) else normalise(name)) for name in gold}
    return codes == {m.code for m in profile.municipalities}


def _priorities_found(gold: list[str], profile: Profile) -> bool | None:
    """At least 90% of the priorities the opening lists were found (as written, or contained)."""
    if not gold:
        return None
    found = [normalise(p.text) for p in profile.priorities]
    hits = sum(1 for name in gold if any(f and (normalise(name) in f or f in normalise(name)) for f in found))
    return hits / len(gold) >= 0.9


def doctype_results(
    corpus: Path, build_dir: Path, splits: tuple[str, ...], external: list[Path]
) -> list[DocTypeResult]:
    """The corpus's document-type set per split (openings and whole corpus documents), then each
    external folder with labels.csv."""
    from ivpcheck.eval.verdicts import heldout_plans

    names = {"development": "dev", "heldout": "heldout"}
    items = corpus_items(corpus) + source_items(corpus, build_dir, heldout_plans(corpus))
    results = [judge_items(split, [i for i in items if i.split == names[split]]) for split in splits]
    return results + [judge_items(folder.name, labelled_items(folder)) for folder in external]
