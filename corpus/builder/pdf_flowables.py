"""Custom platypus pieces: footnote-aware frames, headings, markers, bottom-aligned blocks."""

from __future__ import annotations

from reportlab.platypus import Flowable, Frame, Paragraph
from reportlab.platypus.flowables import _listWrapOn

NOTE_RULE = 10.0  # space above the first footnote of a frame, holds the separator rule
REF_PREFIX = "fnref"  # anchor names of note references: fnref<number>-<serial>


def note_anchors(flowable: Flowable, width: float) -> set[int] | None:
    """Note numbers referenced in a (split part of a) paragraph; None if it cannot tell."""
    if not isinstance(flowable, Paragraph):
        return None
    if not hasattr(flowable, "blPara"):
        flowable.wrap(width, 1e6)
    numbers: set[int] = set()
    for line in getattr(flowable.blPara, "lines", []):
        for word in getattr(line, "words", []):
            name = getattr(getattr(word, "cbDefn", None), "name", "") or ""
            if name.startswith(REF_PREFIX):
                numbers.add(int(name[len(REF_PREFIX) :].split("-")[0]))
    return numbers


class NoteFrame(Frame):
    """A frame that keeps footnotes at its foot: `notes` are drawn at page end, `_y1p` rises."""

    def _reset(self) -> None:
        super()._reset()
        self._y1p = self._y1 + self._bottomPadding
        self.notes: list[Paragraph] = []

    def notes_height(self, notes: list[Paragraph]) -> float:
        """Height the given note paragraphs take in this frame (rule included if first)."""
        if not notes:
            return 0.0
        height = sum(p.wrap(self._aW, 1e6)[1] + p.style.spaceAfter for p in notes)
        return height + (0.0 if self.notes else NOTE_RULE)

    def draw_notes(self, canv) -> None:
        """Draw this frame's footnotes bottom-aligned, under a short rule."""
        if not self.notes:
            return
        heights = [p.wrap(self._aW, 1e6)[1] for p in self.notes]
        total = sum(h + p.style.spaceAfter for h, p in zip(heights, self.notes, strict=True))
        x = self._x1 + self._leftPadding
        y = self._y1 + self._bottomPadding + total
        canv.saveState()
        canv.setLineWidth(0.5)
        canv.line(x, y + NOTE_RULE * 0.6, x + min(120, self._aW / 3), y + NOTE_RULE * 0.6)
        canv.restoreState()
        for h, p in zip(heights, self.notes, strict=True):
            y -= h
            p.drawOn(canv, x, y)
            y -= p.style.spaceAfter


class WithNotes(Flowable):
    """Wraps a flowable whose text references footnotes; reserves their room in the frame."""

    def __init__(self, inner: Flowable, notes: list[Paragraph], doc) -> None:
        super().__init__()
        self.inner = inner
        self.notes = notes
        self.doc = doc
        self.extra = 0.0

    def _note_frame(self) -> NoteFrame | None:
        frame = getattr(self.doc, "frame", None)
        return frame if isinstance(frame, NoteFrame) else None

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        frame = self._note_frame()
        self.extra = frame.notes_height(self.notes) if frame else 0.0
        w, h = self.inner.wrap(aW, max(aH - self.extra, 0))
        self.width, self.height = w, h + self.extra
        return self.width, self.height

    def split(self, aW: float, aH: float) -> list[Flowable]:
        frame = self._note_frame()
        extra = frame.notes_height(self.notes) if frame else 0.0
        parts = self.inner.split(aW, aH - extra)
        if not parts:
            return []
        found = [note_anchors(part, aW) for part in parts]
        if any(f is None for f in found):
            return [WithNotes(parts[0], self.notes, self.doc), *parts[1:]]
        todo = list(self.notes)
        out: list[Flowable] = []
        for i, (part, numbers) in enumerate(zip(parts, found, strict=True)):
            mine = [
                n
                for n in todo
                if n.note_number in numbers or (i == 0 and not any(n.note_number in f for f in found))
            ]
            todo = [n for n in todo if n not in mine]
            out.append(WithNotes(part, mine, self.doc) if mine else part)
        return out

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, self.extra)

    def getSpaceBefore(self) -> float:
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self) -> bool:
        return self.inner.getKeepWithNext()


class HeadingPara(Paragraph):
    """A heading paragraph that knows its level, verbatim text and bookmark key."""

    def __init__(self, markup: str, style, level: int, text: str, key: str) -> None:
        super().__init__(markup, style)
        self.level = level
        self.text = text
        self.key = key

    def draw(self) -> None:
        self.canv.bookmarkHorizontal(self.key, 0, self.height + self.style.fontSize * 0.3)
        super().draw()

    def split(self, aW: float, aH: float) -> list[Flowable]:
        return []  # headings never split


class Marker(Flowable):
    """Zero-size flowable recording the page where a part (cover, toc, ...) starts or ends."""

    _ZEROSIZE = 1

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.width = self.height = 0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class BottomBlock(Flowable):
    """Flowables set at the bottom of the current frame (for the colophon)."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content
        self.content_h = 0.0

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        self.width, self.content_h = _listWrapOn(self.content, aW, self.canv)
        self.height = max(aH - 1, self.content_h)
        return self.width, self.height

    def draw(self) -> None:
        y = self.content_h
        for flowable in self.content:
            w, h = flowable.wrapOn(self.canv, self.width, 1e6)
            y -= flowable.getSpaceBefore() if y < self.content_h else 0
            y -= h
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
