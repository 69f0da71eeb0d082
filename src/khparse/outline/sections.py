"""The Roman sections, read from their titles and their place in the sequence."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from khparse.cues import MOTTO, NATIONAL_TITLES
from khparse.headings import heads_a_section, is_basis_title, section_kind
from khparse.lines import Line, upper_share
from khparse.markers import (
    MarkerKind,
    Reading,
    loose_roman,
    numeral_readings,
    parse_marker,
    roman_value,
    to_roman,
)
from khparse.model import SectionKind
from khparse.outline.document import Issue
from khparse.outline.paragraphs import TERMINAL


def section_title(first: str, lines: list[Line], at: int, end: int) -> tuple[str, int]:
    """A section title with its wrapped upper-case continuation ("NỘI DUNG, HÌNH THỨC" / "TUYÊN TRUYỀN")."""
    title = first
    while (at < end and not TERMINAL.search(title) and parse_marker(lines[at]) is None
           and upper_share(lines[at].text) > 0.85 and len(lines[at].text.split()) <= 8):
        title = f"{title} {lines[at].text}"
        at += 1
    return re.sub(r"\s*[:.]$", "", title), at


# --- the Roman sections, read from titles and their place in the sequence -------------------------
# Every line that may open a section is a candidate with the evidence that it is a heading; a
# best path through the candidates gives each taken one a numeral. Scores are in points: a path
# takes a candidate when its evidence outweighs the cost of its reading and of the jump from the
# numeral before it.

# Evidence that a line is a section heading.
EVIDENCE_STRICT_CAPS = 10  # a numeral the strict reader takes (I., I1., IT1.) before a title in capitals
EVIDENCE_STRICT = 7  # the same before a title in sentence case that names a known section
EVIDENCE_LOOSE_CAPS = 6  # a token that may be a misread numeral (H., 11., TV.) before a title in capitals
EVIDENCE_KNOWN_TITLE = 1  # … more when the title names a known section ("NỘI DUNG …", "KINH PHÍ")
EVIDENCE_LOOSE_KNOWN = 3  # such a token before a sentence-case title naming a known section
# A capitals title alone on its line, its numeral lost: negative, so that it is taken only where it
# fills the sequence (between II and IV, or before II as the first section), not after the last one
EVIDENCE_BARE = -1
# … except "TỔ CHỨC THỰC HIỆN", the closing section of a Decree 30 plan: after the other sections
# and where no section of its kind was read, it is taken at the end too.
EVIDENCE_BARE_CLOSING = 1
# A title without numeral that another section follows fills the sequence: it turns positive
# (the numbered sections around it confirm it, as do the closing one after it).
EVIDENCE_BARE_FOLLOWED = 2
# Costs of reading a token as a value (markers.Reading): the glyphs OCR gives a numeral's strokes
# are nearly certain; a stroke lost or added (II for III) must be confirmed by the sequence around
# it, so it costs more than a kept gap (a printed I, II, III, V stays V).
READING_COST = {Reading.exact: 0, Reading.confusion: 1, Reading.edit: 5}
COST_GAP = 4  # a printed numeral that skips ahead (I, II, IV): kept as printed, with a warning
COST_BACK = 8  # a printed numeral that goes back (II after III): kept, but rarely right
# … or repeats the one before (I after I): OCR lost a stroke of the next ("I. NỘI DUNG" for II., then
# "II. TỔ CHỨC THỰC HIỆN" for III. on a grey scan), and the edits that read the sequence on are likelier.
COST_REPEAT = 12
# Leaving out a heading the strict reader took before a capitals title costs this much (added to its
# gain when it is taken: the same for every path): without it, dropping a heading whose numeral OCR
# misread was as good as reading it with two edits, and its section ran into the one before.
COST_LEFT_OUT = 4
# What looks like a section title: mostly capitals, a few words (a caption or a sentence is longer;
# long titles run to about 13: "NỘI DUNG THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TẠI SỞ NỘI VỤ").
TITLE_CAPS = 0.85
TITLE_MAX_WORDS = 15
# Kinds a first section has ("MỤC ĐÍCH, YÊU CẦU"; a basis title "CĂN CỨ …" too): a capitals line of another kind
# before section II is more likely the plan's own title block than section I with its numeral lost.
_FIRST_KINDS = {SectionKind.purpose_requirements}


@dataclass(frozen=True)
class _Candidate:
    """A line that may head a Roman section, and the evidence for it."""

    at: int  # index in the document's lines
    printed: str  # the numeral as printed with its punctuation ("H.", "I1."); "" when lost
    rest: str  # the title on the numeral's line
    evidence: int
    readings: dict[int, Reading]  # empty when the numeral is lost: the sequence gives it
    strict: bool  # the strict reader takes it as a numeral: a printed gap is kept, not repaired
    caps: bool  # the title is in capitals, as section titles are; a lowered one may be a subsection
    first_kind: bool  # the title is one a first section has
    kind: SectionKind
    spans: int = 1  # lines the heading takes before its title's continuation ("Phần thứ nhất" / "MỤC ĐÍCH")


# "PHẦN I. MỤC ĐÍCH, YÊU CẦU", "CHƯƠNG II. …": the numeral printed after the name of the division.
_PART = re.compile(r"^(?:phan|chuong)\s+([ivx]{1,4})\s*[.:-]\s*(?=\S)")
# "Phần thứ nhất" alone on its line, the title in capitals on the next (ministries' plans).
# (OCR may run the numeral into the word: "PHẦNI".)
_PART_ORDINAL = re.compile(
    r"^(?:phan|chuong)(?:\s+(?:thu\s+)?(?=nhat|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi|[ivx])|(?=[ivx]{1,4}\s*[.:]?$))"
    r"(nhat|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi|[ivx]{1,4})\s*[.:]?$")
_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
             "muoi": 10}


def _continues_numbering(lines: list[Line], at: int, value: int) -> bool:
    """Whether a line numbered `value` in digits ("11.") follows a subsection `value - 1` of the
    running section: then it is that subsection, not a misread section numeral."""
    for j in range(at - 1, -1, -1):
        marker = parse_marker(lines[j])
        if marker is not None and marker.kind is MarkerKind.roman:
            return False
        if marker is not None and marker.kind is MarkerKind.number and marker.label == str(value - 1):
            return True
    return False


# A Roman numeral alone on its line, its title on the next ("II." / "NHIỆM VỤ TRỌNG TÂM", centred).
_ROMAN_ALONE = re.compile(r"^([IVX][IVXl1]{0,3})\s*[.:/)-]?$")


def candidate(lines: list[Line], at: int) -> _Candidate | None:
    line = lines[at]
    alone = _ROMAN_ALONE.match(line.text.strip())
    if alone and at + 1 < len(lines) and parse_marker(lines[at + 1]) is None \
            and upper_share(lines[at + 1].text) >= TITLE_CAPS and len(lines[at + 1].text.split()) <= TITLE_MAX_WORDS:
        readings = numeral_readings(alone.group(1))
        if readings:
            return replace(_make(at, line.text.strip(), lines[at + 1].text, EVIDENCE_STRICT_CAPS, readings, True, True),
                           spans=2)
    marker = parse_marker(line)
    if marker is not None and marker.kind is MarkerKind.roman:
        caps = upper_share(marker.rest) >= TITLE_CAPS
        printed = line.text[: len(line.text) - len(marker.rest)].strip()
        return _make(at, printed, marker.rest, EVIDENCE_STRICT_CAPS if caps else EVIDENCE_STRICT,
                     numeral_readings(marker.printed), True, caps)
    if marker is not None and marker.kind is not MarkerKind.number:
        return None
    loose = loose_roman(line.text)
    if loose is not None:
        token, rest, punctuated = loose
        words = len(rest.split())
        caps = upper_share(rest) >= TITLE_CAPS and words <= TITLE_MAX_WORDS and rest[:1].isalpha()
        known = heads_a_section(rest) and words <= TITLE_MAX_WORDS and rest[:1].isupper()
        if not punctuated and not (caps and known and words >= 2):  # "Y tế …": a word, not a numeral
            return None
        if token.isdigit() and _continues_numbering(lines, at, int(token)):
            return None
        evidence = (EVIDENCE_LOOSE_CAPS + (EVIDENCE_KNOWN_TITLE if known else 0) if caps
                    else EVIDENCE_LOOSE_KNOWN if known and len(token) > 1 and not token.isdigit() else None)
        readings = numeral_readings(token)
        if evidence is not None and readings:
            printed = line.text[: len(line.text) - len(rest)].strip()
            return _make(at, printed, rest, evidence, readings, False, caps)
    if marker is not None:
        return None
    ordinal = _PART_ORDINAL.match(line.key)
    if ordinal is not None and at + 1 < len(lines) and upper_share(lines[at + 1].text) >= TITLE_CAPS:
        word = ordinal.group(1)
        value = _ORDINALS.get(word) or roman_value(word.upper())
        if value:
            cand = _make(at, line.text, lines[at + 1].text, EVIDENCE_STRICT_CAPS, {value: Reading.exact}, True, True)
            return replace(cand, spans=2)
    part = _PART.match(line.key)
    if part is not None and upper_share(line.text) >= TITLE_CAPS:
        rest = line.text[part.end() :].strip()
        return _make(at, line.text[: part.end()].strip(), rest, EVIDENCE_STRICT_CAPS,
                     numeral_readings(part.group(1).upper()), True, True)
    text = line.text
    words = len(text.split())
    previous = lines[at - 1].text if at else ""
    set_apart = line.blank_before or bool(TERMINAL.search(previous))
    if (set_apart and upper_share(previous) < TITLE_CAPS and upper_share(text) >= TITLE_CAPS
            and 2 <= words <= TITLE_MAX_WORDS and heads_a_section(text)):
        closing = section_kind(text) is SectionKind.implementation
        return _make(at, "", text, EVIDENCE_BARE_CLOSING if closing else EVIDENCE_BARE, {}, False, True)
    return None


def _make(at: int, printed: str, rest: str, evidence: int, readings: dict[int, Reading], strict: bool,
          caps: bool) -> _Candidate:
    if not caps:  # a lost or added stroke is read only before a capitals title ("I. Mục đích" may be "1.")
        readings = {value: how for value, how in readings.items() if how is not Reading.edit}
    kind = section_kind(rest)
    first = kind in _FIRST_KINDS or is_basis_title(rest)
    return _Candidate(at, printed, rest, evidence, readings, strict, caps, first, kind)


# Plans that number their sections otherwise: "A. MỤC ĐÍCH, YÊU CẦU" … "D. TỔ CHỨC THỰC HIỆN" with
# parts I., II. inside (a Sở's plan in pandoc Markdown), or "1. MỤC ĐÍCH, YÊU CẦU" … "5. TỔ CHỨC THỰC
# HIỆN" with "1.1." inside and no Roman numeral at all. At least this many capitals headings labelled
# in order (A, B, C … or 1, 2, 3 …) make the labels the sections, numbered I, II, … by their place;
# figures only when this many of them name a known section (a list of capitals items is no outline).
MIN_LABELLED_SECTIONS = 3
MIN_NUMBERED_KNOWN = 2
_LETTERED = re.compile(r"^([A-H])\s*[.)/]\s+(?=\S)")  # "A.", "A)", and "A/" as mass organisations print it


def _letter(line: Line) -> tuple[str, str] | None:
    m = _LETTERED.match(line.text)
    return (m.group(1), line.text[m.end() :].strip()) if m else None


def _figure(line: Line) -> tuple[str, str] | None:
    marker = parse_marker(line)
    return (marker.label, marker.rest) if marker is not None and marker.kind is MarkerKind.number else None


def _labelled_sections(lines: list[Line], end: int, label_of: Callable[[Line], tuple[str, str] | None],
                       labels: Sequence[str]) -> list[_Candidate]:
    """Capitals headings before `end` whose labels run through `labels` in order."""
    found: list[_Candidate] = []
    for at in range(end):
        read = label_of(lines[at])
        if read is None or len(found) == len(labels) or read[0] != labels[len(found)]:
            continue
        rest = read[1]
        if upper_share(rest) >= TITLE_CAPS and len(rest.split()) <= TITLE_MAX_WORDS:
            printed = lines[at].text[: len(lines[at].text) - len(rest)].strip()
            found.append(_make(at, printed, rest, EVIDENCE_STRICT_CAPS, {len(found) + 1: Reading.exact}, True, True))
    return found if len(found) >= MIN_LABELLED_SECTIONS else []


def lettered_sections(lines: list[Line], end: int) -> list[_Candidate]:
    """The section headings lettered A., B., … before `end`, else []."""
    return _labelled_sections(lines, end, _letter, "ABCDEFGH")


def numbered_sections(lines: list[Line], end: int) -> list[_Candidate]:
    """The section headings numbered 1., 2., … in capitals before `end`, else [] (call it only when
    the plan prints no Roman section numeral)."""
    found = _labelled_sections(lines, end, _figure, [str(n) for n in range(1, 21)])
    return found if sum(c.kind is not SectionKind.other for c in found) >= MIN_NUMBERED_KNOWN else []


# A plan written as articles ("Điều 1. Mục đích, yêu cầu" … "Điều 5. Tổ chức thực hiện", blind43): the
# articles are its sections when they run 1, 2, 3 … with short titles, MIN_NUMBERED_KNOWN of them a known
# section's (a decision's "Điều 1. Ban hành kèm theo Quyết định này …" names none), and no Roman numeral
# is printed.
_ARTICLE = re.compile(r"^điều\s+(\d{1,2})\s*[.:]\s*(?=\S)", re.IGNORECASE)


def article_sections(lines: list[Line], end: int) -> list[_Candidate]:
    """The articles before `end` that are the plan's sections, else []."""
    found: list[_Candidate] = []
    for at in range(end):
        m = _ARTICLE.match(lines[at].text)
        if m is None or m.group(1) != str(len(found) + 1):
            continue
        rest = lines[at].text[m.end():].strip()
        if len(rest.split()) <= TITLE_MAX_WORDS and not rest.endswith((".", ";", ",")):
            found.append(_make(at, m.group(0).strip(), rest, EVIDENCE_STRICT_CAPS, {len(found) + 1: Reading.exact},
                               True, upper_share(rest) >= TITLE_CAPS))
    known = sum(c.kind is not SectionKind.other for c in found)
    return found if len(found) >= MIN_LABELLED_SECTIONS and known >= MIN_NUMBERED_KNOWN else []


