"""Round seals a scan printed grey or black, taken off the page before OCR.

A seal is red, and read/stamps.py drops it by its colour. But archives are scanned in grey or in
black and white, and there a seal is a grey or black ring over the signer's office and position
("KT. HIỆU TRƯỞNG" / "PHÓ HIỆU TRƯỞNG"), its ring text and star between: tesseract takes the whole
signature block for a picture and reads nothing of it, or reads the ring as letters. Four of the
twelve plans of a blind set of archive scans lost their signer's office or name that way.

A seal is found by its ring: among the ink's connected pieces (on a 75 dpi copy: cheap) those as
large as a seal or larger (the ring touches the signature and the print over it) are searched for a
circle of a seal's size (OpenCV's Hough transform, on that piece's box only), and a circle is a
seal's ring when ink lies under most of it (RING_COVERAGE; a line of text crossed by a circle
covers a fifth of it at most). Then a grey seal (its ink lighter than the print by PRINT_MARGIN or
more, as red ink scans in grey) has the pixels within it lighter than half-way between the two
turned to paper; print keeps its core and the rim around it.

A black seal (a bi-level scan, a fax, a seal printed dark: ring and print equally black) cannot be
told from print by its grey; it is taken off by its shape. Its rings are the narrow bands of radii
where ink lies under most of the circle, taken but where a stroke of print crosses them (ink just
beyond both edges along the radius); its lettering the pieces left wholly between the inner ring and
the outer; its star the ink near the centre thicker than any stroke of print. Print lying wholly
within the lettering's band goes with it ("CH" of "CHỦ TỊCH" over the ring), and print under the
star; the rest of the block is read again. On blind21's 300 dpi black-and-white scans, whose
signer's office tesseract read nothing of, it read the office on two of three (the deputy's title put
right from what is left: fields/deputy.py); keeping the lettering's pieces that share rows with
print beyond the seal kept the ring's letters too and read worse (755 against 761 of 833 fields
of blind21 and blind22), and so did keeping those with print beside them within a letter's gap, on
the line's rows (1556 against 1565 of 1648 fields of blind21, blind22 and blind23).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

Pixels = NDArray[Any]

# Vietnamese round seals measure 30-50 mm across (Decree 99/2016 sizes: 35-42 mm for most bodies).
RADIUS_MM = (12.0, 25.0)
# The look for seals is made at this resolution: rings, not letters.
LOOK_DPI = 75
# Grey levels this far below the paper (its 90th percentile) are ink; a grey seal's ring measures
# 100-190 on paper at 236-244.
INK_BELOW_PAPER = 40
# A circle is a seal's ring when ink lies under this share of it (seals of the blind scans:
# 0.92-1.0; the best circle found in pages of print: 0.34).
RING_COVERAGE = 0.75
# ... or, for a ring that came apart (a grey ring a few pixels thin, turned by the deskew: 0.52 of it
# under the ink, 0.97 under the ink grown by a pixel, blind36), this share under the ink itself and
# RING_COVERAGE under the ink grown by a pixel.
BROKEN_RING_COVERAGE = 0.45
# The ring's points sampled, and the nudges of centre (pixels at LOOK_DPI) and radius tried around
# the transform's circle.
RING_POINTS = 360
NUDGES = (-1, 0, 1)
RADIUS_NUDGES = (0.96, 0.98, 1.0, 1.02, 1.04)
# How perfect a circle OpenCV's refined Hough transform must find (its param2, 0-1): a seal's printed ring.
EXACT_CIRCLE = 0.8
# A grey seal: its ring's median grey at least this much lighter than print's core (this percentile
# of the page's ink beyond its seals: 30-53 on the blind scans, against 128-149 for the seals; the
# tenth measured 84 on a page of little but a signature block, the signature being grey too).
PRINT_MARGIN = 40
CORE_PERCENTILE = 3
# What is taken with a seal: its disc and this much beyond (a ring is a millimetre thick).
REACH = 1.06
# A seal's ring is measured this share of its radius each way (a double outer ring).
RING_BAND = 0.06

SEAL = "seal"


@dataclass(frozen=True)
class Seal:
    x: float
    y: float
    radius: float  # pixels of the page
    broken: bool = False  # found by its ring grown (BROKEN_RING_COVERAGE): taken off only if grey


def _coverage(ink: Pixels, x: float, y: float, radius: float, angles: Pixels) -> float:
    xs = (x + radius * np.cos(angles)).astype(int)
    ys = (y + radius * np.sin(angles)).astype(int)
    inside = (xs >= 0) & (xs < ink.shape[1]) & (ys >= 0) & (ys < ink.shape[0])
    return float(ink[ys[inside], xs[inside]].sum()) / len(angles)


def find(grey: Pixels, dpi: int) -> list[Seal]:
    """The round seals on a grey page at `dpi`."""
    scale = min(LOOK_DPI / dpi, 1.0)  # a page already at LOOK_DPI or below is looked at as it is
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    mm = dpi * scale / 25.4
    paper = float(np.percentile(small, 90))
    ink = (small < paper - INK_BELOW_PAPER).astype(np.uint8)
    low, high = (round(r * mm) for r in RADIUS_MM)
    angles = np.linspace(0, 2 * np.pi, RING_POINTS, endpoint=False)
    found: list[Seal] = []
    for x0, y0, crop in _pieces(small, ink, low, mm):
        for cx, cy, r in _circles(crop, low, high):
            covered, x, y, radius = _best_ring(ink, cx + x0, cy + y0, r, angles)
            seal = Seal(x / scale, y / scale, radius / scale)
            if covered >= RING_COVERAGE and not _within(seal, found):
                found.append(seal)
    # A grey ring a few pixels thin, turned by the deskew and shrunk to LOOK_DPI, comes apart into pieces
    # none as large as a seal (blind36's 2014 laser print, 0.7°): looked for again among the pieces grown
    # by a pixel, where most of it lies under the grown ink and half of it under the ink as found (a line
    # of text crossed by a circle covers a third at most). Taken off only if grey (Seal.broken).
    joined = cv2.dilate(ink, np.ones((3, 3), np.uint8))
    for x0, y0, crop in _pieces(small, joined, low, mm):
        for cx, cy, r in _circles(crop, low, high):
            covered, x, y, radius = _best_ring(ink, cx + x0, cy + y0, r, angles)
            seal = Seal(x / scale, y / scale, radius / scale, broken=covered < RING_COVERAGE)
            if covered >= BROKEN_RING_COVERAGE and _best_ring(joined, x, y, radius, angles)[0] >= RING_COVERAGE \
                    and not _within(seal, found):
                found.append(seal)
    return found


def _best_ring(ink: Pixels, x: float, y: float, radius: float, angles: Pixels) -> tuple[float, float, float, float]:
    """(coverage, x, y, radius) of the circle round (x, y) of `radius`, nudged (NUDGES, RADIUS_NUDGES),
    that has the most of `ink` under it."""
    return max((_coverage(ink, x + dx, y + dy, radius * s, angles), x + dx, y + dy, radius * s)
               for dx in NUDGES for dy in NUDGES for s in RADIUS_NUDGES)


def _within(seal: Seal, found: list[Seal]) -> bool:
    """Whether the seal's centre lies within a seal already found."""
    return any(np.hypot(seal.x - s.x, seal.y - s.y) < s.radius for s in found)


