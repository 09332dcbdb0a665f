"""`ivpcheck diff OLD NEW`: compare two versions of a plan (e.g. the concept DOCX and the final PDF)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ivpcheck.cli.options import date_option, format_option
from ivpcheck.model.errors import UsageError
from ivpcheck.run.check_run import CheckRun
from ivpcheck.run.config import CliOptions

EPILOG = """\b
Exitcodes: 0 in orde · 2 ongeldige optie of configuratie · 10-18 een bestand kon niet worden
getoetst (zoals bij check; 17 = geen IVP, tenzij --force).
Beide versies worden getoetst met hun eigen configuratie, vrijstellingen en oordelen van de
adviseur (<plan>.waivers.yaml, <plan>.review.yaml) en dezelfde peildatum."""


@click.command("diff", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option(["terminal", "json", "markdown", "html"], "Uitvoerformaat.", "terminal")
@date_option("Peildatum voor K6, voor beide versies (standaard: vandaag).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Taal van de uitvoer (standaard nl).")
@click.option("--config", type=click.Path(path_type=Path), help="Configuratiebestand voor beide versies.")
@click.option("--force", is_flag=True, help="Vergelijk ook documenten die geen IVP zijn.")
def diff(
    old: Path,
    new: Path,
    fmt: str,
    check_date: dt.datetime | None,
    lang: str | None,
    config: Path | None,
    force: bool,
) -> None:
    """Vergelijk twee versies van een plan: oordelen, vindplaatsen, score en verbeterpunten.

    Compare two versions of a plan (any formats): verdicts, evidence, score and improvement points.
    """
    from ivpcheck.render.diff import render_diff
    from ivpcheck.run.diff import compare_reports

    date = check_date.date() if check_date else dt.date.today()  # one date for both versions
    options = CliOptions(config=config, check_date=date, lang=lang, force=force)
    run = CheckRun(options, echo=lambda text, err: click.echo(text, err=err))
    try:
        reports = [run.report_for(path) for path in (old, new)]
    except UsageError as error:
        click.echo(f"ivpcheck: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    finally:
        run.close()
    if run.worst:  # CheckRun has said which file could not be read or is not an IVP (unless --force)
        sys.exit(run.worst)
    before, after = reports
    assert before is not None and after is not None
    click.echo(render_diff(compare_reports(before, after), fmt, lang or before.language).rstrip("\n"))