# "PHẦN I" / "PHẦN II" (or "Phần thứ nhất" / "Phần thứ hai"): when at least this many parts are printed
# in order, the parts are the sections and the Roman headings inside them their subsections, even
# when each part numbers its own from I again (a Party committee's "PHẦN I. KẾT QUẢ NĂM 2025" with
# "I." "II." inside, then "PHẦN II. NHIỆM VỤ NĂM 2026" with "I." "II." "III.").
MIN_PART_SECTIONS = 2


def part_sections(lines: list[Line], end: int) -> list[_Candidate]:
    """The part headings ("PHẦN I.", "Phần thứ hai") before `end`, numbered in order, else []."""
    found: list[_Candidate] = []
    for at in range(end):
        if not (_PART.match(lines[at].key) or _PART_ORDINAL.match(lines[at].key)):
            continue
        cand = candidate(lines, at)
        if cand is not None and cand.readings.get(len(found) + 1) is Reading.exact:
            found.append(replace(cand, readings={len(found) + 1: Reading.exact}))
    if len(found) < MIN_PART_SECTIONS:
        return []
    # Only where the parts number their own sections from I again: "PHẦN I. MỤC ĐÍCH", "PHẦN II. NỘI
    # DUNG", then "III. HÌNH THỨC" is one sequence of sections, read by the path as usual.
    # The first Roman numeral after the second part says it: below the parts' count where the numbering
    # starts again ("I." read "IL." or "II." on a scan still leaves the next below), the next part's
    # number where the parts and the headings are one sequence.
    restarts = any((m := parse_marker(lines[at])) is not None and m.kind is MarkerKind.roman and m.label == "I"
                   for at in range(found[0].at + 1, end))
    after = next(((roman_value(m.label) for at in range(found[1].at + 1, end)
                   if (m := parse_marker(lines[at])) is not None and m.kind is MarkerKind.roman)), None)
    return found if restarts or (after is not None and after <= len(found)) else []


