"""The end of a plan: the closing sentence, the recipients (Nơi nhận) and the signature block.

English-model OCR merges the two bottom columns ("Noinhgn: TM. UY BAN NHAN DAN PHUONG",
"- UBND thanh pho (d€ bao cdo); CHfJ TICH"): the signature column is cut off the recipient lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from khparse import similarity
from khparse.cues import (
    APPENDIX,
    APPROVAL,
    AUTHORITY,
    AUTHORITY_PREFIXES,
    CLOSING,
    END_OF_TEXT,
    FILING,
    HONORIFIC,
    LATER_AUTHORITY,
    RECIPIENT_BULLETS,
    RECIPIENTS,
    SCAN_SPECKS,
)
from khparse.fields.common import tidy, upper_share
from khparse.fields.copy_block import without_copy_block
from khparse.fields.deputy import TITLES as HEAD_TITLES
from khparse.fold import fold
from khparse.lines import Line
from khparse.model import SignerAuthority
from khparse.model.drafts import Signer
from khparse.outline.zones import first_entry, is_position_line

# Words of a position title; an upper-case line without them after the position is the name.
_POSITION = re.compile(
    r"\b(chu tich|giam doc|truong|bi thu|chanh|chu nhiem|thu truong|pho|uy vien|ky|ban|phong|so|tong|"
    r"can bo|cong chuc|chuyen vien|nguoi ky|thay mat|dai dien)\b"
)


# A recipient's bullet (cues.RECIPIENT_BULLETS). (And "*" before the filing line of a list whose "Nơi
# nhận:" was lost, as a photo's OCR reads a hyphen:
# _star_entries; after a list a "*" opens a note, "* Ghi chú: …", and beside one it is a seal's speck.)
_BULLET = re.compile(rf"^{RECIPIENT_BULLETS}\s*")
# Recipients flattened onto the "Nơi nhận:" line: a bullet, then "; -" before each next one (a dash
# inside a name, "Cục Kiểm soát TTHC - VPCP", has no ";" before it).
_FLATTENED_START = re.compile(rf"^{RECIPIENT_BULLETS}\s")
_FLATTENED_NEXT = re.compile(rf";\s*{RECIPIENT_BULLETS}\s+")


@dataclass
class Ending:
    """The closing block: closing sentence, recipients and signer, with where each was found."""

    closing: str | None = None
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    locations: dict[str, Line] = field(default_factory=dict)


# The filing line's initials: "VT, NV.", "VP, TCKH, LT(05)": short capitals, commas, a copy count.
_INITIALS = re.compile(r"^(?:[A-ZĐ&]{1,6}(?:\(\d+\))?[\s,.;]*)+$")


def _signature_fragment(text: str, raw: str) -> tuple[str, str]:
    """Split a recipient line into (recipient part, signature column part): at a wide gap where the
    layout was kept, else after the entry's final ';' or '.' when upper-case text follows."""
    if "|" in raw.strip().strip("|"):  # the two columns of a table row: "- Lưu: VT. | TM. BAN …"
        left, right = raw.strip().strip("|").split("|", 1)
        return _BULLET.sub("", left.strip()).strip(), right.strip(" |")
    # The gap between the columns; not the one after the bullet ("-   Ban Giám hiệu;", as pandoc
    # indents a list item's text).
    item = _BULLET.sub("", raw.strip())
    gap = re.search(r"\S(\s{3,})(\S.*)$", item)
    if gap:
        right = gap.group(2).strip()
        # A seal's speck between the columns ("- Bộ Nội vụ (b/c);    bị    KT. CHỦ TỊCH"): no part of the title.
        specks = _SPECKS_BEFORE_AUTHORITY.match(fold(right))
        return item[: gap.start(1)].strip(), right[specks.end():] if specks else right
    m = re.search(r"[;.]\s+(\S.*)$", text)
    filing = fold(text).startswith("luu")
    # … or the signer's name after the last entry ("- Lưu: VT. Nguyễn Văn Đức", the columns merged);
    # not the filing line's own initials after a ";" ("- Lưu: VT; NV, TCKH.").
    if m and not (filing and _INITIALS.match(m.group(1))) and (
            upper_share(m.group(1)) > 0.7 or not re.search(r"[A-Za-zÀ-ỹ]{2}", m.group(1))
            or (filing and _looks_like_name(m.group(1)))):
        return text[: m.start() + 1], m.group(1)
    return text, ""


