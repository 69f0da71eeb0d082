"""Header and tail details of everyday plans: a place named with "Phong" is no "Phòng"; a title's last
line in small letters set apart as a paragraph of its own; recipients listed in a grid-table cell."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

W = 44  # a grid cell's width


def _grid(rows: list[tuple[str, str]]) -> str:
    rule = "+" + "-" * W + "+" + "-" * W + "+"
    return "\n".join([rule, *(f"|{left:<{W}}|{right:<{W}}|" for left, right in rows), rule])


HEADER = _grid([(" **ỦY BAN NHÂN DÂN XÃ VĨNH PHONG TÂY**", " **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**"),
                (" **TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG**", " **Độc lập - Tự do - Hạnh phúc**"),
                ("", ""),
                (" Số: 08/KH-TTPVHCC", " *Vĩnh Phong Tây, ngày 20 tháng 1 năm"),
                ("", " 2026*")])
TAIL = _grid([(" ***Nơi nhận:***", " **GIÁM ĐỐC**"), ("", ""), (" - UBND xã (b/c);", ""),
              (" - Các bộ phận thuộc Trung tâm;", ""), (" - Lưu: VT.", " **Lê Văn Hòa**")])
PLAN = HEADER + """

**KẾ HOẠCH**

**Nâng cao chất lượng giải quyết thủ tục hành chính**

**và mức độ hài lòng của người dân tại Trung tâm năm 2026**

Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ;

**I. MỤC ĐÍCH, YÊU CẦU**

Giải quyết đúng hạn mọi hồ sơ.

**II. TỔ CHỨC THỰC HIỆN**

1\\. Bộ phận tiếp nhận: hướng dẫn người dân.

""" + TAIL + "\n"


def test_place_named_phong_title_piece_and_grid_cell_recipients() -> None:
    plan = extract_source(load.from_bytes(PLAN.encode("utf-8"), "plan.md"))
    assert plan.header.parent_issuer == "ỦY BAN NHÂN DÂN XÃ VĨNH PHONG TÂY"
    assert plan.header.issuer == "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
    assert plan.header.title == ("Nâng cao chất lượng giải quyết thủ tục hành chính và mức độ hài lòng của người "
                                 "dân tại Trung tâm năm 2026")
    assert len(plan.recipients) == 3
    assert plan.signer is not None and plan.signer.name == "Lê Văn Hòa"


def test_a_scans_number_label_and_date_digits_as_ocr_left_them() -> None:
    # A photocopy of a photocopy: "Số;" for "Số:", the day's and a year's digits parted by a space.
    import datetime as dt

    import khparse

    plan = khparse.extract(
        "UBND XÃ BẢO YÊN TÂY\nTRƯỜNG THCS BẢO YÊN TÂY\nSố; 06/KH-THCS\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nBảo Yên Tây, ngày 1 4 tháng 01 năm 2026\nKẾ HOẠCH\n"
        "Thực hiện công tác cải cách hành chính năm 2026\n"
        "Căn cứ Thông tư số 32/2020/TT-BGDĐT ngày 15/9/20 20 của Bộ trưởng Bộ Giáo dục và Đào tạo;\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\n", repair=False)
    assert plan.header.number == "06/KH-THCS" and plan.header.issuer == "TRƯỜNG THCS BẢO YÊN TÂY"
    assert plan.header.date == dt.date(2026, 1, 14) and plan.header.place == "Bảo Yên Tây"
    assert [(c.number, c.date) for c in plan.legal_basis] == [("32/2020/TT-BGDĐT", dt.date(2020, 9, 15))]


def test_a_youth_union_s_provincial_committee_over_a_commune_s_is_the_parent() -> None:
    import khparse

    plan = khparse.extract(
        "TỈNH ĐOÀN SƠN LA\nBCH ĐOÀN XÃ THUẬN CHÂU NAM\nSố: 05-KH/ĐTN\nĐOÀN TNCS HỒ CHÍ MINH\n"
        "Thuận Châu Nam, ngày 26 tháng 01 năm 2026\nKẾ HOẠCH\nTuyên truyền Đề án 06 năm 2026\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Các chi đoàn: triển khai./.\n")
    assert (plan.header.parent_issuer, plan.header.issuer) == ("TỈNH ĐOÀN SƠN LA", "BCH ĐOÀN XÃ THUẬN CHÂU NAM")


def test_specks_columns_apart_beside_the_document_type_leave_it_read() -> None:
    from khparse.lines import Line
    from khparse.outline.front import doc_type_of

    raw = "XS    KẾ HOẠCH    \\\\"  # a crumpled sheet's creases read beside the heading
    line = Line("XS KẾ HOẠCH \\\\", raw, "xs ke hoach \\\\", 1, 8, False)
    assert doc_type_of(line) == ("KẾ HOẠCH", "")
    words = "TRƯỜNG THCS    KẾ HOẠCH"  # a word column beside it is no speck
    assert doc_type_of(Line(" ".join(words.split()), words, "truong thcs ke hoach", 1, 1, False)) is None


WARD_AN = """\
ỦY BAN NHÂN DÂN
PHƯỜNG AN KHÁNH BẮC
Số: 12/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Khánh Bắc, ngày 14 tháng 01 năm 2026

{doc_type}
Tuyên truyền cải cách hành chính năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của Nhân dân.
II. TỔ CHỨC THỰC HIỆN
Văn phòng HĐND và UBND phường chủ trì.
"""


def test_a_ward_named_an_is_no_phuong_an_document() -> None:
    for doc_type in ("KẾ HOẠCH", "KÉ HOẠCH"):  # the second: OCR's slip on one mark
        plan = extract_source(load.from_text(WARD_AN.format(doc_type=doc_type), "plan.txt"))
        assert plan.header.issuer == "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH BẮC"
        assert plan.header.number == "12/KH-UBND"
        assert plan.header.doc_type == doc_type
        assert plan.header.title == "Tuyên truyền cải cách hành chính năm 2026"


def test_each_document_type_is_spelled_as_it_folds() -> None:
    from khparse.cues import DOC_TYPE_SPELLING, DOC_TYPES
    from khparse.fold import fold

    assert set(DOC_TYPE_SPELLING) == set(DOC_TYPES)
    assert all(fold(spelling) == key for key, spelling in DOC_TYPE_SPELLING.items())
