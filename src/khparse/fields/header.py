"""The Decree 30 header: issuer (and parent), national title and motto, number, place and date,
document type and title. Works on lines as printed and on lines English-model OCR merged or garbled
("UY BAN NHAN DAN  CONG HOA XA HOQI CHU NGHIA VIET NAM", "S6: 86/KH-UBND Bén Tam, ngay 04 …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from khparse import similarity
from khparse.cues import (
    COLUMN_GAP,
    FIXED_LINE_SIMILARITY,
    HEADER_SPAN,
    HEADER_UPPER_SHARE,
    ISSUER_START,
    JOINT_PLAN,
    MOTTO,
    NATIONAL_TITLES,
    PLACE_WORD,
    SCAN_SPECKS,
    SUBORDINATE_BODY,
    SUPERIOR_BODY,
    TITLE_BODY_LINE_CHARS,
    TITLE_END,
    TITLE_RUNS_ON,
)
from khparse.fields.common import find_date, tidy, upper_share
from khparse.fields.header_zone import header_lines
from khparse.fields.legal_basis import is_basis_paragraph
from khparse.fold import fold
from khparse.lines import Line
from khparse.model.drafts import Header
from khparse.outline.front import doc_type_of, is_fixed_piece, number_in

# A fragment starting with one of these completes the body name above it ("ỦY BAN NHÂN DÂN" + "XÃ …"),
# unless it names a body of its own: "HUYỆN ỦY …", "TỈNH ĐOÀN …" under "ĐẢNG BỘ TỈNH …".
_PLACE_WORDS = re.compile(r"^(tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|quan|tp\.?)\b(?!\s+(?:uy|doan)\b)")
# ("… QUẬN" waits for the district's name; "CỤC HẢI QUAN", customs, and "CƠ QUAN" are whole names.)
_INCOMPLETE = re.compile(
    r"(?:^(?:uy ban nhan dan|hoi dong nhan dan|dang uy|ban chap hanh|ubnd|hdnd|cong doan co so)|"
    r"\b(?:tinh|huyen|xa|phuong|"
    r"thi tran|thi xa|thanh pho|(?<!\bhai )(?<!\bco )quan))$"
)


# A name's last word that folds to a place word's ("HÀ TĨNH" to the "tinh" of "TỈNH") is the place
# word only when it is printed as one, or without marks (stripped text, where either may be meant).
_PLACE_SPELLING = {"tinh": "tỉnh", "huyen": "huyện", "xa": "xã", "phuong": "phường", "quan": "quận"}


def _incomplete(body: str) -> bool:
    """A body's name that the next line completes ("ỦY BAN NHÂN DÂN" / "XÃ TÂN LẬP", "UBND HUYỆN" /
    "NGHI LỘC"); a name that already holds a place and its name ("UBND TỈNH HÀ TĨNH", whose last word
    folds to "tinh"; "SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ TĨNH") is complete."""
    key = fold(body)
    if not _INCOMPLETE.search(key) or PLACE_WORD.search(key.rsplit(" ", 1)[0]):
        return False
    last = body.split()[-1]
    return _printed_as(last, _PLACE_SPELLING) is not False or last.lower() == fold(last)


def _printed_as(word: str, spellings: dict[str, str]) -> bool | None:
    """Whether `word` is printed as the spelling `spellings` gives its folded form; None when it gives
    none (a word no spelling is asked of)."""
    spelled = spellings.get(fold(word))
    return None if spelled is None else word.lower() == spelled


@dataclass
class HeaderResult:
    """The header read from the front lines, with where each field was found."""

    header: Header
    locations: dict[str, Line] = field(default_factory=dict)
    consumed: int = 0  # front lines used by the header and title; the rest is the preamble
    missing: bool = False
    rest: Line | None = None  # the body's text that shared the title's last line, as a line of its own


def _locate(key: str, phrase: str, threshold: float) -> tuple[int, int] | None:
    if len(key) < len(phrase) * 0.6:
        return None
    found = similarity.partial_ratio_alignment(phrase, key, score_cutoff=threshold)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    # The alignment may begin or end inside a garbled word ("Péc lap"): take whole words.
    while start > 0 and not key[start - 1].isspace():
        start -= 1
    while end < len(key) and not key[end].isspace():
        end += 1
    return start, end


def _split_fixed(line: Line, before: Line | None = None) -> tuple[list[str], bool]:
    """The issuer fragments on a line, with the national title or motto cut out (and whether one was).
    `before`: the line above; the end of a title it broke ("CỘNG HÒA … CHỦ NGHĨA VIỆT" / "NAM", a
    narrow table cell) is the title's, not a word of the issuer."""
    if before is not None and len(line.key.split()) <= 2 and any(
            phrase == f"{before.key.rstrip(' -–.,:')} {line.key}" for phrase in (*NATIONAL_TITLES, MOTTO)):
        return [], True
    if before is not None:
        # The title's end read on the motto's line ("CỘNG HÒA … VIỆT" / "NAM Độc lập - Tự do - Hạnh phúc"):
        # it is the title's, and the rest of the line is read on its own.
        broken = before.key.rstrip(" -–.,:")  # "… CHỦ NGHĨA VIỆT-": a hyphen where the cell broke it
        for phrase in NATIONAL_TITLES:
            title_end = phrase[len(broken) + 1:] if phrase.startswith(f"{broken} ") else ""
            if title_end and line.key.startswith(f"{title_end} "):
                words = len(title_end.split())
                text, raw = " ".join(line.text.split()[words:]), line.raw.strip().split(None, words)[-1]
                return _split_fixed(Line(text, raw, fold(text), line.page, line.number, line.blank_before))
    for phrase in (*NATIONAL_TITLES, MOTTO):
        span = _locate(line.key, phrase, FIXED_LINE_SIMILARITY)
        if span:
            start, end = span
            parts = [_lead_column(line, tidy(line.text[:start])), tidy(line.text[end:])]
            return [p for p in parts if len(p) > 2 and upper_share(p) > HEADER_UPPER_SHARE], True
    if is_fixed_piece(line.key):  # "CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM" on lines of their own
        return [], True
    # The issuer beside a title or motto OCR read too badly to be found whole ("CHI CỤC KIỂM LÂM    Độc
    # lập - Tự    kinh)" on a copy of a copy): the right column begins as one does.
    columns = [c for c in COLUMN_GAP.split(line.raw.strip()) if c]
    if len(columns) > 1 and any(fold(column).startswith(_OPENINGS) for column in columns[1:]):
        return ([columns[0]] if upper_share(columns[0]) > HEADER_UPPER_SHARE else []), True
    if len(columns) > 1 and not any(_CAPITAL_WORD.search(column) for column in columns[1:]):
        # What a scan left in the right column beside the issuer (":    bien" under the motto's rule):
        # no word of a name in capitals, so no name's part.
        return [tidy(columns[0])], False
    return [_lead_column(line, line.text)], False


