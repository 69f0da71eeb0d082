"""The resolution a page image is read at: what its file states when that is believable, else an
estimate from its size; and the range tesseract reads well. Plain arithmetic (no numpy, no OpenCV),
so OCR can be started on a page before the preparation modules are even imported (read/early.py)."""

from __future__ import annotations

# Resolution: tesseract reads best at 300 dpi; below MIN_DPI (a 150 dpi fax, a small photo)
# strokes of marks merge, so the page is scaled up to TARGET_DPI; above MAX_DPI it is scaled down
# to TARGET_DPI (time and memory grow with pixels, accuracy does not). Between them a scan is
# read at its own resolution: resampling a 200 dpi scan cost accuracy (read/pdf.py).
MIN_DPI, TARGET_DPI, MAX_DPI = 200, 300, 400
# When an image does not say its resolution (or says something a page cannot be, such as a
# phone's 72 dpi on a 4000-pixel photo), it is estimated from the page's short side as A4 paper.
A4_SHORT_INCHES = 8.27
PAGE_SHORT_INCHES = (5.0, 12.0)  # a stated dpi is believed when it makes the page A5 to A3


def page_dpi(shape: tuple[int, ...], dpi: int | None) -> int:
    """The resolution of a page image of `shape` (height, width, …) whose file states `dpi` (None:
    nothing): the stated figure when it makes the page A5 to A3, else the A4 estimate."""
    short = min(shape[:2])
    if dpi and PAGE_SHORT_INCHES[0] <= short / dpi <= PAGE_SHORT_INCHES[1]:
        return dpi
    return max(1, round(short / A4_SHORT_INCHES))


def needs_rescale(dpi: int) -> bool:
    """A page at `dpi` is scaled to TARGET_DPI before OCR."""
    return dpi < MIN_DPI or dpi > MAX_DPI


def scale_for(dpi: int) -> float:
    """The factor a page at `dpi` is scaled by before OCR (1: read as it is)."""
    return TARGET_DPI / dpi if needs_rescale(dpi) else 1.0
