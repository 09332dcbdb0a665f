"""`ivpcheck batch`, `export`, `analyse` and `merge`: many plans into one SQLite database, and out again."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ivpcheck.batch import defaults
from ivpcheck.cli.errors import reports_input_errors
from ivpcheck.cli.options import WithOldNames, date_option, ocr_option
from ivpcheck.text.numbers import number

if TYPE_CHECKING:
    from ivpcheck.batch.runner import Summary, Work
    from ivpcheck.batch.worker import FileResult
from ivpcheck.run.config import CliOptions, build_run_config, config_path_for, split_ids

DEFAULT_DB = "ivpcheck.sqlite"
CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_FAILED = 1  # some files failed (recorded in the database) or a path matched nothing
EXIT_INTERRUPTED = 130


DB_OPTION = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="De SQLite-database met de resultaten.",
)


def _interrupt_on_sigterm() -> None:
    """SIGTERM stops a batch like Ctrl-C: the files stored so far stay stored."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


@click.command("batch", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option(
    "-j", "--workers", type=click.IntRange(1), help="Aantal werkprocessen (standaard: alle kernen)."
)
@click.option(
    "--timeout", type=click.FloatRange(0, min_open=True), default=defaults.TIMEOUT_S, show_default=True,
    help="Maximale verwerkingstijd per bestand (seconden); daarna afgebroken en als time-out opgeslagen.",
)  # fmt: skip
@click.option(
    "--max-tasks", type=click.IntRange(1), default=defaults.MAX_TASKS, show_default=True,
    help="Vervang een werkproces na zoveel bestanden (tegen geheugengroei).",
)  # fmt: skip
@click.option(
    "--max-memory", type=click.IntRange(0), default=defaults.MAX_MEMORY_MB, show_default=True,
    help="Geheugengrens per werkproces in MB, ook tijdens een bestand (0 = geen).",
)  # fmt: skip
@click.option("--recheck", is_flag=True, help="Toets ook bestanden die al in de database staan opnieuw.")
@click.option("--retry-failed", is_flag=True, help="Probeer bestanden die eerder mislukten opnieuw.")
@click.option(
    "--shard", metavar="K/N", help="Verwerk alleen deel K van N (verdeling op pad, voor meerdere machines)."
)
@click.option(
    "--force",
    "--score-all",
    "score_all",
    cls=WithOldNames,
    old_names=("--score-all",),
    is_flag=True,
    help="Scoor ook documenten die geen IVP zijn.",
)
@click.option("--select", multiple=True, help="Alleen deze criteria of onderdelen, bijv. K1,A of P.")
@click.option("--ignore", multiple=True, help="Sla deze criteria of onderdelen over, bijv. L3,S.")
@click.option("--rules", multiple=True, type=click.Path(path_type=Path), help="Extra regelset (herhaalbaar).")
@click.option("--replace-rules", is_flag=True, help="--rules vervangt de standaardregelset.")
@click.option(
    "--config", type=click.Path(path_type=Path), help="Configuratiebestand (ivpcheck.toml/pyproject.toml)."
)
@click.option(
    "--waivers",
    type=click.Path(path_type=Path),
    help="Vrijstellingen (YAML: {K5: reden}); standaard <plan>.waivers.yaml naast elk plan.",
)
@date_option("Peildatum voor K6 (standaard: vandaag).")
@click.option("--reader", type=click.Choice(["pdfium", "pdfplumber"]), help="PDF-lezer (standaard pdfium).")
@ocr_option
@click.option(
    "--progress/--no-progress", default=None, help="Voortgangsbalk (standaard: als stderr een terminal is)."
)
@click.option("--start-method", type=click.Choice(["forkserver", "spawn", "fork"]), default=None, hidden=True)
@reports_input_errors
def batch(
    paths: tuple[str, ...],
    db: Path,
    workers: int | None,
    timeout: float,
    max_tasks: int,
    max_memory: int,
    recheck: bool,
    retry_failed: bool,
    shard: str | None,
    score_all: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    rules: tuple[Path, ...],
    replace_rules: bool,
    config: Path | None,
    waivers: Path | None,
    check_date: dt.datetime | None,
    reader: str | None,
    ocr: str | None,
    progress: bool | None,
    start_method: str | None,
) -> None:
    """Toets veel plannen tegelijk en sla alles op in een SQLite-database (hervatbaar).

    PATHS zijn bestanden, mappen (recursief), globs (plannen/**/*.pdf) of @LIJST (een tekstbestand met
    één pad per regel). Wat al in de database staat (zelfde inhoud en regelset) wordt overgeslagen,
    tenzij de vrijstellingen van het plan zijn veranderd; een onderbroken run gaat bij de volgende
    keer verder waar hij stopte. Een bestand dat niet te lezen is, geen IVP is of een ongeldig
    vrijstellingenbestand heeft, wordt met zijn foutcategorie opgeslagen en stopt de run niet.
    Vrijstellingen: <plan>.waivers.yaml naast het plan, of --waivers PAD (zoals bij check).

    Score many plans in parallel into an SQLite database; re-runs skip stored files and resume.
    """
    from ivpcheck.batch.inputs import collect, parse_shard, select_shard
    from ivpcheck.batch.runner import BatchOptions, run_batch
    from ivpcheck.batch.worker import rulepack_version
    from ivpcheck.model.errors import UsageError
    from ivpcheck.run.pipeline import base_pack_for
    from ivpcheck.run.pool import PoolBrokenError
    from ivpcheck.run.waivers import WaiverSource

    options = CliOptions(
        config=config,
        select=split_ids(select) if select else None,
        ignore=split_ids(ignore),
        rules=list(rules),
        replace_rules=replace_rules,
        check_date=check_date.date() if check_date else None,
        reader=reader,
        ocr=ocr,
        force=score_all,
        waivers=waivers,
    )
    run_config = build_run_config(options, config_path_for(options, None))
    settings = run_config.settings
    version = rulepack_version(settings)  # a broken rule pack stops here, before any work
    # so does a broken --waivers file (or one naming a criterion the rules do not know)
    waiver_source = WaiverSource(run_config.waivers_path, base_pack_for(settings))
    inputs = collect(paths)
    files = inputs.files
    if shard:
        k, n = parse_shard(shard)
        files = select_shard(files, k, n)
    for spec in inputs.missing:
        click.echo(f"ivpcheck: {spec}: niets gevonden / nothing found", err=True)
    if not files:
        raise UsageError(
            " ".join(paths), "geen documenten gevonden om te toetsen / no documents found to check"
        )
    show = sys.stderr.isatty() if progress is None else progress
    batch_options = BatchOptions(
        workers=workers or os.cpu_count() or 1,
        timeout=timeout,
        max_tasks=max_tasks,
        max_memory_mb=max_memory or None,
        force=recheck,
        retry_failed=retry_failed,
        start_method=start_method or _start_method(show),
    )
    _interrupt_on_sigterm()
    try:
        with _Progress(show) as bar:
            summary = run_batch(
                files,
                db,
                settings,
                batch_options,
                version,
                on_planned=bar.planned,
                on_result=bar.advance,
                waivers=waiver_source,
            )
    except PoolBrokenError as error:
        click.echo(f"ivpcheck: batch gestopt / batch stopped: {error}", err=True)
        sys.exit(UsageError.exit_code)
    summary.missing = inputs.missing + summary.missing
    for message in summary.waiver_errors:
        click.echo(f"ivpcheck: {message}", err=True)
    click.echo(_format_summary(summary, db))
    if summary.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FAILED if summary.failed or summary.missing or summary.waiver_errors else 0)


