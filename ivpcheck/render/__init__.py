"""Renderers: Report -> terminal text (rich), JSON, Markdown, a self-contained HTML page or concise
lines (one per finding).

Each format lives in its own module and is imported only when used, so a JSON run never loads
rich or jinja2.
"""

from __future__ import annotations

from ivpcheck.model.report import Report

# format name -> file extension used for `-o DIR`
FORMATS: dict[str, str] = {
    "terminal": "txt",
    "json": "json",
    "markdown": "md",
    "html": "html",
    "concise": "txt",
}


def render(report: Report, fmt: str, lang: str | None = None, color: bool = False) -> str:
    """The report in one format; `lang` overrides the report's language for labels."""
    if fmt == "json":
        from ivpcheck.render.json import render_json

        return render_json(report)
    if fmt == "markdown":
        from ivpcheck.render.markdown import render_markdown

        return render_markdown(report, lang)
    if fmt == "html":
        from ivpcheck.render.html import render_html

        return render_html(report, lang)
    if fmt == "concise":
        from ivpcheck.render.concise import render_concise

        return render_concise(report, lang)
    if fmt == "terminal":
        from ivpcheck.render.terminal import render_terminal

        return render_terminal(report, lang, color=color)
    raise ValueError(f"unknown format: {fmt}")
