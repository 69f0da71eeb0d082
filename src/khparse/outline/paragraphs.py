"""Lines → paragraphs: wrapped lines rejoined, each paragraph with the marker it starts with."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khparse.lines import Line
from khparse.markers import Marker, MarkerKind, parse_marker

# Sentence-final punctuation: a line ending so, followed by one starting with a capital, starts a
# new paragraph; otherwise a line continues the paragraph above it (it was wrapped).
TERMINAL = re.compile(r"""[.;:!?]["'”»)]*$|\./\.$""")
# "… 194/KH-" + "UBND …": a document symbol broken at its hyphen or slash joins without a space.
_BROKEN_SYMBOL = re.compile(r"[A-ZĐ0-9][/-]$")
# First-line indentation (text laid out by pdftotext -layout, a typewritten page): each paragraph's
# first line stands this many spaces further in than its wrapped lines. Judged on the document's
# sure cases (a line starting in lower case after an unfinished one is wrapped; a line starting in
# capitals or with a number or bullet after a finished sentence starts a paragraph), from this many
# of each.
INDENT_STEP = 1
INDENT_EVIDENCE = 5


@dataclass(frozen=True)
class Measure:
    """How a document's paragraphs are laid out: what rejoining wrapped lines needs to know."""

    width: int = 0  # a full line's length in characters (0: unknown)
    indent: int | None = None  # a paragraph's first line is indented this far or more (None: not so)


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



def _starts_upper(text: str) -> bool:
    first = text.lstrip("\"'“(«")[:1]
    return first.isupper() or first.isdigit()


def line_width(lines: Iterable[Line]) -> int:
    """The width of a full line of this document: a wrapped paragraph fills it, a last line or a
    heading does not. The 90th percentile of line lengths, in characters; a table's rows ("| 1 | Rà soát
    … |", a landscape Phụ lục's run twice as wide as the text) are no lines of text."""
    lengths = sorted(len(line.text) for line in lines if line.text.count(" ") >= 4 and not line.text.startswith("|"))
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def indent_of(line: Line) -> int:
    return len(line.raw) - len(line.raw.lstrip(" "))


def first_line_indent(lines: Sequence[Line]) -> int | None:
    """The indentation from which a line starts a paragraph, when the document indents first lines
    (measured on its sure cases, see INDENT_STEP); None when it does not."""
    wrapped: list[int] = []
    starts: list[int] = []
    for above, line in itertools.pairwise(lines):
        if line.blank_before or line.page != above.page:
            continue
        ended = bool(TERMINAL.search(above.text[-8:]))
        marker = parse_marker(line)
        if not ended and line.text[:1].islower() and marker is None:
            wrapped.append(indent_of(line))
        elif ended and (marker is not None or line.text[:1].isupper()):
            starts.append(indent_of(line))
    if len(wrapped) < INDENT_EVIDENCE or len(starts) < INDENT_EVIDENCE:
        return None
    margin, start = _median(wrapped), _median(starts)
    return round(margin + INDENT_STEP) if start >= margin + INDENT_STEP else None


def _median(values: list[int]) -> float:
    """statistics.median, without importing statistics (with random, fractions and decimal: a few
    milliseconds of every `khparse extract`)."""
    ordered, mid = sorted(values), len(values) // 2
    return ordered[mid] if len(values) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def measure(lines: Sequence[Line]) -> Measure:
    return Measure(line_width(lines), first_line_indent(lines))


def _continues(block: Block, line: Line, marker: Marker | None, measure: Measure) -> bool:
    """Whether `line` is the wrapped continuation of `block` rather than a new paragraph."""
    tail = block.text[-8:]  # the patterns are anchored at the end: no need to scan the paragraph
    ended = bool(TERMINAL.search(tail))
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
    # Indented as a first line, while the line above is not wrapped text at the margin of its own
    # paragraph: "3. Đề nghị Ủy ban MTTQ …" / "     Vận động đoàn viên …" (a heading of full width).
    if measure.indent is not None and indent_of(line) >= measure.indent:
        return False
    width = measure.width
    # A line that stops well short of the full width ended its paragraph ("4. Văn phòng HĐND và
    # UBND huyện" / "Chỉ đạo …"); so did a short heading before a blank line.
    if width and len(block.lines[-1].text) < 0.7 * width:
        return False
    heading_like = len(block.lines) == 1 and len(block.text.split()) <= 15 and block.marker is not None
    return not (line.blank_before and heading_like)


def paragraphs(lines: Iterable[Line], measure: Measure | None = None,
               markers: dict[Line, Marker | None] | None = None) -> list[Block]:
    """Rejoin wrapped lines into paragraphs; `measure` is the document's layout (line width, first-line
    indentation); `markers` overrides what a line starts with where the sequence read a misread number."""
    measure = measure or Measure()
    blocks: list[Block] = []
    for line in lines:
        marker = markers[line] if markers and line in markers else parse_marker(line)
        if blocks and _continues(blocks[-1], line, marker, measure):
            blocks[-1].add(line)
        else:
            blocks.append(Block([line], marker, marker.rest if marker else line.text))
    return blocks