_CAPITAL_WORD = re.compile(r"[A-ZĐÀ-Ỹ]{2,}")


# The first words of the national title and the motto.
_OPENINGS = tuple(" ".join(phrase.split()[:2]) for phrase in (*NATIONAL_TITLES, MOTTO))


def _lead_column(line: Line, issuer_part: str) -> str:
    """`issuer_part` (the line's text left of the national title, or all of it), or only its first
    column when the issuers of a joint plan stand side by side ("HỘI NÔNG DÂN      SỞ TƯ PHÁP" over
    "TỈNH NINH BÌNH      TỈNH NINH BÌNH"): the lead body is the one printed first, and each column
    is a name of its own, not one name run on."""
    columns = [c for c in COLUMN_GAP.split(line.raw.strip()) if c]
    names = [c for c in columns if upper_share(c) > HEADER_UPPER_SHARE and len(c.split()) >= 2]
    side_by_side = len(names) >= 2 and issuer_part.startswith(names[0]) \
        and issuer_part[len(names[0]):].strip().startswith(names[1])
    if not side_by_side:
        return issuer_part
    return names[0]


# A body's first word that is also a syllable of place names once its marks are folded away: "PHÒNG"
# and the "PHONG" of "XÃ VĨNH PHONG TÂY", "TRƯỜNG" and "TRƯƠNG", "SỞ" and "SƠN"'s neighbours. A
# second body starts there only when the word is printed as the body's ("BAN" and the "BÀN" of "XÃ
# VĂN BÀN ĐÔNG").
_BODY_SPELLING = {"phong": "phòng", "truong": "trường", "so": "sở", "bo": "bộ", "hoi": "hội", "doan": "đoàn",
                  "cuc": "cục", "tong": "tổng", "ban": "ban"}


