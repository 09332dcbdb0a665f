"""`--format concise`: one line per finding, like a linter (`plan.pdf:9: P4 deels — message`).

A finding is a criterion with an improvement point (deels or ontbreekt, not waived), in checklist
order; the line names the first page of its evidence (none for ontbreekt) and the first sentence of
the improvement point. Notices (the document may not be an IVP, OCR was unsure) come first, one line
each ('plan.pdf: Let op: dit lijkt geen (volledig) IVP'); a closing line per file gives the total and
the band.
"""

from __future__ import annotations

import re

from ivpcheck.model.report import Report
from ivpcheck.render.labels import CONCISE_LABELS, lang_or_default
from ivpcheck.render.view import build_view

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z'‘(])")


def first_sentence(text: str) -> str:
    """The first sentence of a text, whitespace collapsed."""
    text = " ".join(text.split())
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def render_concise(report: Report, lang: str | None = None) -> str:
    """One line per finding, then the file's total."""
    view = build_view(report, lang, max_evidence=1)
    L = CONCISE_LABELS[lang_or_default(view.lang)]
    if not view.scored:
        return f"{view.path}: {L['not_scored'].format(what=view.not_ivp_what or '?')}\n"
    order = {c.id: i for i, c in enumerate(report.criteria)}
    lines = [f"{view.path}: {notice.title}" for notice in view.notices]
    for item in sorted(view.improvements, key=lambda i: order[i.id]):
        page = next((e.page for e in item.evidence if e.page is not None), None)
        where = f"{view.path}:{page}:" if page is not None else f"{view.path}:"
        message = first_sentence(item.text) or item.title
        lines.append(f"{where} {item.id} {item.verdict_label} — {message}")
    summary = L["summary"].format(total=view.total, band=view.band, n=len(view.improvements))
    lines.append(f"{view.path}: {summary}")
    return "\n".join(lines) + "\n"
