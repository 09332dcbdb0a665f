"""End-to-end benchmark of `ivpcheck check`, pdfium reader versus pdfplumber reader.

    python bench/bench_check.py [--repeat 7] [--pages 40] [--json bench/results/check.json]

- cold: wall time of `ivpcheck check FILE --format json` in a fresh process (interpreter start,
  imports, reading, profiling, judging, rendering) on a plan of at least --pages pages: the largest
  corpus PDF, or one built by concatenating the corpus' IVP sources when none is long enough. The
  package's bytecode is compiled first (as `pip install` does for a regular install) and the user
  data cache (`ivpcheck.text.cache`) is filled by a first run, whose time is reported separately as
  "first run" (empty cache);
- warm: pages per second over every corpus PDF in one process (pipeline already loaded).
Not a timed test: it prints a table and, with --json, writes the figures.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
BUILD = CORPUS / "build"
READERS = ("pdfium", "pdfplumber")


def page_count(pdf: Path) -> int:
    """Number of pages of a PDF."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def ensure_corpus() -> list[Path]:
    """The built corpus PDFs (building the corpus when needed)."""
    if not (BUILD / "pdf").is_dir() or not any((BUILD / "pdf").glob("*.pdf")):
        subprocess.run([sys.executable, str(CORPUS / "build.py"), "--out", str(BUILD)], check=True)
    return sorted((BUILD / "pdf").glob("*.pdf"))


def _split_front_matter(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def long_plan(pdfs: list[Path], min_pages: int, workdir: Path) -> Path:
    """The largest corpus PDF if it has `min_pages`, else a plan built from concatenated sources."""
    largest = max(pdfs, key=page_count)
    if page_count(largest) >= min_pages:
        return largest
    sys.path.insert(0, str(CORPUS))
    from builder.pdf_writer import build_pdf  # type: ignore[import-not-found]
    from builder.source import parse_file  # type: ignore[import-not-found]

    sources = sorted((CORPUS / "sources").glob("*.md"), key=lambda p: p.stat().st_size, reverse=True)
    ivps = [p for p in sources if "doc_type: ivp" in p.read_text(encoding="utf-8")] or sources
    front, _ = _split_front_matter(ivps[0].read_text(encoding="utf-8"))
    front = "\n".join(line for line in front.splitlines() if not line.startswith("id:"))
    bodies = [_split_front_matter(p.read_text(encoding="utf-8"))[1] for p in ivps]
    target = workdir / "bench-long-plan.pdf"
    parts: list[str] = []
    for count in range(1, 40):
        parts.append(bodies[(count - 1) % len(bodies)])
        src = workdir / "bench-long-plan.md"
        body = "\n\n::: pagebreak\n\n".join(parts)
        src.write_text(f"---\nid: bench-long-plan\n{front}\n---\n{body}", encoding="utf-8")
        source = parse_file(src)
        build_pdf(source, source.layout, target)
        if page_count(target) >= min_pages:
            break
    return target


def cli_command() -> list[str]:
    """How to start the ivpcheck command line in a fresh process: the console script next to this
    interpreter (not a version manager's shim on PATH, which adds its own start-up), else -m."""
    script = Path(sys.executable).parent / "ivpcheck"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "ivpcheck"]


def run_check(pdf: Path, reader: str, env: dict[str, str] | None = None) -> float:
    """Wall time of one `check --format json` process."""
    start = time.perf_counter()
    done = subprocess.run(
        [*cli_command(), "check", str(pdf), "--format", "json", "--reader", reader],
        capture_output=True,
        cwd=ROOT,
        env=env,
    )
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"check failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds


def first_run(pdf: Path, reader: str) -> float:
    """Wall time of a check with an empty user data cache (the first run after installing)."""
    with tempfile.TemporaryDirectory() as cache:
        return run_check(pdf, reader, {**os.environ, "IVPCHECK_CACHE_DIR": cache})


def cold(pdf: Path, reader: str, repeat: int) -> tuple[float, float]:
    """Median and best wall time of one `check --format json` process (data cache filled)."""
    run_check(pdf, reader)
    times = [run_check(pdf, reader) for _ in range(repeat)]
    return statistics.median(times), min(times)


