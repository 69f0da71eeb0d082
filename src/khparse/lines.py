"""Lines of the document with their place (page, line) and folded key; OCR noise lines dropped."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from khparse.fold import fold
from khparse.repair.normalize import strip_marks

# Lines that carry no text of the plan: page numbers ("2", "- 2 -", "Trang 2"), and the stray
# marks English-model OCR prints when it reads accents as letters of their own ("A A", ")").
_NOISE = re.compile(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|trang \d{1,3}(?:/\d{1,3})?|[a-z](?: [a-z]){0,3}|[^\w\s]+)$")
# What an archive stamps on the pages it files: the folio number ("000153", zero-padded) and the box of
# the file's place ("PHÔNG: SỞ TƯ PHÁP" / "Mục lục số: 02" / "Hồ sơ số: 07 / 2023" / "Tờ số: 153"). Read
# under the recipients, the fonds' name became the signer's position.
# What a microfilm camera prints in the frame beside the page: the film's roll and frame ("UBND H.
# HUONG SON DONG - CUON 019 - KHUNG 0147") and its caption ("VI PHIM LUU TRU 1:24"; "VI" read "VT").
_FILM_LABEL = re.compile(r"\b(?:cuon|roll|reel)\s*(?:so\s*)?\d{1,4}\b.*\b(?:khung|frame)\s*(?:so\s*)?\d{1,5}\b|"
                         r"^v[il1t]\s*phim\b")
_ARCHIVE_STAMP = re.compile(r"^(?:phong|muc luc(?: so)?|ho so(?: so)?|to so|so to|hop so)\s*:\s*.{1,30}$|^0\d{3,6}$")


# The line a fax machine prints at the top of each page it sends (and the receiving machine at its foot),
# in all the forms machines print it: read on the line without its marks, in capitals (not folded: fold
# reads OCR's "P" of "P01" and "PAGE" as "D"). A time stamp at its start: a date ("13/01/2026",
# "15-01-2020", "JAN-25-2022", "12 Mar. 2024", OCR's "1/-FEB-2023"), or "Received:", then the time; and
# after it the sender's or the receiver's marks: FROM (OCR: "FR0H", "FR0MH"), "TO:", FAX, PAGE, a page
# ("P01", "P.1/2", "Page 1 of 3") or a telephone number ("0256 3822 418", "82563833987"). A machine's
# "FROM: … FAX NO.: …" line without a time; and the page mark left on a line of its own where the header
# line was read in two columns ("P.01", "PAGE 1/3"). On a later page the line stood inside a task's block
# and took the block's lead away; blind47's faxes had it read into the issuer.
_FAX_STAMP = re.compile(r"^(?:RECEIVED:?\s*)?\S{0,3}(?:\d{1,4}|[A-Z]{3})[-/. ]{1,2}\S{1,6}[-/. ]{1,2}\d{2,4}"
                        r"[\s.,]+\d{1,2}:\d{2}\b")
_FAX_MARKS = re.compile(r"\bFR[O0]M?H?\b|\bT[O0]\s*:\s*\+?\d|\bFAX\b|\bPAGE\b|"
                        r"\bP\.?\s*[0-9O]{0,2}\d(?:\s*/\s*\d{1,3})?\s*$|\d{3,5}[ .]\d{3,4}[ .]\d{3,4}\s*$|\d{9,}")
_FAX_SENDER = re.compile(r"^FR[O0]M?H?\s*:.*\bFAX\b")
_FAX_PAGE = re.compile(r"^(?:P\.?\s*[0-9O]{0,2}\d(?:\s*/\s*\d{1,3})?|PAGE\s*\d{1,3}(?:\s*(?:/|OF)\s*\d{1,3})?)$")


def _fax_line(text: str) -> bool:
    plain = strip_marks(text).upper()
    return bool(_FAX_PAGE.match(plain) or _FAX_SENDER.match(plain)
                or (_FAX_STAMP.match(plain) and _FAX_MARKS.search(plain)))


def _not_the_plans(key: str, text: str) -> bool:
    """Whether a line (folded `key` of `text`) is no line of the plan: noise, or what a fax machine, an
    archive or a microfilm camera printed beside it."""
    return bool(_NOISE.match(key) or _ARCHIVE_STAMP.match(key) or _FILM_LABEL.search(key) or _fax_line(text))


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


# A fax's cover sheet, sent before the plan: its title on one of the page's first lines ("PHIẾU GỬI FAX",
# "FAX COVER SHEET"), folded. Its "Kính gửi", "Nội dung: Kế hoạch số …" were read as the plan's header
# and title (blind47).
_COVER_TITLE = re.compile(r"^(?:phieu (?:gui )?fax|(?:fax )?cover sheet|fax transmi(?:ttal|ssion)\b)")
COVER_TITLE_LINES = 6  # the cover's title stands among the page's first lines (a fax line, the sender)


def _cover_sheet(text: str) -> bool:
    head = [fold(line.strip()) for line in text.split("\n") if line.strip()][:COVER_TITLE_LINES]
    return any(_COVER_TITLE.match(key) for key in head)


def document_lines(pages: Iterable[tuple[int, str]]) -> list[Line]:
    """Non-blank, non-noise lines of all pages, in reading order; a fax's cover sheet before the plan's
    pages left out."""
    printed: list[tuple[str, str, str, int, int, bool]] = []
    blank = True
    texts = list(pages)
    while len(texts) > 1 and _cover_sheet(texts[0][1]):
        texts = texts[1:]
    for page, text in texts:
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
        if i not in rows and _not_the_plans(key, stripped) and not re.match(r"^[a-z]\)$", key):
            blank = blank or blank_before  # a dropped line keeps the blank before it for the next
            continue
        out.append(Line(stripped, raw, key, page, number, blank_before or blank))
        blank = False
    return out


def upper_share(text: str) -> float:
    """Share of the letters that are capitals: headings and header lines are mostly capitals."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0
