"""Two pages printed on one sheet (read/sheets.py): read as one page, the pages' lines met on every row
and the right page's units and signer were lost."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from khparse.read import sheets
from khparse.read.engine import Recorded
from khparse.read.prepare import prepare

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _page(first: int) -> Image.Image:
    """An A4 page at 141 dpi (an A4 page printed on half an A4 sheet scanned at 200 dpi)."""
    page = Image.new("L", (1166, 1650), 240)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT, 22)
    for k in range(40):
        line = f"{first + k}. Phòng Tổ chức - Hành chính: tham mưu triển khai."
        draw.text((160, 120 + 34 * k), line, fill=30, font=face)
    return page


def _sheet() -> np.ndarray:
    sheet = Image.new("L", (2338, 1654), 240)
    sheet.paste(_page(1), (0, 2))
    sheet.paste(_page(41), (1172, 2))
    return np.asarray(sheet)


def test_a_sheet_of_two_pages_is_cut_at_its_gutter_and_read_left_page_first() -> None:
    sheet = _sheet()
    middle = sheets.gutter(sheet)
    ink = (sheet < 128).any(axis=0)
    assert middle is not None and not ink[middle]
    assert ink[:middle].any() and ink[middle:].any() and not ink[middle - 50:middle + 50].any()
    stacked = sheets.stacked(sheet, middle)
    assert stacked.shape == (2 * sheet.shape[0], max(middle, sheet.shape[1] - middle))
    assert np.array_equal(stacked[:1654, :1000], sheet[:, :1000])  # the left page on top
    prepared = prepare(Image.fromarray(sheet), 200, engine=Recorded(), timeout=10)
    assert prepared.preparation.cleaned[0] == sheets.SPLIT
    assert prepared.preparation.dpi == 300  # 141 dpi print, scaled up as any such page is


def test_a_landscape_table_and_a_portrait_page_are_no_sheets_of_two() -> None:
    table = Image.new("L", (2338, 1654), 240)
    draw = ImageDraw.Draw(table)
    for y in range(200, 1500, 100):  # rows ruled across the page
        draw.line((150, y, 2200, y), fill=20, width=3)
    for x in (150, 400, 1100, 1700, 2200):
        draw.line((x, 200, x, 1400), fill=20, width=3)
    assert sheets.gutter(np.asarray(table)) is None
    assert sheets.gutter(np.asarray(_page(1))) is None
    one_page_turned = np.asarray(_page(1).rotate(90, expand=True))
    assert sheets.gutter(one_page_turned) is None


def test_a_standard_fax_has_its_lines_made_square() -> None:
    # 204 x 98 dpi (a fax at "standard" resolution): read as stored, every letter is half its height.
    from khparse.read.raster import squared

    fax = Image.new("1", (1728, 1100), 1)
    made = squared(fax, 204.0, 98.0)
    assert made.size == (1728, round(1100 * 204 / 98)) and made.mode == "L"
    assert squared(fax, 200.0, 200.0) is fax and squared(fax, 300.0, 295.0) is fax
