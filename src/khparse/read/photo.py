"""Phone photos of pages: the page found in its surroundings and its perspective corrected, the
light evened out, the ink binarised adaptively — only when the image looks like a photo.

A flatbed scan is left alone: its paper runs to the image's edges and its light is even. A photo
shows a darker table or floor around the page, and its light falls off across the sheet; either
sign is enough, and each step is applied only where its own sign was seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[Any]  # uint8 images; OpenCV's stubs type its results loosely

# The copy the page is looked for in: large enough for its corners to within a few pixels.
LOOK_SIDE = 800
# The page covers at least this share of the photo (else the "quad" is a table or a text block).
MIN_PAGE_AREA = 0.25
# ...and at most this share, or there is no background around it and nothing to correct.
MAX_PAGE_AREA = 0.97
# The page's outline is simplified to within this share of its length to find its sides (corners cut
# off by a shadow or a dog-ear stay as short sides of their own), and to this one to make it a quad
# when no corner is cut. A 200 dpi phone photo whose shadow fell over the sheet's bottom-right corner
# took the cut's end for the corner with QUAD_TOLERANCE alone: the lower page came out slanting 2.5°
# and its task table's cells ran one row into the next (blind26's Trạm Y tế).
SIDE_TOLERANCE, QUAD_TOLERANCE = 0.01, 0.02
# The cut sides together are at most this share of the shortest of the four sides...
CUT_SHARE = 0.5
# ...and the corners where the sides meet lie at most this share of the photo outside it, and the
# page's outline at most this share of the photo's longer side outside the four sides (a cut corner's
# outline: 1.5-2.5 pixels at LOOK_SIDE, rounding; a sheet lying on another one: 9-17).
OUTSIDE = 0.05
HULL_OUTSIDE = 0.006
# A quad simplified from the outline (no corner cut) has it outside by at most this share: a scan's
# bed or a photo's page found at 1-12 pixels at LOOK_SIDE; two sheets one on the other, 27-40.
QUAD_OUTSIDE = 0.025
# A photographed sheet whose paper is darker than this grey was taken in dim light (a phone in a dim
# office: paper at 100-120, its ink at 30): it is divided by its paper (even_light), not binarised
# (binarised, its sensor noise came out as specks: nothing was read), and read in grey: mean word
# confidence 90.3 → 93.1 on blind29's dim photo. Pages in good light (paper at 200-240) are left as
# they are: evened out, the paper's faint texture came up and a plan's tail read worse.
DIM_PAPER = 160
# Surroundings this much darker (grey levels) than the paper: a table or floor, not a scanner lid.
MIN_BACKGROUND_STEP = 40
# The paper's own brightness varies by this much across the sheet (95th-5th percentile of the
# background estimate): a lamp or window, not a flatbed (whose sheets measure under 15).
UNEVEN_LIGHT = 35
# The background estimate: ink removed by a closing larger than a character at LOOK_SIDE.
BACKGROUND_KERNEL = 15
# Adaptive binarisation: neighbourhood as a share of the page width (≈ a few text lines), and how
# much darker than its neighbourhood a pixel must be to count as ink.
BLOCK_SHARE = 0.03
BLOCK_OFFSET = 12


@dataclass(frozen=True)
class Photo:
    """What was seen: the page's corners in full-size pixels (None: no page edge to correct) and
    whether the light is uneven."""

    corners: NDArray[np.float32] | None
    uneven: bool


def _small(grey: Pixels) -> tuple[Pixels, float]:
    scale = min(1.0, LOOK_SIDE / max(grey.shape))
    if scale >= 1.0:
        return grey, 1.0
    return cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), scale


def _background(grey: Pixels) -> Pixels:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (BACKGROUND_KERNEL, BACKGROUND_KERNEL))
    closed = cv2.morphologyEx(grey, cv2.MORPH_CLOSE, kernel)
    out: Pixels = cv2.medianBlur(closed, 5)
    return out


def _order(points: NDArray[np.float32]) -> NDArray[np.float32]:
    """Corners as top-left, top-right, bottom-right, bottom-left."""
    s, d = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]],
                    dtype=np.float32)


def _page_corners(small: Pixels) -> NDArray[np.float32] | None:
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, paper = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    paper = cv2.morphologyEx(paper, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    found = _corners_of(paper, small)
    if found is None:
        # The page on a patterned cloth or desk, whose light squares are as light as paper and touch the
        # sheet: opened by a kernel wider than they are, they go and the sheet stays.
        side = max(3, round(PATTERN_SHARE * min(small.shape)) | 1)
        found = _corners_of(cv2.morphologyEx(paper, cv2.MORPH_OPEN, np.ones((side, side), np.uint8)), small,
                            PATTERN_MAX_AREA)
    return found


# The light parts of a pattern round the page (a gingham cloth's squares) are at most this share of
# the photo's short side across; a page found so leaves at least a cloth's band round it (a flatbed
# scan's paper, opened so, made a "page" of nearly the whole scan, and was cut and read worse).
PATTERN_SHARE = 0.06
PATTERN_MAX_AREA = 0.8


def _corners_of(paper: Pixels, small: Pixels, max_area: float = MAX_PAGE_AREA) -> NDArray[np.float32] | None:
    """The page's corners from `paper` (the photo's light parts, a mask) on `small`, or None."""
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / (small.shape[0] * small.shape[1])
    if not MIN_PAGE_AREA <= area <= max_area:
        return None
    hull = cv2.convexHull(largest)
    met = _sides_met(cv2.approxPolyDP(hull, SIDE_TOLERANCE * cv2.arcLength(hull, True), True).reshape(-1, 2),
                     hull.reshape(-1, 2), small.shape)
    approx: Pixels = cv2.approxPolyDP(hull, QUAD_TOLERANCE * cv2.arcLength(hull, True), True) if met is None else met
    if len(approx) != 4:
        return None
    if met is None and _outside(approx.reshape(4, 2), hull.reshape(-1, 2)) > QUAD_OUTSIDE * max(small.shape):
        return None  # the quad leaves out part of the paper: two sheets, or no sheet's corners
    quad = np.asarray(np.round(approx), dtype=np.int32).reshape(4, 1, 2)
    inside = np.zeros_like(small)
    cv2.fillPoly(inside, [quad], 255)
    paper_level = float(np.median(small[inside > 0]))
    around = small[inside == 0]
    if around.size == 0 or paper_level - float(np.median(around)) < MIN_BACKGROUND_STEP:
        return None
    return _order(quad.reshape(4, 2).astype(np.float32))


def _meet(a: NDArray[Any], b: NDArray[Any], c: NDArray[Any], d: NDArray[Any]) -> NDArray[np.float64] | None:
    """Where the line through a, b meets the line through c, d (None: parallel)."""
    r, q = (b - a).astype(np.float64), (d - c).astype(np.float64)
    cross = r[0] * q[1] - r[1] * q[0]
    if abs(cross) < 1e-9:
        return None
    t = ((c - a)[0] * q[1] - (c - a)[1] * q[0]) / cross
    met: NDArray[np.float64] = np.asarray(a, dtype=np.float64) + t * r
    return met


def _sides_met(polygon: NDArray[Any], hull: NDArray[Any], shape: tuple[int, ...]) -> NDArray[np.float32] | None:
    """The page's four corners where its four long sides meet, for an outline with a corner or two cut
    off (a shadow over a corner darker than the paper threshold, a dog-ear): an outline of 5-6 sides
    whose other sides are short, and whose hull the four sides hold (HULL_OUTSIDE). None when the
    outline is no such thing: two sheets, one lying on the other, make an outline of five sides too,
    and the sides of both met round no sheet."""
    n = len(polygon)
    if not 5 <= n <= 6:
        return None
    ends = [(polygon[i], polygon[(i + 1) % n]) for i in range(n)]
    lengths = [float(np.linalg.norm(b - a)) for a, b in ends]
    keep = sorted(sorted(range(n), key=lambda i: -lengths[i])[:4])
    if sum(lengths[i] for i in range(n) if i not in keep) > CUT_SHARE * min(lengths[i] for i in keep):
        return None
    corners = []
    height, width = shape[:2]
    for k in range(4):
        met = _meet(*ends[keep[k]], *ends[keep[(k + 1) % 4]])
        if met is None or not (-OUTSIDE * width <= met[0] <= (1 + OUTSIDE) * width
                               and -OUTSIDE * height <= met[1] <= (1 + OUTSIDE) * height):
            return None
        corners.append(met)
    quad = np.asarray(corners, dtype=np.float32)
    return None if _outside(quad, hull) > HULL_OUTSIDE * max(height, width) else quad


def _outside(quad: NDArray[Any], hull: NDArray[Any]) -> float:
    """How far the outline's hull reaches outside `quad` at most (pixels; 0 when it is all inside)."""
    outline = np.asarray(quad, dtype=np.float32).reshape(-1, 1, 2)
    return max(0.0, -min(cv2.pointPolygonTest(outline, (float(x), float(y)), True) for x, y in hull))


