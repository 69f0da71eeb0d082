"""Document numbers, symbols and figures that OCR was unsure of, read again from their own crops.

On a faxed or photographed page tesseract misreads a digit or a letter inside a document number
and the whole citation is lost: "?6/NQ-CP" for 76/NQ-CP (read with confidence 66-90), "6B/KH-UBND"
for 68/KH-UBND (78), "20390;" for 2030; (71), "87/KH-THGSKL" for 87/KH-THCSKL (55). Read again on
their own, cut from the page with a margin, at four scales (SCALES), as one line and as one
word (tesseract --psm 7 and 8), the same words mostly come out right, though not
always in the same reading ("76/NQCP.", "76NQ-CP.", "_?6/NQ-CP"). So a reading is taken only:

- where most re-readings agree on one word that has the shape of a number or a symbol (Decree 30:
  "76/NQ-CP", "30/2018/QĐ-UBND", "57-NQ/TW", "QH15"; a date, a year, a figure) and is within
  MAX_EDITS of what the page read; or
- where the page's reading breaks that shape (a "?" or a "B" among the digits of a number), the
  characters that break it, each from the re-readings aligned with it, when they agree and the
  word then has the shape.

Every re-read word goes into one multi-page image and one tesseract run per mode, so a page pays
two runs at most, and a page with no doubtful number (a clean scan) pays nothing.

Some misreadings no crop undoes: on a phone photo tesseract reads "1659/NQ-UBTVQHI15" for
1659/NQ-UBTVQH15 at every scale (the serifs of "H1" as "HI1"), "/KH-PGDDT" for /KH-PGDĐT with
confidence 89. A symbol is made of parts a few hundred units and kinds of document share; a part
whose stem (its letters, _symbol_stems.STEMS, learned from written plans and laws) was never seen,
one glyph away from exactly one stem that was (a thin stroke too many, "D" for "Đ", "0" for "O"),
is that stem: mend_symbol, on every word with a symbol, free of OCR. A symbol read as two words
("46-KH/BTGDV TU") is joined back when only the two together make a known stem (_rejoined).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Protocol, runtime_checkable

from PIL import Image

from khparse.fold import fold
from khparse.read._symbol_stems import STEMS
from khparse.read.layout import Word
from khparse.repair.tokens import ACRONYM_D

# A symbol's parts: a capital, letters (with Đ and &; "TTg" is the Prime Minister's) and at most a
# few digits after them ("QH15", "PC06").
_PART = r"[A-ZĐ][A-ZĐ&a-zđ]{0,11}\d{0,3}"
_SYMBOL = rf"{_PART}(?:-{_PART})*"
SHAPES = (
    re.compile(rf"\d{{1,5}}(?:/\d{{4}})?/{_SYMBOL}"),  # 76/NQ-CP, 30/2018/QĐ-UBND
    re.compile(rf"\d{{1,5}}-{_PART}/{_SYMBOL}"),  # 57-NQ/TW, 04-KH/ĐU
    re.compile(r"(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}"),  # 15/7/2021
    re.compile(r"(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}"),  # 7/2024
    re.compile(r"(?:19|20)\d{2}"),  # a year
    re.compile(r"\d{1,3}(?:[.,]\d{3})*(?:,\d+)?%?"),  # a figure
    re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?"),  # an outline number: 1.2.
)
# Punctuation around a number or symbol: WORD_PUNCTUATION but "?" and "!", which OCR prints for
# a digit it cannot make out ("?6/NQ-CP").
CODE_PUNCTUATION = ".,;:()\"'“”"
# Doubtful: a word with digits that has no such shape; one that has it, read with less confidence
# than CODE_SURE (a number and symbol) or FIGURE_SURE (a date, a figure). tesseract is often unsure
# of symbols it reads right (on the clean scans of the five default plans "35/QĐ-BNV" at 39,
# "749/QĐ-TTg" at 67), so these are low: a clean page seldom pays for a re-reading.
CODE_SURE, FIGURE_SURE = 60.0, 50.0
# How far a re-reading may be from the page's reading (Levenshtein).
MAX_EDITS = 2
# At most this many words a page are read again (a page of tables full of numbers stays cheap).
MAX_WORDS = 16
# A crop reaches this share of the word's height beyond its box, left and right, up and down.
MARGIN_X, MARGIN_Y = 0.5, 0.4
SCALES = (1.0, 1.25, 1.5, 2.0)
# Noise tesseract puts at a crop's edge ("_87/KH-THCSKL", "| 4757/QĐ-UBND").
_EDGE_NOISE = "_|‘’`'\"—–-~"


# One glyph misread in a symbol's part, as tesseract does: a thin stroke read as a letter too many
# (serifs, a speck: "QHI15", "UB|ND"), and letters read as the digits and letters they look like.
# A known stem is never changed, so only a part no plan or law spells is mended. The small "r" among
# capitals ("GDTrH", "CTr") is read as a "T", or gains one after it ("GDTTH", "GDTrTH" on a creased
# page and a phone photo); a "T" elsewhere is no glyph too many ("CTĐ" is no misread "CĐ").
EXTRA_GLYPHS = "Il1i|"
EXTRA_AFTER_SMALL_R = "T"
# "Đ" is never read for a "D" (tesseract loses the bar, it does not add one), so HĐ stays HĐ.
LOOK_ALIKE = {"D": "Đ", "O": "Q0", "Q": "O", "0": "OQ", "I": "l1", "l": "I1", "1": "Il",
              "S": "5", "5": "S", "B": "8", "8": "B", "Z": "2", "2": "Z", "G": "6Q", "6": "G", "T": "r",
              # Letters whose small and capital forms differ in size only ("09/kH-VP" beside a stamp).
              "k": "K", "c": "C", "o": "O", "s": "S", "v": "V", "x": "X", "w": "W", "z": "Z"}


def _bare_capital(c: str) -> str:
    """A symbol's letters carry no marks but Đ's bar (which NFD keeps): a mark on a capital is a speck
    above or below it read as a tone ("NQ/ĐỤ" on a streaked photocopy), the bare capital its look-alike."""
    bare = unicodedata.normalize("NFD", c)[0]
    return bare if c.isupper() and bare != c else ""


@runtime_checkable
class CropReader(Protocol):
    def read_crops(self, crops: Sequence[Image.Image], *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        """The words of each crop, read as one line (word=False) or as one word (word=True)."""


def fits(core: str) -> bool:
    """Whether a word (its punctuation stripped) has the shape of a number, a symbol or a figure."""
    return any(shape.fullmatch(core) for shape in SHAPES)


def _core(text: str) -> tuple[str, str, str]:
    """(leading punctuation, core, trailing punctuation)."""
    core = text.strip(CODE_PUNCTUATION)
    start = text.find(core) if core else 0
    return text[:start], core, text[start + len(core):]


def _number(core: str) -> str:
    """What comes before a number's first "/" or "-": its digits ("76" of 76/NQ-CP)."""
    return re.split(r"[/-]", core, maxsplit=1)[0]