# How a recipient entry's line ends when the entry is complete ("- Sở Nội vụ (b/c);", "- Các sở, ngành:").
_ENTRY_END = (";", ".", ":", ",")
_CLOSED = (";", ".")


# Entries without their dashes: OCR of a small-print fax read the dashes as a column of their own (one
# "-" line, dropped as decoration), or a copy lost them. Taken only as a whole list: every line from the
# first after "Nơi nhận:" ends as an entry does, and the filing line ("Lưu: VT, …") closes them within
# this many lines.
MAX_UNMARKED_ENTRIES = 20


def _unmarked_entries(tail: list[Line], at: int, *, among_marked: bool = False) -> bool:
    """Whether tail[at:] opens a list of entries without dashes that ends with the filing line.
    among_marked: tail[at] is one entry that lost its dash among entries that kept theirs ("- Sở Nội
    vụ (b/c);" / "TT Đảng ủy, TT HĐND xã (b/c);" / "- Trưởng các thôn;", a 150 dpi fax of 11 pt
    recipients): the lines after it up to the filing line may have their dashes."""
    for n, line in enumerate(tail[at : at + MAX_UNMARKED_ENTRIES]):
        if AUTHORITY.match(line.key) or (_BULLET.match(line.text) and not (among_marked and n > 0)):
            return False
        if line.key.startswith("luu"):
            return True
        if not line.text.rstrip().endswith((";", ".")):
            return False
    return False


def _signature_beside(column: str, line: Line) -> list[Line]:
    """The signature column's part of a recipient `line` (see _signature_fragment), as a line of its
    own; nothing when it holds no word."""
    text = tidy(column)
    return [Line(text, column, fold(text), line.page, line.number, False)] if text and re.search(r"\w{2}", column) \
        else []


def _star_entries(tail: list[Line], filing_at: int | None) -> list[Line]:
    """`tail` with a "*" that opens a line before the filing line read as the hyphen it is."""
    if filing_at is None:
        return tail
    return [replace(line, text="-" + line.text[1:]) if k < filing_at and line.text.startswith("* ") else line
            for k, line in enumerate(tail)]


# Specks OCR read between "Nơi nhận:" and the signature's first line beside it.
_SPECKS_BEFORE_AUTHORITY = re.compile(rf"^(?:\S{{1,2}}\s+)+(?=(?:{AUTHORITY_PREFIXES})\s*[.:/])")


