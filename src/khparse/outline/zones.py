"""Where the zones of a document begin: the tail (closing, Nơi nhận, signature) and the appendix."""

from __future__ import annotations

from khparse.cues import APPENDIX, APPENDIX_HEADING_MAX_WORDS, AUTHORITY, CLOSING, END_OF_TEXT, RECIPIENTS
from khparse.lines import Line
from khparse.markers import parse_marker
from khparse.outline.paragraphs import TERMINAL


def tail_start(lines: list[Line], start: int) -> int:
    """Index of the closing sentence, or of 'Nơi nhận' / the signature when there is none."""
    for i in range(start, len(lines)):
        key = lines[i].key
        if CLOSING.match(key):
            return i
        if RECIPIENTS.match(key) or (key == "noi" and i + 1 < len(lines)
                                                     and lines[i + 1].key.startswith("nh")):
            return _closing_paragraph(lines, start, i)
    for i in range(len(lines) - 1, start - 1, -1):  # no closing words: a signature block
        if AUTHORITY.match(lines[i].key) and lines[i].text[:2].isupper():
            return i
    return len(lines)


def _closing_paragraph(lines: list[Line], start: int, recipients: int) -> int:
    """Where a closing paragraph without "Trên đây là" ends in "./." just before "Nơi nhận"."""
    j = recipients - 1
    if j < start or not END_OF_TEXT.search(lines[j].text):
        return recipients
    while j > start and not lines[j].blank_before and not TERMINAL.search(lines[j - 1].text) \
            and parse_marker(lines[j]) is None:
        j -= 1
    return j if parse_marker(lines[j]) is None else recipients


def appendix_start(lines: list[Line], start: int) -> int:
    for i in range(start, len(lines)):
        text = lines[i].text
        if APPENDIX.match(lines[i].key) and (text[:3].isupper() or len(text.split()) <= APPENDIX_HEADING_MAX_WORDS):
            return i
    return len(lines)
