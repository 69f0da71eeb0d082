"""A page printed light on dark: a microfilm or microfiche reader's print-out of a negative frame, a
photocopier's "negative" mode. tesseract reads dark letters on light paper; white letters on dark grey
came out as junk (a blind microfilm print: 3 of its 33 fields). Such a page is turned back to dark on
light before anything else looks at it.

The page's paper is what most of its middle is (a frame's black border and the reader's caption
strip lie around it): dark paper with light marks on it is a negative.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[Any]

# The middle of the page looked at: this share of its height and width, centred (a microfilm frame's
# border and caption, a scanner's black edges, a desk around a photo lie outside it).
MIDDLE = 0.6
# Paper darker than this grey (its median there) is a negative's (a page's paper scans at 170-250,
# a dim photo's at 110-160 after nothing was done to it, a negative's at 30-90) …
DARK_PAPER = 100
# … when the page's light marks stand out of it by at least this (a negative's letters: 150 or more
# above it; a dark blank frame or a photo of a desk: its noise, under 60).
MARKS_ABOVE = 80
# The light marks' grey: this percentile of the middle (letters cover 5-15% of a page).
MARKS_PERCENTILE = 99
# Said in the page's reason.
INVERTED = "negative print inverted"


def is_negative(grey: Pixels) -> bool:
    """Whether `grey` (a page's greyscale pixels) is printed light on dark."""
    height, width = grey.shape[:2]
    dy, dx = round(height * (1 - MIDDLE) / 2), round(width * (1 - MIDDLE) / 2)
    middle = grey[dy : height - dy : 2, dx : width - dx : 2]
    if not middle.size:
        return False
    paper = float(np.median(middle))
    if paper >= DARK_PAPER or float(np.percentile(middle, MARKS_PERCENTILE)) - paper < MARKS_ABOVE:
        return False
    return not _light_area(middle, paper + MARKS_ABOVE / 2)


# A negative's light marks are strokes: eroded by a square of this share of the page's short side
# (2 px on an 800 px copy: wider than a stroke at that scale), at most SOLID_SHARE of them is left.
# A light page photographed in a dark room or off a screen (its sheet a third of the picture, the
# rest dark) is light in a solid area, and no negative.
STROKE_SHARE = 0.004
SOLID_SHARE = 0.3


def _light_area(middle: Pixels, level: float) -> bool:
    """Whether the light part of `middle` (above `level`) is a solid area rather than strokes."""
    import cv2

    light = np.asarray(middle > level, dtype=np.uint8)
    side = max(3, round(STROKE_SHARE * min(middle.shape)) * 2 + 1)
    solid = cv2.erode(light, np.ones((side, side), np.uint8))
    return bool(solid.sum() > SOLID_SHARE * max(1, int(light.sum())))


def inverted(pixels: Pixels) -> Pixels:
    """`pixels` (grey or RGB, uint8) with light and dark swapped."""
    return np.asarray(255 - pixels, dtype=np.uint8)