def parse_ending(tail: list[Line]) -> Ending:
    ending = Ending()
    tail = without_copy_block(tail)
    i = 0
    # A list of entries ending with the filing line, its "Nơi nhận:" lost (a phone photo's shadow): the
    # tail begins with it (outline/zones.py), and it is the recipients.
    filing_at = next((k for k, line in enumerate(tail) if FILING.match(line.key)), None)
    if not any(RECIPIENTS.match(line.key) for line in tail):
        tail = _star_entries(tail, filing_at)
    headless = bool(tail) and bool(_BULLET.match(tail[0].text)) and filing_at is not None
    # … or after the closing sentence, its "Nơi nhận:" read as specks ("To 5/ý" on a colour scan).
    entries_at = first_entry(tail, filing_at, 0) if filing_at is not None and not headless \
        and not any(RECIPIENTS.match(line.key) for line in tail) else None
    # The closing sentence: "Trên đây là …./." or, without those words, the paragraph before Nơi nhận.
    if tail and not headless and not RECIPIENTS.match(tail[0].key) and not AUTHORITY.match(tail[0].key) \
            and (CLOSING.match(tail[0].key) or (tail[0].key != "noi" and not is_position_line(tail[0]))):
        parts = [tail[0].text]
        ending.locations["closing"] = tail[0]
        i = 1
        while i < len(tail) and not END_OF_TEXT.search(parts[-1]) and not RECIPIENTS.match(tail[i].key) \
                and not AUTHORITY.match(tail[i].key):
            parts.append(tail[i].text)
            i += 1
        ending.closing = " ".join(parts)
    signature: list[Line] = []
    recipients: list[str] = []
    in_recipients = headless
    group: list[str] | None = None  # an entry ending with ":" ("- Các sở, ngành:") and its "+" items so far
    # How the last entry's line ended: as an entry does (_ENTRY_END), not in the middle of its words, and
    # closed (_CLOSED), not with a "," or ":" that runs on to the next line.
    last_end = ";"
    unmarked = False  # entries without their dashes (_unmarked_entries), up to the filing one
    consumed = 0  # lines read with the recipients' heading (a list written as one sentence)
    right: list[str] = []  # the entries of a list's second column, read after the first
    for at, line in enumerate(tail[i:], start=i):
        if at < consumed:
            continue
        key = line.key
        in_recipients = in_recipients or at == entries_at
        if APPROVAL.match(key) and (signature or recipients):
            break  # a superior's approval and its signature: not the plan's signer
        merged = re.match(r"^noi\s*$", key)
        head = RECIPIENTS.match(key) or (re.match(r"^nh\w{1,3}\s*:\s*", key) if in_recipients and
                                           not recipients else None)
        if head or merged:
            in_recipients = True
            ending.locations.setdefault("recipients", line)
            rest = line.text[head.end() :].strip() if head else ""
            if _FLATTENED_START.match(rest) and _FLATTENED_NEXT.search(rest):
                # "Nơi nhận: - Bộ Nội vụ (b/c); - TT Tỉnh ủy; - Lưu: VT." on one line (copied from a web page),
                # the signature run on after the last entry where the page ran the two cells into one.
                items = [tidy(item) for item in _FLATTENED_NEXT.split(rest[2:]) if tidy(item)]
                last, column = _signature_fragment(items[-1], items[-1]) if items else ("", "")
                recipients.extend([*items[:-1], tidy(last)] if items else [])
                if column:
                    signature.append(Line(column, column, fold(column), line.page, line.number, False))
                continue
            specks = _SPECKS_BEFORE_AUTHORITY.match(fold(rest))
            if specks:  # "Nơi nhận:    ở    TM. ỦY BAN NHÂN DÂN": a speck between the two columns
                rest = rest[specks.end():]
            if _prose_list(rest):
                # A Party document's "Nơi nhận: Ban Thường vụ Tỉnh ủy (để b/c), Ban Tuyên giáo …, lưu Văn
                # phòng Đảng ủy." (blind44): one sentence over a few lines, its entries between commas.
                prose, k = [rest], at + 1
                while k < len(tail) and not prose[-1].rstrip().endswith(".") and not _BULLET.match(tail[k].text) \
                        and not AUTHORITY.match(tail[k].key) and not is_position_line(tail[k]):
                    prose.append(tail[k].text)
                    k += 1
                recipients.extend(_entries(" ".join(prose)))
                consumed = k
                continue
            if rest:
                signature.append(Line(rest, rest, fold(rest), line.page, line.number, False))
            continue
        if in_recipients and not recipients and not unmarked:
            unmarked = _unmarked_entries(tail, at)
        if unmarked:
            recipients.append(tidy(line.text))
            unmarked = not line.key.startswith("luu")
            continue
        # After the filing line ("- Lưu: VT.") the list is over: a dash or small letters there are what
        # a seal left, unless the line closes a bracket the filing line opened ("- Lưu: VT, NV (02").
        filed = bool(recipients) and bool(FILING.match(fold(recipients[-1]))) \
            and recipients[-1].count("(") <= recipients[-1].count(")")
        if in_recipients and _BULLET.match(line.text) and not filed:
            second = _SECOND_COLUMN.search(line.raw)
            beside = tidy(_BULLET.sub("", line.raw[second.end():].strip())) if second else ""
            # "- Bộ Nội vụ (b/c);          - Các sở, ban, ngành;": two columns of entries; not the signature's
            # column beside the list, a speck read as its bullet ("-    PHÓ CHI CỤC TRƯỞNG", "+ CHỦ TỊCH", "-    ya").
            if second and len(beside.split()) >= 2 and any(c.islower() for c in beside) \
                    and not AUTHORITY.match(fold(beside)):
                right.append(beside)
                left = line.raw[: second.start()].strip()
                line = Line(left, left, fold(left), line.page, line.number, line.blank_before)
            text, column = _signature_fragment(_BULLET.sub("", line.text).strip(), line.raw)
            if line.text.startswith("+") and group is not None:
                # "- Các sở, ngành:" then "+ Sở Công Thương;": the bodies of one recipient entry
                group.append(tidy(text))
                recipients[-1] = f"{group[0]}: {'; '.join(group[1:])}"
            else:
                recipients.append(tidy(text))
                group = [tidy(text)] if text.rstrip().endswith(":") else None
            last_end = text.rstrip()[-1:]
            signature.extend(_signature_beside(column, line))
            continue
        # A wrapped recipient: in small letters, or closing the bracket the entry opened ("- Văn phòng UBND
        # tỉnh (Phòng" / "KSTTHC);"); at the left margin, where the signature column never starts, the
        # signature's line beside it set apart ("phường;          Trần Đình Khôi").
        if in_recipients and recipients and not filed:
            margin = line.raw[:1] != " "
            text, column = _signature_fragment(line.text, line.raw) if margin else (line.text, "")
            # The entry's last line had no ";" or "." ("- Các phòng, đơn vị thuộc" / "Sở;"), or left a
            # bracket open, and this line ends as an entry does (a signer's line such as "KT. CHỦ TỊCH" or a
            # name does not).
            open_bracket = recipients[-1].count("(") > recipients[-1].count(")")
            unclosed = margin and (last_end not in _ENTRY_END or open_bracket) \
                and text.rstrip().endswith((";", ".", ")", ",")) and not AUTHORITY.match(line.key)
            if (text[:1].islower() and (margin or not signature)) or unclosed:
                recipients[-1] = tidy(f"{recipients[-1]} {text}")
                last_end = text.rstrip()[-1:]
                signature.extend(_signature_beside(column, line))
                continue
            if last_end in _ENTRY_END and not signature and _unmarked_entries(tail, at, among_marked=True):
                recipients.append(tidy(line.text))
                continue
            # An entry whose dash a fax or a seal lost, among the entries, its signature column read apart:
            # it ends as an entry does (";"), which no line of a signature does ("Chủ tịch, các PCT UBND
            # đặc khu; _" under "KT. CHỦ TỊCH").
            if margin and last_end in _CLOSED and _ENDS_AS_ENTRY.search(text) and not AUTHORITY.match(line.key):
                recipients.append(tidy(text.rstrip(_TRAILING_SPECKS)))
                last_end = ";"
                signature.extend(_signature_beside(column, line))
                continue
        signature.append(line)
    # An entry names someone: a line of marks after a bullet ("+ +    ^ ˆ^    «<" where a seal and a
    # signature crossed the list on a 120 dpi scan) is none.
    ending.recipients = [r for r in [*recipients, *right] if any(c.isalpha() for c in r)]
    ending.signer = _signer(signature, ending)
    return ending


