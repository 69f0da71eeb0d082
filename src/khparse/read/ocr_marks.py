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

On a phone photo a word read with more confidence still carries wrong marks ("Văn phỏng" at 93,
"Thưởng xuyên" at 93 in a table's cells), and in a short line (a cell) the model is less sure of
what it restores (0.995): not sure enough to overrule tesseract alone, but enough to ask the
image. Such a word is read again from its own crop (codes.crop_readings) and takes the model's
marks when one of those readings has them: the model proposes, the page confirms.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import groupby, pairwise

from khparse.read.layout import WORD_PUNCTUATION, Word
from khparse.repair.inventory import is_vietnamese_syllable
from khparse.repair.normalize import cased_like, has_marks, normalize_syllable, strip_marks
from khparse.repair.tokens import restore_acronyms

# Phrases of the Decree 30 layout and of plans' headings, printed in capitals, each of two words or
# more (one syllable without marks may be several words; two together are one phrase only).
FIXED_PHRASES = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC", "ĐẢNG CỘNG SẢN VIỆT NAM",
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "THỊ TRẤN", "THÀNH PHỐ",
    "PHÒNG GD&ĐT", "SỞ GD&ĐT",  # Giáo dục và Đào tạo, abbreviated so in every school's header
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "PHỤ LỤC", "NƠI NHẬN",
    "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "PHÓ BÍ THƯ", "BÍ THƯ", "HIỆU TRƯỞNG",
    "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "THAY MẶT",
    "MỤC ĐÍCH", "YÊU CẦU", "MỤC TIÊU", "NỘI DUNG", "HÌNH THỨC", "ĐỐI TƯỢNG", "TUYÊN TRUYỀN", "TRUYỀN THÔNG",
    "TỔ CHỨC THỰC HIỆN", "KINH PHÍ", "THỰC HIỆN", "NHIỆM VỤ", "GIẢI PHÁP", "TRÁCH NHIỆM", "PHÂN CÔNG",
    "CẢI CÁCH HÀNH CHÍNH", "THỦ TỤC HÀNH CHÍNH", "CHUYỂN ĐỔI SỐ", "DỊCH VỤ CÔNG", "TRỰC TUYẾN",
    "CĂN CỨ", "QUAN ĐIỂM", "CHỈ TIÊU", "TIẾN ĐỘ", "THỜI GIAN", "CHẾ ĐỘ BÁO CÁO", "KIỂM TRA", "GIÁM SÁT",
    "CÔNG TY CỔ PHẦN", "TRÁCH NHIỆM HỮU HẠN", "HỢP TÁC XÃ", "TRẠM Y TẾ", "TRƯỞNG CÔNG AN",
)
# Phrases of a plan's prose whose letters without marks spell nothing else: in any case, a run of
# words that spells one of them without marks is that phrase ("chuyến đối số", "tố chức" read on a
# 200 dpi bi-level scan at confidence 93-96, beyond the doubt of the rules below). A phrase that
# may run on into another ("dịch vụ công" / "dịch vụ cộng đồng") is listed only in full.
PROSE_PHRASES = (
    "cải cách hành chính", "thủ tục hành chính", "chuyển đổi số", "dịch vụ công trực tuyến", "tổ chức",
    "tuyên truyền", "phổ biến", "giáo dục pháp luật", "chính quyền số", "kinh tế số", "xã hội số",
    "tổ dân phố", "tổ trưởng", "bảo hiểm xã hội", "phục vụ hành chính công",
    # words of units' names read with a sắc for a hỏi on scans and faxes ("Khoa Kiếm soát bệnh tật", "Đội
    # Kiếm lâm", "Tống phụ trách Đội", "Đội Tống hợp"; blind19, blind21, blind46, blind47)
    "kiểm soát", "kiểm lâm", "tổng phụ trách", "tổng hợp",
)
# A word tesseract reads with less confidence (0-100) is unsure. Characters read right over the pages
# of two plans (thuong-xuan, ha-tinh; clean / fax / phone photo) as this threshold goes 0 → 75 → 85
# → 92: clean 97.114 → 97.123 → 97.123 → 97.118%, fax 96.384 → 96.393 → 96.445 → 96.435%, phone
# 96.486 → 96.589 → 96.654 → 96.719% (/tmp script replaying ocr_marks over recorded words). 85 helps
# every kind and costs the clean scans nothing.
UNSURE_BELOW = 85.0
# A syllable read with more confidence may still carry a wrong mark: on phone photos tesseract
# reads "chỉnh" for chính at 87-96 ("hành chỉnh", "chỉnh quyền"), on faxes "đụa" for đua at 85.
# Such a word takes the language model's marks too where the model is sure of its reading (the
# probability it gives its choice): at least LM_SURE for a word read below DOUBT_BELOW; on a
# photographed page at least PHOTO_LM_SURE for a word read below PHOTO_DOUBT_BELOW. Characters
# right over the clean / fax / phone scans of the five default plans (63 pages, recorded words
# replayed; benchmarks/bench_scan_reading.py reads them afresh): without these rules 98.058 /
# 97.764 / 97.800%; with them 98.066 / 97.797 / 98.024%. On photos 0.99 would read 98.030% but
# also turn a unit "Liên đội trường" (read at 96) into "trưởng" (0.9995): two common words, where
# only the page can tell.
DOUBT_BELOW, LM_SURE = 93.0, 0.99
PHOTO_DOUBT_BELOW, PHOTO_LM_SURE = 97.0, 0.9999
# Below PHOTO_LM_SURE, a photographed word read below PHOTO_DOUBT_BELOW whose marks the model
# restores with at least LM_SURE is read again from its crop (Confirm) and takes the model's
# reading when a re-reading spells it: "Liên đội trường" (read at 96, the model's "trưởng" at
# 0.9995) stays, its crop reads "trường".
Confirm = Callable[[Sequence[Word]], list[set[str]]]  # each word's readings of its own crop