def _spelled_as_body(rest: str) -> bool:
    return _printed_as(rest.split()[0], _BODY_SPELLING) is not False


# A school's name opens with its kind.
_SCHOOL = re.compile(r"^truong (?:thpt|thcs|th|tieu hoc|mam non|mau giao|mn|trung hoc|cao dang|dai hoc|chinh tri|"
                     r"pt|ptdtbt|ptdtnt|trung cap|boi duong|nang khieu|chuyen)\b")


def _two_bodies(fragment: str) -> list[str]:
    """A line naming a superior body and the issuer after it, cut in two (cues.PLACE_WORD)."""
    words = fragment.split()
    for n in range(2, len(words) - 1):
        head, rest = " ".join(words[:n]), " ".join(words[n:])
        if fold(rest).startswith("truong ") and not _SCHOOL.match(fold(rest)):
            continue  # "UBND XÃ XUÂN TRƯỜNG BẮC": a place named Trường, no school without its kind
        if ISSUER_START.match(fold(head)) and PLACE_WORD.search(fold(head)) and ISSUER_START.match(fold(rest)) \
                and not fold(rest).startswith(("uy ban", "ban chap hanh")) and _spelled_as_body(rest):
            return [head, rest]
        if SUPERIOR_BODY.match(fold(head)) and SUBORDINATE_BODY.match(fold(rest)):
            return [head, rest]
    return [fragment]


# A fax machine's page count printed at the top of each page ("P.01/02"), beside the issuer: a line of
# its own, or the end of the issuer's line that the column beside it was read into ("… ĐÔNG P.01⁄92").
_PAGE_COUNT = re.compile(r"(?:^|\s+)(?:p|trang|page)\s*\.?\s*\d{1,3}\s*[/⁄]\s*\d{1,3}\s*$")


def _without_page_count(fragment: str) -> str:
    count = _PAGE_COUNT.search(fold(fragment))  # folding keeps each character's place
    return fragment[: count.start()] if count else fragment


# OCR's stray marks at the ends of an issuer line (a speck read as "'", "`", "~", "°"); a body's name
# never begins or ends with them.
_STRAY_MARKS = " '\"`‘’“”~°^ˆ˜_|.,;:*-–—"


# Levels of government, the higher first: a body of one kind at a higher level is the superior.
_LEVELS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran")


# The board that speaks for a body ("BCH HỘI NÔNG DÂN XÃ …" under "HỘI NÔNG DÂN TỈNH …"): same kind.
_BOARDS = "bch|ban chap hanh|btv|ban thuong vu|ban thuong truc"
_GOVERNING_BOARD = re.compile(rf"^(?:{_BOARDS})\s+")


# A people's committee with its place, and the kinds of body it is the "cơ quan chủ quản" of (Decree 30).
_COMMITTEE = re.compile(rf"^(?:ubnd|uy ban nhan dan)\s+(?:{'|'.join(_LEVELS)}|dac khu)\s+\S")
_DEPARTMENT = re.compile(r"^(?:so|ban quan ly|van phong|phong|trung tam|chi cuc|thanh tra|truong|benh vien)\s")
# A governing board printed alone on its line, its body's name elsewhere.
_BARE_BOARD = re.compile(rf"(?:{_BOARDS}|thuong truc)")


