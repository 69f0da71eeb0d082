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
    contours, _ = cv2.findContours(paper, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    largest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(largest) / (small.shape[0] * small.shape[1])
    if not MIN_PAGE_AREA <= area <= MAX_PAGE_AREA:
        return None
    hull = cv2.convexHull(largest)
    quad = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(quad) != 4:
        return None
    inside = np.zeros_like(small)
    cv2.fillPoly(inside, [quad], 255)
    paper_level = float(np.median(small[inside > 0]))
    around = small[inside == 0]
    if around.size == 0 or paper_level - float(np.median(around)) < MIN_BACKGROUND_STEP:
        return None
    return _order(quad.reshape(4, 2).astype(np.float32))


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
