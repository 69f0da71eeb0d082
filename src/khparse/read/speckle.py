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
# A ruled table's rules on a bi-level scan are often one pixel thick, and the median takes a one-pixel
# line away (three of its nine pixels are ink) wherever the line does not step: a 200 dpi G4 scan
# turned 0.7° kept its rules as dashes one step long, and its table was not found (blind27's BCH
# Đoàn, page 1). The rules of the page's tables (read/grid.py, which bridges a turned rule's steps and
# its one-pixel drop-outs) are put back after the median. Only a table's: a 150 dpi fax whose thin
# rule under the issuer came back read its issuer and number as one line.


def is_bilevel(grey: NDArray[Any]) -> bool:
    """True when the greyscale page holds (almost) only black and white."""
    sample = grey[::SAMPLE_STEP, ::SAMPLE_STEP]
    low, high = GREY_BAND
    grey_share = np.count_nonzero((sample > low) & (sample < high)) / max(sample.size, 1)
    return bool(grey_share < MAX_GREY_SHARE)


def despeckle(grey: NDArray[Any], dpi: int | None) -> NDArray[Any]:
    """The page with isolated black dots and white holes in strokes turned to their neighbours, the
    rules of its tables kept (see the note above) when `dpi` is given; None for a page scaled up from
    a bi-level one, whose rules are two pixels thick and more: the median keeps them."""
    import cv2

    page = np.ascontiguousarray(grey, dtype=np.uint8)
    median = np.asarray(cv2.medianBlur(page, MEDIAN_WINDOW))
    if dpi is None:
        return median
    from PIL import Image

    from khparse.read import grid

    tables = grid.find(Image.fromarray(page), dpi).rules
    if tables is None:
        return median
    rules = (tables > 0) & (page < 128)
    median[rules] = page[rules]
    return median


def eats_strokes(grey: NDArray[Any], despeckled: NDArray[Any]) -> bool:
    """Whether the median took strokes away with the specks (MAX_INK_TAKEN)."""
    import cv2

    ink = np.ascontiguousarray(grey < 128, dtype=np.uint8)
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    strokes = (stats[:, cv2.CC_STAT_AREA] >= STROKE_AREA)[labels] & (labels > 0)
    taken = np.count_nonzero(strokes & (despeckled >= 128))
    return bool(taken > MAX_INK_TAKEN * max(int(np.count_nonzero(strokes)), 1))
