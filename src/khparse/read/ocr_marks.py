"""Marks that tesseract misread, put right: in the fixed phrases of a Decree 30 document, and on a word
it was unsure of, read again from the words around it.

The header, headings and signature of a plan are printed in capitals in a fixed vocabulary ("ỦY BAN
NHÂN DÂN", "TỔ CHỨC THỰC HIỆN", "CHỦ TỊCH"), and there tesseract's misread marks are certain to be
misread: a capitals line whose words spell one of FIXED_PHRASES without marks is that phrase (on the
archive-like scans: "NHÀN DÂN", "CHU TỊCH", "NỘI DƯNG", "TỔ CHÚC THỰC HIỆN", some read with
confidence 90 or more).

On bold capitals of a low-resolution or faxed page, tesseract's Vietnamese model keeps a word's
letters but misreads a mark: "NHÂN DẢN" for NHÂN DÂN, "YÊU CẤU" for YÊU CẦU, "TUYÊN TRUYỂN" for
TUYÊN TRUYỀN, and it says so: those words come with a confidence of 60-85 where the words around
them measure 90-96 (thuong-xuan-2025's fax page 1). A line holding such a word is read again
without its marks by the language model of the repair stage (khparse.repair), which restores them
from the words around; only the unsure words take its reading, and only where its letters are the
same as tesseract's (a word whose letters were misread is left as printed).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from khparse.read.layout import WORD_PUNCTUATION, Word
from khparse.repair.normalize import has_marks, strip_marks

# Phrases of the Decree 30 layout and of plans' headings, printed in capitals, each of two words or
# more (one syllable without marks may be several words; two together are one phrase only).
FIXED_PHRASES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "THỊ TRẤN", "THÀNH PHỐ",
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "PHỤ LỤC", "NƠI NHẬN",
    "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "PHÓ BÍ THƯ", "BÍ THƯ", "HIỆU TRƯỞNG",
    "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "THAY MẶT",
    "MỤC ĐÍCH", "YÊU CẦU", "MỤC TIÊU", "NỘI DUNG", "HÌNH THỨC", "ĐỐI TƯỢNG", "TUYÊN TRUYỀN", "TRUYỀN THÔNG",
    "TỔ CHỨC THỰC HIỆN", "KINH PHÍ", "THỰC HIỆN", "NHIỆM VỤ", "GIẢI PHÁP", "TRÁCH NHIỆM", "PHÂN CÔNG",
    "CẢI CÁCH HÀNH CHÍNH", "THỦ TỤC HÀNH CHÍNH", "CHUYỂN ĐỔI SỐ", "DỊCH VỤ CÔNG", "TRỰC TUYẾN",
    "CĂN CỨ", "QUAN ĐIỂM", "CHỈ TIÊU", "TIẾN ĐỘ", "THỜI GIAN", "CHẾ ĐỘ BÁO CÁO", "KIỂM TRA", "GIÁM SÁT",
)
# A word tesseract reads with less confidence (0-100) is unsure. Characters read right over the pages
# of two plans (thuong-xuan, ha-tinh; clean / fax / phone photo) as this threshold goes 0 → 75 → 85
# → 92: clean 97.114 → 97.123 → 97.123 → 97.118%, fax 96.384 → 96.393 → 96.445 → 96.435%, phone
# 96.486 → 96.589 → 96.654 → 96.719% (/tmp script replaying ocr_marks over recorded words). 85 helps
# every kind and costs the clean scans nothing.
UNSURE_BELOW = 85.0


def _unmarked(text: str) -> str:
    return strip_marks(text).lower()


def _cased_like(reading: str, printed: str) -> str:
    letters = [c for c in printed if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        return reading.upper()
    if printed[:1].isupper():
        return reading[:1].upper() + reading[1:]
    return reading


# Inside its punctuation (layout.WORD_PUNCTUATION) a syllable is letters only; anything else (digits,
# "/", "-") makes the word a number or a symbol ("841/QĐ-UBND"), never re-read.


def _unsure(word: Word) -> bool:
    """A syllable with marks that tesseract read with low confidence."""
    core = word.text.strip(WORD_PUNCTUATION)
    return word.confidence is not None and word.confidence < UNSURE_BELOW and core.isalpha() \
        and has_marks(core)


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


def _phrases() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(words without marks, words as printed) of FIXED_PHRASES, longest first."""
    phrases = [(tuple(_unmarked(p).split()), tuple(p.split())) for p in FIXED_PHRASES]
    return sorted(phrases, key=lambda p: -len(p[0]))


def _capitals(word: Word) -> bool:
    letters = [c for c in word.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _fixed(words: list[Word]) -> list[Word]:
    """A capitals line's words, each run that spells a fixed phrase without marks given its marks."""
    out = list(words)
    cores = [_unmarked(w.text.strip(WORD_PUNCTUATION)) for w in words]
    at = 0
    while at < len(out):
        for plain, printed in _PHRASES:
            end = at + len(plain)
            if tuple(cores[at:end]) == plain and all(_capitals(w) for w in out[at:end]):
                for k, right in zip(range(at, end), printed, strict=True):
                    text = out[k].text
                    core = text.strip(WORD_PUNCTUATION)
                    if core != right:
                        start = text.index(core)
                        out[k] = replace(out[k], text=text[:start] + right + text[start + len(core):])
                at = end - 1
                break
        at += 1
    return out


def reread_marks(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """The page's words: fixed phrases in capitals given their marks, and unsure words in lines of
    Vietnamese the marks their line suggests."""
    out: list[Word] = []
    for _, group in groupby(words, key=lambda w: w.line):
        line = _fixed(list(group))
        out.extend(_line(line) if any(_unsure(w) for w in line) else line)
    return tuple(out)


_PHRASES = _phrases()
