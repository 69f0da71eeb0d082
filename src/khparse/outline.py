"""Stage `outline`: lines → paragraphs (wrapped lines rejoined) → the heading tree of each section.

The document is cut into zones: `front` (header, title, legal basis, preamble), one zone per Roman
section, `tail` (closing sentence, recipients, signature) and `appendix` (Phụ lục).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from khparse.fold import fold
from khparse.headings import is_basis_title, section_kind
from khparse.lines import Line, document_lines, upper_share
from khparse.markers import (
    Marker,
    MarkerKind,
    Reading,
    heading_head,
    loose_number,
    loose_roman,
    numeral_readings,
    parse_marker,
    roman_value,
    to_roman,
)
from khparse.model import SectionKind

# Sentence-final punctuation: a line ending so, followed by one starting with a capital, starts a
# new paragraph; otherwise a line continues the paragraph above it (it was wrapped).
_TERMINAL = re.compile(r"""[.;:!?]["'”»)]*$|\./\.$""")
# "… 194/KH-" + "UBND …": a document symbol broken at its hyphen or slash joins without a space.
_BROKEN_SYMBOL = re.compile(r"[A-ZĐ0-9][/-]$")
_LETTER_SEQUENCES = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")
_OCR_LETTER_CONFUSIONS = {("d", "đ"), ("c", "e"), ("e", "c"), ("l", "i"), ("i", "l"), ("q", "g"), ("b", "h")}
# "¢" is English-model OCR's reading of c, and of đ too (a stroked letter): after d) it is đ).
_GLYPH_LETTER_CONFUSIONS = {("¢", "đ")}


@dataclass
class Block:
    """A paragraph: the lines it was rejoined from and the marker it starts with, if any."""

    lines: list[Line]
    marker: Marker | None
    text: str

    @property
    def first(self) -> Line:
        return self.lines[0]

    def add(self, line: Line) -> None:
        joiner = "" if _BROKEN_SYMBOL.search(self.text[-3:]) and line.text[:1].isupper() else " "
        self.text = f"{self.text}{joiner}{line.text}"
        self.lines.append(line)


@dataclass
class OutlineNode:
    kind: str  # "subsection" | "item" | "paragraph"
    label: str  # number, letter, "-" or "+"; "" for paragraphs
    text: str
    line: Line
    children: list[OutlineNode] = field(default_factory=list)


@dataclass
class SectionTree:
    numeral: str
    title: str
    line: Line
    children: list[OutlineNode]
    blocks: list[Block]


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    line: Line | None


@dataclass
class Outline:
    front: list[Line]
    sections: list[SectionTree]
    tail: list[Line]
    appendix: list[Line]
    issues: list[Issue]
    width: int = 0  # full line width, for rejoining paragraphs of the other zones


def _starts_upper(text: str) -> bool:
    first = text.lstrip("\"'“(«")[:1]
    return first.isupper() or first.isdigit()


def line_width(lines: Iterable[Line]) -> int:
    """The width of a full line of this document: a wrapped paragraph fills it, a last line or a
    heading does not. The 90th percentile of line lengths, in characters."""
    lengths = sorted(len(line.text) for line in lines if line.text.count(" ") >= 4)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _continues(block: Block, line: Line, marker: Marker | None, width: int) -> bool:
    """Whether `line` is the wrapped continuation of `block` rather than a new paragraph."""
    tail = block.text[-8:]  # the patterns are anchored at the end: no need to scan the paragraph
    ended = bool(_TERMINAL.search(tail))
    if marker is not None:
        # "- 2030; …" after "giai đoạn 2021" is a wrapped range, not a bullet; a number or a
        # bullet followed by a lower-case word after an unfinished sentence is wrapped text too.
        if ended or marker.kind in (MarkerKind.roman, MarkerKind.letter):
            return False
        if marker.rest[:1].isdigit() or marker.rest[:1].islower():
            return True
        # "Trung tâm Phục vụ\n- Kiểm soát TTHC": where bullets are set apart by blank lines, a dash
        # at the start of an unbroken line after an unfinished sentence is a wrapped hyphen.
        return (marker.kind is MarkerKind.bullet and not line.blank_before
                and block.marker is not None and block.marker.kind is MarkerKind.bullet
                and block.first.blank_before)
    if line.blank_before and line.text.startswith("("):  # "(Có Phụ lục … kèm theo)" set apart
        return False
    if _BROKEN_SYMBOL.search(tail) or not _starts_upper(line.text):
        return True
    if ended:
        return False
    # A line that stops well short of the full width ended its paragraph ("4. Văn phòng HĐND và
    # UBND huyện" / "Chỉ đạo …"); so did a short heading before a blank line.
    if width and len(block.lines[-1].text) < 0.7 * width:
        return False
    heading_like = len(block.lines) == 1 and len(block.text.split()) <= 15 and block.marker is not None
    return not (line.blank_before and heading_like)