def _superior_of(upper: str, lower: str) -> bool:
    """Whether `upper` is `lower`'s superior body: the same kind of body ("CÔNG AN", "BCH ĐOÀN", "UBND"),
    named at a higher level ("… TỈNH HÀ TĨNH" over "… XÃ CẨM LẠC ĐÔNG")."""
    def kind_and_level(body: str) -> tuple[str, int] | None:
        key = _GOVERNING_BOARD.sub("", fold(body))
        for level, word in enumerate(_LEVELS):
            at = re.search(rf"\b{word}\b", key)
            if at is not None and at.start() > 0:
                return key[: at.start()].strip(), level
        return None

    up, low = kind_and_level(upper), kind_and_level(lower)
    return up is not None and low is not None and up[0] == low[0] and up[1] < low[1]


_RUN_ON_COMMA = re.compile(r"\S,\s*$")
# What is stamped beside a header, on a line of its own (folded): a copy's mark and the marks of urgency
# and secrecy. "BẢN SAO" under the number of a police plan's copy was read as its issuer.
_STAMP_MARK = re.compile(r"ban sao|sao y(?: ban chinh)?|ban chinh|sao luc|trich sao|"
                         r"(?:thuong )?khan|hoa toc(?: hen gio)?|(?:toi |tuyet )?mat")


def _compose_issuer(fragments: list[str], joint: bool = False) -> tuple[str | None, str | None]:
    """(parent, issuer) from the issuer column's lines. joint: a plan of several bodies, peers printed
    one under another, the lead first ("KẾ HOẠCH LIÊN TỊCH / LIÊN NGÀNH"): the lead, no parent."""
    bodies: list[str] = []
    # A comma ends a line only inside a name that runs on ("BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC," /
    # "CÔNG NGHỆ, …"): it is kept until the lines are joined. One standing apart is a speck of a fax
    # ("ỦY BAN NHÂN DÂN ," over "ĐẶC KHU PHÚ QUÝ").
    cleaned = (f.strip(_STRAY_MARKS) + ("," if _RUN_ON_COMMA.search(f) else "")
               for f in map(_without_page_count, fragments))
    for fragment in (part for f in cleaned if f for part in _two_bodies(f)):
        key = fold(fragment)
        if bodies and _incomplete(bodies[-1]) and fold(bodies[-1]).startswith(f"{key} "):
            # "ỦY BAN NHÂN DÂN TỈNH" (a gazette's heading over its part) and then "ỦY BAN NHÂN DÂN" /
            # "TỈNH HÀ NAM": a name does not go on with its own first words; the header starts again.
            bodies[-1] = fragment
            continue
        # "XÃ TÂN LẬP" completes "ỦY BAN NHÂN DÂN"; "THẠCH THANG" completes "ỦY BAN NHÂN DÂN PHƯỜNG";
        # "VÀ PHÁT TRIỂN NÔNG THÔN" completes "BỘ NÔNG NGHIỆP"; "TÂN HÒA" completes "TRƯỜNG THCS"
        # (a line that starts no body's name goes on the one above).
        if bodies and (bodies[-1].endswith(",") or _PLACE_WORDS.match(key) or _incomplete(bodies[-1])
                       or not ISSUER_START.match(key)):
            bodies[-1] = f"{bodies[-1]} {fragment}"
        else:
            bodies.append(fragment)
    bodies = [body.rstrip(",") for body in bodies]
    if not bodies:
        return None, None
    if joint:
        # Each body's own block side by side ("CÔNG AN TỈNH …" / "CÔNG AN XÃ …" beside "BCH ĐOÀN TỈNH …"
        # / "BCH ĐOÀN XÃ …"): the lead's first line is its superior, of its own kind a level up.
        # A department's block under its people's committee ("UBND TỈNH QUẢNG NGÃI" / "SỞ Y TẾ" beside
        # "TW HỘI LHPN VIỆT NAM" / "HỘI LHPN TỈNH …") is the lead's, its committee the parent.
        if len(bodies) > 1 and (_superior_of(bodies[0], bodies[1]) or (
                _COMMITTEE.match(fold(bodies[0])) and _DEPARTMENT.match(fold(bodies[1]))
                and not PLACE_WORD.search(fold(bodies[1])))):  # a body with a place of its own is a peer
            return bodies[0], bodies[1]
        return None, bodies[0]
    if len(bodies) > 2 and _BARE_BOARD.fullmatch(fold(bodies[-2])):
        # "ỦY BAN MTTQ VIỆT NAM" / "TỈNH HƯNG YÊN" / "BAN THƯỜNG TRỰC" / "ỦY BAN MTTQ VIỆT NAM" / "PHƯỜNG
        # …": a board named alone with its body under it is that body's board, one issuer; the body
        # above is the parent. (A board on the last line, under its body, stays the issuer alone.)
        bodies[-2:] = [f"{bodies[-2]} {bodies[-1]}"]
    # Three levels ("BỘ TÀI CHÍNH" / "KHO BẠC NHÀ NƯỚC" / "KHO BẠC NHÀ NƯỚC KHU VỰC XII"): the parent is
    # the body directly above the issuer, as Decree 30 prints the "cơ quan chủ quản".
    return (bodies[-2] if len(bodies) > 1 else None), bodies[-1]


