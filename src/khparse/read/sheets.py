"""Two pages printed on one sheet ("in 2 trang/tờ", to save paper) and scanned as one landscape image.

Read as one page, the two pages' lines meet on every row: the left page's header runs into the right
page's section IV ("TỈNH ỦY ĐỒNG THÁP … IV. TỔ CHỨC THỰC HIỆN"), and the right page's units and signer
are lost. Such a sheet is found by the gutter between its pages: a band down the middle of a
landscape image with no ink at all, with print on either side. Its pages are cut apart at the
gutter and set one under the other, the left page first, so OCR reads them in order as one tall page.
A landscape Phụ lục is no such sheet: its table's rules and rows run across the middle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[Any]

# A sheet of two pages is landscape: wider than tall by at least this (A4 landscape: 1.41).
MIN_LANDSCAPE = 1.2
# The gutter lies in this middle part of the sheet's width (shares) …
GUTTER_ZONE = (0.3, 0.7)
# … and is at least this share of the sheet's width with no ink: the two pages' side margins,
# 18 + 30 mm of a 297 mm sheet at 70.7 % (an A4 page on half an A4 sheet), about 11 %; a body's
# widest word gap is under 2 %.
MIN_GUTTER = 0.04
# A column of the sheet is inkless when at most this share of its pixels is ink (a speck or two).
INKLESS = 0.002
# Grey levels this far below the paper (its 90th percentile) are ink.
INK_BELOW_PAPER = 80
# Each page holds print: at least this share of its columns carry ink.
MIN_PRINTED = 0.4
# The test is made on a copy this many pixels wide (columns of ink, not letters, are looked at).
LOOK_WIDTH = 800

SPLIT = "two pages on one sheet"
# Two A4 pages on one A4 sheet are printed at this scale (A5 / A4): the print is as fine as that of
# a page scanned at this share of the sheet's resolution.
PAGE_SCALE = 0.707


def gutter(grey: Pixels) -> int | None:
    """The x of the middle of the gutter between two pages side by side on `grey`, or None when it
    is not such a sheet."""
    height, width = grey.shape[:2]
    if width < MIN_LANDSCAPE * height:
        return None
    step = max(1, width // LOOK_WIDTH)
    small = grey[::step, ::step]
    paper = float(np.percentile(small, 90))
    ink = (small < paper - INK_BELOW_PAPER).mean(axis=0) > INKLESS
    columns = len(ink)
    start, end = (round(share * columns) for share in GUTTER_ZONE)
    best = (0, 0)  # (length, first column) of the longest inkless run in the zone
    run = 0
    for x in range(start, end):
        run = 0 if ink[x] else run + 1
        if run > best[0]:
            best = (run, x - run + 1)
    length, first = best
    if length < MIN_GUTTER * columns:
        return None
    left, right = ink[:first], ink[first + length:]
    if left.mean() < MIN_PRINTED or right.mean() < MIN_PRINTED:
        return None
    return int((first + length // 2) * step)


def stacked(grey: Pixels, x: int) -> Pixels:
    """The sheet's left page over its right page (each as wide as the wider half)."""
    left, right = grey[:, :x], grey[:, x:]
    width = max(left.shape[1], right.shape[1])
    paper = int(np.percentile(grey[::4, ::4], 90))
    out = np.full((grey.shape[0] * 2, width), paper, dtype=grey.dtype)
    out[: grey.shape[0], : left.shape[1]] = left
    out[grey.shape[0]:, : right.shape[1]] = right
    return out
