"""The lines that mark where a document and its parts begin: the issuer's name, the national title
and motto (whole or broken over lines), the number ("Số: …"), the document type ("KẾ HOẠCH",
"QUYẾT ĐỊNH"). The outline uses them to find the document in what a portal put around it; the
header extractor (fields/header.py) uses them to read the header's values."""

from __future__ import annotations

import re

from khparse import similarity
from khparse.cues import (
    DOC_TYPE_SPELLING,
    DOC_TYPES,
    FIXED_LINE_SIMILARITY,
    FIXED_PIECE_MIN_CHARS,
    FIXED_PIECE_SIMILARITY,
    HEADER_SPAN,
    HEADER_UPPER_SHARE,
    ISSUER_START,
    MOTTO,
    NATIONAL_TITLES,
    PORTAL_BANNER,
    RECEIVED_STAMP,
    RECEIVED_STAMP_FIELD,
    RECEIVED_STAMP_SPAN,
    RECIPIENTS,
    WRAPPER_SEARCHED,
)
from khparse.fold import fold, nfc
from khparse.lines import Line, upper_share

# "Số: 86/KH-UBND", "Số 04-KH/ĐU", and blanks left for the number: "Số:   /KH-UBND", "Số: ……/KH-UBND".
_NUMBER_LABEL = re.compile(r"(?:^|\s)s\w{0,2}\s*[:.;]?[\s.…_]*(?=\d{0,5}\s*[-/]\s*\d{0,4}\s*[-/]?\s*[a-z])")
_NUMBER_BODY = re.compile(r"\d{0,5}(?:\s*/\s*\d{4})?\s*[-/]\s*[A-ZĐa-zđ][\wĐđ&]*(?:\s*[-/&]\s*[A-ZĐa-zđ0-9][\wĐđ&]*)*")


# The right column's "Số:" after a wide gap (a header whose columns are swapped, the national title
# left and the issuer right), or after the rule under the issuer (a portal that ran the column into
# one paragraph: "UBND XÃ THẠCH LẠC BẮC ------- Số: 31/KH-UBND"): the number may then stand past
# the line's middle.
_COLUMN_GAP = re.compile(r"\S\s{3,}s\w{0,2}\s*:|[-_=]{3,}\s*s\w{0,2}\s*:")


# A plan's number alone on its line, its "Số:" lost (a received stamp's frame over it, a speck
# before it: "-08/KH-UBND"): only a plan's own kind of symbol ("KH…") opening the line, the line
# ending there or the other column going on after it ("-08/KH-UBND CỘNG HÒA XÃ HỘI …").
_BARE_NUMBER = re.compile(
    r"^[-–—~_.:;'\"‘’`\s]*(\d{1,5}(?:/\d{4})?(?:/KH[A-ZĐ]*(?:-[A-ZĐ][\wĐđ&]*)*|-KH/[A-ZĐ][\wĐđ&]*))(?:\s*$|\s+(?=[A-ZĐ]))")


