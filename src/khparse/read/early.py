"""OCR started on a page as it came, before its preparation; kept when preparing changed nothing.

Most pages of an archive need no preparation (upright, straight, grey flatbed scans), yet finding
that out costs 0.1-0.2 s before tesseract could start: importing numpy and OpenCV, looking at the
ink (read/prepare.py), looking for ruled tables (read/grid.py) — 10-15% of a page's time. So
tesseract starts at once on the page in grey, and the preparation runs beside it on another core.
When the prepared page is the very same image at the same resolution and holds no ruled table, the
started reading is the page's reading; otherwise it is stopped, and the prepared page is read as
before. The output is the same either way: a started reading is only kept for identical input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from khparse.read import resolution

if TYPE_CHECKING:
    from PIL import Image

    from khparse.read.engine import OcrEngine
    from khparse.read.tesseract import StartedPage

# Image modes whose grey copy PIL makes as read/prepare.py does (a grey palette's or a grey RGB
# page's pixels come out the same); bi-level pages are always cleaned (despeckled) first, and
# other modes converted differently, so OCR is not started early on them.
_MODES = ("L", "P", "RGB")


def start(image: Image.Image, dpi: int | None, engine: OcrEngine) -> StartedPage | None:
    """tesseract started on `image` (as read/tesseract.page_image gives it; `dpi` as its file
    states it) as it will be read if preparing it changes nothing; None when that cannot be so
    (a page to be rescaled, a mode that is converted otherwise) or the engine is not tesseract."""
    from khparse.read.tesseract import start_page

    if image.mode not in _MODES:
        return None
    read_dpi = resolution.page_dpi((image.height, image.width), dpi)
    if resolution.needs_rescale(read_dpi):
        return None
    return start_page(image if image.mode == "L" else image.convert("L"), dpi=read_dpi, engine=engine)


def fits(started: StartedPage, image: Image.Image, dpi: int | None) -> bool:
    """`started` reads exactly `image` at `dpi`: its reading is the one `image` would get."""
    from PIL import ImageChops

    if started.dpi != dpi or started.image.mode != image.mode or started.image.size != image.size:
        return False
    # Compared in C, pixel by pixel, without copying either image out (tobytes: ~10 ms a page).
    return ImageChops.difference(started.image, image).getbbox() is None
