"""Two columns tesseract read as one paragraph, read again each on its own.

A plan's tail prints the recipients ("Nơi nhận:" in small italics, then lines of 12 pt) beside the
signature block (bold capitals of 13-14 pt). Their lines stand at different pitches, and tesseract
may take both columns for one paragraph, pair a small line with a big one and read the small words
as junk: on blind45's colour scan "Nơi nhận:" came out "sai TH: cảng:" (confidence 14-16) and
"- Bộ CHQS tỉnh (b/c);" as "- Bộ tỉn C}:", bare tesseract alike, where the column cropped alone
reads right. So a paragraph whose words part at a gutter (no word across it, GUTTER_HEIGHTS letter
heights wide) and that holds a word read as junk (confidence below JUNK_BELOW) on its left side (the
recipients') has that side read again from its crop as a block of lines (--psm 6); the side takes
that reading where its words are read more surely on the mean. A page without such a paragraph costs
nothing more.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from statistics import fmean, median

from PIL import Image

from khparse.read.engine import OcrEngine, OcrPage
from khparse.read.layout import Word

# A word read with less confidence than this (0-100) is junk: a line misread, not a letter doubted
# (ocr_marks doubts words below 85; the junk of a paired line reads 5-30).
JUNK_BELOW = 30.0
# The gap between a tail's columns: wider than this many letter heights, where words of one column
# stand one or two spaces (less than a letter height) apart.
GUTTER_HEIGHTS = 3.0
# The crop around a side's words, in letter heights: room for the marks above the first line.
CROP_MARGIN = 0.6
# A side of a paragraph is a column of its own with words on at least this many lines.
MIN_SIDE_LINES = 2
# How much more surely (mean confidence, 0-100) a side must read alone to take that reading: the left side
# (the recipients') any more; the signature's side, which holds a seal's ring and a pen's strokes, by
# RIGHT_GAIN: read again with them, blind26's G4 tail read "TM." "BAN" (confidence 0, right) as "-_TM."
# "BAÑ" and the strokes as words (38 → 48 on the mean) and moved its lines, where blind48's seals over
# the title read right alone (+20 and more).
RIGHT_GAIN = 15.0
GAIN = (0.0, RIGHT_GAIN)


def _letters(word: Word) -> bool:
    return any(c.isalnum() for c in word.text)


# A word of junk has letters: one letter or digit alone ("7", "h" beside a seal) is a speck, which the
# specks' rules take away; re-reading a column for it cost blind26 its tail's layout.
JUNK_LETTERS = 2


def _junk(word: Word) -> bool:
    return word.confidence is not None and word.confidence < JUNK_BELOW \
        and sum(c.isalnum() for c in word.text) >= JUNK_LETTERS


def _gutter(words: list[Word], width: float) -> tuple[float, float] | None:
    """The widest gap across `words` that no word's box crosses, at least `width` wide."""
    spans = sorted((w.x0, w.x1) for w in words)
    best: tuple[float, float] | None = None
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    return best


def _mean_confidence(words: list[Word]) -> float:
    read = [w.confidence or 0.0 for w in words if _letters(w)]
    return fmean(read) if read else 0.0


def reread_columns(page: OcrPage, image: Image.Image, engine: OcrEngine, *, dpi: int | None, timeout: float,
                   name: str, number: int) -> OcrPage:
    """`page` with the left column of a two-column paragraph that holds junk there read again on its
    own, where that reads better."""
    words = page.words
    paragraphs: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        if word.line is not None and len(word.line) > 1:
            paragraphs[word.line[:-1]].append(i)
    dropped: set[int] = set()
    added: dict[int, list[Word]] = {}  # a column's new words, in place of its first old word
    for key, members in paragraphs.items():
        found = [words[i] for i in members]
        if not any(_junk(w) for w in found) or len({w.line for w in found}) < MIN_SIDE_LINES:
            continue
        height = median(w.bottom - w.top for w in found)
        gutter = _gutter(found, GUTTER_HEIGHTS * height)
        if gutter is None:
            continue
        for side, (left, right) in enumerate(((0.0, gutter[0]), (gutter[1], float(image.width)))):
            own = [i for i in members if words[i].x0 >= left and words[i].x1 <= right]
            if not any(_junk(words[i]) for i in own) or len({words[i].line for i in own}) < MIN_SIDE_LINES:
                continue
            margin = CROP_MARGIN * height
            x0 = int(max(left, min(words[i].x0 for i in own) - margin))
            y0 = int(max(0.0, min(words[i].top for i in own) - margin))
            x1 = int(min(right, max(words[i].x1 for i in own) + margin))
            y1 = int(min(float(image.height), max(words[i].bottom for i in own) + margin))
            again = engine.recognise(image.crop((x0, y0, x1, y1)), dpi=dpi, timeout=timeout, name=name,
                                     page=number, block=True).words
            if not again or _mean_confidence(list(again)) <= _mean_confidence([words[i] for i in own]) + GAIN[side]:
                continue
            dropped.update(own)
            # Lines of their own: under the paragraph's key, one run per side (the crop's own page
            # number left out).
            added[own[0]] = [replace(w, x0=w.x0 + x0, x1=w.x1 + x0, top=w.top + y0, bottom=w.bottom + y0,
                                     line=(*key, side + 1, *w.line[1:]) if w.line else None) for w in again]
    if not dropped:
        return page
    out: list[Word] = []
    for i, word in enumerate(words):
        out += added.get(i, [])
        if i not in dropped:
            out.append(word)
    return replace(page, words=tuple(out))
