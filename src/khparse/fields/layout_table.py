"""A table laid out with spaces (pdftotext -layout, a typewritten page): columns found where every
row leaves a gap, cells wrapped onto the next lines joined again.

    TT   Nhiệm vụ                        Đơn vị chủ trì      Thời hạn
    1    Hướng dẫn người dân nộp hồ sơ   Trung tâm Phục vụ   Tháng 10/2025
         trực tuyến                      hành chính công xã

A line whose first cell (the row number) is empty continues the row above, cell by cell. Splitting
each line on its own gaps cannot do this: the wrapped line reads as a row of its own.
"""

from __future__ import annotations

import re

from khparse.fold import fold
from khparse.lines import Line

# Cells are set apart by two spaces or more; one space is inside a cell.
_CHUNK = re.compile(r"\S+(?: \S+)*")
# A line with this many cells or more shows where the columns are (a group row such as
# "I    Nhóm tiện ích …" runs across them and does not).
MIN_ROW_CELLS = 3


# A column starts where at least this many rows start a cell: a cell that runs up to the next one
# with a single space ("Phòng Chính sách dân tộc Văn phòng Sở", as lynx and typewriters leave a
# full cell) is cut there.
MIN_ROWS_STARTING = 2


def _chunks(raw: str, starts: tuple[int, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cell of a line, a cell cut again at `starts` (sorted) where a word
    begins there."""
    out: list[tuple[int, int, str]] = []
    for m in _CHUNK.finditer(raw):
        cuts = [x for x in starts if m.start() < x < m.end() and raw[x - 1] == " " and raw[x] != " "]
        for a, b in zip([m.start(), *cuts], [*cuts, m.end()], strict=True):
            text = raw[a:b].rstrip()
            out.append((a, a + len(text), text))
    return out


def _column_starts(raws: list[str]) -> tuple[int, ...]:
    """Where the rows' cells start, in order: positions at which several full rows start one."""
    counts: dict[int, int] = {}
    for chunks in map(_chunks, raws):
        if len(chunks) >= MIN_ROW_CELLS:
            for start, _, _ in chunks:
                counts[start] = counts.get(start, 0) + 1
    return tuple(sorted(x for x, n in counts.items() if n >= MIN_ROWS_STARTING))


def is_layout_row(raw: str) -> bool:
    """A line of cells set apart by runs of spaces, not by "|" or tabs."""
    return "|" not in raw and "\t" not in raw and len(_chunks(raw)) >= MIN_ROW_CELLS


def _columns(lines_chunks: list[list[tuple[int, int, str]]], width: int) -> list[tuple[int, int]]:
    """(start, end) of each column: the stretches where the full rows have ink."""
    ink = [False] * width
    for chunks in lines_chunks:
        if len(chunks) >= MIN_ROW_CELLS:
            for start, end, _ in chunks:
                for x in range(start, end):
                    ink[x] = True
    columns: list[tuple[int, int]] = []
    x = 0
    while x < width:
        if ink[x]:
            start = x
            while x < width and ink[x]:
                x += 1
            columns.append((start, x))
        x += 1
    return columns


def _column_of(start: int, end: int, columns: list[tuple[int, int]]) -> int:
    overlaps = [max(0, min(end, c_end) - max(start, c_start)) for c_start, c_end in columns]
    return max(range(len(columns)), key=lambda i: (overlaps[i], -abs(columns[i][0] - start)))


def layout_table(lines: list[Line]) -> tuple[list[str], list[list[str]]] | None:
    """(columns, rows) of a space-laid table whose header is `lines[0]`; None when the lines are
    not laid out so."""
    raws = [line.raw.rstrip() for line in lines]
    if not raws or not is_layout_row(raws[0]):
        return None
    starts = _column_starts(raws)
    lines_chunks = [_chunks(raw, starts) for raw in raws]
    columns = _columns(lines_chunks, max(len(r) for r in raws))
    if len(columns) < MIN_ROW_CELLS:
        return None
    line_cells = _line_cells(lines_chunks, columns)
    below, centred = _rows_below(line_cells), _rows_centred(line_cells)
    if _starts_of_cells(centred) > _starts_of_cells(below):
        # Centred cells start wherever their text is centred, so two cells of one row may stand one space
        # apart: cut them where the row shows the second one starts.
        cut = [_cut_across(n, raws, lines_chunks, columns) for n in range(len(raws))]
        grid = _rows_centred(_line_cells(cut, columns))
    else:
        grid = below
    # A table continued on a new page repeats its header there: no row of data.
    header = [fold(cell) for cell in grid[0]]
    return grid[0], [row for row in grid[1:] if [fold(cell) for cell in row] != header]


def _line_cells(lines_chunks: list[list[tuple[int, int, str]]], columns: list[tuple[int, int]]) -> list[list[str]]:
    """Each line's text by column."""
    out: list[list[str]] = []
    for chunks in lines_chunks:
        cells = [""] * len(columns)
        for start, end, text in chunks:
            at = _column_of(start, end, columns)
            cells[at] = f"{cells[at]} {text}".strip()
        out.append(cells)
    return out


def _join(rows: list[list[str]]) -> list[str]:
    return [" ".join(cell for cell in column if cell) for column in zip(*rows, strict=True)]


def _rows_below(line_cells: list[list[str]]) -> list[list[str]]:
    """Rows whose wrapped lines follow their first line: a line whose first cell (the row number) is
    empty goes on with the row above."""
    groups: list[list[list[str]]] = []
    for cells in line_cells:
        if groups and not cells[0]:
            groups[-1].append(cells)
        else:
            groups.append([cells])
    return [_join(group) for group in groups]


def _rows_centred(line_cells: list[list[str]]) -> list[list[str]]:
    """Rows whose cells are centred on the row number's line, as Word's vertically centred cells come
    out of pdftotext -layout ("     Tổ chức …" / "1   …" / "     của phường …"): a line without a number
    belongs to the nearest numbered line (the header counts as one). Halfway between two, a line whose
    cells go on in small letters ends the row above; one whose cells start with capitals begins the next."""
    anchors = [0, *(i for i in range(1, len(line_cells)) if line_cells[i][0])]
    groups: dict[int, list[list[str]]] = {a: [] for a in anchors}
    for i, cells in enumerate(line_cells):
        goes_on = any(cell[:1].islower() for cell in cells)
        nearest = min(anchors, key=lambda a: (abs(a - i), a if goes_on else -a))
        groups[nearest].append(cells)
    return [_join(groups[a]) for a in anchors]


def _starts_of_cells(grid: list[list[str]]) -> int:
    """How many data cells start as a cell does (a capital or a figure), not in the middle of a
    sentence: the reading of the rows that is right has more."""
    return sum(1 for row in grid[1:] for cell in row[1:] if cell[:1].isupper() or cell[:1].isdigit())


# A cell that runs into the next column's stretch by this many characters or more holds two cells
# that pdftotext set one space apart ("Công an phường Các tổ dân phố": a lead and its partner).
MIN_OVERRUN = 3
# Where no line of the row starts a cell there, the second cell is the word in capitals that starts
# within this many characters of the next column's heading.
HEADING_REACH = 4
# The lines around a line that show its row's cell starts (a centred row spans two or three each way).
ROW_REACH = 2


def _cut_across(n: int, raws: list[str], lines_chunks: list[list[tuple[int, int, str]]],
                columns: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Line `n`'s chunks, a chunk running across two columns cut where the second cell starts: where
    a neighbouring line of its row starts a cell, else at a capitalised word near the heading's start."""
    if n == 0:  # the heading
        return lines_chunks[0]
    raw = raws[n]
    heading_starts = [start for start, _, _ in lines_chunks[0]]
    near = {s for k in range(max(1, n - ROW_REACH), min(len(raws), n + ROW_REACH + 1)) if k != n
            for s, _, _ in lines_chunks[k]}
    out: list[tuple[int, int, str]] = []
    for start, end, text in lines_chunks[n]:
        overlaps = sorted((max(0, min(end, b) - max(start, a)), k) for k, (a, b) in enumerate(columns))
        if len(overlaps) < 2 or overlaps[-2][0] < MIN_OVERRUN:
            out.append((start, end, text))
            continue
        second = min(overlaps[-1][1], overlaps[-2][1]) + 1  # the later of the two columns
        words = [x for x in range(start + 1, end) if raw[x - 1] == " " and raw[x] != " "]
        # Only a start at the second column's stretch (its cells are centred: they may start a little
        # before the stretch the full rows mark).
        lo, hi = columns[second][0] - HEADING_REACH, columns[second][1]
        cut = next((x for x in words if lo <= x < hi and (x in near or x - 1 in near or x + 1 in near)), None)
        if cut is None:
            aim = min(heading_starts, key=lambda h: abs(h - columns[second][0]))
            capitals = [x for x in words if raw[x].isupper() and abs(x - aim) <= HEADING_REACH]
            cut = min(capitals, key=lambda x: abs(x - aim), default=None)
        if cut is None:
            out.append((start, end, text))
            continue
        first = raw[start:cut].rstrip()
        out += [(start, start + len(first), first), (cut, end, raw[cut:end])]
    return out