# A stamp printed over the issuer's second line leaves its own letters before the name ("- sơnột vụ
# rixH ĐẶC:KHU LÝ SƠN"): the name is the run of words in capitals that ends the line, taken only
# when it starts with a level ("XÃ", "PHƯỜNG", "ĐẶC KHU", …) and completes a name waiting for it.
_LEVEL_START = re.compile(rf"^dac khu\b|{_PLACE_WORDS.pattern}")
_NAME_WORD = re.compile(r"[A-ZĐÀ-Ỹ]+")


def _name_after_specks(text: str) -> str | None:
    """The level and place in capitals ending `text` after what is not a name's ("ĐẶC KHU LÝ SƠN"), or None."""
    words: list[str] = []
    for token in reversed(text.split()):
        pieces = [p for p in re.split(r"[:.;,]", token.strip(_STRAY_MARKS)) if p]
        if not pieces or not all(_NAME_WORD.fullmatch(p) for p in pieces):
            break
        words[:0] = pieces
    if len(words) < 2 or len(words) == len(text.split()):
        return None
    run = " ".join(words)
    return run if _LEVEL_START.match(fold(run)) else None


_RULE = re.compile(r"[-_=]{3,}")
# What a fax or a scan leaves before the place's name ("__ Phú Quý, ngày …": the rule under the motto
# broken into pieces).
_SPECKS_BEFORE_PLACE = f"{SCAN_SPECKS}\" "
# "Ia" opens many place names of the Central Highlands (Ia Grai, Ia Pa); OCR reads its capital I as
# a small l ("la Bang Tây"). A place name starts with a capital: "la" before a capitalised word is "Ia".
_IA_READ_LA = re.compile(r"^la(?= [A-ZĐÀ-Ỹ])")


def _place_and_date(line: Line, start: int, fields: dict[str, object], result: HeaderResult) -> bool:
    found = find_date(line.key, start)
    ngay = re.search(r"ng\w{1,2}y\b", line.key[start:])
    if not found or not ngay or start + ngay.start() > found[1]:
        return False
    # After the rule under the motto where a portal ran the right column into one paragraph
    # ("CỘNG HÒA … Hạnh phúc --------------- Thạch Lạc Bắc, ngày …"): the place is what follows it.
    place = tidy(_RULE.split(line.text[start : start + ngay.start()])[-1]).lstrip(_SPECKS_BEFORE_PLACE)
    if place:
        fields["place"] = _IA_READ_LA.sub("Ia", place)
        result.locations["header.place"] = line
    fields["date_text"] = line.text[start + ngay.start() : found[2]].strip()
    fields["date"] = found[0]
    result.locations["header.date"] = line
    return True


