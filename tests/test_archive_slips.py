"""Slips blind24's archive scans showed (a 150 dpi fax, a received stamp, a skewed scan, a mix): a
date's month read as no figure, a symbol's capital read small, an acronym's Đ lost to the marks'
re-reading, a border post as a unit, a dash read as a backtick after a unit."""

from __future__ import annotations

from collections.abc import Sequence

from PIL import Image

from khparse import load
from khparse.fields.assignments import looks_like_unit
from khparse.pipeline import extract_source
from khparse.read import codes
from khparse.read.engine import OcrPage, Recorded
from khparse.read.layout import Word


def _line(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t, 100 + 80 * k, 100, 160 + 80 * k, 130, 90.0, (1, 1, 1, 1)) for k, t in enumerate(texts))


class _Unreadable(Recorded):
    """Reads every crop as nothing a figure can be made of (the fax's italic "01")."""

    def read_crops(self, crops: Sequence[Image.Image], *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        return [(Word("Ớ†", 0, 0, 10, 10, 40.0, (1, 1, 1, 1)),) for _ in crops]


def test_a_month_read_as_look_alikes_of_its_digits() -> None:
    image = Image.new("L", (800, 200), 255)
    words = _line("ngày", "28", "tháng", "Ø†", "năm", "2026")
    assert [w.text for w in codes.reread_codes(words, image, _Unreadable(), 10.0)][3] == "01"
    # Only in a date's slot, and only a figure a month can be: "tháng Ø† năm" → 01, not "tháng ØØ".
    assert codes.reread_codes(_line("tháng", "ØØ", "năm"), image, _Unreadable(), 10.0)[1].text == "ØØ"
    assert codes.reread_codes(_line("nội", "Ø†", "dung"), image, _Unreadable(), 10.0)[1].text == "Ø†"


def test_a_symbols_capital_read_small_and_an_acronyms_bar_lost() -> None:
    assert codes.mend_symbol("09/kH-VP") == "09/KH-VP"
    assert codes.mend_symbol("01/QĐ-TTg") is None  # the Prime Minister's small g is the symbol's
    image = Image.new("L", (800, 200), 255)
    read = codes.reread_codes(_line("Văn", "phòng", "HDND", "và", "UBND"), image, Recorded(), 10.0)
    assert [w.text for w in read] == ["Văn", "phòng", "HĐND", "và", "UBND"]


def test_a_border_post_is_a_unit_and_a_backtick_no_part_of_its_name() -> None:
    assert looks_like_unit("Đồn Biên phòng Lý Sơn") and looks_like_unit("Đồn Công an Cửa khẩu")
    assert not looks_like_unit("Đôn đốc các đơn vị thực hiện")
    text = ("ỦY BAN NHÂN DÂN\nĐẶC KHU LÝ SƠN\nSố: 08/KH-UBND\nLý Sơn, ngày 26 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Tuyên truyền cải cách hành chính năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Đồn Biên phòng Lý Sơn: đề nghị phối hợp tuyên truyền.\n"
            "2. Trưởng các thôn `\n` Tuyên truyền tại các cuộc họp thôn./.\n")
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))
    assert [a.unit for a in plan.assignments] == ["Đồn Biên phòng Lý Sơn", "Trưởng các thôn"]


def _framed_page(box: tuple[int, int, int, int]) -> Image.Image:
    """A 300 dpi A4 page with a frame of 4 px rules (x0, top, x1, bottom) and some print in it."""
    from PIL import ImageDraw

    page = Image.new("L", (2480, 3508), 235)
    draw = ImageDraw.Draw(page)
    draw.rectangle(box, outline=60, width=4)
    for k in range(3):  # lines of "letters": strokes far shorter than a rule
        for x in range(box[0] + 40, box[0] + 300, 16):
            draw.rectangle((x, box[1] + 40 + 60 * k, x + 4, box[1] + 70 + 60 * k), fill=40)
    return page


