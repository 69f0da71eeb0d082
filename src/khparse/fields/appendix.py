"""Appendices (Phụ lục): heading, caption and table, best effort on text.

Tables arrive as Markdown pipes ("| TT | Nhiệm vụ | …"), tab-separated cells, or cells separated by
runs of spaces from a layout-preserving PDF conversion.
"""

from __future__ import annotations

import re

from khparse.fields.common import tidy, upper_share
from khparse.lines import Line
from khparse.model import Appendix

_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_HEADING = re.compile(r"^(phu luc|bieu mau)\b")


def _cells(line: Line) -> list[str] | None:
    raw = line.raw.strip()
    if raw.startswith("|") or raw.count("|") >= 2:
        return [tidy(c) if tidy(c) else "" for c in raw.strip("|").split("|")]
    if "\t" in raw:
        return [c.strip() for c in raw.split("\t")]
    parts = re.split(r"\s{3,}", raw)
    return parts if len(parts) >= 3 else None


def parse_appendices(lines: list[Line]) -> list[Appendix]:
    groups: list[list[Line]] = []
    for line in lines:
        if _HEADING.match(line.key) and upper_share(line.text[:8]) > 0.7 and not line.raw.lstrip().startswith("|"):
            groups.append([line])
        elif groups:
            groups[-1].append(line)
    return [_appendix(group) for group in groups]


def _appendix(group: list[Line]) -> Appendix:
    title = group[0].text
    caption: list[str] = []
    columns: list[str] = []
    rows: list[list[str]] = []
    for line in group[1:]:
        if _SEPARATOR_ROW.match(line.raw.strip()):
            continue
        cells = _cells(line)
        if cells is None:
            if not columns:
                caption.append(line.text)
            elif rows and line.text[:1].islower():  # a wrapped last cell
                rows[-1][-1] = f"{rows[-1][-1]} {line.text}".strip()
            continue
        if not columns:
            columns = cells
        else:
            rows.append(cells + [""] * (len(columns) - len(cells)))
    return Appendix(title=title, caption=" ".join(caption) or None, columns=columns, rows=rows)
