"""A section's paragraphs → its heading tree (1. / 4.1. / a) / - / +), with misread subsection
numbers and item letters read where the sequence around them makes the reading certain."""

from __future__ import annotations

from khparse.cues import SCAN_SPECKS
from khparse.fold import fold
from khparse.headings import heads_a_section
from khparse.lines import Line
from khparse.markers import (
    Marker,
    MarkerKind,
    loose_number,
    loose_roman,
    numeral_readings,
    parse_marker,
    roman_value,
    to_roman,
)
from khparse.outline.document import Issue, OutlineNode
from khparse.outline.paragraphs import TERMINAL, Block

_LETTER_SEQUENCES = ("abcdđeghiklmnopqrstuvxy", "abcdefghijklmnopqrstuvwxyz")
_OCR_LETTER_CONFUSIONS = {("d", "đ"), ("c", "e"), ("e", "c"), ("l", "i"), ("i", "l"), ("q", "g"), ("b", "h")}
# "¢" is English-model OCR's reading of c, and of đ too (a stroked letter): after d) it is đ).
_GLYPH_LETTER_CONFUSIONS = {("¢", "đ")}


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

    last_roman = 0  # the last Roman heading inside the section (its parts under a PHẦN, or A., B.)
    for n, block in enumerate(blocks):
        marker = block.marker
        if marker is None and last_roman:
            marker = _misread_roman(block, last_roman + 1, issues)
        if marker is not None and marker.kind is MarkerKind.roman:
            last_roman = roman_value(marker.label) or last_roman
        if marker is None:
            while stack and stack[-1][0] >= 20:  # a paragraph after bullets belongs above them
                stack.pop()
            children_of(stack).append(OutlineNode("paragraph", "", block.text, block.first))
            continue
        # A Roman heading inside a section (the sections are lettered A., B.): its parts, above "1.".
        kind = "subsection" if marker.kind in (MarkerKind.number, MarkerKind.roman) else "item"
        level = 0 if marker.kind is MarkerKind.roman else _level(kind, marker.label)
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


def _misread_roman(block: Block, want: int, issues: list[Issue]) -> Marker | None:
    """The next Roman heading inside a section read through an OCR confusion ("HI. TỔ CHỨC THỰC HIỆN"
    after "II." under a PHẦN): taken where the token may be read as the next numeral and its title, in
    capitals, names a section; a warning says what was read."""
    loose = loose_roman(block.text)
    if loose is None:
        return None
    token, rest, _ = loose
    if want not in numeral_readings(token) or not rest.isupper() or not heads_a_section(rest):
        return None
    label = to_roman(want)
    issues.append(Issue("numeral_repaired", f"section heading read as '{token}.' taken as {label} "
                        "(sequence and title)", block.first))
    return Marker(MarkerKind.roman, label, rest, garbled=True, printed=token)


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


# --- subsection numbers misread ("l.", "Z.", "3,"): read where the numbers around make them certain


# What a scan leaves after a line's last stop.
_SPECKS_AFTER_STOP = f" {SCAN_SPECKS}"


def _twins_read(sequence: list[tuple[int, int]]) -> dict[int, int]:
    """{position in `sequence`: the number it stands for} for numbers read twice where the sequence
    misses one beside them: 1, 3, 3, 4 (the first 3 is the 2 a fax's strokes made a 3) and 1, 2,
    2, 4 (the second 2 is the 3). Only a pair that the numbers on both sides make certain."""
    values = [value for _, value in sequence]
    out: dict[int, int] = {}
    for n in range(len(values) - 1):
        value = values[n]
        if values[n + 1] != value:
            continue
        before = values[n - 1] if n else 0
        after = values[n + 2] if n + 2 < len(values) else None
        if before == value - 2 and after in (value + 1, None):
            out[n] = value - 1
        elif before == value - 1 and after == value + 2:
            out[n + 1] = value + 1
    return out


def number_markers(lines: list[Line], issues: list[Issue]) -> dict[Line, Marker | None]:
    """Lines of a section body whose misread subsection number the sequence reads: "Z." between
    "1." and "3."; the first "l." before "2."; the last "3," after "2." at the end of the section;
    a number read twice where one is missing (_twins_read). A number printed out of sequence (1, 2,
    3, 5) is not touched: only unreadable or doubled ones are read."""
    numbered = [(i, int(m.label)) for i, line in enumerate(lines)
                if (m := parse_marker(line)) is not None and m.kind is MarkerKind.number and m.label.isdigit()]
    loose: dict[int, tuple[str, int, str]] = {}
    after_comma: set[int] = set()
    for i, line in enumerate(lines):
        marker = parse_marker(line)
        if marker is not None and not (marker.kind is MarkerKind.roman and marker.label == "I"):
            continue
        read = loose_number(line.text)
        if read is None or not read[2][:1].isupper():
            continue
        # The line above ends a sentence (a speck after its stop aside: "… Quý III/2026. `" on a fax).
        above = lines[i - 1].text.rstrip(_SPECKS_AFTER_STOP) if i else ""
        if line.blank_before or i == 0 or TERMINAL.search(above):
            loose[i] = read
        elif above.endswith(","):
            # A fax reads the stop as a comma as it reads the number's ("… năm học," / "3, Tổ Văn
            # phòng"): such a number is read only between the two numbers around it.
            loose[i] = read
            after_comma.add(i)
    # Misread numbers next to each other ("l." then "Z.") confirm each other.
    sequence = sorted([*numbered, *((i, read[1]) for i, read in loose.items())])
    out: dict[Line, Marker | None] = {}
    for n, value in _twins_read(sequence).items():
        i = sequence[n][0]
        if i in loose:
            loose[i] = (loose[i][0], value, loose[i][2])
        else:
            marker = parse_marker(lines[i])
            assert marker is not None  # a line of `numbered`
            printed = f"{marker.label}."
            out[lines[i]] = Marker(MarkerKind.number, str(value), marker.rest, garbled=True, printed=printed)
            issues.append(Issue("numeral_repaired", f"subsection number read as '{printed}' taken as {value}. "
                                "(sequence)", lines[i]))
        sequence[n] = (i, value)
    for n, (i, value) in enumerate(sequence):
        if i not in loose:
            continue
        before = sequence[n - 1][1] if n else None
        after = sequence[n + 1][1] if n + 1 < len(sequence) else None
        ends = after is None and before is not None and i not in after_comma
        if (before or 0) + 1 != value or not (after == value + 1 or ends):
            continue
        printed, _, rest = loose[i]
        out[lines[i]] = Marker(MarkerKind.number, str(value), rest, garbled=True, printed=printed)
        issues.append(Issue("numeral_repaired", f"subsection number read as '{printed}' taken as {value}. "
                            "(sequence)", lines[i]))
    return out
