"""Plans that follow from other documents (blind49): the year of a plan whose title names only the
year of what it follows up, and a deputy's "KT." a seal garbled into three letters."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

PLAN = """\
ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: 52/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lào Cai, ngày 24 tháng 02 năm 2026
KẾ HOẠCH
{title}
I. MỤC ĐÍCH, YÊU CẦU
Khắc phục các hạn chế đã được chỉ ra.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ: theo dõi, tổng hợp.
Nơi nhận:
- Như mục II;
- Lưu: VT.
{authority}
PHÓ GIÁM ĐỐC
Nguyễn Đức Hải
"""


def _plan(title: str, authority: str = "KT. CHỦ TỊCH"):  # type: ignore[no-untyped-def]
    return extract_source(load.from_text(PLAN.format(title=title, authority=authority), "plan.txt"))


def test_a_title_naming_only_the_year_followed_up_gives_the_year_of_issue() -> None:
    assert _plan("Thực hiện kết luận tại Hội nghị đánh giá Chỉ số cải cách hành chính năm 2025").year == 2026
    assert _plan("Tuyên truyền cải cách hành chính năm 2026").year == 2026
    assert _plan("Tuyên truyền cải cách hành chính năm 2027").year == 2027  # issued ahead of its year


def test_a_deputys_kt_read_as_three_letters_over_his_title() -> None:
    signer = _plan("Tuyên truyền cải cách hành chính năm 2026", authority="ICT. GIÁM ĐỐC").signer
    assert signer is not None and (signer.authority_kind, signer.position) == ("KT", "PHÓ GIÁM ĐỐC")