def doubtful(word: Word) -> bool:
    """A number or symbol to read again: with digits in its number (not a Roman numeral misread
    as "I1." or "H/2024", which the outline judges by its place) and three characters or more."""
    core = _core(word.text)[1]
    number = _number(core)
    digits = sum(c.isdigit() for c in number)
    if len(core) < 3 or not digits or 2 * digits < len(number):
        return False
    if not fits(core):
        return True
    sure = CODE_SURE if any(c.isalpha() for c in core) or "/" in core else FIGURE_SURE
    return word.confidence is not None and word.confidence < sure


# The words around a date's day and month ("ngày 28 tháng 01 năm 2026"), folded.
_DATE_SLOTS = {"ngay": "thang", "thang": "nam"}
# A day or month is one or two digits; OCR's reading of a smudged one is as short ("Ø†" for "01").
_SLOT_CHARS = 3


def _date_slot(words: tuple[Word, ...], i: int) -> bool:
    """A day or month the page read as no figure ("ngày 28 tháng Ø† năm 2026" on a fax): between
    "ngày" and "tháng", or "tháng" and "năm", on one line, a short word with no digit and no letter
    of the alphabet a date line prints."""
    if not 0 < i < len(words) - 1 or not (words[i - 1].line == words[i].line == words[i + 1].line):
        return False
    core = _core(words[i].text)[1]
    after = _DATE_SLOTS.get(fold(words[i - 1].text.strip(CODE_PUNCTUATION)))
    return (after is not None and fold(words[i + 1].text.strip(CODE_PUNCTUATION)) == after
            and 0 < len(core) <= _SLOT_CHARS and not any(c.isdigit() or "a" <= c.lower() <= "z" for c in core))


