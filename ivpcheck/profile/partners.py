"""Partner organisations the plan names, as canonical names (rules/vocab/partners.yaml)."""

from __future__ import annotations

from collections import Counter

from ivpcheck.model.document import Document
from ivpcheck.profile.vocab import PartnerVocab


def partner_counts(text: str, vocab: PartnerVocab) -> Counter[str]:
    """How often each canonical partner is named in a text."""
    return Counter(vocab.canonical[hit.term] for hit in vocab.matcher.finditer(text))


def find_partners(doc: Document, vocab: PartnerVocab) -> list[str]:
    """Canonical names of the partners named in the body, most often named first."""
    counts: Counter[str] = Counter()
    for block in doc.body_blocks():
        counts.update(partner_counts(block.text, vocab))
    order = {name: index for index, name in enumerate(vocab.order)}
    return sorted(counts, key=lambda name: (-counts[name], order.get(name, 999)))
