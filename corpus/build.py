"""Deterministic corpus builder: corpus/sources/*.md -> PDF (layouts), DOCX, HTML, bad inputs, manifest.

    python corpus/build.py --out corpus/build [--only ID ...] [--variants] [--jobs N] [--sources DIR]

Writes pdf/<id>.pdf, docx/<id>.docx, html/<id>.html, bad/*, pdf-variants/<id>--<layout>.pdf
(with --variants), scans/<id>-<dpi>.pdf (image-only scans for OCR) and manifest.json. Same inputs
give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from builder.bad_inputs import build_bad  # noqa: E402
from builder.docx_writer import build_docx  # noqa: E402
from builder.html_writer import build_html  # noqa: E402
from builder.manifest import fingerprint, write_manifest  # noqa: E402
from builder.pdf_writer import build_pdf  # noqa: E402
from builder.scans import build_scans  # noqa: E402
from builder.source import LAYOUTS, Source, load_sources, parse_file  # noqa: E402

SOURCES = HERE / "sources"
OUTPUT_DIRS = ("pdf", "docx", "html", "bad", "pdf-variants", "scans")
BAD_PLAN = "amersfoort-2024"

Job = tuple[str, str, str | None, str]  # (source path, format, layout, relative output path)


def plan_jobs(sources: list[Source], variants: bool) -> list[Job]:
    """Every file to build, in manifest order."""
    jobs: list[Job] = []
    for s in sources:
        jobs.append((str(s.path), "pdf", s.layout, f"pdf/{s.id}.pdf"))
        if "docx" in s.formats:
            jobs.append((str(s.path), "docx", None, f"docx/{s.id}.docx"))
        if "html" in s.formats:
            jobs.append((str(s.path), "html", None, f"html/{s.id}.html"))
    if variants:
        for s in sources:
            if s.doc_type == "ivp":
                jobs += [(str(s.path), "pdf", lay, variant_path(s.id, lay)) for lay in LAYOUTS]
    return jobs


def variant_path(source_id: str, layout: str) -> str:
    return f"pdf-variants/{source_id}--{layout}.pdf"


def copy_entry(entry: dict, rel: str, out_dir: Path) -> dict:
    """A variant identical to an already built PDF: copy the file, reuse its record."""
    shutil.copyfile(out_dir / entry["path"], out_dir / rel)
    return {**entry, "path": rel, "variant": rel.startswith("pdf-variants/")}


def run_job(job: Job, out_dir: str) -> dict:
    """Build one file; return its manifest entry."""
    path, fmt, layout, rel = job
    try:
        source = parse_file(Path(path))
        target = Path(out_dir) / rel
        if fmt == "pdf":
            record = build_pdf(source, layout or source.layout, target)
        elif fmt == "docx":
            record = build_docx(source, target)
        else:
            record = build_html(source, target)
    except Exception as exc:
        raise RuntimeError(f"building {rel} from {path} failed: {exc!r}") from exc
    entry = {
        "id": source.id,
        "format": fmt,
        "layout": layout if fmt == "pdf" else None,
        "path": rel,
        "variant": rel.startswith("pdf-variants/"),
        "doc_type": source.doc_type,
        "title": source.title,
    }
    record.pop("layout", None)
    entry.update(record)
    return entry


def build(
    out_dir: Path,
    only: list[str] | None = None,
    variants: bool = False,
    jobs: int = 0,
    sources_dir: Path = SOURCES,
) -> dict:
    """Build the corpus into `out_dir`; return a summary (file count, seconds, manifest path)."""
    start = time.perf_counter()
    sources = load_sources(sources_dir, only)
    if not sources:
        raise SystemExit(f"no sources in {sources_dir}")
    final_dir = out_dir.resolve()
    out_dir = final_dir.parent / f".{final_dir.name}.staging-{os.getpid()}"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    try:
        manifest = _build_into(out_dir, sources, only, variants, jobs, sources_dir)
        publish(out_dir, final_dir)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    return {
        "files": len(manifest["files"]),
        "seconds": round(time.perf_counter() - start, 2),
        "manifest": final_dir / "manifest.json",
    }


def publish(staging: Path, final_dir: Path) -> None:
    """Swap the finished build into place, so readers never see a half-built corpus."""
    ours = {*OUTPUT_DIRS, "manifest.json"}
    if final_dir.exists() and set(os.listdir(final_dir)) - ours:  # foreign files: replace ours only
        for name in sorted(ours):
            target = final_dir / name
            if target.is_dir():
                shutil.rmtree(target)
            else:
                target.unlink(missing_ok=True)
            if (staging / name).exists():
                os.replace(staging / name, target)
        return
    trash = final_dir.parent / f".{final_dir.name}.old-{os.getpid()}"
    if final_dir.exists():
        os.replace(final_dir, trash)
    os.replace(staging, final_dir)
    shutil.rmtree(trash, ignore_errors=True)


def _build_into(
    out_dir: Path, sources: list[Source], only: list[str] | None, variants: bool, jobs: int, sources_dir: Path
) -> dict:
    """Build every file into the (empty) `out_dir` and write its manifest; return the manifest."""
    fp = fingerprint(sources_dir, only, variants)  # before building: a source edited meanwhile is stale
    planned = plan_jobs(sources, variants)
    main_pdfs = {(src, lay): rel for src, fmt, lay, rel in planned if fmt == "pdf" and rel.startswith("pdf/")}
    copies = {
        i: main_pdfs[(job[0], job[2])]
        for i, job in enumerate(planned)
        if job[3].startswith("pdf-variants/") and (job[0], job[2]) in main_pdfs
    }
    todo = [job for i, job in enumerate(planned) if i not in copies]
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers > 1 and len(todo) > 4:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            built = list(pool.map(run_job, todo, [str(out_dir)] * len(todo)))
    else:
        built = [run_job(job, str(out_dir)) for job in todo]
    by_path = {entry["path"]: entry for entry in built}
    if copies:
        (out_dir / "pdf-variants").mkdir(exist_ok=True)
    files = [
        copy_entry(by_path[copies[i]], job[3], out_dir) if i in copies else by_path[job[3]]
        for i, job in enumerate(planned)
    ]

    plan = next((s for s in sources if s.id == BAD_PLAN), None)
    plan = plan or next((s for s in sources if s.doc_type == "ivp"), sources[0])
    plan_pdf = by_path[f"pdf/{plan.id}.pdf"]
    files += build_bad(plan, out_dir / plan_pdf["path"], out_dir, plan_pdf["body_start_page"])

    plan_pdfs = {s.id: out_dir / f"pdf/{s.id}.pdf" for s in sources}
    scans = build_scans(plan_pdfs, out_dir / "scans")
    write_manifest(out_dir, files, scans, fp=fp, sources_dir=sources_dir, variants=variants, only=only)
    return {"files": files}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "build", help="output directory")
    parser.add_argument("--only", nargs="+", metavar="ID", help="build only these source ids")
    parser.add_argument("--variants", action="store_true", help="also every IVP in every PDF layout")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (default: CPU count)")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="source directory (corpus/sources)")
    args = parser.parse_args(argv)
    summary = build(args.out, args.only, args.variants, args.jobs, args.sources)
    print(f"built {summary['files']} files in {summary['seconds']} s -> {summary['manifest']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
