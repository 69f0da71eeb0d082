"""Bi-level pages (a fax, a scanner's black-and-white mode, a photocopy of one): their specks removed
before OCR.

A binarised page carries its line noise as isolated black dots and its drop-outs as white holes in
strokes. tesseract reads the dots as marks (a speck over a vowel becomes a tone) and, once the page
is scaled up to the resolution it reads best, as letters: on the archive-like fax scans of
scripts/make_scans.py (150 dpi, speckled) characters read right fell from 97.0% at 150 dpi to 90.2%
when scaled up to 300 dpi as they were. A 3 x 3 median turns each dot and hole back to its
neighbours and leaves strokes of two pixels or more as they are: 98.4% (the clean 300 dpi scan of the
same pages: 98.3%); on a clean page thresholded at 300 dpi it changes nothing (99.0% both).
Measured with tesseract -l vie per page against the pages' truth text (thuong-xuan-2025, xa-ha-nha-2025).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

# What source.pages[].cleaned records for a page whose specks were removed.
SPECKLE = "speckle"
# A page is bi-level when almost no pixel is grey: ink and paper only. Anti-aliased or JPEG-compressed
# scans have 5-30% of their pixels between these bounds; a binarised page has none (a little for a
# bi-level page resampled by a PDF renderer, at the strokes' edges).
GREY_BAND = (32, 224)
MAX_GREY_SHARE = 0.01
# The median's window: 3 x 3 removes one-pixel specks and holes; a larger window eats diacritics at
# 150 dpi (a dot under "ạ" is 2-3 pixels there).
MEDIAN_WINDOW = 3
# Sampling every n-th row and column is enough to judge a page's greys, at a fraction of the cost.
SAMPLE_STEP = 4
# A median that takes away more than this share of a page's strokes is eating them, not its specks:
# the thin strokes of Times New Roman on a real 150 dpi fax are one pixel wide (blind18's Chi cục Thủy
# lợi: 12.5-13.5% of the strokes' ink gone; characters read right 88.8% with the median first). Such a
# page is scaled up first and its median taken after (93.9%); a page read at its own resolution keeps
# its specks. The faxes of scripts/make_scans.py lose 3.5-4.7% (median first: 97.4%, after: 94.4%), a
# 200 dpi bi-level scan 3.1-3.4%. Strokes are the ink of components of STROKE_AREA pixels or more:
# counted with the specks, a sparse signature page of a speckled fax loses 20-25% of its ink.
MAX_INK_TAKEN = 0.08
STROKE_AREA = 6


def is_bilevel(grey: NDArray[Any]) -> bool:
    """True when the greyscale page holds (almost) only black and white."""
    sample = grey[::SAMPLE_STEP, ::SAMPLE_STEP]
    low, high = GREY_BAND
    grey_share = np.count_nonzero((sample > low) & (sample < high)) / max(sample.size, 1)
    return bool(grey_share < MAX_GREY_SHARE)


def despeckle(grey: NDArray[Any]) -> NDArray[Any]:
    """The page with isolated black dots and white holes in strokes turned to their neighbours."""
    import cv2

    return cv2.medianBlur(np.ascontiguousarray(grey, dtype=np.uint8), MEDIAN_WINDOW)


def eats_strokes(grey: NDArray[Any], despeckled: NDArray[Any]) -> bool:
    """Whether the median took strokes away with the specks (MAX_INK_TAKEN)."""
    import cv2

    ink = np.ascontiguousarray(grey < 128, dtype=np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    strokes = (stats[:, cv2.CC_STAT_AREA] >= STROKE_AREA)[labels] & (labels > 0)
    taken = np.count_nonzero(strokes & (despeckled >= 128))
    return bool(taken > MAX_INK_TAKEN * max(int(np.count_nonzero(strokes)), 1))
