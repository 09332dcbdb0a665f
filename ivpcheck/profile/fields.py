"""Classify a priority into one of the five veiligheidsvelden (or dwarsdoorsnijdend)."""

from __future__ import annotations

import math
from collections import defaultdict

from ivpcheck.profile.vocab import FieldVocab

TITLE_WEIGHT = 4.0


def field_scores(text: str, vocab: FieldVocab) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Score per field for a text: distinct terms weighted, repeated terms with diminishing weight."""
    counts: dict[str, int] = defaultdict(int)
    for hit in vocab.matcher.finditer(text):
        counts[hit.term] += 1
    scores: dict[str, float] = defaultdict(float)
    terms: dict[str, list[str]] = defaultdict(list)
    for term, count in sorted(counts.items(), key=lambda item: -item[1]):
        meaning = vocab.meaning[term]
        scores[meaning.field] += meaning.weight * (1.0 + math.log(count))
        terms[meaning.field].append(term)
    return dict(scores), dict(terms)


def classify(vocab: FieldVocab, title: str, body: str = "") -> tuple[str | None, list[str]]:
    """The field of a priority: heading terms weigh most, the section's text decides otherwise.

    Returns (field id or None, the matched terms that decided it, title terms first).
    """
    title_scores, title_terms = field_scores(title, vocab)
    body_scores, body_terms = field_scores(body[:6000], vocab) if body else ({}, {})
    total: dict[str, float] = defaultdict(float)
    for field, score in title_scores.items():
        total[field] += TITLE_WEIGHT * score
    body_sum = sum(body_scores.values()) or 1.0
    for field, score in body_scores.items():
        total[field] += 3.0 * score / body_sum  # the body's share, at most 3 points
    if not total:
        return None, []
    best = max(total, key=lambda field: (total[field], title_scores.get(field, 0.0)))
    matched = list(dict.fromkeys(title_terms.get(best, []) + body_terms.get(best, [])[:4]))
    return best, matched
