"""Marks that tesseract misread on a word it was unsure of, read again from the words around it.

On bold capitals of a low-resolution or faxed page, tesseract's Vietnamese model keeps a word's
letters but misreads a mark: "NHÂN DẢN" for NHÂN DÂN, "YÊU CẤU" for YÊU CẦU, "TUYÊN TRUYỂN" for
TUYÊN TRUYỀN, and it says so: those words come with a confidence of 60-70 where the words around
them measure 90-96 (thuong-xuan-2025's fax page 1). A line holding such a word is read again
without its marks by the language model of the repair stage (khparse.repair), which restores them
from the words around; only the unsure words take its reading, and only where its letters are the
same as tesseract's (a word whose letters were misread is left as printed).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from khparse.read.layout import Word

# A word tesseract reads with less confidence (0-100) is unsure; its sure words on the same pages
# measure 85-96, the misread marks 60-70.
UNSURE_BELOW = 75.0


def _unmarked(text: str) -> str:
    from khparse.repair.normalize import strip_marks

    return strip_marks(text).lower()


def _has_marks(text: str) -> bool:
    from khparse.repair.normalize import has_marks

    return has_marks(text)


def _cased_like(reading: str, printed: str) -> str:
    letters = [c for c in printed if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return reading.upper()
    if printed[:1].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


# Punctuation a syllable may carry ("ĐÍCH,", "(TTHC).", "CẦU:"); anything else (digits, "/", "-") makes
# the word a number or a symbol ("841/QĐ-UBND"), never re-read.
_PUNCTUATION = ".,;:!?()\"'“”"


def _unsure(word: Word) -> bool:
    """A syllable with marks that tesseract read with low confidence."""
    core = word.text.strip(_PUNCTUATION)
    return word.confidence is not None and word.confidence < UNSURE_BELOW and core.isalpha() \
        and _has_marks(core)


def _line(words: list[Word]) -> list[Word]:
    from khparse.repair import repair_text

    stripped = [_unmarked(w.text) for w in words]
    reading = repair_text(" ".join(stripped)).text.split()
    if len(reading) != len(words):
        return words
    out = []
    for word, plain, read in zip(words, stripped, reading, strict=True):
        if _unsure(word) and _unmarked(read) == plain and read.lower() != word.text.lower():
            word = replace(word, text=_cased_like(read, word.text))
        out.append(word)
    return out


def reread_marks(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The page's words, unsure words in lines of Vietnamese given the marks their line suggests."""
    if not any(_unsure(w) for w in words):
        return words
    out: list[Word] = []
    for _, group in groupby(words, key=lambda w: w.line):
        line = list(group)
        out.extend(_line(line) if any(_unsure(w) for w in line) else line)
    return tuple(out)