def _start_method(progress: bool) -> str:
    """Workers are forked from this process, which loads what they need once ('fork'), unless the
    progress bar's drawing thread runs: a fork would copy the locks that thread may hold, so a
    forkserver (a fresh single-threaded process) forks them then."""
    return "forkserver" if progress else "fork"


class _Progress:
    """A rich progress bar on stderr: count, rate, elapsed time and ETA (or nothing when hidden)."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self.bar = None
        self.task = None
        self.failed = 0

    def __enter__(self) -> _Progress:
        if self.show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("nog"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
            )
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def planned(self, work: Work) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task("Toetsen", total=work.size, rate="")

    def advance(self, result: FileResult) -> None:
        if self.bar is None or self.task is None:
            return
        self.failed += result.status == "failed"
        task = self.bar.tasks[0]
        speed = task.finished_speed or task.speed
        rate = f"{number(speed, 'nl', 2, whole_plain=False)} bestanden/s" if speed else ""
        description = f"Toetsen ({self.failed} mislukt)" if self.failed else "Toetsen"
        self.bar.update(self.task, advance=1, rate=rate, description=description)


def _format_summary(summary: Summary, db: Path) -> str:
    """The end-of-run summary, in Dutch."""
    from ivpcheck.batch.labels import OUTCOME_LABELS

    done, seconds = summary.done, summary.elapsed
    head = "Onderbroken" if summary.interrupted else "Klaar"
    first = f"{head} na {number(seconds, 'nl', 1, whole_plain=False)} s: {done} bestanden verwerkt"
    if done and seconds > 0:
        files_rate = number(done / seconds, "nl", 2, whole_plain=False)
        pages_rate = number(summary.pages / seconds, "nl", 1, whole_plain=False)
        first += f" ({files_rate} bestanden/s, {pages_rate} pagina's/s)"
    lines = [first + "."]
    lines += [
        f"  getoetst als IVP:              {summary.outcomes.get('scored', 0)}",
        f"  geen IVP (opgeslagen):         {summary.outcomes.get('not_ivp', 0)}",
        f"  overgeslagen (al opgeslagen):  {summary.skipped}",
    ]
    if summary.duplicates:
        lines.append(f"  dubbel (zelfde inhoud):        {summary.duplicates}")
    failed = summary.failed
    lines.append(f"  mislukt:                       {sum(failed.values())}")
    lines += [f"    {OUTCOME_LABELS.get(k, k)} ({k}): {v}" for k, v in failed.items()]
    if summary.missing:
        lines.append(f"  niet gevonden:                 {len(summary.missing)}")
    if summary.interrupted:
        lines.append(
            f"  nog te doen:                   {summary.planned - done} (start opnieuw om verder te gaan)"
        )
    if summary.other_settings:
        lines.append(
            f"Let op: {summary.other_settings} overgeslagen bestanden zijn eerder met andere instellingen of"
            " regelbestanden getoetst; gebruik --recheck om ze opnieuw te toetsen."
        )
    lines.append(f"Database: {db} (regelset {summary.rulepack_version})")
    return "\n".join(lines)


@click.command("export", context_settings=CONTEXT)
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path),
    help="Map (schrijft plans.<fmt> en priorities.<fmt>) of bestand voor één tabel; zonder -o: stdout.",
)  # fmt: skip
@click.option(
    "--table", type=click.Choice(["plans", "priorities"]), default="plans", show_default=True,
    help="Welke tabel naar stdout of naar een bestand gaat.",
)  # fmt: skip
@click.option("--rulepack", help="Alleen resultaten van deze regelsetversie (standaard: alle).")
@reports_input_errors
def export(db: Path, fmt: str, output: Path | None, table: str, rulepack: str | None) -> None:
    """Exporteer de database: één rij per plan (met alle oordelen) en één rij per prioriteit.

    Export the batch database: one row per plan and one row per priority (CSV or JSON lines).
    """
    from ivpcheck.batch import export as exp
    from ivpcheck.batch.store import connect, guarded
    from ivpcheck.model.errors import writing

    conn = connect(db, create=False)
    try:
        with guarded(db), writing(output or "stdout"):
            if output is None:
                columns, rows = exp.table(conn, table, rulepack)
                exp.write_table(sys.stdout, fmt, columns, rows)  # type: ignore[arg-type]
            elif output.suffix.lower() in (".csv", ".jsonl", ".json"):
                columns, rows = exp.table(conn, table, rulepack)
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8", newline="") as handle:
                    exp.write_table(handle, fmt, columns, rows)  # type: ignore[arg-type]
                click.echo(f"{len(rows)} rijen naar {output}", err=True)
            else:
                for name, path in exp.export_dir(conn, output, fmt, rulepack).items():  # type: ignore[arg-type]
                    click.echo(f"{name}: {path}", err=True)
    finally:
        conn.close()


@click.command("analyse", context_settings=CONTEXT)
@DB_OPTION
@click.option(
    "-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, help="Uitvoermap."
)
@click.option("--rulepack", help="Regelsetversie om te analyseren (standaard: de laatst gebruikte).")
@reports_input_errors
def analyse(db: Path, output: Path, rulepack: str | None) -> None:
    """Landelijke analyse: prioriteiten per veiligheidsveld, thema's, gezamenlijke plannen, scores en
    ontbrekende criteria, uitgesplitst naar G4/G40/P10/overig en provincie (Markdown, HTML, CSV, PNG).

    National analysis of the scored plans in the database.
    """
    import matplotlib

    matplotlib.use("Agg")
    from ivpcheck.batch.analyse import analyse as run_analysis
    from ivpcheck.batch.analysis_report import write_report
    from ivpcheck.batch.store import connect, guarded, latest_rulepack
    from ivpcheck.model.errors import UsageError, writing

    conn = connect(db, create=False)
    try:
        with guarded(db):
            version = rulepack or latest_rulepack(conn)
            if version is None:
                raise UsageError(str(db), "de database is leeg / the database is empty")
            result = run_analysis(conn, version)
    finally:
        conn.close()
    with writing(output):
        written = write_report(result, output)
    click.echo(f"{len(result.plans)} plannen geanalyseerd (regelset {version})")
    for path in written.values():
        click.echo(f"  {path}")


@click.command("merge", context_settings=CONTEXT)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.argument(
    "inputs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@reports_input_errors
def merge(out: Path, inputs: tuple[Path, ...]) -> None:
    """Voeg batchdatabases samen (bijv. van --shard-runs op meerdere machines) in OUT, zonder dubbelen.

    Merge batch databases into OUT; for a file in several, the newest result wins.
    """
    from ivpcheck.batch.store import connect, counts, guarded
    from ivpcheck.batch.store import merge as merge_dbs

    if any(path.resolve() == out.resolve() for path in inputs if out.exists()):
        from ivpcheck.model.errors import UsageError

        raise UsageError(str(out), "OUT mag niet ook een invoer zijn / OUT must not be an input")
    added = merge_dbs(out, list(inputs))
    for source, count in added.items():
        click.echo(f"{source}: {count} resultaten overgenomen")
    conn = connect(out, create=False)
    try:
        with guarded(out):
            total = sum(counts(conn).values())
    finally:
        conn.close()
    click.echo(f"{out}: {total} resultaten")
