"""A unit's name OCR misread in one mention is spelled as the plan spells it elsewhere (fields/spelling.py);
text read from a good layer is never respelled."""

from __future__ import annotations

import khparse
from khparse.fields.spelling import PlanWords, respelled

# A fax's page as tesseract read it: the units' names are misread in the task table, right in the body.
PLAN_TEXT = """\
1. Sở Thông tin và Truyền thông: chủ trì, tham mưu triển khai Kế hoạch.
2. Phòng Tiếp nhận và Trả kết quả thủ tục hành chính: tiếp nhận hồ sơ.
3. Phòng Truyền thông và Phát triển đối tượng: tuyên truyền.
4. Các sở, ban, ngành tỉnh: xây dựng kế hoạch; Bộ Thông tin và Truyền thông hướng dẫn.
5. Ủy ban nhân dân các huyện, thành phố: triển khai; mỗi chi đoàn khu phố hỗ trợ người dân.
6. Phòng Kiểm tra: kiểm tra việc thực hiện; Văn phòng HĐND và UBND xã tổng hợp.
| 1 | Nâng cấp hệ thống | Sở Thông tin và Truyền thẳng | Ủy ban phân dân các huyện, thành phố |
| 2 | Số hóa hồ sơ | Các sở, ban, ngành rỉnh | Phòng Tiếp nhận và TYả kết quả thủ tục hành chính |
| 3 | Truyền thông | Phòng Truyền thông và Phá triển đối nrung | l Phòng Kiểm tra |
"""


def test_misread_names_take_the_spelling_the_plan_gives_them_elsewhere() -> None:
    plan = PlanWords(PLAN_TEXT.split("\n"))
    assert respelled("Sở Thông tin và Truyền thẳng", plan) == "Sở Thông tin và Truyền thông"  # not "Bộ …"
    assert respelled("Ủy ban phân dân các huyện, thành phố", plan) == "Ủy ban nhân dân các huyện, thành phố"
    assert respelled("Các sở, ban, ngành rỉnh", plan) == "Các sở, ban, ngành tỉnh"
    assert respelled("Phòng Tiếp nhận và TYả kết quả thủ tục hành chính", plan) == \
        "Phòng Tiếp nhận và Trả kết quả thủ tục hành chính"
    assert respelled("Phòng Truyền thông và Phá triển đối nrung", plan) == \
        "Phòng Truyền thông và Phát triển đối tượng"
    assert respelled("l Phòng Kiểm tra", plan) == "Phòng Kiểm tra"
    # One word beside the same neighbour: the plan writes "chi đoàn khu phố", never "chỉ đoàn".
    assert respelled("Các chỉ đoàn khu phố", plan) == "Các chi đoàn khu phố"


def test_names_the_plan_does_not_spell_otherwise_stay_as_read() -> None:
    plan = PlanWords(PLAN_TEXT.split("\n"))
    assert respelled("Văn phòng HĐND và UBND xã", plan) == "Văn phòng HĐND và UBND xã"  # "UBND" is no "Công"
    assert respelled("Công an tỉnh", plan) == "Công an tỉnh"
    assert respelled("Phòng Kinh tế", plan) == "Phòng Kinh tế"
    assert respelled("Tổ 2", PlanWords(["Tổ 1: trực.", "Tổ 2: trực."])) == "Tổ 2"


def test_a_plan_from_a_good_text_layer_is_never_respelled() -> None:
    text = ("KẾ HOẠCH\nTuyên truyền năm 2026\nI. MỤC ĐÍCH\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n"
            "1. Phòng Hành chính - Tổng hợp: theo dõi.\n2. Phòng Hành chính - Tống hợp: tổng hợp.\n")
    plan = khparse.extract(text)
    assert [a.unit for a in plan.assignments] == ["Phòng Hành chính - Tổng hợp", "Phòng Hành chính - Tống hợp"]


