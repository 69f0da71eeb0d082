"""A page image made ready for OCR: cleaned, turned upright, straightened, at a resolution
tesseract reads well — each decision recorded (Preparation) for the page's reason.

    page image (colour or grey)
      → polarity.py a negative (light print on dark: a microfilm print-out) made dark on light
      → photo.py    a phone photo: the page cut from its surroundings, perspective corrected
      → stamps.py   red, blue, purple ink (seals, signatures, received-stamps) turned to paper
      → photo.py    uneven light evened out and the ink binarised (photos only)
      → speckle.py  a bi-level page's specks removed (fax, black-and-white scans)
      → orient.py   text lines across or down, up or down, and their lean, from the ink; tesseract's
                    OSD asked only when that is not sure (an upright page costs ~0.1 s, not OSD's 1.5 s)
      → the turn and the lean undone in one rotation
      → sheets.py   two pages printed on one landscape sheet set one under the other
      → seals.py    round seals a scan printed grey or black taken off (by grey, or by shape)
      → resolution brought to what tesseract reads best
      → engine.recognise, then codes.py: numbers and symbols read unsure or out of shape read again
                    from their crops; then ocr_marks.py: the marks of words read unsure, read again
                    from their line by the repair stage's language model, place names after their
                    unit word given the gazetteer's marks
      → a page read with low confidence whose orientation was not asked of OSD gets that second
        look, and is read again if it was turned

A page that needs nothing (an upright, straight, grey flatbed scan at 200-400 dpi) comes out as it
went in. OpenCV (cv2) is imported by the step modules, and they only here: text input never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from khparse.read import dust, polarity, resolution, sheets, speckle

if TYPE_CHECKING:
    from collections.abc import Callable

    from numpy.typing import NDArray

    from khparse.read.engine import OcrEngine, OcrPage
    from khparse.read.orient import Lean
    from khparse.read.photo import Photo
    from khparse.read.tesseract import StartedPage

# Coloured ink is reported as removed from this share of the page's pixels (a seal ≈ 0.5%);
# below it, specks and a colour cast's fringes.
MIN_STAMP_SHARE = 0.0005
# tesseract OSD's orientation confidence from which its answer is taken (upright text measures
# 6-25; pages with too little text give 0-2 and flip at random).
OSD_MIN_CONFIDENCE = 2.0
# A page read this badly (mean word confidence) may be turned after all: OSD gets a second look.
# Upright pages of the samples read at 85-92, a turned page at 30-50.
LOW_CONFIDENCE = 60.0
# The second look turns a page only when OSD is this sure, then keeps the better reading.
SECOND_LOOK_CONFIDENCE = 5.0
# What was cleaned away (said "… removed" in a page's reason); the rest was corrected.
REMOVED = ("colour stamps", speckle.SPECKLE, "seal", dust.DUST)
TOLD_AS_IS = (sheets.SPLIT, polarity.INVERTED)  # said as they are


@dataclass(frozen=True)
class Preparation:
    """What was done to a page image before OCR (plain data: it travels back from workers)."""

    rotation: int = 0  # degrees turned counter-clockwise to stand upright: 0, 90, 180, 270
    skew: float = 0.0  # degrees of lean corrected (positive: turned counter-clockwise)
    dpi: int | None = None  # resolution the page was read at
    cleaned: tuple[str, ...] = ()  # "perspective", "colour stamps", "uneven light", "speckle"
    how: str = ""  # how the orientation was found: "ink", "OSD", "OSD after low confidence"
    scaled_up: bool = False  # read at `dpi` after scaling up from a lower resolution (not in the output)

    def note(self) -> str:
        """The decisions as words for the page's reason ("turned 180°, deskewed 4.2°")."""
        parts = []
        if self.rotation:
            turn = {90: "90° counter-clockwise", 180: "180°", 270: "90° clockwise"}[self.rotation]
            parts.append(f"turned {turn} ({self.how})" if self.how else f"turned {turn}")
        if self.skew:
            parts.append(f"deskewed {abs(self.skew):.1f}°")
        parts.extend(f"{what} removed" if what in REMOVED else what if what in TOLD_AS_IS else f"{what} corrected"
                     for what in self.cleaned)
        return ", ".join(parts)


