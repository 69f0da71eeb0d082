"""Plans received by fax in the forms machines and fax servers give them (blind47): the machine's line in
its many spellings, a page mark left on a line of its own, a receiving footer, a cover sheet before the
plan, black bars where the paper ended, and a tail whose two columns tesseract read as one paragraph."""

from __future__ import annotations

import numpy as np
from PIL import Image

from khparse import load
from khparse.lines import document_lines
from khparse.pipeline import extract_source
from khparse.read import orient
from khparse.read.columns import reread_columns
from khparse.read.engine import OcrPage, Recorded
from khparse.read.layout import Word
from khparse.read.specks import drop_echoes

from .pdf_samples import PAGE_PNG

# As OCR read them off blind47's faxes: OCR's "0" for O ("FR0H", "T0:"), the year's "0" read "8".
FAX_LINES = [
    "JAN-25-2822 14:36 FR0H:VP UBHD H.TUY PHU0C T0:82563833987",
    "25/01/2022 10:12 S0 TU PHÁP BINH DINH 0256 3822 418",
    "FR0MH : UBND XÃ H0A NINH D0ũNG FAX N0. : 0236 3846 215",
    "12 Har. 2024 09:41 P1",
    "15-01-2020 10:02 UBND PHUONG AN CUU ĐỒNG 0224 3821 5506 P01",
    "Received: 22/82/2819 16:87 from: 62663862871 To: 62663913466 Page 1 of 3",
    "P.1/2",
    "PAGE 1/3",
]
PLAN_LINES = ["Ngày 15/01/2020 lúc 10:02 Tổ công tác họp", "15/01/2020 10:02 Tổ: họp", "Trang 2 của Kế hoạch",
              "Số: 96/KH-STTTT", "- Lưu: VT, P.01."]


def test_the_fax_machines_lines_in_their_many_forms_are_no_lines_of_the_plan() -> None:
    kept = [line.text for line in document_lines([(1, "\n".join(FAX_LINES + PLAN_LINES))])]
    assert kept == PLAN_LINES


COVER = """\
SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH QUẢNG NGÃI
PHIẾU GỬI FAX
Kính gửi: Ủy ban nhân dân huyện Sơn Tịnh
Nội dung: Kế hoạch số 96/KH-STTTT ngày 17/02/2023 về tuyên truyền chuyển đổi số năm 2023
"""
PLAN = """\
UBND TỈNH QUẢNG NGÃI
SỞ THÔNG TIN VÀ TRUYỀN THÔNG
Số: 96/KH-STTTT
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 17 tháng 02 năm 2023
KẾ HOẠCH
Tuyên truyền về chuyển đổi số năm 2023
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về chuyển đổi số.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở: theo dõi, tổng hợp.
"""


def test_a_fax_cover_sheet_before_the_plan_is_left_out() -> None:
    plan = extract_source(load.from_text(COVER + "\f" + PLAN, "fax.txt"))
    assert (plan.header.issuer, plan.header.number) == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "96/KH-STTTT")
    assert plan.header.title == "Tuyên truyền về chuyển đổi số năm 2023"
    # A page alone is the document, whatever it says.
    assert [line.text for line in document_lines([(1, COVER)])][1] == "PHIẾU GỬI FAX"


def test_black_bars_where_the_paper_ended_do_not_turn_the_page() -> None:
    # A fax's or a copier's black edges down both sides: left in, they outweighed the lines' shape and
    # the page read as upside down (0.46-0.53) or turned a quarter (blind47's standard fax).
    page = np.asarray(Image.open(PAGE_PNG).convert("L").resize((827, 1170), Image.Resampling.LANCZOS)).copy()
    page[:, :13] = 0
    page[:, -13:] = 0
    page[:3, :] = 0
    found = orient.lean(page, 100)
    assert found is not None and not found.quarter and found.upright >= orient.SURE_RATIO


