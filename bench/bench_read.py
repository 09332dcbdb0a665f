"""Benchmark: ivpcheck's PDFium reader (full Document) against pdfplumber's own extract_text().

Each reader runs in its own subprocess over the same PDFs, so peak memory (ru_maxrss) is its own.
One untimed warm-up pass loads libraries and dictionaries; then every file is read `--repeat`
times. Prints pages/s (wall-clock and CPU time), peak RSS and the speed ratio against pdfplumber.

    python bench/bench_read.py                      # corpus/build/pdf/*.pdf
    python bench/bench_read.py --variants --repeat 3
    python bench/bench_read.py path/to/a.pdf path/to/b.pdf
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
READERS = {
    "ivpcheck-pdfium": "ivpcheck read_pdf (pypdfium2) -> Document",
    "ivpcheck-pdfplumber": "ivpcheck read_pdf_plumber -> Document",
    "pdfplumber-text": "pdfplumber page.extract_text()",
}
BASELINE = "pdfplumber-text"


def _ivpcheck_reader(name: str):
    """A function path -> page count running one of ivpcheck's PDF readers."""
    sys.path.insert(0, str(REPO))
    if name == "ivpcheck-pdfium":
        from ivpcheck.read.pdf import read_pdf as reader
    else:
        from ivpcheck.read.pdf_plumber import read_pdf_plumber as reader

    def run(path: Path) -> int:
        data = path.read_bytes()
        return reader(path, data, hashlib.sha256(data).hexdigest()).meta.page_count

    return run


def _plumber_text(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            try:
                page.extract_text()
            finally:
                page.close()
        return len(pdf.pages)


def worker(name: str, files: list[Path], repeat: int) -> dict:
    """Time one reader over the files (after a warm-up) and report pages, seconds and peak RSS."""
    run = _plumber_text if name == BASELINE else _ivpcheck_reader(name)
    run(files[0])  # warm-up: imports, font caches, the hyphenation dictionary
    pages = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for path in files:
            pages += run(path)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"reader": name, "pages": pages, "seconds": seconds, "cpu": cpu, "peak_mib": peak_kib / 1024}


def _run_worker(name: str, files: list[Path], repeat: int) -> dict:
    cmd = [sys.executable, __file__, "--worker", name, "--repeat", str(repeat), *map(str, files)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", type=Path, help="PDFs (default: the built corpus)")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "build")
    parser.add_argument("--variants", action="store_true", help="also the layout variants")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--worker", choices=sorted(READERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    files = args.files or sorted((args.corpus / "pdf").glob("*.pdf"))
    if args.variants and not args.files:
        files += sorted((args.corpus / "pdf-variants").glob("*.pdf"))
    if not files:
        sys.exit(f"no PDFs found: build the corpus first (python corpus/build.py --out {args.corpus})")
    if args.worker:
        print(json.dumps(worker(args.worker, files, args.repeat)))
        return
    results = {name: _run_worker(name, files, args.repeat) for name in READERS}
    base = results[BASELINE]
    print(f"{len(files)} PDFs, {base['pages'] // args.repeat} pages, repeat {args.repeat}")
    print("pages/s on wall-clock time and on CPU time (CPU is fairer on a busy machine)\n")
    header = ("reader", "seconds", "pages/s", "CPU s", "pages/s CPU", "peak RSS MiB", "x pdfplumber (CPU)")
    line = "{:<42} {:>8} {:>8} {:>8} {:>12} {:>13} {:>19}"
    print(line.format(*header))
    for name, label in READERS.items():
        r = results[name]
        speedup = (r["pages"] / r["cpu"]) / (base["pages"] / base["cpu"])
        wall_speedup = (r["pages"] / r["seconds"]) / (base["pages"] / base["seconds"])
        row = (
            label,
            f"{r['seconds']:.2f}",
            f"{r['pages'] / r['seconds']:.1f}",
            f"{r['cpu']:.2f}",
            f"{r['pages'] / r['cpu']:.1f}",
            f"{r['peak_mib']:.1f}",
            f"{speedup:.1f}x ({wall_speedup:.1f}x wall)",
        )
        print(line.format(*row))


if __name__ == "__main__":
    main()