def paragraphs(lines: Iterable[Line], width: int = 0, markers: dict[Line, Marker | None] | None = None) -> list[Block]:
    """Rejoin wrapped lines into paragraphs; `width` is the document's full line width; `markers`
    overrides what a line starts with where the sequence read a misread number."""
    blocks: list[Block] = []
    for line in lines:
        marker = markers[line] if markers and line in markers else parse_marker(line)
        if blocks and _continues(blocks[-1], line, marker, width):
            blocks[-1].add(line)
        else:
            blocks.append(Block([line], marker, marker.rest if marker else line.text))
    return blocks


def tail_start(lines: list[Line], start: int) -> int:
    """Index of the closing sentence, or of 'Nơi nhận' / the signature when there is none."""
    for i in range(start, len(lines)):
        key = lines[i].key
        if re.match(r"^tren day\b", key):
            return i
        if re.match(r"^noi\s*nh\w{1,3}\b", key) or (key == "noi" and i + 1 < len(lines)
                                                     and lines[i + 1].key.startswith("nh")):
            return _closing_paragraph(lines, start, i)
    for i in range(len(lines) - 1, start - 1, -1):  # no closing words: a signature block
        if re.match(r"^(tm|kt|tl|tuq|q)\s*\.\s*\S", lines[i].key) and lines[i].text[:2].isupper():
            return i
    return len(lines)


def _closing_paragraph(lines: list[Line], start: int, recipients: int) -> int:
    """Where a closing paragraph without "Trên đây là" ends in "./." just before "Nơi nhận"."""
    j = recipients - 1
    if j < start or not re.search(r"\./\.?$", lines[j].text):
        return recipients
    while j > start and not lines[j].blank_before and not _TERMINAL.search(lines[j - 1].text) \
            and parse_marker(lines[j]) is None:
        j -= 1
    return j if parse_marker(lines[j]) is None else recipients


