"""The plan's profile: document type, municipalities, period, priorities, partners and targets.

`build_profile(doc, vocab)` is the stage between reading and judging.
"""

from __future__ import annotations

from ivpcheck.model.document import Document
from ivpcheck.model.report import Profile
from ivpcheck.profile.doctype import doctype_gate
from ivpcheck.profile.goals import GoalSource
from ivpcheck.profile.municipalities import detect_municipalities
from ivpcheck.profile.partners import find_partners
from ivpcheck.profile.period import find_adoption, find_period, period_cues
from ivpcheck.profile.priorities import extract_priorities, priority_cues
from ivpcheck.profile.targets import find_targets
from ivpcheck.profile.text import cover_text
from ivpcheck.profile.vocab import profile_vocab
from ivpcheck.text.passages import view_of
from ivpcheck.text.vocab import Vocabularies

__all__ = ["build_profile"]


def _title(doc: Document) -> str | None:
    lines = [line.strip() for line in cover_text(doc).split("\n") if line.strip()]
    return lines[0][:200] if lines else None


def build_profile(doc: Document, vocab: Vocabularies) -> Profile:
    """Every profile fact about one document, read with the rule pack's vocabularies."""
    words = profile_vocab(vocab)
    gate = doctype_gate(vocab)
    opening = gate.opening.read(doc)
    doc_type = gate.classify(doc, opening)
    dates = period_cues(vocab)
    start, end = find_period(doc, dates, title_year_first=doc_type.type in ("evaluatie", "uitvoeringsplan"))
    municipalities = detect_municipalities(doc, opening, start)
    return Profile(
        doc_type=doc_type,
        title=opening.title[:200] or _title(doc),
        municipalities=municipalities,
        joint=len(municipalities) > 1,
        period_start=start,
        period_end=end,
        adopted_on=find_adoption(doc, dates, doc_type.type, (start, end)),
        priorities=extract_priorities(doc, words.fields, priority_cues(vocab), municipalities),
        partners=find_partners(doc, words.partners),
        targets=find_targets(GoalSource(view_of(doc), vocab, start, end)),
    )
