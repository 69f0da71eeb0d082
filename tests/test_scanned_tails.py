"""What archive scans of real layouts leave in the tail and the body, read as the plan means it: a
deputy's position whose start a seal took (fields/deputy.py), specks before the signature's column,
"Nơi" read as a speck, a position line a speck opened with "(", a part numeral run into "PHẦN", a
place's "BÀN" that is no "Ban", a unit's "Tổ" read "T6" or spelled from words across a comma, the
"Tiểu ban" units, and a title's mark the model is far surer of."""

from __future__ import annotations

from khparse import load
from khparse.fields.deputy import mended
from khparse.fields.spelling import PlanWords, remarked_title, respelled, respelled_own_name
from khparse.model import Plan, SignerAuthority
from khparse.model.drafts import Signer
from khparse.pipeline import extract_source


def _signer(authority: str, position: str | None, kind: SignerAuthority | None = SignerAuthority.KT) -> Signer:
    return Signer(authority=authority, authority_kind=kind, position=position, name="Phan Thị Hải Yến")


def test_a_deputys_position_whose_start_a_seal_took_is_the_heads_title_with_pho() -> None:
    fixed = mended(_signer("KT. GIÁM ĐỐC", "Ó GIÁM ĐỐC"), "SỞ TÀI CHÍNH")
    assert fixed is not None and fixed.position == "PHÓ GIÁM ĐỐC"
    # '-GIÁM ĐỐC' after a speck, and a ring letter read after it ("NA").
    fixed = mended(_signer("KT. GIÁM ĐỐC", 'N9 "HC -GIÁM ĐỐC NA'), "SỞ TÀI CHÍNH")
    assert fixed is not None and fixed.position == "PHÓ GIÁM ĐỐC"
    # The authority's line read badly too: the issuer's kind of body names the head, its end agreeing.
    fixed = mended(_signer('KT. Om" CỤC TRƯỞNG', "' O C CỤC TRƯỞNG"), "CHI CỤC KIỂM LÂM")
    assert fixed is not None and (fixed.authority, fixed.position) == ("KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG")
    # A crease and the ring took the ends of both lines: each keeps the title's first letters.
    fixed = mended(_signer("KT. HIÊ", "PHÓ HIỆ XE Akc “<< S"), "TRƯỜNG THCS LỘC HÀ BẮC")
    assert fixed is not None and (fixed.authority, fixed.position) == ("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG")
    # Only the title's last word left after specks.
    fixed = mended(_signer("KT. TRƯỞNG BAN", "l0 BAN"), "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP")
    assert fixed is not None and fixed.position == "PHÓ TRƯỞNG BAN"


