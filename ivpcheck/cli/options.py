"""Options that several commands share, defined once, so that one meaning has one name everywhere."""

from __future__ import annotations

from typing import Any

import click

ocr_option = click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    help="Tekstherkenning (Tesseract) voor PDF-pagina's zonder tekstlaag: auto (standaard), always, never.",
)


class WithOldNames(click.Option):
    """An option that still accepts its old spellings (`old_names`) but shows only its current
    names in --help."""

    def __init__(self, *args: Any, old_names: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.old_names = old_names

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        every = self.opts
        self.opts = [name for name in every if name not in self.old_names]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = every


def date_option(help_text: str, **kwargs: Any) -> Any:
    """`--date JJJJ-MM-DD` (formerly `--check-date`): the date the plan is checked on (K6)."""
    return click.option(
        "--date",
        "--check-date",
        "check_date",
        cls=WithOldNames,
        old_names=("--check-date",),
        type=click.DateTime(formats=["%Y-%m-%d"]),
        metavar="JJJJ-MM-DD",
        help=help_text,
        **kwargs,
    )


def format_option(choices: list[str], help_text: str, default: str | None = None) -> Any:
    """`--format` / `-f` (the function's parameter `fmt`): the output format of every command."""
    return click.option(
        "--format",
        "-f",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=default is not None,
        help=help_text,
    )
