"""Lines of the document with their place (page, line) and folded key; OCR noise lines dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from khparse.fold import fold

# Lines that carry no text of the plan: page numbers ("2", "- 2 -", "Trang 2"), and the stray
# marks English-model OCR prints when it reads accents as letters of their own ("A A", ")").
_NOISE = re.compile(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|trang \d{1,3}(?:/\d{1,3})?|[a-z](?: [a-z]){0,3}|[^\w\s]+)$")


@dataclass(frozen=True)
class Line:
    text: str  # the line as printed, runs of white space made one space
    raw: str  # the line as printed (column gaps kept, for tables)
    key: str  # fold(text)
    page: int  # 1-based
    number: int  # 1-based line number on its page, counting blank lines
    blank_before: bool  # a blank line (or a page break) precedes it


def document_lines(pages: Iterable[tuple[int, str]]) -> list[Line]:
    """Non-blank, non-noise lines of all pages, in reading order."""
    out: list[Line] = []
    blank = True
    for page, text in pages:
        blank = True  # a page break separates like a blank line
        for number, raw in enumerate(text.split("\n"), start=1):
            stripped = " ".join(raw.split())
            key = fold(stripped)
            if not stripped:
                blank = True
                continue
            if _NOISE.match(key) and not re.match(r"^[a-z]\)$", key):
                continue
            out.append(Line(stripped, raw.rstrip(), key, page, number, blank))
            blank = False
    return out


def upper_share(text: str) -> float:
    """Share of the letters that are capitals: headings and header lines are mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
