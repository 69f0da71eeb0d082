"""A title's second line in small letters that reads like a basis ("thực hiện dịch vụ công …") goes on
with the title; a body's own yearly programme cited without number or issuer is a citation."""

from __future__ import annotations

from khparse import load
from khparse.model import CitationKind
from khparse.pipeline import extract_source

PLAN = """\
BCH ĐOÀN XÃ HÒA PHONG
Số: 08-KH/ĐTN

ĐOÀN TNCS HỒ CHÍ MINH
Hòa Phong, ngày 05 tháng 9 năm 2025

KẾ HOẠCH
Ra quân hỗ trợ người dân
thực hiện thủ tục hành chính trên môi trường điện tử năm 2025

{basis}
I. MỤC ĐÍCH, YÊU CẦU
Đoàn viên hỗ trợ người dân nộp hồ sơ trực tuyến.
II. TỔ CHỨC THỰC HIỆN
1. Các chi đoàn thôn: cử đoàn viên tham gia.

Nơi nhận:
- Đoàn cấp trên;
- Lưu: VP.

TM. BAN THƯỜNG VỤ
BÍ THƯ
Hồ Văn Tâm
""".format(basis="Căn cứ Kế hoạch số 20/KH-UBND ngày 01/8/2025 của Ủy ban nhân dân xã; căn cứ Chương trình công tác "
                 "Đoàn năm 2025, Ban Thường vụ Đoàn xã xây dựng Kế hoạch như sau:")


def test_a_title_line_in_small_letters_goes_on_and_an_unnumbered_programme_is_cited() -> None:
    plan = extract_source(load.from_bytes(PLAN.encode("utf-8"), "plan.txt"))
    assert plan.header.title == ("Ra quân hỗ trợ người dân thực hiện thủ tục hành chính trên môi trường "
                                 "điện tử năm 2025")
    assert [(c.kind, c.number) for c in plan.legal_basis] == [
        (CitationKind.plan, "20/KH-UBND"), (CitationKind.program, None)]