# How far down the first lines the national title or the motto is looked for.
TITLE_REACH = 40


def _below_the_national_title(lines: list[Line], end: int) -> int:
    """The first line that may open a section: none stands above the national title or the motto. A
    paperclip over the top edge read "II" and "&" above the header of blind38's folded scan, and the
    plan's header was read as section II's."""
    for i, line in enumerate(lines[:min(end, TITLE_REACH)]):
        if MOTTO in line.key or any(title in line.key for title in NATIONAL_TITLES):
            return i
    return 0


def section_candidates(lines: list[Line], end: int) -> tuple[list[_Candidate], Issue | None]:
    """The lines before `end` that may open a section, and the issue saying so when the sections
    are labelled otherwise than by Roman numerals (letters, or figures with no Roman numeral)."""
    parts = part_sections(lines, end)
    if parts:
        return parts, None
    lettered = lettered_sections(lines, end)
    if lettered:
        return lettered, Issue("sections_lettered", f"sections lettered A.–{chr(ord('A') + len(lettered) - 1)}. "
                               f"numbered I–{to_roman(len(lettered))} by their place; the Roman headings inside "
                               "them are their parts", lines[lettered[0].at])
    candidates = [c for i in range(_below_the_national_title(lines, end), end) if (c := candidate(lines, i))
                  is not None]
    # A title without numeral whose kind a printed heading has ("KINH PHÍ" in capitals where
    # "IV. KINH PHÍ" is printed) is a line of a section, not a section of its own.
    printed_kinds = {c.kind for c in candidates if c.strict and c.caps}
    candidates = [c for c in candidates if c.readings or c.kind not in printed_kinds]
    numbered = [] if any(c.strict for c in candidates) else numbered_sections(lines, end)
    if numbered:
        return numbered, Issue("sections_numbered", f"sections numbered 1.–{len(numbered)}. in figures, no Roman "
                               f"numeral printed: taken as I–{to_roman(len(numbered))}", lines[numbered[0].at])
    articles = [] if any(c.strict for c in candidates) else article_sections(lines, end)
    if articles:
        return articles, Issue("sections_numbered", f"sections written as articles Điều 1.–{len(articles)}.: taken "
                               f"as I–{to_roman(len(articles))}", lines[articles[0].at])
    return candidates, None