def test_positions_read_whole_or_signed_otherwise_stay() -> None:
    for signer, issuer in (
        (_signer("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC"), "ỦY BAN NHÂN DÂN XÃ AN PHÚ"),
        (_signer("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), "BỘ NỘI VỤ"),
        (_signer("KT. GIÁM ĐỐC", None).model_copy(update={"name": None}), "SỞ TÀI CHÍNH"),  # no signature read
        (_signer("TM. ỦY BAN NHÂN DÂN", "Ó CHỦ TỊCH", SignerAuthority.TM), "ỦY BAN NHÂN DÂN XÃ AN PHÚ"),
        (_signer('KT. Om" CỤC TRƯỞNG', "' O C CỤC TRƯỞNG"), "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        # The title read whole after its start ("PHÓ HIỆU TRƯỞNG PHỤ TRÁCH"), or two letters only.
        (_signer("KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG PHỤ TRÁCH"), "TRƯỜNG THCS AN PHÚ"),
        (_signer("KT. HI", "PHÓ HI XE"), "TRƯỜNG THCS AN PHÚ"),
        (_signer("KT. GIÁM ĐỐC CÔNG AN TỈNH", "PHÓ GIÁM ĐỐC"), "CÔNG AN TỈNH HÀ TĨNH"),  # a joint plan's signer
    ):
        assert mended(signer, issuer) == signer


TAIL_PLAN = """\
CÔNG AN TỈNH LÀO CAI
CÔNG AN XÃ VĂN BÀN ĐÔNG
Số: 09/KH-CAX
Văn Bàn Đông, ngày 10 tháng 02 năm 2026
KẾ HOẠCH
Bảo đảm an ninh, trật tự năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Bảo đảm an ninh.
II. TỔ CHỨC THỰC HIỆN
1. Tổ An ninh: nắm tình hình an ninh chính trị, an ninh nội bộ, an ninh kinh tế.
2. Tiểu ban Tuyên truyền, thông tin: tuyên truyền về cuộc bầu cử.
3. Các T6 bầu cử: tiếp nhận tài liệu; các Tổ bầu cử báo cáo hằng ngày./.
k. nhân: :    :    KT. TRƯỞNG CÔNG AN XÃ
- Công an tỉnh (b/c);
- Ủy ban bầu cử xã;    (N9 PHÓ TRƯỞNG CÔNG AN XÃ
- Lưu: HS, VT.
Đại úy Lù Văn Phong
"""


def test_a_scanned_tail_with_specks_before_its_columns() -> None:
    plan = extract_source(load.from_bytes(TAIL_PLAN.encode("utf-8"), "plan.txt"))
    assert (plan.header.parent_issuer, plan.header.issuer) == ("CÔNG AN TỈNH LÀO CAI", "CÔNG AN XÃ VĂN BÀN ĐÔNG")
    assert plan.recipients == ["Công an tỉnh (b/c)", "Ủy ban bầu cử xã", "Lưu: HS, VT"]
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        SignerAuthority.KT, "PHÓ TRƯỞNG CÔNG AN XÃ", "Lù Văn Phong")
    assert [a.unit for a in plan.assignments] == ["Tổ An ninh", "Tiểu ban Tuyên truyền, thông tin", "Các T6 bầu cử"]


def test_a_units_words_are_not_spelled_from_a_run_across_a_comma() -> None:
    plan = PlanWords(TAIL_PLAN.split("\n"))
    assert respelled("Tổ An ninh", plan) == "Tổ An ninh"  # not the "bộ, an ninh" of "nội bộ, an ninh"
    assert respelled("Các T6 bầu cử", plan) == "Các Tổ bầu cử"  # a letter read as a figure
    assert respelled("Tổ 1", plan) == "Tổ 1"


def test_a_titles_small_word_takes_the_marks_the_model_is_far_surer_of() -> None:
    assert remarked_title("Tổ chức các hoạt động Tháng Thanh niên năm 2026 và ký niệm 95 năm Ngày thành lập Đoàn") \
        == "Tổ chức các hoạt động Tháng Thanh niên năm 2026 và kỷ niệm 95 năm Ngày thành lập Đoàn"
    right = "Tuyên truyền cải cách hành chính trên địa bàn xã Hòa An năm 2026"
    assert remarked_title(right) == right


PARTS_PLAN = """\
ỦY BAN NHÂN DÂN
XÃ NGỌC LẠC TÂY
Số: 15/KH-UBND
Ngọc Lạc Tây, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Công tác dân vận chính quyền năm 2026
PHẦNI
KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025
1. Kết quả đạt được
Tổ chức 02 hội nghị đối thoại.
PHẦN II
NHIỆM VỤ NĂM 2026
IL. MỤC TIÊU
Xây dựng chính quyền gần dân.
II. NHIỆM VỤ, GIẢI PHÁP
1. Thực hiện Quy chế dân chủ ở cơ sở.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã: tham mưu triển khai.
"""


def test_parts_whose_numeral_ocr_ran_into_the_word_and_sections_that_start_again() -> None:
    plan = extract_source(load.from_bytes(PARTS_PLAN.encode("utf-8"), "plan.txt"))
    assert [(s.numeral, s.title) for s in plan.sections] == [
        ("I", "KẾT QUẢ CÔNG TÁC DÂN VẬN NĂM 2025"), ("II", "NHIỆM VỤ NĂM 2026")]


def test_a_units_head_noun_takes_the_marks_the_plan_gives_it_as_often() -> None:
    plan = PlanWords(["2. Duy trì hoạt động của Tổ tư vấn tâm lý trong nhà trường.",
                      "2. Tố tư vấn tâm lý học đường: tổ chức tư vấn trực tiếp."])
    assert respelled("Tố tư vấn tâm lý học đường", plan) == "Tổ tư vấn tâm lý học đường"


def _small_plan(issuer: str, number: str, place: str, unit: str, tail: str) -> Plan:
    """A one-section plan under `issuer` (its lines), its tail as a scan's OCR left it."""
    text = (f"{issuer}\nSố: {number}\n{place}, ngày 5 tháng 1 năm 2026\nKẾ HOẠCH\nTuyên truyền năm 2026\n"
            f"I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n1. {unit}: chủ trì./.\n{tail}")
    return extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))


