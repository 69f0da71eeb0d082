"""A plan archived with the covering letter (Công văn) that sent it: the plan is read from its own
header, not the letter's, and a warning says so. A decision issuing the plan stays its wrapper."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

LETTER = """\
      SỞ TƯ PHÁP TỈNH AN LẠC              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                Độc lập - Tự do - Hạnh phúc
      Số: 512/STP-PBGDPL                     An Lạc, ngày 20 tháng 3 năm 2024
  V/v triển khai Kế hoạch phổ biến
  giáo dục pháp luật năm 2024

            Kính gửi: Phòng Tư pháp các huyện, thị xã.

      Sở Tư pháp gửi kèm Kế hoạch số 511/KH-STP ngày 18/3/2024 về phổ biến, giáo dục pháp
luật năm 2024, đề nghị các đơn vị triển khai thực hiện./.

Nơi nhận:                                              GIÁM ĐỐC
- Như trên;
- Lưu: VT.                                             Trần Văn Lâm

      SỞ TƯ PHÁP TỈNH AN LẠC              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                                                Độc lập - Tự do - Hạnh phúc
      Số: 511/KH-STP                         An Lạc, ngày 18 tháng 3 năm 2024

                                    KẾ HOẠCH
              Phổ biến, giáo dục pháp luật năm 2024

      Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;
      Sở Tư pháp ban hành Kế hoạch như sau:
      I. MỤC ĐÍCH, YÊU CẦU
      Nâng cao ý thức chấp hành pháp luật của cán bộ và Nhân dân.
      II. NỘI DUNG
      Tuyên truyền các luật mới được thông qua.
      III. TỔ CHỨC THỰC HIỆN
      1. Phòng Phổ biến, giáo dục pháp luật: chủ trì, theo dõi việc thực hiện.
      2. Văn phòng Sở: bảo đảm kinh phí.

Nơi nhận:                                              KT. GIÁM ĐỐC
- Bộ Tư pháp;                                          PHÓ GIÁM ĐỐC
- UBND tỉnh;
- Lưu: VT, PBGDPL.                                     Lê Thị Hoa
"""


def test_a_plan_sent_with_a_covering_letter_is_read_from_its_own_header() -> None:
    plan = extract_source(load.from_bytes(LETTER.encode("utf-8"), "letter-and-plan.txt"))
    assert plan.header.number == "511/KH-STP"
    assert str(plan.header.date) == "2024-03-18"
    assert plan.header.doc_type == "KẾ HOẠCH"
    assert plan.header.title == "Phổ biến, giáo dục pháp luật năm 2024"
    assert [c.number for c in plan.legal_basis if c.number] == []  # the letter's plan number is no citation
    assert plan.signer is not None and plan.signer.name == "Lê Thị Hoa"
    assert len(plan.recipients) == 3
    assert any(w.code == "covering_letter" for w in plan.warnings)


def test_a_plan_alone_has_no_covering_letter_warning() -> None:
    alone = LETTER[LETTER.index("      SỞ TƯ PHÁP TỈNH AN LẠC", 10):]
    plan = extract_source(load.from_bytes(alone.encode("utf-8"), "plan.txt"))
    assert plan.header.number == "511/KH-STP"
    assert not any(w.code == "covering_letter" for w in plan.warnings)