def _words(line: tuple[int, ...], *items: tuple[str, float, float, float]) -> list[Word]:
    """Words of one OCR line: (text, x0, top, confidence), each 60 wide and 30 tall."""
    return [Word(text, x0, top, x0 + 60, top + 30, confidence, line) for text, x0, top, confidence in items]


# A tail as tesseract read it: "Nơi nhận:" and the first recipient paired with the signature's big
# capitals in one paragraph, the small words read as junk.
TAIL = (*_words((1, 5, 1, 1), ("sai", 100, 100, 14.0), ("TH:", 170, 100, 16.0), ("TM.", 900, 95, 96.0),
                ("ỦY", 970, 95, 96.0), ("BAN", 1040, 95, 96.0)),
        *_words((1, 5, 1, 2), ("-", 100, 140, 90.0), ("Bộ", 170, 140, 96.0), ("C}:", 240, 140, 5.0),
                ("CHỦ", 950, 140, 95.0), ("TỊCH", 1020, 140, 95.0)),
        *_words((1, 5, 1, 3), ("-", 100, 180, 90.0), ("Lưu:", 170, 180, 93.0), ("VT.", 240, 180, 92.0)))


class _Column(Recorded):
    """Reads a crop as a block: the left column's words, as tesseract reads it alone."""

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        assert block
        read = (*_words((1, 1, 1, 1), ("Nơi", 10, 10, 95.0), ("nhận:", 80, 10, 95.0)),
                *_words((1, 1, 1, 2), ("-", 10, 50, 92.0), ("Bộ", 80, 50, 96.0), ("CHQS", 150, 50, 94.0)),
                *_words((1, 1, 1, 3), ("-", 10, 90, 92.0), ("Lưu:", 80, 90, 94.0), ("VT.", 150, 90, 93.0)))
        return OcrPage(read, image.width, 94.0, image.height)


def test_a_tails_columns_read_as_one_paragraph_are_read_again_each_alone() -> None:
    page = OcrPage(TAIL, 1400, 80.0, 400)
    image = Image.new("L", (1400, 400), 255)
    again = reread_columns(page, image, _Column(), dpi=300, timeout=10, name="fax.tif", number=1)
    texts = [w.text for w in again.words]
    assert texts[:3] == ["Nơi", "nhận:", "-"] and "CHQS" in texts and "sai" not in texts
    assert {"TM.", "ỦY", "BAN", "CHỦ", "TỊCH"} <= set(texts)  # the signature's side read well: kept
    nhan = next(w for w in again.words if w.text == "nhận:")
    assert (nhan.x0, nhan.top) > (100.0, 80.0)  # back in the page's pixels, beside the crop's margin
    # Nothing better read alone (a Recorded engine reads a block as nothing): the page as it was.
    assert reread_columns(page, image, Recorded(), dpi=300, timeout=10, name="fax.tif", number=1) == page


def test_a_signatures_strokes_at_a_lines_end_do_not_make_the_next_line_an_echo() -> None:
    # "- Các tổ công tác; : j5..." with the strokes read tall and unsure; "- Lưu: HSKH." under it.
    above = (*_words((1, 5, 1, 1), ("-", 100, 846, 93.0), ("Các", 170, 846, 96.0), ("tổ", 240, 846, 96.0),
                     ("tác;", 310, 846, 96.0)),
             Word(":", 1250, 850, 1260, 880, 30.0, (1, 5, 1, 1)),
             Word("j5...", 1290, 840, 1400, 920, 20.0, (1, 5, 1, 1)))
    below = tuple(_words((1, 5, 1, 2), ("Lưu:", 170, 891, 92.0), ("HSKH.", 240, 890, 90.0)))
    assert drop_echoes((*above, *below))[-2:] == below


