"""`structure`: a table of contents and numbered chapters (L2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text.terms import matcher

KIND = "structure"
METRICS = {"toc", "toc_entries", "numbered", "numbered_share", "chapters"}
VALUES = {"summary", "missing"}


class Params(DetectorParams):
    kind: Literal["structure"]
    toc_terms: list[str] = Field(default_factory=lambda: ["inhoudsopgave", "inhoud", "inhoudstafel"])
    min_toc_entries: int = Field(default=3, ge=1)
    min_numbered_share: float = Field(default=0.6, ge=0, le=1, description="share of chapters numbered")


def describe(params: Params) -> str:
    return "een inhoudsopgave en genummerde hoofdstukken"


def detect(ctx: Context, params: Params) -> Findings:
    doc = ctx.doc
    toc_heading = matcher(tuple(params.toc_terms))
    toc_blocks = [b for b in doc.blocks if b.kind == "toc"]
    toc_titled = [h for h in doc.headings if toc_heading.search(h.text) and len(h.text) < 30]
    has_toc = len(doc.toc) >= params.min_toc_entries or len(toc_blocks) >= params.min_toc_entries
    has_toc = has_toc or bool(toc_titled and toc_blocks)
    chapters = [h for h in doc.headings if h.level == 1 and not toc_heading.search(h.text)]
    numbered_chapters = [h for h in chapters if h.number]
    share = len(numbered_chapters) / len(chapters) if chapters else 0.0
    numbered_all = [h for h in doc.headings if h.number]
    numbered = len(numbered_all) >= 2 and share >= params.min_numbered_share
    evidence = []
    if has_toc:
        page = toc_blocks[0].page if toc_blocks else (toc_titled[0].page if toc_titled else None)
        n = max(len(doc.toc), len(toc_blocks))
        evidence.append(
            Evidence(
                page=page,
                section="Inhoudsopgave",
                quote=f"inhoudsopgave met {n} regels",
                matched="inhoudsopgave",
            )
        )
    if numbered:
        first = numbered_chapters[0] if numbered_chapters else numbered_all[0]
        quote = f"{len(numbered_chapters)} van {len(chapters)} hoofdstukken genummerd, bijv. '{first.label}'"
        evidence.append(
            Evidence(page=first.page, section=first.label, quote=quote[:200], matched="nummering")
        )
    summary = (
        f"inhoudsopgave: {'ja' if has_toc else 'nee'}; genummerde hoofdstukken: {'ja' if numbered else 'nee'}"
    )
    missing = " en ".join(
        m for m, ok in (("een inhoudsopgave", has_toc), ("nummering van de hoofdstukken", numbered)) if not ok
    )
    return Findings(
        found=has_toc or numbered,
        metrics={
            "toc": float(has_toc),
            "toc_entries": float(max(len(doc.toc), len(toc_blocks))),
            "numbered": float(numbered),
            "numbered_share": round(share, 2),
            "chapters": float(len(chapters)),
        },
        values={"summary": summary.capitalize(), "missing": missing},
        evidence=evidence,
        searched=describe(params),
    )