# A line that ends as a recipient entry does, what a scan left after its ";" aside.
_TRAILING_SPECKS = f" .-{SCAN_SPECKS}"
_ENDS_AS_ENTRY = re.compile(rf";[{re.escape(_TRAILING_SPECKS)}]*$")


_TITLES = ("chu tich", "pho chu tich", "giam doc", "pho giam doc", "bi thu", "pho bi thu", "chanh van phong",
           "hieu truong", "truong phong", "truong ban", "cuc truong", "vu truong")


# Position titles as they are spelled. OCR slips a mark on them ("THỨ TRƯỜNG" for "THỨ TRƯỞNG", as
# "trường" is the likelier word everywhere else); a title in capitals that differs from one of these
# only in its marks is that title.
_TITLE_SPELLINGS = {fold(t): t for t in (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "BÍ THƯ", "PHÓ BÍ THƯ", "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "CHI CỤC TRƯỞNG",
    "PHÓ CHI CỤC TRƯỞNG", "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG",
    "CHỈ HUY TRƯỞNG", "PHÓ CHỈ HUY TRƯỞNG", "CHÍNH TRỊ VIÊN", "TRƯỞNG CÔNG AN XÃ", "PHÓ TRƯỞNG CÔNG AN XÃ",
    "TRƯỞNG CÔNG AN PHƯỜNG", "PHÓ TRƯỞNG CÔNG AN PHƯỜNG", "TRƯỞNG TRẠM", "PHÓ TRƯỞNG TRẠM", "CHÁNH THANH TRA",
    "PHÓ CHÁNH THANH TRA", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "CHÁNH ÁN", "PHÓ CHÁNH ÁN", "TỔNG GIÁM ĐỐC",
    "PHÓ TỔNG GIÁM ĐỐC", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM")}
# A title this long or longer (folded, spaces counted) that OCR misread a letter of (a seal took the
# "C" of "CHỈ HUY TRƯỞNG", "HỦ TỊCH") is the one title a letter away; "BÍ THƯ" and shorter are too near
# other words.
TITLE_SLIP_LETTERS = 7


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed (rapidfuzz is not imported for this: start-up)."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    at = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[at + (len(a) == len(b)):] == b[at + 1:]


# A position opens with the head's "TRƯỞNG", never a school's "TRƯỜNG", which OCR reads for it as the
# likelier word ("TRƯỜNG CÔNG AN XÃ", "PHÓ TRƯỜNG PHÒNG").
_SCHOOL_FOR_HEAD = re.compile(r"^((?:PHÓ )?)TRƯỜNG(?= )")


# A word a seal, a skewed scan or a fax's halftone left before a position: a small letter or a sign of
# one or two characters ("h + CHỦ TỊCH"), or a word with a sign in it or of digits ("/Z TRƯỞNG PHÒNG",
# "s0!", "“//4.L": blind47's fax). Dropped when what follows is a title.
_SPECK_WORD = re.compile(r"^(?:[^\sA-ZĐ]{1,2}|\S*[^\w\s]\S*|\d+)$")


def _after_specks(position: str) -> str:
    """`position` without the speck words (_SPECK_WORD) before a title."""
    words = position.split()
    for k, word in enumerate(words[:-1]):
        if not _SPECK_WORD.match(word):
            break
        if fold(" ".join(words[k + 1:])) in _TITLE_SPELLINGS:
            return " ".join(words[k + 1:])
    return position


def _spelled_title(position: str) -> str:
    position = _after_specks(position)
    if not position.isupper():
        return position
    position = _SCHOOL_FOR_HEAD.sub(r"\1TRƯỞNG", position)
    key = fold(position)
    if key in _TITLE_SPELLINGS or len(key) < TITLE_SLIP_LETTERS:
        return _TITLE_SPELLINGS.get(key, position)
    # A letter misread, or read as a sign and a space ("PHÓ CHỦ 1 ỊCH"): the titles compared without spaces.
    squashed = key.replace(" ", "")
    near = [title for folded, title in _TITLE_SPELLINGS.items()
            if _one_letter_apart(key, folded) or _one_letter_apart(squashed, folded.replace(" ", ""))]
    return near[0] if len(near) == 1 else position


def _is_position(text: str) -> bool:
    """A position title, not a name. Names may hold words such as Phong or Tống, so a title-case
    line counts only with a whole title in it; an upper-case one may be garbled ("CHfJ TICH")."""
    key = fold(text)
    if any(f" {title} " in f" {key} " for title in _TITLES):
        return True
    if upper_share(text) < 0.75:
        return False
    return bool(_POSITION.search(key)) or any(similarity.ratio(title, key) >= 75 for title in _TITLES)


# "(Đã ký)", "(Ký, ghi rõ họ tên)": what stands between the position and the name.
_SIGNED = re.compile(r"\(\s*(?:đã ký|ký[^)]*)\)", re.IGNORECASE)


def _one_letter_name(words: list[str]) -> bool:
    """A name opened by a one-letter word ("Y Khuê Niê", "H Yăm Byă": the Ê Đê's Y and H) after the
    position's capitals: the letter is the name's."""
    return len(words) == 2 and words[0] in ("Y", "H") and words[1][:1].isupper() and any(c.islower() for c in words[1])


def _unflattened(line: Line) -> list[Line]:
    """A whole signature block on one line, as a converter flattens a table cell ("KT. HIỆU TRƯỞNG PHÓ
    HIỆU TRƯỞNG (Đã ký) ThS. Lê Thị Minh"), as its lines: authority, position, name; other lines as
    they are. The position is where the capitals name a title after the authority's body."""
    text = line.text
    words = text.split()
    caps = 0
    while caps < len(words) and not any(c.islower() for c in words[caps]) and not words[caps].startswith("(") \
            and not _one_letter_name(words[caps:caps + 2]):
        caps += 1
    rest = _SIGNED.sub(" ", " ".join(words[caps:])).strip()
    # Authority and position alone on the line ("KT. CHI CỤC TRƯỞNG PHÓ CHI CỤC TRƯỞNG"), or with the name.
    if not AUTHORITY.match(line.key) or caps < 3 or (rest and not _looks_like_name(_without_honorific(rest)[1])):
        return [line]
    # A deputy's "PHÓ …" first: "CHI CỤC TRƯỞNG PHÓ CHI CỤC TRƯỞNG" holds a title inside the authority too.
    # Only a collective body (TM.) is followed by its head's title without "PHÓ" ("TM. ỦY BAN NHÂN DÂN
    # CHỦ TỊCH"): after "KT. TỔNG CỤC TRƯỞNG" the words "CỤC TRƯỞNG" are no position of their own.
    positions = [fold(" ".join(words[j:caps])) for j in range(caps)]
    cuts = [j for j in range(2, caps) if positions[j].startswith("pho ")]
    if not cuts and fold(words[0]).rstrip(".:") in ("tm", "t/m"):
        cuts = [j for j in range(2, caps) if any(positions[j].startswith(title) for title in _TITLES)]
    if not cuts:
        return [line]
    parts = [part for part in (" ".join(words[: cuts[0]]), " ".join(words[cuts[0] : caps]), rest) if part]
    return [replace(line, text=part, raw=part, key=fold(part), blank_before=n > 0) for n, part in enumerate(parts)]


def _lead_column(lines: list[Line]) -> list[Line]:
    """Two signatures side by side (a joint plan: "TM. BAN THƯỜNG TRỰC      TM. ỦY BAN NHÂN DÂN"): the
    right column's lines, where Decree 30 puts the lead body's signature; else `lines` as they are."""
    first = next((line for line in lines if AUTHORITY.match(line.key)), None)
    if first is None:
        return lines
    second = re.search(r"\S\s{3,}(?=(?:TM|T/M|KT|K/T|TL|TUQ)\s*[.:]?\s)", first.raw)
    if second is None:
        return lines
    column = second.end() - 2  # a cell's text may start a little left of the authority above it
    out = []
    for line in lines[lines.index(first):]:
        right = line.raw[column:].strip() if len(line.raw) > column else ""
        if right:
            out.append(replace(line, text=" ".join(right.split()), raw=right, key=fold(" ".join(right.split()))))
    return out


_SPECK = re.compile(r"(?<=\w)\s+[.,'`’‘·]\s+(?=\w)")
# Specks read as quotes, colons or arrows before the signature's column ('"    KT. CHI CỤC TRƯỞNG', "=> GIÁM
# ĐỐC" on a phone photo, ": :    KT.
# TRƯỞNG CÔNG AN XÃ" after "Nơi nhận:", "⁄ PHÓ GIÁM ĐỐC"), or a seal's ring read as a dash and a quote
# ("-“HÍ HUY TRƯỞNG") or as strokes run together ("__—-KT. GIÁM ĐỐC"), or stuck to a word in capitals
# ("„KT: GIÁM ĐỐC", ".PHÓ GIÁM ĐỐC" on a 150 dpi grey scan, ".Võ-Minh Trí" where a ballpoint crossed the
# name; not "“TS", what a seal left: see below; "„„° PHÓ BÍ THƯ" under a phone's shadow).
_LEADING_SPECK = re.compile(r"^(?:[\"“”„'‘’:;,.⁄/\\=<>°]+\s+|[-–][\"“”„‘’]+|[_—–-]{2,}|"
                            r"[\"“”„'‘’,.⁄]+(?=(?:KT|TM|TL|TUQ)\s*[.:]|[A-ZĐÀ-Ỹ]{3}|[A-ZĐ]\w+[\s-]+[A-ZĐ]))+")
# What a seal or a signature left after a position on a scan ("PHÓ HIỆU TRƯỞNG “TS", "CHỦ TỊCH °", or
# "“TS" on a line of its own): tokens opening with a quote or a mark that nothing closes; a title
# never ends so.
_STRAY_TAIL = re.compile(r"(?:\s+[“”\"'‘’°^~*`|_][^\s“”\"]*)+$")
# … or a word of letters no title holds, run into figures or symbols ("PHÓ TRƯỞNG THUẾ CƠ SỞ XÃŒC2": the
# seal over the name below); a position's words are letters only.
_JUNK_TAIL = re.compile(r"(?:\s+\S*[^\w\s.,()/-]\S*|\s+\S*[A-ZĐa-zđÀ-ỹ]\d\S*)+$")
# The round seal over a signature, OCRed with it: its ring of text comes out between the position and
# the name in pieces framed by strokes OCR reads as symbols ("ẫ ÿ ỦY BAN ` ~", "\ NHÂN DÂN /;"). A
# position or a name never holds these.
_SEAL_RING = re.compile(r"[\\`~^ÿ¬]|(?:^|\s)/\s*[;:,.]?\s*$")


# What a scan leaves after the signer's name: the name is printed whole, never ending in a stop.
_SPECKS_AFTER_NAME = " .,;:'`"


def _aside(text: str) -> bool:
    """A note in brackets in the signature block ("(Đã ký)", "(Ký, ghi rõ họ tên)"), not a line of
    capitals a seal's speck opened with "(" on a scan ("(N9 \"HC -GIÁM ĐỐC": the deputy's position)."""
    return text.startswith("(") and (text.rstrip(" .;").endswith(")") or upper_share(text) <= 0.75)


# A deputy's "KT." a seal's ring garbled on a black-and-white scan ("R. GIÁM ĐỐC" over "PNÓ\\GIÁM ĐỐC",
# blind40): a letter or two and a stop before a head's title, over a line that ends with that title.
_GARBLED_KT = re.compile(r"^\W{0,2}\w{1,3}\s*[.,:]\s*")  # "ICT." (blind49): K read as "IC"


# A list's second column beside its first on a layout copy: a wide gap, then a bullet and an entry.
_SECOND_COLUMN = re.compile(r"(?<=\S)\s{3,}(?=[-–—+•]\s+\w)")


def _prose_list(rest: str) -> bool:
    """What follows "Nơi nhận:" on its line is the list written as a sentence: small letters among
    capitals (not a signature's column in capitals) and a comma or semicolon between entries."""
    return bool(rest) and rest[:1].isupper() and upper_share(rest) < 0.6 and not AUTHORITY.match(fold(rest)) \
        and any(mark in rest for mark in ",;")


def _entries(sentence: str) -> list[str]:
    """The entries of a list written as a sentence: between commas and semicolons outside brackets."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in sentence:
        depth += (ch == "(") - (ch == ")")
        if ch in ",;" and depth <= 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [entry for entry in (tidy(e).rstrip(".").strip() for e in out) if entry]


def _kt_garbled(text: str, below: str) -> bool:
    """Whether `text` is the authority line "KT. <head's title>" with its "KT." garbled (_GARBLED_KT)."""
    prefix = _GARBLED_KT.match(text)
    if prefix is None or AUTHORITY.match(fold(text)):
        return False
    title = fold(text[prefix.end():]).strip()
    under = " ".join(re.sub(r"[^a-z0-9 ]", " ", fold(below)).split())
    return title in HEAD_TITLES and under.endswith(" " + title) and under != title


def _signer(lines: list[Line], ending: Ending) -> Signer | None:
    lines = [part for line in _lead_column(lines) for part in _unflattened(line)]
    # "|": a table cell's border; a speck OCR read between two words of a name ("Thanh . Hường") goes.
    texts = [(line, _LEADING_SPECK.sub("", _SPECK.sub(" ", line.text).strip(" )(*|"))) for line in lines]
    for i in range(len(texts) - 1):
        if _kt_garbled(texts[i][1], texts[i + 1][1]):  # the deputy's block under a seal: its lines mended
            texts[i] = (texts[i][0], f"KT. {_GARBLED_KT.sub('', texts[i][1])}")
            texts[i + 1] = (texts[i + 1][0], " ".join(_SEAL_RING.sub(" ", texts[i + 1][1]).split()))
            break
    texts = [(line, text) for line, text in texts if text and not _aside(line.text)
             and not re.match(r"^(da ky|ky ten|ky,)", fold(text))  # "(Đã ký)", "(Ký, đóng dấu)"
             and not _SEAL_RING.search(text)]
    # The name is the last line shaped like a name that is not a position title.
    name_at = next((i for i in range(len(texts) - 1, -1, -1)
                    if _looks_like_name(_without_honorific(texts[i][1])[1]) and not _is_position(texts[i][1])
                    and not AUTHORITY.match(fold(texts[i][1]))), None)
    authority: list[str] = []
    kind: SignerAuthority | None = None
    position: list[str] = []
    previous: Line | None = None
    closed = False  # the position ends at a blank line or "(Đã ký)"; what follows is another office
    after_authority = False  # the line before was the authority's
    for i, (line, text) in enumerate(texts):
        below_authority, after_authority = after_authority, False
        if position and previous is not None and (line.blank_before or line.number > previous.number + 1):
            closed = True
        previous = line
        m = AUTHORITY.match(fold(text))
        if i != name_at and name_at is not None and i < name_at and (authority or position) and not m \
                and not text.isupper() and _looks_like_name(_without_honorific(text)[1]) and not _is_position(text) \
                and _read_as_words(text):
            # Another body's signature, complete with its name (in small letters: a line in capitals
            # goes on the office, "PHÓ TRƯỞNG BAN" / "THƯỜNG TRỰC"), before the one taken: a joint plan's
            # two signatures read one after the other. The office is that of the name taken.
            authority, kind, position, closed = [], None, [], False
            for key in ("signer.authority", "signer.position"):
                ending.locations.pop(key, None)
            continue
        if i == name_at:
            ending.locations["signer.name"] = line
        elif m:
            if position and not authority:
                # "TRUNG TÂM PHỤC VỤ HCC XÃ" over "Q. GIÁM ĐỐC" (a joint plan's second signature, blind44): the
                # capitals above the authority's line name the body, they are no position.
                position = []
                ending.locations.pop("signer.position", None)
            # "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" on one line: the deputy's KT. is how the plan is signed.
            later = [found.group(1) for found in LATER_AUTHORITY.finditer(fold(text))]
            prefix = later[-1] if later else (m.group(1) or m.group(2) or "kt")
            kind = SignerAuthority[prefix.replace("/", "").upper()]
            authority.append(text)
            ending.locations.setdefault("signer.authority", line)
            after_authority = True
        elif below_authority and not position and upper_share(text) > 0.75 and len(text.split()) <= 4 \
                and not _is_position(text):
            # The body's name wrapped onto a second line ("TM. BAN THƯỜNG VỤ ĐOÀN" / "PHƯỜNG"): still the
            # authority, not the position under it.
            authority[-1] = f"{authority[-1]} {text}"
            after_authority = True
        elif upper_share(text) > 0.75 and len(text.split()) <= 8 and not closed:
            if position and not _has_a_word(text):
                continue  # "LS" under "PHÓ BÍ THƯ": what OCR made of the signature's strokes, no word
            if position and fold(" ".join(position)) in _TITLES and fold(text).startswith(_TITLES):
                closed = True  # "TRƯỞNG BAN" / "CHỦ TỊCH UBND HUYỆN": the office the signer also holds
                continue
            kept = _JUNK_TAIL.sub("", _STRAY_TAIL.sub("", f" {text}")).strip()
            if kept:
                position.append(kept)
                ending.locations.setdefault("signer.position", line)
    honorific, name = _without_honorific(texts[name_at][1]) if name_at is not None else (None, None)
    if name:
        name = name.rstrip(_SPECKS_AFTER_NAME)  # "Hồ Thị Thanh Nhàn." on a fax: a name ends in no stop
    if not position and kind is SignerAuthority.Q and authority:
        # "Q. CHỦ TỊCH": the acting signer's position is on the authority line itself.
        last = authority[-1]
        m = AUTHORITY.match(fold(last))
        position = [last[m.end() :].strip() if m else last]
    if not (authority or position or name):
        return None
    return Signer(
        authority=" ".join(authority) or None,
        authority_kind=kind,
        position=_spelled_title(" ".join(position)) or None,
        name=name,
        honorific=honorific,
    )


def _without_honorific(text: str) -> tuple[str | None, str]:
    """('Thượng tá', 'Đỗ Quang Vinh') from 'Thượng tá Đỗ Quang Vinh'; (None, text) without a title."""
    m = HONORIFIC.match(text)
    if not m or not text[m.end() :].strip():
        return None, text
    return " ".join(m.group(0).split()), text[m.end() :].strip()


def _read_as_words(text: str) -> bool:
    """Whether most of a line's words are Vietnamese syllables, each in a name's case (capitalised, or all
    in capitals): a name another signature holds, not what OCR made of a signature's strokes ("ZWMOA Zwx"
    between "PHÓ BÍ THƯ" and the name, "Và CA" between "GIÁM ĐỐC" and the name)."""
    from khparse.repair.inventory import is_vietnamese_syllable

    words = text.split()
    one_case = all(w[1:].islower() or not w[1:] for w in words) or all(w.isupper() for w in words)
    return one_case and sum(map(is_vietnamese_syllable, words)) * 2 > len(words)


def _has_a_word(text: str) -> bool:
    """Whether a line holds a Vietnamese syllable of two letters or more ("UBND XÃ" does, "LS" does not)."""
    from khparse.repair.inventory import is_vietnamese_syllable

    return any(len(w) > 1 and is_vietnamese_syllable(w) for w in re.findall(r"[^\W\d_]+", text))


def _looks_like_name(text: str) -> bool:
    """A person's name: two to six capitalised words, no digits or punctuation that names never hold
    (a comma: "VT, VHTT, NV", the filing line's initials as OCR left them), not an appendix heading
    (a photographed page whose "PHỤ LỤC" was not seen as the appendix's start)."""
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not re.search(r"[\d;:/,]", text) \
        and not APPENDIX.match(fold(text))
