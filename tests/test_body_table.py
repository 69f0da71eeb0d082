"""A task table laid out with spaces inside a section ("IV. PHÂN CÔNG NHIỆM VỤ"): its lead column may be
a "Bộ phận chủ trì", its cells wrap onto lines of their own (one starting with a figure), and the
paragraph after it is no part of its last row."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

PLAN = """\
  SỞ GD&ĐT TỈNH AN LẠC                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TRƯỜNG THPT BÌNH MINH                          Độc lập - Tự do - Hạnh phúc
  Số: 12/KH-THPT                             Bình Minh, ngày 8 tháng 1 năm 2024

                                    KẾ HOẠCH
                         Cải cách hành chính năm 2024

  Căn cứ Kế hoạch số 3/KH-SGDĐT ngày 2/1/2024 của Sở Giáo dục và Đào tạo;
  I. MỤC ĐÍCH, YÊU CẦU
       Nâng cao chất lượng phục vụ học sinh, cha mẹ học sinh.
  II. PHÂN CÔNG NHIỆM VỤ

  TT   Nội dung công việc                       Bộ phận chủ trì     Phối hợp            Thời gian

  1    Xây dựng, ban hành Kế hoạch CCHC năm     Hiệu trưởng         Tổ Văn phòng        Tháng 01/2024
       2024; kiện toàn bộ phận một cửa

  2    Công khai thủ tục tuyển sinh trên        Phó Hiệu trưởng     Tổ Văn phòng        Tháng 3/2024
       Cổng thông tin điện tử trường

  3    Tự kiểm tra, báo cáo kết quả CCHC        Tổ Văn phòng        Các tổ chuyên       Tháng 11/2024
                                                                    môn

       Các tổ chuyên môn căn cứ nhiệm vụ được phân công chủ động triển khai thực hiện;
  cán bộ, giáo viên, nhân viên thực hiện nghiêm Kế hoạch này.

  Nơi nhận:                                                    HIỆU TRƯỞNG
  - Sở GD&ĐT (b/c);
  - Lưu: VT.                                                   Trần Văn An
"""


def test_a_space_laid_task_table_in_a_section_gives_its_rows_lead_units() -> None:
    plan = extract_source(load.from_bytes(PLAN.encode("utf-8"), "plan.txt"))
    assert [a.unit for a in plan.assignments] == ["Hiệu trưởng", "Phó Hiệu trưởng", "Tổ Văn phòng"]
