"""OCR for PDF pages without a text layer: Tesseract (Dutch) words -> the PDF reader's spans.

A page is rendered with pypdfium2, Tesseract reads it through pytesseract's `image_to_data`
(words with their boxes and confidences), and every word becomes a `Span` on its recognised line.
A line's height (the median font size its words' boxes imply) serves as its font size and its share
of dark pixels tells bold type, so the shared structure pipeline finds headings, the TOC and page
furniture on a scan just as on a born-digital PDF.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import defaultdict
from functools import cache
from statistics import median
from typing import TYPE_CHECKING

import pypdfium2 as pdfium

from ivpcheck.model.document import OcrMode
from ivpcheck.model.errors import NoTextLayerError
from ivpcheck.read.pdf_lines import MIN_TEXT_CHARS, RawPage, RawPdf, Span

if TYPE_CHECKING:  # Pillow is imported by the first page that needs OCR, not by every PDF read
    from PIL import Image

OCR_LANG = "nld"
OCR_DPI = 200
MAX_SKEW = 3  # degrees a scan may be turned
ASCENT, X_HEIGHT, DESCENT = 0.73, 0.52, 0.21  # shares of the em in common sans and serif fonts
ASCENDERS = re.compile(r"[A-Zbdfhiklt0-9À-ÖØ-ßàáâäèéêëìíîïòóôöùúûü'\"()/!?%&\[\]{}|]")
DESCENDERS = re.compile(r"[gjpqy(),;\[\]{}|]")
BOLD_INK = 1.2  # a line with this many times the body text's share of dark pixels is bold
BODY_BAND = 0.1  # line sizes within this share of the body size are body text
LineKey = tuple[int, int, int]  # Tesseract's (block, paragraph, line) numbers
Word = tuple[str, float, float, float, float]  # text, x0, x1, top, bottom in points
Line = list[Word]


@cache
def tesseract_available() -> bool:
    """Whether pytesseract can run Tesseract and Tesseract has Dutch data."""
    try:
        import pytesseract
    except ImportError:
        return False
    command = pytesseract.pytesseract.tesseract_cmd
    if shutil.which(command) is None:
        return False
    try:
        return OCR_LANG in pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError, RuntimeError):
        return False


def _sharpness(image: Image.Image) -> float:
    """How crisply the image's rows alternate between text and white: the variance of row means."""
    from PIL import Image

    rows = image.resize((1, image.height), Image.Resampling.BOX).tobytes()
    mean = sum(rows) / len(rows)
    return sum((value - mean) ** 2 for value in rows)


def _deskewed(image: Image.Image) -> Image.Image:
    """The page turned straight: a scan's slight tilt makes Tesseract merge or drop lines.

    The angle (within MAX_SKEW degrees) is the one whose rows are sharpest on a reduced copy:
    first in half degrees, then in tenths around the best half degree."""
    small = image.reduce(4)

    def sharpest(angles: list[float]) -> float:
        return max(angles, key=lambda angle: _sharpness(small.rotate(angle, fillcolor=255)))

    coarse = sharpest([step / 2 for step in range(-2 * MAX_SKEW, 2 * MAX_SKEW + 1)])
    best = sharpest([coarse + step / 10 for step in range(-4, 5)])
    if best == 0:
        return image
    from PIL import Image

    return image.rotate(best, resample=Image.Resampling.BILINEAR, fillcolor=255)


def _ink(image: Image.Image, boxes: list[tuple[int, int, int, int]]) -> float:
    """The share of dark pixels in the boxes: bold type has thicker strokes, so more ink."""
    dark = area = 0
    for box in boxes:
        histogram = image.crop(box).histogram()
        dark += sum(histogram[:128])
        area += sum(histogram)
    return dark / area if area else 0.0


