"""What a plan carries after its signature (blind33): forms to fill in ("Mẫu số 01" with its own header
and signature line, a statistics sheet of blank rows, a survey's boxes to tick), besides its Phụ lục of
tasks. The plan's tail is its own; a form's rows are no data of the plan."""

from __future__ import annotations

import khparse
from khparse.headings import section_kind
from khparse.model import SectionKind

PLAN = """\
SỞ TƯ PHÁP TỈNH THÁI NGUYÊN
Số: 31/KH-STP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 14 tháng 4 năm 2026

KẾ HOẠCH
Tổ chức Cuộc thi viết tìm hiểu pháp luật năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiểu biết pháp luật.
II. ĐỐI TƯỢNG, HÌNH THỨC THI
Cán bộ, công chức đăng ký theo Mẫu số 01.
III. TỔ CHỨC THỰC HIỆN
1. Phòng Phổ biến, giáo dục pháp luật: chủ trì tổ chức Cuộc thi.
Trên đây là Kế hoạch của Sở Tư pháp./.

Nơi nhận:
- UBND tỉnh (để b/c);
- Lưu: VT, PBGDPL.
GIÁM ĐỐC

Đào Xuân Trường
\f
Mẫu số 01
(Kèm theo Kế hoạch số 31/KH-STP ngày 14/4/2026 của Sở Tư pháp)
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
PHIẾU ĐĂNG KÝ DỰ THI
1. Họ và tên: ……………………………
2. Hình thức dự thi: ☐ Cá nhân ☐ Tập thể
……, ngày … tháng … năm 2026
NGƯỜI ĐĂNG KÝ
(Ký, ghi rõ họ tên)
\f
Biểu số 02
TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH
(Kèm theo Kế hoạch số 31/KH-STP ngày 14/4/2026 của Sở Tư pháp)

| STT | Chỉ tiêu | Đơn vị tính | Kết quả trong tháng | Lũy kế | Ghi chú |
| --- | --- | --- | --- | --- | --- |
| (1) | (2) | (3) | (4) | (5) | (6) |
| 1 | Số hồ sơ tiếp nhận | Hồ sơ |  |  |  |
| 2 | Số hồ sơ giải quyết đúng hạn | Hồ sơ |  |  |  |
| … | … |  |  |  |  |
|  | Tổng cộng |  |  |  |  |

THỦ TRƯỞNG ĐƠN VỊ
(Ký tên, đóng dấu)
"""


def test_a_form_after_the_signature_leaves_the_plan_s_signer_and_holds_no_rows() -> None:
    plan = khparse.extract(PLAN)
    assert plan.signer is not None
    assert (plan.signer.position, plan.signer.name) == ("GIÁM ĐỐC", "Đào Xuân Trường")
    assert [s.numeral for s in plan.sections] == ["I", "II", "III"]
    assert sum(len(a.rows) for a in plan.appendices) == 0


def test_blank_rows_of_a_form_are_dropped_and_rows_with_data_kept() -> None:
    filled = PLAN.replace("| Hồ sơ |  |  |  |", "| Hồ sơ | 120 | 350 |  |")
    plan = khparse.extract(filled)
    assert [row[1] for a in plan.appendices for row in a.rows] == ["Số hồ sơ tiếp nhận", "Số hồ sơ giải quyết đúng hạn"]


def test_boxes_to_tick_laid_out_as_a_table_are_no_rows() -> None:
    survey = PLAN.split("\f")[0] + (
        "\fPHỤ LỤC II\nPHIẾU LẤY Ý KIẾN\nCâu 1. Ông/bà biết thông tin qua kênh nào?\n"
        "| ☐ Hội nghị | ☐ Loa truyền thanh | ☐ Mạng xã hội | ☐ Tờ gấp |\n| --- | --- | --- | --- |\n"
        "| ☐ Dễ hiểu | ☐ Khó hiểu | ☐ Khác |  |\n")
    plan = khparse.extract(survey)
    assert len(plan.appendices) == 1 and not plan.appendices[0].rows


def test_a_section_of_a_contest_s_entrants_and_forms_is_named_by_its_first_word() -> None:
    assert section_kind("ĐỐI TƯỢNG, HÌNH THỨC THI") is SectionKind.audience
    assert section_kind("HÌNH THỨC, ĐỐI TƯỢNG TUYÊN TRUYỀN") is SectionKind.forms