def parse_header(front: list[Line]) -> HeaderResult:
    result = HeaderResult(Header())
    fields: dict[str, object] = {}
    fragments: list[str] = []
    lines = header_lines(front[:HEADER_SPAN])
    doc_type_at: int | None = None
    title_inline = ""
    header_end = 0
    for i, line in enumerate(lines):
        if is_basis_paragraph(line.text, line.key) and not line.text.isupper():
            break
        doc_type = doc_type_of(line)
        if doc_type:
            doc_type_at, header_end = i, i + 1
            fields["doc_type"], title_inline = doc_type
            result.locations["header.doc_type"] = line
            break
        rest_from = 0
        number = number_in(line) if "number" not in fields else None
        if number:
            fields["number"] = number[0]
            result.locations["header.number"] = line
            rest_from, header_end = number[2], i + 1
            before = line.text[: number[1]].strip()
            if before and upper_share(before) > 0.6:
                fragments.append(tidy(before))
        # The date may stand before the number too (the columns swapped: "Sông Chà, ngày … Số: 21/KH-UBND").
        if "date_text" not in fields and (_place_and_date(line, rest_from, fields, result)
                                          or (number is not None and _place_and_date(line, 0, fields, result))):
            header_end = i + 1
            continue
        if number:
            continue
        parts, fixed = _split_fixed(line, lines[i - 1] if i else None)
        # A stamp beside the header ("BẢN SAO" over the national title, "HỎA TỐC"), no part of the issuer.
        parts = [part for part in parts if not _STAMP_MARK.fullmatch(fold(part).strip(" .:-*"))]
        if not parts and _STAMP_MARK.fullmatch(line.key.strip(" .:-*")):
            continue
        if not fixed and fragments and "number" in fields and "date_text" in fields and line.text.isupper():
            # Issuer, number and date read, and a line in capitals after them: the title, its document
            # type lost on the way (a portal's copy that dropped "KẾ HOẠCH"), not more of the issuer.
            break
        if fixed or (upper_share(line.text) > HEADER_UPPER_SHARE and not doc_type_at):
            fragments.extend(parts)
            header_end = i + 1
            if parts:
                result.locations.setdefault("header.issuer", line)
        elif fragments and _incomplete(fragments[-1]) and (name := _name_after_specks(line.text)):
            fragments.append(name)
            header_end = i + 1
    joint = JOINT_PLAN.search(fold(str(fields.get("doc_type", "")))) is not None
    parent, issuer = _compose_issuer(fragments, joint=joint)
    fields["issuer"], fields["parent_issuer"] = issuer, parent
    start = _title(lines, doc_type_at, header_end, title_inline, fields, result)
    # The place and date printed under the title (a police unit's or a draft's layout).
    if "date_text" not in fields and start < len(lines) and _PLACE_DATE_LINE.match(lines[start].key) \
            and _place_and_date(lines[start], 0, fields, result):
        start += 1
    # Map the position in the (cell-split) header lines back to the front lines.
    consumed = lines[start - 1] if start else None
    result.consumed = next((n + 1 for n, line in enumerate(front) if line is consumed or
                            (consumed and line.page == consumed.page and line.number == consumed.number)), 0)
    result.missing = doc_type_at is None and "number" not in fields and not fragments
    result.header = Header.model_validate(fields)
    return result


# "Phước Long Đông, ngày 08 tháng 01 năm 2026" on a line of its own: a place of a few words, then the date.
_PLACE_DATE_LINE = re.compile(r"^[a-z][a-z ]{0,30},?\s*ngay\s+[\d.…_ ]*\s*thang\b")


# A title's last line in small letters: "năm học 2025 - 2026", "và hoạt động của Trung tâm … năm 2025".
TITLE_PIECE_WORDS = 20