def test_a_photocopys_marks_and_a_faxs_capitals_on_a_units_name() -> None:
    from khparse.fields.spelling import _case_slips

    plan = PlanWords(["1. Tố Văn phòng: lưu trữ hồ sơ.", "2. Các tố chuyên môn: thực hiện."])
    # Read the same way everywhere in the plan: the language model, far surer, chooses the marks.
    assert respelled("Tố Văn phòng", plan) == "Tổ Văn phòng"
    assert respelled("Các tố chuyên môn", plan) == "Các tổ chuyên môn"
    assert respelled("UBND xã Hòa Ân", plan) == "UBND xã Hòa Ân"  # a proper name's marks are the page's
    # A capital before small words starts a unit's own words, not a name: a blurred "ể" read "ế".
    assert respelled("Đội Kiếm tra thuế", plan) == "Đội Kiểm tra thuế"
    assert respelled("Hồ Hoàn Kiếm", plan) == "Hồ Hoàn Kiếm"
    assert _case_slips("Phòng Văn hóa - XÃ hội") == "Phòng Văn hóa - Xã hội"
    assert _case_slips("Đoàn Thanh niên xÃ") == "Đoàn Thanh niên xã"
    assert _case_slips("Văn phòng HĐND và UBND xã") == "Văn phòng HĐND và UBND xã"  # abbreviations stay
    assert _case_slips("UBND XÃ ĐỒNG LÂM") == "UBND XÃ ĐỒNG LÂM"  # a name in capitals stays


def test_one_neighbour_does_not_turn_a_word_into_another_two_letters_off() -> None:
    plan = PlanWords(["Cá nhân có thu nhập từ tiền lương quyết toán thuế thu nhập cá nhân;",
                      "thu nhập doanh nghiệp, hóa đơn điện tử.", "quyết toán thuế thu nhập cá nhân qua eTax.",
                      "3. Bộ phận Quản lý hộ kinh doanh, cá nhân và thu khác: phối hợp tổ chức đối thoại."])
    assert respelled("Bộ phận Quản lý hộ kinh doanh, cá nhân và thu khác", plan) == \
        "Bộ phận Quản lý hộ kinh doanh, cá nhân và thu khác"


def test_the_header_takes_the_marks_the_plan_gives_its_own_name() -> None:
    from khparse.fields.spelling import respell_header
    from khparse.model.drafts import Header

    texts = ["BCH HỘI NÔNG DÂN XÃ MỸ LỆ TRƯNG", "Mỹ Lệ Trưng, ngày 15 tháng 01 năm 2026",
             "Hội Nông dân xã Mỹ Lệ Trung triển khai.", "của Hội Nông dân xã Mỹ Lệ Trung, đề nghị",
             "các chi hội xã Mỹ Lệ Trung"]
    header = respell_header(Header(issuer="BCH HỘI NÔNG DÂN XÃ MỸ LỆ TRƯNG", place="Mỹ Lệ Trưng"), PlanWords(texts))
    assert (header.issuer, header.place) == ("BCH HỘI NÔNG DÂN XÃ MỸ LỆ TRUNG", "Mỹ Lệ Trung")
    # Written once elsewhere is not enough; and only marks are ever changed.
    once = respell_header(Header(issuer="UBND XÃ HÒA ẤN"), PlanWords(["UBND XÃ HÒA ẤN", "xã Hòa Ân ban hành"]))
    assert once.issuer == "UBND XÃ HÒA ẤN"
    plan = PlanWords(["Phước Tường Họ, ngày 19", "phường Phước Tường Hạ", "phường Phước Tường Hạ năm 2026"])
    letters = respell_header(Header(place="Phước Tường Họ"), plan)
    assert letters.place == "Phước Tường Họ"


def test_a_signers_surname_misread_into_no_syllable() -> None:
    from khparse.fields.spelling import respelled_signer

    assert respelled_signer("Hbang Văn Khánh") == "Hoàng Văn Khánh"
    assert respelled_signer("Nguycn Thị Hà") == "Nguyễn Thị Hà"
    for kept in ("H Yăm Byă", "Y Khuê Niê", "Ksor Y Phước", "Lò Văn Pánh", "Hà Thị Thu", "L.£ Thị Quỳnh Trang"):
        assert respelled_signer(kept) == kept
