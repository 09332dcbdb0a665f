"""ivpcheck's speed beside its baselines, in one run: CPU and wall time, min and median, peak memory.

    python bench/bench_speed.py [--repeat 5] [--batch-files 40] [--scale 10 100 1000]
                                [--json bench/results/speed.json]

Every figure is measured in fresh processes (CPU time of the process and its children from
`os.wait4`, so a forked check worker counts) on the same files as the baselines:

- cold: `ivpcheck check --format json` of a plan of at least 40 pages (bench_check.long_plan),
  beside `python -c pass`, `pdftotext` (poppler, when installed) and pdfplumber's `extract_text`;
  "first run" is the same check with an empty data cache;
- warm: pages per CPU-second of one process that checks every corpus PDF of every layout
  (corpus/build/pdf and pdf-variants) after loading, beside pdfplumber and pdftotext on those files;
- batch: `ivpcheck batch -j1` and `-j2` over distinct generated plans (bench_batch.build_inputs) and over the
  corpus PDFs of every layout (a few hundred more pages: less of the run is the parent's start-up), each
  at least 3 times: pages/s at the fastest run (the nearest to a quiet machine) and at the median;
- scaling: a cold check of PDFs of 10 to 1,000 pages (corpus plans concatenated), with peak RSS.
The rows of a table are run round by round (each once per round, in turns), so that a slow spell of the
shared machine falls on ivpcheck and its baselines alike. The machine's load average is printed before and
after, and its speed: the CPU time of a fixed pure-Python loop (the same work in every run: a slow period of
a shared machine shows in it, a slower ivpcheck does not). On a shared machine read the ratios.
ivpcheck's bytecode is written first, as installing it does (a checkout that was edited, or is run
with PYTHONDONTWRITEBYTECODE, would otherwise compile its modules in every process: ~0.1 CPU-s).
Not a timed test: it prints tables and, with --json, writes the figures.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import itertools
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_batch import build_inputs  # noqa: E402
from bench_check import ensure_corpus, long_plan, page_count  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
IVPCHECK = [sys.executable, "-m", "ivpcheck"]
PLUMBER = "import sys, pdfplumber\nfor f in sys.argv[1:]:\n    with pdfplumber.open(f) as pdf:\n"
PLUMBER += "        [p.extract_text() for p in pdf.pages]\n"
SPEED_PROBE = "x = 0\nfor i in range(10_000_000):\n    x += i\n"  # fixed work: the machine's own speed
WARM = """
import sys
from ivpcheck.model.settings import Settings
from ivpcheck.render.json import render_json
from ivpcheck.run.pipeline import check_file
import ivpcheck.run.warm  # noqa: F401  (what a batch or web worker loads before its first file)
import resource
settings = Settings(force=True)
usage = resource.getrusage(resource.RUSAGE_SELF)
before = usage.ru_utime + usage.ru_stime
for path in sys.argv[1:]:
    render_json(check_file(path, settings))
usage = resource.getrusage(resource.RUSAGE_SELF)
print(usage.ru_utime + usage.ru_stime - before)
"""


def run_process(cmd: list[str], env: dict[str, str] | None = None) -> dict:
    """CPU seconds (with the children it reaped), wall seconds, peak RSS (MiB) and output of one process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=ROOT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd[:4])} failed: {err.read().decode(errors='replace')[-400:]}")
        return {
            "cpu": usage.ru_utime + usage.ru_stime,
            "wall": wall,
            "rss_mib": usage.ru_maxrss / 1024,
            "stdout": out.read().decode(errors="replace"),
        }


def rounds(rows: dict[str, Callable[[], dict]], repeat: int) -> dict[str, dict]:
    """Each row's summary over `repeat` runs made round by round: every row once per round, so that a slow
    spell of the shared machine falls on all rows alike instead of on the one that ran during it."""
    runs: dict[str, list[dict]] = {name: [] for name in rows}
    for _ in range(repeat):
        for name, run in rows.items():
            runs[name].append(run())
    return {name: summary(found) for name, found in runs.items()}


def summary(runs: list[dict]) -> dict[str, float]:
    cpu = [r["cpu"] for r in runs]
    wall = [r["wall"] for r in runs]
    return {
        "cpu_min": min(cpu),
        "cpu_median": statistics.median(cpu),
        "wall_min": min(wall),
        "wall_median": statistics.median(wall),
        "rss_mib": max(r["rss_mib"] for r in runs),
        "runs": len(runs),
    }


def first_run(check: list[str]) -> dict:
    """A cold check with an empty per-user data cache."""
    with tempfile.TemporaryDirectory() as cache:
        return run_process(check, {**os.environ, "IVPCHECK_CACHE_DIR": cache})


def pdftotext() -> str | None:
    return shutil.which("pdftotext")


