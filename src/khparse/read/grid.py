"""Ruled tables in a page image (a scanned appendix), read cell by cell.

The grid is found on the page image with OpenCV: the ink is binarised, and a morphological opening
with a long, thin horizontal kernel keeps only the horizontal rules (text strokes are far shorter),
one with a long vertical kernel only the vertical rules. Rules that touch make a table; the white
areas the rules enclose are its cells (so a cell spanning two columns or rows is one area), placed
on a grid of rows and columns by their edges (read/cells.py).

The page is read without its tables (whitened), and the tables' cells are cut out, binarised and
stacked one under another into one image that the engine reads as one block of lines (tesseract
`--psm 6`); each word goes back to its cell, a cell's wrapped lines are joined. Measured on the
ruled appendix scan of tests/table_material.py (45 cells, 300 dpi):
- the whole page OCRed once (`--psm 3`, rules whitened), words put in cells by their boxes: 12/45
  cells right — tesseract merges the lines of cells side by side, centred at different heights,
  into one line and misreads it ("Ti Ụ MẸ thế đen gi0" for "Xây dựng và ban hành Kế");
- each cell OCRed on its own (`--psm 6` on its crop): 41/45 in 11.4 s (45 tesseract runs);
- the cells stacked into one image: 43/45 (landscape 44/45) in 2-3 s, one tesseract run besides the
  page's. benchmarks/bench_tables.py prints the figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from khparse.read.cells import Box, Table, fill, grid
from khparse.read.engine import OcrEngine, OcrPage, Orientation
from khparse.read.layout import Word

if TYPE_CHECKING:
    from khparse.read.tesseract import StartedPage

# Binarisation: the mean of a block this share of the page width, less this many grey levels (a
# rule or a glyph is much darker than the paper around it; uneven light and blur move the mean).
BLOCK_SHARE, BLOCK_OFFSET = 0.012, 15
# A horizontal rule is at least this long (inches), a vertical one at least this: longer than any
# stroke of a glyph (a 14 pt capital stands 0.14 in, a 12 pt em dash is 0.17 in wide, a bracket
# 0.2 in tall), shorter than the narrowest column (TT, about 0.4 in) and than a row of one line of
# text (about 0.3 in with its padding). In inches, not shares of the page: a landscape page is
# less tall, its glyphs are not.
HORIZONTAL_RULE, VERTICAL_RULE = 0.3, 0.25
# A table is at least this share of the page's width and height: smaller framed things (a received
# stamp, a boxed page number) are not tables.
MIN_TABLE_WIDTH, MIN_TABLE_HEIGHT = 0.25, 0.04
# A box of rules smaller than a table, or no grid of cells, at least this share of the page's width
# and height and less than MAX_FRAME_SHARE of both, is a frame: a received stamp's ("CÔNG VĂN ĐẾN",
# its lines to fill in) or a boxed note. tesseract takes a frame with text and handwriting in it for
# a picture and reads nothing of the print it crosses (the issuer and number under a grey stamp at
# 150 dpi); its rules are painted over before the page is read. A box round the whole page stays.
MIN_FRAME_WIDTH, MIN_FRAME_HEIGHT, MAX_FRAME_SHARE = 0.08, 0.02, 0.6
# A grid holding more than this share of a smaller grid's box is a frame round it, no table (_innermost).
HELD_SHARE = 0.5
# A streak: a vertical line at least this share of the page's height (bridged over gaps of STREAK_GAP
# inches) and at most STREAK_WIDTH inches wide, hardly ruled across (STREAK_CROSSINGS): a scratch down a
# microfilm frame, dust on a feeder's glass drawn down every page, a copier's toner streak. It runs
# through the letters it crosses ("năm" read "¡ iam", a "!" after the place) and is painted over
# with the frames. A table's rules meet rules across; a page's margin rule stays only if it is wide.
STREAK_SHARE, STREAK_GAP, STREAK_WIDTH = 0.3, 0.2, 0.04
# A table's vertical rule is crossed by its rows' rules; a streak by an underline or two on its way,
# and a scratch down a microfilm frame by the frame's box at its ends (within STREAK_ENDS of its
# length): crossed by at most STREAK_CROSSINGS rules between its ends, a line outside every table
# found is a streak.
STREAK_CROSSINGS, STREAK_ENDS = 3, 0.03
# A line this close to the page's side (share of its width) is the sheet's or the scanner's edge, which
# crosses no text: it is left as it is (filled in, the page read differently for nothing).
STREAK_MARGIN = 0.03
# Rules are thickened by this many pixels each way (per 300 dpi) before cells are found, so a rule
# broken by a faint scan or by text touching it still closes its cells.
RULE_GROW = 2
# A cell is at least this many pixels each way (per 300 dpi): smaller white areas are gaps between
# doubled rules or the corner where rules cross.
MIN_CELL = 12
# Cell edges closer than this share of the page width are one column or row boundary: two cells
# side by side are a rule apart (4-10 px at 300 dpi), and a scan turned 0.3° moves a 20 cm rule
# by about 1 mm.
EDGE_SHARE = 0.008
# Cells are cropped this many pixels (per 300 dpi) inside their rules, around their ink with this
# margin, and stacked this far apart: a blank band taller than a line's leading keeps each cell's
# lines apart from the next cell's.
CELL_INSET, CELL_MARGIN, STACK_GAP = 3, 10, 40
# Grey levels below this are ink when a cell's text is cropped (paper about 200-255 even on a
# grey scan, print below 120).
INK_LEVEL = 150
# A cell's ink at most this wide and tall (inches) is small (a row number, "(1)", a short date):
# such cells are set side by side on lines at most SMALL_LINE inches long in the stack.
SMALL_CELL, SMALL_LINE = (0.6, 0.3), 4.0
SMALL_GAP = 1  # small cells on a line stand one stack gap apart (wider gaps measured worse: each digit read alone)

Mask = NDArray[np.uint8]


@dataclass(frozen=True)
class Grid:
    """A table's grid found on a page image: its cells (pixels) and the mask of its rules."""

    cells: tuple[Box, ...]
    box: Box


