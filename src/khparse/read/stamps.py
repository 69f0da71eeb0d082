"""Coloured ink dropped before OCR: red seals, blue signatures, purple received-stamps.

A plan's text is printed black; seals, signatures and stamps are red, blue or purple and lie over
the signature block and the header, where tesseract reads them as stray letters or loses the
black words under them. Coloured pixels (saturated, and bright in their own colour) become paper;
dark pixels stay, whatever their hue, because black text under a seal prints dark through it.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[Any]  # uint8 images; OpenCV's stubs type its results loosely

# HSV saturation (0-255) from which a pixel is coloured ink: red and blue inks measure 120-255,
# paper under a warm lamp or a yellowed sheet 20-60.
MIN_SATURATION = 80
# A faded purple received-stamp measures only 45-110 (median 69 on the archive-like scans), but in
# hues paper never takes: blue to purple to red (OpenCV's hue, 0-180: blue ~110-130, purple
# ~130-160, red ~170-180 and 0-8), where a yellowed or lamp-lit sheet is orange to yellow (10-35).
# In those hues a lower saturation is enough.
INK_HUES = ((100, 180), (0, 8))
MIN_INK_HUE_SATURATION = 35
# In the other hues (orange, yellow, green), a saturated pixel is ink only when it is bright as
# ink is (a seal whose red a warm light turns orange measures 150-240): under a warm lamp or a
# phone's colour cast the soft edges of black letters are orange too, saturated 80-105 but dark
# (value 90-112 on the phone photos of xa-ha-nha-2025 and ubnd-tinh-ha-tinh-2022: 17,000 pixels of
# xa-ha-nha's page 1, 283,000 of ha-tinh's page 2). Turned to paper they punched holes in the
# letters ("UBTVQH15" came out hollow): phone photos of the five default plans read 99.149% of
# characters right with them dropped, 99.36-99.38% kept (benchmarks/bench_scan_reading.py).
MIN_CAST_VALUE = 140
# HSV value (brightness, 0-255) below which a pixel is kept as ink whatever its colour: black
# text under red ink prints about 20-60, the seal's own ink 150-230, ballpoint blue 100-200.
KEEP_DARKER = 90
# … and below which a red pixel is kept: a colour JPEG (chroma at half resolution, quality 60-75)
# smears the seal's red into the black letters under it, which then measure 60-130 in a red hue
# (a blind scan's "CHỦ TỊCH" and signer's name under the seal), while the seal's own ink stays at
# 150-230 (its 10th percentile ~120 counts those letters). Blue pen ink reaches down to 80: its
# bar stays KEEP_DARKER.
KEEP_DARKER_RED = 135
RED_HUES = ((0, 8), (170, 180))
# Yellow to green (OpenCV's hue): a highlighter's, never a seal's, a stamp's or a pen's. Its band lies
# over print, and the print under it measures darker in the same hue (value 74-134 on a blind 150 dpi
# scan's highlighted line, thin strokes never black): dropped as coloured ink (grown by a pixel, taken
# for two inks crossing), the whole line went with the band. Such a pixel takes its brightest
# channel's grey instead: the band is as light as paper there, the print under it as dark as print.
HIGHLIGHTER_HUES = ((20, 99),)
# The quick look for colour: a copy this long on its longest side, and the share of its pixels
# that must be coloured ink for the page to go through the full-size mask.
LOOK_SIDE = 400
# The paper's grey: this percentile of the page's pixels (a page is mostly paper), on every n-th pixel.
PAPER_PERCENTILE = 75
PAPER_SAMPLE_STEP = 4
MIN_COLOURED_SHARE = 0.0005
# Where a pen line crosses a seal the two inks print dark purple together (value 56-89 on the
# seal-and-signature scans), dark enough to pass for print, and are read as stray letters ("Z2"
# between the signer's office and name). Black print under a seal has a black core (a tenth of
# its pixels at 4-10, half below 15-35) and reaches beyond the seal's ink; a dark patch wholly on
# coloured ink (CROSSING_ON_INK of its pixels within CROSSING_REACH pixels of it) with at most
# CROSSING_BLACK of its pixels darker than CROSSING_VALUE is ink too.
CROSSING_VALUE = 50
CROSSING_BLACK = 0.1
CROSSING_ON_INK = 0.95
CROSSING_REACH = 7


def _coloured(rgb: Pixels) -> tuple[NDArray[np.bool_], Pixels, NDArray[np.bool_]]:
    """The coloured ink (a highlighter's band and the print under it apart), the value below which
    each pixel is kept as print whatever its colour, and the highlighter's band."""
    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    hue, saturation, value = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    ink_hue = _in_hues(hue, INK_HUES)
    coloured = ((saturation >= MIN_SATURATION) & (ink_hue | (value >= MIN_CAST_VALUE))) | (
        ink_hue & (saturation >= MIN_INK_HUE_SATURATION))
    bar = np.where(_in_hues(hue, RED_HUES), KEEP_DARKER_RED, KEEP_DARKER)
    highlighted = (saturation >= MIN_SATURATION) & _in_hues(hue, HIGHLIGHTER_HUES)
    return np.asarray(coloured & (value >= bar) & ~highlighted), bar, highlighted


def _in_hues(hue: Pixels, ranges: tuple[tuple[int, int], ...]) -> NDArray[np.bool_]:
    out = np.zeros(hue.shape, bool)
    for low, high in ranges:
        out |= (hue >= low) & (hue <= high)
    return out


def has_colour(rgb: Pixels) -> bool:
    """Whether a page shows any coloured ink (a glance at a small copy)."""
    scale = min(1.0, LOOK_SIDE / max(rgb.shape[:2]))
    small = cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    coloured, _, highlighted = _coloured(small)
    return bool((coloured | highlighted).mean() >= MIN_COLOURED_SHARE)


def _crossings(mask: NDArray[np.bool_], value: Pixels) -> NDArray[np.bool_]:
    """The dark patches where two coloured inks cross (see CROSSING_VALUE), looked for around the
    coloured ink only (a page's labels would cost ~100 MB): a patch cut by that frame lies partly
    beyond CROSSING_REACH of the ink, and is no crossing either way."""
    out = np.zeros(mask.shape, bool)
    ys, xs = np.nonzero(mask)
    if not len(ys):
        return out
    grow = 2 * CROSSING_REACH
    y0, y1 = max(0, int(ys.min()) - grow), min(mask.shape[0], int(ys.max()) + grow + 1)
    x0, x1 = max(0, int(xs.min()) - grow), min(mask.shape[1], int(xs.max()) + grow + 1)
    out[y0:y1, x0:x1] = _crossings_in(mask[y0:y1, x0:x1], value[y0:y1, x0:x1])
    return out


def _crossings_in(mask: NDArray[np.bool_], value: Pixels) -> NDArray[np.bool_]:
    dark = (value < KEEP_DARKER).astype(np.uint8)
    count, patches = cv2.connectedComponents(dark, connectivity=8)
    near = cv2.dilate(mask.astype(np.uint8), np.ones((CROSSING_REACH, CROSSING_REACH), np.uint8)) > 0
    size = np.bincount(patches.ravel(), minlength=count)
    on_ink = np.bincount(patches[near], minlength=count)
    black = np.bincount(patches[value < CROSSING_VALUE], minlength=count)
    crossing = (on_ink >= CROSSING_ON_INK * size) & (black <= CROSSING_BLACK * size)
    crossing[0] = False
    return np.asarray(crossing[patches])


# A page whose print itself is coloured (a purple stencil duplicator's copy, a document printed in blue):
# when dropping the coloured ink would take away more than this share of the page's ink, the colour is
# the print's, and the page is read in grey as it is. A seal over a signature page's tail is at most
# half its ink; a blind roneo copy's purple is all of it (its text went with it, 3% of its fields read).
COLOURED_PRINT = 0.8
# Ink, for that count: this far below the paper's grey.
INK_DEPTH = 60


def drop_colour(rgb: Pixels) -> tuple[Pixels, float]:
    """The page in grey with its coloured ink turned to the paper around it; and the share of the
    page's pixels that were coloured ink (0 when the print itself is coloured: COLOURED_PRINT)."""
    coloured, bar, highlighted = _coloured(rgb)
    # The light fringe of a stroke (ink mixed with paper) is coloured too, but less saturated:
    # one pixel of growth takes it with the stroke.
    mask = cv2.dilate(coloured.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    value = rgb.max(axis=2)
    mask &= (value >= bar) & ~highlighted  # the growth keeps dark pixels too
    mask |= _crossings(mask, value)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # Paper, at the page's own paper grey: pure white on a greyish scan leaves the stamp's outline
    # as a brighter ghost with edges. A photo's uneven paper is evened out afterwards (photo.even_light).
    paper = int(np.percentile(grey[::PAPER_SAMPLE_STEP, ::PAPER_SAMPLE_STEP], PAPER_PERCENTILE))
    ink = grey[::PAPER_SAMPLE_STEP, ::PAPER_SAMPLE_STEP] < paper - INK_DEPTH
    taken = mask[::PAPER_SAMPLE_STEP, ::PAPER_SAMPLE_STEP] & ink
    if ink.any() and taken.sum() > COLOURED_PRINT * ink.sum():
        return np.asarray(grey, dtype=np.uint8), 0.0
    grey[mask] = paper
    grey[highlighted] = value[highlighted]
    return np.asarray(grey, dtype=np.uint8), float((mask | highlighted).mean())
