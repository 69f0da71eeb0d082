"""Plans from the Central Highlands, the Khmer areas and the northern mountains (blind41): a border post
under its province's border guard command, a school's Young Pioneers as a unit, recipients after the
closing sentence whose "Nơi nhận:" a scan garbled, and place names the gazetteer tells apart by their marks."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source
from khparse.read import ocr_marks
from khparse.read.layout import Word

PLAN = """\
BỘ CHỈ HUY QUÂN SỰ TỈNH GIA LAI
BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG
ĐỒN BIÊN PHÒNG IA MƠ
Số: 36/KH-ĐBP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Ia Mơ, ngày 12 tháng 01 năm 2026

KẾ HOẠCH
Cải cách hành chính năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng giải quyết thủ tục hành chính tại Đồn.
II. TỔ CHỨC THỰC HIỆN
1. Liên đội: Tổ chức sân khấu hóa về pháp luật.
2. Tổ Vận động quần chúng: Phối hợp già làng tuyên truyền.
Trên đây là Kế hoạch cải cách hành chính năm 2026 của Đồn Biên phòng Ia Mơ./.
To 5/ý
- Ban Chỉ huy Bộ đội Biên phòng tỉnh (b/c);
TM. ĐẢNG ỦY
ĐỒN TRƯỞNG
- UBND xã Ia Mơ;
- Lưu: VT.
Trung tá Rơ Lan Thuận
"""


def test_a_border_post_its_units_and_recipients_after_a_garbled_heading() -> None:
    plan = extract_source(load.from_text(PLAN, "plan.txt"))
    assert plan.header.issuer == "ĐỒN BIÊN PHÒNG IA MƠ"
    assert plan.header.parent_issuer == "BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG"
    assert [a.unit for a in plan.assignments] == ["Liên đội", "Tổ Vận động quần chúng"]
    assert plan.recipients == ["Ban Chỉ huy Bộ đội Biên phòng tỉnh (b/c)", "UBND xã Ia Mơ", "Lưu: VT"]


def _line(*texts: str, confidence: float = 90.0) -> list[Word]:
    return [Word(t, 100.0 * i, 0.0, 100.0 * i + 80, 30.0, confidence=confidence) for i, t in enumerate(texts)]


def test_two_places_of_the_same_letters_are_told_apart_by_the_marks_read() -> None:
    """The gazetteer holds "Pà Vầy Sủ" (Hà Giang) and "Pa Vây Sử" (Lai Châu)."""
    assert [w.text for w in ocr_marks._place_names(_line("UBND", "XÃ", "PÀ", "VẦY", "SỰ"))][2:] == ["PÀ", "VẦY", "SỦ"]
    assert [w.text for w in ocr_marks._place_names(_line("UBND", "XÃ", "PA", "VÂY", "SỮ"))][2:] == ["PA", "VÂY", "SỬ"]
    assert [w.text for w in ocr_marks._place_names(_line("UBND", "XÃ", "PẢ", "VÂY", "SỰ"))][2:] == ["PẢ", "VÂY", "SỰ"]


def test_a_place_name_the_gazetteer_confirms_is_not_read_again() -> None:
    words = tuple(_line("UBND", "XÃ", "PÀ", "VẦY", "SỦ", confidence=77.0))
    assert [w.text for w in ocr_marks.reread_marks(words, photo=True)] == ["UBND", "XÃ", "PÀ", "VẦY", "SỦ"]
