"""Which way up a page stands and how far it leans, from its ink alone (no OCR).

Both come from projection profiles of a small binary copy of the page: the ink pixels' rows,
counted along lines tilted by a trial angle, give sharp peaks (text lines) and empty valleys
(leading) only when the angle matches the lines. Searching the angle on both axes tells a page
whose lines run across (0° or 180°) from one turned a quarter (90° or 270°), and gives its skew.

Up or down is read from the lines' shape: Latin and even more Vietnamese script carries more
ink above the x-height band (capitals, ascenders, and the tone and vowel marks on most
syllables) than below the baseline (a few descenders and the dot-below). This test is cheap
(tens of milliseconds); tesseract's OSD (about 1.5 s a page) is asked only when it is not sure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

# The working copy: about 100 dpi is enough to see text lines and their x-height band (8 px at
# 12 pt) and keeps the angle search to a few tens of milliseconds.
WORK_DPI = 100
# Skew searched within ±15° (the range; beyond it a page counts as turned, not skewed).
MAX_SKEW = 15.0
COARSE_STEP, FINE_STEP = 0.5, 0.05
# Below this lean tesseract reads a page as well as straightened (its own line finder copes);
# rotating the image would only add interpolation blur.
MIN_SKEW = 0.5
# A page's lines run the other way (turned a quarter) when the profile across is this many times
# sharper than the profile along; measured 3-10× on text pages, either way.
AXIS_RATIO = 1.5
# ink above the x-height band / ink below the baseline: upright pages measure 2-4, upside-down
# ones the inverse; between 1/SURE_RATIO and SURE_RATIO the test is not sure and OSD is asked.
SURE_RATIO = 1.6
# A page of text is at most this share ink in the working copy (dense print 8-12%). More, and Otsu's one
# threshold has split the paper itself: a sparse page lit unevenly (a phone photo of a plan's last
# page, its tail at the top and the light falling off below) had the darker part of the sheet read as
# ink, and was taken for a page turned a quarter. Such a page is divided by its paper (the page closed
# with a square PAPER_KERNEL inches wide, wider than a stroke: the ink gone, the light left) first.
MAX_INK_SHARE = 0.25
PAPER_KERNEL = 0.15
# Fewer ink pixels than this in the working copy: too little text to judge anything.
MIN_INK = 2000

Grey = NDArray[Any]  # uint8 images; OpenCV's stubs type its results loosely


@dataclass(frozen=True)
class Lean:
    """What the ink says: `quarter` True when text lines run top to bottom; `skew` the lines'
    angle in degrees (positive: counter-clockwise), `sharpness` the profile's score; `upright`
    the above/below ratio of the lines once straight (>1: upright, <1: upside down)."""

    quarter: bool
    skew: float
    upright: float
    sharpness: float


def work_copy(grey: Grey, dpi: int | None) -> Grey:
    """A small binary copy (ink 255) of the page at about WORK_DPI."""
    scale = WORK_DPI / dpi if dpi else 1000 / max(grey.shape)
    scale = min(1.0, scale)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    if np.count_nonzero(binary) > MAX_INK_SHARE * binary.size:
        side = max(3, round(PAPER_KERNEL * WORK_DPI) | 1)
        paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side)))
        flat = cv2.divide(small, np.maximum(paper, 1), scale=255)
        _, binary = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return _without_edge_bars(binary)


# A row or column of the working copy at the page's edge that is at least this share ink is a bar where
# the paper ended (a fax's or a copier's black edge, a scanner's open lid), not text: a line of text is at
# most half ink along its length. Left in, the long bars down a standard fax's sides outweighed its text
# lines and the page was taken for one turned a quarter (blind47).
EDGE_BAR_INK = 0.6


def _without_edge_bars(binary: Grey) -> Grey:
    """`binary` with the solid bars along its edges cleared (ink 0)."""
    out = binary
    for axis in (0, 1):  # axis 0: columns (their ink down the page); 1: rows
        share = np.count_nonzero(binary, axis=axis) / binary.shape[axis]
        solid = share >= EDGE_BAR_INK
        n = len(solid)
        first = int(np.argmin(solid)) if not solid.all() else n  # solid lines from the start
        last = int(np.argmin(solid[::-1])) if not solid.all() else n  # ... and from the end
        if first or last:
            if out is binary:
                out = binary.copy()
            index = [*range(first), *range(n - last, n)]
            if axis == 0:
                out[:, index] = 0
            else:
                out[index, :] = 0
    return out


def _sharpness(ys: NDArray[np.float64], xs: NDArray[np.float64], angles: NDArray[np.float64],
               size: int) -> NDArray[np.float64]:
    """Per trial angle: the sum of squared differences between adjacent rows of the profile."""
    out = np.empty(len(angles))
    for k, angle in enumerate(np.radians(angles)):
        rows = ys * np.cos(angle) - xs * np.sin(angle)
        rows = np.round(rows - rows.min()).astype(np.int64)
        profile = np.bincount(rows, minlength=size).astype(np.float64)
        out[k] = float(np.sum(np.diff(profile) ** 2))
    return out


def _best_angle(ys: NDArray[np.float64], xs: NDArray[np.float64], size: int) -> tuple[float, float]:
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, COARSE_STEP)
    scores = _sharpness(ys, xs, coarse, size)
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - COARSE_STEP, best + COARSE_STEP + 1e-9, FINE_STEP)
    fine_scores = _sharpness(ys, xs, fine, size)
    return float(fine[int(np.argmax(fine_scores))]), float(fine_scores.max())


def above_below(binary: Grey) -> float:
    """Ink above the lines' x-height band over ink below their baseline (see the module doc);
    `binary` is straight with its lines across."""
    profile = binary.sum(axis=1).astype(np.float64) / 255
    if profile.max() <= 0:
        return 1.0
    inked = profile > 0.02 * profile.max()
    above = below = 0.0
    y = 0
    n = len(profile)
    while y < n:
        if not inked[y]:
            y += 1
            continue
        end = y
        while end < n and inked[end]:
            end += 1
        line = profile[y:end]
        if end - y >= 4:
            core = np.nonzero(line >= 0.5 * line.max())[0]
            top, bottom = int(core[0]), int(core[-1])
            above += float(line[:top].sum())
            below += float(line[bottom + 1:].sum())
        y = end
    return (above + 1.0) / (below + 1.0)


def lean(grey: Grey, dpi: int | None) -> Lean | None:
    """Axis, skew and up/down of the page's text lines; None when there is too little ink."""
    binary = work_copy(grey, dpi)
    ys_i, xs_i = np.nonzero(binary)
    if len(ys_i) < MIN_INK:
        return None
    ys, xs = ys_i.astype(np.float64), xs_i.astype(np.float64)
    size = int(np.hypot(*binary.shape)) + 2
    across, across_score = _best_angle(ys, xs, size)
    along, along_score = _best_angle(xs, -ys, size)
    quarter = along_score > AXIS_RATIO * across_score
    skew = along if quarter else across
    straight = rotate(binary, skew + (90 if quarter else 0), fill=0)
    return Lean(quarter, skew, above_below(straight), max(along_score, across_score))


def rotate(image: Grey, degrees: float, fill: int = 255) -> Grey:
    """`image` turned `degrees` counter-clockwise about its centre, the canvas grown to hold it all;
    quarter turns are exact (no interpolation)."""
    quarter = round(degrees / 90)
    if abs(degrees - 90 * quarter) < 1e-6:
        turns = quarter % 4
        return np.ascontiguousarray(np.rot90(image, turns)) if turns else image
    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(h * sin + w * cos + 0.5), int(h * cos + w * sin + 0.5)
    matrix[0, 2] += new_w / 2 - w / 2
    matrix[1, 2] += new_h / 2 - h / 2
    border = (fill, fill, fill) if image.ndim == 3 else fill
    out: Grey = cv2.warpAffine(image, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=border)
    return out
