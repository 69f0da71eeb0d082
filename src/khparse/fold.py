"""Folded keys: text with diacritics and common OCR confusions removed, for recognition only.

`fold(s)` has exactly the length of `nfc(s)`, character for character, so a match found in the
folded key is sliced out of the original text by the same indices. What khparse emits is always the
original (NFC) text, never the folded key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

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
_DIGIT_IN_WORD = {"0": "o", "1": "l", "3": "a", "4": "a", "6": "o", "8": "o"}
_MIXED_WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _OCR_SYMBOLS:
        return _OCR_SYMBOLS[ch]
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0]
    if base.isascii():
        return base.lower()
    ascii_form = unidecode(ch)
    return ascii_form[0].lower() if len(ascii_form) == 1 and ascii_form.isalnum() else ch.lower()


def _fold_digits(match: re.Match[str]) -> str:
    word = match.group(0)
    if word.isdigit() or not any(c.isdigit() for c in word):
        return word
    return "".join(_DIGIT_IN_WORD.get(c, c) for c in word)


def fold(text: str) -> str:
    """Lower-case key of `text` (already NFC) without marks or OCR look-alikes, same length."""
    folded = "".join(_fold_char(c) for c in text)
    folded = _MIXED_WORD.sub(_fold_digits, folded)
    # English-model OCR reads "Đ" as "P" ("Pang" Đảng, "MUC PiCH" MỤC ĐÍCH): Vietnamese words
    # never start with "p" + vowel, so that "p" is a "d".
    return re.sub(r"\bp(?=[aeiouy])", "d", folded)


def squash(text: str) -> str:
    """Folded key with everything but letters and digits removed, for glued or spaced words."""
    return re.sub(r"[^a-z0-9]+", "", fold(nfc(text)))
