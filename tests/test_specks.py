"""Specks before a line's first word (read/specks.py): a fax's dot read as "-_" before "I. NỘI DUNG"
hid the heading's numeral, and every later section was numbered one too low."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from khparse.read.engine import OcrPage, Recorded
from khparse.read.layout import Word
from khparse.read.prepare import recognise
from khparse.read.specks import drop_leading_specks


def _line(*words: tuple[str, int, int, int, int], line: int = 1) -> list[Word]:
    return [Word(text, x0, top, x1, bottom, 90.0, (1, 1, 1, line)) for text, x0, top, x1, bottom in words]


HEADING = _line(("-_", 436, 3112, 438, 3114), ("II.", 470, 3078, 520, 3136), ("NỘI", 554, 3076, 666, 3138),
                ("DUNG", 690, 3076, 850, 3138))
BULLET = _line(("-", 300, 3300, 317, 3304), ("Tuyên", 340, 3270, 470, 3320), ("truyền", 490, 3270, 650, 3320),
               line=2)


def test_a_speck_before_a_heading_goes_and_a_dash_bullet_stays() -> None:
    kept = drop_leading_specks((*HEADING, *BULLET))
    assert [w.text for w in kept] == ["II.", "NỘI", "DUNG", "-", "Tuyên", "truyền"]
    assert drop_leading_specks(tuple(BULLET)) == tuple(BULLET)
    lone = tuple(_line((".", 100, 100, 103, 103), line=3))  # a line of nothing but a speck stays as read
    assert drop_leading_specks(lone) == lone


def test_an_ocr_page_is_read_without_its_specks() -> None:
    page = Image.new("L", (2480, 3508), 255)
    engine = Recorded({1: OcrPage((*HEADING, *BULLET), 2480, 90.0, 3508)})
    read = recognise(page, 300, engine=engine, timeout=10, name="fax.pdf", page=1)
    assert [w.text for w in read.words][:3] == ["II.", "NỘI", "DUNG"]


def _fax_lines(font: str) -> Image.Image:
    """Eight lines of a 150 dpi bi-level fax printed in `font` (DejaVu, as the scan tests print)."""
    from PIL import ImageDraw, ImageFont

    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{font}", 25)
    line = "Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;"
    for k in range(8):
        draw.text((60, 200 + k * 45), line, font=face, fill=0)
    return page.point(lambda v: 0 if v < 160 else 255)


def test_a_fax_of_thin_strokes_is_scaled_up_before_its_median() -> None:
    # A serif face's one-pixel strokes at 150 dpi: a 3 x 3 median first takes a sixth of their ink.
    import numpy as np

    from khparse.read import speckle
    from khparse.read.prepare import prepare

    thin, thick = (np.asarray(_fax_lines(font)) for font in ("DejaVuSerif.ttf", "DejaVuSans-Bold.ttf"))
    assert speckle.eats_strokes(thin, speckle.despeckle(thin, None))
    assert not speckle.eats_strokes(thick, speckle.despeckle(thick, None))
    prepared = prepare(Image.fromarray(thin), 150, engine=Recorded(), timeout=10)
    assert prepared.preparation.cleaned == ("speckle", "resolution 150 → 300 dpi")
    # Scaled first, the median after: the strokes keep their ink (a median first would halve them).
    ink = np.count_nonzero(np.asarray(prepared.image) < 128) / 4
    assert ink > 0.9 * np.count_nonzero(thin < 128)


def test_a_dash_bullet_read_as_a_look_alike_is_a_dash() -> None:
    line = _line(("ˆ", 300, 3290, 318, 3300), ("Đơn", 340, 3270, 420, 3320), ("vị", 430, 3270, 470, 3320), line=4)
    assert [w.text for w in drop_leading_specks(tuple(line))] == ["-", "Đơn", "vị"]
    inside = _line(("Quý", 300, 3270, 380, 3320), ("~", 390, 3290, 400, 3300), ("II", 410, 3270, 450, 3320), line=5)
    assert drop_leading_specks(tuple(inside)) == tuple(inside)  # only before the line's first word


# The tail of a Party plan, printed in Times and scanned at 300 dpi: "- Lưu: VPĐU." a little above the
# signer's name across the page; tesseract read one paragraph of two lines, the second beginning with
# the first's words read again, and gave "Lưu:" a box 5 pixels wide.
TAIL = (*_line(("-", 356, 687, 368, 690), ("Lưu:", 461, 678, 466, 700), ("VPĐU.", 483, 669, 614, 700)),
        *[Word(t, x0, top, x1, bottom, c, (1, 1, 1, 2)) for t, x0, top, x1, bottom, c in (
            ("ưu:", 411, 673, 455, 700, 65.0), ("VEĐU", 575, 669, 604, 700, 26.0),
            ("Phan", 1439, 696, 1552, 733, 96.0), ("Thị", 1567, 696, 1643, 742, 96.0),
            ("Thu", 1658, 696, 1748, 733, 96.0), ("Hiền", 1765, 694, 1868, 733, 97.0))])


def test_the_echo_of_a_line_read_twice_goes_and_the_line_beside_it_stays() -> None:
    from khparse.read.layout import page_lines
    from khparse.read.specks import drop_echoes

    kept = drop_echoes(TAIL)
    assert [w.text for w in kept] == ["-", "Lưu:", "VPĐU.", "Phan", "Thị", "Thu", "Hiền"]
    # The dash tesseract set apart from the word it leads opens no column of its own.
    assert page_lines(kept, 2481) == ["- Lưu: VPĐU.", "Phan Thị Thu Hiền"]
    # Lines that only follow each other, each at its own height, lose nothing; nor does a sure word.
    assert drop_echoes((*HEADING, *BULLET)) == (*HEADING, *BULLET)
    sure = tuple(replace(w, confidence=99.0) if w.text == "VEĐU" else w for w in TAIL)
    assert [w.text for w in drop_echoes(sure)].count("VEĐU") == 1


def test_a_quotation_closes_in_the_style_it_opened_in() -> None:
    from khparse.read.specks import paired_quotes

    assert paired_quotes('phong trào "Bình dân học vụ số” trong') == 'phong trào "Bình dân học vụ số" trong'
    assert paired_quotes('mô hình “Dân vận khéo" và “Sáng kiến”') == "mô hình “Dân vận khéo” và “Sáng kiến”"
    stray = '" ' + "x" * 300 + ' “Dân vận khéo"'  # a stray mark long before decides nothing
    assert paired_quotes(stray).endswith("“Dân vận khéo”")


def test_a_line_of_junk_and_the_sheets_edge_read_as_strokes_go() -> None:
    from khparse.read.specks import drop_edge_strokes, drop_junk_lines

    # A phone photo: the desk's grain read as a line (confidences 0-40), the sheet's slanted left edge
    # read as "|", "I", "i" down the page; a real "i" and a line read poorly but read stay.
    junk = tuple(Word(t, 300 + 60 * k, 260, 350 + 60 * k, 290, c, (1, 1, 1, 1))
                 for k, (t, c) in enumerate([("ƒ—", 0.0), ("Ác", 25.0), ("GÌ", 13.0), ("mai", 0.0), ("LÂM", 55.0)]))
    faint = tuple(Word(t, 300 + 80 * k, 400, 370 + 80 * k, 440, 45.0, (1, 2, 1, 1))
                  for k, t in enumerate(["Căn", "cứ"]))
    assert drop_junk_lines((*junk, *faint)) == faint
    edge = tuple(Word(t, x, y, x + 10, y + 120, 80.0, (1, k + 3, 1, 1))
                 for k, (t, x, y) in enumerate([("|", 356, 277), ("I", 353, 442), ("i", 333, 829), ("|", 303, 1266),
                                                ("i", 289, 1646), ("|", 277, 1754), ("|", 260, 2035)]))
    lone = Word("i", 1430, 775, 1444, 804, 53.0, (1, 20, 1, 1))
    assert drop_edge_strokes((*edge, lone), 2340, 3125) == (lone,)


def test_underscores_read_before_a_word_go() -> None:
    from khparse.read.tesseract import ocr_letters

    assert ocr_letters("__IH.") == "IH." and ocr_letters("_Số") == "Số"
    assert ocr_letters("__") == "__" and ocr_letters("a_b") == "a_b"
    assert ocr_letters("'KẾ") == "KẾ" and ocr_letters("7M.") == "TM." and ocr_letters("7M") == "7M"
    # blind36's yellowed 2007 sheet: the T's bar faded, "TM." read "1M.".
    assert ocr_letters("1M.") == "TM." and ocr_letters("1/M") == "T/M" and ocr_letters("1M") == "1M"
    assert ocr_letters("~") == "-" and ocr_letters("5~10") == "5~10"  # blind38: "Văn hóa ~ Xã hội"


def test_a_letter_vietnamese_does_not_write_read_in_doubt_is_a_speck() -> None:
    # blind34's crumpled sheet: a crease read "Ñ" (at 28) after the title's last word.
    from khparse.read.specks import drop_foreign_letters

    title = tuple(_line(("năm", 100, 100, 180, 140), ("2026", 200, 100, 290, 140), ("Ñ", 320, 98, 350, 142)))
    title = tuple(replace(w, confidence=28.0) if w.text == "Ñ" else w for w in title)
    assert [w.text for w in drop_foreign_letters(title)] == ["năm", "2026"]
    # Vietnamese letters, a dash bullet's look-alike, and a foreign letter read with confidence stay.
    kept = tuple(replace(w, confidence=10.0) for w in _line(
        ("Ý", 100, 200, 130, 240), ("y", 150, 200, 170, 240), ("ở", 190, 200, 210, 240), ("Đ", 230, 200, 260, 240),
        ("f", 280, 200, 290, 240), ("ˆ", 300, 200, 310, 240), line=2))
    assert drop_foreign_letters(kept) == kept
    sure = tuple(_line(("đợt", 100, 300, 160, 340), ("ï", 180, 300, 190, 340), line=3))
    assert drop_foreign_letters(sure) == sure
