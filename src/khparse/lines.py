"""Lines of the document with their place (page, line) and folded key; OCR noise lines dropped."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from khparse.fold import fold

# Lines that carry no text of the plan: page numbers ("2", "- 2 -", "Trang 2"), and the stray
# marks English-model OCR prints when it reads accents as letters of their own ("A A", ")").
_NOISE = re.compile(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|trang \d{1,3}(?:/\d{1,3})?|[a-z](?: [a-z]){0,3}|[^\w\s]+)$")
# The line a fax machine prints at the top of each page it sends: date, time, sender, number, page
# ("13/01/2026 16:52 FROM: UBND DAC KHU PHU QUY +84 252 … P.02/02"). On a later page it stood inside a
# task's block and took the block's lead away.
_FAX_HEADER = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[ .,]*\d{1,2}:\d{2}\b.*\b(?:from|fax|to)\b.*\d")
# What an archive stamps on the pages it files: the folio number ("000153", zero-padded) and the box of
# the file's place ("PHÔNG: SỞ TƯ PHÁP" / "Mục lục số: 02" / "Hồ sơ số: 07 / 2023" / "Tờ số: 153"). Read
# under the recipients, the fonds' name became the signer's position.
# What a microfilm camera prints in the frame beside the page: the film's roll and frame ("UBND H.
# HUONG SON DONG - CUON 019 - KHUNG 0147") and its caption ("VI PHIM LUU TRU 1:24"; "VI" read "VT").
_FILM_LABEL = re.compile(r"\b(?:cuon|roll|reel)\s*(?:so\s*)?\d{1,4}\b.*\b(?:khung|frame)\s*(?:so\s*)?\d{1,5}\b|"
                         r"^v[il1t]\s*phim\b")
_ARCHIVE_STAMP = re.compile(r"^(?:phong|muc luc(?: so)?|ho so(?: so)?|to so|so to|hop so)\s*:\s*.{1,30}$|^0\d{3,6}$")


def _not_the_plans(key: str) -> bool:
    """Whether a line (folded) is no line of the plan: noise, or what a fax machine, an archive or a
    microfilm camera printed beside it."""
    return bool(_NOISE.match(key) or _FAX_HEADER.match(key) or _ARCHIVE_STAMP.match(key) or _FILM_LABEL.search(key))


@dataclass(frozen=True)
class Line:
    """A line of the document's text, with where it stands."""

    text: str  # the line as printed, runs of white space made one space
    raw: str  # the line as printed (column gaps kept, for tables)
    key: str  # fold(text)
    page: int  # 1-based
    number: int  # 1-based line number on its page, counting blank lines
    blank_before: bool  # a blank line (or a page break) precedes it


# A table printed one cell a line keeps its row numbers on lines of their own ("1" / "Tuyên truyền …" /
# … / "2" / …): a lone number with the next or the previous one this near on its page is a row's
# number, not a page number (one a page, fifty lines apart); a lone capital I, V or X just above such
# a row number is a group row's numeral.
ROW_NUMBER_REACH = 16  # lines
_LONE_NUMBER = re.compile(r"^\d{1,3}$")
_LONE_ROMAN = re.compile(r"^[IVX]$")
GROUP_NUMERAL_REACH = 4  # lines from a group row's numeral down to the next row number


def _row_numbers(lines: list[tuple[int, str]]) -> set[int]:
    """Indexes (into `lines`, (page, text) of the non-blank lines) of lone numbers and group numerals
    that number a table's rows."""
    numbers = [(i, page, int(text)) for i, (page, text) in enumerate(lines) if _LONE_NUMBER.match(text)]
    kept: set[int] = set()
    for (i, page, value), (j, next_page, next_value) in itertools.pairwise(numbers):
        if next_value == value + 1 and next_page == page and j - i <= ROW_NUMBER_REACH:
            kept.update((i, j))
    for i, (_, text) in enumerate(lines):
        if _LONE_ROMAN.match(text) and any(j in kept for j in range(i + 1, i + 1 + GROUP_NUMERAL_REACH)):
            kept.add(i)
    return kept


def document_lines(pages: Iterable[tuple[int, str]]) -> list[Line]:
    """Non-blank, non-noise lines of all pages, in reading order."""
    printed: list[tuple[str, str, str, int, int, bool]] = []
    blank = True
    for page, text in pages:
        blank = True  # a page break separates like a blank line
        for number, raw in enumerate(text.split("\n"), start=1):
            stripped = " ".join(raw.split())
            if not stripped:
                blank = True
                continue
            printed.append((stripped, raw.rstrip(), fold(stripped), page, number, blank))
            blank = False
    rows = _row_numbers([(page, stripped) for stripped, _, _, page, _, _ in printed])
    out: list[Line] = []
    blank = False
    for i, (stripped, raw, key, page, number, blank_before) in enumerate(printed):
        if i not in rows and _not_the_plans(key) and not re.match(r"^[a-z]\)$", key):
            blank = blank or blank_before  # a dropped line keeps the blank before it for the next
            continue
        out.append(Line(stripped, raw, key, page, number, blank_before or blank))
        blank = False
    return out


def upper_share(text: str) -> float:
    """Share of the letters that are capitals: headings and header lines are mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