def _unmarked(text: str) -> str:
    return strip_marks(text).lower()


# Inside its punctuation (layout.WORD_PUNCTUATION) a syllable is letters only; anything else (digits,
# "/", "-") makes the word a number or a symbol ("841/QĐ-UBND"), never re-read.


def _syllable(word: Word, below: float) -> bool:
    """A syllable with marks that tesseract read with less confidence than `below`."""
    core = word.text.strip(WORD_PUNCTUATION)
    return word.confidence is not None and word.confidence < below and core.isalpha() and has_marks(core)


def _unsure(word: Word) -> bool:
    """A syllable with marks that tesseract read with low confidence."""
    return _syllable(word, UNSURE_BELOW)


def _unknown(read: str, word: Word) -> bool:
    """Whether the model's reading is only the letters of a word it does not know, which it gives
    no marks, where tesseract read two syllables run together with their marks (a place name on a
    phone photo: "THƯỜNGXUÂN" read "thuongxuan"). An acronym misread with a mark ("ƯBND") is no two
    syllables: the model's "ubnd" stands."""
    core, printed = read.strip(WORD_PUNCTUATION).lower(), word.text.strip(WORD_PUNCTUATION).lower()
    if has_marks(core) or not has_marks(printed) or is_vietnamese_syllable(core):
        return False
    return any(is_vietnamese_syllable(printed[:k]) and is_vietnamese_syllable(printed[k:])
               for k in range(1, len(printed)))


def _placed_apart(printed: str, read: str) -> bool:
    """`printed` and `read` are one word whose tone stands on another vowel ("Uỷ" / "Ủy", "HOÀ" /
    "HÒA", "THUỶ" / "THỦY"): both placements are printed (the old one all through a 2009 plan), the
    model and the gazetteer know the classic one only, and the plan is reported as printed."""
    return printed != read and normalize_syllable(printed.lower()) == normalize_syllable(read.lower())


def _line(words: list[Word], photo: bool, kept: set[int]) -> tuple[list[Word], list[tuple[int, str]]]:
    """The line's words with the marks the model restores, and the words (index, cased reading)
    whose reading awaits the page's confirmation (Confirm)."""
    from khparse.repair import repair_text

    stripped = [_unmarked(w.text) for w in words]
    result = repair_text(" ".join(stripped))
    reading = result.text.split()
    if len(reading) != len(words):
        return words, []
    # How sure the model is of each word's reading: its tokens' least probability (a token's
    # column is its offset in the joined line).
    starts = [0]
    for plain in stripped:
        starts.append(starts[-1] + len(plain) + 1)
    certainty = [1.0] * len(words)
    for token in result.tokens:
        k = bisect_right(starts, token.column) - 1
        if 0 <= k < len(words):
            certainty[k] = min(certainty[k], token.confidence)
    out = []
    asks: list[tuple[int, str]] = []
    for k, (word, plain, read, p) in enumerate(zip(words, stripped, reading, certainty, strict=True)):
        if k in kept or _unmarked(read) != plain or read.lower() == word.text.lower() or _unknown(read, word) \
                or _placed_apart(word.text.strip(WORD_PUNCTUATION), read.strip(WORD_PUNCTUATION)):
            out.append(word)
            continue
        # The model's sure reading must be a syllable: an acronym ("HĐND") is read as its letters
        # ("hdnd"), and its "Đ" is no mark the model can judge.
        syllable = is_vietnamese_syllable(read.lower())
        sure = syllable and (
            (p >= LM_SURE and _syllable(word, DOUBT_BELOW))
            or (photo and p >= PHOTO_LM_SURE and _syllable(word, PHOTO_DOUBT_BELOW)))
        if _unsure(word) or sure:
            # An acronym keeps its Đ: the model reads "HĐND" as its letters, "HDND" (repair/tokens).
            word = replace(word, text=restore_acronyms(cased_like(read, word.text)))
        elif photo and syllable and p >= LM_SURE and _syllable(word, PHOTO_DOUBT_BELOW):
            asks.append((k, cased_like(read, word.text)))
        out.append(word)
    return out, asks