TAIL_PLAN = """\
ỦY BAN NHÂN DÂN
HUYỆN MINH HÓA
Số: 41/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Minh Hóa, ngày 10 tháng 3 năm 2020
KẾ HOẠCH
Chuyển đổi số năm 2020
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về chuyển đổi số.
Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
{authority}
{position}
Đinh Văn Hòa
"""


def test_a_position_a_fax_garbled_with_a_sign_before_it_or_inside_a_word() -> None:
    def position(authority: str, printed: str) -> str | None:
        plan = extract_source(load.from_text(TAIL_PLAN.format(authority=authority, position=printed), "fax.txt"))
        return plan.signer.position if plan.signer else None

    assert position("TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", "PHÓ CHỦ 1 ỊCH") == "PHÓ CHỦ TỊCH"
    assert position("TL. CHỦ TỊCH", "/Z TRƯỞNG PHÒNG") == "TRƯỞNG PHÒNG"


def _signed_tail() -> tuple[OcrPage, Image.Image]:
    """A tail at 300 dpi: the authority and the title in the right column, "Nơi nhận:" on the left, and
    under the block a name in black (0) with a pen's loop in lighter ink (90) across it."""
    image = Image.new("L", (2400, 1400), 240)
    pixels = np.asarray(image).copy()
    pixels[600:640, 1500:1900] = 0  # the name's print
    pixels[560:680:6, 1400:2000] = 90  # the pen's strokes over it
    words = (*_words((1, 9, 1, 1), ("Nơi", 300, 300, 95.0), ("nhận:", 370, 300, 95.0), ("TM.", 1450, 300, 96.0),
                     ("ỦY", 1520, 300, 96.0), ("BAN", 1590, 300, 96.0)),
             *_words((1, 9, 1, 2), ("-", 300, 345, 90.0), ("UBND", 370, 345, 95.0), ("tỉnh;", 440, 345, 95.0),
                     ("CHỦ", 1550, 345, 95.0), ("TỊCH", 1620, 345, 95.0)),
             *_words((1, 9, 1, 3), ("2", 1500, 605, 40.0), ("qua", 1570, 605, 35.0)))
    return OcrPage(words, 2400, 90.0, 1400), Image.fromarray(pixels)


class _Ink(Recorded):
    """Reads the name where the crop holds the print alone, junk where the pen's ink is left in."""

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        pen = bool(((np.asarray(image) > 50) & (np.asarray(image) < 200)).any())
        words = _words((1, 1, 1, 1), ("2", 130, 221, 40.0), ("qua", 200, 221, 35.0)) if pen else \
            _words((1, 1, 1, 1), ("Trịnh", 130, 221, 93.0), ("Thu", 200, 221, 95.0), ("Hà", 270, 221, 95.0))
        return OcrPage(tuple(words), image.width, 90.0, image.height)


def test_a_name_a_pen_crossed_is_read_again_with_the_darkest_ink_alone() -> None:
    from khparse.read.signature import reread_signer

    page, image = _signed_tail()
    again = reread_signer(page, image, _Ink(), dpi=300, timeout=10, name="scan.pdf", number=2)
    texts = [w.text for w in again.words]
    assert texts[-3:] == ["Trịnh", "Thu", "Hà"] and "qua" not in texts  # the junk at its place gives way
    assert again.words[-1].top == 605 and abs(again.words[-3].x0 - 1500) <= 1  # in the page's pixels
    # A name the page read surely is left as it is, and so is a page without a signature block.
    named = OcrPage((*page.words[:-2], *_words((1, 9, 1, 4), ("Lê", 1500, 605, 95.0), ("Văn", 1570, 605, 95.0),
                                                ("Nam", 1640, 605, 95.0))), 2400, 90.0, 1400)
    assert reread_signer(named, image, _Ink(), dpi=300, timeout=10, name="scan.pdf", number=2) == named
    body = OcrPage(page.words[-2:], 2400, 90.0, 1400)
    assert reread_signer(body, image, _Ink(), dpi=300, timeout=10, name="scan.pdf", number=2) == body
