"""A scanned page's text layer checked against the page it lies over before it is trusted.

A scanner's or a converter's OCR layer in good Vietnamese is trusted as the page's text (reading it costs
milliseconds, OCR seconds). But such a layer can lie while reading well: an earlier draft's layer kept
under the signed scan (its number 12/KH-UBND under the printed 27/KH-UBND), the layers of pages 1 and 3
swapped, a layer turned upside down over its page (blind42: 58.8%, 20.6% and 6.1% of their fields). So a
few of its words are read again from the image under them (one tesseract call for all: each word's crop
read as a word, as read/codes.py reads numbers again): the words with figures at the head of the page
(number, date) and words spread over the body. Where fewer than half agree, or a figure read there is
not the layer's, the layer is not the page's and the page is OCRed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from khparse import similarity
from khparse.fold import fold

if TYPE_CHECKING:
    from PIL import Image

    from khparse.read.layout import Word

# Words read again: numbers and dates (_CODE) in the top HEAD share of the page, at most
# FIGURES of them, and SPREAD words of four letters or more spread evenly over the rest.
HEAD, FIGURES, SPREAD = 0.35, 4, 8
MIN_LETTERS = 4
# A word agrees when its crop reads this close to it (folded, 0-100; OCR of a word alone slips a letter)
# and, if it has figures, with the same figures; the layer is the page's when at least this share agrees.
AGREES = 70.0
MIN_AGREEMENT = 0.5
# A crop takes this share of the word's height round its box (a layer's boxes are a little off the ink).
MARGIN = 0.3


def sample(words: Sequence[Word], height: float) -> list[Word]:
    """The words to read again (see the module's docstring)."""
    figures = [w for w in words if w.top < HEAD * height and _CODE.search(w.text)][:FIGURES]
    long = [w for w in words if sum(c.isalpha() for c in w.text) >= MIN_LETTERS and w not in figures]
    step = max(1, len(long) // SPREAD)
    return [*figures, *long[::step][:SPREAD]]


# A document's number or a date written with slashes ("27/KH-UBND", "23/01/2026"): a word alone whose
# figures a draft's layer changes (a year alone, "2026", is in every line of a plan and proves nothing).
_CODE = re.compile(r"\d/|/\d")


def _figures(text: str) -> str:
    return "".join(re.findall(r"\d", text))


def agrees(expected: str, read: str) -> bool:
    """Whether a crop read as `read` shows the layer's word `expected`."""
    if _figures(expected) and _figures(read) and _figures(expected) != _figures(read):
        return False
    return similarity.ratio(fold(expected), fold(read)) >= AGREES


def _crop(image: Image.Image, word: Word, sx: float, sy: float) -> Image.Image:
    pad = MARGIN * (word.bottom - word.top)
    box = (max(0, int((word.x0 - pad) * sx)), max(0, int((word.top - pad) * sy)),
           min(image.width, int((word.x1 + pad) * sx) + 1), min(image.height, int((word.bottom + pad) * sy) + 1))
    return image.crop(box).convert("L")


def layer_is_the_page_s(words: Sequence[Word], width: float, height: float, image: Image.Image,
                        engine: object, timeout: float) -> tuple[bool, str]:
    """(whether the layer's words are the page image's, what was found) for a page `width` by `height`
    points whose layer holds `words`, shown by `image`. An engine that cannot read crops checks nothing."""
    from khparse.read.codes import CropReader

    chosen = sample(words, height)
    if not chosen or not isinstance(engine, CropReader):
        return True, ""
    sx, sy = image.width / width, image.height / height
    reads = engine.read_crops([_crop(image, w, sx, sy) for w in chosen], word=True, timeout=timeout)
    said = [" ".join(w.text for w in read) for read in reads]
    if not any(said):
        return True, ""  # nothing read at all (the engine failed on the crops): no evidence against the layer
    agreeing = sum(agrees(w.text, r) for w, r in zip(chosen, said, strict=True))
    figures_differ = [w.text for w, r in zip(chosen, said, strict=True)
                      if _CODE.search(w.text) and _figures(r) and _figures(w.text) != _figures(r)]
    found = f"{agreeing} of {len(chosen)} of its words read again from the image agree"
    if figures_differ:
        return False, f"{found}; the image shows other figures than {', '.join(figures_differ[:2])}"
    return agreeing >= MIN_AGREEMENT * len(chosen), found
