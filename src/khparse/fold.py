"""Folded keys: text with diacritics and common OCR confusions removed, for recognition only.

`fold(s)` has exactly the length of `nfc(s)`, character for character, so a match found in the
folded key is sliced out of the original text by the same indices. What khparse emits is always the
original (NFC) text, never the folded key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Symbols English-model OCR prints for accented Vietnamese letters ("hi€u" for "hiệu", "¢)" for
# "c)", "¥ nghia" for "ý nghĩa", "N§i" for "Nội"), and look-alikes of Latin letters.
_OCR_SYMBOLS = {
    "€": "e",
    "¢": "c",
    "¥": "y",
    "§": "o",
    "|": "l",
    "ß": "b",
    "ø": "o",
    "©": "c",
    "®": "r",
    "µ": "u",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u00a0": " ",
}

# Digits inside a word are letters misread by OCR ("s6" số, "16p" lớp, "x4y" xây, "x3" xã).
_DIGIT_IN_WORD = str.maketrans({"0": "o", "1": "l", "3": "a", "4": "a", "6": "o", "8": "o"})
# A word holding both a letter and a digit (the lookaheads keep plain words and numbers out).
_MIXED_WORD = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+")
_LETTER_BY_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")  # cheap test before the word regex
_WORD_INITIAL_P = re.compile(r"\bp(?=[aeiouy])")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# What text pasted or exported into a file carries that is no text of the plan: zero-width spaces and
# joiners, the word joiner and a byte-order mark inside the text (chat apps, web editors and Word
# Online leave them between words and inside numbers: "THẠCH BÌNH\u200b ĐÔNG", "\u200b126/KH-UBND").
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Look-alikes Vietnamese never uses: the Icelandic eth "Ð"/"ð" printed for "Đ"/"đ" (fonts and PDF text
# layers that map the letter to it: "ÐỨC THẠNH", "1512/QÐ-UBND").
_LOOKALIKES = {ord("Ð"): "Đ", ord("ð"): "đ"}


# Any of those: most texts hold none, and one search is ~50 times cheaper than translating them.
_UNSEEN = re.compile("[" + "".join(map(chr, (*_INVISIBLE, *_LOOKALIKES))) + "]")


def visible_text(text: str) -> str:
    """`text` without invisible characters and with Vietnamese letters for their look-alikes (NFC).
    Not for text in a legacy 8-bit font encoding, whose codes these are (read/legacy_fonts.py)."""
    text = nfc(text)
    return text.translate(_INVISIBLE).translate(_LOOKALIKES) if _UNSEEN.search(text) else text


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _OCR_SYMBOLS:
        return _OCR_SYMBOLS[ch]
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    if base.isascii():
        return base.lower()
    from unidecode import unidecode  # for the few letters met that NFD does not take to ASCII

    ascii_form = unidecode(ch)
    if len(ascii_form) == 1 and ascii_form.isalnum():
        return ascii_form[0].lower()
    # A capital whose small letter folds further (Georgian Mtavruli "Ა" → "ა" → "a", found by
    # tests/test_properties.py) is folded as its small letter: a fold of a fold changes nothing.
    lower = ch.lower()
    return _fold_char(lower) if len(lower) == 1 and lower != ch else ch


def _fold_digits(match: re.Match[str]) -> str:
    return match.group(0).translate(_DIGIT_IN_WORD)


# Latin letters, Vietnamese precomposed letters (U+1E00-U+1EFF) and punctuation are folded by
# str.translate; any other character is folded one by one when met.
_TABLE_RANGES = (range(0x250), range(0x1E00, 0x1F00), range(0x2000, 0x2070))


class _FoldTable(dict[int, str]):
    """str.translate's table for `fold`, each character worked out the first time it is met: a
    document holds a hundred or so distinct characters, and working out the ~1,000 of the ranges
    (unidecode for many) cost ~2 ms a start. A character outside the ranges maps to itself, as
    translate leaves a character its table does not hold."""

    def __missing__(self, code: int) -> str:
        out = _fold_char(chr(code)) if any(code in r for r in _TABLE_RANGES) else chr(code)
        self[code] = out
        return out


_TABLE = _FoldTable({ord(k): v for k, v in _OCR_SYMBOLS.items()})


def fold(text: str) -> str:
    """Lower-case key of `text` (already NFC) without marks or OCR look-alikes, same length."""
    folded = text.translate(_TABLE)
    if not folded.isascii():
        folded = "".join(c if c.isascii() else _fold_char(c) for c in folded)
    if _LETTER_BY_DIGIT.search(folded):
        folded = _MIXED_WORD.sub(_fold_digits, folded)
    # English-model OCR reads "Đ" as "P" ("Pang" Đảng, "MUC PiCH" MỤC ĐÍCH): Vietnamese words
    # never start with "p" + vowel, so that "p" is a "d".
    return _WORD_INITIAL_P.sub("d", folded) if "p" in folded else folded
