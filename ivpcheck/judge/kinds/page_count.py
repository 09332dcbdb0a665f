"""`page_count`: the number of body pages (cover, table of contents and annexes excluded)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ivpcheck.judge.context import Context, DetectorParams, Findings
from ivpcheck.model.report import Evidence
from ivpcheck.text.terms import matcher

KIND = "page_count"
METRICS = {"pages", "in_range", "too_long", "too_short", "total_pages"}
VALUES = {"pages"}


class Params(DetectorParams):
    kind: Literal["page_count"]
    min_pages: int = Field(default=8, ge=0)
    max_pages: int = Field(default=40, ge=1)
    annex_terms: list[str] = Field(default_factory=lambda: ["bijlage*", "bijlagen", "annex*", "appendix"])


def describe(params: Params) -> str:
    bounds = f"{params.min_pages}-{params.max_pages}"
    return f"het aantal pagina's hoofdtekst (zonder omslag, inhoudsopgave en bijlagen; {bounds})"


def detect(ctx: Context, params: Params) -> Findings:
    annex = matcher(tuple(ctx.terms(params.annex_terms)))
    body = []
    in_annex = False
    for unit in ctx.view.units:
        block = unit.block
        if block.kind == "heading" and (block.level or 1) == 1:
            hit = annex.search(block.text)
            in_annex = hit is not None and hit.start < 12
        if not in_annex and block.kind not in {"toc", "cover", "colophon"} and block.text.strip():
            body.append(unit)
    total = ctx.doc.meta.page_count or len(ctx.doc.pages)
    if ctx.doc.format == "pdf":
        pages = len({u.block.page for u in body})
        quote = f"{pages} pagina's hoofdtekst (document: {total} pagina's)"
    else:
        words = ctx.view.word_count(body)
        pages = max(1, round(words / 400)) if words else 0
        quote = f"ongeveer {pages} pagina's hoofdtekst (geschat op 400 woorden per pagina)"
    in_range = params.min_pages <= pages <= params.max_pages
    return Findings(
        found=in_range,
        metrics={
            "pages": float(pages),
            "in_range": float(in_range),
            "too_long": float(pages > params.max_pages),
            "too_short": float(pages < params.min_pages),
            "total_pages": float(total),
        },
        values={"pages": str(pages)},
        evidence=[Evidence(page=None, section=None, quote=quote, matched="paginatelling")],
        searched=describe(params),
    )