@dataclass(frozen=True)
class Found:
    """The grids of a page and the mask of every rule on it (to whiten before OCR); `frames`: the rules
    of boxes that are no table (a received stamp's frame), whitened too."""

    grids: tuple[Grid, ...]
    rules: Mask | None
    frames: Mask | None = None
    streaks: Mask | None = None  # lines down the page that are no rules (STREAK_SHARE), filled in


def _binary(grey: NDArray[np.uint8], width: int) -> Mask:
    import cv2

    block = max(3, int(BLOCK_SHARE * width) | 1)
    return np.asarray(cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                            block, BLOCK_OFFSET), dtype=np.uint8)


def _rules(binary: Mask, dpi: int) -> tuple[Mask, Mask]:
    """The horizontal and the vertical rules of a binarised page. A one-pixel rule that steps a row (a
    scan turned a fraction of a degree, or turned straight by interpolation) or has lost a pixel is
    runs shorter than a rule, and the cell it closes is lost (blind27's 200 dpi G4 table: one-pixel
    gaps where the rule under a row stepped, in the 85-pixel TT column, and in the rule over the
    header). So the ink is grown a pixel across each rule's direction (a step's rows then overlap) and
    its one-pixel gaps along it filled before the runs are measured, then thinned back.
    Gaps of two pixels are not closed: the feet of letters two pixels apart made rules under the words
    of a 200 dpi grey scan's cells, and split them."""
    return (rule_runs(binary, round(HORIZONTAL_RULE * dpi), across=True),
            rule_runs(binary, round(VERTICAL_RULE * dpi), across=False))


def rule_runs(binary: Mask, length: int, *, across: bool) -> Mask:
    """The ink of `binary` (a mask) in runs at least `length` pixels long, across the page or down it,
    as rules are measured (see _rules), its one-pixel gaps filled."""
    import cv2

    thick = np.asarray(cv2.getStructuringElement(cv2.MORPH_RECT, (1, 3) if across else (3, 1)), dtype=np.uint8)
    # Of odd length: a kernel of even length is not centred, and the runs came out a pixel aside.
    line = np.asarray(cv2.getStructuringElement(cv2.MORPH_RECT, (length | 1, 1) if across else (1, length | 1)),
                      dtype=np.uint8)
    runs = np.asarray(cv2.morphologyEx(_gaps_filled(np.asarray(cv2.dilate(binary, thick), dtype=np.uint8), across),
                                       cv2.MORPH_OPEN, line), dtype=np.uint8)
    # The ink itself within the runs, as thick as the rules are: the cells keep their edges.
    return np.asarray(runs & _gaps_filled(binary, across), dtype=np.uint8)


def _gaps_filled(mask: Mask, across: bool) -> Mask:
    """`mask` with each one-pixel gap filled where it is set on both sides of the gap, along or down."""
    out = mask.copy()
    if across:
        out[:, 1:-1] |= mask[:, :-2] & mask[:, 2:]
    else:
        out[1:-1, :] |= mask[:-2, :] & mask[2:, :]
    return out


