"""Benchmark: OCR pages per second when reading the corpus's scanned PDFs (corpus/build/scans/).

Each scan is read `--repeat` times with `read_document` (render, deskew, Tesseract, structure
pipeline). CPU time counts this process and its children (the Tesseract processes). Prints pages/s
by wall-clock and CPU time, min and median over the runs, and the load average of the machine.

    python bench/bench_ocr.py                # corpus/build/scans/*-150.pdf and *-100.pdf
    python bench/bench_ocr.py --repeat 5 path/to/scan.pdf
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCANS = REPO / "corpus" / "build" / "scans"


def _cpu() -> float:
    """CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(path: Path, repeat: int) -> dict:
    """Pages/s (wall and CPU) of reading one scan `repeat` times."""
    from ivpcheck.read import read_document

    walls, cpus, pages = [], [], 0
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        doc = read_document(path, ocr="auto")
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu() - cpu)
        pages = len(doc.meta.ocr_pages)
    return {"file": path.name, "pages": pages, "wall": walls, "cpu": cpus}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    files = args.files or sorted(p for p in SCANS.glob("*.pdf") if not p.stem.endswith("-text"))
    if not files:
        raise SystemExit("no scans: build the corpus first (python corpus/build.py) or name files")
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    results = [measure(path, args.repeat) for path in files]
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    print(f"{'file':<32} {'pages':>5} {'wall p/s min':>12} {'median':>7} {'CPU p/s min':>12} {'median':>7}")
    for r in results:
        wall = [r["pages"] / t for t in r["wall"]]
        cpu = [r["pages"] / t for t in r["cpu"]]
        print(
            f"{r['file']:<32} {r['pages']:>5} {min(wall):>12.2f} {statistics.median(wall):>7.2f}"
            f" {min(cpu):>12.2f} {statistics.median(cpu):>7.2f}"
        )
    pages = sum(r["pages"] for r in results)
    wall_rates = [pages / sum(run) for run in zip(*(r["wall"] for r in results), strict=True)]
    cpu_rates = [pages / sum(run) for run in zip(*(r["cpu"] for r in results), strict=True)]
    print(
        f"{'all':<32} {pages:>5} {min(wall_rates):>12.2f} {statistics.median(wall_rates):>7.2f}"
        f" {min(cpu_rates):>12.2f} {statistics.median(cpu_rates):>7.2f}"
    )
    print(f"load average before {' '.join(load_before)}, after {' '.join(load_after)}; {os.cpu_count()} CPUs")
    out = REPO / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    summary = {"results": results, "load_before": load_before, "load_after": load_after}
    (out / "bench_ocr.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
