"""Forms of archive copies and bodies earlier sets met least: a certified copy's own block after the
plan's signature (fields/copy_block.py), a superior body abbreviated on the header's first line
("BHXH TỈNH …", "VKSND TỈNH …", "CĐ …"), a "CÔNG ĐOÀN CƠ SỞ" that its company's name completes, a
year the title names without "năm", and a KT. OCR read "K1."."""

from __future__ import annotations

from khparse import load
from khparse.fields.spelling import PlanWords, respell_units
from khparse.model import SignerAuthority
from khparse.model.drafts import Assignment
from khparse.pipeline import extract_source

BODY = """\
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao chất lượng.
II. TỔ CHỨC THỰC HIỆN
1. Khoa Kiểm soát bệnh tật: chủ trì, tham mưu./.
"""


def _plan(header: str, tail: str) -> object:
    text = header + "KẾ HOẠCH\nPhòng, chống dịch bệnh truyền nhiễm năm 2026\n" + BODY + tail
    return extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))


HEADER = ("SỞ Y TẾ TUYÊN QUANG\nTRUNG TÂM Y TẾ KHU VỰC SƠN DƯƠNG TÂY\nSố: 11/KH-TTYT\n"
          "Sơn Dương Tây, ngày 15 tháng 01 năm 2026\n")


def test_a_certified_copys_block_after_the_plans_signature_is_no_part_of_the_plan() -> None:
    # As OCR reads a scan: the copier's name and number, its "Nơi nhận:", "SAO Y" and its date, then its
    # signer's lines mixed with its recipients.
    tail = ("Nơi nhận:\n- Sở Y tế (để b/c);\n- Các khoa, phòng;\n- Lưu: VT, KSBT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"
            "BSCKI. Ma Văn Khánh\nỦY BAN NHÂN DÂN\nXÃ ĐÔNG THỌ HẠ\nSố: 09/SY-UBND\nNơi nhận:\n-. SAOY\n"
            "Đông Thọ Hạ, ngày 27 tháng 01 năm 2026\nTL. CHỦ TỊCH\n- Trạm Y tế xã;\n- Lưu: VT.\n"
            "CHÁNH VĂN PHÒNG\nNông Thị Duyên\n")
    plan = _plan(HEADER, tail)
    assert plan.recipients == ["Sở Y tế (để b/c)", "Các khoa, phòng", "Lưu: VT, KSBT"]
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        SignerAuthority.KT, "PHÓ GIÁM ĐỐC", "Ma Văn Khánh")


def test_the_copy_block_read_before_the_plans_signer_and_its_form_after() -> None:
    tail = ("Nơi nhận:\n- Các tổ dân phố;\n- Lưu: VT, BCHQS.\nỦY BAN NHÂN DÂN\nPHƯỜNG ĐÔNG TRIỀU BẮC\n"
            "Số: 06/SY-UBND\nKT. CHỈ HUY TRƯỞNG\nPHÓ CHỈ HUY TRƯỞNG\nĐại úy Vũ Đình Hưng\nSAO Y BẢN CHÍNH\n"
            "Đông Triều Bắc, ngày 08 tháng 01 năm 2026\nTL. CHỦ TỊCH\nNơi nhận:\n- Lưu: VT.\nCHÁNH VĂN PHÒNG\n"
            "Hà Thu Trang\n")
    plan = _plan(HEADER, tail)
    assert plan.signer is not None
    assert (plan.signer.position, plan.signer.name) == ("PHÓ CHỈ HUY TRƯỞNG", "Vũ Đình Hưng")
    assert plan.recipients == ["Các tổ dân phố", "Lưu: VT, BCHQS"]


def test_a_superior_body_abbreviated_on_the_first_line() -> None:
    for parent, issuer in (("BHXH TỈNH PHÚ THỌ", "BẢO HIỂM XÃ HỘI CƠ SỞ\nTHANH SƠN ĐÔNG"),
                           ("VKSND TỈNH HÀ TĨNH", "VIỆN KIỂM SÁT NHÂN DÂN\nKHU VỰC 6"),
                           ("CĐ CÁC KHU CÔNG NGHIỆP\nTỈNH BẮC NINH", "CÔNG ĐOÀN CƠ SỞ\nCÔNG TY CP MAY PHÚC LÂM")):
        plan = _plan(f"{parent}\n{issuer}\nSố: 19/KH-BHXH\nPhú Thọ, ngày 06 tháng 02 năm 2026\n", "")
        assert (plan.header.parent_issuer, plan.header.issuer) == (parent.replace("\n", " "), issuer.replace("\n", " "))


