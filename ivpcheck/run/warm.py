"""Warming a worker process up once, so that its first task does not pay for loading.

Importing this module loads what every check needs: the PDF reader, profile and engine modules, the
default rule pack with its term index and the municipalities. The DOCX and HTML readers (python-docx,
BeautifulSoup: about 0.1 s) are imported by the first such file a worker reads, so that checking
PDFs does not pay for them. That never raises (a failure only means the
worker warms up on its first task instead), so a forkserver that preloads this module forks warm
workers. What is loaded then is frozen for the garbage collector (`gc.freeze`). `warm_up` adds a
run's own rule pack; `sample_check` runs a check function once on a tiny PDF.
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ivpcheck.model.settings import Settings

LINES = [
    "Integraal Veiligheidsplan 2024-2027",
    "1 Inleiding",
    "De gemeenteraad stelt dit plan vast op grond van artikel 38b Politiewet 2012.",
    "Ons doel is dat het aantal woninginbraken in 2027 met 10% daalt.",
    "Wij pakken ondermijning samen met de politie en het RIEC aan.",
]


def _load() -> None:
    import ivpcheck.profile  # noqa: F401
    import ivpcheck.read.pdf  # noqa: F401
    import ivpcheck.run.pipeline  # noqa: F401  (engine, rule pack loader, report)
    from ivpcheck.profile.municipalities import load_municipalities
    from ivpcheck.profile.vocab import profile_vocab
    from ivpcheck.run.pipeline import pack_for
    from ivpcheck.text.nlp import lemma

    lemma("veiligheid")  # opens the lemma lookup (built into the user cache on the very first run)
    profile_vocab(pack_for(Settings()).vocab)
    load_municipalities()


def warm_up(settings: Settings) -> None:
    """Load the rule pack of `settings` too (raises UsageError when it is broken)."""
    from ivpcheck.run.pipeline import pack_for

    pack_for(settings)


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text lines (valid xref, no dependencies)."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    shown = " ".join(f"({e}) '" for e in escaped)
    stream = f"BT /F1 12 Tf 72 760 Td 16 TL {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of numbered objects (the first is the catalog) with a valid cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def sample_check(check: Callable[..., Any], settings: Settings) -> None:
    """Run `check` once on a tiny PDF with `settings` (forced), which loads their rule pack and the PDF
    reader; never raises."""
    with tempfile.TemporaryDirectory(prefix="warmup-") as directory, contextlib.suppress(Exception):
        path = Path(directory) / "warm-up.pdf"
        path.write_bytes(tiny_pdf(LINES))
        check(path, settings.model_copy(update={"force": True}))


# What is loaded lives as long as the process: the garbage collector does not walk it while it is
# loaded (it would find next to nothing to free: ~8% of loading's CPU time), nor afterwards (about a
# tenth of a cold check's CPU time), nor, in a forked worker, copies the memory pages it would touch.
_collecting = gc.isenabled()
gc.disable()
with contextlib.suppress(Exception):  # a warm-up failure must not take the forkserver down
    _load()
gc.freeze()
# A check allocates millions of short-lived objects and next to no reference cycles: the youngest
# generation is collected after 50,000 net allocations instead of 700 (5-8% of a warm process's CPU
# time; its peak memory grew by ~5%), the older ones after 20 younger collections instead of 10.
gc.set_threshold(50_000, 20, 20)
if _collecting:
    gc.enable()
