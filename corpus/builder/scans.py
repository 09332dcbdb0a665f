"""Scan renderings of short sample plans for the OCR reader (`scans/`).

The first SCAN_PAGES pages of each plan in SCAN_PLANS are rendered with pypdfium2, turned by a
slight rotation (at most MAX_ROTATION degrees) and given grey noise with Pillow, and saved as an
image-only PDF per resolution (`scans/<plan>-150.pdf`, `scans/<plan>-100.pdf`). The same pages with
their text layer go to `scans/<plan>-text.pdf`, so a test compares like with like. A fixed seed per
plan and resolution keeps the bytes the same from build to build.
"""

from __future__ import annotations

import io
import random
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

SCAN_PLANS = ("texel-2021", "hof-van-twente-2019")  # short plans: OCR in the tests stays quick
SCAN_PAGES = 3
SCAN_DPIS = (150, 100)
MAX_ROTATION = 1.5  # degrees
NOISE = 48  # darkest grey a noise pixel takes off
SEED = 19
PDFIUM_DATE = re.compile(rb"(?<=/CreationDate\(D:)[0-9]{14}")
PDFIUM_ID = re.compile(rb"(?<=<)[0-9A-F]{32}(?=>)")
FIXED_DATE = time.strptime("2025-01-01", "%Y-%m-%d")  # the PDFs' dates: same bytes on every build


def _scanned(page: pdfium.PdfPage, dpi: int, rng: random.Random) -> Image.Image:
    """The page as a scanner at `dpi` might deliver it: grey, slightly turned, a little noisy."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    angle = rng.uniform(-MAX_ROTATION, MAX_ROTATION)
    image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    return ImageChops.multiply(image, noise.point(lambda value: 255 - value * NOISE // 256))


def _text_version(pdf: pdfium.PdfDocument, pages: int, out: Path) -> None:
    """The same pages with their text layer: what the scan is compared against.

    PDFium stamps a new file with the time and a random /ID; both are replaced by fixed values of
    the same length (so the cross-reference offsets stay valid)."""
    subset = pdfium.PdfDocument.new()
    subset.import_pages(pdf, list(range(pages)))
    buffer = io.BytesIO()
    subset.save(buffer)
    subset.close()
    data = PDFIUM_DATE.sub(lambda m: b"20250101000000"[: len(m.group(0))], buffer.getvalue())
    out.write_bytes(PDFIUM_ID.sub(lambda m: b"0" * len(m.group(0)), data))


def build_scans(plan_pdfs: dict[str, Path], out: Path) -> list[dict]:
    """Write the scans and text versions of the plans in SCAN_PLANS found in `plan_pdfs`; return
    their manifest entries (id, dpi (None for the text version), path, source, pages)."""
    out.mkdir(parents=True, exist_ok=True)
    entries: list[dict] = []
    for plan in SCAN_PLANS:
        if plan not in plan_pdfs:
            continue
        pdf = pdfium.PdfDocument(str(plan_pdfs[plan]))
        pages = min(SCAN_PAGES, len(pdf))
        _text_version(pdf, pages, out / f"{plan}-text.pdf")
        entries.append({"id": plan, "dpi": None, "path": f"scans/{plan}-text.pdf", "pages": pages})
        for dpi in SCAN_DPIS:
            rng = random.Random(f"{SEED}-{plan}-{dpi}")
            images = [_scanned(pdf[index], dpi, rng) for index in range(pages)]
            name = f"{plan}-{dpi}.pdf"
            images[0].save(
                out / name,
                "PDF",
                resolution=dpi,
                save_all=True,
                append_images=images[1:],
                creationDate=FIXED_DATE,
                modDate=FIXED_DATE,
            )
            entries.append({"id": plan, "dpi": dpi, "path": f"scans/{name}", "pages": pages})
        pdf.close()
    return entries