def _phrases(phrases: Sequence[str], capitals: bool) -> list[tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """(words without marks, words as printed, in capitals only) of `phrases`."""
    return [(tuple(_unmarked(p).split()), tuple(p.split()), capitals) for p in phrases]


def _capitals(word: Word) -> bool:
    letters = [c for c in word.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _fixed(words: list[Word], kept: set[int]) -> list[Word]:
    """A line's words, each run that spells a fixed phrase without marks given its marks: a phrase of
    the layout in capitals (FIXED_PHRASES), a phrase of prose in any case (PROSE_PHRASES), each
    word cased as printed. Their places are added to `kept`: the language model does not read them
    again."""
    out = list(words)
    cores = [_unmarked(w.text.strip(WORD_PUNCTUATION)) for w in words]
    at = 0
    while at < len(out):
        for plain, printed, capitals in _PHRASES:
            end = at + len(plain)
            if tuple(cores[at:end]) == plain and (not capitals or all(_capitals(w) for w in out[at:end])):
                kept.update(range(at, end))
                for k, right in zip(range(at, end), printed, strict=True):
                    text = out[k].text
                    core = text.strip(WORD_PUNCTUATION)
                    right = right if capitals else cased_like(right, core)
                    if core != right and not _placed_apart(core, right):
                        start = text.index(core)
                        out[k] = replace(out[k], text=text[:start] + right + text[start + len(core):])
                at = end - 1
                break
        at += 1
    return out


# A vowel printed twice in a word read unsure ("LẢÀM" for LÂM: tesseract split the marked vowel
# into two glyphs) is one vowel when its key is looked up in the gazetteer.
_TWICE = re.compile(r"([aeiouy])\1")


def _place_key(word: Word) -> str:
    key = _unmarked(word.text.strip(WORD_PUNCTUATION))
    unsure = word.confidence is not None and word.confidence < UNSURE_BELOW
    return _TWICE.sub(r"\1", key) if unsure else key


# Words that announce a place name at the end of an issuer line in capitals ("UBND TỈNH …",
# "TRƯỜNG THCS …"), by their keys, with the kinds of unit the name must be (None: any kind; a
# school is named after its commune or ward).
_UNIT_KEYS: dict[tuple[str, ...], frozenset[str] | None] = {
    ("tinh",): frozenset({"tỉnh"}), ("huyen",): frozenset({"huyện"}), ("quan",): frozenset({"quận"}),
    ("xa",): frozenset({"xã"}), ("phuong",): frozenset({"phường"}), ("thi", "xa"): frozenset({"thị xã"}),
    ("thi", "tran"): frozenset({"thị trấn"}), ("thanh", "pho"): frozenset({"thành phố"}),
    ("thcs",): None, ("thpt",): None, ("th",): None, ("mn",): None, ("tieu", "hoc"): None, ("mam", "non"): None,
}


def _place_names(words: list[Word]) -> list[Word]:
    """A line in capitals that ends in a unit word and a place name of the gazetteer, spelt without
    marks, gives the name its marks: "TRƯỜNG THCS KỶ LIÊN" (read at 94-95 on a fax) → KỲ LIÊN,
    "UBND TỈNH LẢÀM ĐỒNG" → LÂM ĐỒNG. The name must be the only one of its kind with those
    letters; elsewhere in a line a name's letters are too often other words' ("DÂN PHƯỜNG" spells
    Đan Phượng)."""
    from khparse.repair.gazetteer import load_gazetteer

    # A speck or a piece of the rule under the name read as "-" after it ("TÍNH ĐÔNG THẬP -") is no word.
    end = len(words)
    while end and not any(c.isalnum() for c in words[end - 1].text):
        end -= 1
    if end < len(words):
        return [*_place_names(words[:end]), *words[end:]]
    if len(words) < 3 or not all(map(_capitals, words[-3:])):
        return words
    gaz = load_gazetteer()
    if gaz is None:
        return words
    keys = [_place_key(w) for w in words]
    for size in (2, 3, 4):
        start = len(words) - size
        for unit_size in (1, 2):
            unit = tuple(_unmarked(w.text.strip(WORD_PUNCTUATION)) for w in words[start - unit_size:start])
            if start - unit_size < 0 or unit not in _UNIT_KEYS or not all(map(_capitals, words[start - unit_size:])):
                continue
            kinds = _UNIT_KEYS[unit]
            names = set()
            for row in gaz.rows_by_pair.get((keys[start], keys[start + 1]), ()):
                name, row_kinds, _ = row.split("\t")
                spelt = [gaz.forms[w][1] for w in name.split()]
                if spelt == keys[start:] and (kinds is None or kinds & set(row_kinds.split(","))):
                    names.add(name)
            names = _closest(names, words[start:])
            if len(names) == 1:
                out = list(words)
                # The unit word takes its marks too ("TÍNH ĐÔNG THẬP" → TỈNH ĐỒNG THÁP): its letters were
                # read as the unit's, and the name after it is that unit's.
                unit_spelt = next(iter(kinds)).split() if kinds is not None and len(kinds) == 1 else []
                marked = [*zip(range(start - unit_size, start), unit_spelt, strict=False),
                          *enumerate(names.pop().split(), start=start)]
                for at_word, syllable in marked:
                    text = out[at_word].text
                    core = text.strip(WORD_PUNCTUATION)
                    at = text.index(core)
                    out[at_word] = replace(out[at_word], text=text[:at] + syllable.upper() + text[at + len(core):])
                return out
    return words


def _closest(names: set[str], read: list[Word]) -> set[str]:
    """Of several places spelt with the same letters ("Pà Vầy Sủ" in Hà Giang, "Pa Vây Sử" in Lai Châu),
    the one whose marks the reading keeps on all its syllables but one, where no other does as well
    ("PÀ VẦY SỰ", blind41); one name, or none, as they are."""
    if len(names) < 2:
        return names
    said = [w.text.strip(WORD_PUNCTUATION).lower() for w in read]
    agree = {name: sum(a == b for a, b in zip(name.lower().split(), said, strict=False)) for name in names}
    best = max(agree.values())
    winners = {name for name, n in agree.items() if n == best}
    return winners if len(winners) == 1 and best >= len(said) - 1 else names


# tesseract puts the two header columns side by side on one line ("TRƯỜNG THCS KỶ LIÊN Độc lập -
# Tự do - Hạnh phúc"): words further apart than this many times their height are in two columns
# (words of a line stand about a third of their height apart).
COLUMN_GAP = 1.5


def _columns(words: list[Word]) -> list[list[Word]]:
    parts: list[list[Word]] = [words[:1]]
    for before, word in pairwise(words):
        if word.x0 - before.x1 > COLUMN_GAP * max(word.bottom - word.top, before.bottom - before.top):
            parts.append([])
        parts[-1].append(word)
    return parts


def reread_marks(words: tuple[Word, ...], *, photo: bool = False, confirm: Confirm | None = None) -> tuple[Word, ...]:
    """The page's words: fixed phrases in capitals given their marks, and unsure words in lines of
    Vietnamese the marks their line suggests (photo: the page is a phone photo, whose marks are
    doubted up to PHOTO_DOUBT_BELOW; confirm: reads words again from their crops, for the model's
    less sure readings on a photo)."""
    below = PHOTO_DOUBT_BELOW if photo else DOUBT_BELOW
    out: list[Word] = []
    asks: list[tuple[int, str]] = []  # (index in out, the model's reading)
    for _, group in groupby(words, key=lambda w: w.line):
        kept: set[int] = set()
        fixed = _fixed(list(group), kept)
        line = [w for part in _columns(fixed) for w in _place_names(part)]
        # A name the gazetteer gave its marks, or confirmed as read (a new Word either way), is read no more.
        kept.update(k for k, (a, b) in enumerate(zip(fixed, line, strict=True)) if a is not b)
        # A name the gazetteer confirms keeps its tone where it was printed (kept: the model reads it no more).
        line = [a if _placed_apart(a.text, b.text) else b for a, b in zip(fixed, line, strict=True)]
        if any(_syllable(w, below) for w in line):
            line, line_asks = _line(line, photo, kept)
            asks.extend((len(out) + k, read) for k, read in line_asks)
        out.extend(line)
    if asks and confirm is not None:
        for (at, read), seen in zip(asks, confirm([out[at] for at, _ in asks]), strict=True):
            want = read.strip(WORD_PUNCTUATION).lower()
            if any(r.strip(WORD_PUNCTUATION).lower() == want for r in seen):
                out[at] = replace(out[at], text=read)
    return tuple(out)


# Longest first, the capitals phrases before prose ones of the same length.
_PHRASES = sorted(_phrases(FIXED_PHRASES, True) + _phrases(PROSE_PHRASES, False), key=lambda p: -len(p[0]))
