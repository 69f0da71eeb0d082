"""Plans of domains earlier sets met least and plans of the two-tier local government (blind45, blind46):
a ceremony's programme table, sections named by activities and programmes, civil servants named by
fields joined with dashes, forces as units, "Nhân dân" after a task's verb, a law whose name holds
another kind's words, OCR's sắc for a hỏi in units' names, and the rule under a title read before the
basis."""

from __future__ import annotations

from khparse import load
from khparse.headings import section_kind
from khparse.model import SectionKind
from khparse.pipeline import extract_source
from khparse.read import ocr_marks
from khparse.read.layout import Word

PLAN = """\
ỦY BAN NHÂN DÂN
PHƯỜNG ĐÔNG HƯƠNG
Số: 31/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đông Hương, ngày 05 tháng 3 năm 2024

KẾ HOẠCH
Tổ chức Giải bóng chuyền hơi phường năm 2024
__ Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 ngày 19 tháng 02 năm 2025;

I. MỤC ĐÍCH, YÊU CẦU
Đẩy mạnh phong trào thể dục, thể thao quần chúng.
II. CHƯƠNG TRÌNH KHAI MẠC
| Thời gian | Nội dung | Người thực hiện |
|---|---|---|
| 07h00 - 07h30 | Đón tiếp đại biểu | Ban Tổ chức |
| 07h30 - 07h35 | Chào cờ, tuyên bố lý do | Người dẫn chương trình |
| 07h35 - 07h45 | Diễn văn khai mạc | Đồng chí Chủ tịch UBND phường |
III. CÁC HOẠT ĐỘNG CHÍNH
Thi đấu vòng tròn tính điểm.
IV. TỔ CHỨC THỰC HIỆN
1. Công chức Địa chính - Xây dựng - Đô thị và Môi trường
- Chuẩn bị sân thi đấu.
2. Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở
- Bảo đảm an ninh trong những ngày thi đấu.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường
Vận động Nhân dân tham gia cổ vũ.
"""


def test_a_ceremonys_programme_names_no_units_and_the_tasks_section_does() -> None:
    plan = extract_source(load.from_text(PLAN, "plan.md"))
    assert [a.unit for a in plan.assignments] == [
        "Công chức Địa chính - Xây dựng - Đô thị và Môi trường",
        "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường"]
    assert [s.kind for s in plan.sections] == [SectionKind.purpose_requirements, SectionKind.content,
                                               SectionKind.content, SectionKind.implementation]
    assert plan.header.title == "Tổ chức Giải bóng chuyền hơi phường năm 2024"
    assert [(c.kind.value, c.number) for c in plan.legal_basis] == [("law", "64/2025/QH15")]


def test_a_task_table_with_deadlines_still_gives_units() -> None:
    table = PLAN.replace("07h00 - 07h30", "Tháng 3/2024").replace("07h30 - 07h35", "Quý II/2024") \
        .replace("07h35 - 07h45", "Thường xuyên").replace("Người thực hiện", "Đơn vị thực hiện")
    units = [a.unit for a in extract_source(load.from_text(table, "plan.md")).assignments]
    assert units[:3] == ["Ban Tổ chức", "Người dẫn chương trình", "Đồng chí Chủ tịch UBND phường"]


def test_sections_named_by_activities_and_programmes_are_content() -> None:
    assert section_kind("CHƯƠNG TRÌNH NGÀY HỘI") is SectionKind.content
    assert section_kind("CÁC HOẠT ĐỘNG CHÍNH") is SectionKind.content
    assert section_kind("KINH PHÍ HOẠT ĐỘNG") is SectionKind.budget
    assert section_kind("CÔNG TÁC CHUẨN BỊ") is SectionKind.other


def _line(*texts: str, confidence: float = 95.0) -> tuple[Word, ...]:
    return tuple(Word(t, 100.0 * i, 0.0, 100.0 * i + 80, 30.0, confidence=confidence) for i, t in enumerate(texts))


def test_a_units_words_read_with_a_sac_for_a_hoi_are_put_right() -> None:
    # Read at 93-96 off scans and faxes, beyond the doubt of the language model's rules.
    assert [w.text for w in ocr_marks.reread_marks(_line("3.", "Tống", "phụ", "trách", "Đội:"))] == \
        ["3.", "Tổng", "phụ", "trách", "Đội:"]
    assert [w.text for w in ocr_marks.reread_marks(_line("Khoa", "Kiếm", "soát", "bệnh", "tật"))][1] == "Kiểm"
    assert [w.text for w in ocr_marks.reread_marks(_line("Đội", "Tống", "hợp"))][1] == "Tổng"
