"""Benchmark of `ivpcheck batch`: throughput with 1 and with N worker processes.

    python bench/bench_batch.py [--files 200] [--workers 1 2] [--json bench/results/batch.json]
                                [--analyse bench/results/batch-analyse]

Inputs are real, distinct plans: the corpus' IVP sources rendered by the corpus builder in every
layout, each copy rewritten for another municipality (name in title, cover and text), so every
file has its own bytes, its own profile and a realistic page count. They are built once into
bench/results/batch-inputs/ (reused while the sources are unchanged). Each worker count runs the
real `ivpcheck batch` in a fresh database. Not a timed test: it prints a table and, with --json,
writes the figures.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
RESULTS = ROOT / "bench" / "results"
LAYOUTS = ("classic", "modern", "twocolumn", "compact", "plain")
IVPCHECK = [sys.executable, "-c", "import sys; from ivpcheck.cli import main; sys.exit(main())"]
MUNICIPALITIES_NL = 342
PERIODS = 3


def ivp_sources() -> list[Path]:
    """Corpus sources of single-municipality IVPs (their name can be swapped for another's)."""
    out = []
    for path in sorted((CORPUS / "sources").glob("*.md")):
        gold = CORPUS / "gold" / f"{path.stem}.profile.yaml"
        text = path.read_text(encoding="utf-8")
        if "doc_type: ivp" in text and gold.exists() and "joint: false" in gold.read_text(encoding="utf-8"):
            out.append(path)
    return out


def own_name(source: Path) -> str:
    """The municipality the source is written for (from its gold profile)."""
    gold = (CORPUS / "gold" / f"{source.stem}.profile.yaml").read_text(encoding="utf-8")
    match = re.search(r"^municipalities:\s*\[([^\],]+)\]", gold, re.MULTILINE)
    if not match:
        raise SystemExit(f"no municipality in the gold profile of {source.stem}")
    return match.group(1).strip().strip("'\"")


def other_names(seed: int) -> list[str]:
    """Every municipality name from ivpcheck's list, shuffled deterministically."""
    lines = (ROOT / "ivpcheck" / "data" / "municipalities.csv").read_text(encoding="utf-8").splitlines()
    rows = csv.DictReader(line for line in lines if not line.startswith("#"))
    names = [row["name"] for row in rows if row["name"] and not set("'\"") & set(row["name"])]
    random.Random(seed).shuffle(names)
    return names


def build_inputs(count: int, folder: Path) -> list[Path]:
    """`count` distinct plan PDFs in `folder` (built once; reused while sources and count are the same)."""
    sources = ivp_sources()
    stamp = hashlib.sha256(b"".join(p.read_bytes() for p in sources) + str(count).encode()).hexdigest()[:16]
    marker = folder / f".built-{stamp}"
    if marker.exists():
        return sorted(folder.glob("*.pdf"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob(".built-*"):
        stale.unlink()
    sys.path.insert(0, str(CORPUS))
    from builder.pdf_writer import build_pdf  # type: ignore[import-not-found]
    from builder.source import parse_text  # type: ignore[import-not-found]

    names = other_names(seed=2024)
    jobs = []
    for index in range(count):
        source = sources[index % len(sources)]
        layout = LAYOUTS[(index // len(sources)) % len(LAYOUTS)]
        new = names[index % len(names)]
        slug = re.sub(r"[^a-z0-9]+", "-", new.lower()).strip("-")
        jobs.append((folder / f"{index:04d}-{slug}-{source.stem}-{layout}.pdf", index, source, layout, new))
    for stale in set(folder.glob("*.pdf")) - {job[0] for job in jobs}:
        stale.unlink()
    started = time.monotonic()
    for target, index, source, layout, new in jobs:
        if target.exists():  # left by an interrupted build (the builder is deterministic)
            continue
        text = re.sub(rf"\b{re.escape(own_name(source))}\b", new, source.read_text(encoding="utf-8"))
        text = re.sub(r"^id: .*$", f"id: bench-{index:04d}", text, count=1, flags=re.MULTILINE)
        build_pdf(parse_text(text), layout, target)
        if index % 25 == 24:
            print(f"  {index + 1}/{count} plannen gebouwd ({time.monotonic() - started:.0f} s)", flush=True)
    marker.touch()
    return sorted(folder.glob("*.pdf"))


def page_count(pdf: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def run(inputs: Path, workers: int, db: Path) -> dict:
    """One `ivpcheck batch` in a fresh database: wall time from process start to exit, the workers'
    CPU time per file (from the database), and the machine's load average during the run."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [*IVPCHECK, "batch", str(inputs), "--db", str(db), "-j", str(workers), "--no-progress"]
    cmd += ["--check-date", "2025-06-01"]
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    result = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - started
    load_after = os.getloadavg()[0]
    if result.returncode != 0:
        raise SystemExit(f"batch failed:\n{result.stdout}\n{result.stderr}")
    inside = float(re.search(r"na ([\d,]+) s", result.stdout).group(1).replace(",", "."))
    scored = int(re.search(r"getoetst als IVP:\s+(\d+)", result.stdout).group(1))
    conn = sqlite3.connect(db)
    cpu, busy = conn.execute("SELECT sum(cpu_s), sum(duration_s) FROM results").fetchone()
    conn.close()
    return {
        "workers": workers,
        "wall_s": round(wall, 1),
        "run_s": round(inside, 1),
        "scored": scored,
        "worker_cpu_s": round(cpu, 1),
        "worker_busy_s": round(busy, 1),
        "load_avg_1min": [round(load_before, 2), round(load_after, 2)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--inputs", type=Path, default=RESULTS / "batch-inputs")
    parser.add_argument("--analyse", type=Path, help="also write `ivpcheck analyse` of the last run here")
    args = parser.parse_args()

    print(f"Invoer: {args.files} verschillende plannen in {args.inputs}")
    files = build_inputs(args.files, args.inputs)
    pages = sum(page_count(p) for p in files)
    print(f"  {len(files)} PDF's, {pages} pagina's (gemiddeld {pages / len(files):.1f})")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for workers in args.workers:
            db = Path(tmp) / f"bench-{workers}.sqlite"
            row = run(args.inputs, workers, db)
            row["files_per_s"] = round(len(files) / row["wall_s"], 3)
            row["pages_per_s"] = round(pages / row["wall_s"], 2)
            row["plans_per_hour"] = round(3600 * len(files) / row["wall_s"])
            rows.append(row)
            print(f"  {workers} werkproces(sen): {row['wall_s']} s", flush=True)
        if args.analyse:
            subprocess.run([*IVPCHECK, "analyse", "--db", str(db), "-o", str(args.analyse)], check=True)
    base = rows[0]["wall_s"]
    for row in rows:
        row["speedup"] = round(base / row["wall_s"], 2)
        row["cpu_s_per_file"] = round(row["worker_cpu_s"] / len(files), 3)
        # pool utilisation: time the workers spent on files over worker-seconds of the run (1.0 = never idle)
        row["busy_share"] = round(row["worker_busy_s"] / (row["workers"] * row["run_s"]), 2)
        # CPU the workers got over worker-seconds of the run (1.0 = every worker had a whole core)
        row["cpu_share"] = round(row["worker_cpu_s"] / (row["workers"] * row["run_s"]), 2)
    national = MUNICIPALITIES_NL * PERIODS
    print("\nbusy = tijd dat de werkprocessen aan een bestand werkten / (werkprocessen x looptijd);")
    print("CPU = CPU-tijd die ze kregen / (werkprocessen x looptijd); load = 1-min load average voor/na.")
    header = (
        "workers",
        "wall s",
        "files/s",
        "pages/s",
        "plans/h",
        "speed-up",
        "CPU s/file",
        "busy",
        "CPU",
        "load",
    )
    print(" ".join(f"{h:>10}" for h in header))
    for row in rows:
        cells = [
            row[k] for k in ("workers", "wall_s", "files_per_s", "pages_per_s", "plans_per_hour", "speedup")
        ]
        cells += [row["cpu_s_per_file"], row["busy_share"], row["cpu_share"]]
        cells.append("/".join(map(str, row["load_avg_1min"])))
        print(" ".join(f"{c!s:>10}" for c in cells))
    cpu_per_file = rows[0]["worker_cpu_s"] / len(files)
    cpu_per_page_ms = 1000 * rows[0]["worker_cpu_s"] / pages
    print(
        f"\nCPU-tijd per plan: {cpu_per_file:.2f} s ({cpu_per_page_ms:.0f} ms per pagina);"
        f" op een vrije machine met k kernen dus ongeveer k x {3600 / cpu_per_file:.0f} plannen per uur."
    )
    print(
        f"Alle {MUNICIPALITIES_NL} gemeenten x {PERIODS} perioden = {national} plannen:"
        f" {national * cpu_per_file / 60:.0f} CPU-minuten."
    )
    record = {
        "files": len(files),
        "pages": pages,
        "cpus": os.cpu_count(),
        "cpu_s_per_file": round(cpu_per_file, 3),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "runs": rows,
        "national_plans": national,
        "national_cpu_minutes": round(national * cpu_per_file / 60, 1),
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(record, indent=2), encoding="utf-8")
        print(f"-> {args.json}")


if __name__ == "__main__":
    main()
