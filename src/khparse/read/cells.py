"""A table found on a page, cell by cell: its cell boxes (from a ruled PDF table or a scanned grid)
put on a grid of rows and columns, the page's words put into the cells, and the page's lines with
the table in its place in reading order, as Markdown pipe rows (read/tables.py).

Both sources of cell boxes end here, so a ruled text-layer table and a scanned one are filled and
emitted the same way: a word belongs to the cell holding the centre of its box; a cell's lines are
joined with a space (a wrapped cell reads as one); a cell spanning several columns or rows carries
its text in its first (top-left) position and leaves the others empty.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from khparse.read.layout import Word, page_lines
from khparse.read.tables import pipe_rows

# A table has at least this many rows (header included) and columns: one framed box (a received
# stamp, a boxed note) or a single ruled row is no table.
MIN_ROWS, MIN_COLUMNS = 2, 2

Box = tuple[float, float, float, float]  # x0, top, x1, bottom; top-left origin


@dataclass(frozen=True)
class Cell:
    """A cell's box and where it sits on the table's grid (top-left position and spans)."""

    x0: float
    top: float
    x1: float
    bottom: float
    row: int
    column: int
    rows: int = 1
    columns: int = 1


@dataclass(frozen=True)
class Table:
    """A table as read: its box on the page and its cells' text, row by row (first row: header)."""

    x0: float
    top: float
    x1: float
    bottom: float
    rows: tuple[tuple[str, ...], ...]

    @property
    def lines(self) -> list[str]:
        return pipe_rows(self.rows)

    def contains(self, word: Word) -> bool:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        return self.x0 <= cx <= self.x1 and self.top <= cy <= self.bottom


def _edges(values: Sequence[float], tolerance: float) -> list[float]:
    """Distinct positions among `values` (each edge given by its lowest value): a value within
    `tolerance` of the one before it is the same edge. Chained, so that an edge drifting along a
    slightly turned table stays one (blind40: a scan turned 0.44°, under the deskew's 0.5°, moved a
    rule 20 px down a 2,600 px table and split every column in two)."""
    out: list[float] = []
    last = None
    for value in sorted(values):
        if last is None or value - last > tolerance:
            out.append(value)
        last = value
    return out


def _index(edges: list[float], value: float, tolerance: float) -> int:
    """The edge `value` belongs to: the last whose lowest value is at most `tolerance` above it."""
    return max(0, bisect_right(edges, value + tolerance) - 1)


def grid(boxes: Sequence[Box], tolerance: float) -> list[Cell] | None:
    """Cell boxes placed on a grid: the distinct left/right edges are the column boundaries, the
    distinct top/bottom edges the row boundaries (edges within `tolerance` are the same); None when
    the boxes make fewer than MIN_ROWS rows or MIN_COLUMNS columns."""
    if not boxes:
        return None
    xs = _edges([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
    ys = _edges([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
    if len(xs) - 1 < MIN_COLUMNS or len(ys) - 1 < MIN_ROWS:
        return None
    cells = []
    for x0, top, x1, bottom in boxes:
        column, row = _index(xs, x0, tolerance), _index(ys, top, tolerance)
        columns = max(1, _index(xs, x1, tolerance) - column)
        rows = max(1, _index(ys, bottom, tolerance) - row)
        cells.append(Cell(x0, top, x1, bottom, row, column, rows, columns))
    return cells


def _overlap(word: Word, cell: Cell) -> float:
    w = min(word.x1, cell.x1) - max(word.x0, cell.x0)
    h = min(word.bottom, cell.bottom) - max(word.top, cell.top)
    return w * h if w > 0 and h > 0 else 0.0


def _cell_text(words: list[Word]) -> str:
    """A cell's words as one line: lines top to bottom (a word joins the line its centre falls
    in), words left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        if lines and min(w.top for w in lines[-1]) <= centre <= max(w.bottom for w in lines[-1]):
            lines[-1].append(word)
        else:
            lines.append([word])
    return " ".join(w.text for line in lines for w in sorted(line, key=lambda w: w.x0))


def fill(cells: Sequence[Cell], words: Sequence[Word]) -> Table:
    """The table with each word whose centre lies inside it in the cell holding that centre (else,
    a word centred on a ruling line, in the cell it overlaps most)."""
    box = (min(c.x0 for c in cells), min(c.top for c in cells), max(c.x1 for c in cells),
           max(c.bottom for c in cells))
    content: dict[int, list[Word]] = {}
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if not (box[0] <= cx <= box[2] and box[1] <= cy <= box[3]):
            continue
        found = next((i for i, c in enumerate(cells) if c.x0 <= cx <= c.x1 and c.top <= cy <= c.bottom), None)
        if found is None:
            overlaps = [_overlap(word, c) for c in cells]
            best = max(range(len(cells)), key=overlaps.__getitem__)
            if overlaps[best] <= 0:
                continue
            found = best
        content.setdefault(found, []).append(word)
    n_rows = max(c.row + c.rows for c in cells)
    n_columns = max(c.column + c.columns for c in cells)
    rows = [[""] * n_columns for _ in range(n_rows)]
    for i, cell in enumerate(cells):
        text = _cell_text(content.get(i, []))
        # A cell hanging down over rows (a lead unit shared by two tasks) is repeated in each row it
        # covers, as a markup table's rowspan is (read/markup_tables.py); one spanning columns (a
        # group's row) stands in its first.
        for row in range(cell.row, cell.row + cell.rows) if text else ():
            rows[row][cell.column] = f"{rows[row][cell.column]} {text}".strip()
    return Table(*box, tuple(tuple(r) for r in rows))


def lines_with_tables(words: Sequence[Word], width: float, tables: Sequence[Table]) -> list[str]:
    """The page's lines in reading order (layout.page_lines) with each table's words replaced by
    its pipe rows, placed where the table stands: text above a table's middle comes before it."""
    if not tables:
        return page_lines(words, width)
    ordered = sorted(tables, key=lambda t: t.top)
    rest = [w for w in words if not any(t.contains(w) for t in ordered)]
    out: list[str] = []
    above = float("-inf")
    for table in ordered:
        middle = (table.top + table.bottom) / 2
        band = [w for w in rest if above <= (w.top + w.bottom) / 2 < middle]
        out += page_lines(band, width)
        out += table.lines
        above = middle
    out += page_lines([w for w in rest if (w.top + w.bottom) / 2 >= above], width)
    return out
