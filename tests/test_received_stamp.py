"""What a receiving office adds to a plan it copies or faxes on: its received stamp ("CÔNG VĂN ĐẾN",
its register number and date) is not the plan's header, and the seal's ring OCRed over the signature
is not the signer's position."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

FAXED = """\
20/05/2016 09:12    0210 3812 555    UBND XA TAN HOA       P. 01/02

PHÒNG TƯ PHÁP HUYỆN LẠC SƠN
CÔNG VĂN ĐẾN
Số: 1067 Ngày: 21/5/2016
Chuyển: Đ/c Hà

UBND HUYỆN LẠC SƠN
UBND XÃ TÂN HÒA
Số: 21/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tân Hòa, ngày 19 tháng 5 năm 2016

KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2016

Căn cứ Luật Phổ biến, giáo dục pháp luật ngày 20 tháng 6 năm 2012;
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiểu biết pháp luật của Nhân dân.
II. TỔ CHỨC THỰC HIỆN
1. Công chức Tư pháp - Hộ tịch: tham mưu triển khai.

Nơi nhận:
+ Phòng Tư pháp huyện;
+ Lưu: VP.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
ẽ ` ỦY BAN ~ ÿ
\\ NHÂN DÂN /;
Đinh Công Sơn
"""


def test_a_received_stamp_and_a_seal_ring_are_not_read_as_the_plan_s() -> None:
    plan = extract_source(load.from_bytes(FAXED.encode("utf-8"), "fax.txt"))
    assert plan.header.number == "21/KH-UBND"
    assert plan.header.place == "Tân Hòa"
    assert str(plan.header.date) == "2016-05-19"
    assert plan.header.issuer == "UBND XÃ TÂN HÒA"
    assert plan.signer is not None
    assert plan.signer.position == "CHỦ TỊCH"
    assert plan.signer.name == "Đinh Công Sơn"


# A grey scan (the stamp's colour gone) with the stamp printed over the issuer's second line: its
# letters run into the name's, and its worn "ĐẾN" is read "ĐÊM".
STAMPED_OVER = """\
ỦY BAN NHÂN DÂN
- sơnột vụ rixH ĐẶC:KHU LÝ SƠN
CÔNG VĂN ĐÊM
Số: 08/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lý Sơn, ngày 26 tháng 01 năm 2026

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của ngư dân về thủ tục hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND đặc khu: theo dõi, đôn đốc.
"""


def test_a_stamp_over_the_issuer_s_second_line_leaves_the_name() -> None:
    plan = extract_source(load.from_bytes(STAMPED_OVER.encode("utf-8"), "stamped.txt"))
    assert plan.header.issuer == "ỦY BAN NHÂN DÂN ĐẶC KHU LÝ SƠN"
    assert plan.header.number == "08/KH-UBND"


def test_capitals_ending_a_speckled_line_complete_only_a_name_waiting_for_a_level() -> None:
    text = STAMPED_OVER.replace("ỦY BAN NHÂN DÂN\n", "SỞ NỘI VỤ\n", 1)
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "stamped.txt"))
    assert plan.header.issuer == "SỞ NỘI VỤ"