def _reading(words: tuple[Word, ...]) -> str:
    """The word a crop was read as: its longest word with a digit, edge noise and punctuation cut."""
    texts = [w.text for w in words if any(c.isdigit() for c in w.text)]
    if not texts:
        return ""
    return max(texts, key=len).strip(_EDGE_NOISE).strip(CODE_PUNCTUATION).strip(_EDGE_NOISE)


def _edits(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def _mended(core: str, readings: list[str]) -> str | None:
    """`core` with the characters that break its shape taken from the readings aligned with them:
    where the readings that align a character with it agree on one (a digit for a "?")."""
    votes: list[Counter[str]] = [Counter() for _ in core]
    for reading in readings:
        for op, i1, i2, j1, j2 in SequenceMatcher(None, core, reading, autojunk=False).get_opcodes():
            if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
                for k in range(i2 - i1):
                    votes[i1 + k][reading[j1 + k]] += 1
    out = list(core)
    for k, char in enumerate(core):
        if not _breaks(core, k):
            continue
        # The character is wrong whatever the votes: the likeliest character that fits its place.
        fitting = [(n, c) for c, n in votes[k].items() if c != char and not _breaks(core[:k] + c + core[k + 1:], k)]
        if fitting:
            n, best = max(fitting)
            if sum(1 for m, _ in fitting if m == n) == 1:
                out[k] = best
    mended = "".join(out)
    return mended if mended != core and fits(mended) else None


def _breaks(core: str, k: int) -> bool:
    """Whether the character at k breaks the shape: not a letter or digit where one is expected —
    anything but a digit before the first "/" or "-" (the number), or a character no symbol has."""
    char = core[k]
    cut = min((i for i in (core.find("/"), core.find("-")) if i >= 0), default=len(core))
    if k < cut:
        return not char.isdigit()
    return not (char.isdigit() or char in "/-&Đđ" or "A" <= char <= "Z" or "a" <= char <= "z")


def choose(word: Word, readings: list[str]) -> str | None:
    """The word's text as re-read, or None to keep the page's reading."""
    lead, core, trail = _core(word.text)
    if not fits(core):
        # First only the characters that break the shape ("?6" → "76"): re-readings that drop a
        # character ("6/NQ-CP") may agree with one another and still be wrong.
        mended = _mended(core, [r for r in readings if r])
        if mended is not None:
            return lead + mended + trail
    shaped = Counter(r for r in readings if r and r != core and fits(r) and _edits(r, core) <= MAX_EDITS)
    ranked = shaped.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    best, count = ranked[0]
    if not fits(core):
        return lead + best + trail if count >= 2 else None
    # A reading with the shape is replaced only by one that most re-readings agree on, of its
    # length: a letter or digit misread, not one dropped ("QHI15" is not "QHI5").
    if len(best) == len(core) and 2 * count > len(readings) and count > readings.count(core):
        return lead + best + trail
    return None


def _known(part: str) -> bool:
    """Whether the part's letters are a known stem, followed by as many digits as it was seen with."""
    letters = part.rstrip("0123456789")
    return len(part) - len(letters) in STEMS.get(letters, ())


def _one_glyph(part: str) -> set[str]:
    """`part` with one glyph dropped (EXTRA_GLYPHS) or read as its look-alike (LOOK_ALIKE)."""
    out = {part[:k] + part[k + 1:] for k, c in enumerate(part)
           if c in EXTRA_GLYPHS or (c in EXTRA_AFTER_SMALL_R and part[k - 1:k] == "r")}
    out |= {part[:k] + other + part[k + 1:] for k, c in enumerate(part)
            for other in LOOK_ALIKE.get(c, "") + _bare_capital(c)}
    # One "Đ" read twice, with and without its bar ("DĐTN" for ĐTN on a 200 dpi G4 scan).
    out |= {part[:k] + "Đ" + part[k + 2:] for k in range(len(part) - 1) if part[k:k + 2] in ("DĐ", "ĐD")}
    return out


# A symbol after its number, the number read apart ("27 /KH-UBND"; a Party document's "02- NQ/ĐU").
_CITED_SYMBOL = re.compile(rf"(?:{_PART})?/{_SYMBOL}")
# A Party document's number whose thin hyphen a low resolution lost ("05NQ/ĐU" for 05-NQ/ĐU): figures run
# straight into a known stem, which no numbering prints.
_LOST_HYPHEN = re.compile(r"(\d{1,4})([A-ZĐ]{2,5})(/.+)")


def mend_symbol(text: str) -> str | None:
    """The word with its symbol's unknown parts mended into the one known stem each can be (see the
    module's docstring), or None when nothing is mended."""
    lead, printed, trail = _core(text)
    if "/" not in printed:
        return None
    lost = _LOST_HYPHEN.fullmatch(printed)
    core = f"{lost[1]}-{lost[2]}{lost[3]}" if lost and _known(lost[2]) else printed
    pieces = re.split(r"([/-])", core)
    for k, piece in enumerate(pieces):
        if not piece[:1].isalpha() or _known(piece):
            continue
        known = {p for p in _one_glyph(piece) if re.fullmatch(_PART, p) and _known(p)}
        if len(known) == 1:
            pieces[k] = known.pop()
    mended = "".join(pieces)
    if mended == printed or not (fits(mended) or _CITED_SYMBOL.fullmatch(mended)):
        return None
    return lead + mended + trail


# The letters OCR may part from the end of a symbol ("46-KH/BTGDV TU," for 46-KH/BTGDVTU): a short
# run of capitals, a part's tail.
_SYMBOL_TAIL = re.compile(r"[A-ZĐ]{1,4}")


def _merged(first: Word, second: Word, text: str, confidence: float | None) -> Word:
    """One word of two read apart on a line: `text` over both boxes."""
    return replace(first, text=text, x1=second.x1, top=min(first.top, second.top),
                   bottom=max(first.bottom, second.bottom), confidence=confidence)


def _rejoined(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """A symbol whose last part no plan or law spells, followed on its line by a few capitals that
    make it a known stem, joined back into one word: tesseract reads a gap in a long symbol as a
    space (its kerning, a speck cleaned away) and the citation's number is cut short."""
    out: list[Word] = []
    for word in words:
        if out and word.line is not None and word.line == out[-1].line:
            lead, core, trail = _core(out[-1].text)
            tail_lead, tail, tail_trail = _core(word.text)
            last = re.split(r"[/-]", core)[-1]
            if ("/" in core and not trail and not tail_lead and _SYMBOL_TAIL.fullmatch(tail)
                    and not _known(last) and _known(last + tail) and fits(core + tail)):
                out[-1] = _merged(out[-1], word, lead + core + tail + tail_trail, out[-1].confidence)
                continue
        out.append(word)
    return tuple(out)


# The kind of document a citation names before "số", folded, and the code its symbol then carries
# after its number: "Tờ trình số 18/TTr-SNV" (read "18/FIr-SNV" under a seal's layer: two glyphs from
# TTr, beyond mend_symbol's one), "Kế hoạch số 15/KH-UBND", "Nghị quyết số 05-NQ/ĐU".
KIND_CODES = {"to trinh": "TTr", "ke hoach": "KH", "quyet dinh": "QĐ", "nghi quyet": "NQ", "chi thi": "CT",
              "thong bao": "TB", "bao cao": "BC", "huong dan": "HD", "ket luan": "KL", "chuong trinh": "CTr"}
_KIND_BEFORE = re.compile(rf"(?:^|\s)({'|'.join(KIND_CODES)})\s+so\s*:?$")


def _kind_code(words: tuple[Word, ...], k: int) -> str | None:
    """The code the citation's kind, in the three words before word `k`, gives its symbol."""
    before = fold(" ".join(w.text for w in words[max(0, k - 3):k]).strip(CODE_PUNCTUATION))
    m = _KIND_BEFORE.search(before)
    return KIND_CODES[m.group(1)] if m else None


def _coded(text: str, code: str) -> str | None:
    """The word with its symbol's code (the part after its number) read as `code` when that part is
    no known stem and at most a glyph away from it, two for a code of three letters; else None."""
    lead, core, trail = _core(text)
    pieces = re.split(r"([/-])", core)
    if len(pieces) < 3 or not pieces[0].isdigit() or pieces[2] == code or _known(pieces[2]):
        return None
    if not pieces[2].isalpha() or _edits(pieces[2], code) > (2 if len(code) >= 3 else 1):
        return None
    pieces[2] = code
    return lead + "".join(pieces) + trail


def _known_symbols(words: tuple[Word, ...]) -> tuple[Word, ...]:
    words = _rejoined(words)
    out = list(words)
    for k, word in enumerate(words):
        code = _kind_code(words, k) if "/" in word.text else None
        coded = _coded(word.text, code) if code else None
        if coded is not None:
            word = out[k] = replace(word, text=coded)
        mended = mend_symbol(word.text)
        lead, core, trail = _core(word.text)
        if mended is None and core in ACRONYM_D:
            # An acronym alone whose Đ lost its bar ("Văn phòng HDND và UBND" on a skewed scan).
            mended = lead + ACRONYM_D[core] + trail
        if mended is not None:
            out[k] = replace(word, text=mended)
    return tuple(out)


def _crop(image: Image.Image, word: Word, scale: float) -> Image.Image:
    height = word.bottom - word.top
    dx, dy = MARGIN_X * height, MARGIN_Y * height
    box = (max(0, round(word.x0 - dx)), max(0, round(word.top - dy)),
           min(image.width, round(word.x1 + dx)), min(image.height, round(word.bottom + dy)))
    crop = image.crop(box)
    if scale != 1.0:
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)), Image.Resampling.LANCZOS)
    return crop


