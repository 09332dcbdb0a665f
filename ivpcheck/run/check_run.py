"""One `check` run over several files: configuration per file, waivers, one bad file never stops the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ivpcheck.model.errors import InternalError, IvpcheckError, NotAnIvpError, UsageError, writing
from ivpcheck.model.report import Report
from ivpcheck.run.config import CliOptions, RunConfig, build_run_config, config_path_for

if TYPE_CHECKING:
    from ivpcheck.model.settings import Settings
    from ivpcheck.run.isolated import CheckPool
    from ivpcheck.run.review import Review
    from ivpcheck.run.waivers import WaiverSource


@dataclass
class CheckRun:
    """One `check` invocation over several files: config per file, isolation of bad files."""

    options: CliOptions
    echo: Callable[[str, bool], None]  # (text, to_stderr): how the run talks to its user
    output: Path | None = None
    statistics: bool = False
    color: bool = False
    show_evidence: bool = False  # the terminal report lists where the criteria that are met were found
    timeout: float = 300.0  # seconds per file
    memory_limit_mb: int = 0  # address space of the worker that checks (0: no limit)
    worst: int = 0
    _printed: bool = False
    _configs: dict[Path | None, RunConfig] = field(default_factory=dict)
    _written: set[Path] = field(default_factory=set)
    _waiver_sources: dict[Path | None, WaiverSource] = field(default_factory=dict)
    _pool: CheckPool | None = None
    shown_as: dict[Path, str] = field(default_factory=dict)  # a file's name for the user (stdin: '-')
    _as_array: bool = False  # --format json over several files to standard output: one array
    _records: list[str] = field(default_factory=list)  # its items, reports and error records

    def run(self, files: list[Path]) -> int:
        """Check every file; return the worst exit code."""
        from ivpcheck.render import BINARY_FORMATS
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
        binary = next((c.format for c in configs if c.format in BINARY_FORMATS), None)
        if self.output is None and not self.statistics and binary:
            raise UsageError(
                f"--format {binary}",
                "een Word-brief vraagt -o BESTAND of MAP / a Word letter needs -o FILE or DIR",
            )
        if to_dir:
            assert self.output is not None
            with writing(self.output):  # an unwritable output stops the run (OutputError, exit 20)
                self.output.mkdir(parents=True, exist_ok=True)
        self._as_array = len(files) > 1 and configs[0].format == "json" and self.output is None
        try:
            for path, run in zip(files, configs, strict=True):
                report = self._check_one(path, run)
                if report is None:
                    stats.errors += 1
                    continue
                stats.add(report)
                self._emit(report, run, path, to_dir)
        finally:
            self.close()
        if self._as_array and not self.statistics:
            self.echo("[\n" + ",\n".join(self._records) + "\n]", False)
        if self.statistics:
            from ivpcheck.render.statistics import render_statistics

            run = configs[0]
            fmt = run.format if run.format in ("json", "markdown") else "terminal"
            self.echo(
                render_statistics(stats, fmt, run.settings.language, color=self.color).rstrip("\n"), False
            )
        return self.worst

    def _config_for(self, path: Path) -> RunConfig:
        key = config_path_for(self.options, path)
        if key not in self._configs:
            self._configs[key] = build_run_config(self.options, key)
        return self._configs[key]

    def _fail(self, code: int) -> None:
        self.worst = max(self.worst, code)

    def close(self) -> None:
        """Stop the worker that checks the files (the run calls this itself; `report_for` users do)."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def report_for(self, path: Path) -> Report | None:
        """One file's report with its configuration, waivers and review, without printing it
        (None after its one-line error; an unscored report when it is not an IVP)."""
        return self._check_one(path, self._config_for(path))

    def _check_one(self, path: Path, run: RunConfig) -> Report | None:
        """The report for one file, or None after reporting its one-line error."""
        from ivpcheck.run.isolated import CheckPool
        from ivpcheck.run.pipeline import pack_for

        try:
            settings = run.settings.model_copy(update={"waivers": self._waivers(path, run)})
            settings = settings.model_copy(update={"review": self._review(path, run, settings)})
            pack_for(settings)  # rule-pack errors surface here, and the worker forks with the pack loaded
            if self._pool is None:
                self._pool = CheckPool(self.timeout, self.memory_limit_mb)
            outcome = self._pool.check(path, settings)
            if outcome.error is not None:
                raise outcome.error
            report, internal = outcome.report, outcome.internal
        except UsageError:
            raise  # a broken rule pack, setting, waiver or review file stops the run (exit 2)
        except IvpcheckError as error:
            self._error(error, path, run)
            return None
        except Exception as error:  # one broken file never stops the others
            report, internal = None, f"{type(error).__name__}: {error}"
        if report is None:
            self._error(InternalError(str(path), internal), path, run)
            return None
        if path in self.shown_as:
            report.input.path = self.shown_as[path]
        if not report.scored and not settings.force:
            self.echo(f"ivpcheck: {NotAnIvpError(self.shown_as.get(path, str(path))).one_line()}", True)
            self._fail(NotAnIvpError.exit_code)
        elif run.fail_under is not None and report.scored:
            from ivpcheck.render.view import display_score

            total = display_score(report.total)
            if total is None or total < run.fail_under:
                self._fail(1)
        return report

    def _error(self, error: IvpcheckError, path: Path, run: RunConfig) -> None:
        """A file that could not be checked: its one line on stderr, and a record in JSON output."""
        error.path = self.shown_as.get(path, error.path)
        self.echo(f"ivpcheck: {error.one_line()}", True)
        self._fail(error.exit_code)
        if run.format not in ("json", "jsonl") or self.output is not None or self.statistics:
            return
        record = error_record(error)
        if self._as_array:
            self._records.append(record)
        elif run.format == "jsonl":
            self.echo(record, False)

    def _waivers(self, path: Path, run: RunConfig) -> dict[str, str]:
        """The plan's waivers: from the run's waiver file, else its sidecar (as `ivpcheck batch`)."""
        from ivpcheck.run.pipeline import base_pack_for
        from ivpcheck.run.waivers import WaiverSource

        if not path.is_file():
            return {}
        if run.waivers_path not in self._waiver_sources:
            pack = base_pack_for(run.settings)
            self._waiver_sources[run.waivers_path] = WaiverSource(run.waivers_path, pack)
        return self._waiver_sources[run.waivers_path].for_plan(path)

    def _review(self, path: Path, run: RunConfig, settings: Settings) -> Review:
        """The advisor's review of the plan: --review FILE, else `<plan>.review.yaml` beside it."""
        from ivpcheck.run.pipeline import pack_for
        from ivpcheck.run.review import load_review_file, review_path_for

        review_path = review_path_for(path, run.review_path)
        if review_path is None:
            return {}
        every_rule = pack_for(settings.model_copy(update={"select": [], "ignore": []}))
        return load_review_file(review_path, {rule.id.upper() for rule in every_rule.rules})

    def _emit(self, report: Report, run: RunConfig, path: Path, to_dir: bool) -> None:
        from ivpcheck.render import FORMATS, render, render_bytes

        fmt = run.format
        if self.output is None:
            if self.statistics:
                return
            text = render(
                report, fmt, run.settings.language, color=self.color, show_evidence=self.show_evidence
            )
            if self._as_array:
                self._records.append(text)
                return
            if self._printed and fmt not in ("json", "jsonl", "concise"):  # one document, or one line each
                self.echo("", False)
            self.echo(text.rstrip("\n"), False)
            self._printed = True
            return
        target = self._target(path, FORMATS[fmt]) if to_dir else self.output
        data = render_bytes(report, fmt, run.settings.language, self.show_evidence)
        with writing(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

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


def error_record(error: IvpcheckError) -> str:
    """A file that could not be checked, as one JSON object beside the reports (see the README)."""
    import json

    return json.dumps(
        {
            "file": error.path,
            "error": {"exit_code": error.exit_code, "category": error.category, "message": error.one_line()},
        },
        ensure_ascii=False,
    )
