"""Toner dust on photocopies: isolated specks taken off a page that read badly, and the page read again.

A photocopy (or a copy of a copy) carries its drum's dust as thousands of specks, two to six pixels
across at 300 dpi, scattered over the page. tesseract reads them into the words they touch and as
marks of their own: on blind26's photocopied plans the title came out "Chuyển đổi Số, phách triển ho Ty
số xã be Hóa s Tây" and the page's words read with a mean confidence of 74-83 (clean scans: 90-96).
A speck is a piece of ink of at most SPECK_AREA pixels with no other ink within NEAR pixels: the dot of
an "i", a tone mark under or over a vowel, a full stop or a comma stands a few pixels from its
letter, so it is kept; a dust speck on its own is painted in the paper's grey.

Bi-level pages are left to read/speckle.py: on a black-and-white copy whose black seal was taken off
(read/seals.py) what the seal left of the print under it is small pieces, and clearing them lost the
signer's office (blind21's copy of a copy: 36 → 33 of 39 fields).

The test is a labelling of the whole page (about 0.1 s at 300 dpi), so it is made only on pages that
read below DUSTY_BELOW; the page is read again only when it holds at least MIN_SPECKS such specks
(measured at 300 dpi: clean grey scans 0, the photocopies 400-2,300), and the reading with the higher
mean confidence is kept.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

# A page whose words read with a mean confidence below this may be dusty (clean scans read 90-96).
DUSTY_BELOW = 88.0
# A speck's largest area (pixels at 300 dpi): toner dust is 2-6 px across; a hyphen at 12 pt is
# about 20 x 4, a letter's stroke far larger.
SPECK_AREA = 40
# Ink within this many pixels (at 300 dpi) makes a small piece a mark of a letter, not a speck: the dot
# of "ạ" or "i" stands 3-6 px from its letter, a comma 2-4 px, while a word space is 12-18 px.
NEAR = 10
# What source.pages[].cleaned records.
DUST = "toner dust"
# Fewer specks than this on a page (at 300 dpi) are its punctuation's and a clean scan's: left alone.
MIN_SPECKS = 150


def clear(grey: NDArray[Any], dpi: int) -> tuple[NDArray[Any], int]:
    """`grey` with its isolated specks painted in the paper's grey, and how many there were; `grey`
    itself when there are fewer than MIN_SPECKS (scaled to `dpi`)."""
    import cv2

    scale = dpi / 300
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    small = stats[:, cv2.CC_STAT_AREA] <= max(4, round(SPECK_AREA * scale * scale))
    small[0] = False  # the background
    if int(small.sum()) < MIN_SPECKS:
        return grey, 0
    others = (labels > 0) & ~small[labels]
    reach = max(1, round(NEAR * scale))
    near = cv2.dilate(others.astype(np.uint8), np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    beside = np.zeros(count, dtype=bool)
    beside[np.unique(labels[near & (labels > 0)])] = True
    specks = small & ~beside
    found = int(specks.sum())
    if found < MIN_SPECKS * scale * scale:
        return grey, 0
    from khparse.read.grid import paper_grey

    out = grey.copy()
    out[specks[labels]] = paper_grey(grey)
    return out, found
