"""Where the document begins, and its header lines as one component per line.

Plans copied from portals start with what the portal put before them (a title line, a metadata
block "Số hiệu / Ngày ban hành / Loại văn bản", links to related documents); their header arrives
as table cells one per line, or as the two columns merged on "|" rows; words lose the space between
them ("ỦY BAN NHÂN DÂNTỈNH HÀ GIANG"); "Số:" and the number, "…, ngày" and the date sit on lines of
their own. This module undoes those so the header parser sees one component per line.
"""

from __future__ import annotations

import re
from dataclasses import replace

from khparse.cues import DRAFT
from khparse.fold import fold
from khparse.lines import Line
from khparse.outline.front import is_fixed_piece, received_stamp

# "Số:" (or OCR's "S6:") alone on its line: the number is on the next one.
_NUMBER_LABEL_ALONE = re.compile(r"^s\w{0,2}\s*[:.]?$")
# "Hà Giang, ngày" with the date on the next line, or "Bắc Kạn, ngày 22" with "tháng 01 năm 2024".
# "Lạng Sơn, ngày 05 tháng 01" with "năm 2026" on the next line, or "… tháng 01 năm" with "2026".
_DATE_OPEN = re.compile(r"\bng\w{1,2}y[\W\d_]*$|\bng\w{1,2}y\b.*\b(?:th\w{1,3}g[\W\d_]*|n\w{1,2}m\s*)$")
_DATE_NEXT = re.compile(r"^(?:[\d.…_\s]|th\w{1,3}g\b|n\w{1,2}m\s*[\d.…_])")
# A place name broken before its date line ("Quảng" / "Trị, ngày 22 …"): a word or two, no digits.
_PLACE_BROKEN = re.compile(r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?: [A-ZĐÀ-Ỹ][^\W\d_]*)?$")
_PLACE_DATE = re.compile(r"^[^\W\d_][\w ]{0,25},?\s*ng\w{1,2}y\b")
# The rule under one column merged onto a line of the other ("CHI BỘ THÔN PHÚ VINH    -----------"):
# cut at the line's edge only, since blanks inside a line ("ngày ____ tháng") are the date's.
_EDGE_RULE = re.compile(r"^\s*[-_=~*]{3,}\s+|\s+[-_=~*]{3,}\s*$")
# A run of capitals longer than a syllable where a space was lost ("DÂNTỈNH").
_GLUED = re.compile(r"[A-ZÀ-ỸĐ]{5,}")


def _with_text(line: Line, text: str) -> Line:
    return replace(line, text=text, raw=text, key=fold(text))


# A heading tracked out letter by letter ("K Ế   H O Ạ C H", as pdftotext gives a letter-spaced title):
# single letters one space apart, words two or more apart.
_LETTER_SPACED = re.compile(r"^\s*\S(?: +\S){3,}\s*$")


def _letters_joined(line: Line) -> str:
    """A letter-spaced line's words ("KẾ HOẠCH"); the line's text when it is not one."""
    raw = line.raw.strip()
    if not _LETTER_SPACED.match(raw) or any(len(part) > 1 for part in raw.split()):
        return line.text
    return " ".join(word.replace(" ", "") for word in re.split(r" {2,}", raw))


def _split_glued(text: str) -> str:
    """Put back a space lost between two capitalised syllables, where the run is not a syllable."""
    if not _GLUED.search(text):
        return text
    from khparse.repair.inventory import is_vietnamese_syllable

    def split(m: re.Match[str]) -> str:
        word = m.group(0)
        # Only marked text: a stripped or garbled run ("PHUONG") is no syllable here but is one word.
        if word.isascii() or is_vietnamese_syllable(word.lower()):
            return word
        for cut in range(2, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            if is_vietnamese_syllable(head.lower()) and (is_vietnamese_syllable(tail.lower())
                                                          or (_GLUED.fullmatch(tail) and _split_glued(tail) != tail)):
                return f"{head} {_split_glued(tail)}"
        return word

    return _GLUED.sub(split, text)


def _cells(lines: list[Line]) -> list[Line]:
    """Header lines with table cells ("| ỦY BAN NHÂN DÂN | CỘNG HÒA … |") as lines of their own."""
    out: list[Line] = []
    for line in lines:
        if "|" not in line.text:
            out.append(line)
            continue
        for cell in line.text.split("|"):
            text = cell.strip()
            if text and not re.fullmatch(r"[-:\s]+", text):
                out.append(_with_text(line, text))
    return out


def header_lines(lines: list[Line]) -> list[Line]:
    """The header's lines, one component per line: cells split, separators and draft marks dropped,
    lost spaces put back, "Số:" joined to its number and "…, ngày" to its date."""
    out: list[Line] = []
    cells = _cells(lines)
    stamp = received_stamp(cells)
    for k, line in enumerate(cells):
        if DRAFT.match(line.key) or re.fullmatch(r"[\W_]+", line.text) or k in stamp:
            continue  # "DỰ THẢO", "-------", "***", "|", a received stamp's lines
        text = _split_glued(_EDGE_RULE.sub("", _letters_joined(line)))
        if out and (_NUMBER_LABEL_ALONE.match(out[-1].key) or (_PLACE_BROKEN.match(out[-1].text) and
                    _PLACE_DATE.match(line.key)) or
                    (_DATE_OPEN.search(out[-1].key) and _DATE_NEXT.match(line.key)) or
                    # "CỘNG" / "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": a national title broken after a word
                    (not is_fixed_piece(out[-1].key) and is_fixed_piece(f"{out[-1].key} {line.key}")
                     and is_fixed_piece(line.key))):
            out[-1] = _with_text(out[-1], f"{out[-1].text} {text}")
            continue
        out.append(_with_text(line, text) if text != line.text else line)
    return out