class _Seen(Recorded):
    """Keeps the image each page reading was given."""

    def recognise(self, image: Image.Image, **kwargs: object) -> OcrPage:  # type: ignore[override]
        object.__setattr__(self, "seen", image)
        return OcrPage((), image.width, None, image.height)


def test_a_stamps_frame_is_painted_over_before_the_page_is_read() -> None:
    import numpy as np

    from khparse.read.grid import TableReading, find

    stamp = (260, 310, 1000, 700)  # a received stamp's box: 0.30 of the width, 0.11 of the height
    found = find(_framed_page(stamp), 300)
    assert found.grids == () and found.frames is not None and found.frames[310, 500] > 0
    engine = _Seen()
    TableReading(engine).recognise(_framed_page(stamp), dpi=300, timeout=10.0, name="p", page=1)
    seen = np.asarray(engine.seen)  # type: ignore[attr-defined]
    assert seen[310:314, 400:900].min() > 200  # the frame's top rule is gone
    before = np.asarray(_framed_page(stamp))
    assert ((seen[340:520, 290:570] < 100) == (before[340:520, 290:570] < 100)).all()  # the print inside stays
    # A box round the whole page is no stamp's frame, and a small box (a page number's) none at all.
    assert find(_framed_page((60, 60, 2420, 3440)), 300).frames is None
    assert find(_framed_page((1100, 100, 1250, 160)), 300).frames is None


def test_a_plans_number_whose_label_was_lost() -> None:
    from khparse.lines import Line
    from khparse.outline.front import number_in

    def line(text: str) -> Line:
        from khparse.fold import fold

        return Line(text, text, fold(text), 1, 1, False)

    assert number_in(line("-08/KH-UBND")) == ("08/KH-UBND", 1, 11)
    assert number_in(line("-08/KH-UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))[0] == "08/KH-UBND"  # type: ignore[index]
    assert number_in(line("04-KH/ĐU")) is not None
    for other in ("76/NQ-CP", "08/KH-UBND ngày 12/01/2026 của UBND tỉnh", "Kế hoạch 08/KH-UBND"):
        assert number_in(line(other)) is None


def test_a_branch_of_a_body_is_chi_not_chi_with_a_tone() -> None:
    from khparse.fields.spelling import PlanWords, respell_units
    from khparse.model.drafts import Assignment

    plan = PlanWords(["Thường trực Hội Chữ thập đỏ xã phối hợp tiếp nhận máu."], letters=True)
    units = ["Chỉ hội Chữ thập đỏ các ấp", "CHỈ BỘ THÔN AN PHÚ", "Chỉ huy trưởng Ban Chỉ huy quân sự xã"]
    out = respell_units([Assignment(unit=u) for u in units], plan)
    assert [a.unit for a in out] == ["Chi hội Chữ thập đỏ các ấp", "CHI BỘ THÔN AN PHÚ",
                                     "Chỉ huy trưởng Ban Chỉ huy quân sự xã"]


def test_a_cooperatives_header_and_a_title_broken_with_a_hyphen() -> None:
    text = ("HỢP TÁC XÃ NÔNG NGHIỆP\nDỊCH VỤ TỔNG HỢP YÊN LẠC\nĐÔNG\nSố: 03/KH-HTX\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT-\nNAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Yên Lạc Đông, ngày 26 tháng 02 năm 2026\nKẾ HOẠCH\nSản xuất, kinh doanh năm 2026\n"
            "Căn cứ Luật Hợp tác xã số.17/2023/QH15 ngày 20 tháng 6 năm 2023;\n"
            "I. MỤC TIÊU\nTăng doanh thu.\nII. TỔ CHỨC THỰC HIỆN\n1. Ban Kiểm soát: kiểm tra./.\n")
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))
    assert (plan.header.issuer, plan.header.number) == (  # type: ignore[attr-defined]
        "HỢP TÁC XÃ NÔNG NGHIỆP DỊCH VỤ TỔNG HỢP YÊN LẠC ĐÔNG", "03/KH-HTX")
    assert [c.number for c in plan.legal_basis] == ["17/2023/QH15"]  # type: ignore[attr-defined]
