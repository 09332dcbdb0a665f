"""Options that several commands share, defined once."""

from __future__ import annotations

import click

ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    help="Tekstherkenning (Tesseract) voor PDF-pagina's zonder tekstlaag: auto (standaard), always, never.",
)
