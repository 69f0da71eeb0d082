"""Slips blind26's everyday archive scans showed (a fax with its page count, a Trạm Y tế under its
commune, a place named Trường, "Nơi nhận:" garbled beside the signature, a deputy's KT. line lost,
specks before a position, a surname read without marks, a branch's "chỉ đoàn" inside a list)."""

from __future__ import annotations

from khparse import load
from khparse.fields.closing import _spelled_title
from khparse.fields.deputy import mended
from khparse.fields.spelling import _branch_slips, respelled_signer
from khparse.model import SignerAuthority
from khparse.model.drafts import Signer
from khparse.pipeline import extract_source

BODY = ("KẾ HOẠCH\nTiêm chủng mở rộng năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Quản đốc xưởng cơ khí, chỉ huy trưởng các công trường: phổ biến nội quy an toàn.\n"
        "2. Trạm Y tế xã: tiêm chủng./.\n")


def _plan(text: str) -> object:
    return extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))


def test_headers_of_a_fax_a_health_station_and_a_school_in_a_place_named_truong() -> None:
    plan = _plan("BCH ĐOÀN XÃ TRIỆU SƠN ĐÔNG P.01⁄02\nSố: 05/KH-ĐTN\n"
                 "Triệu Sơn Đông, ngày 12 tháng 01 năm 2026\n" + BODY)
    assert plan.header.issuer == "BCH ĐOÀN XÃ TRIỆU SƠN ĐÔNG"  # type: ignore[attr-defined]
    plan = _plan("UBND XÃ EA SÚP NAM\nTRẠM Y TẾ\nSố: 06/KH-TYT\nEa Súp Nam, ngày 12 tháng 01 năm 2026\n" + BODY)
    assert (plan.header.parent_issuer, plan.header.issuer) == ("UBND XÃ EA SÚP NAM", "TRẠM Y TẾ")  # type: ignore[attr-defined]
    plan = _plan("UBND XÃ XUÂN TRƯỜNG BẮC\nTRƯỜNG TIỂU HỌC XUÂN TRƯỜNG\nBẮC\nSố: 14/KH-THXTB\n"
                 "Xuân Trường Bắc, ngày 19 tháng 01 năm 2026\n" + BODY)
    assert (plan.header.parent_issuer, plan.header.issuer) == (  # type: ignore[attr-defined]
        "UBND XÃ XUÂN TRƯỜNG BẮC", "TRƯỜNG TIỂU HỌC XUÂN TRƯỜNG BẮC")
    assert [a.unit for a in plan.assignments] == [  # type: ignore[attr-defined]
        "Quản đốc xưởng cơ khí, chỉ huy trưởng các công trường", "Trạm Y tế xã"]


def test_recipients_heading_garbled_beside_the_signatures_first_line() -> None:
    plan = _plan("ỦY BAN NHÂN DÂN\nPHƯỜNG CẨM PHẢ BẮC\nSố: 38/KH-UBND\nCẩm Phả Bắc, ngày 16 tháng 01 năm 2026\n"
                 + BODY + "Nơi Bn    h    An    TM. ỦY BAN NHÂN DÂN\n- UBND tỉnh (b/c);\n- CT, các PCT UBND phường;\n"
                 "- Lưu: VT, VHXH.\nPHÓ CHỦ TỊCH\nVũ Thị Thanh Hoa\n")
    signer = plan.signer  # type: ignore[attr-defined]
    assert len(plan.recipients) == 3  # type: ignore[attr-defined]
    # The "KT. CHỦ TỊCH" line lost between the committee and the deputy: the deputy signed KT.
    assert (signer.authority_kind, signer.position, signer.name) == (
        SignerAuthority.KT, "PHÓ CHỦ TỊCH", "Vũ Thị Thanh Hoa")


def test_a_fronts_deputy_signs_for_its_board_without_kt() -> None:
    signer = Signer(authority="TM. BAN THƯỜNG TRỰC", authority_kind=SignerAuthority.TM, position="PHÓ CHỦ TỊCH")
    assert mended(signer, "ỦY BAN MTTQ VIỆT NAM PHƯỜNG AN PHÚ") == signer


def test_positions_names_and_branches_as_printed() -> None:
    assert _spelled_title("h + CHỦ TỊCH") == "CHỦ TỊCH"
    assert _spelled_title("PHO TRƯƠNG CÔNG AN XÃ") == "PHÓ TRƯỞNG CÔNG AN XÃ"
    assert _spelled_title("Phó Giám đốc") == "Phó Giám đốc"
    assert respelled_signer("Le Thị Quỳnh Anh") == "Lê Thị Quỳnh Anh"
    assert respelled_signer("Phan Văn Bình") == "Phan Văn Bình"  # an unmarked surname stays
    assert _branch_slips("Các chi đoàn thôn, chỉ đoàn trường học") == "Các chi đoàn thôn, chi đoàn trường học"
    assert _branch_slips("Chỉ đạo các chỉ bộ") == "Chỉ đạo các chi bộ"


