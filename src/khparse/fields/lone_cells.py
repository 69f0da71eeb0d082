"""A table printed one cell a line without borders (plain pdftotext of a ruled table, LibreOffice's
"Save as Text", a viewer's copy of a Word table):

    TT
    Nhiệm vụ
    Cơ quan chủ trì
    Thời gian
    hoàn thành                     <- a cell wrapped: it goes on in small letters
    1
    Tuyên truyền hưởng ứng Ngày Chuyển đổi
    số quốc gia 10/10
    Phòng Văn hóa và Thông tin
    Tháng 10/2023
    II                             <- a group row: its numeral, then one cell across the table
    Cải cách thể chế

The header runs from "TT"/"STT" alone on its line to the first row number; each row then starts
with its number alone on a line, in sequence (or a Roman numeral for a group row), and takes the
lines up to the next one as its cells.
"""

from __future__ import annotations

import re

from khparse.lines import Line

_NUMBER_HEAD = re.compile(r"^s?tt\.?$")
_ROW_NUMBER = re.compile(r"^(\d{1,3}|[IVX]{1,4})\.?$")
# A cell's wrapped line goes on in small letters ("số quốc gia 10/10"), or after a line that cannot
# end a cell (a comma, a dash, "và").
_RUNS_ON = re.compile(r"(?:,|-|–|\bvà|\bcác|\bcủa)$")
MIN_ROWS = 2  # numbered rows in sequence before lone lines are taken for a table
MAX_HEADER_CELLS = 8  # a header longer than this is a list of items, not a table's header


def _cells(lines: list[Line], blank_is_empty: bool) -> list[str]:
    """The cells of lines printed one cell a line, wrapped cells joined; a blank line before a cell
    stands for an empty cell before it where blank lines do not separate every line."""
    cells: list[str] = []
    for line in lines:
        text = line.text.strip()
        if cells and not (blank_is_empty and line.blank_before) and (
                text[:1].islower() or _RUNS_ON.search(cells[-1])):
            cells[-1] = f"{cells[-1]} {text}"
            continue
        if cells and blank_is_empty and line.blank_before:
            cells.append("")
        cells.append(text)
    return cells


def lone_cell_table(lines: list[Line]) -> tuple[list[str], list[list[str]]] | None:
    """(columns, rows) of a table printed one cell a line from `lines[0]` ("TT"), else None."""
    if not lines or not _NUMBER_HEAD.match(lines[0].key.strip()):
        return None
    first = next((i for i, line in enumerate(lines[1:], 1) if _ROW_NUMBER.match(line.text.strip())), None)
    if first is None or not 2 <= first <= MAX_HEADER_CELLS + 1:
        return None
    # Blank lines between all lines (docx2txt) say nothing; between some, they stand for empty cells.
    blank_is_empty = sum(line.blank_before for line in lines[1:]) * 2 < len(lines) - 1
    columns = [lines[0].text.strip(), *_cells(lines[1:first], False)]
    width = len(columns)
    rows: list[list[str]] = []
    expected, label, row_lines = 1, "", []
    for line in [*lines[first:], None]:
        m = _ROW_NUMBER.match(line.text.strip()) if line is not None else None
        if line is not None and not (m and (m.group(1) == str(expected) or not m.group(1).isdigit())):
            row_lines.append(line)
            continue
        if label:
            cells = _cells(row_lines, blank_is_empty)
            if label.isdigit() and len(cells) < width - 2:
                break  # too few cells for a row of this table: it ended before
            rows.append([label, *cells[: width - 1], *[""] * (width - 1 - len(cells))])
            if len(cells) >= width:
                break  # more lines than cells: what follows the table
        if m is None:
            break
        label, row_lines = m.group(1), []
        expected += label.isdigit()
    if sum(row[0].isdigit() for row in rows) < MIN_ROWS:
        return None
    return columns, rows
