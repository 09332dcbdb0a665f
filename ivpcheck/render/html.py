"""The HTML report: one self-contained A4-printable page, built from reusable jinja2 templates.

Templates (ivpcheck/render/templates/):
- base.html.j2         page layout; blocks: title, extra_css, head_extra, body; inlines report.css
- report.html.j2       the report partial; context: v (ReportView) and hb (top heading level)
- report_page.html.j2  base + partial: the stand-alone report
- report.css           the styles, scoped to .ivp-report, with @page/@media print rules

Another page (the upload service) can extend base.html.j2 and include report.html.j2 with
the context from `report_context()`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ivpcheck.model.report import Report
from ivpcheck.render.view import build_view

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The jinja2 environment for the report templates (autoescape on)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


def report_context(report: Report, lang: str | None = None, heading_base: int = 1) -> dict[str, Any]:
    """The variables report.html.j2 needs."""
    view = build_view(report, lang)
    return {"v": view, "hb": heading_base, "lang": view.lang}


def render_html(report: Report, lang: str | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no external assets)."""
    return environment().get_template("report_page.html.j2").render(**report_context(report, lang))


def render_html_fragment(report: Report, lang: str | None = None, heading_base: int = 2) -> str:
    """Only the report partial (an <article>), for embedding in another page that includes report.css."""
    return environment().get_template("report.html.j2").render(**report_context(report, lang, heading_base))


def report_css() -> str:
    """The report's stylesheet, for pages that embed the partial."""
    return (TEMPLATES_DIR / "report.css").read_text(encoding="utf-8")
