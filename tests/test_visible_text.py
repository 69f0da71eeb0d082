"""Characters a plan's file carries that are no text of the plan: zero-width spaces and byte-order
marks pasted in from chat apps and web editors, and the eth "Ð" some fonts print for "Đ"; and a
document an amending decree names in its summary is no citation."""

from __future__ import annotations

from khparse import load
from khparse.fold import visible_text
from khparse.pipeline import extract_source

PLAN = """\
ỦY BAN NHÂN DÂN
XÃ AN\u200b PHÚ ĐÔNG
Số: \u200b21/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Ðộc lập - Tự do - Hạnh phúc
An Phú Ðông, ngày 3 tháng 3 năm 2025

KẾ HOẠCH\u200b
Cải cách hành chính năm 2025

Căn cứ Nghị định số 107/2021/NÐ-CP ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị
định số 61/2018/NÐ-CP ngày 23/4/2018 của Chính phủ;
Căn cứ Quyết định số 15/QÐ-UBND ngày 10/01/2025 của Ủy ban nhân dân tỉnh;
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng phục vụ người dân.
II. TỔ CHỨC THỰC HIỆN
1. Công an xã\u200b: phối hợp thực hiện.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.

CHỦ TỊCH
Ðặng Văn\ufeff Bình
"""


def test_invisible_characters_go_and_eth_reads_as_d() -> None:
    assert visible_text("THẠCH BÌNH\u200b ĐÔNG \ufeff1512/QÐ-UBND ðến") == "THẠCH BÌNH ĐÔNG 1512/QĐ-UBND đến"


def test_a_plan_with_invisible_characters_and_eth_reads_as_printed() -> None:
    plan = extract_source(load.from_bytes(PLAN.encode("utf-8"), "plan.txt"))
    assert plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ AN PHÚ ĐÔNG"
    assert plan.header.number == "21/KH-UBND"
    assert plan.header.place == "An Phú Đông"
    assert plan.header.doc_type == "KẾ HOẠCH"
    assert [c.number for c in plan.legal_basis] == ["107/2021/NĐ-CP", "15/QĐ-UBND"]  # 61/2018 only named
    assert [a.unit for a in plan.assignments] == ["Công an xã"]
    assert plan.signer is not None and plan.signer.name == "Đặng Văn Bình"