def find(image: Image.Image, dpi: int | None = None) -> Found:
    """The ruled tables on a page image; with the frames, the streaks down it (_streaks)."""
    import cv2

    grey = np.asarray(image.convert("L"), dtype=np.uint8)
    height, width = grey.shape
    scale = (dpi or 300) / 300
    horizontal, vertical = _rules(_binary(grey, width), dpi or 300)
    if not vertical.any() or not horizontal.any():
        return Found((), None, None, _streaks(horizontal, vertical, dpi or 300, ()))
    grow = max(1, round(RULE_GROW * scale))
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (2 * grow + 1, 2 * grow + 1))
    rules = np.asarray(cv2.dilate(cv2.bitwise_or(horizontal, vertical), kernel), dtype=np.uint8)
    # Outer contours, not connected components: labelling a whole page costs ~0.2 s, this ~0.01 s.
    contours, _ = cv2.findContours(rules, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    grids = []
    frames: list[tuple[int, int, int, int]] = []
    for contour in contours:
        x, y, w, h = (int(v) for v in cv2.boundingRect(contour))
        if w < MIN_FRAME_WIDTH * width or h < MIN_FRAME_HEIGHT * height:
            continue
        inside = rules[y:y + h, x:x + w] > 0
        if not (vertical[y:y + h, x:x + w][inside].any() and horizontal[y:y + h, x:x + w][inside].any()):
            continue
        found = None
        if w >= MIN_TABLE_WIDTH * width and h >= MIN_TABLE_HEIGHT * height:
            found = _grid(inside, x, y, grow, round(MIN_CELL * scale), EDGE_SHARE * width)
        if found is not None:
            grids.append(found)
        elif w < MAX_FRAME_SHARE * width and h < MAX_FRAME_SHARE * height:
            frames.append((x, y, w, h))
    grids = _innermost(grids)
    framed = _masked(rules, frames) if frames else None
    streaks = _streaks(horizontal, vertical, dpi or 300, [table.box for table in grids])
    if not grids:
        return Found((), None, framed, streaks)
    inside_tables = np.zeros_like(rules)
    for table in grids:
        x0, top, x1, bottom = (int(v) for v in table.box)
        inside_tables[top:bottom, x0:x1] = rules[top:bottom, x0:x1]
    return Found(tuple(grids), inside_tables, framed, streaks)


def _innermost(grids: list[Grid]) -> list[Grid]:
    """The grids without those that hold most of a smaller one: no table holds or overlaps a table;
    such a grid is a frame round the page (a binder's strip and the sheet's edges joined to the
    table's rules) with the table as one of its "cells", whose cells read the table's words twice
    (a blind scan in a plastic sleeve)."""
    def area(box: Box) -> float:
        return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])

    def holds(outer: Box, inner: Box) -> bool:
        shared = (max(outer[0], inner[0]), max(outer[1], inner[1]), min(outer[2], inner[2]), min(outer[3], inner[3]))
        return area(outer) > area(inner) and area(shared) > HELD_SHARE * area(inner)

    return [g for g in grids if not any(holds(g.box, other.box) for other in grids)]