def crop_readings(words: Sequence[Word], image: Image.Image, engine: object, timeout: float) -> list[set[str]]:
    """How each word reads on its own, cut from `image` at SCALES and read as one word: the
    texts of the crops' words (ocr_marks asks this of words whose marks it doubts). An engine
    that cannot read crops reads nothing."""
    if not words or not isinstance(engine, CropReader):
        return [set() for _ in words]
    crops = [_crop(image, word, scale) for word in words for scale in SCALES]
    read = engine.read_crops(crops, word=True, timeout=timeout)
    return [{w.text for s in range(len(SCALES)) for w in read[n * len(SCALES) + s]} for n in range(len(words))]


def reread_codes(words: tuple[Word, ...], image: Image.Image, engine: object, timeout: float) -> tuple[Word, ...]:
    """The page's words, a symbol cut after its hyphen joined (_hyphen_joined), its doubtful numbers
    and symbols read again from their crops of `image` (the page as it was OCRed) where the
    re-readings say so, then symbols' unknown parts mended (mend_symbol). Engines that cannot read
    crops (a recorded one) only have their symbols mended."""
    return _known_symbols(_reread_crops(_hyphen_joined(words), image, engine, timeout))


# A symbol's part after its hyphen, read as a word of its own ("09/KH-" "UBND" off a faint photocopy).
_PART_AFTER_HYPHEN = re.compile(rf"{_PART}(?:-{_PART})*")
# ...no farther from the hyphen than this share of the line's height (a word space at most).
HYPHEN_GAP = 1.0