@dataclass(frozen=True)
class Prepared:
    image: Image.Image  # greyscale ("L"), upright and straight
    preparation: Preparation
    osd_asked: bool


def _turn(found: Lean | None, grey: NDArray[Any], engine: OcrEngine,
          timeout: float) -> tuple[int, float, str, bool]:
    """(rotation, skew, how, OSD asked) for a page whose ink says `found`."""
    from khparse.read import orient

    if found is None:  # too little ink to judge: leave the page as it is
        return 0, 0.0, "", False
    skew = found.skew if abs(found.skew) >= orient.MIN_SKEW else 0.0
    up = found.upright >= 1
    guess = (90 if up else 270) if found.quarter else (0 if up else 180)
    sure = max(found.upright, 1 / found.upright) >= orient.SURE_RATIO
    if guess == 0 and sure:
        return 0, skew, "", False  # the common case: no OSD
    straight = orient.rotate(grey, skew) if skew else grey
    osd = engine.orientation(Image.fromarray(straight), timeout=timeout)
    if osd is not None and osd.confidence >= OSD_MIN_CONFIDENCE:
        same_axis = (osd.rotate in (90, 270)) == found.quarter
        return osd.rotate, skew if same_axis else 0.0, "OSD", True
    if sure:
        return guess, skew, "ink", True
    return 0, skew if not found.quarter else 0.0, "", True


def prepare(image: Image.Image, dpi: int | None, *, engine: OcrEngine, timeout: float) -> Prepared:
    """`image` (RGB or L) cleaned, upright, straight and at a good resolution; `dpi` as stated
    by the file (None: unknown)."""
    import cv2

    from khparse.read import orient, photo, seals, stamps

    pixels = np.asarray(image.convert("RGB") if image.mode not in ("RGB", "L") else image)
    colour = pixels.ndim == 3 and stamps.has_colour(pixels)
    if pixels.ndim == 3 and not colour:
        pixels = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY)
    grey = cv2.cvtColor(pixels, cv2.COLOR_RGB2GRAY) if pixels.ndim == 3 else pixels
    cleaned: list[str] = []
    if polarity.is_negative(grey):
        pixels, grey = polarity.inverted(pixels), polarity.inverted(grey)
        cleaned.append(polarity.INVERTED)
    seen = photo.look(grey)
    apart = sheets.gutter(grey)
    if apart is not None and _two_sheets(seen, apart):  # photographed side by side: each a photo of its own
        return _sheets_apart(pixels, apart, dpi, engine=engine, timeout=timeout)
    if seen.corners is not None:
        pixels = photo.unwarp(pixels, seen.corners)
        cleaned.append("perspective")
        dpi = None  # a photo's own figure says nothing about the page: estimated below
    if colour:
        grey, share = stamps.drop_colour(pixels)
        if share >= MIN_STAMP_SHARE:
            cleaned.append("colour stamps")
    elif seen.corners is not None:
        grey = pixels
    if seen.uneven:
        grey = photo.binarise(photo.even_light(grey))
        cleaned.append("uneven light")
    elif seen.corners is not None and photo.dim(grey):
        grey = photo.even_light(grey)
        cleaned.append("dim light")
    page_dpi = resolution.page_dpi(grey.shape, dpi)
    scale = resolution.scale_for(page_dpi)
    despeckled = grey
    after_scaling = False  # the specks removed once the page is scaled up (speckle.MAX_INK_TAKEN)
    if not seen.uneven and speckle.is_bilevel(grey):
        despeckled = speckle.despeckle(grey, page_dpi)
        if not speckle.eats_strokes(grey, despeckled):
            grey = despeckled
            cleaned.append(speckle.SPECKLE)
        elif scale > 1:
            after_scaling = True
            cleaned.append(speckle.SPECKLE)
    found = orient.lean(despeckled, page_dpi)
    rotation, skew, how, osd_asked = _turn(found, despeckled, engine, timeout)
    if rotation or skew:
        grey = orient.rotate(grey, rotation + skew)
    middle = sheets.gutter(grey)
    if middle is not None:
        page_dpi = sheets.page_dpi(grey, page_dpi)
        grey = sheets.stacked(grey, middle)
        cleaned.append(sheets.SPLIT)
        scale = resolution.scale_for(page_dpi)
    grey, seal_count = seals.drop(grey, page_dpi)
    if seal_count:
        cleaned.append(seals.SEAL)
    read_dpi = page_dpi
    scaled_up = False
    if scale != 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale,
                          interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
        if after_scaling:
            grey = speckle.despeckle(grey, None)
        read_dpi, scaled_up = resolution.TARGET_DPI, scale > 1
        cleaned.append(f"resolution {page_dpi} → {resolution.TARGET_DPI} dpi")
    record = Preparation(rotation, round(skew, 1), read_dpi, tuple(cleaned), how, scaled_up)
    return Prepared(Image.fromarray(np.ascontiguousarray(grey)), record, osd_asked)