PHASES_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
from ivpcheck.cli import check_cmd  # noqa: F401  (what `ivpcheck check` imports first)
from ivpcheck.judge.engine import judge
from ivpcheck.run.pipeline import pack_for
from ivpcheck.profile import build_profile
from ivpcheck.read import read_document
from ivpcheck.render.json import render_json
from ivpcheck.model.settings import Settings
t1 = time.perf_counter()
settings = Settings(reader=sys.argv[2])
pack = pack_for(settings); t2 = time.perf_counter()
doc = read_document(sys.argv[1], settings.reader); t3 = time.perf_counter()
profile = build_profile(doc); t4 = time.perf_counter()
report = judge(doc, profile, pack, settings); t5 = time.perf_counter()
render_json(report); t6 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "rules": t2 - t1, "read": t3 - t2, "profile": t4 - t3,
                  "judge": t5 - t4, "render": t6 - t5}))
"""


def phases(pdf: Path, reader: str) -> dict[str, float]:
    """Where a cold run spends its time, measured in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PHASES_SCRIPT, str(pdf), reader],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def warm(pdfs: list[Path], reader: str, repeat: int) -> tuple[float, int, float]:
    """Pages per second over `pdfs` in this process, after one warm-up pass."""
    from ivpcheck.model.settings import Settings
    from ivpcheck.render.json import render_json
    from ivpcheck.run.pipeline import check_file

    settings = Settings(reader=reader)  # type: ignore[arg-type]
    pages = sum(page_count(p) for p in pdfs)
    for pdf in pdfs:
        render_json(check_file(pdf, settings))
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for pdf in pdfs:
            render_json(check_file(pdf, settings))
        best = min(best, time.perf_counter() - start)
    return pages / best, pages, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pages", type=int, default=40, help="minimum pages of the cold-start plan")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    pdfs = ensure_corpus()
    compileall.compile_dir(str(ROOT / "ivpcheck"), quiet=1)  # what a regular install does
    with tempfile.TemporaryDirectory() as tmp:
        plan = long_plan(pdfs, args.pages, Path(tmp))
        plan_pages = page_count(plan)
        rows = []
        for reader in READERS:
            first = first_run(plan, reader)
            median, best = cold(plan, reader, args.repeat)
            pps, pages, seconds = warm([*pdfs, plan], reader, min(args.repeat, 3))
            row_phases = phases(plan, reader)
            rows.append(
                {
                    "reader": reader,
                    "first_run_s": round(first, 3),
                    "cold_median_s": round(median, 3),
                    "cold_best_s": round(best, 3),
                    "warm_pages_per_s": round(pps, 1),
                    "warm_pages": pages,
                    "warm_s": round(seconds, 3),
                    "cold_phases_s": {k: round(v, 3) for k, v in row_phases.items()},
                }
            )

    print(f"ivpcheck check — cold plan: {plan.name} ({plan_pages} pages); warm set: {len(pdfs) + 1} PDFs")
    print(f"python {platform.python_version()} on {platform.machine()}, repeat={args.repeat}")
    print()
    header = f"{'reader':<11} {'first run':>10} {'cold median':>12} {'cold best':>10} {'warm pages/s':>13}"
    print(header + f" {'warm set':>15}")
    for r in rows:
        warm_set = f"{r['warm_pages']} p in {r['warm_s']:.2f} s"
        print(
            f"{r['reader']:<11} {r['first_run_s']:>8.2f} s {r['cold_median_s']:>10.2f} s "
            f"{r['cold_best_s']:>8.2f} s {r['warm_pages_per_s']:>13.1f} {warm_set:>15}"
        )
    print()
    print("cold run by phase (fresh process, seconds):")
    names = list(rows[0]["cold_phases_s"])
    print(f"{'reader':<11} " + " ".join(f"{n:>8}" for n in names))
    for r in rows:
        print(f"{r['reader']:<11} " + " ".join(f"{r['cold_phases_s'][n]:>8.2f}" for n in names))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"plan_pages": plan_pages, "rows": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
