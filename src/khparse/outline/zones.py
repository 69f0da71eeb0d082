"""Where the zones of a document begin: the tail (closing, Nơi nhận, signature) and the appendix."""

from __future__ import annotations

import re

from khparse.cues import (
    APPENDIX,
    APPENDIX_HEADING_MAX_WORDS,
    ATTACHED_HEADING_MAX_WORDS,
    ATTACHED_NOTE_REACH,
    ATTACHED_TO,
    AUTHORITY,
    CLOSING,
    END_OF_TEXT,
    FILING,
    FORM_HEADING,
    PORTAL_AFTER,
    RECIPIENTS,
)
from khparse.fold import fold
from khparse.lines import Line, upper_share
from khparse.markers import parse_marker
from khparse.outline.paragraphs import TERMINAL


def tail_start(lines: list[Line], start: int) -> int:
    """Index of the closing sentence, or of 'Nơi nhận' / the signature when there is none."""
    for i in range(start, len(lines)):
        key = lines[i].key
        if CLOSING.match(key):
            return i
        if RECIPIENTS.match(key) or (key == "noi" and i + 1 < len(lines)
                                                     and lines[i + 1].key.startswith("nh")):
            return _closing_paragraph(lines, start, _signature_above(lines, start, i))
    filed = _recipients_without_heading(lines, start)
    if filed is not None:
        return _closing_paragraph(lines, start, _signature_above(lines, start, filed))
    for i in range(len(lines) - 1, start - 1, -1):  # no closing words: a signature block
        if _authority_line(lines[i]):
            return i
    return len(lines)


# The bullets above the filing line (cues.FILING).
_LIST_BULLET = re.compile(r"^[-*+•~]\s*\S")
# The filing line stands among the document's last lines (the signature block after it at most).
FILING_REACH = 12


def _recipients_without_heading(lines: list[Line], start: int) -> int | None:
    """Where a recipients list whose "Nơi nhận:" OCR lost begins: the bullets that end with the filing
    line ("- Lưu: VT."), which no other list of a plan does; None when there is no such line."""
    for i in range(len(lines) - 1, max(start, len(lines) - FILING_REACH) - 1, -1):
        if FILING.match(lines[i].key):
            first = first_entry(lines, i, start)
            return first if first < i else None
    return None


def first_entry(lines: list[Line], filing: int, start: int) -> int:
    """The first of the bullets that end with the filing line at `filing` (not before `start`); the
    signature's column read in among them ("TM. ỦY BAN NHÂN DÂN" between two entries) is passed over."""
    first = k = filing
    while k - 1 > start:
        above = lines[k - 1]
        if _LIST_BULLET.match(above.text):
            first = k = k - 1
        elif _authority_line(above) or is_position_line(above):
            k -= 1
        else:
            break
    return first


def _authority_line(line: Line) -> bool:
    """"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH": a signature block's first line, in capitals."""
    return bool(AUTHORITY.match(line.key)) and line.text[:2].isupper()


# A signature block printed above "Nơi nhận" (authority, position, "(đã ký)", name) spans this many lines.
SIGNATURE_LINES = 8


def _signature_above(lines: list[Line], start: int, recipients: int) -> int:
    """Where a signature block printed just above "Nơi nhận" starts, else `recipients` itself: its
    authority line ("TM. …", "KT. …"), or a head who signs in his own name ("TRƯỞNG CÔNG AN XÃ",
    "HIỆU TRƯỞNG") right after the text's last sentence."""
    for k in range(recipients - 1, max(start, recipients - SIGNATURE_LINES) - 1, -1):
        if _authority_line(lines[k]):
            return k
    for k in range(max(start + 1, recipients - SIGNATURE_LINES), recipients):
        # Under the position only the name and "(Đã ký)": no sentence ends there ("QUYẾT ĐỊNH:" over
        # "Điều 1. …" is no signature).
        if is_position_line(lines[k]) and TERMINAL.search(lines[k - 1].text) \
                and not any(TERMINAL.search(line.text) for line in lines[k : recipients]):
            return k
    return recipients


# A signer's position in capitals is short: "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "TRƯỞNG CÔNG AN XÃ".
POSITION_MAX_WORDS = 8


def is_position_line(line: Line) -> bool:
    """A line that could be a signer's position: short and all in capitals, no list marker."""
    letters = [c for c in line.text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line.text.split()) <= POSITION_MAX_WORDS \
        and parse_marker(line) is None