def _appendix_start(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text
        if re.match(r"^(phu luc|bieu mau)\b", lines[i].key) and (text[:3].isupper() or len(text.split()) <= 8):
            return i
    return len(lines)


def next_letter(previous: str | None) -> set[str]:
    if previous is None:
        return {"a"}
    out = set()
    for sequence in _LETTER_SEQUENCES:
        if previous in sequence and sequence.index(previous) + 1 < len(sequence):
            out.add(sequence[sequence.index(previous) + 1])
    return out


def _letter_label(marker: Marker, previous: str | None, following: str | None, line: Line,
                  issues: list[Issue]) -> str:
    """The letter of an item from the sequence: "d)" after d) is đ), "e)" after b) is c); a letter
    the next item contradicts ("e)" after b) before f)) is a real gap, kept as printed."""
    folded = marker.label
    expected = next_letter(previous)
    if folded in expected:
        return folded
    glyph = marker.printed[:1]
    # Vietnamese plans run a b c d đ e: đ is tried before e.
    for want in sorted(expected, key=lambda letter: (letter != "đ", letter)):
        confused = (folded, want) in _OCR_LETTER_CONFUSIONS or (glyph, want) in _GLYPH_LETTER_CONFUSIONS
        if confused and (following is None or following == folded or following in next_letter(want)
                         or any((following, after) in _OCR_LETTER_CONFUSIONS for after in next_letter(want))):
            if fold(glyph) != fold(want):  # "d)" for đ) is the letter without its stroke, as typed too
                issues.append(Issue("numeral_repaired", f"item read as '{marker.printed})' taken as {want}) "
                                    "(sequence)", line))
            return want
    issues.append(Issue("numbering_gap", f"item {folded}) follows {previous or 'nothing'}), "
                        f"expected {' or '.join(sorted(expected))})", line))
    return folded


_LEVEL_BULLET = {"-": 20, "+": 21}


def _level(node_kind: str, label: str) -> int:
    if node_kind == "subsection":
        return label.count(".") + 1
    if node_kind == "item":
        return _LEVEL_BULLET.get(label, 10)
    return 30


def build_tree(blocks: list[Block], issues: list[Issue]) -> list[OutlineNode]:
    root: list[OutlineNode] = []
    stack: list[tuple[int, OutlineNode]] = []
    last_number: dict[int, str] = {}  # per container id: the last subsection number
    last_letter: dict[int, str] = {}

    def children_of(depth_stack: list[tuple[int, OutlineNode]]) -> list[OutlineNode]:
        return depth_stack[-1][1].children if depth_stack else root

    # The letter of the next item of the same list (a numbered subsection ends the list).
    following: list[str | None] = []
    upcoming: str | None = None
    for block in reversed(blocks):
        following.append(upcoming)
        if block.marker is not None and block.marker.kind is MarkerKind.letter:
            upcoming = block.marker.label
        elif block.marker is not None and block.marker.kind is MarkerKind.number:
            upcoming = None
    following.reverse()

    for n, block in enumerate(blocks):
        marker = block.marker
        if marker is None:
            while stack and stack[-1][0] >= 20:  # a paragraph after bullets belongs above them
                stack.pop()
            children_of(stack).append(OutlineNode("paragraph", "", block.text, block.first))
            continue
        kind = "subsection" if marker.kind is MarkerKind.number else "item"
        level = _level(kind, marker.label)
        while stack and stack[-1][0] >= level:
            stack.pop()
        container = children_of(stack)
        key = id(container)
        label = marker.label
        if marker.kind is MarkerKind.letter:
            label = _letter_label(marker, last_letter.get(key), following[n], block.first, issues)
            last_letter[key] = label
        elif marker.kind is MarkerKind.number:
            _check_number(label, last_number.get(key), block.first, issues)
            last_number[key] = label
        node = OutlineNode(kind, label, block.text.rstrip(":").strip() if kind == "subsection" else block.text,
                           block.first)
        container.append(node)
        stack.append((level, node))
    return root


def _check_number(label: str, previous: str | None, line: Line, issues: list[Issue]) -> None:
    parts = label.split(".")
    if previous is None:
        expected = [*parts[:-1], "1"]
    else:
        prev_parts = previous.split(".")
        expected = [*prev_parts[:-1], str(int(prev_parts[-1]) + 1)]
    if parts != expected and not (previous is None and len(parts) > 1):
        issues.append(Issue("numbering_gap", f"{label}. follows {previous + '.' if previous else 'nothing'}, "
                            f"expected {'.'.join(expected)}.; kept as printed", line))


def _section_title(first: str, lines: list[Line], at: int, end: int) -> tuple[str, int]:
    """A section title with its wrapped upper-case continuation ("NỘI DUNG, HÌNH THỨC" / "TUYÊN TRUYỀN")."""
    title = first
    while (at < end and not _TERMINAL.search(title) and parse_marker(lines[at]) is None
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
COST_BACK = 8  # a printed numeral that goes back or repeats (II after III): kept, but rarely right
# What looks like a section title: mostly capitals, a few words (a caption or a sentence is longer;
# long titles run to about 13: "NỘI DUNG THÔNG TIN, TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TẠI SỞ NỘI VỤ").
TITLE_CAPS = 0.85
TITLE_MAX_WORDS = 15
# Kinds a first section has ("MỤC ĐÍCH, YÊU CẦU"; a basis title "CĂN CỨ …" too): a capitals line of another kind
# before section II is more likely the plan's own title block than section I with its numeral lost.
_FIRST_KINDS = {SectionKind.purpose_requirements}


@dataclass(frozen=True)
class _Candidate:
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
_PART_ORDINAL = re.compile(
    r"^(?:phan|chuong)\s+(?:thu\s+)?(nhat|mot|hai|ba|tu|nam|sau|bay|tam|chin|muoi|[ivx]{1,4})\s*[.:]?$")
_ORDINALS = {"nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
             "muoi": 10}


def _known_title(title: str) -> bool:
    return section_kind(title) is not SectionKind.other or is_basis_title(title)


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


def _candidate(lines: list[Line], at: int) -> _Candidate | None:
    line = lines[at]
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
        known = _known_title(rest) and words <= TITLE_MAX_WORDS and rest[:1].isupper()
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
    set_apart = line.blank_before or bool(_TERMINAL.search(previous))
    if (set_apart and upper_share(previous) < TITLE_CAPS and upper_share(text) >= TITLE_CAPS
            and 2 <= words <= TITLE_MAX_WORDS and _known_title(text)):
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


def _section_path(candidates: list[_Candidate]) -> list[tuple[_Candidate, int, Reading | None]]:
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
                    choices.append((score - (COST_GAP if value > previous else COST_BACK), (j, previous)))
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


def _section_issue(cand: _Candidate, value: int, reading: Reading | None, previous: int,
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


# --- subsection numbers misread ("l.", "Z.", "3,"): read where the numbers around make them certain


def _number_markers(lines: list[Line], issues: list[Issue]) -> dict[Line, Marker | None]:
    """Lines of a section body whose misread subsection number the sequence reads: "Z." between
    "1." and "3."; the first "l." before "2."; the last "3," after "2." at the end of the section.
    A number printed out of sequence (1, 2, 3, 5) is not touched: only unreadable ones are read."""
    numbered = [(i, int(m.label)) for i, line in enumerate(lines)
                if (m := parse_marker(line)) is not None and m.kind is MarkerKind.number and m.label.isdigit()]
    loose: dict[int, tuple[str, int, str]] = {}
    for i, line in enumerate(lines):
        marker = parse_marker(line)
        if marker is not None and not (marker.kind is MarkerKind.roman and marker.label == "I"):
            continue
        read = loose_number(line.text)
        if read is None or not read[2][:1].isupper():
            continue
        if line.blank_before or i == 0 or _TERMINAL.search(lines[i - 1].text):
            loose[i] = read
    # Misread numbers next to each other ("l." then "Z.") confirm each other.
    sequence = sorted([*numbered, *((i, read[1]) for i, read in loose.items())])
    out: dict[Line, Marker | None] = {}
    for n, (i, value) in enumerate(sequence):
        if i not in loose:
            continue
        before = sequence[n - 1][1] if n else None
        after = sequence[n + 1][1] if n + 1 < len(sequence) else None
        if (before or 0) + 1 != value or not (after == value + 1 or (after is None and before is not None)):
            continue
        printed, _, rest = loose[i]
        out[lines[i]] = Marker(MarkerKind.number, str(value), rest, garbled=True, printed=printed)
        issues.append(Issue("numeral_repaired", f"subsection number read as '{printed}' taken as {value}. "
                            "(sequence)", lines[i]))
    return out


def build_outline(pages: Iterable[tuple[int, str]]) -> Outline:
    lines = document_lines(pages)
    width = line_width(lines)
    issues: list[Issue] = []
    printed = [i for i, line in enumerate(lines)
               if (m := parse_marker(line)) is not None and m.kind is MarkerKind.roman]
    tail_at = tail_start(lines, printed[0] if printed else 0) if lines else 0
    candidates = [c for i in range(tail_at) if (c := _candidate(lines, i)) is not None]
    # A title without numeral whose kind a printed heading has ("KINH PHÍ" in capitals where
    # "IV. KINH PHÍ" is printed) is a line of a section, not a section of its own.
    printed_kinds = {c.kind for c in candidates if c.strict and c.caps}
    candidates = [c for c in candidates if c.readings or c.kind not in printed_kinds]
    path = _section_path(candidates)
    if path:
        tail_at = tail_start(lines, path[0][0].at)
        path = [step for step in path if step[0].at < tail_at]
    appendix_at = _appendix_start(lines, tail_at)
    sections: list[SectionTree] = []
    previous = 0
    for n, (cand, value, reading) in enumerate(path):
        end = path[n + 1][0].at if n + 1 < len(path) else tail_at
        line = lines[cand.at]
        issue = _section_issue(cand, value, reading, previous, line)
        if issue is not None:
            issues.append(issue)
        previous = value
        head = heading_head(cand.rest)
        title, body_from = _section_title(head, lines, cand.at + cand.spans, end)
        body = lines[body_from:end]
        if head != cand.rest:  # the items that ran on after the title: the section's first line
            items = cand.rest[len(head):].strip(" -–:")
            body = [replace(line, text=items, raw=items, key=fold(items), blank_before=True), *body]
        blocks = paragraphs(body, width, _number_markers(body, issues))
        sections.append(SectionTree(to_roman(value), title, line, build_tree(blocks, issues), blocks))
    first = path[0][0].at if path else len(lines)
    return Outline(
        front=lines[:first],
        sections=sections,
        tail=lines[tail_at:appendix_at] if path else lines[max(first, tail_at) : appendix_at],
        appendix=lines[appendix_at:],
        issues=issues,
        width=width,
    )
