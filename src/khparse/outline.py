"""Stage `outline`: lines → paragraphs (wrapped lines rejoined) → the heading tree of each section.

The document is cut into zones: `front` (header, title, legal basis, preamble), one zone per Roman
section, `tail` (closing sentence, recipients, signature) and `appendix` (Phụ lục).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from khparse.lines import Line, document_lines, upper_share
from khparse.markers import Marker, MarkerKind, parse_marker, roman_value, to_roman

# Sentence-final punctuation: a line ending so, followed by one starting with a capital, starts a
# new paragraph; otherwise a line continues the paragraph above it (it was wrapped).
_TERMINAL = re.compile(r"""[.;:!?]["'”»)]*$|\./\.$""")
# "… 194/KH-" + "UBND …": a document symbol broken at its hyphen or slash joins without a space.
_BROKEN_SYMBOL = re.compile(r"[A-ZĐ0-9][/-]$")
_LETTER_SEQUENCES = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")
_OCR_LETTER_CONFUSIONS = {("d", "đ"), ("c", "e"), ("e", "c"), ("l", "i"), ("i", "l"), ("q", "g"), ("b", "h")}


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


def paragraphs(lines: Iterable[Line], width: int = 0) -> list[Block]:
    """Rejoin wrapped lines into paragraphs; `width` is the document's full line width."""
    blocks: list[Block] = []
    for line in lines:
        marker = parse_marker(line)
        if blocks and _continues(blocks[-1], line, marker, width):
            blocks[-1].add(line)
        else:
            blocks.append(Block([line], marker, marker.rest if marker else line.text))
    return blocks


def _is_section_heading(line: Line) -> bool:
    marker = parse_marker(line)
    return marker is not None and marker.kind is MarkerKind.roman


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


def _letter_label(folded: str, previous: str | None, line: Line, issues: list[Issue]) -> str:
    expected = next_letter(previous)
    if folded in expected:
        return folded
    for want in sorted(expected):
        if (folded, want) in _OCR_LETTER_CONFUSIONS:
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

    for block in blocks:
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
            label = _letter_label(label, last_letter.get(key), block.first, issues)
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


def build_outline(pages: Iterable[tuple[int, str]]) -> Outline:
    lines = document_lines(pages)
    width = line_width(lines)
    issues: list[Issue] = []
    starts = [i for i, line in enumerate(lines) if _is_section_heading(line)]
    first = starts[0] if starts else len(lines)
    tail_at = tail_start(lines, first if starts else 0) if lines else 0
    appendix_at = _appendix_start(lines, tail_at)
    starts = [i for i in starts if i < tail_at]
    sections: list[SectionTree] = []
    expected = 1
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else tail_at
        line = lines[start]
        marker = parse_marker(line)
        assert marker is not None
        value = roman_value(marker.label) or 0
        numeral = marker.label
        if value != expected:
            if marker.garbled:
                numeral = to_roman(expected)
            else:
                issues.append(Issue("numbering_gap", f"section {numeral} follows "
                                    f"{to_roman(expected - 1) if expected > 1 else 'nothing'}; kept as printed", line))
        expected = (roman_value(numeral) or expected) + 1
        title, body_from = _section_title(marker.rest, lines, start + 1, end)
        blocks = paragraphs(lines[body_from:end], width)
        sections.append(SectionTree(numeral, title, line, build_tree(blocks, issues), blocks))
    return Outline(
        front=lines[:first],
        sections=sections,
        tail=lines[tail_at:appendix_at] if starts else lines[max(first, tail_at) : appendix_at],
        appendix=lines[appendix_at:],
        issues=issues,
        width=width,
    )
