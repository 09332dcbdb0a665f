"""`ivpcheck profile FILE`: print the plan's profile alone (type, municipalities, period, priorities)."""

from __future__ import annotations

from typing import Literal

import click
from rich.console import Console

from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import format_option


@click.command("profile")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@format_option(["terminal", "json"], "terminal: leesbaar overzicht; json: het Profile-model.", "terminal")
@click.option(
    "--reader",
    type=click.Choice(["pdfium", "pdfplumber"]),
    default="pdfium",
    show_default=True,
    help="PDF reader.",
)
@reports_input_errors
def profile(file: str, fmt: Literal["terminal", "json"], reader: Literal["pdfium", "pdfplumber"]) -> None:
    """Toon het profiel van een plan / show a plan's profile (type, gemeenten, looptijd, prioriteiten)."""
    from ivpcheck.model.settings import Settings
    from ivpcheck.read import read_document
    from ivpcheck.run.pipeline import profile_document

    doc = read_document(file, reader=reader)
    result = profile_document(doc, Settings())
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
        return
    from ivpcheck.render.profile import render_profile

    render_profile(result, Console(), source=doc.source)