def _unfinished(title: list[str]) -> bool:
    """A title that cannot end where it stops: after a comma or a dash, or inside a quotation (Markdown
    prints each line of a bold title as a paragraph of its own, a blank line between them)."""
    text = " ".join(title).rstrip()
    return text.endswith((",", "-", "–")) or text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def _prose_under_capitals(title: list[str], text: str) -> bool:
    """A long line or a list item in small letters under a title in capitals: the body's first sentence
    (a portal's news item: "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2025" / "Ngày 18 tháng 7 năm 2025 Ủy ban
    nhân dân xã … đã ban hành …"), not a line of the title, which would be in capitals too."""
    so_far = " ".join(title)
    if not so_far.isupper() or text.isupper() or sum(c.islower() for c in text) <= sum(c.isupper() for c in text):
        return False
    # A list item ("- Luật Công nghệ thông tin …;", the basis listed without "Căn cứ") at any length.
    return len(text) > TITLE_BODY_LINE_CHARS or text.lstrip()[:2] in ("- ", "+ ", "• ", "* ")


# A dash or bullet before a title's first word: no title opens so; a speck a crease or a fold left
# before the line ("- Thực hiện nhiệm vụ …" under "KẾ HOẠCH" on blind34's crumpled sheet, where the
# body's "Thực hiện" split the title off after the dash and left "-" as the title).
_BULLET_BEFORE = re.compile(r"^[-–—•*·+]+\s+")


# What a scan leaves of the rule under the title before the basis's first word ("__ Căn cứ Luật …",
# blind46): handed on with the basis, it is no part of the title.
_RULE_AFTER = re.compile(r"\s+[-_=~—–]{2,}\s*$")


def _title(lines: list[Line], doc_type_at: int | None, header_end: int, inline: str,
           fields: dict[str, object], result: HeaderResult) -> int:
    """Collect the title: the lines after the document type up to a blank line or the legal basis.
    Returns the index of the first line after it."""
    title = [inline] if inline else []
    start = doc_type_at + 1 if doc_type_at is not None else header_end
    taken: list[Line] = []
    for line in lines[start:]:
        # The line under the type is the title even when it reads like a basis ("Thực hiện Đề án 06 …");
        # only "Căn cứ" says at once that there is no title.
        first_under_type = doc_type_at is not None and not (taken or title)
        # A line in small letters goes on with the title even when it reads like a basis ("… hỗ trợ người
        # dân" / "thực hiện dịch vụ công …"): a basis paragraph starts with a capital ("Thực hiện …").
        opens_basis = line.key.startswith("can cu") if first_under_type or line.text[:1].islower() \
            else is_basis_paragraph(line.text, line.key)
        so_far = [*title, *(t.text for t in taken)]
        # A paragraph in small letters goes on with the title ("**… chuyển đổi số**" / "**năm học 2025 -
        # 2026**", each bold line a paragraph of its own in Markdown): no sentence starts so.
        goes_on = _unfinished(so_far) or (line.text[:1].islower() and len(line.text.split()) <= TITLE_PIECE_WORDS)
        if opens_basis or (so_far and line.blank_before and not goes_on) or len(taken) > 5:
            break
        if (taken or title) and (TITLE_END.match(line.key) or _PLACE_DATE_LINE.match(line.key) or (
                len(line.text) > TITLE_BODY_LINE_CHARS and line.text.rstrip()[-1:] in ".;:")
                or _prose_under_capitals(so_far, line.text)):
            break
        taken.append(line)
    title += [line.text for line in taken]
    if title and (doc_type_at is not None or len(" ".join(title).split()) <= 30):
        joined = _BULLET_BEFORE.sub("", " ".join(title))
        runs_on = TITLE_RUNS_ON.search(joined)
        if runs_on and taken:  # the body's first sentence on the title's line: handed on as a line
            rest = joined[runs_on.end():]
            joined = _RULE_AFTER.sub("", joined[: runs_on.start()])
            result.rest = replace(taken[-1], text=rest, raw=rest, key=fold(rest), blank_before=True)
        fields["title"] = joined
        result.locations["header.title"] = taken[0] if taken else lines[start - 1]
        return start + len(taken)
    return start
