"""A joint plan (Kế hoạch liên tịch) printed with its issuers side by side, left of the national title:
the issuer is the lead body, the one printed first, each column a name of its own."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

JOINT = """\
    HỘI CỰU CHIẾN BINH          PHÒNG TƯ PHÁP          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
     HUYỆN ĐỒNG XUÂN          HUYỆN ĐỒNG XUÂN               Độc lập - Tự do - Hạnh phúc

           Số: 03/KHLT-CCB-TP                     Đồng Xuân, ngày 12 tháng 4 năm 2023

                              KẾ HOẠCH LIÊN TỊCH
              Tuyên truyền pháp luật cho hội viên năm 2023

    Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;
    I. MỤC ĐÍCH, YÊU CẦU
    Nâng cao hiểu biết pháp luật của hội viên.
    II. TỔ CHỨC THỰC HIỆN
    1. Phòng Tư pháp: cung cấp tài liệu.
"""


def test_the_issuers_of_a_joint_plan_side_by_side_give_the_lead_body() -> None:
    plan = extract_source(load.from_bytes(JOINT.encode("utf-8"), "joint.txt"))
    assert plan.header.issuer == "HỘI CỰU CHIẾN BINH HUYỆN ĐỒNG XUÂN"
    assert plan.header.parent_issuer is None
    assert plan.header.number == "03/KHLT-CCB-TP"
