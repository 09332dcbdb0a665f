"""`ivpcheck check FILE...`: score plans against the checklist and show one report per file."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ivpcheck.config import CliOptions, RunConfig, build_run_config, config_path_for, split_ids
from ivpcheck.errors import INPUT_ERRORS, IvpcheckError, NotAnIvpError, UsageError
from ivpcheck.report import Report

if TYPE_CHECKING:
    from ivpcheck.waivers import WaiverSource


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
        force=force,
        fail_under=fail_under,
        format=fmt,
        waivers=waivers,
    )
    if color is None:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    try:
        run = CheckRun(options, output=output, statistics=statistics, color=color)
        code = run.run(list(files))
    except UsageError as error:
        click.echo(f"ivpcheck: {error.one_line()}", err=True)
        sys.exit(error.exit_code)
    sys.exit(code)


@dataclass
class CheckRun:
    """One `check` invocation over several files: config per file, isolation of bad files."""

    options: CliOptions
    output: Path | None = None
    statistics: bool = False
    color: bool = False
    worst: int = 0
    _printed: bool = False
    _configs: dict[Path | None, RunConfig] = field(default_factory=dict)
    _written: set[Path] = field(default_factory=set)
    _waiver_sources: dict[Path | None, WaiverSource] = field(default_factory=dict)

    def run(self, files: list[Path]) -> int:
        """Check every file; return the worst exit code."""
        from ivpcheck.render.statistics import Statistics

        stats = Statistics()
        to_dir = self.output is not None and (
            len(files) > 1 or self.output.is_dir() or str(self.output).endswith("/")
        )
        configs = [self._config_for(path) for path in files]  # config errors stop the run (exit 2)
        if self.output is None and not self.statistics and len(files) > 1 and configs[0].format == "html":
            raise UsageError(
                "--format html", "meerdere HTML-rapporten vragen -o MAP / several HTML reports need -o DIR"
            )
        if to_dir:
            assert self.output is not None
            self.output.mkdir(parents=True, exist_ok=True)
        for path, run in zip(files, configs, strict=True):
            report = self._check_one(path, run)
            if report is None:
                stats.errors += 1
                continue
            stats.add(report)
            self._emit(report, run, path, to_dir)
        if self.statistics:
            from ivpcheck.render.statistics import render_statistics

            run = configs[0]
            fmt = run.format if run.format in ("json", "markdown") else "terminal"
            click.echo(render_statistics(stats, fmt, run.settings.language, color=self.color).rstrip("\n"))
        return self.worst

    def _config_for(self, path: Path) -> RunConfig:
        key = config_path_for(self.options, path)
        if key not in self._configs:
            self._configs[key] = build_run_config(self.options, key)
        return self._configs[key]

    def _fail(self, code: int) -> None:
        self.worst = max(self.worst, code)

    def _check_one(self, path: Path, run: RunConfig) -> Report | None:
        """The report for one file, or None after reporting its one-line error."""
        from ivpcheck.pipeline import check_file

        try:
            settings = run.settings.model_copy(update={"waivers": self._waivers(path, run)})
            report = check_file(path, settings)
        except UsageError:
            raise  # a broken rule pack, setting or waiver file stops the run (exit 2)
        except IvpcheckError as error:
            click.echo(f"ivpcheck: {error.one_line()}", err=True)
            self._fail(error.exit_code)
            return None
        except Exception as error:  # one broken file never stops the others
            click.echo(
                f"ivpcheck: {path}: interne fout / internal error ({type(error).__name__}: {error})", err=True
            )
            self._fail(2)
            return None
        if not report.scored and not settings.force:
            click.echo(f"ivpcheck: {NotAnIvpError(str(path)).one_line()}", err=True)
            self._fail(NotAnIvpError.exit_code)
        elif run.fail_under is not None and report.scored:
            from ivpcheck.render.view import display_score

            total = display_score(report.total)
            if total is None or total < run.fail_under:
                self._fail(1)
        return report

    def _waivers(self, path: Path, run: RunConfig) -> dict[str, str]:
        """The plan's waivers: from the run's waiver file, else its sidecar (as `ivpcheck batch`)."""
        from ivpcheck.waivers import WaiverSource

        if not path.is_file():
            return {}
        if run.waivers_path not in self._waiver_sources:
            self._waiver_sources[run.waivers_path] = WaiverSource(run.waivers_path)
        return self._waiver_sources[run.waivers_path].for_plan(path)

    def _emit(self, report: Report, run: RunConfig, path: Path, to_dir: bool) -> None:
        from ivpcheck.render import FORMATS, render

        fmt = run.format
        if self.output is None:
            if self.statistics:
                return
            text = render(report, fmt, run.settings.language, color=self.color)
            if self._printed and fmt != "json":
                click.echo("")
            click.echo(text.rstrip("\n"))
            self._printed = True
            return
        target = self._target(path, FORMATS[fmt]) if to_dir else self.output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(report, fmt, run.settings.language, color=False), encoding="utf-8")

    def _target(self, path: Path, ext: str) -> Path:
        """`DIR/<stem>.<ext>`, made unique when two inputs share a stem."""
        assert self.output is not None
        target = self.output / f"{path.stem}.{ext}"
        n = 2
        while target in self._written:
            target = self.output / f"{path.stem}-{n}.{ext}"
            n += 1
        self._written.add(target)
        return target
