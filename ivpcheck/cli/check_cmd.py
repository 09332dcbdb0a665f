"""`ivpcheck check FILE...`: score plans against the checklist and show one report per file."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ivpcheck.model.errors import INPUT_ERRORS, UsageError
from ivpcheck.run.check_run import CheckRun
from ivpcheck.run.config import CliOptions, split_ids

if TYPE_CHECKING:
    pass


def _epilog() -> str:
    lines = [
        "\b",
        "Exitcodes (bij meerdere bestanden: de hoogste):",
        "  0   in orde",
        "  1   totaalscore onder --fail-under",
        "  2   ongeldige optie of configuratie, of interne fout",
    ]
    lines += [f"  {error.exit_code:<3} {error.message_nl}" for error in INPUT_ERRORS]
    lines += [
        "",
        "\b",
        "Configuratie: ivpcheck.toml of [tool.ivpcheck] in pyproject.toml, gezocht vanaf de map van",
        "het bestand omhoog en daarna vanaf de huidige map; opties op de opdrachtregel gaan voor.",
        "Vrijstellingen: <plan>.waivers.yaml naast het plan, of --waivers PAD.",
    ]
    return "\n".join(lines)


@click.command("check", epilog=_epilog(), context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["terminal", "json", "markdown", "html"]),
    help="Uitvoerformaat (standaard: terminal). json is het publieke Report-formaat.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Schrijf naar dit bestand; bij meerdere bestanden een map (één rapport per bestand).",
)
@click.option(
    "--select", multiple=True, metavar="IDS", help="Alleen deze criteria of onderdelen, bijv. K1,A of P."
)
@click.option(
    "--ignore", multiple=True, metavar="IDS", help="Sla deze criteria of onderdelen over, bijv. L3,S."
)
@click.option("--rules", multiple=True, type=click.Path(path_type=Path), help="Extra regelset (herhaalbaar).")
@click.option("--replace-rules", is_flag=True, help="--rules vervangt de standaardregelset.")
@click.option(
    "--config", type=click.Path(path_type=Path), help="Configuratiebestand (ivpcheck.toml/pyproject.toml)."
)
@click.option("--waivers", type=click.Path(path_type=Path), help="Vrijstellingen (YAML: {K5: reden}).")
@click.option(
    "--fail-under", type=click.FloatRange(0, 100), metavar="N", help="Exitcode 1 als de totaalscore lager is."
)
@click.option("--statistics", is_flag=True, help="Toon per criterium hoe vaak elk oordeel voorkwam.")
@click.option(
    "--check-date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="JJJJ-MM-DD",
    help="Peildatum voor K6 (standaard: vandaag).",
)
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Taal van het rapport (standaard nl).")
@click.option("--reader", type=click.Choice(["pdfium", "pdfplumber"]), help="PDF-lezer (standaard pdfium).")
@click.option(
    "--ocr",
    type=click.Choice(["auto", "always", "never"]),
    help="Tekstherkenning (Tesseract) voor PDF-pagina's zonder tekstlaag: auto (standaard), always, never.",
)
@click.option("--force", is_flag=True, help="Scoor ook documenten die geen IVP zijn.")
@click.option("--color/--no-color", default=None, help="Kleur in de terminal (standaard: automatisch).")
def check(
    files: tuple[Path, ...],
    fmt: str | None,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules: tuple[Path, ...],
    replace_rules: bool,
    config: Path | None,
    waivers: Path | None,
    fail_under: float | None,
    statistics: bool,
    check_date: dt.datetime | None,
    lang: str | None,
    reader: str | None,
    ocr: str | None,
    force: bool,
    color: bool | None,
) -> None:
    """Toets een of meer IVP's aan de CCV-checklist: score, oordeel per criterium en verbeterpunten.

    Check one or more integral safety plans (PDF, DOCX, HTML, TXT, MD) against the CCV checklist.
    """
    options = CliOptions(
        config=config,
        select=split_ids(select) if select else None,
        ignore=split_ids(ignore),
        rules=list(rules),
        replace_rules=replace_rules,
        check_date=check_date.date() if check_date else None,
        lang=lang,
        reader=reader,
        ocr=ocr,
        force=force,
        fail_under=fail_under,
        format=fmt,
        waivers=waivers,
    )
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    try:
        run = CheckRun(
            options,
            echo=lambda text, err: click.echo(text, err=err),
            output=output,
            statistics=statistics,
            color=color,
        )
        code = run.run(list(files))
    except UsageError as error:
        click.echo(f"ivpcheck: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    sys.exit(code)
