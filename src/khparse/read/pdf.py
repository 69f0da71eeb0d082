"""PDF input through pdfium: open safely, read each page's text layer as positioned words, render a
page for OCR.

pdfium rather than pdfplumber/pdfminer for the text layer: on the sample plan pdfminer parses
about 5 pages a second, pdfium over 30 (the target is 20 on one core); pypdfium2 is already
installed as a dependency of pdfplumber. The text layer is read through the few functions bound in
read/pdfium_lib.py (importing pypdfium2 costs more than reading a short PDF); a page is rendered for
OCR with pypdfium2's helpers. Every pdfium failure is turned into an InputError here.
"""

from __future__ import annotations

import ctypes
import io
import math
import re
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING, Any

from khparse.errors import InputError
from khparse.read import pdf_annotations, pdf_hidden, pdf_streams, pdf_tables, pdfium_lib
from khparse.read.layout import Word
from khparse.read.limits import MAX_PAGES, check_page_count

if TYPE_CHECKING:  # PIL only where a page is rendered for OCR
    from PIL import Image

# OCR resolution (benchmarks/bench_ocr.py): a scanned page is rendered at its own resolution;
# re-sampling a 200 dpi scan to 300 dpi cost accuracy on bold capitals ("III." read "II.").
# Pages without a scan (--ocr always on a text PDF) at 300 dpi, tesseract's preferred size.
# A scan below 200 dpi (a fax) is rendered at its own resolution too, so that its pixels stay its
# own (a bi-level fax stays black and white, and its specks single pixels that read/speckle.py
# removes); read/prepare.py then scales it up. MIN_DPI only keeps a thumbnail from being rendered
# smaller than any page could be read.
DEFAULT_DPI, MIN_DPI, MAX_DPI = 300, 72, 400
# Beyond this, pdfium would need gigabytes of bitmap; no A4 or A3 page gets near it at 300 dpi.
MAX_RENDER_PIXELS = 120_000_000


@dataclass(frozen=True)
class LayerPage:
    """What a page's text layer holds: its words with boxes (top-left origin, points)."""

    words: tuple[Word, ...]
    width: float
    height: float
    ruled: bool = False  # it has lines that may rule a table (read/pdf_tables.py reads its tables)
    scanned: bool = False  # its words lie over a scan of the page (an OCR layer: read/layer_check.py)