def test_after_the_filing_line_a_seals_dash_is_no_recipient_and_a_title_a_letter_off_is_the_title() -> None:
    plan = _small_plan("BAN CHỈ HUY QUÂN SỰ\nXÃ TRÀNG ĐỊNH NAM", "05/KH-BCHQS", "Tràng Định Nam", "Các thôn đội trưởng",
                       "Nơi nhận:\n- Bộ CHQS tỉnh (b/c);\n- Các thôn đội;\n- Lưu: BCH.\n-“HÍ HUY TRƯỞNG\n"
                       "g úy Hà Văn Lâm\n")
    assert plan.recipients == ["Bộ CHQS tỉnh (b/c)", "Các thôn đội", "Lưu: BCH"]
    assert plan.signer is not None and plan.signer.position == "CHỈ HUY TRƯỞNG"


def test_strokes_run_together_before_the_authority_and_a_slash_before_the_position() -> None:
    plan = _small_plan("BỆNH VIỆN ĐA KHOA KHU VỰC BA TƠ", "12/KH-BV", "Ba Tơ", "Phòng Quản lý chất lượng",
                       "Nơi nhận:    \\    __—-KT. GIÁM ĐỐC\n- Sở Y tế (b/c);    ”⁄    PHðỒ<GIÁM ĐỐC\n"
                       "- Lưu: VT, QLCL.\nBSCKII. Đinh Văn Mưu\n")
    assert plan.signer is not None
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đinh Văn Mưu")


def test_recipients_whose_heading_read_as_nơi_and_a_speck() -> None:
    plan = _small_plan("ỦY BAN NHÂN DÂN\nPHƯỜNG SƠN TRÀ TÂY", "86/KH-UBND", "Sơn Trà Tây", "Phòng Văn hóa - Xã hội",
                       "Nơi ,\n- TT Đảng ủy, TT HĐND phường;\nTM. ỦY BAN NHÂN DÂN\n- Các tổ dân phố;\n"
                       "- Lưu: VT, VHXH.\nTrần Thị Minh Nguyệt\n")
    assert plan.recipients == ["TT Đảng ủy, TT HĐND phường", "Các tổ dân phố", "Lưu: VT, VHXH"]
    assert plan.signer is not None and plan.signer.authority == "TM. ỦY BAN NHÂN DÂN"


def test_a_roman_numeral_read_small_after_a_round_and_the_issuers_kind_of_body_respelled() -> None:
    assert remarked_title("Hiến máu tình nguyện đợt i năm 2026") == "Hiến máu tình nguyện đợt I năm 2026"
    assert remarked_title("Sơ kết quý ii và nhiệm vụ quý iii") == "Sơ kết quý II và nhiệm vụ quý III"
    plan = PlanWords(["Hội Chữ thập đỏ tỉnh về vận động hiến máu; Ban Chấp hành Hội Chữ thập đỏ xã",
                      "1. Thường trực Hội Chữ thập đỏ xã: phối hợp.", "3. Chi hội Chữ thập đỏ các ấp: vận động."])
    assert respelled_own_name("BCH HỘI CHỮ THẬP ĐÓ XÃ PHÚ TÂN ĐÔNG", plan) == "BCH HỘI CHỮ THẬP ĐỎ XÃ PHÚ TÂN ĐÔNG"


def test_a_position_opening_with_a_schools_truong_is_the_heads() -> None:
    plan = _small_plan("CÔNG AN TỈNH HÀ TĨNH\nCÔNG AN XÃ KỲ ANH TÂY", "15/KH-CAX", "Kỳ Anh Tây", "Tổ An ninh",
                       "Nơi nhận:\n- Lưu: VT.\nTRƯỜNG CÔNG AN XÃ\nThiếu tá Phan Văn Lực\n")
    assert plan.signer is not None and plan.signer.position == "TRƯỞNG CÔNG AN XÃ"