def look(grey: Pixels) -> Photo:
    """Whether `grey` looks like a photo of a page, and where the page is."""
    small, scale = _small(grey)
    corners = _page_corners(small)
    region = small
    if corners is not None:
        x0, y0 = corners.min(axis=0).astype(int)
        x1, y1 = corners.max(axis=0).astype(int)
        h, w = y1 - y0, x1 - x0
        region = small[y0 + h // 8: y1 - h // 8, x0 + w // 8: x1 - w // 8]  # well inside the page
    background = _background(region)
    low, high = np.percentile(background, [5, 95]) if background.size else (0.0, 0.0)
    uneven = bool(high - low > UNEVEN_LIGHT)
    return Photo(None if corners is None else corners / scale, uneven)


def dim(page: Pixels) -> bool:
    """Whether a photographed page (greyscale, the sheet alone) was taken in dim light: its paper
    darker than DIM_PAPER."""
    return bool(np.median(page[::4, ::4]) < DIM_PAPER)


def unwarp(image: Pixels, corners: NDArray[np.float32]) -> Pixels:
    """The page inside `corners` as a flat rectangle (greyscale or colour)."""
    tl, tr, br, bl = corners
    width = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    out: Pixels = cv2.warpPerspective(image, matrix, (width, height), flags=cv2.INTER_CUBIC,
                                      borderMode=cv2.BORDER_REPLICATE)
    return out


def even_light(grey: Pixels) -> Pixels:
    """The page divided by its own background (ink removed by a closing), so paper reads white
    everywhere and ink keeps its contrast."""
    small, _ = _small(grey)
    background = cv2.resize(_background(small), (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    flat = cv2.divide(grey, np.maximum(background, 1), scale=255)
    return np.asarray(flat, dtype=np.uint8)


def binarise(grey: Pixels) -> Pixels:
    """Ink black, paper white, by comparing each pixel with its neighbourhood."""
    block = max(15, int(grey.shape[1] * BLOCK_SHARE) | 1)
    out: Pixels = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_GAUSSIAN_C, cv2.THRESH_BINARY,
                                        block, BLOCK_OFFSET)
    return out
