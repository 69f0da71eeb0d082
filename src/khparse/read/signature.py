"""The signer's name read again where a signature crossed it.

The name is printed under the signature, and the pen's strokes run over it, through it, or a seal's
ring beside it: tesseract then reads nothing of the name, or junk ("2 qua" for "Trịnh Thu Hà" under a
loop of ballpoint; blind48 lost six names of twelve so, bare tesseract alike). On a grey or colour
scan the pen's ink is lighter than the print's (strokes 55-110, the name 0-45 on blind48's grey scan):
cut out with only its darkest ink the name reads right. So where a page's signature block (an authority
line "TM./KT./TL./TUQ./Q. …", the capitals under it) has no name under it, the column below the block
is read again as a block of lines (--psm 6) with its lighter ink taken away where the ink falls in two
tones, as it is where it does not; a line there that reads as a name (NAME_WORDS title-case words of
letters, read surely) is taken into the page, in place of what the page read at its place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from statistics import fmean, median

import numpy as np
from PIL import Image

from khparse.cues import AUTHORITY, HONORIFIC, RECIPIENTS
from khparse.fold import fold
from khparse.read.engine import OcrEngine, OcrPage
from khparse.read.layout import WORD_PUNCTUATION, Word

# A name: this many words (a one-letter word "Y", "H" opens Ê Đê and Jrai names; two words are too
# few to tell a name from a signature's strokes read as words: "Đại Sứ" under the stamp of blind48).
NAME_WORDS = (3, 6)
# ...read at least this surely on the mean (0-100); below it a name is doubted and read again.
NAME_SURE = 70.0
# How far below the block a name is looked for, in the block's line heights (a signature's space is 3-5
# lines; a seal and a large signature push the name lower).
NAME_REACH = 9.0
# The crop reaches this share of the block's width beyond each side (a name is centred under the title
# and may be wider).
CROP_SIDE = 0.35
# The two tones of ink: a pen's and the print's means at least this far apart (0-255) for the lighter to go.
TONE_GAP = 40.0


@dataclass(frozen=True)
class _Line:
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (min(w.x0 for w in self.words), min(w.top for w in self.words),
                max(w.x1 for w in self.words), max(w.bottom for w in self.words))


# Words of one OCR line this many letter heights apart stand in two columns ("Nơi nhận:    TL. GIÁM ĐỐC").
COLUMN_GAP_HEIGHTS = 3.0


def _lines(words: tuple[Word, ...]) -> list[_Line]:
    """The OCR lines of `words`, each cut where it crosses from one column to the other."""
    grouped: dict[tuple[int, ...], list[Word]] = defaultdict(list)
    for word in words:
        if word.line is not None and word.text.strip():
            grouped[word.line].append(word)
    out: list[_Line] = []
    for members in grouped.values():
        ordered = sorted(members, key=lambda w: w.x0)
        gap = COLUMN_GAP_HEIGHTS * median(w.bottom - w.top for w in ordered)
        piece = [ordered[0]]
        for word in ordered[1:]:
            if word.x0 - piece[-1].x1 > gap:
                out.append(_Line(tuple(piece)))
                piece = []
            piece.append(word)
        out.append(_Line(tuple(piece)))
    return sorted(out, key=lambda line: line.box[1])


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_name(words: tuple[Word, ...] | list[Word], *, surely: bool = True) -> bool:
    """Title-case words of letters, as many as a name has, read surely (`surely`); a rank or a degree
    before them ("Đại tá", "TS.") is no part of the name (cues.HONORIFIC)."""
    rank = HONORIFIC.match(" ".join(w.text for w in words))
    if rank:
        words = list(words)[len(rank.group(0).split()):]
    cores = [w.text.strip(WORD_PUNCTUATION) for w in words]
    if not NAME_WORDS[0] <= len(cores) <= NAME_WORDS[1]:
        return False
    if not all(_titled(core) for core in cores):
        return False
    return not surely or fmean(w.confidence if w.confidence is not None else 100.0 for w in words) >= NAME_SURE


# A head who signs in his own name has no authority line, his title alone ("HIỆU TRƯỞNG", "GIÁM ĐỐC"):
# a line of capitals naming one, beside or under "Nơi nhận:", on the page's right half.
_HEAD_TITLE = re.compile(r"\b(?:chu tich|giam doc|truong|bi thu|chanh an|chu nhiem|chinh uy)\b")


def _block_start(lines: list[_Line], width: float) -> int | None:
    starts = [k for k, line in enumerate(lines) if AUTHORITY.match(fold(line.text)) and _capitals(line.text)]
    if starts:
        return starts[-1]
    recipients = next((line.box[1] for line in lines if RECIPIENTS.match(fold(line.text))), None)
    if recipients is None:
        return None
    heads = [k for k, line in enumerate(lines) if line.box[1] >= recipients - (line.box[3] - line.box[1])
             and line.box[0] > width / 2 and _capitals(line.text) and _HEAD_TITLE.search(fold(line.text))]
    return heads[0] if heads else None


# The block's lines follow each other within this many line heights (a title under the authority line);
# further down is the signing space.
BLOCK_LINE_GAP = 2.5


def _block(lines: list[_Line], width: float) -> tuple[float, float, float, float] | None:
    """(left, right, bottom, line height) of the page's last signature block: its authority
    line (or a head's title alone) and the capitals under it in the same column; None when the page has
    none."""
    at = _block_start(lines, width)
    if at is None:
        return None
    left, top, right, bottom = lines[at].box
    height = bottom - top
    for line in lines[at + 1:]:
        x0, y0, x1, y1 = line.box
        centre = (x0 + x1) / 2
        if y0 - bottom > BLOCK_LINE_GAP * height or not left - height <= centre <= right + height:
            continue
        if _is_name(line.words):
            break
        if _capitals(line.text):  # a word or two of junk a seal's ring left beside the block is passed over
            left, right, bottom = min(left, x0), max(right, x1), y1
    return left, right, bottom, height


def _dark_only(crop: Image.Image) -> Image.Image:
    """`crop` with its lighter ink made paper where its ink falls in two tones (TONE_GAP apart)."""
    import cv2

    grey = np.asarray(crop.convert("L"))
    paper, _ = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    ink = grey[grey <= paper]  # Otsu's threshold is the darker class's last value
    if ink.size < 50:
        return crop
    split, _ = cv2.threshold(ink.reshape(1, -1), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    dark, light = ink[ink <= split], ink[ink > split]
    if dark.size == 0 or light.size == 0 or float(light.mean()) - float(dark.mean()) < TONE_GAP:
        return crop
    return Image.fromarray(np.where(grey <= split, grey, 255).astype(np.uint8))


def reread_signer(page: OcrPage, image: Image.Image, engine: OcrEngine, *, dpi: int | None, timeout: float,
                  name: str, number: int) -> OcrPage:
    """`page` with the signer's name read again from its crop where the page read none under the block."""
    lines = _lines(page.words)
    block = _block(lines, float(image.width))
    if block is None:
        return page
    left, right, bottom, height = block
    reach = bottom + NAME_REACH * height
    below = [line for line in lines if bottom < line.box[1] <= reach
             and left - height <= (line.box[0] + line.box[2]) / 2 <= right + height]
    # A name the page read, however unsurely, is left to it: read again, "Đỗ Quang Hưng" (a photo's, read
    # unsurely) came out "Đỗ Quảng Hưng".
    if any(_is_name(line.words, surely=False) for line in below):
        return page
    side = CROP_SIDE * (right - left)
    region = (int(max(0.0, left - side)), int(bottom + 0.3 * height), int(min(float(image.width), right + side)),
              int(min(float(image.height), reach)))
    if region[3] - region[1] < 2 * height or region[2] <= region[0]:
        return page
    # The page read part of the name (its first letter lost under a stroke: "han Thị Lệ Thủy"): that line's
    # own crop, widened (_widened), read first; then the column under the block.
    parts = [_widened(line.box, height, image) for line in below if _part_of_a_name(line.words)]
    boxes = [*parts[-1:], region]
    found = None
    while boxes and found is None:
        box = boxes.pop(0)
        crop = image.crop(box)
        dark = _dark_only(crop)
        for attempt in ([dark, crop] if dark is not crop else [crop]):
            read = _lines(engine.recognise(attempt, dpi=dpi, timeout=timeout, name=name, page=number,
                                           block=True).words)
            names = [line for line in read if _is_name(line.words)]
            if names:
                found = names[-1].words, box  # the name is the block's last line
                break
            partial = [line for line in read if _part_of_a_name(line.words)]
            if box == region and partial and len(boxes) == 0:
                # The column read a name in part, its first word lost in a pen's loops ("\\ Thị Lệ Thủy"):
                # that line read again on its own.
                titled = [w for w in partial[-1].words if _titled(w.text.strip(WORD_PUNCTUATION))]
                x0, y0 = min(w.x0 for w in titled), min(w.top for w in titled)
                x1, y1 = max(w.x1 for w in titled), max(w.bottom for w in titled)
                boxes.append(_widened((x0 + box[0], y0 + box[1], x1 + box[0], y1 + box[1]), height, image))
    if found is None:
        return page
    read_words, (x, y, _, _) = found
    words = tuple(replace(w, x0=w.x0 + x, x1=w.x1 + x, top=w.top + y, bottom=w.bottom + y,
                          line=(-1, -1, -1, number)) for w in read_words)
    top, low = min(w.top for w in words) - 0.5 * height, max(w.bottom for w in words) + 0.5 * height
    # What the page read at the name's place (junk, a piece of it) gives way to it.
    kept = tuple(w for w in page.words
                 if not (top <= (w.top + w.bottom) / 2 <= low and region[0] <= (w.x0 + w.x1) / 2 <= region[2]))
    return replace(page, words=(*kept, *words))


def _titled(core: str) -> bool:
    return core.isalpha() and core[:1].isupper() and core[1:] == core[1:].lower()


def _part_of_a_name(words: tuple[Word, ...]) -> bool:
    """As many words as a name has (one more), all but one of them title-case words of letters: a name
    read in part."""
    cores = [w.text.strip(WORD_PUNCTUATION) for w in words]
    titled = sum(_titled(core) for core in cores)
    return NAME_WORDS[0] <= len(cores) <= NAME_WORDS[1] + 1 and titled >= max(2, len(cores) - 1)


# A name's line read again on its own reaches this many letter heights further left (a first word lost
# under a pen's loops: "Phan" of "Phan Thị Lệ Thủy") and right.
LOST_WORD_HEIGHTS, LINE_SIDE_HEIGHTS = 3.0, 1.5


def _widened(box: tuple[float, float, float, float], height: float, image: Image.Image) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (int(max(0.0, x0 - LOST_WORD_HEIGHTS * height)), int(max(0.0, y0 - 0.4 * height)),
            int(min(float(image.width), x1 + LINE_SIDE_HEIGHTS * height)),
            int(min(float(image.height), y1 + 0.4 * height)))
