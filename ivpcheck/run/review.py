"""The advisor's review: verdicts an advisor sets over the tool's, each with a reason.

A review file lives beside the plan (`<plan>.review.yaml`, found automatically) or is given with
--review FILE:

    K5: {verdict: deels, reason: "Het sociaal domein wordt alleen genoemd, niet uitgewerkt"}
    P4: {verdict: voldoet, reason: "De doelen staan in de bijlage met nulmetingen"}

The report keeps the tool's verdict and shows the advisor's beside it; the score and band use the
advisor's verdict. An unknown criterion id or verdict is a one-line error (exit 2).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ivpcheck.model.errors import ReviewFileError
from ivpcheck.model.report import VERDICT_SCORES
from ivpcheck.model.settings import AdvisorReview
from ivpcheck.run.waivers import read_yaml_mapping, sidecar_for

REVIEW_SUFFIXES = (".review.yaml", ".review.yml")
Review = dict[str, AdvisorReview]


def load_review_file(path: Path, known_ids: set[str] | None = None) -> Review:
    """Read and validate a review file; `known_ids` (the rule pack's ids) rejects unknown criteria."""
    data = read_yaml_mapping(
        path, ReviewFileError, "verwacht {K5: {verdict: deels, reason: ...}} / expected a mapping of criteria"
    )
    review: Review = {}
    for key, entry in data.items():
        rule = str(key).upper()
        if known_ids is not None and rule not in known_ids:
            raise ReviewFileError(str(path), f"'{key}': onbekend criterium / unknown criterion")
        review[rule] = _entry(path, str(key), entry)
    return review


def _entry(path: Path, key: str, entry: object) -> AdvisorReview:
    if not isinstance(entry, dict):
        raise ReviewFileError(
            str(path), f"'{key}': verwacht {{verdict: ..., reason: ...}} / expected a mapping"
        )
    verdict = entry.get("verdict")
    if verdict not in VERDICT_SCORES:
        choices = ", ".join(VERDICT_SCORES)
        raise ReviewFileError(
            str(path), f"'{key}': onbekend oordeel '{verdict}' (kies {choices}) / unknown verdict"
        )
    try:
        review = AdvisorReview.model_validate(entry)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ReviewFileError(str(path), f"'{key}.{field}': {first['msg']}") from error
    if not review.reason.strip():
        raise ReviewFileError(str(path), f"'{key}': geef een reden (tekst) / give a reason")
    return review


def review_path_for(plan: Path, given: Path | None) -> Path | None:
    """The review file of a plan: the given one, else `<plan>.review.yaml` beside it."""
    return given or sidecar_for(plan, REVIEW_SUFFIXES)


def plan_for_review(review: Path) -> Path | None:
    """The plan a sidecar review file belongs to: `x.pdf` for `x.pdf.review.yaml`, the one file named
    `x.*` for `x.review.yaml`; None when there is none or more than one."""
    name = review.name
    for suffix in REVIEW_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    exact = review.with_name(name)
    if exact.is_file():
        return exact
    siblings = [
        p
        for p in review.parent.glob(f"{name}.*")
        if p.stem == name and p.suffix.lower() not in (".yaml", ".yml")
    ]
    return siblings[0] if len(siblings) == 1 else None
