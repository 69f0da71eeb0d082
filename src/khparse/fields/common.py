"""Small helpers the field parsers share: dates, tidy text, fuzzy key matching."""

from __future__ import annotations

import datetime as dt
import re

from khparse.lines import upper_share

__all__ = ["DATE_NUMERIC", "DATE_WORDS", "find_date", "make_date", "tidy", "upper_share"]

# A date's year: of the 1900s or 2000s, its digits perhaps a space apart (below) …
_PLAN_YEAR = r"(?:19|20) ?\d{2}"
# … or in any thousand, for find_date: a dotted or slashed zero that OCR read as "8" or "9" ("2826").
_ANY_YEAR = r"[12]\d ?\d{2}"


def _numeric(year: str) -> re.Pattern[str]:
    # "ngày 15/7/2021", "ngày 18/ 10/2021"; OCR of a broken or streaked scan may part a number's digits
    # with a space ("ngày 1 4 tháng 01", "15/9/20 20"): a day, month or year's digits may stand one apart.
    return re.compile(rf"(\d(?: ?\d)?)\s*[/.-]\s*(\d(?: ?\d)?)\s*[/.-]\s*({year})\b")


def _words(year: str) -> re.Pattern[str]:
    # "ngày 15 tháng 7 năm 2021", and OCR's "ngay", "thang", "nim". Blanks left for the day or month
    # ("ngày …… tháng ……") are runs of dots or underscores; each number is optional *after* its run and
    # must start with a digit, so a run has one way to match (with "[…]*\d{0,2}[…]*" a run of n dots
    # could be split n ways: 50,000 dots never finished).
    return re.compile(r"ng\w{1,2}y[\s.…_]*(?:(\d(?: ?\d)?)[\s.…_]*)?th\w{1,3}g[\s.…_]*(?:(\d(?: ?\d)?)[\s.…_]*)?"
                      rf"n\w{{0,2}}m\s*({year})\b")


DATE_NUMERIC, DATE_WORDS = _numeric(_PLAN_YEAR), _words(_PLAN_YEAR)
_DATE_ANY_YEAR = (_words(_ANY_YEAR), _numeric(_ANY_YEAR))
# "*" stands under a Party body's name and drifts onto the date line; "|" is a table cell's border.
_STRIP = " \t,;:.-–—*|`"


# A typewriter's, a dot-matrix printer's or a monospaced face's zero is dotted or slashed, and OCR reads
# it "9", "8" or "6" ("ngày 96/91/2022", "tháng 81 năm 2826"). A figure out of its range (a day over 31,
# a month over 12, a year not of the 1900s or 2000s) is read with such digits as zeros, fewest first.
_ZERO_LOOK_ALIKES = "986"
_RANGES = ((1, 31), (1, 12), (1900, 2099))


def _zeros_read(part: str, low: int, high: int) -> str:
    """`part` as it stands when in [low, high]; else with one (then two) of its zero look-alikes read
    as zeros, the first reading in range; else as it stands."""
    if not part.isdigit() or low <= int(part) <= high:
        return part
    at = [i for i, c in enumerate(part) if c in _ZERO_LOOK_ALIKES]
    for count in (1, 2):
        for chosen in ([i] for i in at) if count == 1 else ([i, j] for i in at for j in at if i < j):
            figure = "".join("0" if k in chosen else c for k, c in enumerate(part))
            if low <= int(figure) <= high:
                return figure
    return part


def make_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_date(key: str, start: int = 0, end: int | None = None) -> tuple[dt.date | None, int, int] | None:
    """The first date in a folded key within [start, end): (date or None if invalid, start, end)."""
    stop = len(key) if end is None else end
    candidates = [m for m in (pattern.search(key, start, stop) for pattern in _DATE_ANY_YEAR) if m]
    if not candidates:
        return None
    m = min(candidates, key=lambda c: c.start())
    day, month, year = (part.replace(" ", "") if part else part for part in m.groups())
    year = _zeros_read(year, *_RANGES[2])
    if not year.startswith(("19", "20")):
        # No year of a plan's: the words around are no date (a sum, a code); look further on.
        return find_date(key, m.start() + 1, end) if m.start() + 1 < stop else None
    if not (day and month):
        return None, m.start(), m.end()
    return make_date(_zeros_read(day, *_RANGES[0]), _zeros_read(month, *_RANGES[1]), year), m.start(), m.end()


def tidy(text: str) -> str:
    """Text with surrounding punctuation and spaces removed (the kind a list item ends with)."""
    return " ".join(text.split()).strip(_STRIP)
