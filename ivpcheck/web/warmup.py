"""Warm a fresh worker up: load the rule pack, the spaCy pipeline and the PDF reader once,
so that the first real upload does not pay for them."""

from __future__ import annotations

import contextlib
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


def warm_up(check: Callable[..., Any], settings: Settings) -> None:
    """Load the lemma table and run `check` once on a tiny PDF with the service's settings (so their
    rule pack is loaded); never raises."""
    with contextlib.suppress(Exception):
        from ivpcheck.text.nlp import lemma_table

        lemma_table()
    with tempfile.TemporaryDirectory(prefix="warmup-") as directory, contextlib.suppress(Exception):
        path = Path(directory) / "warm-up.pdf"
        path.write_bytes(tiny_pdf(LINES))
        check(path, settings.model_copy(update={"force": True}))