def section_path(candidates: list[_Candidate]) -> list[tuple[_Candidate, int, Reading | None]]:
    """The best numbering of the candidates: (candidate, value, how it was read) for those taken."""
    # best[value] = (score of the best path ending with that value, its candidate index, the value
    # before it, reading); pointers per candidate let the path be read back.
    best_by_value: dict[int, tuple[float, int]] = {}
    back: dict[tuple[int, int], tuple[int, int] | None] = {}
    reading_of: dict[tuple[int, int], Reading | None] = {}
    top: tuple[float, tuple[int, int] | None] = (0.0, None)
    for k, cand in enumerate(candidates):
        updates: dict[int, tuple[float, int]] = {}
        options: list[tuple[int, Reading | None]]
        if cand.readings:
            options = list(cand.readings.items())
        else:  # a lost numeral takes the value after any value already reached, or I when it may be first
            options = [(v + 1, None) for v in best_by_value]
            options += [(1, None)] if cand.first_kind else []
        for value, reading in options:
            gain = cand.evidence - (READING_COST[reading] if reading is not None else 0)
            if cand.evidence >= EVIDENCE_STRICT_CAPS:
                gain += COST_LEFT_OUT
            # Only a numeral read as printed may break the sequence; going back, only before capitals.
            jumps = cand.strict and reading is not Reading.edit
            choices: list[tuple[float, tuple[int, int] | None]] = []
            if value == 1 or jumps:
                choices.append((-(COST_GAP if value != 1 else 0), None))
            for previous, (score, j) in best_by_value.items():
                if not candidates[j].readings:
                    score += EVIDENCE_BARE_FOLLOWED
                if value == previous + 1:
                    choices.append((score, (j, previous)))
                elif jumps and (value > previous or cand.caps):
                    cost = COST_GAP if value > previous else COST_REPEAT if value == previous else COST_BACK
                    choices.append((score - cost, (j, previous)))
            if not choices:
                continue
            score, pointer = max(choices, key=lambda c: c[0])
            score += gain
            if value not in updates or score > updates[value][0]:
                updates[value] = (score, k)
                back[(k, value)] = pointer
                reading_of[(k, value)] = reading
        for value, (score, k2) in updates.items():
            if value not in best_by_value or score > best_by_value[value][0]:
                best_by_value[value] = (score, k2)
            if score > top[0]:
                top = (score, (k2, value))
    path: list[tuple[_Candidate, int, Reading | None]] = []
    node = top[1]
    while node is not None:
        k, value = node
        path.append((candidates[k], value, reading_of[node]))
        node = back[node]
    path.reverse()
    # A closing title without numeral taken at the end where a section of its kind was already read
    # is a line of that section ("TỔ CHỨC THỰC HIỆN" in capitals inside section V).
    while (path and path[-1][2] is None and len(path) > 1
           and any(step[0].kind is path[-1][0].kind for step in path[:-1])):
        path.pop()
    return path


def section_issue(cand: _Candidate, value: int, reading: Reading | None, previous: int,
                   line: Line) -> Issue | None:
    numeral = to_roman(value)
    if reading is None:
        return Issue("numeral_repaired", f"section heading '{cand.rest}' printed without a numeral taken as "
                     f"{numeral} (sequence and title)", line)
    if reading is not Reading.exact:
        return Issue("numeral_repaired", f"section heading read as '{cand.printed}' taken as {numeral} "
                     f"(sequence and title)", line)
    if value != previous + 1:
        return Issue("numbering_gap", f"section {numeral} follows "
                     f"{to_roman(previous) if previous else 'nothing'}; kept as printed", line)
    return None
