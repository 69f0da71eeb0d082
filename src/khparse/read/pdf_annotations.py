"""Text a PDF page shows in its annotations rather than in its content: the number and the day an
e-office system stamps over the blanks of "Số:    /KH-UBND" and "ngày    tháng 01" as FreeText
annotations, and the values of a template's form fields (number, date, signer's name). A viewer
draws them with the page; pdfium's text page holds the content only, so a signed plan's number and
date were lost (blind37). Each annotation's text becomes words laid across its rectangle, read with
the page's own words.

Only what a viewer shows as text on the page is taken: FreeText annotations and text fields' string
values, not hidden ones; a sticky note (Text), a link or a stamp image is no text of the page.
"""

from __future__ import annotations

import codecs
import ctypes
from typing import Any

from khparse.read import pdfium_lib
from khparse.read.layout import Word


def _string(annot: Any, key: bytes) -> str:
    """The string value `key` of the annotation's dictionary, or ""."""
    if pdfium_lib.annot_value_type(annot, key) != pdfium_lib.FPDF_OBJECT_STRING:
        return ""
    size = int(pdfium_lib.annot_string(annot, key, None, 0))
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    pdfium_lib.annot_string(annot, key, buffer, size)
    return codecs.utf_16_le_decode(buffer.raw[: size - 2], "ignore", True)[0]


def _text(annot: Any) -> str:
    kind = pdfium_lib.annot_subtype(annot)
    if pdfium_lib.annot_flags(annot) & pdfium_lib.FPDF_ANNOT_FLAG_HIDDEN:
        return ""
    if kind == pdfium_lib.FPDF_ANNOT_FREETEXT:
        return _string(annot, b"Contents")
    if kind == pdfium_lib.FPDF_ANNOT_WIDGET:
        return _string(annot, b"V")  # a text field's value; a box's state is a name, no string
    return ""


def _laid_out(text: str, left: float, top: float, right: float, bottom: float) -> list[Word]:
    """The words of `text` across the rectangle, each as wide as its share of the characters."""
    words = text.split()
    if not words or right <= left:
        return []
    step = (right - left) / max(1, sum(len(w) for w in words) + len(words) - 1)
    out, x = [], left
    for word in words:
        out.append(Word(word, x, top, x + step * len(word), bottom))
        x += step * (len(word) + 1)
    return out


def annotation_words(page: pdfium_lib.PdfPage, height: float) -> list[Word]:
    """The words the page's FreeText annotations and filled text fields show (y growing downwards)."""
    out: list[Word] = []
    rect = (ctypes.c_float * 4)()
    for index in range(max(0, int(pdfium_lib.annot_count(page.raw)))):
        annot = pdfium_lib.get_annot(page.raw, index)
        if not annot:
            continue
        try:
            text = _text(annot)
            if text.strip() and pdfium_lib.annot_rect(annot, ctypes.byref(rect)):
                left, top, right, bottom = rect
                out += _laid_out(" ".join(text.split()), min(left, right), height - max(top, bottom),
                                 max(left, right), height - min(top, bottom))
        finally:
            pdfium_lib.close_annot(annot)
    return out
