"""The scan on a PDF page: its resolution, and the scanned image itself when the page is nothing
but that image, handed to OCR as it was scanned rather than rendered.

Rendering resamples: a 150 dpi fax rendered at 150 dpi came out one pixel wider with 7% of its
pixels grey, so the page no longer looked bi-level and its specks were smeared rather than
removed (read/speckle.py). Taking the image's own pixels also skips the render (issue 12: "a page
that is one embedded full-page image can go as it is").
"""

from __future__ import annotations

from typing import Any

import pypdfium2.raw as pdfium_raw  # type: ignore[import-untyped]  # ships no type information
from PIL import Image, ImageChops, ImageStat

from khparse.read import raster
from khparse.read.pdf import SCAN_COVER  # an image that covers this share of the page is its scan

# It is taken as it is only when it covers nearly all of the page and nothing but invisible text (an
# OCR layer) is drawn beside it: vector rules or visible text on top would be lost.
WHOLE_PAGE_COVER = 0.9
# Sanity check against a small render of the page: pdfium applies the image's Decode array and
# colour space when it renders, and the raw bitmap should agree. A mean difference above this (of
# 255) means the raw pixels are not what the page shows (an inverted mask, an unusual colour space):
# the page is rendered instead.
CHECK_WIDTH = 120
MAX_MEAN_DIFFERENCE = 40.0


def _images(page: Any) -> list[Any]:
    return list(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def scan_dpi(page: Any) -> float | None:
    """The resolution of the scan on a page: its largest image's pixels per inch, if it covers
    most of the page. Rendering at that resolution adds no resampling blur of its own."""
    width, height = page.get_size()
    best: float | None = None
    for obj in _images(page):
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) < SCAN_COVER * width * height:
            continue
        px_width, _ = obj.get_px_size()
        dpi = px_width / ((right - left) / 72)
        best = max(best or 0.0, dpi)
    return best


def _nothing_else_visible(page: Any) -> bool:
    """True when nothing visible but images is drawn on the page (the caller checked there is one)."""
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if obj.type == pdfium_raw.FPDF_PAGEOBJ_TEXT and \
                pdfium_raw.FPDFTextObj_GetTextRenderMode(obj.raw) == pdfium_raw.FPDF_TEXTRENDERMODE_INVISIBLE:
            continue
        return False
    return True


def embedded_scan(page: Any, max_pixels: int) -> tuple[Image.Image, float] | None:
    """(the page's scanned image, its dpi) when the page is one upright full-page image of at most
    `max_pixels` and nothing visible besides; None when the page must be rendered."""
    if page.get_rotation():
        return None
    images = _images(page)
    if len(images) != 1:
        return None
    obj = images[0]
    width, height = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    if (right - left) * (top - bottom) < WHOLE_PAGE_COVER * width * height:
        return None
    matrix = obj.get_matrix()
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:  # turned, sheared or mirrored
        return None
    px_width, px_height = obj.get_px_size()
    if px_width * px_height > max_pixels or not _nothing_else_visible(page):
        return None
    image: Image.Image = obj.get_bitmap(render=False).to_pil()
    if not _agrees(page, image):
        return None
    across, down = image.width / ((right - left) / 72), image.height / ((top - bottom) / 72)
    return raster.squared(image, across, down), max(across, down)


def _agrees(page: Any, image: Image.Image) -> bool:
    """True when the raw image looks like the rendered page (same light and dark regions)."""
    width, _ = page.get_size()
    small = page.render(scale=CHECK_WIDTH / width, grayscale=True).to_pil().convert("L")
    # reducing_gap: reduced by a whole factor first, then boxed (~8 ms a 300 dpi page instead of
    # ~30 ms); the mean differs from an exact box by 2-3 grey levels on scans, far inside the bar.
    mine = image.convert("L").resize(small.size, Image.Resampling.BOX, reducing_gap=3.0)
    # In PIL, not numpy: numpy's import (~50 ms) would come before the page's OCR could start
    # (read/early.py); it loads beside the OCR, for preparing the page.
    difference = ImageStat.Stat(ImageChops.difference(small, mine)).mean[0]
    return difference <= MAX_MEAN_DIFFERENCE