def test_blind27s_table_columns_symbols_and_tail() -> None:
    from khparse.fields.appendix import _column_roles
    from khparse.read.codes import mend_symbol

    # A lead column named by who leads ("Người, bộ phận phụ trách", "Khoa, phòng chủ trì").
    assert _column_roles(["TT", "Nội dung nhiệm vụ", "Người, bộ phận phụ trách", "Phối hợp", "Thời gian"]) == {
        "task": 1, "lead": 2, "partners": 3, "timeline": 4}
    assert _column_roles(["TT", "Hoạt động cải tiến", "Khoa, phòng chủ trì", "Khoa, phòng phối hợp",
                          "Thời gian"]) == {"task": 1, "lead": 2, "partners": 3, "timeline": 4}
    assert mend_symbol("09-KH/DĐTN") == "09-KH/ĐTN"  # one Đ read twice
    assert _branch_slips("Chị đoàn Công an xã") == "Chi đoàn Công an xã"
    plan = _plan("ỦY BAN NHÂN DÂN\nXÃ TÂN KỲ ĐÔNG\nSố: 12/KH-UBND\nTân Kỳ Đông, ngày 10 tháng 01 năm 2026\n"
                 + BODY + "Nơi nhận:    ở    TM. ỦY BAN NHÂN DÂN\n- CT, các PCT UBND xã;\n- Lưu: VT, KT.\n"
                 "CHỦ TỊCH\nLô Văn Quyết\n")
    signer = plan.signer  # type: ignore[attr-defined]
    assert (signer.authority_kind, signer.position, signer.name) == (SignerAuthority.TM, "CHỦ TỊCH", "Lô Văn Quyết")
    # A seal's speck between a recipient and the deputy's line beside it (blind35's scan in layers).
    plan = _plan("ỦY BAN NHÂN DÂN\nTỈNH CÀ MAU\nSố: 42/KH-UBND\nCà Mau, ngày 16 tháng 01 năm 2026\n" + BODY
                 + "Nơi nhận:    TM. ỦY BAN NHÂN DÂN\n- Bộ Nội vụ (b/c);    bị    KT. CHỦ TỊCH\n- Lưu: VT, NC.\n"
                 "PHÓ CHỦ TỊCH\nNgô Văn Lượng\n")
    signer = plan.signer  # type: ignore[attr-defined]
    assert (signer.authority_kind, signer.position, signer.name) == (SignerAuthority.KT, "PHÓ CHỦ TỊCH",
                                                                     "Ngô Văn Lượng")
    # A line of marks after a bullet, where a seal and a signature crossed the list, names no recipient.
    plan = _plan("TRƯỜNG THCS ĐÔ LƯƠNG TÂY\nSố: 02/KH-THCS\nĐô Lương, ngày 12 tháng 01 năm 2026\n" + BODY
                 + "Nơi nhận:\n- Phòng VH-XH UBND xã (b/c);\n- Ban Giám hiệu;\nHIỆU TRƯỞNG\n+ +    ^ ˆ^    «< “    +\n"
                 "- Lưu: VT.\nPhan Thị Minh Nguyệt\n")
    assert plan.recipients == ["Phòng VH-XH UBND xã (b/c)", "Ban Giám hiệu", "Lưu: VT"]  # type: ignore[attr-defined]


def test_a_misread_numeral_inside_a_part_is_read_from_its_sequence_and_title() -> None:
    plan = _plan("HỢP TÁC XÃ NÔNG NGHIỆP AN PHÚ\nSố: 03/KH-HTX\nAn Phú, ngày 26 tháng 02 năm 2026\nKẾ HOẠCH\n"
                 "Sản xuất, kinh doanh năm 2026\nPHẦN I\nKẾT QUẢ SẢN XUẤT NĂM 2025\n1. Dịch vụ thủy lợi: tưới tiêu.\n"
                 "PHẦN II\nPHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026\nI. MỤC TIÊU, CHỈ TIÊU\n- Doanh thu 4.500 triệu đồng.\n"
                 "II. NHIỆM VỤ, GIẢI PHÁP\n1. Nâng cấp kênh tưới.\nHI. TỔ CHỨC THỰC HIỆN\n"
                 "1. Ban Giám đốc Hợp tác xã: điều hành sản xuất.\n2. Tổ dịch vụ thủy lợi: quản lý trạm bơm./.\n")
    assert [a.unit for a in plan.assignments] == ["Ban Giám đốc Hợp tác xã", "Tổ dịch vụ thủy lợi"]  # type: ignore[attr-defined]
    assert any("'HI.' taken as III" in w.message for w in plan.warnings)  # type: ignore[attr-defined]


def test_a_paperclip_read_above_the_header_opens_no_section() -> None:
    # blind38: a paperclip over the top edge read "II" and "&" above the header of a folded scan; the
    # header was read as section II's and the plan lost its issuer, number, date and title.
    plan = _plan("II\n&\nSỞ Y TẾ ĐỒNG THÁP\nBỆNH VIỆN Y DƯỢC CỔ TRUYỀN\nSố: 17/KH-BVYDCT\n"
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                 "Đồng Tháp, ngày 21 tháng 01 năm 2026\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n"
                 "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nII. NỘI DUNG TUYÊN TRUYỀN\n1. Quy trình khám bệnh.\n"
                 "III. TỔ CHỨC THỰC HIỆN\n1. Phòng Tổ chức - Hành chính: chủ trì./.\n")
    assert plan.header.number == "17/KH-BVYDCT"  # type: ignore[attr-defined]
    assert [s.numeral for s in plan.sections] == ["I", "II", "III"]  # type: ignore[attr-defined]