def _words(page: pdfium.PdfPage, dpi: int) -> tuple[list[Line], list[float], list[float]]:
    """Tesseract's words per recognised line (in points), each line's ink share, and the words'
    confidences."""
    import pytesseract

    scale = dpi / 72
    image = _deskewed(page.render(scale=scale, grayscale=True).to_pil().convert("L"))
    data = pytesseract.image_to_data(image, lang=OCR_LANG, output_type=pytesseract.Output.DICT)
    lines: dict[LineKey, Line] = defaultdict(list)
    boxes: dict[LineKey, list[tuple[int, int, int, int]]] = defaultdict(list)
    confidences: list[float] = []
    for index, text in enumerate(data["text"]):
        conf = float(data["conf"][index])
        if conf < 0 or not text.strip():
            continue
        left, top = data["left"][index] / scale, data["top"][index] / scale
        width, height = data["width"][index] / scale, data["height"][index] / scale
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        lines[key].append((text.strip(), left, left + width, top, top + height))
        x, y = data["left"][index], data["top"][index]
        boxes[key].append((x, y, x + data["width"][index], y + data["height"][index]))
        confidences.append(conf)
    return list(lines.values()), [_ink(image, boxes[key]) for key in lines], confidences


def _font_size(word: Word) -> float:
    """The font size a word's box implies: its height over the share of the em its letters span
    (ascenders and capitals reach ASCENT, other letters X_HEIGHT; descenders add DESCENT)."""
    text, _, _, top, bottom = word
    ascent = ASCENT if ASCENDERS.search(text) else X_HEIGHT
    return (bottom - top) / (ascent + (DESCENT if DESCENDERS.search(text) else 0.0))


def _line_size(words: Line) -> float:
    """The line's font size: the median of its words' (a raised note number does not count)."""
    return median(_font_size(word) for word in words)


def _line_spans(words: list[Word], body: float, bold: bool) -> list[Span]:
    """One span per word, at the line's size (snapped to `body` when close to it) and weight."""
    size = _line_size(words)
    size = body if abs(size - body) <= BODY_BAND * body else round(size * 2) / 2
    baseline = max(w[4] for w in words) - 0.22 * size
    last = len(words) - 1
    return [
        Span(text + ("" if i == last else " "), x0, x1, baseline, size, bold)
        for i, (text, x0, x1, _, _) in enumerate(sorted(words, key=lambda w: w[1]))
    ]


def _first_line(error: Exception) -> str:
    """An error's message as one short line (Tesseract's stderr can span many)."""
    text = " ".join(str(error).split())
    return text[:200] or type(error).__name__


def _needs_ocr(page: RawPage, mode: OcrMode) -> bool:
    return mode == "always" or sum(len(s.text.replace(" ", "")) for s in page.spans) < MIN_TEXT_CHARS


def apply_ocr(raw: RawPdf, data: bytes, mode: OcrMode, source: str) -> None:
    """Replace the spans of pages without a text layer (every page with `always`) by OCR'd ones.

    Records the OCR'd pages and the mean word confidence in `raw.meta`. Without Tesseract, or with
    `never`, pages stay as they are and the structure pipeline refuses a scan (NoTextLayerError);
    Tesseract failing on a page (broken language data, a crash) is a NoTextLayerError naming its cause.
    """
    todo = [index for index, page in enumerate(raw.pages) if _needs_ocr(page, mode)]
    if mode == "never" or not todo or not tesseract_available():
        return
    # one thread per Tesseract: its OpenMP threads triple the CPU time on a busy machine, and
    # batch and web already run plans in parallel
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import pytesseract

    pdf = pdfium.PdfDocument(data)
    try:
        read: dict[int, list[Line]] = {}
        inks: dict[int, list[float]] = {}
        confidences: list[float] = []
        for index in todo:
            page = pdf[index]
            read[index], inks[index], page_confidences = _words(page, OCR_DPI)
            confidences += page_confidences
            page.close()
    except (pytesseract.TesseractError, RuntimeError, OSError) as error:
        raise NoTextLayerError(source, f"Tesseract faalde / failed: {_first_line(error)}") from None
    finally:
        pdf.close()
    sizes = [_line_size(words) for lines in read.values() for words in lines if len(words) >= 3]
    body = round(median(sizes) * 2) / 2 if sizes else 0.0
    body_inks = [
        ink
        for index, lines in read.items()
        for words, ink in zip(lines, inks[index], strict=True)
        if len(words) >= 3
    ]
    bold_ink = BOLD_INK * median(body_inks) if body_inks else 1.0
    for index, lines in read.items():
        raw.pages[index].spans = [
            span
            for words, ink in zip(lines, inks[index], strict=True)
            for span in _line_spans(words, body, ink > bold_ink)
        ]
        raw.pages[index].rules = []
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    raw.meta = raw.meta.model_copy(
        update={"ocr_pages": [index + 1 for index in todo], "ocr_confidence": mean}
    )
