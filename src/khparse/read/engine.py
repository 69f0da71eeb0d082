"""The OCR engine interface: what page reading asks of an engine, and a replaying engine for tests.

Page reading needs two things of an engine: the words of a page image with their boxes and
confidences, and (for the preparation step) which way up a page is. tesseract (read/tesseract.py)
is the engine khparse ships; `Recorded` replays words recorded earlier, so tests can exercise
routing, preparation decisions and layout without tesseract, and another engine can be added by
implementing this protocol. Engines cross process boundaries (pages are OCRed in worker
processes), so an engine is plain, picklable data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PIL import Image

from khparse.read.cells import Table
from khparse.read.layout import Word

if TYPE_CHECKING:
    from khparse.read.prepare import Preparation


@dataclass(frozen=True)
class OcrPage:
    """The words an engine read on one page image, with boxes in that image's pixels."""

    words: tuple[Word, ...]
    width: float
    confidence: float | None  # mean word confidence, 0-100
    height: float = 0.0
    preparation: Preparation | None = None  # what read/prepare.py did to the image first
    tables: tuple[Table, ...] = ()  # ruled tables read cell by cell (read/grid.py); their words are not in `words`


@dataclass(frozen=True)
class Orientation:
    """Which way up the page's text stands: `rotate` degrees (0, 90, 180, 270, counter-clockwise)
    turn it upright; `confidence` is the engine's own figure (tesseract OSD: about 0-20+)."""

    rotate: int
    confidence: float


@runtime_checkable
class OcrEngine(Protocol):
    @property
    def name(self) -> str:
        """A short name for reasons and warnings ("tesseract")."""

    def missing(self) -> str | None:
        """Why this engine cannot run here (with the install command), or None when it can."""

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        """The words on `image` (greyscale or binary, upright). Raises KhparseError subclasses.
        block: the image is one block of lines (a table's cells stacked, read/grid.py), not a page
        to lay out."""

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        """Which way up the text on `image` stands, or None when the engine cannot tell."""


@dataclass(frozen=True)
class Recorded:
    """An engine that replays recorded pages: page number (1-based) → OcrPage. For tests."""

    pages: dict[int, OcrPage] = field(default_factory=dict)
    name: str = "recorded"

    def missing(self) -> str | None:
        return None

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        if block:  # recorded pages hold their tables' words too (read/grid.py falls back on them)
            return OcrPage((), image.width, None, image.height)
        return self.pages.get(page, OcrPage((), image.width, None, image.height))

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        return None
