"""`pdf_meta`: basic digital accessibility of a PDF (tagged, /Lang, /Title); n.v.t. for other formats."""

from __future__ import annotations

from typing import Literal

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence

KIND = "pdf_meta"
METRICS = {"applicable", "tagged", "language", "title", "present"}
VALUES = {"missing", "present_list"}

LABELS = {"tagged": "getagd", "language": "documenttaal", "title": "documenttitel"}


class Params(DetectorParams):
    kind: Literal["pdf_meta"]


def describe(params: Params) -> str:
    return "de PDF-eigenschappen: getagd (structuurboom), documenttaal (/Lang) en documenttitel (/Title)"


def detect(ctx: Context, params: Params) -> Findings:
    meta = ctx.doc.meta
    applicable = ctx.doc.format == "pdf"
    checks = {
        "tagged": bool(meta.tagged),
        "language": bool(meta.language and meta.language.strip()),
        "title": bool(meta.title and meta.title.strip()),
    }
    present = [LABELS[k] for k, ok in checks.items() if ok]
    missing = [LABELS[k] for k, ok in checks.items() if not ok]
    tagged = "ja" if checks["tagged"] else "nee"
    summary = f"getagd: {tagged}; taal: {meta.language or '-'}; titel: {meta.title or '-'}"
    evidence = (
        [Evidence(page=None, section=None, quote=summary[:200], matched="PDF-metadata")] if applicable else []
    )
    return Findings(
        found=applicable and bool(present),
        metrics={"applicable": float(applicable), "present": float(len(present))}
        | {k: float(v) for k, v in checks.items()},
        values={"missing": ", ".join(missing), "present_list": ", ".join(present)},
        evidence=evidence,
        searched=describe(params),
    )
