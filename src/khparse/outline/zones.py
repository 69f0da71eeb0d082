"""Where the zones of a document begin: the tail (closing, Nơi nhận, signature) and the appendix."""

from __future__ import annotations

import re

from khparse.lines import Line
from khparse.markers import parse_marker
from khparse.outline.paragraphs import TERMINAL


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
    while j > start and not lines[j].blank_before and not TERMINAL.search(lines[j - 1].text) \
            and parse_marker(lines[j]) is None:
        j -= 1
    return j if parse_marker(lines[j]) is None else recipients


def appendix_start(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text
        if re.match(r"^(phu luc|bieu mau)\b", lines[i].key) and (text[:3].isupper() or len(text.split()) <= 8):
            return i
    return len(lines)