def _two_sheets(seen: Photo, middle: int) -> bool:
    """Whether a landscape photo with a gutter at `middle` holds two sheets side by side: no page was
    found in it while its light is uneven (a photo's), or the page found lies on one side of the gutter
    (the other sheet would be cut away). A volume's spread is one page found across the gutter; two
    pages printed on one scanned sheet are lit evenly."""
    if seen.corners is None:
        return bool(seen.uneven)
    xs = seen.corners[:, 0]
    return bool(xs.max() <= middle or xs.min() >= middle)


def _sheets_apart(pixels: NDArray[Any], middle: int, dpi: int | None, *, engine: OcrEngine,
                  timeout: float) -> Prepared:
    """Two sheets photographed side by side, a strip of desk between them: each half prepared as the
    photo of its sheet it is (its own angle, perspective and light; binarised as one, the desk's grain
    between them became text and the two sheets' lines were read as one), the left sheet over the right."""
    import cv2

    halves = [prepare(Image.fromarray(np.ascontiguousarray(part)), dpi, engine=engine, timeout=timeout)
              for part in (pixels[:, :middle], pixels[:, middle:])]
    left, right = (np.asarray(half.image) for half in halves)
    left_dpi, right_dpi = halves[0].preparation.dpi, halves[1].preparation.dpi
    if left_dpi and right_dpi and left_dpi != right_dpi:  # the right sheet brought to the left's resolution
        right = cv2.resize(right, None, fx=left_dpi / right_dpi, fy=left_dpi / right_dpi, interpolation=cv2.INTER_AREA)
    out = sheets.one_under_other(left, right, int(np.percentile(left[::4, ::4], 90)))
    first = halves[0].preparation
    cleaned = tuple(dict.fromkeys((*first.cleaned, *halves[1].preparation.cleaned, sheets.SPLIT)))
    record = replace(first, cleaned=cleaned)
    return Prepared(Image.fromarray(out), record, halves[0].osd_asked or halves[1].osd_asked)


def _reread(page: OcrPage, image: Image.Image, engine: OcrEngine, timeout: float, record: Preparation,
            name: str, number: int) -> OcrPage:
    """The page's words, a paragraph of two columns read as one read again column by column
    (columns.py), a signer's name the page read none of read again from its crop (signature.py, last),
    without lines of junk, letters Vietnamese does not write, the specks before
    its lines and the echoes of a line read twice (specks.py), with doubtful numbers and symbols read
    again from their crops (codes.py), and the marks of unsure words read again from their lines
    (ocr_marks.py); then without the sheet's edge read as strokes (specks.py: after the marks, which
    make some of them "i")."""
    from khparse.read.codes import crop_readings, reread_codes
    from khparse.read.columns import reread_columns
    from khparse.read.ocr_marks import reread_marks
    from khparse.read.signature import reread_signer
    from khparse.read.specks import (
        drop_echoes,
        drop_edge_strokes,
        drop_foreign_letters,
        drop_junk_lines,
        drop_leading_specks,
    )

    page = reread_columns(page, image, engine, dpi=record.dpi, timeout=timeout, name=name, number=number)
    read = drop_echoes(drop_leading_specks(drop_foreign_letters(drop_junk_lines(page.words))))
    words = reread_codes(read, image, engine, timeout)
    words = reread_marks(words, photo=_photo(record), confirm=lambda ws: crop_readings(ws, image, engine, timeout))
    cleaned = replace(page, words=drop_edge_strokes(words, page.width, page.height or image.height))
    return reread_signer(cleaned, image, engine, dpi=record.dpi, timeout=timeout, name=name, number=number)


