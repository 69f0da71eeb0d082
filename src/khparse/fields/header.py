"""The Decree 30 header: issuer (and parent), national title and motto, number, place and date,
document type and title. Works on lines as printed and on lines English-model OCR merged or garbled
("UY BAN NHAN DAN  CONG HOA XA HOQI CHU NGHIA VIET NAM", "S6: 86/KH-UBND Bén Tam, ngay 04 …")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from khparse.fields.common import find_date, tidy, upper_share
from khparse.fold import fold
from khparse.lines import Line
from khparse.model import Header

NATIONAL_TITLES = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam")
MOTTO = "doc lap - tu do - hanh phuc"
DOC_TYPES = ("ke hoach", "chuong trinh", "de cuong tuyen truyen", "de cuong", "huong dan", "phuong an")
# Words that open the legal-basis paragraph; the title ends before it.
BASIS_OPENERS = re.compile(
    r"^(can cu|thuc hien|tiep tuc thuc hien|trien khai|quan triet|theo|nham|de trien khai|thuc hien chi dao)\b"
)
# A fragment starting with one of these completes the body name above it ("ỦY BAN NHÂN DÂN" + "XÃ …").
_PLACE_WORDS = re.compile(r"^(tinh|huyen|xa|phuong|thi tran|thi xa|thanh pho|quan|tp\.?)\b")
_NUMBER_LABEL = re.compile(r"(?:^|\s)s\w{0,2}\s*[:.]?\s*(?=\d{0,5}\s*[-/]\s*\d{0,4}\s*[-/]?\s*[a-z])")
_NUMBER_BODY = re.compile(r"\d{0,5}(?:\s*/\s*\d{4})?\s*[-/]\s*[A-ZĐa-zđ][\wĐđ&]*(?:\s*[-/&]\s*[A-ZĐa-zđ0-9][\wĐđ&]*)*")


@dataclass
class HeaderResult:
    header: Header
    locations: dict[str, Line] = field(default_factory=dict)
    consumed: int = 0  # front lines used by the header and title; the rest is the preamble
    missing: bool = False


def _locate(key: str, phrase: str, threshold: float) -> tuple[int, int] | None:
    if len(key) < len(phrase) * 0.6:
        return None
    found = fuzz.partial_ratio_alignment(phrase, key, score_cutoff=threshold)
    if found is None:
        return None
    start, end = found.dest_start, found.dest_end
    # The alignment may begin or end inside a garbled word ("Péc lap"): take whole words.
    while start > 0 and not key[start - 1].isspace():
        start -= 1
    while end < len(key) and not key[end].isspace():
        end += 1
    return start, end


def _split_fixed(line: Line) -> tuple[list[str], bool]:
    """The issuer fragments on a line, with the national title or motto cut out (and whether one was)."""
    for phrase in (*NATIONAL_TITLES, MOTTO):
        span = _locate(line.key, phrase, 78.0)
        if span:
            start, end = span
            parts = [tidy(line.text[:start]), tidy(line.text[end:])]
            return [p for p in parts if len(p) > 2 and upper_share(p) > 0.6], True
    return [line.text], False


def _compose_issuer(fragments: list[str]) -> tuple[str | None, str | None]:
    """(parent, issuer) from the issuer column's lines."""
    bodies: list[str] = []
    for fragment in fragments:
        if bodies and _PLACE_WORDS.match(fold(fragment)):
            bodies[-1] = f"{bodies[-1]} {fragment}"
        else:
            bodies.append(fragment)
    if not bodies:
        return None, None
    return (" ".join(bodies[:-1]) or None), bodies[-1]


def _number(line: Line) -> tuple[str, int, int] | None:
    m = _NUMBER_LABEL.search(line.key)
    if not m or m.start() > len(line.key) // 2 + 1:
        return None
    body = _NUMBER_BODY.match(line.text, m.end())
    if not body:
        return None
    return re.sub(r"\s+", "", body.group(0)), m.start(), body.end()


def parse_header(front: list[Line]) -> HeaderResult:
    result = HeaderResult(Header())
    fields: dict[str, object] = {}
    fragments: list[str] = []
    doc_type_at: int | None = None
    header_end = 0
    for i, line in enumerate(front[:14]):
        if BASIS_OPENERS.match(line.key) and not line.text.isupper():
            break
        if doc_type_at is None and line.key.strip(" :") in DOC_TYPES and upper_share(line.text) > 0.7:
            doc_type_at = i
            fields["doc_type"] = line.text.strip(" :")
            result.locations["header.doc_type"] = line
            header_end = i + 1
            break
        rest_from = 0
        number = _number(line)
        if number and "number" not in fields:
            fields["number"] = number[0]
            result.locations["header.number"] = line
            rest_from = number[2]
            before = line.text[: number[1]].strip()
            if before and upper_share(before) > 0.6:
                fragments.append(tidy(before))
            header_end = i + 1
        found = find_date(line.key, rest_from)
        if found and "date_text" not in fields and re.search(r"ng\w{1,2}y", line.key[rest_from:found[2]]):
            date, start, end = found
            ngay = re.search(r"ng\w{1,2}y", line.key[rest_from:])
            assert ngay is not None
            place = tidy(line.text[rest_from : rest_from + ngay.start()])
            if place:
                fields["place"] = place
                result.locations["header.place"] = line
            fields["date_text"] = line.text[rest_from + ngay.start() : end].strip()
            fields["date"] = date
            result.locations["header.date"] = line
            header_end = i + 1
            continue
        if number:
            continue
        parts, fixed = _split_fixed(line)
        if fixed:
            header_end = i + 1
        if upper_share(line.text) > 0.6 or fixed:
            fragments.extend(parts)
            if parts:
                result.locations.setdefault("header.issuer", line)
                header_end = i + 1
    parent, issuer = _compose_issuer(fragments)
    fields["issuer"], fields["parent_issuer"] = issuer, parent
    # The title: the lines after the document type up to a blank line or the legal basis.
    title_lines: list[Line] = []
    start = doc_type_at + 1 if doc_type_at is not None else header_end
    for line in front[start:]:
        if BASIS_OPENERS.match(line.key) or (title_lines and line.blank_before):
            break
        if len(title_lines) > 5:
            break
        title_lines.append(line)
    if title_lines and (doc_type_at is not None or len(" ".join(x.text for x in title_lines).split()) <= 30):
        fields["title"] = " ".join(x.text for x in title_lines)
        result.locations["header.title"] = title_lines[0]
        start += len(title_lines)
    result.consumed = start
    result.missing = doc_type_at is None and "number" not in fields and not fragments
    result.header = Header.model_validate(fields)
    return result
