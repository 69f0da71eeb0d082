"""Archive forms met in the blind32 set: a 16-bit master TIFF, a screenshot's PNG with an alpha channel,
a stencil duplicator's purple copy, a microfilm print-out (negative, with a scratch down the frame and
the camera's labels), an open bound volume's two pages in one image, and an archive's folio stamps.
No tesseract: the steps are tested on the images and lines they work on."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from khparse import load
from khparse.pipeline import extract_source
from khparse.read import grid, polarity, raster, sheets, stamps

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _text_page(width: int = 1000, height: int = 1400, paper: int = 245, ink: int = 30) -> Image.Image:
    page = Image.new("L", (width, height), paper)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT, 22)
    for k in range(30):
        draw.text((90, 100 + 40 * k), f"{k + 1}. Phòng Văn hóa - Xã hội: tuyên truyền cải cách hành chính.",
                  fill=ink, font=face)
    return page


def _encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def test_a_16_bit_tiff_is_read_in_its_own_range() -> None:
    page = np.asarray(_text_page(), dtype=np.uint16) * 257  # an 8-bit pipeline's values in 16 bits
    data = _encoded(Image.fromarray(page), "TIFF", dpi=(200, 200))
    read = np.asarray(raster.frame(data, "master.tif", 0))
    assert read.dtype == np.uint8
    assert read.min() <= 40 and np.median(read) >= 240  # print dark, paper light: not clipped to white


def test_a_transparent_screenshot_lies_on_white() -> None:
    rgba = np.zeros((200, 300, 4), np.uint8)  # transparent black: a window's shadow, see-through
    rgba[50:150, 50:250] = (250, 250, 250, 255)
    rgba[90:110, 80:220] = (20, 20, 20, 255)
    read = np.asarray(raster.frame(_encoded(Image.fromarray(rgba, "RGBA"), "PNG"), "shot.png", 0).convert("L"))
    assert read[10, 10] == 255 and read[100, 100] < 40


def test_a_page_printed_in_purple_keeps_its_print() -> None:
    grey = np.asarray(_text_page(paper=240, ink=90))
    purple = np.full((*grey.shape, 3), (238, 234, 240), np.uint8)  # the sheet, faintly mauve
    purple[grey < 200] = (140, 75, 165)  # the duplicator's ink
    assert stamps.has_colour(purple)
    read, share = stamps.drop_colour(purple)
    assert share == 0.0
    assert (read < 150).mean() > 0.01  # the letters are there


def test_a_negative_is_turned_back_to_dark_on_light() -> None:
    page = np.asarray(_text_page())
    negative = np.full((1600, 1200), 10, np.uint8)  # the frame's black border around the page
    negative[100:1500, 100:1100] = 255 - page  # light letters on dark grey paper
    assert polarity.is_negative(negative)
    assert not polarity.is_negative(page)
    assert not polarity.is_negative(np.full((800, 600), 60, np.uint8))  # a dark blank: nothing on it
    assert (polarity.inverted(negative)[100:1500, 100:1100] == page).all()
    # A light page photographed off a screen in a dark room: light in a solid area, no negative.
    room = np.full((1600, 2000), 50, np.uint8)
    room[200:1400, 700:1300] = np.asarray(_text_page(600, 1200, paper=200, ink=60))
    assert not polarity.is_negative(room)


def _spread() -> np.ndarray:
    """An open volume on a black bed: two pages, the fold between them shaded, a cover edge round them."""
    left, right = (np.asarray(_text_page(900, 1300, paper=235)) for _ in range(2))
    spread = np.full((1400, 2000), 15, np.uint8)
    spread[50:1350, 80:980] = left
    spread[50:1350, 1020:1920] = right
    shade = (235 * (0.35 + 0.65 * np.abs(np.linspace(-1, 1, 140)))).astype(np.uint8)
    spread[50:1350, 930:1070] = np.minimum(spread[50:1350, 930:1070], shade)  # the fold's shadow
    return spread


def test_facing_pages_are_cut_at_a_shaded_fold_and_their_surroundings_cleared() -> None:
    spread = _spread()
    middle = sheets.gutter(spread)
    assert middle is not None and 930 <= middle <= 1070
    stacked = sheets.stacked(spread, middle)
    half = stacked[: spread.shape[0]]
    assert (half[:, :40] >= 200).all() and (half[:30] >= 200).all()  # the bed and the cover's edge: paper
    assert (half[100:1300, 90:900] < 100).any()  # the text stays
    assert sheets.page_dpi(spread, 100) == round(1000 / 8.27)  # 20 in wide: an A3 bed's pages, A4 each
    assert sheets.page_dpi(spread[:, :1170], 100) == 71  # 11.7 in: two pages printed on an A4 sheet


def test_a_scratch_down_the_page_is_filled_in_and_a_tables_rule_is_not() -> None:
    page = np.asarray(_text_page(1200, 1700)).copy()
    page[60:1650, 600:603] = 20  # a scratch through the words
    image = Image.fromarray(page)
    found = grid.find(image, 150)
    assert found.streaks is not None and found.streaks[800, 600:603].any() and not found.grids
    cleared = np.asarray(grid.erase(image, found, 245))
    assert cleared[1000:1500, 598:606].mean() > page[1000:1500, 598:606].mean() + 60
    table = np.full((1700, 1200), 245, np.uint8)
    for y in range(200, 1500, 100):
        table[y:y + 3, 100:1100] = 20
    for x in (100, 300, 700, 1100):
        table[200:1403, x:x + 3] = 20
    assert grid.find(Image.fromarray(table), 150).streaks is None


def test_an_archive_s_stamps_and_a_microfilm_s_labels_are_no_lines_of_the_plan() -> None:
    text = ("UBND H. HUONG SON DONG - CUON 019 - KHUNG 0147\nỦY BAN NHÂN DÂN\nHUYỆN HƯƠNG SƠN ĐÔNG\n"
            "Số: 46/KH-UBND\nHương Sơn Đông, ngày 22 tháng 02 năm 2019\nKẾ HOẠCH\nPhổ biến pháp luật năm 2019\n"
            "I. MỤC ĐÍCH\nNâng cao hiểu biết.\nII. TỔ CHỨC THỰC HIỆN\n1. Phòng Tư pháp: chủ trì.\n"
            "VI PHIM LUU TRU 1:24\nNơi nhận:\n- Lưu: VT.\n000153\nPHÔNG: UBND HUYỆN\nMục lục số: 02\n"
            "Hồ sơ số: 07 / 2019\nTờ số: 153\nCHỦ TỊCH\nNguyễn Văn An\n")
    plan = extract_source(load.from_bytes(text.encode(), "film.txt"))
    assert plan.header.parent_issuer is None and plan.header.issuer == "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN ĐÔNG"
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert plan.signer is not None and plan.signer.position == "CHỦ TỊCH"


def test_a_frame_holding_most_of_a_table_is_no_table_round_it() -> None:
    # A sheet in a plastic sleeve: the binder strip's and the sheet's edges, joined to the table's
    # rules, were found as a grid of their own over most of the table (its cells read the words twice).
    table = grid.Grid(cells=(), box=(336.0, 327.0, 1608.0, 1148.0))
    frame = grid.Grid(cells=(), box=(0.0, 0.0, 1496.0, 2359.0))
    beside = grid.Grid(cells=(), box=(336.0, 1300.0, 1608.0, 1900.0))  # another table below: kept
    assert grid._innermost([table, frame]) == [table]
    assert grid._innermost([table, beside]) == [table, beside]


def test_a_page_photographed_on_a_gingham_cloth_is_found() -> None:
    from khparse.read import photo

    cloth = np.full((1000, 800), 110, np.uint8)  # red squares, in grey
    for y in range(0, 1000, 40):
        for x in range(0, 800, 40):
            if (y // 40 + x // 40) % 2 == 0:
                cloth[y:y + 40, x:x + 40] = 235  # the cloth's white squares, as light as the paper
    page = np.asarray(_text_page(560, 760, paper=232))
    cloth[120:880, 120:680] = page  # white squares touch the sheet along its sides
    seen = photo.look(cloth)
    assert seen.corners is not None
    corners = seen.corners.round()
    assert abs(corners[0][0] - 120) <= 12 and abs(corners[2][1] - 880) <= 12


def test_a_date_whose_zeros_ocr_read_as_nines_or_eights_is_read_with_zeros() -> None:
    from khparse.fields.common import find_date

    assert str(find_date("ngay 96/91/2022 cua thu tuong")[0]) == "2022-01-06"  # type: ignore[index]
    assert str(find_date("ngay 16 thang 81 nam 2826")[0]) == "2026-01-16"  # type: ignore[index]
    assert find_date("ngay 29/02/2021")[0] is None  # type: ignore[index]  # in range, no such day: not touched
    assert str(find_date("so 15/3/1234 ngay 05/06/2025")[0]) == "2025-06-05"  # type: ignore[index]


def test_a_webp_photo_is_an_image_input() -> None:
    from khparse.model import SourceKind

    data = _encoded(_text_page().convert("RGB"), "WEBP", quality=80)
    source = load.from_bytes(data, "zalo.webp")
    assert (source.kind, source.format) == (SourceKind.image, "WEBP")
    assert np.asarray(raster.frame(data, "zalo.webp", 0).convert("L")).min() < 80


def test_gif_and_bmp_scans_are_image_inputs() -> None:
    # blind35: a portal's scanned page as a 256-colour GIF was refused ("a GIF image, not a plan"), and
    # an old scanner's 24-bit BMP was taken for 6 MiB of text.
    from khparse.model import SourceKind

    page = _text_page().convert("RGB")
    for fmt, name in (("GIF", "trang.gif"), ("BMP", "trang.bmp")):
        data = _encoded(page, fmt)
        source = load.from_bytes(data, name)
        assert (source.kind, source.format) == (SourceKind.image, fmt)
        assert np.asarray(raster.frame(data, name, 0).convert("L")).min() < 80
    # Two letters alone are no bitmap: a text that starts "BM" stays text.
    assert load.from_bytes("BMT huyện ủy\nKẾ HOẠCH".encode(), "plan.txt").kind is SourceKind.text


def test_two_sheets_photographed_side_by_side_are_prepared_each_on_its_own() -> None:
    from khparse.read.engine import Recorded
    from khparse.read.prepare import prepare

    rng = np.random.default_rng(3)
    desk = (np.linspace(90, 150, 2400)[None, :] + rng.normal(0, 6, (1700, 2400))).clip(0, 255).astype(np.uint8)
    sheet = np.asarray(_text_page(1000, 1400, paper=225))
    desk[150:1550, 80:1080] = sheet
    desk[150:1550, 1320:2320] = np.asarray(_text_page(1000, 1400, paper=205))  # the right sheet less lit
    rgb = np.repeat(desk[..., None], 3, axis=2)
    prepared = prepare(Image.fromarray(rgb), 150, engine=Recorded(), timeout=10)
    assert sheets.SPLIT in prepared.preparation.cleaned
    assert prepared.image.height > 1.5 * prepared.image.width  # one sheet over the other