def test_a_board_named_alone_above_its_body_is_one_issuer_under_the_superior() -> None:
    # The Front's five-line header: the province's committee, then its ward committee's standing board.
    plan = _plan("ỦY BAN MTTQ VIỆT NAM\nTỈNH HƯNG YÊN\nBAN THƯỜNG TRỰC\nỦY BAN MTTQ VIỆT NAM\n"
                 "PHƯỜNG KHOÁI CHÂU TÂY\nSố: 08/KH-MTTQ-BTT\nKhoái Châu Tây, ngày 16 tháng 01 năm 2026\n", "")
    assert (plan.header.parent_issuer, plan.header.issuer) == (  # type: ignore[attr-defined]
        "ỦY BAN MTTQ VIỆT NAM TỈNH HƯNG YÊN", "BAN THƯỜNG TRỰC ỦY BAN MTTQ VIỆT NAM PHƯỜNG KHOÁI CHÂU TÂY")
    # The usual three lines: the board last, under its body, is the issuer alone.
    plan = _plan("ỦY BAN MTTQ VIỆT NAM\nXÃ VĨNH HÒA\nBAN THƯỜNG TRỰC\nSố: 08/KH-MTTQ-BTT\n"
                 "Vĩnh Hòa, ngày 16 tháng 01 năm 2026\n", "")
    assert (plan.header.parent_issuer, plan.header.issuer) == (  # type: ignore[attr-defined]
        "ỦY BAN MTTQ VIỆT NAM XÃ VĨNH HÒA", "BAN THƯỜNG TRỰC")


def test_a_speck_before_a_section_numeral() -> None:
    text = HEADER + "KẾ HOẠCH\nPhòng, chống dịch\nI. MỤC ĐÍCH\nNâng cao.\nII. NỘI DUNG\nTuyên truyền.\n" \
        ".III. TỔ CHỨC THỰC HIỆN\n1. Khoa Dược: chủ trì./.\n"
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))
    assert [(s.numeral, s.title) for s in plan.sections] == [  # type: ignore[attr-defined]
        ("I", "MỤC ĐÍCH"), ("II", "NỘI DUNG"), ("III", "TỔ CHỨC THỰC HIỆN")]


def test_a_year_the_title_names_without_nam() -> None:
    text = ("CÔNG ĐOÀN CƠ SỞ\nCÔNG TY CP MAY PHÚC LÂM\nSố: 18/KH-CĐCS\nBắc Ninh, ngày 12 tháng 12 năm 2025\n"
            "KẾ HOẠCH\nTổ chức “Tết Sum vầy - Xuân Bính Ngọ 2026” cho đoàn viên\n" + BODY)
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))
    assert plan.year == 2026
    dates = text.replace("Xuân Bính Ngọ 2026", "kỷ niệm (26/3/1931 - 26/3/2026)")
    assert extract_source(load.from_bytes(dates.encode("utf-8"), "plan.txt")).year == 2025


def test_a_kt_whose_t_lost_its_bar_and_a_title_a_letter_off() -> None:
    tail = "Nơi nhận:\n- Lưu: VT.\nK1. GIÁM ĐỐC\nPHÓ GIÁM ĐỐ\nĐinh Công Luận\n"
    plan = _plan(HEADER, tail)
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position) == (SignerAuthority.KT, "PHÓ GIÁM ĐỐC")


def test_what_a_seal_over_the_name_left_after_the_position() -> None:
    tail = "Nơi nhận:\n- Lưu: VT.\nKT. TRƯỞNG THUẾ CƠ SỞ\nPHÓ TRƯỞNG THUẾ CƠ SỞ XÃŒC2\nLâm Thị Kim Phượng\n"
    plan = _plan(HEADER, tail)
    assert plan.signer is not None and plan.signer.position == "PHÓ TRƯỞNG THUẾ CƠ SỞ"


def test_specks_before_the_superior_body_and_junk_in_the_right_column() -> None:
    header = ("-'SỞ Y TẾ TUYÊN QUANG.\nTRUNG TÂM Y TẾ KHU VỰC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM:\n"
              ". Độc lập - Tự do - Hạnh phúc\n-_ SƠN DƯƠNG TÂY    :    bien\nSố: 38/KH-TTYT\n"
              "Sơn Dương Tây, ngày 20 tháng 01 năm 2026\n")
    plan = _plan(header, "")
    assert (plan.header.parent_issuer, plan.header.issuer) == (
        "SỞ Y TẾ TUYÊN QUANG", "TRUNG TÂM Y TẾ KHU VỰC SƠN DƯƠNG TÂY")


def test_a_units_number_read_as_a_stroke() -> None:
    units = respell_units([Assignment(unit="Đội Quản lý hộ kinh doanh, cá nhân số ]")], PlanWords(["Đội số 2"]))
    assert units[0].unit == "Đội Quản lý hộ kinh doanh, cá nhân số 1"