def pdftotext_cmd(files: list[Path]) -> list[str]:
    """One shell process running pdftotext on every file (its CPU time includes them all)."""
    script = 'for f in "$@"; do pdftotext -q "$f" - > /dev/null; done'
    return ["sh", "-c", script, "sh", *map(str, files)]


def process(cmd: list[str]) -> Callable[[], dict]:
    """One run of a command, to be made when called."""
    return lambda: run_process(cmd)


def cold_rows(plan: Path, repeat: int) -> dict[str, dict]:
    check = [*IVPCHECK, "check", str(plan), "--format", "json"]
    run_process(check)  # fills the data cache
    rows = {"python -c pass": process([sys.executable, "-c", "pass"])}
    if pdftotext():
        rows["pdftotext"] = process(pdftotext_cmd([plan]))
    rows["pdfplumber extract_text"] = process([sys.executable, "-c", PLUMBER, str(plan)])
    rows["ivpcheck read --format text"] = process([*IVPCHECK, "read", str(plan), "--format", "text"])
    rows["ivpcheck check (cold)"] = process(check)
    rows["ivpcheck check (first run, empty cache)"] = lambda: first_run(check)
    return rounds(rows, repeat)


def warm_rows(files: list[Path], repeat: int) -> dict[str, dict]:
    """Pages per CPU-second over `files` in one process, ivpcheck after loading, beside the baselines."""

    def warm() -> dict:
        result = run_process([sys.executable, "-c", WARM, *map(str, files)])
        return {**result, "cpu": float(result["stdout"].strip().splitlines()[-1])}

    rows = {
        "ivpcheck check (warm, after loading)": warm,
        "pdfplumber extract_text": process([sys.executable, "-c", PLUMBER, *map(str, files)]),
    }
    if pdftotext():
        rows["pdftotext"] = process(pdftotext_cmd(files))
    return rounds(rows, repeat)


def batch_rows(label: str, inputs: list[Path], repeat: int) -> dict[str, dict]:
    """`batch -j1` and `-j2` over `inputs` (files or folders; files of the same content are checked once),
    `repeat` times each, in turns, in a fresh database: wall pages/s at the fastest and the median run, and
    the workers' CPU time from the database."""
    names = {workers: f"batch -j{workers}, {label}" for workers in (1, 2)}
    counts: dict[str, tuple[int, int]] = {}  # row -> files and pages checked
    with tempfile.TemporaryDirectory() as tmp:
        databases = (Path(tmp) / f"batch-{n}.sqlite" for n in itertools.count())

        def batch(workers: int) -> dict:
            db = next(databases)
            cmd = [*IVPCHECK, "batch", *map(str, inputs), "--db", str(db), "-j", str(workers)]
            result = run_process([*cmd, "--no-progress", "--check-date", "2025-06-01"])
            with sqlite3.connect(db) as conn:  # the pool's workers are not this process's children
                query = "SELECT count(*), sum(pages), sum(cpu_s) FROM results"
                files, pages, cpu = conn.execute(query).fetchone()
            counts[names[workers]] = (files, pages)
            return {**result, "cpu": cpu}

        found = rounds({name: functools.partial(batch, workers) for workers, name in names.items()}, repeat)
    rows: dict[str, dict] = {}
    for name, row in found.items():
        files, pages = counts[name]
        rows[name] = {
            **row,
            "files": files,
            "pages": pages,
            "pages_per_s": pages / row["wall_min"],
            "pages_per_s_median": pages / row["wall_median"],
            "pages_per_cpu_s": pages / row["cpu_median"],
        }
    return rows


def scaled_plan(pages: int, sources: list[Path], folder: Path) -> Path:
    """A PDF of `pages` pages: the corpus PDFs concatenated (and cut) to that length."""
    import pypdfium2

    target = folder / f"scale-{pages}.pdf"
    out = pypdfium2.PdfDocument.new()
    index = 0
    while len(out) < pages:
        source = pypdfium2.PdfDocument(str(sources[index % len(sources)]))
        take = min(len(source), pages - len(out))
        out.import_pages(source, list(range(take)))
        source.close()
        index += 1
    out.save(str(target))
    out.close()
    return target


def scale_rows(sizes: list[int], sources: list[Path], folder: Path) -> dict[str, dict]:
    rows = {}
    for pages in sizes:
        plan = scaled_plan(pages, sources, folder)
        cmd = [*IVPCHECK, "check", str(plan), "--format", "json", "--force", "--timeout", "3600"]
        result = summary([run_process(cmd)])
        rows[f"{pages} pages"] = {**result, "pages": pages, "pages_per_cpu_s": pages / result["cpu_min"]}
        if pdftotext():
            base = summary([run_process(pdftotext_cmd([plan]))])
            rows[f"{pages} pages"]["pdftotext_cpu"] = base["cpu_min"]
    return rows


