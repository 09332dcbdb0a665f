"""`ivpcheck check FILE...`: score plans against the checklist and show one report per file."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ivpcheck.cli.options import date_option, format_option, ocr_option
from ivpcheck.model.errors import INPUT_ERRORS, OutOfMemoryError, OutputError, UsageError
from ivpcheck.run.check_run import CheckRun
from ivpcheck.run.config import CliOptions, split_ids

if TYPE_CHECKING:
    pass


# The address space a check may use (MB): far above a real plan's needs, far below a decompression bomb's.
DEFAULT_MAX_MEMORY_MB = 2048


def _epilog() -> str:
    lines = [
        "\b",
        "Exitcodes (bij meerdere bestanden: de hoogste):",
        "  0   in orde",
        "  1   totaalscore onder --fail-under",
        "  2   ongeldige optie of configuratie, of interne fout",
    ]
    lines += [
        f"  {error.exit_code:<3} {error.message_nl}"
        for error in (*INPUT_ERRORS, OutputError, OutOfMemoryError)
    ]
    lines += [
        "",
        "\b",
        "Configuratie: ivpcheck.toml of [tool.ivpcheck] in pyproject.toml, gezocht vanaf de map van",
        "het bestand omhoog en daarna vanaf de huidige map; opties op de opdrachtregel gaan voor.",
        "Vrijstellingen: <plan>.waivers.yaml naast het plan, of --waivers PAD.",
        "Oordelen van de adviseur: <plan>.review.yaml naast het plan, of --review PAD.",
    ]
    return "\n".join(lines)


def plans_in(paths: tuple[Path, ...], run: CheckRun, tmp: Path) -> list[Path]:
    """The files to check: a folder stands for the documents below it (as in `ivpcheck batch`: PDF,
    DOCX, HTML, text; hidden files and waiver files skipped), sorted; '-' for standard input (kept
    in `tmp`, shown as '-'); other paths as given."""
    from ivpcheck.batch.inputs import collect

    files: list[Path] = []
    for path in paths:
        if str(path) == "-":
            stdin = tmp / "stdin"
            stdin.write_bytes(sys.stdin.buffer.read())
            run.shown_as[stdin] = "-"
            files.append(stdin)
            continue
        if not path.is_dir():
            files.append(path)
            continue
        found = collect([str(path)]).files
        if not found:
            raise UsageError(str(path), "geen documenten in deze map / no documents in this folder")
        files += found
    return files


@click.command("check", epilog=_epilog(), context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "files",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path, allow_dash=True),
    metavar="FILE|DIR|-...",
)
@format_option(
    ["terminal", "json", "jsonl", "markdown", "html", "docx", "concise"],
    "Uitvoerformaat (standaard: terminal). json is het publieke Report-formaat (bij meerdere "
    "bestanden één JSON-array, fouten als {file, error}); jsonl: één regel per bestand; "
    "docx is een bewerkbare adviesbrief (met -o); concise: één regel per bevinding "
    "(bestand:pagina: P4 deels — melding).",
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
    "--review",
    type=click.Path(path_type=Path),
    help="Oordelen van de adviseur (YAML: {K5: {verdict: deels, reason: ...}}).",
)
@click.option(
    "--fail-under", type=click.FloatRange(0, 100), metavar="N", help="Exitcode 1 als de totaalscore lager is."
)
@click.option("--statistics", is_flag=True, help="Toon per criterium hoe vaak elk oordeel voorkwam.")
@date_option("Peildatum voor K6 (standaard: vandaag).")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Taal van het rapport (standaard nl).")
@click.option("--reader", type=click.Choice(["pdfium", "pdfplumber"]), help="PDF-lezer (standaard pdfium).")
@ocr_option
@click.option("--force", is_flag=True, help="Scoor ook documenten die geen IVP zijn.")
@click.option(
    "--timeout", type=click.FloatRange(0, min_open=True), default=300.0, show_default=True,
    help="Maximale verwerkingstijd per bestand (seconden); daarna afgebroken (exitcode 18).",
)  # fmt: skip
@click.option(
    "--max-memory", type=click.IntRange(0), default=DEFAULT_MAX_MEMORY_MB, show_default=True,
    help="Maximaal geheugen (MB adresruimte) voor het verwerken van een bestand; 0 = geen (exitcode 21).",
)  # fmt: skip
@click.option(
    "--show-evidence",
    "-v",
    is_flag=True,
    help="Toon in de terminal ook de vindplaatsen van de criteria die voldoen.",
)
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
    review: Path | None,
    fail_under: float | None,
    statistics: bool,
    check_date: dt.datetime | None,
    lang: str | None,
    reader: str | None,
    ocr: str | None,
    force: bool,
    timeout: float,
    max_memory: int,
    show_evidence: bool,
    color: bool | None,
) -> None:
    """Toets een of meer IVP's aan de CCV-checklist: score, oordeel per criterium en verbeterpunten.

    Een map staat voor de documenten erin (ook in submappen).

    Check one or more integral safety plans (PDF, DOCX, HTML, TXT, MD) against the CCV checklist;
    a folder stands for the documents in it (subfolders too).
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
        review=review,
    )
    from ivpcheck.render import wants_color

    color = wants_color(color)
    try:
        run = CheckRun(
            options,
            echo=lambda text, err: click.echo(text, err=err, color=color),
            output=output,
            statistics=statistics,
            color=color,
            show_evidence=show_evidence,
            timeout=timeout,
            memory_limit_mb=max_memory,
        )
        with tempfile.TemporaryDirectory(prefix="ivpcheck-stdin-") as tmp:
            code = run.run(plans_in(files, run, Path(tmp)))
    except (UsageError, OutputError) as error:  # the run cannot go on: bad settings, unwritable -o
        click.echo(f"ivpcheck: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    sys.exit(code)