def _streaks(horizontal: Mask, vertical: Mask, dpi: int, tables: Sequence[Box]) -> Mask | None:
    """The vertical rules that are streaks (STREAK_SHARE) outside the `tables` found, or None."""
    import cv2

    if not vertical.any():
        return None
    height, width = vertical.shape
    bridge = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(1, round(STREAK_GAP * dpi)) | 1))
    joined = np.asarray(cv2.dilate(vertical, bridge), dtype=np.uint8)
    contours, _ = cv2.findContours(joined, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = np.zeros_like(vertical)
    reach = max(1, round(RULE_GROW * dpi / 300)) + 1
    for contour in contours:
        x, y, w, h = (int(v) for v in cv2.boundingRect(contour))
        if h < STREAK_SHARE * height or w > STREAK_WIDTH * dpi or not (
                STREAK_MARGIN * width <= x + w / 2 <= (1 - STREAK_MARGIN) * width):
            continue
        if any(left <= x + w / 2 <= right and top <= y + h / 2 <= bottom for left, top, right, bottom in tables):
            continue
        ends = round(STREAK_ENDS * h)
        ruled = np.asarray(horizontal[y + ends:y + h - ends, max(0, x - reach):x + w + reach].any(axis=1), np.int8)
        crossings = int(np.count_nonzero(np.diff(ruled) == 1)) + int(ruled[:1].sum())  # rules met, one each
        if crossings > STREAK_CROSSINGS:
            continue  # the rules of rows cross it: a table's that was not found as one
        out[y:y + h, x:x + w] = vertical[y:y + h, x:x + w]
    return out if out.any() else None


def _masked(rules: Mask, boxes: list[tuple[int, int, int, int]]) -> Mask:
    """`rules` within `boxes` (x, y, width, height), nothing elsewhere."""
    out = np.zeros_like(rules)
    for x, y, w, h in boxes:
        out[y:y + h, x:x + w] = rules[y:y + h, x:x + w]
    return out


def _grid(inside: NDArray[np.bool_], x: int, y: int, grow: int, min_cell: int, tolerance: float) -> Grid | None:
    """The cells of one table: white areas enclosed by its rules (`inside`: the table's rule mask
    within its bounding box at x, y), each grown back by the rules' thickening."""
    import cv2

    space = np.asarray(~inside, dtype=np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(space, connectivity=4)
    h_all, w_all = inside.shape
    boxes: list[Box] = []
    for label in range(1, count):
        cx, cy, w, h, _area = (int(v) for v in stats[label])
        if cx == 0 or cy == 0 or cx + w >= w_all or cy + h >= h_all:
            continue  # outside the frame
        if w < min_cell or h < min_cell:
            continue
        boxes.append((float(x + cx - grow), float(y + cy - grow), float(x + cx + w + grow), float(y + cy + h + grow)))
    cells = grid(boxes, tolerance)
    if cells is None:
        return None
    return Grid(tuple(boxes), (float(x), float(y), float(x + w_all), float(y + h_all)))


def paper_grey(pixels: NDArray[np.uint8]) -> int:
    """The paper's grey: what a page is mostly made of (every fourth pixel each way is plenty).
    Rules and tables are painted over in it, not in white: on a grey scan (paper at 228) a white
    table-sized patch makes the page two-toned, tesseract's threshold falls between paper and
    patch, and the whole paper reads as ink: nothing of the page around a table was read (a
    landscape Phụ lục scanned at 200 dpi grey lost its title)."""
    return int(np.median(pixels[::4, ::4]))


def erase(image: Image.Image, found: Found, paper: int) -> Image.Image:
    """The page with its tables' rules and its frames painted over in the paper's grey (paper_grey),
    and its streaks filled in from either side: painted over, they cut the letters they crossed
    ("năm" read "ıăm"); filled in, a stroke across them goes on and the paper beside them closes."""
    import cv2

    pixels = np.array(image.convert("L"), dtype=np.uint8)
    for mask in (found.rules, found.frames):
        if mask is not None:
            pixels[mask > 0] = paper
    if found.streaks is not None:
        # A pixel each side too: the streak's soft edges, half ink.
        edges = cv2.dilate(found.streaks, np.ones((1, 3), np.uint8))
        pixels = np.asarray(cv2.inpaint(pixels, edges, 2, cv2.INPAINT_TELEA), dtype=np.uint8)
    return Image.fromarray(pixels)


def _without_tables(page: Image.Image, found: Found, paper: int) -> Image.Image:
    """The page with its tables painted over in the paper's grey: the page's text around them is read
    as a page."""
    pixels = np.array(page, dtype=np.uint8)
    for table in found.grids:
        x0, top, x1, bottom = (int(v) for v in table.box)
        pixels[top:bottom, x0:x1] = paper
    return Image.fromarray(pixels)


@dataclass(frozen=True)
class _Strip:
    """One cell's text, cut out of the page and placed in the stack of cells: where it stands on
    the page (x, y) and in the stack (left, top; width, height)."""

    x: int
    y: int
    left: int
    top: int
    width: int
    height: int

    def holds(self, word: Word) -> bool:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return self.left <= cx <= self.left + self.width and self.top <= cy <= self.top + self.height


def _crops(page: Image.Image, found: Found, scale: float) -> list[tuple[int, int, Image.Image]]:
    """Each non-empty cell's ink, cropped with a margin, binarised, and where it stands."""
    import cv2

    inset, margin = round(CELL_INSET * scale), round(CELL_MARGIN * scale)
    grey = np.asarray(page, dtype=np.uint8)
    ink = grey < INK_LEVEL
    if found.rules is not None:
        # No rule's ink in a cell's crop, however near its rules the cell's edges fall: a pixel of the rule
        # under a bi-level cell was read as an "l" before its "1" ("cá nhân số l1").
        ink &= found.rules == 0
    speck = cv2.getStructuringElement(cv2.MORPH_RECT, (2, 2))
    crops: list[tuple[int, int, Image.Image]] = []
    for table in found.grids:
        for x0, top, x1, bottom in table.cells:
            left, upper = int(x0) + inset, int(top) + inset
            right, lower = int(x1) - inset, int(bottom) - inset
            if right - left < 2 or lower - upper < 2:
                continue
            cell = np.asarray(cv2.morphologyEx(ink[upper:lower, left:right].astype(np.uint8), cv2.MORPH_OPEN, speck))
            rows, columns = np.nonzero(cell.any(axis=1))[0], np.nonzero(cell.any(axis=0))[0]
            if not len(rows):
                continue  # an empty cell
            x, y = max(left, left + int(columns[0]) - margin), max(upper, upper + int(rows[0]) - margin)
            x1_, y1_ = min(right, left + int(columns[-1]) + 1 + margin), min(lower, upper + int(rows[-1]) + 1 + margin)
            # Binarised: the scan's grey noise costs a lone digit its reading ("3" read "<").
            crop = np.where(ink[y:y1_, x:x1_], 0, 255).astype(np.uint8)
            crops.append((x, y, Image.fromarray(crop)))
    return crops


def _stack(page: Image.Image, found: Found, dpi: int | None, paper: int) -> tuple[Image.Image, list[_Strip]] | None:
    """Every non-empty cell's ink stacked one under another, a gap apart, so the engine reads each
    cell's lines on their own (read as a page, the lines of cells side by side, centred at
    different heights, are merged into one and misread). Small one-line cells (row numbers) are
    set side by side on lines of their own, bottoms aligned: a lone digit on a line is often
    misread, a line of them is not."""
    scale = (dpi or 300) / 300
    gap = round(STACK_GAP * scale)
    crops = _crops(page, found, scale)
    if not crops:
        return None
    small_width, small_height = SMALL_CELL[0] * (dpi or 300), SMALL_CELL[1] * (dpi or 300)
    small = [c for c in crops if c[2].width <= small_width and c[2].height <= small_height]
    tall = [c for c in crops if not (c[2].width <= small_width and c[2].height <= small_height)]
    width = max([c.width for _, _, c in tall] + [round(SMALL_LINE * (dpi or 300))]) + 2 * gap
    placed: list[tuple[int, int, Image.Image, int, int]] = []  # page x, y, crop, stack left, top
    y, left, line_height = gap, gap, 0
    for x, top, crop in small:
        if left + crop.width + gap > width and left > gap:
            y, left, line_height = y + line_height + gap, gap, 0
        line_height = max(line_height, crop.height)
        placed.append((x, top, crop, left, y))
        left += crop.width + SMALL_GAP * gap
    if small:
        # bottoms aligned on each line of small cells
        lines: dict[int, int] = {}
        for _, _, crop, _, at in placed:
            lines[at] = max(lines.get(at, 0), crop.height)
        placed = [(x, top, crop, lx, at + lines[at] - crop.height) for x, top, crop, lx, at in placed]
        y += line_height + gap
    for x, top, crop in tall:
        placed.append((x, top, crop, gap, y))
        y += crop.height + gap
    stack = Image.new("L", (width, y), paper)
    strips = []
    for x, top, crop, lx, at in placed:
        stack.paste(crop, (lx, at))
        strips.append(_Strip(x, top, lx, at, crop.width, crop.height))
    return stack, strips


def _in_cell(word: Word, strips: list[_Strip]) -> Word:
    """The stack's word with its cell's place in the stack for its line (one line a cell)."""
    k = next((k for k, s in enumerate(strips) if s.holds(word)), None)
    return word if k is None else replace(word, line=(k,))


def _on_page(words: Sequence[Word], strips: list[_Strip]) -> list[Word]:
    """The stack's words moved back to where their cell stands on the page."""
    out = []
    for word in words:
        strip = next((s for s in strips if s.holds(word)), None)
        if strip is not None:
            dx, dy = strip.x - strip.left, strip.y - strip.top
            out.append(replace(word, x0=word.x0 + dx, x1=word.x1 + dx, top=word.top + dy,
                               bottom=word.bottom + dy, line=None))
    return out


def tables(found: Found, words: Sequence[Word], width: float) -> tuple[Table, ...]:
    """The page's tables, each cell filled with the words whose centre it holds."""
    out = []
    for table in found.grids:
        cells = grid(table.cells, EDGE_SHARE * width)
        if cells is not None:
            out.append(fill(cells, [w for w in words if w.text.strip(" |_")]))  # rules read as "|", "_"
    return tuple(out)


@dataclass(frozen=True)
class TableReading:
    """An OCR engine that reads a page's ruled tables cell by cell (read/engine.py's interface,
    around the engine that does the reading): the page without its tables is read as a page, the
    tables' cells as one stack of cells, and the page comes back with its tables (OcrPage.tables).
    A page without a grid costs one look for rules (tens of milliseconds)."""

    inner: OcrEngine
    photo: bool = False  # the page is a phone photo (read/prepare.py): the cells' marks doubted as its words'

    @property
    def name(self) -> str:
        return self.inner.name

    def missing(self) -> str | None:
        return self.inner.missing()

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        return self.inner.orientation(image, timeout=timeout)

    def read_crops(self, crops: Sequence[Image.Image], *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        """The inner engine's reading of crops (read/codes.py); nothing when it cannot read them."""
        from khparse.read.codes import CropReader

        if isinstance(self.inner, CropReader):
            return self.inner.read_crops(crops, word=word, timeout=timeout)
        return [() for _ in crops]

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False, started: StartedPage | None = None) -> OcrPage:
        """`started`: the inner engine's reading of this very page, begun early (read/early.py);
        taken when the page has no ruled table, stopped when it has."""
        found = Found((), None) if block else find(image, dpi)
        if not found.grids and found.frames is None and found.streaks is None:
            if started is not None and not block:
                return started.result(timeout=timeout, name=name, page=page)
            return self.inner.recognise(image, dpi=dpi, timeout=timeout, name=name, page=page, block=block)
        if not found.grids:
            # A frame or a streak and no table: the page read again without them (the early reading
            # had them), and its words as the page's.
            if started is not None:
                started.cancel()
            clean = erase(image, found, paper_grey(np.asarray(image.convert("L"))))
            return self.inner.recognise(clean, dpi=dpi, timeout=timeout, name=name, page=page)
        if started is not None:
            started.cancel()
        paper = paper_grey(np.asarray(image.convert("L")))  # measured once, for the rules, tables and stack
        clean = erase(image, found, paper)
        rest = _without_tables(clean, found, paper)
        # The page around its tables and the stack of their cells are two readings that do not wait
        # on each other: with tesseract the page's starts at once and runs beside the cells' (on another
        # core), and is waited for after them. Each reading is the one ocr_image gives.
        from khparse.read.tesseract import start_page

        beside = start_page(rest, dpi=dpi, engine=self.inner)
        try:
            words = self._cell_words(clean, found, dpi, paper, timeout, name, page)
            result = beside.result(timeout=timeout, name=name, page=page) if beside is not None else \
                self.inner.recognise(rest, dpi=dpi, timeout=timeout, name=name, page=page)
        finally:
            if beside is not None:
                beside.cancel()
        read = [w.confidence for w in [*result.words, *words] if w.confidence is not None]
        if not words:  # an engine without a block mode (a recorded one): the page's own words
            words = list(result.words)
        confidence = sum(read) / len(read) if read else result.confidence  # the page's and its cells' words
        return replace(result, tables=tables(found, words, image.width), confidence=confidence)

    def _cell_words(self, clean: Image.Image, found: Found, dpi: int | None, paper: int, timeout: float, name: str,
                    page: int) -> list[Word]:
        """The words of the tables' cells, read as one stack of cells, placed back on the page."""
        stacked = _stack(clean, found, dpi, paper)
        words: list[Word] = []
        if stacked is not None:
            from khparse.read.codes import crop_readings
            from khparse.read.ocr_marks import reread_marks

            cells = self.inner.recognise(stacked[0], dpi=dpi, timeout=timeout, name=name, page=page, block=True)
            # Marks re-read cell by cell: the language model reads a cell's words together, its
            # wrapped lines as one ("người / dân”": "dân” trên sóng" alone reads "đàn”"), not the
            # whole table as one line (which it cannot align).
            stack, inner = stacked[0], self.inner
            by_cell = tuple(_in_cell(w, stacked[1]) for w in cells.words)
            marked = reread_marks(by_cell, photo=self.photo,
                                  confirm=lambda ws: crop_readings(ws, stack, inner, timeout))
            words = _on_page(marked, stacked[1])
        return words
