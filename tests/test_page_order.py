"""Pages a file holds out of order are read in the order of their printed numbers (page_order.py)."""

from __future__ import annotations

from khparse import load
from khparse.model import TextSource
from khparse.page_order import in_printed_order, printed_number
from khparse.pipeline import extract_source
from khparse.read.pages import PageText

FIRST = """\
ĐẢNG BỘ TỈNH PHÚ THỌ
ĐẢNG ỦY PHƯỜNG THANH MIẾU ĐÔNG
Số: 12-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Thanh Miếu Đông, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
Lãnh đạo chuyển đổi số năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao vai trò lãnh đạo của cấp ủy trong chuyển đổi số.
II. NHIỆM VỤ
1. Các chi bộ hoàn thành cập nhật hồ sơ đảng viên trên phần mềm quản lý.
"""
SECOND = """\
2
2. Chỉ đạo Ủy ban nhân dân phường đẩy mạnh cung cấp dịch vụ công trực tuyến.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đảng ủy phường: theo dõi, tổng hợp, báo cáo kết quả.
2. Các chi bộ trực thuộc: quán triệt đến đảng viên./.
"""
THIRD = """\
3
Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c);
- Lưu: VP.
T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Thị Hải Yến
"""


def _pages(*texts: str) -> list[PageText]:
    return [PageText(k, text, TextSource.ocr) for k, text in enumerate(texts, start=1)]


def test_pages_out_of_order_are_read_in_the_printed_order_with_a_warning() -> None:
    stored = FIRST + "\f" + THIRD + "\f" + SECOND + "\f" + "=_.. ¬ `` ..-"  # and a blank separator sheet
    plan = extract_source(load.from_bytes(stored.encode(), "plan.txt"))
    assert [s.numeral for s in plan.sections] == ["I", "II", "III"]
    assert [a.unit for a in plan.assignments] == ["Văn phòng Đảng ủy phường", "Các chi bộ trực thuộc"]
    assert plan.signer is not None and plan.signer.name == "Nguyễn Thị Hải Yến"
    assert [w.message for w in plan.warnings if w.code == "pages_reordered"] == [
        "the file holds the pages in the printed order 1, 3, 2; they were read in the order of their printed "
        "page numbers"]


def test_one_number_lost_is_the_one_the_others_leave_and_order_kept_when_unsure() -> None:
    ordered, stored = in_printed_order(_pages(FIRST, THIRD.replace("3\n", "", 1), SECOND))
    assert stored == [1, 3, 2] and ordered[1].text == SECOND
    # In order already; two numbers lost; a number repeated: the file's order stays, nothing said.
    assert in_printed_order(_pages(FIRST, SECOND, THIRD))[1] is None
    assert in_printed_order(_pages(FIRST, THIRD.replace("3\n", ""), SECOND.replace("2\n", "")))[1] is None
    assert in_printed_order(_pages(FIRST, SECOND, SECOND))[1] is None
    assert printed_number("- 4 -\ntext") == 4 and printed_number("Trang 5/6\ntext") == 5
    assert printed_number("text\n2") is None  # pdftotext leaves the next page's number at a page's end
    assert printed_number("3. Chỉ đạo …") is None


def test_a_plan_after_its_covering_letter_numbered_anew_keeps_the_file_s_order() -> None:
    letter = "CỤC THUẾ TỈNH PHÚ YÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nV/v triển khai Kế hoạch số 12/KH-CT\n" \
             "Kính gửi: Các Chi cục Thuế\nCục Thuế gửi kèm Kế hoạch để triển khai thực hiện.\n"
    plan_first = "CỤC THUẾ TỈNH PHÚ YÊN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + FIRST
    assert in_printed_order(_pages(letter, plan_first, SECOND, THIRD))[1] is None
