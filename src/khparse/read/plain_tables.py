"""Tables as pandoc writes them in plain text (`pandoc -t plain`, and the Markdown of older pandocs):
*multiline tables*, the form a Word table takes there.

    ----------------------------------------------           (a full rule: the table has a header)
    TT   Nhiệm vụ            Đơn vị chủ     Thời gian         (header cells wrapped over lines)
                             trì            hoàn thành
    ---- ------------------- -------------- ----------        (one dash group per column)
    1    Rà soát quy trình   Phòng Tổ       Quý I             (a row: lines up to a blank line)
         nội bộ              chức cán bộ
    ----------------------------------------------           (the same full rule closes it)

A table without a header opens and closes with the line of dash groups itself (the header of a
plan: issuer | national title, and the recipients | signature block). Columns are cut where each
dash group starts; a cell's lines are joined. The rows then take the forms the other readers give
tables (markdown.table_lines): two columns read column by column, wider tables as pipe rows.
A line of dashes inside a cell (the short rule under the issuer, "-------") is no table rule:
a table ends only at a rule exactly like the one that opened it.
"""

from __future__ import annotations

import re

from khparse.read.markup_tables import Cell, table_lines

# Pandoc draws a column rule as dash groups one space apart; a plan's own rules under the issuer and
# the motto ("----------" far left, "-------------" far right) stand wider apart and are no table.
_DASH_GROUPS = re.compile(r"^[ ]*-{3,}(?: -{3,})*[ ]*$")
# A table's opening rule is at least this wide: shorter dash lines are rules under a heading.
MIN_TABLE_RULE = 20
# How many lines a table may run before its closing rule; without one within reach it is no table.
MAX_TABLE_LINES = 400


def _spans(line: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-{3,}", line)]


def multiline_tables(text: str) -> str:
    """Pandoc multiline tables in `text` replaced by table lines (see the module's docstring)."""
    if "---" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        table = _table_at(lines, i)
        if table is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = table
        out.extend(table_lines(rows))
    return "\n".join(out)


def _table_at(lines: list[str], i: int) -> tuple[list[list[Cell]], int] | None:
    """(rows, index after the table) when a multiline table opens at line i."""
    opening = lines[i]
    if not _DASH_GROUPS.match(opening) or len(opening.strip()) < MIN_TABLE_RULE:
        return None
    spans = _spans(opening)
    end = next((j for j in range(i + 1, min(len(lines), i + MAX_TABLE_LINES))
                if lines[j].rstrip() == opening.rstrip()), None)
    if end is None:
        return None
    body = lines[i + 1 : end]
    header: list[str] = []
    if len(spans) == 1:  # a full rule: header lines, then the column rule
        split = next((k for k, line in enumerate(body) if _DASH_GROUPS.match(line) and len(_spans(line)) >= 2), None)
        if split is None:
            return None
        header, spans, body = body[:split], _spans(body[split]), body[split + 1 :]
    starts = [a for a, _ in spans]
    rows = [_row(header, starts)] if header else []
    block: list[str] = []
    for line in [*body, ""]:
        if line.strip():
            block.append(line)
        elif block:
            rows.append(_row(block, starts))
            block = []
    return rows, end + 1


def _row(block: list[str], starts: list[int]) -> list[Cell]:
    """A row's cells: each line cut at the column starts, a cell's lines kept as lines."""
    cells: list[list[str]] = [[] for _ in starts]
    bounds = [*starts[1:], None]
    for line in block:
        for n, (a, b) in enumerate(zip(starts, bounds, strict=True)):
            piece = line[a:b].strip() if b is not None else line[a:].strip()
            if piece:
                cells[n].append(piece)
    return [Cell(tuple(cell)) for cell in cells]


# Text browsers (w3m, links) and some PDF converters draw a table's rules with box-drawing characters
# ("┌───┬───┐", "│1  │Phát tin …│", "├───┼───┤"): the same grid as pandoc's, in other glyphs.
_BOX_TO_GRID = str.maketrans({
    **dict.fromkeys("─━═", "-"),
    **dict.fromkeys("│┃║", "|"),
    **dict.fromkeys("┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫", "+"),
})


def box_tables(text: str) -> str:
    """`text` with tables drawn in box-drawing characters redrawn as pandoc grid tables (read by
    markdown.grid_tables); unchanged without them."""
    if "┼" not in text and "┬" not in text and "╋" not in text and "╬" not in text and "╤" not in text:
        return text
    return text.translate(_BOX_TO_GRID)