def number_in(line: Line) -> tuple[str, int, int] | None:
    m = _NUMBER_LABEL.search(line.key)
    if not m and (bare := _BARE_NUMBER.match(line.text)):
        return bare.group(1), bare.start(1), bare.end(1)
    if not m or (m.start() > len(line.key) // 2 + 1 and not _COLUMN_GAP.search(fold(line.raw))):
        return None
    body = _NUMBER_BODY.match(line.text, m.end())
    if not body:
        return None
    return re.sub(r"\s+", "", body.group(0)), m.start(), body.end()


# Specks a crease or a fold left beside a centred heading, columns apart from it ("XS    KẾ HOẠCH    \\"
# on a crumpled sheet): at most this many characters, none a word's.
_SPECK_COLUMN = re.compile(r"\S{1,2}")


def _without_speck_columns(line: Line) -> Line:
    """`line` as its one column that is more than specks, when its other columns are specks only."""
    columns = [c for c in re.split(r"\s{3,}", line.raw.strip()) if c]
    if len(columns) < 2:
        return line
    kept = [c for c in columns if not _SPECK_COLUMN.fullmatch(c)]
    if len(kept) != 1:
        return line
    text = " ".join(kept[0].split())
    return Line(text, kept[0], fold(text), line.page, line.number, line.blank_before)


# Specks a fax leaves round the document type alone on its line ("- KẾ HOẠCH." on a standard fax).
_TYPE_SPECKS = " -–.'`"


def doc_type_of(line: Line) -> tuple[str, str] | None:
    """('KẾ HOẠCH', title on the same line or '') when the line is the document type."""
    line = _without_speck_columns(line)
    text = line.text.lstrip(_TYPE_SPECKS)
    key = fold(text).rstrip(" :")
    for doc_type in DOC_TYPES:
        if key.rstrip(_TYPE_SPECKS) == doc_type or key.startswith(doc_type + " "):
            head = text[: len(doc_type)]
            rest = text[len(doc_type) :].strip(" :")
            rest = "" if not rest.strip(_TYPE_SPECKS) else rest
            if upper_share(head) > 0.7 and not re.match(r"^s\w{0,2}\s*[:.]?\s*\d", fold(rest)) \
                    and not _marked_otherwise(head, DOC_TYPE_SPELLING[doc_type]):
                return head, rest
    return None


def _marked_otherwise(head: str, spelling: str) -> bool:
    """Whether `head`, read with marks, carries other marks than the document type's on every syllable
    ("PHƯỜNG AN" is no "PHƯƠNG ÁN"); text without any marks (stripped) is not."""
    read = nfc(head).lower().split()
    if all(fold(word) == word for word in read):
        return False
    return all(word != printed for word, printed in zip(read, spelling.split(), strict=False))


def is_number_line(line: Line) -> bool:
    """A header line carrying the document's number ("Số: 86/KH-UBND")."""
    return number_in(line) is not None


def is_plan_heading(line: Line) -> bool:
    """The document-type line of a plan ("KẾ HOẠCH", "KẾ HOẠCH Tuyên truyền …")."""
    return doc_type_of(line) is not None


def is_decision_heading(line: Line) -> bool:
    """"QUYẾT ĐỊNH" alone on its line, in capitals: a decision that may carry the plan."""
    return line.key.rstrip(" :") == "quyet dinh" and upper_share(line.text) > 0.7


def is_fixed_piece(key: str) -> bool:
    """A line that is a national title or the motto, whole or one of the pieces portals break it into
    (nothing else on the line: a sentence that names "Đảng Cộng sản Việt Nam" is no piece)."""
    for phrase in (*NATIONAL_TITLES, MOTTO):
        if similarity.ratio(phrase, key, score_cutoff=FIXED_LINE_SIMILARITY):
            return True
        if FIXED_PIECE_MIN_CHARS <= len(key) < len(phrase) \
                and similarity.partial_ratio(key, phrase, score_cutoff=FIXED_PIECE_SIMILARITY):
            return True
    return False


# Specks a scan leaves before the header's first line ("-'SỞ Y TẾ TUYÊN QUANG.").
_LEADING_SPECKS = " -'\"‘’“”."


def _is_issuer_start(line: Line) -> bool:
    return bool(ISSUER_START.match(line.key.lstrip(_LEADING_SPECKS))) and upper_share(line.text) > HEADER_UPPER_SHARE \
        and not PORTAL_BANNER.search(line.key)


def received_stamp(lines: list[Line]) -> set[int]:
    """The indexes of the lines of received stamps in `lines` (cues.RECEIVED_STAMP): the stamp's
    "CÔNG VĂN ĐẾN", its fields after it, and the receiving office's name in capitals just above."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if not RECEIVED_STAMP.match(line.key):
            continue
        out.add(i)
        if i and not line.blank_before and upper_share(lines[i - 1].text) > HEADER_UPPER_SHARE:
            out.add(i - 1)
        for k in range(i + 1, min(len(lines), i + 1 + RECEIVED_STAMP_SPAN)):
            if not RECEIVED_STAMP_FIELD.match(lines[k].key):
                break
            out.add(k)
    return out


def find_header(lines: list[Line]) -> int | None:
    """Index of the first line of a Decree 30 header in `lines`: an issuer's name (or the national
    title) with the rest of a header after it; None when there is none. A received stamp's lines
    are no header (received_stamp)."""
    stamp = received_stamp(lines[: HEADER_SPAN * 3 + HEADER_SPAN])
    for i, line in enumerate(lines[: HEADER_SPAN * 3]):
        if i in stamp or not _is_issuer_start(line):
            continue
        ahead = [other for k, other in enumerate(lines[i + 1 : i + 1 + HEADER_SPAN], start=i + 1) if k not in stamp]
        if any(is_fixed_piece(other.key) or is_number_line(other) or is_plan_heading(other) for other in ahead):
            return i
    return None


def document_start(lines: list[Line]) -> tuple[int, int | None]:
    """(index of the document's first line (its header's; 0 when the text starts with its document or
    has no header at all), index of the covering letter before it or None). A covering letter sent
    with the plan (see covering_letter) is not the document: the plan's own header is."""
    start = find_header(lines) or 0
    plan_at = covering_letter(lines, start)
    return (start, None) if plan_at is None else (plan_at, start)