def _closing_paragraph(lines: list[Line], start: int, recipients: int) -> int:
    """Where a closing paragraph without "Trên đây là" ends in "./." just before "Nơi nhận"."""
    j = recipients - 1
    if j < start or not END_OF_TEXT.search(lines[j].text):
        return recipients
    while j > start and not lines[j].blank_before and not TERMINAL.search(lines[j - 1].text) \
            and parse_marker(lines[j]) is None:
        j -= 1
    return j if parse_marker(lines[j]) is None else recipients


def document_end(lines: list[Line], start: int) -> int:
    """Index of the first line after the document (a portal's footer, cues.PORTAL_AFTER) from `start`
    on; len(lines) when the text ends with the document."""
    return next((i for i in range(start, len(lines)) if PORTAL_AFTER.match(lines[i].key)), len(lines))


def appendix_start(lines: list[Line], start: int) -> int:
    """Index of the first appendix's first line: its heading, or the header printed over it."""
    i = next((i for i in range(start, len(lines)) if is_appendix_heading(lines, i)), len(lines))
    return _own_header_above(lines, i, start) if i < len(lines) else i


# A Phụ lục printed as a sheet of its own carries the issuer and the national title over its heading, as
# the plan's first page does. Those lines are the appendix's, not the end of the signature block above
# it (blind40: the signer read as position "ỦY BAN NHÂN DÂN CỘNG HÒA …", name "TỈNH THANH HÓA"). The
# block is a few lines in capitals, the national title and motto, the number and rule lines, and no
# more than this many.
APPENDIX_HEADER_REACH = 8
_RULE = re.compile(r"^[-_=*.\s]+$")


def _own_header_above(lines: list[Line], heading: int, start: int) -> int:
    """Where the header printed over the appendix heading at `heading` begins; `heading` without one."""
    from khparse.outline.front import is_fixed_piece, is_number_line  # front reads headers; it imports no zone

    first, titled = heading, False
    for k in range(heading - 1, max(start, heading - APPENDIX_HEADER_REACH) - 1, -1):
        line = lines[k]
        if lines[heading].page != line.page and lines[heading].page is not None:
            break  # the header of a sheet of its own stands on the appendix's page
        if is_fixed_piece(line.key):
            titled = True
        elif not (_RULE.match(line.text) or is_number_line(line) or upper_share(line.text) > 0.7):
            break
        first = k
    return first if titled else heading


_LEADING_SPECKS = re.compile(r"^[\W_]+")


def is_appendix_heading(lines: list[Line], i: int) -> bool:
    """"PHỤ LỤC …" (a table row never), or a heading of another name with its attachment note."""
    text = lines[i].text
    if lines[i].raw.lstrip().startswith("|"):
        return False
    if APPENDIX.match(lines[i].key) and (text[:3].isupper() or len(text.split()) <= APPENDIX_HEADING_MAX_WORDS):
        return True
    # OCR's specks before it on a photographed page ("- -  PHỤ LỤC  :"): in capitals only, since "- Phụ
    # lục 1 …" in small letters is a list item naming an appendix.
    bare = _LEADING_SPECKS.sub("", text)
    if bare != text and bare[:3].isupper() and APPENDIX.match(fold(bare)):
        return True
    return _heading_of_attachment(lines, i) or _form_heading(lines, i)


def _form_heading(lines: list[Line], i: int) -> bool:
    """"Mẫu số 01" (cues.FORM_HEADING) over its title in capitals or its "(Kèm theo …)" note."""
    if not FORM_HEADING.match(lines[i].key) or not lines[i].text[:1].isupper():
        return False
    below = lines[i + 1 : i + 2 + ATTACHED_NOTE_REACH]
    return any(ATTACHED_TO.match(line.key.strip("*_ ")) for line in below) or bool(
        below and len(below[0].text.split()) >= 2 and below[0].text.upper() == below[0].text)


def _heading_of_attachment(lines: list[Line], i: int) -> bool:
    """A heading in capitals with "(Kèm theo Kế hoạch …)" just below it: an appendix by another name."""
    text = lines[i].text.strip("*|# ")
    if not text[:3].isupper() or text.upper() != text or len(text.split()) > ATTACHED_HEADING_MAX_WORDS:
        return False
    if AUTHORITY.match(lines[i].key) or RECIPIENTS.match(lines[i].key):
        return False
    return any(ATTACHED_TO.match(lines[j].key.strip("*_ "))
               for j in range(i + 1, min(i + 1 + ATTACHED_NOTE_REACH, len(lines))))
