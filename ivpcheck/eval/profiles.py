"""Compare a built profile with a gold profile (corpus/gold/<id>.profile.yaml)."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from ivpcheck.model.report import Profile
from ivpcheck.profile.municipalities import lookup
from ivpcheck.profile.text import normalise

FUZZY_THRESHOLD = 0.8


def title_similarity(a: str, b: str) -> float:
    """How alike two priority titles are (0-1): equal, contained, or by character overlap."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if x in y or y in x:
        return 0.9 if min(len(x), len(y)) >= 5 else 0.5
    return SequenceMatcher(None, x, y).ratio()


def match_priorities(found: list[str], gold: list[str]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of found to gold titles by similarity (>= FUZZY_THRESHOLD)."""
    pairs = sorted(
        ((title_similarity(f, g), i, j) for i, f in enumerate(found) for j, g in enumerate(gold)),
        reverse=True,
    )
    used_found: set[int] = set()
    used_gold: set[int] = set()
    matches = []
    for score, i, j in pairs:
        if score < FUZZY_THRESHOLD or i in used_found or j in used_gold:
            continue
        used_found.add(i)
        used_gold.add(j)
        matches.append((i, j))
    return matches


def _codes(names: list[str]) -> set[str]:
    codes = set()
    for name in names:
        record = lookup(name)
        codes.add(record.code if record else normalise(name))
    return codes


def evaluate(profile: Profile, gold_path: str | Path) -> dict[str, Any]:
    """Accuracy of one profile against its gold file: per fact, plus counts for pooling over a corpus."""
    gold = yaml.safe_load(Path(gold_path).read_text(encoding="utf-8")) or {}
    result: dict[str, Any] = {"id": Path(gold_path).name.removesuffix(".profile.yaml")}
    result["doc_type_correct"] = profile.doc_type.type == gold.get("doc_type")
    gold_municipalities = list(gold.get("municipalities") or [])
    found_codes = {m.code for m in profile.municipalities}
    result["municipalities_correct"] = found_codes == _codes(gold_municipalities)
    if "joint" in gold:
        result["joint_correct"] = profile.joint == bool(gold["joint"])
    period = gold.get("period")
    found_period = [profile.period_start, profile.period_end] if profile.period_start else None
    result["period_correct"] = (list(period) if period else None) == found_period
    if "adopted_on" in gold:
        expected = str(gold["adopted_on"]) if gold["adopted_on"] else None
        result["adopted_on_correct"] = expected == profile.adopted_on
    gold_priorities = list(gold.get("priorities") or [])
    found_titles = [p.text for p in profile.priorities]
    gold_titles = [str(p["text"]) for p in gold_priorities]
    matches = match_priorities(found_titles, gold_titles)
    field_right = sum(
        1
        for i, j in matches
        if gold_priorities[j].get("field") and profile.priorities[i].field == gold_priorities[j]["field"]
    )
    field_total = sum(1 for _, j in matches if gold_priorities[j].get("field"))
    result.update(
        {
            "priorities_found": len(found_titles),
            "priorities_gold": len(gold_titles),
            "priorities_matched": len(matches),
            "priorities_recall": len(matches) / len(gold_titles)
            if gold_titles
            else (1.0 if not found_titles else 0.0),
            "priorities_precision": len(matches) / len(found_titles)
            if found_titles
            else (1.0 if not gold_titles else 0.0),
            "fields_correct": field_right,
            "fields_total": field_total,
            "field_accuracy": field_right / field_total if field_total else None,
            "missed": [gold_titles[j] for j in range(len(gold_titles)) if j not in {m[1] for m in matches}],
            "extra": [found_titles[i] for i in range(len(found_titles)) if i not in {m[0] for m in matches}],
            "wrong_fields": [
                (found_titles[i], profile.priorities[i].field, gold_priorities[j].get("field"))
                for i, j in matches
                if gold_priorities[j].get("field")
                and profile.priorities[i].field != gold_priorities[j]["field"]
            ],
        }
    )
    return result
