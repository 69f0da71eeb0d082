"""Text a PDF page holds but does not show: white letters on white paper.

An earlier draft's number, date and paragraphs left under the final ones in white (blind37: the white
"Số: 12/KH-UBND" under the visible 19/KH-UBND was read first, a white basis paragraph became a citation,
a white recipient was counted) are in the text layer as any other words; pdfium's text page reads them, as
pdftotext and pdfplumber do. A reader sees a blank. They are left out here.

White letters are shown where something dark lies under them: a table's header row shaded dark, a banner,
a scan's image (some scanners' OCR layers are white text behind the page image). Such words are kept: a
white word is dropped only where no dark-filled path and no image lies under its centre. The look under a
word is made only on pages that have white words (rare). A page's text objects are looked at first, in the
walk that also looks for a scan under the page's text (page_look: one colour call a text object, Word writes
one a line or fewer, where a colour call a word cost 0.35 ms a page on blind13-blind19's 116 PDF pages), and a
page without white text pays nothing more.
"""

from __future__ import annotations

import ctypes
from typing import Any

from khparse.read import pdfium_lib
from khparse.read.layout import Word

# A channel at or above this (0-255) is white: Word's "White, Background 1" is 255, 255, 255; a near-white
# "lighter 5%" (242) still reads on paper as the faintest grey, and is kept.
WHITE = 250
# A filled path darker than this (luma, 0-255) under white letters makes them legible: table shading from
# "Text 1" black to the mid blues and greys used for header rows.
DARK = 160


class Colour:
    """One reused set of four unsigned ints for pdfium's colour calls."""

    def __init__(self) -> None:
        self.channels = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        self.refs = [ctypes.byref(c) for c in self.channels]

    def values(self) -> tuple[int, int, int, int]:
        red, green, blue, alpha = (c.value for c in self.channels)
        return red, green, blue, alpha


def _white(colour: Colour) -> bool:
    red, green, blue, alpha = colour.values()
    return alpha > 0 and min(red, green, blue) >= WHITE


def page_look(page: pdfium_lib.PdfPage, scan_area: float) -> tuple[bool, bool]:
    """(whether a text object on the page is filled white, whether an image covers `scan_area` square
    points or more: the page's text is a layer over a scan, read/layer_check.py), in one walk of the page's
    objects: one colour look a text object (Word writes one a line or fewer), so that pages without white
    text do not pay a colour call a word."""
    colour = Colour()
    bounds = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = [ctypes.byref(b) for b in bounds]
    white = scanned = False
    for obj in pdfium_lib.page_objects(page, (pdfium_lib.FPDF_PAGEOBJ_TEXT, pdfium_lib.FPDF_PAGEOBJ_IMAGE)):
        if pdfium_lib.object_type(obj) == pdfium_lib.FPDF_PAGEOBJ_TEXT:
            white = white or bool(pdfium_lib.object_fill(obj, *colour.refs) and _white(colour))
        elif not scanned and pdfium_lib.object_bounds(obj, *refs):
            left, bottom, right, top = (b.value for b in bounds)
            scanned = (right - left) * (top - bottom) >= scan_area
    return white, scanned


def is_white(handle: Any, index: int, colour: Colour) -> bool:
    """Whether character `index` of a text page (a pdfium_lib.Handle) is filled white."""
    return bool(pdfium_lib.char_fill(handle, index, *colour.refs)) and _white(colour)


def _dark_areas(page: pdfium_lib.PdfPage, height: float) -> list[tuple[float, float, float, float]]:
    """The boxes (left, top, right, bottom; y growing downwards) of the page's images and dark filled paths."""
    colour, mode, stroke = Colour(), ctypes.c_int(), ctypes.c_int()
    bounds = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = [ctypes.byref(b) for b in bounds]
    out = []
    for obj in pdfium_lib.page_objects(page, (pdfium_lib.FPDF_PAGEOBJ_PATH, pdfium_lib.FPDF_PAGEOBJ_IMAGE,
                                              pdfium_lib.FPDF_PAGEOBJ_SHADING)):
        if pdfium_lib.object_type(obj) == pdfium_lib.FPDF_PAGEOBJ_PATH:
            if not pdfium_lib.path_draw_mode(obj, ctypes.byref(mode), ctypes.byref(stroke)) or not mode.value:
                continue
            if not pdfium_lib.object_fill(obj, *colour.refs):
                continue
            red, green, blue, alpha = colour.values()
            if alpha == 0 or 0.299 * red + 0.587 * green + 0.114 * blue >= DARK:
                continue
        if pdfium_lib.object_bounds(obj, *refs):
            left, bottom, right, top = (b.value for b in bounds)
            out.append((left, height - top, right, height - bottom))
    return out


def shown(words: list[Word], white: set[int], page: pdfium_lib.PdfPage, height: float) -> set[int]:
    """The indices in `white` (words filled white) whose centre lies on an image or a dark filled path."""
    areas = _dark_areas(page, height)
    kept = set()
    for index in white:
        word = words[index]
        x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        if any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in areas):
            kept.add(index)
    return kept
