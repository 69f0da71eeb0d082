"""Vietnamese syllable normalisation: NFC, one tone-placement convention, mark stripping.

Vietnamese writes the tone (huyền, sắc, hỏi, ngã, nặng) on one vowel of the syllable; two
conventions disagree for open "oa", "oe", "uy": *classic* "hòa, khỏe, thủy" (used by Decree
30/2020/NĐ-CP documents, "CỘNG HÒA") and *modern* "hoà, khoẻ, thuỷ". Both occur in the corpus and in
input, so every syllable is rewritten to the classic convention before counting or scoring; a
changed token is written back in the convention its document uses (`detect_style`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Literal

Style = Literal["classic", "modern"]

# Combining tone marks, in NFD, and the quality marks that stay part of the letter.
TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")  # huyền sắc ngã hỏi nặng
_TONE_SET = frozenset(TONES)
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = frozenset("ăâêôơư")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def split_tone(syllable: str) -> tuple[str, str]:
    """(syllable without its tone mark, NFC; the tone's combining mark or "")."""
    tone = ""
    kept = []
    for ch in unicodedata.normalize("NFD", syllable):
        if ch in _TONE_SET:
            tone = tone or ch
        else:
            kept.append(ch)
    return nfc("".join(kept)), tone


def _nucleus(lower: str) -> tuple[int, int]:
    """Start and end of the vowel cluster, skipping the u of "qu" and the i of "gi" + vowel."""
    start = 0
    while start < len(lower) and lower[start] not in _VOWELS:
        start += 1
    if start < len(lower) - 1 and lower[start + 1] in _VOWELS and (
        lower[max(0, start - 1) : start + 1] in ("qu", "gi") and start == 1
    ):
        start += 1
    end = start
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    return start, end


def tone_position(base: str, style: Style = "classic") -> int:
    """Index of the vowel of `base` (a syllable without tone) that carries the tone; -1 if none."""
    lower = base.lower()
    start, end = _nucleus(lower)
    if start >= end:
        return -1
    cluster = lower[start:end]
    marked = [i for i, ch in enumerate(cluster) if ch in _MARKED_VOWELS]
    if marked:
        # "ươ" carries the tone on ơ; otherwise the (last) vowel with a quality mark.
        return start + (cluster.index("ơ") if "ơ" in cluster else marked[-1])
    if end < len(lower):  # closed syllable: the last vowel ("hoàn", "huỳnh")
        return end - 1
    if len(cluster) == 1:
        return start
    if len(cluster) == 2:
        modern_second = style == "modern" and cluster in ("oa", "oe", "uy")
        return start + (1 if modern_second else 0)
    return start + 1  # three vowels: the middle one ("ngoài", "khuỷu", "xoáy")


@lru_cache(maxsize=65536)
def place_tone(syllable: str, style: Style = "classic") -> str:
    """`syllable` (NFC, any case) with its tone moved to where `style` puts it."""
    base, tone = split_tone(syllable)
    if not tone:
        return base
    pos = tone_position(base, style)
    if pos < 0:
        return syllable
    return nfc(base[:pos] + unicodedata.normalize("NFD", base[pos]) + tone + base[pos + 1 :])


def normalize_syllable(token: str) -> str:
    """NFC, classic tone placement, case kept."""
    return place_tone(nfc(token), "classic")


_STRIP = {"đ": "d", "Đ": "D"}


class _StripTable(dict[int, str]):
    """str.translate's table for strip_marks, each character worked out the first time it is met
    (the inventory alone strips ~5,600 syllables on every start: a table lookup, not an NFD each)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in _STRIP:
            out = _STRIP[ch]
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            out = decomposed[0] if decomposed[0].isascii() and decomposed[0].isalpha() else ch
        self[code] = out
        return out


_STRIP_TABLE = _StripTable()


@lru_cache(maxsize=65536)
def strip_marks(text: str) -> str:
    """All Vietnamese diacritics removed (đ → d), case kept, one character per NFC character."""
    return text.translate(_STRIP_TABLE)


def cased_like(word: str, printed: str) -> str:
    """`word` (a spelling of `printed`) in `printed`'s case: all capitals, a capital first, or a small
    letter first."""
    letters = [c for c in printed if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return word.upper()
    if printed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word[:1].lower() + word[1:] if printed[:1].islower() else word


def has_marks(token: str) -> bool:
    return strip_marks(token) != token


def detect_style(tokens: list[str]) -> Style:
    """The convention a text uses, judged by its open "oa/oe/uy" syllables; classic by default."""
    votes = {"classic": 0, "modern": 0}
    for token in tokens:
        base, tone = split_tone(token)
        if not tone:
            continue
        lower = base.lower()
        start, end = _nucleus(lower)
        if end == len(lower) and lower[start:end] in ("oa", "oe", "uy"):
            if token == place_tone(token, "classic"):
                votes["classic"] += 1
            elif token == place_tone(token, "modern"):
                votes["modern"] += 1
    return "modern" if votes["modern"] > votes["classic"] else "classic"