def _hyphen_joined(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """Words with a number's symbol that ends in its hyphen joined to the capitals after it on its
    line: no symbol ends so. Read alone, the cut word's crop took a stroke of the next word for a
    letter ("09/KH-I", "94/2006/QĐ-T") and the citation's symbol was lost."""
    out: list[Word] = []
    for word in words:
        if out and word.line is not None and word.line == out[-1].line:
            lead, core, trail = _core(out[-1].text)
            tail_lead, tail, tail_trail = _core(word.text)
            height = max(1.0, out[-1].bottom - out[-1].top)
            if (core.endswith("-") and "/" in core and any(c.isdigit() for c in core) and not trail
                    and not tail_lead and _PART_AFTER_HYPHEN.fullmatch(tail)
                    and word.x0 - out[-1].x1 <= HYPHEN_GAP * height):
                # Read as sure as the less sure of the two: a doubtful one is read again from its crop.
                sure = min(c for c in (out[-1].confidence, word.confidence, 100.0) if c is not None)
                out[-1] = _merged(out[-1], word, lead + core + tail + tail_trail, sure)
                continue
        out.append(word)
    return tuple(out)


def _reread_crops(words: tuple[Word, ...], image: Image.Image, engine: object, timeout: float) -> tuple[Word, ...]:
    if not isinstance(engine, CropReader):
        return words
    at = [i for i, w in enumerate(words) if doubtful(w) or _date_slot(words, i)][:MAX_WORDS]
    if not at:
        return words
    crops = [_crop(image, words[i], scale) for i in at for scale in SCALES]
    # Read as words first; as lines too unless every re-reading of a word that has its shape
    # confirms it (the common case on a clean page: one run, not two).
    as_words = engine.read_crops(crops, word=True, timeout=timeout)
    readings = [[_reading(as_words[n * len(SCALES) + s]) for s in range(len(SCALES))] for n in range(len(at))]
    cores = [_core(words[i].text)[1] for i in at]
    if not all(fits(core) and set(r) == {core} for core, r in zip(cores, readings, strict=True)):
        as_lines = engine.read_crops(crops, word=False, timeout=timeout)
        readings = [[*r, *(_reading(as_lines[n * len(SCALES) + s]) for s in range(len(SCALES)))]
                    for n, r in enumerate(readings)]
    out = list(words)
    for i, read in zip(at, readings, strict=True):
        text = choose(words[i], read)
        if text is None and _date_slot(words, i):
            text = _slot_figure(words[i].text, fold(words[i - 1].text.strip(CODE_PUNCTUATION)))
        if text is not None:
            out[i] = replace(words[i], text=text)
    return tuple(out)


# The glyphs tesseract gives an italic date's digits when no re-reading finds them: a slashed or
# horned "0" ("Ø", "Ơ"), a dagger or a bar for "1" ("Ø†" for 01 on a 150 dpi fax, every scale).
_SLOT_DIGITS = {**dict.fromkeys("ØøƠơỚớỜờ°", "0"), **dict.fromkeys("†‡|!]", "1")}
# The largest day and month.
_SLOT_LARGEST = {"ngay": 31, "thang": 12}


def _slot_figure(text: str, before: str) -> str | None:
    """A date slot's figure from its digits' look-alikes, when each glyph is one and the figure can
    be a day (after "ngày") or a month (after "tháng")."""
    lead, core, trail = _core(text)
    figure = "".join(_SLOT_DIGITS.get(c, "") for c in core)
    if len(figure) != len(core) or not 1 <= int(figure) <= _SLOT_LARGEST[before]:
        return None
    return lead + figure + trail
