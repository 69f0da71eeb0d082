"""A recipient wrapped onto the next line beside the signature column: closing its bracket in capitals
("(Phòng" / "KSTTHC);"), or in small letters beside the signer's name; and a law whose name holds
"pháp luật" keeps its number."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source

PLAN = """\
 UBND TỈNH AN LẠC                          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 SỞ TƯ PHÁP                                      Độc lập - Tự do - Hạnh phúc
 Số: 42/KH-STP                              An Lạc, ngày 10 tháng 01 năm 2025

                                  KẾ HOẠCH
                 Phổ biến, giáo dục pháp luật năm 2025

 Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13 ngày 20/6/2012;
 I. MỤC ĐÍCH, YÊU CẦU
 Nâng cao hiểu biết pháp luật.
 II. TỔ CHỨC THỰC HIỆN
 1. Văn phòng Sở: theo dõi, đôn đốc.

Nơi nhận:                                           TM. ỦY BAN NHÂN DÂN
- Văn phòng UBND tỉnh (Phòng                              GIÁM ĐỐC
KSTTHC);
- Các phòng, đơn vị thuộc
Sở;                                                    Đoàn Minh Tuấn
- Lưu: VT, VP.
"""


def test_wrapped_recipients_beside_the_signature_and_a_law_named_with_phap_luat() -> None:
    plan = extract_source(load.from_bytes(PLAN.encode("utf-8"), "plan.txt"))
    assert [(c.kind.value, c.number) for c in plan.legal_basis] == [("law", "14/2012/QH13")]
    assert len(plan.recipients) == 3
    assert plan.recipients[0].startswith("Văn phòng UBND tỉnh (Phòng KSTTHC)")
    assert plan.signer is not None
    assert plan.signer.position == "GIÁM ĐỐC" and plan.signer.name == "Đoàn Minh Tuấn"


def test_a_signature_at_the_margin_after_an_unfinished_entry_stays_the_signature() -> None:
    plain = PLAN.split("Nơi nhận:")[0] + "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nLê Văn Nam\n"
    plan = extract_source(load.from_bytes(plain.encode("utf-8"), "plan.txt"))
    assert len(plan.recipients) == 2
    assert plan.signer is not None and plan.signer.position == "PHÓ GIÁM ĐỐC" and plan.signer.name == "Lê Văn Nam"


def test_a_title_ocr_slipped_a_mark_on_is_spelled_as_titles_are() -> None:
    from khparse.fields.closing import _spelled_title

    assert _spelled_title("THỨ TRƯỜNG") == "THỨ TRƯỞNG"
    assert _spelled_title("PHÓ CHỦ TỊCH") == "PHÓ CHỦ TỊCH"
    assert _spelled_title("GIÁM ĐỐC SỞ") == "GIÁM ĐỐC SỞ"  # not a bare title: as printed
    assert _spelled_title("Thứ trường") == "Thứ trường"  # only capitals are titles set apart


def test_entries_whose_dashes_ocr_read_apart_are_the_recipients() -> None:
    # A Times fax at 150 dpi: tesseract read the entries' dashes as a column of their own.
    import khparse

    plan = khparse.extract(
        "KẾ HOẠCH\nChuyển đổi số năm 2025\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\nTrên đây là Kế hoạch./.\n"
        "Nơi nhận:\n-\nBộ Thông tin và Truyền thông (b/c);\nTT Tỉnh ủy, TT HĐND tỉnh (b/c);\nLĐVP, CVNC;\n"
        "Lưu: VT, TH.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrịnh Quốc Khải\n", repair=False)
    assert plan.recipients == ["Bộ Thông tin và Truyền thông (b/c)", "TT Tỉnh ủy, TT HĐND tỉnh (b/c)", "LĐVP, CVNC",
                               "Lưu: VT, TH"]
    assert plan.signer is not None and plan.signer.position == "PHÓ CHỦ TỊCH"


def test_entries_that_lost_their_dashes_among_those_that_kept_them_are_recipients() -> None:
    # A 150 dpi fax of 11 pt recipients: some dashes read, some lost; the filing line lost its own too.
    import khparse

    plan = khparse.extract(
        "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- UBND tỉnh Phú Thọ (b/c);\n- Sở Nội vụ tỉnh Phú Thọ (b/c);\n"
        "TT Đảng ủy, TT HĐND xã (b/c);\nChủ tịch, các PCT UBND xã;\n- Trưởng các thôn;\nLưu: VT, VHXH.\n"
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nĐinh Thị Hồng Nhung\n", repair=False)
    assert plan.recipients == ["UBND tỉnh Phú Thọ (b/c)", "Sở Nội vụ tỉnh Phú Thọ (b/c)",
                               "TT Đảng ủy, TT HĐND xã (b/c)", "Chủ tịch, các PCT UBND xã", "Trưởng các thôn",
                               "Lưu: VT, VHXH"]
    assert plan.signer is not None and plan.signer.position == "PHÓ CHỦ TỊCH"
    assert plan.signer.name == "Đinh Thị Hồng Nhung"


def test_an_authority_wrapped_over_two_lines_and_a_dash_read_as_a_tilde() -> None:
    # A grey scan: the Đoàn's body over two lines, a speck between it and the position; "-" read "~".
    import khparse

    plan = khparse.extract(
        "KẾ HOẠCH\nBình dân học vụ số năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiệu quả.\nTrên đây là Kế hoạch./.\n"
        "Nơi nhận:\n- Ban Thường vụ Tỉnh đoàn (b/c);\n- UBND phường (p/h);\n~ Các chi đoàn trực thuộc;\n"
        "- Lưu: VP Đoàn phường.\nTM. BAN THƯỜNG VỤ ĐOÀN\nPHƯỜNG\ni\nBÍ THƯ\nĐinh Thị Phương Thảo\n", repair=False)
    assert plan.recipients[2] == "Các chi đoàn trực thuộc" and len(plan.recipients) == 4
    assert plan.signer is not None
    assert (plan.signer.authority, plan.signer.position, plan.signer.name) == (
        "TM. BAN THƯỜNG VỤ ĐOÀN PHƯỜNG", "BÍ THƯ", "Đinh Thị Phương Thảo")


def test_what_a_seal_left_after_the_position_on_a_scan_goes() -> None:
    scanned = PLAN.replace("        GIÁM ĐỐC\n", "        GIÁM ĐỐC “TS\n")
    plan = extract_source(load.from_bytes(scanned.encode("utf-8"), "plan.txt"))
    assert plan.signer is not None and plan.signer.position == "GIÁM ĐỐC"
    below = PLAN.replace("        GIÁM ĐỐC\n", "        GIÁM ĐỐC\n" + " " * 54 + "“TS\n")
    plan = extract_source(load.from_bytes(below.encode("utf-8"), "plan.txt"))
    assert plan.signer is not None and plan.signer.position == "GIÁM ĐỐC"


def test_recipients_whose_heading_ocr_lost_end_with_the_filing_line() -> None:
    # A phone photo: "Nơi nhận:" in the shadow, a dash read "*"; the list still ends with "- Lưu: VT.".
    text = ("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 1/KH-UBND\nAn Phú, ngày 1 tháng 2 năm 2026\n"
            "KẾ HOẠCH\nTuyên truyền năm 2026\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nII. TỔ CHỨC THỰC HIỆN\n1. Văn phòng: theo dõi.\n"
            "2. Trạm Y tế xã: bố trí nhân lực.\n* Hội CTĐ tỉnh (để b/c);\n- Đảng ủy, UBND xã (để b/c);\n"
            "- Lưu: VT.\nCHỦ TỊCH\nChâu Thị Kim Hoàng\n")
    plan = extract_source(load.from_bytes(text.encode("utf-8"), "plan.txt"))
    assert plan.recipients == ["Hội CTĐ tỉnh (để b/c)", "Đảng ủy, UBND xã (để b/c)", "Lưu: VT"]
    assert [a.unit for a in plan.assignments] == ["Văn phòng", "Trạm Y tế xã"]
    assert plan.signer is not None and (plan.signer.position, plan.signer.name) == ("CHỦ TỊCH", "Châu Thị Kim Hoàng")
