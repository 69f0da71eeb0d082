"""Writing a chosen syllable back in place of the word: its capitalisation, tone convention and,
for OCR output, the symbols OCR glued to it.

A stripped or good text's capitals are the writer's: a chosen syllable takes the word's case.
English-model OCR also prints capitals for small letters it misreads ("Ung" ứng, "TU" tổ, "HOi"
hội, "Ich" lịch), so in a garbled text a capital counts only where it is plausible: the line is a
heading in capitals, or the letter is not one OCR prints for a small marked one, or the word
starts a sentence, or the syllable is often capitalised inside one ("Việt", "Nam").
"""

from __future__ import annotations

from dataclasses import dataclass

from khparse.repair.normalize import Style, nfc, place_tone
from khparse.repair.ocr import char_events
from khparse.repair.tokens import restore_acronyms

# Capitals English-model OCR prints for small Vietnamese letters (counted on the training pairs):
# U for ư ụ ổ ộ, O for ơ ô, A for á ả, W for ư, I and J (and |) for l.
_MISREAD_CAPS = frozenset("UOAWIJ|")
_MAYBE_PUNCTUATION = frozenset(")]}?")
# A syllable capitalised inside a sentence at most this share of the time is written in small
# letters when only a misread capital says otherwise.
NAME_SHARE = 0.05


@dataclass(frozen=True)
class OcrContext:
    """What case rendering needs to know about a word of OCR output."""

    starts_sentence: bool
    heading: bool  # its line is mostly words in capitals
    name_share: float  # how often the chosen syllable is capitalised inside a sentence


# Small letters English-model OCR prints for a capital with marks ("Tl" TỔ, "Dil" ĐẠI, "Vi" VỀ).
_THIN = frozenset("ilfdtj|")


def looks_capital(word: str) -> bool:
    """In capitals as printed, or as OCR garbles capitals: a capital, then thin small letters,
    digits or symbols only ("Cl" CƠ, "HiIl" HỘI, "C0A" CỦA; not "Muc" Mục)."""
    return word.isupper() or (word[:1].isupper()
                              and all(not c.islower() or c in _THIN for c in word[1:]))


def match_case(form: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    # Mostly capitals is a capitalised word that OCR garbled ("PiCH" ĐÍCH).
    if len(letters) > 1 and 2 * sum(c.isupper() for c in letters) > len(letters):
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def ocr_case(form: str, like: str, ctx: OcrContext) -> str:
    """`form` in the case a garbled word `like` most plausibly had."""
    letters = [c for c in like if c.isalnum() or c == "|"]
    if not letters:
        return form
    first, rest = letters[0], letters[1:]
    upper_rest = [c for c in rest if c.isupper()]
    many = bool(rest) and 2 * len(upper_rest) > len(rest)
    if ctx.heading and (many or looks_capital(like)):
        return form.upper()  # a heading in capitals: "Tl CHUC" TỔ CHỨC
    if not (first.isupper() or first == "|"):  # "cA" cá, "1A" là: a small first letter
        return form
    if many and any(c not in _MISREAD_CAPS for c in upper_rest):
        return form.upper()  # "CHD" CHỦ, "PiCH" ĐÍCH; but "TU" Tổ, "HOi" Hội
    capital = True
    if first in "IJ|" and form.startswith("l"):
        capital = ctx.starts_sentence  # "Ich" lịch, "Ia" là
    elif first in _MISREAD_CAPS and not ctx.starts_sentence:
        capital = ctx.name_share > NAME_SHARE  # "Ung" ứng, "An" án; but "An Giang"
    return form[:1].upper() + form[1:] if capital else form


def render(text: str, form: str | None, style: Style, good: bool,
           ocr: OcrContext | None = None) -> str:
    """The word `text` written as the chosen syllable `form` (None: kept as written)."""
    if form is None:  # kept as written; in a damaged text an acronym gets its Đ back
        return restore_acronyms(text) if text.isupper() and not good else text
    lower = nfc(text).lower()
    if form == lower or form == place_tone(lower):
        return text
    written = place_tone(form, style)
    if ocr is None:
        return match_case(written, text)
    written = ocr_case(written, text, ocr)
    # A bracket or "?" OCR put after the word ("thi)" thế, "ngay)" ngày) stays unless it stood for
    # a letter ("t]" từ): it may be real punctuation whose opening is on an earlier line. Other
    # symbols glued to a word ("co’" cơ, "s&" sở) were never punctuation.
    if text[-1] in _MAYBE_PUNCTUATION:
        events = char_events(form, lower)
        if events and len(events[-1][1]) > 1 and events[-1][1].endswith(text[-1]):
            written += text[-1]
    return written
