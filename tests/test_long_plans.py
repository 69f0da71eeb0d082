"""Long plans of provinces and ministries (blind40): a Phụ lục printed as a sheet of its own with the issuer
and the national title over it, departments named by the fields they cover, a council named "Hội đồng phối
hợp", a unit's heading wrapped onto "Căn cứ …", an amending law's own number, enterprises asked to take
part, a two-row table header repeated on the next page, and a ruled table turned a little in a scan."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source
from khparse.read.cells import grid

PLAN = """\
ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
Số: 298/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thanh Hóa, ngày 31 tháng 12 năm 2025

KẾ HOẠCH
Cải cách hành chính nhà nước năm 2026

Căn cứ Luật Giáo dục đại học số 08/2012/QH13 ngày 18/6/2012; Luật sửa đổi, bổ sung một số điều của Luật
Giáo dục đại học số 34/2018/QH14 ngày 19/11/2018;
Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14
ngày 25/11/2019;
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao hiệu quả cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Xây dựng, kiểm tra và Theo dõi thi hành pháp luật
- Chủ trì truyền thông chính sách trong quá trình xây dựng văn bản.
2. Đề nghị Thủ trưởng các sở, ban, ngành thành viên Hội đồng phối hợp
phổ biến, giáo dục pháp luật tỉnh
- Phối hợp thực hiện các nhiệm vụ tại Phụ lục.
3. Đề nghị Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương
Căn cứ Kế hoạch này, xây dựng và triển khai kế hoạch của địa phương.
4. Đề nghị các doanh nghiệp viễn thông, công nghệ thông tin trên địa bàn tỉnh
Phối hợp phát triển hạ tầng mạng di động, cáp quang.
Trên đây là Kế hoạch cải cách hành chính năm 2026 của Ủy ban nhân dân tỉnh./.
Nơi nhận:
- Bộ Nội vụ (để b/c);
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Trung
\f
ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Phụ lục I
CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2026
(Kèm theo Kế hoạch số 298/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân tỉnh Thanh Hóa)
| TT | Chỉ tiêu | Đơn vị tính | Lộ trình thực hiện |  |  |
| --- | --- | --- | --- | --- | --- |
| TT | Chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2027 | Năm 2028 |
| 1 | Tỷ lệ hồ sơ giải quyết đúng hạn | % | 98 | 99 | 99 |
| 2 | Tỷ lệ dịch vụ công trực tuyến toàn trình | % | 80 | 85 | 90 |
\f
| TT | Chỉ tiêu | Đơn vị tính | Lộ trình thực hiện |  |  |
| --- | --- | --- | --- | --- | --- |
| TT | Chỉ tiêu | Đơn vị tính | Năm 2026 | Năm 2027 | Năm 2028 |
| 3 | Tỷ lệ hồ sơ nộp trực tuyến | % | 60 | 65 | 70 |
"""


def test_a_long_plan_s_units_laws_signer_and_appendix() -> None:
    plan = extract_source(load.from_text(PLAN, "plan.txt"))
    assert [c.number for c in plan.legal_basis] == ["08/2012/QH13", "34/2018/QH14", "52/2019/QH14"]
    assert [a.unit for a in plan.assignments] == [
        "Phòng Xây dựng, kiểm tra và Theo dõi thi hành pháp luật",
        "Thủ trưởng các sở, ban, ngành thành viên Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh",
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "các doanh nghiệp viễn thông, công nghệ thông tin trên địa bàn tỉnh",
    ]
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == ("TM", "CHỦ TỊCH", "Lê Văn Trung")
    (appendix,) = plan.appendices
    assert appendix.columns[3:] == ["Năm 2026", "Năm 2027", "Năm 2028"]
    assert [row[0] for row in appendix.rows] == ["1", "2", "3"]


def test_column_edges_drifting_down_a_slightly_turned_table_are_one_edge() -> None:
    """Three columns, ten rows, each row's rules 2 px further right (a scan turned 0.4°): 20 px in all,
    beyond the 15 px tolerance between the first and the last, 2 px between neighbours."""
    boxes = [(10.0 + 2 * r + left, 50.0 * r, 10.0 + 2 * r + right, 50.0 * r + 45)
             for r in range(10) for left, right in ((0, 95), (100, 295), (300, 495))]
    cells = grid(boxes, 15.0)
    assert cells is not None
    assert {c.column for c in cells} == {0, 1, 2} and {c.row for c in cells} == set(range(10))


def test_a_deputy_s_kt_garbled_by_a_seal_s_ring_is_read() -> None:
    """A black-and-white scan's seal over the block: "KT." read "R.", "PHÓ" read "PNÓ\\" (blind40)."""
    tail = "Nơi nhận:\n- Bộ Công an (để b/c);\n- Lưu: VT.\nR. GIÁM ĐỐC\nPNÓ\\GIÁM ĐỐC\nĐại tá Trần Hữu Khang\n"
    plan = extract_source(load.from_text(PLAN.split("Nơi nhận:")[0] + tail, "plan.txt"))
    assert plan.signer is not None
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Hữu Khang")
