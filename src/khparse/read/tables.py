"""Tables found while reading a page (ruled PDF tables, a scanned grid, Word and HTML tables) are
handed on inside the page's text as Markdown pipe rows, the one table form the later stages read
(fields/appendix.py also reads tab- and space-separated rows from text input). One form means one
parser: a table read cell by cell here arrives with its cells intact, whatever the source.
"""

from __future__ import annotations

from collections.abc import Sequence


def cell_text(text: str | None) -> str:
    """One cell on one line: its wrapped lines joined by a space; a '|' inside would split the cell."""
    return " ".join((text or "").replace("|", "/").split())


def pipe_rows(rows: Sequence[Sequence[str | None]]) -> list[str]:
    """The table as pipe rows: the first row is the header, then a separator, then the data rows.
    Rows shorter than the header are padded; empty rows are dropped."""
    cleaned = [[cell_text(c) for c in row] for row in rows]
    cleaned = [row for row in cleaned if any(row)]
    if not cleaned:
        return []
    width = max(len(row) for row in cleaned)
    cleaned = [row + [""] * (width - len(row)) for row in cleaned]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    return [line(cleaned[0]), line(["---"] * width), *(line(row) for row in cleaned[1:])]
