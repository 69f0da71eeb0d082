"""Two pages side by side in one landscape image: printed on one sheet ("in 2 trang/tờ", to save
paper), an open bound volume on a book scanner or an A3 bed, a PDF viewer's two-page view captured
as a screenshot.

Read as one page, the two pages' lines meet on every row: the left page's header runs into the right
page's section IV ("TỈNH ỦY ĐỒNG THÁP … IV. TỔ CHỨC THỰC HIỆN"), and the right page's units and signer
are lost. Such an image is found by the gutter between its pages: a band down the middle of a
landscape image where no text is, with text on either side. The band may be white (a sheet's
margins), shaded (the fold of a bound volume) or the viewer's grey: what it lacks is the edges of
letters, so a column is textless when few of its rows differ sharply from the row above. The pages
are cut apart at the gutter and set one under the other, the left page first, so OCR reads them in
order as one tall page. A landscape Phụ lục is no such image: its table's rules and rows run across
the middle.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from khparse.read.resolution import A4_SHORT_INCHES

Pixels = NDArray[Any]

# A sheet of two pages is landscape: wider than tall by at least this (A4 landscape: 1.41).
MIN_LANDSCAPE = 1.2
# The gutter lies in this middle part of the sheet's width (shares) …
GUTTER_ZONE = (0.3, 0.7)
# … and is at least this share of the sheet's width with no ink: the two pages' side margins,
# 18 + 30 mm of a 297 mm sheet at 70.7 % (an A4 page on half an A4 sheet), about 11 %; a body's
# widest word gap is under 2 %.
MIN_GUTTER = 0.04
# A column is textless when at most this many of its rows (on the copy looked at) step sharply from
# the row above: the edges of a sheet, a viewer's window or a volume's cover cross every column once
# or twice; a column through text steps at every line of it (15-50 on the two blind spreads), and
# the rules of a table at each row.
MAX_EDGES = 4
# A step is sharp when it is at least this share of the image's contrast (its 90th percentile, the
# paper, against its 1st, the darkest ink): a letter's edge, not a shadow's slope or paper grain.
EDGE_SHARE = 0.4
# Each page holds print: at least this share of its columns carry text.
MIN_PRINTED = 0.4
# The test is made on a copy this many pixels wide (columns of text, not letters, are looked at).
LOOK_WIDTH = 800

SPLIT = "two pages on one sheet"


def gutter(grey: Pixels) -> int | None:
    """The x of the middle of the gutter between two pages side by side on `grey`, or None when it
    is not such an image."""
    height, width = grey.shape[:2]
    if width < MIN_LANDSCAPE * height:
        return None
    step = max(1, width // LOOK_WIDTH)
    ink = _columns_with_text(grey[::step, ::step].astype(np.int16), 0)
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


# Two A4 pages printed on one A4 sheet are printed at this scale (A5 / A4): the print is as fine as that
# of a page scanned at this share of the sheet's resolution. Such a sheet's half is A5 wide, in inches:
PAGE_SCALE = 0.707
HALF_A4_SHEET = (5.0, 6.6)


def page_dpi(grey: Pixels, dpi: int) -> int:
    """The resolution of the pages side by side on `grey`, scanned at `dpi`: on an A4 sheet (half of
    it A5 wide: two pages printed on one) the print's, at PAGE_SCALE; else each page taken for an A4
    page as wide as half the image (a volume's facing pages on an A3 bed: the scan's own)."""
    half = int(grey.shape[1]) / 2
    if HALF_A4_SHEET[0] <= half / dpi <= HALF_A4_SHEET[1]:
        return max(1, round(dpi * PAGE_SCALE))
    return max(1, round(half / A4_SHORT_INCHES))


# What is kept of a page's textless border: this share of the half's size next to its text (a table's
# top rule or a heading's underline stands a little above or below the text, and is no text itself).
KEEP_BY_TEXT = 0.02
# Columns (rows) of text this share of the half's size apart are one block (words, lines, a page's
# number above its text) …
TEXT_GAP = 0.02
# … and a block narrower than this share at the border is no text: the ragged edge of a volume's
# shadowed fold or of the cover, binarised, whose pixels step along it as letters' do.
MIN_TEXT_BLOCK = 0.015


def _columns_with_text(small: Pixels, axis: int) -> Pixels:
    """Whether each column (axis 0) or row (axis 1) of `small` crosses text (see MAX_EDGES)."""
    paper, darkest = np.percentile(small, (90, 1))
    sharp = max(1.0, EDGE_SHARE * float(paper - darkest))
    edges: Pixels = (np.abs(np.diff(small, axis=axis)) >= sharp).sum(axis=axis) > MAX_EDGES
    return edges


def _text_span(text: Pixels, size: float) -> tuple[int, int] | None:
    """(first, end) of the columns that hold the page's text among `text` (whether each crosses
    text), the narrow blocks at either end left out (TEXT_GAP, MIN_TEXT_BLOCK); None without text."""
    at = np.flatnonzero(text)
    if not len(at):
        return None
    breaks = np.flatnonzero(np.diff(at) > TEXT_GAP * size)
    blocks = [(int(run[0]), int(run[-1]) + 1) for run in np.split(at, breaks + 1)]
    wide = [block for block in blocks if block[1] - block[0] >= MIN_TEXT_BLOCK * size]
    if not wide:
        return None
    return wide[0][0], wide[-1][1]


def _border_cleared(half: Pixels, paper: int) -> Pixels:
    """`half` with the textless border around its text made paper: the volume's cover and shadowed
    fold, the viewer's window, the sheet's edge. Kept whole, their straight edges were rules to the
    table finder, and the whole page a table around its Phụ lục (a blind book spread)."""
    step = max(1, max(half.shape[:2]) // LOOK_WIDTH)
    small = half[::step, ::step].astype(np.int16)
    out = half.copy()
    for axis, size in ((0, half.shape[1]), (1, half.shape[0])):
        text = _text_span(_columns_with_text(small, axis), size / step)
        if text is None:
            return half
        keep = round(KEEP_BY_TEXT * size)
        first, last = max(0, text[0] * step - keep), min(size, text[1] * step + keep)
        if axis == 0:
            out[:, :first], out[:, last:] = paper, paper
        else:
            out[:first], out[last:] = paper, paper
    return out


def stacked(grey: Pixels, x: int) -> Pixels:
    """The sheet's left page over its right page, what lies around each page's text made paper
    (_border_cleared)."""
    paper = int(np.percentile(grey[::4, ::4], 90))
    left, right = (_border_cleared(half, paper) for half in (grey[:, :x], grey[:, x:]))
    return one_under_other(left, right, paper)


def one_under_other(top: Pixels, bottom: Pixels, paper: int) -> Pixels:
    """`top` over `bottom` (greyscale pages), on paper as wide as the wider of them."""
    out = np.full((top.shape[0] + bottom.shape[0], max(top.shape[1], bottom.shape[1])), paper, dtype=top.dtype)
    out[: top.shape[0], : top.shape[1]] = top
    out[top.shape[0]:, : bottom.shape[1]] = bottom
    return out
