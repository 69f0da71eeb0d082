"""Tables as html2text writes them in Markdown: no outer pipes, cells set apart by " | ", a rule
"---|---" under the first row, and a cell's lines broken with two trailing spaces, so one row
runs over several lines and only one of them holds the " | ":

    ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN                      (the left cell's first line)
    **SỞ VĂN HÓA …** | **CỘNG HÒA XÃ HỘI …**           (the line that holds the cut)
    **Độc lập - Tự do - Hạnh phúc**                    (the right cell's next line)
    ---|---
    Số: 45/KH-SVHTTDL | _Lạng Sơn, ngày 12 …_

A two-column row is given column by column, as the other readers give a Word original's page
layout (issuer | national title, recipients | signature); a wider row becomes a pipe row.
"""

from __future__ import annotations

import re

# html2text's rule under a table's first row: dash runs joined by "|", no outer pipes.
_RULE = re.compile(r"^\s*-{3,}(?:\|-{3,})+\s*$")
_CUT = " | "
# How far a row's right cell may run down (blank lines between a signer's position and name
# included) to the rule under it.
RIGHT_CELL_REACH = 8


def _is_row(line: str) -> bool:
    return _CUT in line and not line.lstrip().startswith("|")


def html2text_tables(text: str) -> str:
    """`text` with its html2text tables as lines (see the module's docstring); unchanged without them."""
    lines = text.split("\n")
    if not any(_RULE.match(line) for line in lines):
        return text
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _RULE.match(line):
            i += 1
            continue
        if not _is_row(line):
            out.append(line)
            i += 1
            continue
        cells = [cell.strip() for cell in line.split(_CUT)]
        if len(cells) > 2:  # a data table's row
            out.append("| " + " | ".join(cells) + " |")
            i += 1
            continue
        # The left cell's earlier lines are the lines above, back to a blank line or the rule.
        left: list[str] = []
        while out and out[-1].strip() and not _is_row(out[-1]):
            left.insert(0, out.pop())
        # The right cell runs to the rule under the row when one comes soon, else to a blank line.
        ahead = lines[i + 1 : i + 1 + RIGHT_CELL_REACH]
        rule = next((k for k, later in enumerate(ahead) if _RULE.match(later) or _is_row(later)), None)
        if rule is not None and _RULE.match(ahead[rule]):
            right = ahead[:rule]
        else:
            right = []
            for later in ahead:
                if not later.strip() or _is_row(later):
                    break
                right.append(later)
        out.extend([*left, cells[0], "", cells[1], *right, ""])
        i += 1 + len(right)
    return "\n".join(out)
