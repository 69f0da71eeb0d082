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
from khparse.read.engine import Recorded
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
