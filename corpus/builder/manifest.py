"""The manifest (`manifest.json`): what was built, and the fingerprint of the inputs.

`files` lists every built file. All entries: id (source id; for bad/* the file stem), format
(pdf|docx|html|odt), layout (PDFs only), path (relative to the output dir), variant, doc_type, title.
Built PDFs add the renderer's record: pages, headings [{level, text, page}] (page = physical 1-based
page where the heading was placed), cover_page, decision_pages, toc_pages, body_start_page,
twocolumn_pages, colophon_page, footnotes [{number, page}], running_header, header_pages, footer,
cover, toc, outline, tagged, hyphenated, encrypted. DOCX/HTML entries have headings with page null.
bad/* entries add: bad (the problem: encrypted, truncated, corrupt, empty, not-a-pdf, scan,
unsupported-format, empty-document), source (plan they derive from), note, and password / pages.

`scans` lists the OCR samples (builder/scans.py): id (the plan), dpi (null for the text version of
the same pages), path, pages.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent
MANIFEST_VERSION = 1


def fingerprint(sources_dir: Path, only: list[str] | None, variants: bool) -> str:
    """Hash of builder code, sources and options: equal fingerprints mean an equal build."""
    digest = hashlib.sha256(f"v{MANIFEST_VERSION}|{sorted(only or [])}|{variants}".encode())
    code = [CORPUS_DIR / "build.py", *sorted((CORPUS_DIR / "builder").glob("*.py"))]
    for path in [*code, *sorted(sources_dir.glob("*.md"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(CORPUS_DIR.parent).as_posix()
    except ValueError:
        return str(path)


def write_manifest(
    out_dir: Path,
    files: list[dict],
    scans: list[dict],
    *,
    fp: str, sources_dir: Path, variants: bool, only: list[str] | None
) -> Path:
    """Write `out_dir/manifest.json` with a stable key order."""
    data = {
        "version": MANIFEST_VERSION,
        "generator": "corpus/build.py",
        "fingerprint": fp,
        "sources": _relative(sources_dir),
        "variants": variants,
        "only": sorted(only) if only else None,
        "page_numbering": "physical, 1-based (the cover is page 1); printed page numbers are the same",
        "files": files,
        "scans": scans,
    }
    path = out_dir / "manifest.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def read_manifest(out_dir: Path) -> dict | None:
    """The manifest in `out_dir`, or None when missing or unreadable."""
    try:
        return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
