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


# A table of a Sở whose cells are filled to their column's width: a wrapped line's task cell ends two
# spaces before the lead cell's text ("… tại Kỳ  dục pháp luật …"), and its lead is a "Phụ trách"
# column in the school's table below.
FILLED = """\
  SỞ TƯ PHÁP TỈNH AN LẠC                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                 Độc lập - Tự do - Hạnh phúc
  Số: 21/KH-STP                              An Lạc, ngày 9 tháng 1 năm 2026

                                    KẾ HOẠCH
                     Phổ biến, giáo dục pháp luật năm 2026

  Căn cứ Kế hoạch số 3/KH-UBND ngày 2/1/2026 của Ủy ban nhân dân tỉnh;
  I. MỤC ĐÍCH, YÊU CẦU
       Nâng cao hiệu quả phổ biến pháp luật.
  II. NHIỆM VỤ CỤ THỂ

 TT   Nội dung công việc                  {lead:<24} Đơn vị phối hợp        Thời gian
 1    Tổ chức hội nghị phổ biến các luật  Phòng Phổ biến, giáo     Các sở, ban, ngành     Quý I/2026
      mới được Quốc hội thông qua tại Kỳ  dục pháp luật và Theo    tỉnh
      họp thứ 10                          dõi thi hành pháp luật
 2    Hướng dẫn, kiểm tra công tác hòa    Phòng Hành chính tư      Ủy ban nhân dân các    Quý II/2026
      giải ở cơ sở                        pháp                     xã, phường
 3    Trợ giúp pháp lý lưu động           Trung tâm Trợ giúp       Ủy ban nhân dân các    Quý III/2026
                                          pháp lý nhà nước         xã, phường

  III. TỔ CHỨC THỰC HIỆN
       Các phòng, đơn vị thuộc Sở thực hiện nghiêm Kế hoạch này.

  Nơi nhận:                                                    GIÁM ĐỐC
  - UBND tỉnh (b/c);
  - Lưu: VT.                                                   Trần Văn An
"""

FILLED_LEADS = ["Phòng Phổ biến, giáo dục pháp luật và Theo dõi thi hành pháp luật", "Phòng Hành chính tư pháp",
                "Trung tâm Trợ giúp pháp lý nhà nước"]


def test_cells_filled_to_their_columns_edge_keep_the_table_whole() -> None:
    plan = extract_source(load.from_bytes(FILLED.format(lead="Đơn vị chủ trì").encode("utf-8"), "plan.txt"))
    assert [a.unit for a in plan.assignments] == FILLED_LEADS
    assert plan.assignments[0].tasks == ["Tổ chức hội nghị phổ biến các luật mới được Quốc hội thông qua tại Kỳ "
                                         "họp thứ 10"]


def test_a_phu_trach_column_is_the_lead() -> None:
    plan = extract_source(load.from_bytes(FILLED.format(lead="Phụ trách").encode("utf-8"), "plan.txt"))
    assert [a.unit for a in plan.assignments] == FILLED_LEADS
