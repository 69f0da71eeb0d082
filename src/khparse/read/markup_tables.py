"""Tables read from markup (Word XML, HTML, antiword's DocBook) cell by cell, made lines of the page.

(read/cells.py does the same job for tables found by position on a PDF page or a scan.)

Three kinds, told apart by shape (the same rule read/markdown.py applies to Markdown tables):
- page layout, two columns or fewer with text: the Decree 30 header (issuer | national title and
  motto) and the recipients | signature block. Read column by column, left column first, as
  read/layout.py reads the two columns of a PDF page, so "ỦY BAN NHÂN DÂN" is never merged with
  "CỘNG HÒA XÃ HỘI …". A row of one cell spanning the table (a title row) is read where it stands.
- layout tables of old web portals (a table that holds tables, or cells of whole pages of text):
  their cells are read one after another, as the page shows them.
- data, three columns or more with text (a Phụ lục task table): Markdown pipe rows (read/tables.py),
  the one table form the later stages read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from khparse.read.tables import pipe_rows

# A cell holding more than this is page text, not a table cell: the table is page layout.
LAYOUT_CELL_LINES = 15
LAYOUT_CELL_CHARS = 1500


@dataclass(frozen=True)
class Cell:
    """A cell of a markup table: its paragraphs, and the grid columns and rows it covers."""

    lines: tuple[str, ...]  # the cell's paragraphs, one a line
    span: int = 1  # grid columns it covers (colspan, gridSpan)
    rows: int = 1  # grid rows it covers (rowspan): the rows under it have no cell of their own there


# Cells that may hang down (rowspan); beyond it a table is damaged or hostile.
MAX_ROWSPAN = 200


def _placed(rows: Sequence[Sequence[Cell]]) -> tuple[list[list[tuple[int, Cell]]], list[dict[int, Cell]]]:
    """Each row's own cells with the grid column each starts at (a cell hanging down from a row above
    takes its columns: the row's cells start after it), and per row the cells hanging down into it
    from above, by column."""
    out: list[list[tuple[int, Cell]]] = []
    hanging: list[dict[int, Cell]] = []
    pending: dict[int, tuple[int, Cell]] = {}  # column -> (rows still covered, cell)
    for row in rows:
        above = {column: cell for column, (_, cell) in pending.items()}
        column, placed = 0, []
        for cell in row:
            while column in above:
                column += max(1, above[column].span)
            placed.append((column, cell))
            if cell.rows > 1:
                pending[column] = (min(cell.rows, MAX_ROWSPAN), cell)
            column += max(1, cell.span)
        out.append(placed)
        hanging.append(above)
        pending = {c: (left - 1, cell) for c, (left, cell) in pending.items() if left - 1 >= 1}
    return out, hanging


def _has_text(cell: Cell) -> bool:
    return any(line.strip() for line in cell.lines)


def _by_columns(grid: list[list[tuple[int, Cell]]], width: int) -> list[str]:
    """Rows between spanning rows read column by column, each column followed by a blank line."""
    out: list[str] = []
    block: list[list[tuple[int, Cell]]] = []

    def flush() -> None:
        for column in range(width):
            lines = [line for row in block for start, cell in row if start == column for line in cell.lines]
            if any(line.strip() for line in lines):
                out.extend([*lines, ""])
        block.clear()

    for row in grid:
        texts = [(start, cell) for start, cell in row if _has_text(cell)]
        if len(texts) == 1 and texts[0][1].span >= width > 1:  # a title row across the table
            flush()
            out.extend([*texts[0][1].lines, ""])
        else:
            block.append(row)
    flush()
    return out


def table_lines(rows: Sequence[Sequence[Cell]], *, holds_tables: bool = False) -> list[str]:
    """The lines a table stands for on the page (see the module docstring for the three kinds)."""
    grid, hanging = _placed(rows)
    if holds_tables or any(len(cell.lines) > LAYOUT_CELL_LINES or sum(map(len, cell.lines)) > LAYOUT_CELL_CHARS
                           for row in rows for cell in row):
        return [line for row in rows for cell in row for line in cell.lines]
    used = sorted({start for row in grid for start, cell in row if _has_text(cell)})
    if not used:
        return []
    width = max(start + max(1, cell.span) for row in grid for start, cell in row)
    if len(used) <= 2:
        return _by_columns(grid, width)
    # Data: one cell per used column; empty spacer columns dropped, merged cells left empty, except a
    # cell hanging down over rows (rowspan: a lead unit or a group shared by several tasks), whose text
    # each row it covers repeats.
    table: list[list[str]] = []
    for row, above in zip(grid, hanging, strict=True):
        cells = {start: " ".join(cell.lines) for start, cell in row}
        cells.update({start: " ".join(cell.lines) for start, cell in above.items()})
        table.append([cells.get(column, "") for column in used])
    return [*pipe_rows(table), ""]
