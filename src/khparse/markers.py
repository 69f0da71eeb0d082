"""What a line starts with: a Roman section numeral, an outline number, a letter, or a bullet.

Recognition reads the folded key and allows for English-model OCR: "I1." is II, "I11.", "IT1." and
"Il1." are III, "¢)" and "c¢)" are c), "d)" after d) is đ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from khparse.headings import is_known_title
from khparse.lines import Line, upper_share


class MarkerKind(Enum):
    roman = "roman"
    number = "number"
    letter = "letter"
    bullet = "bullet"


@dataclass(frozen=True)
class Marker:
    """The marker a line starts with (numeral, number, letter or bullet), and the rest of the line."""

    kind: MarkerKind
    label: str  # "II" / "4.1" / "c" (folded; the sequence decides đ) / "-" or "+"
    rest: str  # the line after the marker, as printed
    garbled: bool = False  # the marker was read through an OCR confusion
    printed: str = ""  # the marker as printed ("I1.", "¢)"), for warnings


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# OCR reads the strokes of I as 1, l, T, | or t, and after the first an L ("IL." on a grey scan).
_ROMAN_TOKEN = re.compile(r"^([IVX][IVXTtlL1|]{0,4})\s*[.:,/)-]\s*(?=\S)")
_ROMAN_BARE = re.compile(r"^([IVX]{1,4})\s+(?=[A-ZĐ])")  # "II NỘI DUNG": the dot lost
# A speck OCR read before a heading's numeral (".III. TỔ CHỨC THỰC HIỆN" on a streaked copy): no
# heading begins with a stop, so one or two such marks before a numeral and a capital title go.
_SPECK_BEFORE_ROMAN = re.compile(r"^[.,'‘’·]{1,2}\s?(?=[IVX][IVXTtlL1|]{0,4}\s*[.:,/)-]\s*[A-ZĐ])")
# "1.", "1)", "1.2.", "1.2 " (the first form must not take "5." of "5.1 Văn phòng Sở" and leave "1 …": blind43),
# the Party's "1- " (Party documents number "I-", "1-"; the space after
# the dash tells it from a range "1-2") and the mass organisations' "1/ " (the space tells it from a
# date "1/2025").
_NUMBER = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:\.(?!\d)|\))\s*(?=\S)|^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\S)|^(\d{1,2})[-/]\s+(?=\S)"
)
_LETTER = re.compile(r"^([a-z]{1,2})\s*\)\s*")
_BULLET = re.compile(r"^([-–—•·+*])\s*(?=\S)")


def roman_value(numeral: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(numeral):
        value = _ROMAN_VALUES.get(ch)
        if value is None:
            return None
        total += -value if value < prev else value
        prev = max(prev, value)
    return total if 0 < total < 40 and to_roman(total) == numeral else None


def to_roman(value: int) -> str:
    out = ""
    for amount, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += letters
            value -= amount
    return out


# Where a heading's title ends and its first item begins on the same line: " - ", ": ", or its first
# numbered item (a portal that ran a section into one paragraph: "II. MỤC TIÊU 1. Mục tiêu chung …").
_RUN_ON = re.compile(r"\s[-–]\s|:\s|\s(?=\d{1,2}\.\s)")
RUN_ON_TITLE_WORDS = (2, 12)  # a title before the items: a few words, in capitals, naming a section


def heading_head(rest: str) -> str:
    """The title of a heading whose items run on after it on its line, else `rest` itself."""
    cut = _RUN_ON.search(rest)
    if cut is None:
        return rest
    head, tail = rest[: cut.start()].strip(), rest[cut.end():].strip(" :")
    if tail and upper_share(tail) >= 0.85:
        return rest  # "MỤC ĐÍCH - YÊU CẦU": the dash joins two halves of a title in capitals
    low, high = RUN_ON_TITLE_WORDS
    if low <= len(head.split()) <= high and upper_share(head) >= 0.85 and (
            is_known_title(head)):
        return head
    return rest


@lru_cache(maxsize=8192)  # each line is asked several times (zones, paragraphs, titles)
def parse_marker(line: Line) -> Marker | None:
    text = _SPECK_BEFORE_ROMAN.sub("", line.text)
    m = _ROMAN_TOKEN.match(text)
    bare = _ROMAN_BARE.match(text) if not m else None
    if m or bare:
        token = (m or bare).group(1)  # type: ignore[union-attr]
        rest = text[(m or bare).end() :].strip()  # type: ignore[union-attr]
        fixed = re.sub(r"[TtlL1|]", "I", token)
        # A section heading is upper case ("I. MỤC ĐÍCH"), or names a known section in any case
        # ("I. Mục đích, yêu cầu"); "I. " before ordinary text is not one.
        words = len(rest.split())
        enough = upper_share(rest) >= (0.85 if bare else 0.6) and (not bare or words >= 2)
        if not enough and m and words <= 12 and rest[:1].isupper():
            enough = is_known_title(rest)
        # "I. CĂN CỨ LẬP KẾ HOẠCH - Quyết định số …; - …": a heading with its items run on after it.
        runs_on = m is not None and heading_head(rest) != rest
        if roman_value(fixed) and ((enough and words <= 30) or runs_on):
            return Marker(MarkerKind.roman, fixed, rest, garbled=fixed != token, printed=token)
    m = _NUMBER.match(text)
    if m and (rest := text[m.end() :].strip()) and not rest[0].isdigit():
        label = m.group(1) or m.group(2) or m.group(3)
        return Marker(MarkerKind.number, label, rest, printed=label)
    m = _LETTER.match(line.key)
    if m:
        folded = m.group(1)
        raw = text[: m.end(1)]
        # "c¢)" is one c) read twice; other two-letter labels are words, not markers.
        if len(folded) == 1 or (folded[0] == folded[1] and not raw.isalpha()):
            rest = text[m.end() :].strip()
            if rest:
                return Marker(MarkerKind.letter, folded[0], rest, garbled=not raw[:1].isascii() or len(raw) > 1,
                              printed=raw)
    m = _BULLET.match(text)
    if m:
        symbol = "+" if m.group(1) == "+" else "-"
        return Marker(MarkerKind.bullet, symbol, text[m.end() :].strip())
    return None


# --- misread numerals: what a token at the start of a line may stand for -----------------------

class Reading(Enum):
    """How a printed numeral token yields a value; the sequence weighs them (outline.py)."""

    exact = 0  # printed as the numeral itself
    confusion = 1  # through glyphs English-model OCR gives the strokes of a numeral (H for II, 1 for I)
    edit = 2  # one stroke lost or added besides (II for III, l for II, Vv for VI)


# The glyphs OCR prints for the strokes of Roman numerals: I as 1, l, T, |, !; II as H; V as Y.
_ROMAN_GLYPHS = {
    **dict.fromkeys("Il1|!TtiLjJ", "I"), **dict.fromkeys("Hh", "II"), **dict.fromkeys("VvYy", "V"),
    **dict.fromkeys("Xx", "X"),
}
# A token that may be a misread Roman numeral, then its separator: punctuation, or a space only
# (the dot lost). Up to 4 glyphs: the longest numeral of a plan is VIII.
_LOOSE_ROMAN = re.compile(r"^([" + re.escape("".join(_ROMAN_GLYPHS)) + r"]{1,4})(\s*[.:,;)]\s*|\s+)(?=\S)")
# Glyphs OCR prints for the digits of a subsection number (l for 1, Z for 2, S for 5, B for 8).
_DIGIT_GLYPHS = {**dict.fromkeys("lI|!", "1"), "Z": "2", "z": "2", "S": "5", "B": "8", "O": "0", "o": "0"}
# "l. ", "Z. ", "3, ", "1O. ": a subsection number read through those glyphs or with a comma.
_LOOSE_NUMBER = re.compile(r"^([0-9" + re.escape("".join(_DIGIT_GLYPHS)) + r"]{1,2})\s*([.,])\s*(?=\S)")


def numeral_readings(token: str) -> dict[int, Reading]:
    """The values a printed Roman-numeral token can stand for, each with how it was read.

    A token made of digits only ("11", "1") is read as a whole ("11." is II, never III): one lost
    or added stroke is allowed only where the glyphs are letters, since "1." and "11." are also
    real subsection numbers."""
    out: dict[int, Reading] = {}

    def put(numeral: str, how: Reading) -> None:
        value = roman_value(numeral)
        if value is not None and (value not in out or how.value < out[value].value):
            out[value] = how

    def glyphs(part: str) -> str:
        return "".join(_ROMAN_GLYPHS.get(c, c) for c in part)

    mapped = glyphs(token)
    put(token, Reading.exact)
    put(mapped, Reading.confusion)
    if not token.isdigit():
        for i in range(len(mapped) + 1):
            put(mapped[:i] + "I" + mapped[i:], Reading.edit)
        for i in range(len(mapped)):
            put(mapped[:i] + mapped[i + 1 :], Reading.edit)
        for i, c in enumerate(token):  # a glyph that is no numeral letter stood for one stroke ("Vv")
            if c not in "IVX":
                put(glyphs(token[:i]) + "I" + glyphs(token[i + 1 :]), Reading.edit)
        # A bold serif I blurred (a phone photo sent over chat, a fax: 100-150 dpi) is read H, serifs
        # for bars: "HH." and "IH." for II. (A lone "H." is II's two strokes far more often: there
        # it is an edit.)
        serifs = "".join("I" if c in "Hh" else glyphs(c) for c in token)
        put(serifs, Reading.confusion if len(token) > 1 else Reading.edit)
    return out


def loose_roman(text: str) -> tuple[str, str, bool] | None:
    """(token, rest, punctuated) when `text` starts with what may be a misread Roman numeral."""
    m = _LOOSE_ROMAN.match(text)
    if m is None:
        return None
    return m.group(1), text[m.end() :].strip(), bool(m.group(2).strip())


def loose_number(text: str) -> tuple[str, int, str] | None:
    """(printed, value, rest) when `text` starts with what may be a misread subsection number."""
    m = _LOOSE_NUMBER.match(text)
    if m is None:
        return None
    digits = "".join(_DIGIT_GLYPHS.get(c, c) for c in m.group(1))
    return text[: m.end()].strip(), int(digits), text[m.end() :].strip()
