"""Small helpers the field parsers share: dates, tidy text, fuzzy key matching."""

from __future__ import annotations

import datetime as dt
import re

from khparse.lines import upper_share

__all__ = ["DATE_NUMERIC", "DATE_WORDS", "find_date", "make_date", "tidy", "upper_share"]

# "ngày 15/7/2021", "ngày 18/ 10/2021", "ngày 15 tháng 7 năm 2021", and OCR's "ngay", "thang", "nim".
# OCR of a broken or streaked scan may part a number's digits with a space ("ngày 1 4 tháng 01",
# "15/9/20 20"): a day, month or year's digits may stand one space apart.
DATE_NUMERIC = re.compile(r"(\d(?: ?\d)?)\s*[/.-]\s*(\d(?: ?\d)?)\s*[/.-]\s*((?:19|20) ?\d{2})\b")
# Blanks left for the day or month ("ngày …… tháng ……") are runs of dots or underscores; each
# number is optional *after* its run and must start with a digit, so a run has one way to match
# (with "[…]*\d{0,2}[…]*" a run of n dots could be split n ways: 50,000 dots never finished).
DATE_WORDS = re.compile(
    r"ng\w{1,2}y[\s.…_]*(?:(\d(?: ?\d)?)[\s.…_]*)?th\w{1,3}g[\s.…_]*(?:(\d(?: ?\d)?)[\s.…_]*)?n\w{0,2}m\s*"
    r"((?:19|20) ?\d{2})\b"
)
# "*" stands under a Party body's name and drifts onto the date line; "|" is a table cell's border.
_STRIP = " \t,;:.-–—*|`"


def make_date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_date(key: str, start: int = 0, end: int | None = None) -> tuple[dt.date | None, int, int] | None:
    """The first date in a folded key within [start, end): (date or None if invalid, start, end)."""
    stop = len(key) if end is None else end
    candidates = [m for m in (DATE_WORDS.search(key, start, stop), DATE_NUMERIC.search(key, start, stop)) if m]
    if not candidates:
        return None
    m = min(candidates, key=lambda c: c.start())
    day, month, year = (part.replace(" ", "") if part else part for part in m.groups())
    return (make_date(day, month, year) if day and month else None), m.start(), m.end()


def tidy(text: str) -> str:
    """Text with surrounding punctuation and spaces removed (the kind a list item ends with)."""
    return " ".join(text.split()).strip(_STRIP)