# A page scaled up from a low resolution ("resolution 150 → 300 dpi": a fax, a 150 dpi archive scan)
# has its marks doubted as a phone photo's are (ocr_marks.PHOTO_DOUBT_BELOW, with the crops asked):
# small letters at 150 dpi come out with wrong marks read surely ("báo hiểm", "Tố trưởng"). On the
# faxes of four blind16 plans printed in Times: 95.393% → 95.486% of characters right, every plan up
# (benchmarks/bench_scan_reading.py --dir … --variants fax); pages read at their own resolution
# are not touched.
def _photo(record: Preparation) -> bool:
    """The page's marks are doubted as a phone photo's: it is one, or it was scaled up."""
    return "perspective" in record.cleaned or record.scaled_up


def _without_dust(result: OcrPage, image: Image.Image, engine: OcrEngine, timeout: float, name: str, page: int,
                  record: Preparation) -> tuple[OcrPage, Preparation]:
    """The page read again without its toner dust (read/dust.py) when it has some, the better reading
    of the two (mean word confidence) kept."""
    cleared, specks = dust.clear(np.asarray(image), record.dpi or resolution.TARGET_DPI)
    if not specks:
        return result, record
    clean = Image.fromarray(cleared)
    again = _reread(engine.recognise(clean, dpi=record.dpi, timeout=timeout, name=name, page=page),
                    clean, engine, timeout, record, name, page)
    if (again.confidence or 0.0) <= (result.confidence or 0.0):
        return result, record
    return again, replace(record, cleaned=(*record.cleaned, dust.DUST))


def recognise(image: Image.Image, dpi: int | None, *, engine: OcrEngine, timeout: float, name: str,
              page: int, started: StartedPage | None = None, on_read: Callable[[], None] | None = None) -> OcrPage:
    """The words of a page image, prepared first; the preparation travels with them. `started`:
    its OCR begun before preparing (read/early.py), used where the prepared page is the same image.
    `on_read`: called once the page's first reading is in, before its words are read again."""
    from khparse.read import early, orient
    from khparse.read.grid import TableReading

    prepared = prepare(image, dpi, engine=engine, timeout=timeout)
    record = prepared.preparation
    if started is not None and not (isinstance(engine, TableReading)
                                    and early.fits(started, prepared.image, record.dpi)):
        started.cancel()  # the page was changed: its first reading is of no use
        started = None
    if isinstance(engine, TableReading) and _photo(record):
        engine = replace(engine, photo=True)  # a photo's table cells are doubted as its words are
    first = (engine.recognise(prepared.image, dpi=record.dpi, timeout=timeout, name=name, page=page, started=started)
             if isinstance(engine, TableReading) else
             engine.recognise(prepared.image, dpi=record.dpi, timeout=timeout, name=name, page=page))
    if on_read is not None:
        on_read()
    result = _reread(first, prepared.image, engine, timeout, record, name, page)
    if result.confidence is not None and result.confidence < dust.DUSTY_BELOW and speckle.SPECKLE not in record.cleaned:
        result, record = _without_dust(result, prepared.image, engine, timeout, name, page, record)
    doubtful = result.confidence is not None and result.confidence < LOW_CONFIDENCE
    if doubtful and not prepared.osd_asked:
        osd = engine.orientation(prepared.image, timeout=timeout)
        if osd is not None and osd.rotate and osd.confidence >= SECOND_LOOK_CONFIDENCE:
            turned = Image.fromarray(orient.rotate(np.asarray(prepared.image), osd.rotate))
            again = _reread(engine.recognise(turned, dpi=record.dpi, timeout=timeout, name=name, page=page),
                            turned, engine, timeout, record, name, page)
            if (again.confidence or 0.0) > (result.confidence or 0.0):
                rotation = (record.rotation + osd.rotate) % 360
                return replace(again, preparation=replace(record, rotation=rotation,
                                                           how="OSD after low confidence"))
    return replace(result, preparation=record)