def _pieces(small: Pixels, ink: Pixels, low: int, mm: float) -> list[tuple[int, int, Pixels]]:
    """(left, top, the page's crop) round each piece of `ink` as large as a seal or larger."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    out = []
    for k in range(1, count):
        x, y, width, height = (int(v) for v in stats[k][:4])
        if min(width, height) < 2 * low:
            continue
        pad = round(3 * mm)
        x0, y0 = max(0, x - pad), max(0, y - pad)
        out.append((x0, y0, small[y0:y + height + pad, x0:x + width + pad]))
    return out


def _circles(crop: Pixels, low: int, high: int) -> list[tuple[float, float, float]]:
    """The five likeliest circles of a seal's size in `crop` (OpenCV's Hough transform), and the circles
    its refined variant finds (HOUGH_GRADIENT_ALT: near-perfect circles only, their centre and radius
    measured closer). The first alone missed a grey seal whose ring crosses the signer's title and the
    signature (blind40): it took the lettering's inner edge for the circle and put the centre 9 px off,
    and its one circle a centre kept the ring out."""
    circles = cv2.HoughCircles(crop, cv2.HOUGH_GRADIENT, dp=1, minDist=2 * low, param1=120, param2=20,
                               minRadius=low, maxRadius=high)
    found = [(float(cx), float(cy), float(r)) for cx, cy, r in (circles[0][:5] if circles is not None else ())]
    exact = cv2.HoughCircles(crop, cv2.HOUGH_GRADIENT_ALT, dp=1.5, minDist=low // 2, param1=120,
                             param2=EXACT_CIRCLE, minRadius=low, maxRadius=high)
    return found + [(float(cx), float(cy), float(r)) for cx, cy, r in (exact[0][:5] if exact is not None else ())]


def drop(grey: Pixels, dpi: int) -> tuple[Pixels, int]:
    """`grey` with its seals turned to paper (see the module's docstring), and how many."""
    seals = find(grey, dpi)
    if not seals:
        return grey, 0
    out = grey.copy()
    paper = int(np.percentile(grey[::4, ::4], 90))
    ink = grey < paper - INK_BELOW_PAPER
    # Print's core: the darkest of the ink beyond the seals (a page holding little but the
    # signature block is mostly seal and signature: CORE_PERCENTILE).
    beyond = ink.copy()
    for seal in seals:
        cv2.circle(beyond.view(np.uint8), (round(seal.x), round(seal.y)), round(seal.radius * REACH), 0, -1)
    core = float(np.percentile(grey[beyond], CORE_PERCENTILE)) if beyond.any() else 0.0
    dropped = sum(_drop_one(out, grey, ink, seal, paper, core) for seal in seals)
    return (out, dropped) if dropped else (grey, 0)


def _drop_one(out: Pixels, grey: Pixels, ink: Pixels, seal: Seal, paper: int, core: float) -> bool:
    """The seal turned to paper in `out`: a grey one by its grey, a black one by its shape."""
    reach = seal.radius * REACH
    x0, x1 = max(0, int(seal.x - reach)), min(grey.shape[1], int(seal.x + reach) + 1)
    y0, y1 = max(0, int(seal.y - reach)), min(grey.shape[0], int(seal.y + reach) + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    distance = np.hypot(xx - seal.x, yy - seal.y)
    window, window_ink = grey[y0:y1, x0:x1], ink[y0:y1, x0:x1]
    ring = np.abs(distance - seal.radius) <= RING_BAND * seal.radius
    ring_ink = window[ring & window_ink]
    seal_grey = float(np.median(ring_ink)) if ring_ink.size else 0.0
    if seal_grey - core < PRINT_MARGIN:
        # A black ring found only grown is as likely a fax's or a photo's stroke round print: left (taken
        # off by its shape, such rings cost blind21's and blind29's faxes and photos a field each).
        return False if seal.broken else _clear_black(out, ink, seal, paper)
    split = (seal_grey + core) / 2  # what is lighter than half-way goes …
    cores = window <= split
    # … but a stroke's rim beside its core stays, up to the seal's own grey: print under a seal at
    # 150 dpi is a core a pixel wide (without its rim "PHÓ" read "PHO").
    rims = cv2.dilate(cores.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool) & (window < seal_grey)
    out[y0:y1, x0:x1][(distance <= reach) & ~(cores | rims)] = paper
    return True


# A black seal's rings: radii where ink lies under this share of the circle (outer rings 0.85-1.0,
# a thin inner ring 0.45-0.8 on the blind scans; the ring's lettering 0.3-0.37 over a wide band),
# looked for between these shares of the radius.
BLACK_RING_COVERAGE = 0.4
RING_SEARCH = (0.5, 1.1)
# … and no wider than this share of the radius (a ring is a line; lettering is a band).
BLACK_RING_WIDTH = 0.06
# A ring's pixels are taken this far (pixels) beyond where its coverage fell below the share (its
# soft edge); a stroke crosses it where ink lies this far beyond both edges along the radius.
RING_EDGE = 1.5
CROSSING_PROBE = 2
# The lettering lies between the inner ring and the outer; a seal with no inner ring found has its
# lettering from this share of the radius out. The inner ring lies at least GAP of the radius inside.
LETTERING_FROM = 0.7
INNER_RING_GAP = 0.1
# The star: ink thicker than this share of the radius (a seal's star measures a fifth of the radius
# across its body; bold print's strokes a thirtieth) within this share of the radius of the centre.
STAR_THICKNESS = 0.07
STAR_REACH = 0.4


def _ring_bands(ink: Pixels, seal: Seal) -> list[tuple[float, float]]:
    """The radii (from, to) of a black seal's rings: narrow bands of radii where ink lies under most
    of the circle."""
    angles = np.linspace(0, 2 * np.pi, 2 * RING_POINTS, endpoint=False)
    low, high = RING_SEARCH
    bands: list[tuple[float, float]] = []
    start = None
    radii = np.arange(low * seal.radius, high * seal.radius, 1.0)
    for k, r in enumerate(radii):
        covered = _coverage(ink, seal.x, seal.y, r, angles) >= BLACK_RING_COVERAGE
        if covered and start is None:
            start = r
        if start is not None and (not covered or k == len(radii) - 1):
            if r - start <= BLACK_RING_WIDTH * seal.radius:
                bands.append((start, r))
            start = None
    return bands


def _clear_black(out: Pixels, ink: Pixels, seal: Seal, paper: int) -> bool:
    """A black seal taken off `out` (see the module's docstring); False when no ring of it is found."""
    bands = _ring_bands(ink, seal)
    if not bands:
        return False
    height, width = ink.shape
    reach = seal.radius * RING_SEARCH[1] + RING_EDGE + CROSSING_PROBE
    x0, x1 = max(0, int(seal.x - reach)), min(width, int(seal.x + reach) + 1)
    y0, y1 = max(0, int(seal.y - reach)), min(height, int(seal.y + reach) + 1)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    distance = np.hypot(xx - seal.x, yy - seal.y)
    theta = np.arctan2(yy - seal.y, xx - seal.x)
    window_ink = ink[y0:y1, x0:x1]

    def ink_at(radius: float) -> Pixels:  # the ink at `radius` along each pixel's own radius
        xs = np.clip((seal.x + radius * np.cos(theta)).astype(int), 0, width - 1)
        ys = np.clip((seal.y + radius * np.sin(theta)).astype(int), 0, height - 1)
        found: Pixels = ink[ys, xs]
        return found

    remove = np.zeros_like(window_ink)
    for low, high in bands:  # the rings, but where a stroke of print crosses them
        low, high = low - RING_EDGE, high + RING_EDGE
        crossing = ink_at(low - CROSSING_PROBE) & ink_at(high + CROSSING_PROBE)
        remove |= (distance >= low) & (distance <= high) & window_ink & ~crossing
    outer = max(low for low, _ in bands) - RING_EDGE
    inner = max((high for _, high in bands if high < outer - INNER_RING_GAP * seal.radius),
                default=LETTERING_FROM * seal.radius) + RING_EDGE
    left = (window_ink & ~remove).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(left, connectivity=8)
    for k in range(1, count):  # the lettering: pieces wholly between the rings, once they are gone
        x, y, w, h = (int(v) for v in stats[k][:4])
        piece = labels[y:y + h, x:x + w] == k
        d = distance[y:y + h, x:x + w][piece]
        if d.min() >= inner - CROSSING_PROBE and d.max() <= outer + CROSSING_PROBE:
            remove[y:y + h, x:x + w] |= piece
    size = max(3, round(STAR_THICKNESS * seal.radius))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    body = cv2.dilate(cv2.morphologyEx(left, cv2.MORPH_OPEN, kernel), kernel).astype(bool)
    remove |= body & window_ink & (distance <= STAR_REACH * seal.radius)  # the star, thicker than print
    out[y0:y1, x0:x1][remove] = paper
    return True