def print_table(title: str, rows: dict[str, dict], base: dict[str, float], pages: int = 0) -> None:
    """One table: CPU and wall min and median, peak RSS, pages per CPU-second, ratios to the baselines."""
    print(f"\n{title}")
    head = f"{'':<42} {'CPU min':>8} {'CPU med':>8} {'wall min':>9} {'wall med':>9} {'peak RSS':>9}"
    if pages:
        head += f" {'pages/CPU-s':>12}"
    head += "  " + " ".join(f"{'÷ ' + name:>12}" for name in base)
    print(head)
    for name, row in rows.items():
        line = (
            f"{name:<42} {row['cpu_min']:>7.2f}s {row['cpu_median']:>7.2f}s {row['wall_min']:>8.2f}s "
            f"{row['wall_median']:>8.2f}s {row['rss_mib']:>6.0f} MiB"
        )
        if pages:
            line += f" {pages / row['cpu_median']:>12.1f}"
        line += "  " + " ".join(f"{row['cpu_median'] / value:>11.2f}×" for value in base.values())
        print(line)


def machine_speed() -> float:
    """CPU seconds of a fixed pure-Python loop in a fresh process (the lower the faster the machine)."""
    return min(run_process([sys.executable, "-c", SPEED_PROBE])["cpu"] for _ in range(3))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch-files", type=int, default=40)
    parser.add_argument("--scale", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    compileall.compile_dir(ROOT / "ivpcheck", quiet=1)
    pdfs = ensure_corpus()
    every_layout = [*pdfs, *sorted((ROOT / "corpus" / "build" / "pdf-variants").glob("*.pdf"))]
    load_before, speed_before = os.getloadavg(), machine_speed()
    figures: dict[str, object] = {"python": platform.python_version(), "load_before": load_before}
    with tempfile.TemporaryDirectory() as tmp:
        plan = long_plan(pdfs, 40, Path(tmp))
        plan_pages = page_count(plan)
        cold = cold_rows(plan, args.repeat)
        warm_pages = sum(page_count(p) for p in every_layout)
        warm = warm_rows(every_layout, max(1, args.repeat // 2))
        batch = {}
        if args.batch_files:
            inputs = RESULTS / "speed-batch-inputs"
            build_inputs(args.batch_files, inputs)
            runs = max(3, args.repeat // 2)
            batch = batch_rows("generated plans", [inputs], runs)
            corpus_folders = [ROOT / "corpus" / "build" / "pdf", ROOT / "corpus" / "build" / "pdf-variants"]
            batch |= batch_rows("corpus PDFs of every layout", corpus_folders, runs)
        scale = scale_rows(args.scale, pdfs, Path(tmp))
    load_after, speed_after = os.getloadavg(), machine_speed()
    figures.update(cold=cold, warm=warm, warm_pages=warm_pages, batch=batch, scale=scale)
    figures.update(load_after=load_after, machine_speed=(speed_before, speed_after))

    print(f"ivpcheck speed — python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"load average before {load_before[0]:.2f} / after {load_after[0]:.2f} (1 min)")
    print(f"machine speed: a fixed Python loop {speed_before:.2f} CPU-s before / {speed_after:.2f} after")
    names = ("python -c pass", "pdftotext", "pdfplumber extract_text")
    bases = {k: cold[k]["cpu_median"] for k in names if k in cold}
    print_table(f"Cold, one process per run: {plan.name} ({plan_pages} pages)", cold, bases)
    warm_bases = {k: warm[k]["cpu_median"] for k in names[1:] if k in warm}
    title = f"Warm: {len(every_layout)} corpus PDFs of every layout, {warm_pages} pages"
    print_table(title, warm, warm_bases, warm_pages)
    if batch:
        print("\nBatch (wall pages/s at the fastest / the median run; CPU: the workers' own, from the db)")
        for name, row in batch.items():
            print(
                f"{name}: {row['files']} files, {row['pages']} pages, {row['runs']} runs: "
                f"{row['wall_min']:.1f} / {row['wall_median']:.1f} s wall, "
                f"{row['pages_per_s']:.1f} / {row['pages_per_s_median']:.1f} pages/s, "
                f"{row['pages_per_cpu_s']:.1f} pages/CPU-s (median), peak RSS {row['rss_mib']:.0f} MiB"
            )
    print("\nScaling (cold check, --force)")
    for name, row in scale.items():
        extra = f", pdftotext {row['pdftotext_cpu']:.2f} s" if "pdftotext_cpu" in row else ""
        print(
            f"{name:>11}: {row['cpu_min']:.2f} CPU-s, {row['wall_min']:.2f} s wall, "
            f"{row['pages_per_cpu_s']:.1f} pages/CPU-s, peak RSS {row['rss_mib']:.0f} MiB{extra}"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