def covering_letter(lines: list[Line], start: int) -> int | None:
    """Where the plan's own header starts when the document at `start` is a covering letter (a
    Công văn "V/v triển khai Kế hoạch …", "Kính gửi: …", its Nơi nhận and signature) with the plan
    after it under a header of its own; None otherwise. A Quyết định that issues the plan is not
    a covering letter: it is the plan's wrapper (cut_front)."""
    for i in range(start + 1, len(lines)):
        line = lines[i]
        if is_plan_heading(line) or is_decision_heading(line):
            return None  # the first document is the plan, or the decision issuing it
        if RECIPIENTS.match(line.key):
            break  # the first document closes before any "KẾ HOẠCH"
    else:
        return None
    after = i + 1
    found = find_header(lines[after:])
    if found is None:
        return None
    plan_at = after + found
    if not any(is_plan_heading(line) for line in lines[plan_at : plan_at + TYPE_LINE_REACH]):
        return None
    return plan_at


# How far from the document's start its type line ("KẾ HOẠCH") may stand: a header read column by
# column (HEADER_SPAN lines a column) puts it after both.
TYPE_LINE_REACH = HEADER_SPAN * 2


def cut_front(front: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """The lines between the document's start and its first section, cut into zones: (header,
    wrapper, front matter).

    header   the issuer, national title, number, place and date, down to the document type
             ("KẾ HOẠCH"; for a plan issued by a Quyết định, the decision's "QUYẾT ĐỊNH")
    wrapper  a Quyết định that issues the plan: its title, basis, articles, recipients and
             signature, and the plan's own header, down to the line before the plan's "KẾ HOẠCH";
             empty for a plan published on its own
    front    the plan's title (trích yếu, under its type) and its front matter with the legal basis

    A header whose type line is not found (a garbled "KE HOACH", cells merged on one line) is left
    to the front matter: the header extractor reads both, in order."""
    head = front[:WRAPPER_SEARCHED]
    decision_at = next((i for i, line in enumerate(head) if is_decision_heading(line)), None)
    if decision_at is not None:
        plan_at = next((i for i in range(decision_at + 1, len(head)) if is_plan_heading(head[i])), None)
        if plan_at is not None:
            return front[:decision_at], front[decision_at:plan_at], front[plan_at:]
    type_at = next((i for i, line in enumerate(front[:TYPE_LINE_REACH]) if is_plan_heading(line)), None)
    if type_at is None:
        return [], [], front
    return front[: type_at + 1], [], front[type_at + 1 :]