def _open(data: bytes, name: str, pdfium: ModuleType) -> Any:
    """The document, opened with `pdfium` (read/pdfium_lib.py, or pypdfium2 to render a page)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text or "security" in text:
            raise InputError(
                f"{name}: the PDF is encrypted with a password. Decrypt it first, e.g. "
                f"`qpdf --decrypt --password=PASSWORD {name} decrypted.pdf`, then run khparse on decrypted.pdf."
            ) from None
        if _pdfminer_page_count(data) == 0:
            raise InputError(f"{name}: the PDF has no pages.") from None
        raise InputError(
            f"{name}: the PDF is damaged or truncated and cannot be opened ({exc}). "
            f"If another viewer opens it, repair it with `qpdf {name} repaired.pdf` and retry."
        ) from None
    if len(pdf) == 0:
        pdf.close()
        raise InputError(f"{name}: the PDF has no pages.")
    return pdf


def _pdfminer_page_count(data: bytes) -> int | None:
    """A second opinion from pdfminer (via pdfplumber) on a file pdfium refused: pdfium will not
    load a well-formed PDF without pages, pdfminer will, so the message can say what is wrong."""
    import pdfplumber  # only on this error path: importing it costs ~0.2 s

    try:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            return len(doc.pages)
    except Exception:  # any pdfminer failure: it is as broken as pdfium said
        return None


@contextmanager
def opened(data: bytes, name: str, pdfium: ModuleType = pdfium_lib) -> Iterator[Any]:
    """The open document; a pdfium failure inside (a page tree that loops or points nowhere, a
    page that will not load) becomes an InputError naming the file."""
    pdf = _open(data, name, pdfium)
    try:
        yield pdf
    except pdfium.PdfiumError as exc:
        raise InputError(f"{name}: the PDF is damaged: pdfium cannot read it ({exc}). If another viewer "
                         f"opens it, repair it with `qpdf {name} repaired.pdf` and retry.") from None
    finally:
        pdf.close()


def _load_page(pdf: Any, index: int, name: str, pdfium: ModuleType = pdfium_lib) -> Any:
    try:
        return pdf[index]
    except pdfium.PdfiumError as exc:  # a page tree that loops, or a leaf that is not a page
        raise InputError(f"{name}: page {index + 1} cannot be loaded; the PDF's page tree is damaged "
                         f"({exc}).", page=index + 1) from None


def page_count(data: bytes, name: str) -> int:
    with opened(data, name) as pdf:
        return len(pdf)


_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom

# A footnote's mark set after a word ("76/NQ-CP¹", "29/12/2025²"): figures smaller than the word
# (this share of its height; a Word superscript is about 0.65) and raised (their foot this share of
# its height above the word's). Read into the word, they made "76/NQ-CP1" and no date of "29/12/20252".
FOOTNOTE_MARK_SIZE, FOOTNOTE_MARK_RAISE = 0.8, 0.15


# A run of characters between spaces, line ends and pdfium's generated marks.
_RUN = re.compile("[^\\s\x00\x02\ufffe]+")


def _words(page: pdfium_lib.PdfPage, height: float, white_text: bool | None = None) -> tuple[Word, ...]:
    """The page's words: runs of characters between spaces, line ends and gaps, each with the box
    around its characters' boxes. One pdfium call a character (FPDFText_GetLooseCharBox into one
    reused rectangle, its arguments passed unconverted, read in one unpack), and the box kept in four
    locals: this loop is most of what a text-layer page costs. The runs are found by a pattern, so
    spaces cost no Python step."""
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        text = (textpage.get_text_range(0, n) if n else "")[:n]
        words: list[Word] = []
        rect = (ctypes.c_float * 4)()
        handle = pdfium_lib.Handle(textpage.raw)
        charbox, unpack = pdfium_lib.loose_char_box, _RECT.unpack_from
        angles: list[float] = []  # each word's first character's (read/pdfium_lib.char_angle)
        colour, white = pdf_hidden.Colour(), set()
        if white_text is None:  # not looked at by the caller (pdf_hidden.page_look)
            white_text = pdf_hidden.page_look(page, math.inf)[0]
        is_white = pdf_hidden.is_white if white_text else None
        for run in _RUN.finditer(text):
            begin, end = run.span()
            first = len(words)
            if is_white and is_white(handle, begin, colour):  # the run's words, left out below unless shown
                white.add(first)
            angle = pdfium_lib.char_angle(handle, begin)
            angles.append(angle)
            across = 0 <= angle <= ANGLE_TOLERANCE or angle >= 2 * math.pi - ANGLE_TOLERANCE  # a mark is raised only so
            # Loose boxes (advance width, font ascent to descent): glyph-tight boxes of ":" or "."
            # leave gaps that look like spaces.
            if not charbox(handle, begin, rect):
                raise pdfium_lib.PdfiumError("Failed to get charbox.")
            x0, rect_top, x1, rect_bottom = unpack(rect)
            top, bottom = height - rect_top, height - rect_bottom
            skip = begin  # the characters of a footnote's mark, left out
            for i in range(begin + 1, end):
                if i < skip:
                    continue
                if not charbox(handle, i, rect):
                    raise pdfium_lib.PdfiumError("Failed to get charbox.")
                left, rect_top, right, rect_bottom = unpack(rect)
                y0, y1 = height - rect_top, height - rect_bottom
                if begin < 0:  # the run goes on after a footnote's mark
                    begin, x0, top, x1, bottom = i, left, y0, right, y1
                    continue
                # No space character between two runs set apart (justified text drawn word by word).
                # (The comparisons below are min() and max() written out, each keeping the first of equals.)
                own, height_so_far = y1 - y0, bottom - top
                if own < FOOTNOTE_MARK_SIZE * height_so_far and y1 < bottom - FOOTNOTE_MARK_RAISE * height_so_far \
                        and across and text[i].isdigit():
                    words.append(Word(text[begin:i], x0, top, x1, bottom))
                    angles.append(angles[-1])
                    skip = i
                    while skip < end and text[skip].isdigit():
                        skip += 1
                    begin = -1
                    continue
                if left - x1 > 0.15 * (height_so_far if height_so_far > own else own):
                    words.append(Word(text[begin:i], x0, top, x1, bottom))
                    angles.append(angles[-1])
                    begin, x0, top, x1, bottom = i, left, y0, right, y1
                    continue
                if left < x0:
                    x0 = left
                if y0 < top:
                    top = y0
                if right > x1:
                    x1 = right
                if y1 > bottom:
                    bottom = y1
            if begin >= 0:
                words.append(Word(text[begin:end], x0, top, x1, bottom))
            else:
                angles.pop()  # the run ended with its footnote's mark
            if first in white:
                white.update(range(first, len(words)))
        if white:
            hidden = white - pdf_hidden.shown(words, white, page, height)
            words = [w for i, w in enumerate(words) if i not in hidden]
            angles = [a for i, a in enumerate(angles) if i not in hidden]
        return _across(words, angles)
    finally:
        textpage.close()


# Words set up, down or across the page at a slant, on a page whose text runs across it, are not part of
# its lines: the line an e-office system prints up the left margin of a signed PDF ("Văn bản điện tử được
# quản lý tại …", "Mã văn bản: …"), a vertical stamp, a watermark set diagonally over the body ("BẢN
# SAO" at 45°). Read with the page's words, their characters fell into the body's lines ("Văn bản khi
# II. để NỘI trễ DUNG hạn."; blind37's watermark ran a page's lines into two of words in no order) and
# sections were lost. Only a few: a page whose text is mostly turned (a landscape table drawn turned)
# or set at angles of its own (an OCR layer's words) is left as it is. Angles within ANGLE_TOLERANCE
# radians are one angle.
ANGLE_TOLERANCE = 0.1
# A word this far from across the page (radians, 20°) is set up, down or at a slant on purpose; nearer,
# it is a skewed scan's OCR layer.
SLANT = 0.35
MAX_TURNED_SHARE = 0.1  # of the page's characters


def _across(words: list[Word], angles: list[float]) -> tuple[Word, ...]:
    """`words` without the few set up, down or at a slant on a page whose text runs across it."""
    if not words or max(abs(a) for a in angles) <= ANGLE_TOLERANCE:
        return tuple(words)  # the common case: every word across the page
    off = [min(abs(a), abs(abs(a) - 2 * math.pi)) for a in angles]  # how far from across the page
    if any(ANGLE_TOLERANCE < a < SLANT for a in off):
        return tuple(words)  # words a skewed scan's OCR layer set at angles of their own
    turned = [a >= SLANT for a in off]
    chars = sum(len(w.text) for w, t in zip(words, turned, strict=True) if t)
    total = sum(len(w.text) for w in words)
    if chars > MAX_TURNED_SHARE * total:
        return tuple(words)
    return tuple(w for w, t in zip(words, turned, strict=True) if not t)


def _runs_across(words: tuple[Word, ...]) -> bool:
    """Whether most words of three characters or more are wider than tall: text that runs across."""
    long = [w for w in words if len(w.text) >= 3]
    return bool(long) and sum(w.x1 - w.x0 > w.bottom - w.top for w in long) > len(long) / 2


def _shown(words: tuple[Word, ...], turns: int, width: float, height: float) -> tuple[Word, ...]:
    """The words of a page stored turned (/Rotate: `turns` quarter turns clockwise) as the page is shown,
    `width` by `height`: pdfium gives the characters' boxes in the page's own frame, where a landscape
    Phụ lục drawn on a portrait page turned by /Rotate 90 runs down the page and was read as a column
    of scattered words (blind37)."""
    out = []
    for w in words:
        # The box in the page's own frame, y growing upwards (_words measured it from the shown height).
        left, right, low, high = w.x0, w.x1, height - w.bottom, height - w.top
        if turns == 1:
            box = (low, left, high, right)
        elif turns == 2:
            box = (width - right, low, width - left, high)
        else:
            box = (height - high, width - right, height - low, width - left)
        out.append(Word(w.text, *box))
    return tuple(out)


def _on_the_page(words: tuple[Word, ...], width: float, height: float) -> tuple[Word, ...]:
    """`words` without those drawn wholly outside the page a viewer shows (its CropBox): a draft's note
    below it ("Dự thảo lần 1 - Số: 12/KH-UBND …" in blind37) gave the plan a number it does not show."""
    kept = tuple(w for w in words if w.x1 > 0 and w.x0 < width and w.bottom > 0 and w.top < height)
    return words if len(kept) == len(words) else kept


# An image covering this share of the page is its scan (a scanner's margin trimmed, a page box slightly
# larger than the image); read/pdf_scan.py takes the scan's resolution from such an image.
SCAN_COVER = 0.5


def text_layers(data: bytes, name: str, max_pages: int = MAX_PAGES) -> list[LayerPage]:
    """The text layer of every page (empty for image-only pages). Before pdfium reads anything,
    what the compressed streams inflate to is bounded (read/pdf_streams.py), then the page count
    (`max_pages`)."""
    pdf_streams.check_streams(data, name)
    out = []
    with opened(data, name) as pdf:
        check_page_count(len(pdf), max_pages, name)
        for index in range(len(pdf)):
            page = _load_page(pdf, index, name)
            try:
                width, height = page.get_size()
                white, scanned = pdf_hidden.page_look(page, SCAN_COVER * width * height)
                words = _words(page, height, white)
                turns = pdfium_lib.page_rotation(page.raw)
                if turns in (1, 3) and _runs_across(words):
                    # Text drawn upright on a page stored turned: read in the page's own frame (a scan
                    # would be turned back), a quarter turn from the frame it is shown in.
                    words = tuple(replace(w, top=w.top + width - height, bottom=w.bottom + width - height)
                                  for w in words)
                    width, height = height, width
                elif turns in (1, 2, 3):
                    words = _shown(words, turns, width, height)
                words = _on_the_page(words, width, height)
                shown = pdf_annotations.annotation_words(page, height)  # stamped numbers, filled fields
                out.append(LayerPage((*words, *shown) if shown else words, width, height, pdf_tables.ruled(page),
                                     bool(words) and scanned))
            except pdfium_lib.PdfiumError as exc:
                raise InputError(f"{name}: page {index + 1} cannot be read ({exc}).", page=index + 1) from None
            finally:
                page.close()
    return out


def render(data: bytes, name: str, index: int, dpi: int | None) -> tuple[Image.Image, int]:
    """Page `index` (0-based) as an RGB image, or greyscale when it is a grey or bi-level scan
    (colour stamps are dropped by their colour before OCR, read/stamps.py), and its dpi; dpi None:
    the page's scan resolution (DEFAULT_DPI when the page is not a scan), kept within MIN_DPI..MAX_DPI."""
    import pypdfium2  # type: ignore[import-untyped]  # its rendering and page objects; no type information

    with opened(data, name, pypdfium2) as pdf:
        page = _load_page(pdf, index, name, pypdfium2)
        try:
            if dpi is None:
                from khparse.read import pdf_scan  # only for a page to OCR

                scanned = pdf_scan.embedded_scan(page, MAX_RENDER_PIXELS)
                if scanned is not None:  # a grey scan stays grey: OCR reads it in grey, as it came
                    return scanned[0].convert("L" if scanned[0].mode in ("1", "L") else "RGB"), round(scanned[1])
                native = pdf_scan.scan_dpi(page)
                dpi = round(min(MAX_DPI, max(MIN_DPI, native))) if native else DEFAULT_DPI
            width, height = page.get_size()
            if width * height * (dpi / 72) ** 2 > MAX_RENDER_PIXELS:
                raise InputError(f"{name}: page {index + 1} is too large to render for OCR "
                                 f"({width / 72:.0f} x {height / 72:.0f} inches).", page=index + 1)
            image: Image.Image = page.render(scale=dpi / 72).to_pil()
            return image.convert("RGB"), dpi
        except pypdfium2.PdfiumError as exc:
            raise InputError(f"{name}: page {index + 1} cannot be rendered ({exc}).", page=index + 1) from None
        finally:
            page.close()
