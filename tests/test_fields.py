"""Legal basis, assignments, closing, recipients, signer and appendix on their own."""

from __future__ import annotations

import datetime as dt

import khparse
from khparse.fields.closing import parse_ending
from khparse.fields.legal_basis import is_basis_paragraph, parse_citations
from khparse.fold import fold, nfc
from khparse.lines import document_lines
from khparse.model import CitationKind

# The end of a plan (recipients, a signer): what follows it is read as an appendix.
SIGNED_TAIL = "\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n\nNguyễn Văn An\n\n"


def plan_with_appendix(implementation: str, appendix: str):  # type: ignore[no-untyped-def]
    """A short plan: one implementation section with `implementation`, a signed tail, `appendix`."""
    text = f"KẾ HOẠCH\nThử nghiệm\n\nI. TỔ CHỨC THỰC HIỆN\n{implementation}{SIGNED_TAIL}{appendix}"
    return khparse.extract(nfc(text))


def cite(text: str):  # type: ignore[no-untyped-def]
    text = nfc(text)
    return parse_citations(text, fold(text))


def test_citations_with_numbers_dates_issuers_summaries() -> None:
    found = cite("Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về ban hành Chương trình "
                 "tổng thể; Nghị quyết số 04-NQ/TU ngày 18/ 10/2021 của Tỉnh ủy; Nghị quyết số 13- NQ/TU "
                 "ngày 06 tháng 9 năm 2023 của Ban Thường vụ Tỉnh ủy về chuyển đổi số;")
    assert [(c.kind, c.number, c.date) for c in found] == [
        (CitationKind.resolution, "76/NQ-CP", dt.date(2021, 7, 15)),
        (CitationKind.resolution, "04-NQ/TU", dt.date(2021, 10, 18)),
        (CitationKind.resolution, "13-NQ/TU", dt.date(2023, 9, 6)),
    ]
    assert found[0].issuer == "Chính phủ"
    assert found[0].summary == "ban hành Chương trình tổng thể"
    assert found[2].summary == "chuyển đổi số"


def test_garbled_citations() -> None:
    found = cite("Cdn cir Quyét dinh sb 25/2023/QD-UBND ngay 15 thang 6 nam 2023 cua UBND tinh; "
                 "Huéng dan sé 02/HD-NV ngay 24/01/2024 cua Phong Noi vu")
    assert [(c.kind, c.number) for c in found] == [
        (CitationKind.decision, "25/2023/QD-UBND"),
        (CitationKind.guidance, "02/HD-NV"),
    ]
    assert found[0].date == dt.date(2023, 6, 15)


def test_law_by_name_and_plain_mention_of_a_plan() -> None:
    found = cite("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; UBND xã ban hành Kế "
                 "hoạch cải cách hành chính năm 2025")
    assert len(found) == 1
    assert (found[0].kind, found[0].number, found[0].summary) == (
        CitationKind.law, None, "Tổ chức chính quyền địa phương")


def test_basis_paragraph_detection() -> None:
    for text in ("Căn cứ Luật Tổ chức", "Thuc hi¢n Ké hoach sé 5012/KH-UBND ngay", "2. Thông tư số 32/2020/TT-BGDĐT"):
        assert is_basis_paragraph(nfc(text), fold(nfc(text))), text
    assert not is_basis_paragraph("UBND xã xây dựng Kế hoạch như sau:", fold("UBND xã xây dựng Kế hoạch như sau:"))
    # A basis listed without "Căn cứ": a law by name and date is an entry, from its list item too.
    for text in ("- Luật Công nghệ thông tin ngày 29/6/2006;", "Luật An toàn thông tin mạng ngày 19/11/2015;"):
        assert is_basis_paragraph(nfc(text), fold(nfc(text))), text
        assert [(c.kind, c.number) for c in cite(text)] == [(CitationKind.law, None)]
    for text in ("Luật Cán bộ, công chức được tuyên truyền rộng rãi", "- Luật mới có hiệu lực từ năm 2026;"):
        assert not is_basis_paragraph(nfc(text), fold(nfc(text))), text


def test_merged_recipient_and_signature_columns() -> None:
    tail = document_lines([(1, nfc(
        "Trên đây là Kế hoạch …./.\n"
        "Nơi nhận:                                              TM. ỦY BAN NHÂN DÂN\n"
        "- Sở Nội vụ tỉnh (để b/c);                                    KT. CHỦ TỊCH\n"
        "- Lưu: VT, NV.                                              PHÓ CHỦ TỊCH\n"
        "\n"
        "                                                             Lê Văn Thành\n"))])
    ending = parse_ending(tail)
    assert ending.closing == "Trên đây là Kế hoạch …./."
    assert ending.recipients == ["Sở Nội vụ tỉnh (để b/c)", "Lưu: VT, NV"]
    assert ending.signer is not None
    assert (ending.signer.authority_kind, ending.signer.position, ending.signer.name) == (
        "KT", "PHÓ CHỦ TỊCH", "Lê Văn Thành")


def test_party_signature_and_names_that_look_like_titles() -> None:
    tail = document_lines([(1, "Nơi nhận:\n- Lưu Văn phòng.\nT/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nTrần Văn Phong\n")])
    signer = parse_ending(tail).signer
    assert signer is not None
    assert (signer.authority_kind, signer.position, signer.name) == ("TM", "PHÓ BÍ THƯ", "Trần Văn Phong")


def test_a_steering_boards_head_with_the_office_he_also_holds_under_his_title() -> None:
    tail = document_lines([(1, nfc("Nơi nhận:\n- Lưu: VT.\n\nTRƯỞNG BAN\nCHỦ TỊCH UBND HUYỆN\n\nPhạm Quốc Việt\n"))])
    signer = parse_ending(tail).signer
    assert signer is not None
    assert (signer.position, signer.name) == ("TRƯỞNG BAN", "Phạm Quốc Việt")
    # A title that wraps is still one position.
    tail = document_lines([(1, nfc("Nơi nhận:\n- Lưu: VT.\n\nPHÓ TRƯỞNG BAN\nTHƯỜNG TRỰC\n\nLê Văn An\n"))])
    signer = parse_ending(tail).signer
    assert signer is not None and signer.position == "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"


def test_task_blocks_and_appendix_tables_become_assignments() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nTuyên truyền\n\nI. HÌNH THỨC TUYÊN TRUYỀN\n"
        "1. Cập nhật thủ tục hành chính trên Cổng thông tin điện tử.\n"
        "- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công.\n"
        "- Đơn vị phối hợp: Sở Thông tin và Truyền thông; các sở, ngành.\n"
        "- Thời gian thực hiện: Thường xuyên.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Giao Văn phòng UBND tỉnh theo dõi, tổng hợp kết quả.\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n\nNguyễn An\n\n"
        "PHỤ LỤC\n(Kèm theo Kế hoạch số 01/KH-UBND)\n"
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
        "| 1 | In tờ gấp | Sở Nội vụ | Sở Tài chính; UBND cấp huyện | Quý II |\n"))
    units = [(a.unit, a.partners, a.timeline) for a in plan.assignments]
    assert units == [
        ("Trung tâm Phục vụ hành chính công", ["Sở Thông tin và Truyền thông", "các sở, ngành"], "Thường xuyên"),
        ("Văn phòng UBND tỉnh", [], None),
        ("Sở Nội vụ", ["Sở Tài chính", "UBND cấp huyện"], "Quý II"),
    ]
    assert plan.assignments[1].tasks == ["theo dõi, tổng hợp kết quả"]
    appendix = plan.appendices[0]
    assert appendix.caption == "(Kèm theo Kế hoạch số 01/KH-UBND)"
    assert appendix.columns[1] == "Nhiệm vụ" and appendix.rows == [
        ["1", "In tờ gấp", "Sở Nội vụ", "Sở Tài chính; UBND cấp huyện", "Quý II"]]


def test_plan_issued_with_a_decision() -> None:
    """A plan after the Quyết định that issues it: the decision's number, date, issuer, legal
    basis and signature are the plan's; the title is the plan's own; "(Ban hành kèm theo …)" is
    no citation."""
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "wrapped" / "quyet-dinh-an-phu-2024.txt"
    plan = khparse.extract(path)
    assert plan.header.number == "125/QĐ-UBND"
    assert plan.header.date == dt.date(2024, 1, 10)
    assert plan.header.issuer == "ỦY BAN NHÂN DÂN HUYỆN AN PHÚ"
    assert plan.header.parent_issuer is None  # "QUYẾT ĐỊNH" is no part of the issuer
    assert plan.header.doc_type == "KẾ HOẠCH"
    assert plan.header.title == "Tuyên truyền cải cách hành chính năm 2024"
    assert [s.numeral for s in plan.sections] == ["I", "II", "III", "IV"]
    assert [c.number for c in plan.legal_basis] == [None, "45/QĐ-UBND"]
    assert plan.signer is not None and plan.signer.name == "Nguyễn Văn A"
    assert plan.signer.position == "CHỦ TỊCH"
    assert plan.recipients == ["Như Điều 3", "Lưu: VT"]
    # A plan without a decision before it is read as before.
    assert khparse.extract(Path(__file__).parents[1] / "samples" / "thuong-xuan-2025.md").header.doc_type == "KẾ HOẠCH"


def test_attached_note_is_no_citation() -> None:
    """"(Ban hành kèm theo Quyết định …)" under a plan's title says where it comes from."""
    text = ("ỦY BAN NHÂN DÂN HUYỆN AN PHÚ\nSố: 12/KH-UBND     An Phú, ngày 10 tháng 01 năm 2024\n\n"
            "KẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2024\n"
            "(Ban hành kèm theo Quyết định số 125/QĐ-UBND ngày 10/01/2024 của UBND huyện)\n\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cán bộ, công chức.\n"
            "II. NỘI DUNG\n1. Tuyên truyền các văn bản.\n")
    plan = khparse.extract(text.encode("utf-8"))
    assert plan.header.title == "Tuyên truyền cải cách hành chính năm 2024"
    assert plan.legal_basis == []


def test_rank_or_academic_title_before_the_signer_name_is_kept_apart() -> None:
    for printed, honorific, name in (("Thiếu tướng Hà Minh Sơn", "Thiếu tướng", "Hà Minh Sơn"),
                                     ("PGS.TS. Ngô Thị Lan", "PGS.TS.", "Ngô Thị Lan"),
                                     ("ThS. Ksor Y Đhăm", "ThS.", "Ksor Y Đhăm"),
                                     ("Vũ Đức Hải", None, "Vũ Đức Hải")):
        tail = document_lines([(1, nfc(f"Nơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\n\n{printed}\n"))])
        signer = parse_ending(tail).signer
        assert signer is not None
        assert (signer.position, signer.honorific, signer.name) == ("GIÁM ĐỐC", honorific, name)


def test_grouped_citations_take_the_group_kind_and_stop_at_each_clause() -> None:
    found = cite("Căn cứ các Nghị quyết của Hội đồng nhân dân tỉnh: số 21/NQ-HĐND ngày 10/12/2024 quy định "
                 "mức chi cho công tác tuyên truyền; số 9/NQ-HĐND ngày 3/4/2025 về dự toán;")
    assert [(c.kind, c.number) for c in found] == [(CitationKind.resolution, "21/NQ-HĐND"),
                                                    (CitationKind.resolution, "9/NQ-HĐND")]


def test_party_congress_resolution_is_cited_without_a_number() -> None:
    found = cite("- Căn cứ Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030;")
    assert [(c.kind, c.number) for c in found] == [(CitationKind.resolution, None)]


def test_unit_names_ending_in_a_verb_or_with_a_passive_verb_are_not_cut() -> None:
    from khparse.fields.assignments import _split_unit

    assert _split_unit("Phòng Kế hoạch tổng hợp") == ("Phòng Kế hoạch tổng hợp", None)
    assert _split_unit("Các xã được kiểm tra") == ("Các xã được kiểm tra", None)
    assert _split_unit("Văn phòng Sở tổng hợp kết quả, báo cáo Giám đốc") == (
        "Văn phòng Sở", "tổng hợp kết quả, báo cáo Giám đốc")
    # A verb in a list of the fields a unit is named by; a verb before another verb starts the task.
    assert _split_unit("Phòng Quản lý quy hoạch, xây dựng và môi trường") == (
        "Phòng Quản lý quy hoạch, xây dựng và môi trường", None)
    assert _split_unit("Văn phòng Ban xây dựng và triển khai kế hoạch tuyên truyền") == (
        "Văn phòng Ban", "xây dựng và triển khai kế hoạch tuyên truyền")


def test_appendix_under_its_own_name_with_an_attachment_note() -> None:
    plan = khparse.extract(nfc("""ỦY BAN NHÂN DÂN XÃ AN HÒA
Số: 14/KH-UBND
KẾ HOẠCH
Kiểm tra cải cách hành chính năm 2025

I. MỤC ĐÍCH, YÊU CẦU
1. Đánh giá kết quả.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng HĐND và UBND xã
Chủ trì.

Nơi nhận:
- Lưu: VT.
CHỦ TỊCH

Phan Văn Tài

DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA
(Kèm theo Kế hoạch số 14/KH-UBND ngày 02/6/2025 của UBND xã)
| STT | Đơn vị | Thời gian |
|---|---|---|
| 1 | Thôn Đông | 10/6/2025 |
| 2 | Thôn Tây | 12/6/2025 |
"""))
    assert plan.signer is not None and plan.signer.name == "Phan Văn Tài"
    assert [(a.title, len(a.rows)) for a in plan.appendices] == [("DANH SÁCH ĐƠN VỊ ĐƯỢC KIỂM TRA", 2)]


def test_task_table_in_the_body_and_a_head_signing_in_his_own_name_above_the_recipients() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nThực hiện Đề án 06\n\nI. NHIỆM VỤ\n1. Làm sạch dữ liệu dân cư.\n\n"
        "II. PHÂN CÔNG NHIỆM VỤ\n"
        "TT\tNội dung công việc\tChủ trì\tPhối hợp\tThời gian\n"
        "1\tRà soát dữ liệu\tTổ Cảnh sát quản lý hành chính\tCảnh sát khu vực\tTháng 8/2025\n"
        "2\tTuyên truyền trên loa truyền thanh\tTổ Tổng hợp\tTrưởng thôn\tHằng tuần\n\n"
        "III. TỔ CHỨC THỰC HIỆN\nCác tổ công tác chủ động triển khai, báo cáo kết quả hằng tháng./.\n\n"
        "TRƯỞNG CÔNG AN XÃ\n\nThiếu tá Nguyễn Văn Bình\n\nNơi nhận:\n- Công an tỉnh (b/c);\n- Lưu: CAX.\n"))
    assert [(a.unit, a.partners, a.timeline) for a in plan.assignments] == [
        ("Tổ Cảnh sát quản lý hành chính", ["Cảnh sát khu vực"], "Tháng 8/2025"),
        ("Tổ Tổng hợp", ["Trưởng thôn"], "Hằng tuần"),
    ]
    assert plan.appendices == []  # a table in the body is no appendix
    assert plan.signer is not None
    assert (plan.signer.position, plan.signer.honorific, plan.signer.name) == (
        "TRƯỞNG CÔNG AN XÃ", "Thiếu tá", "Nguyễn Văn Bình")
    assert plan.recipients == ["Công an tỉnh (b/c)", "Lưu: CAX"]


def test_a_portals_banner_and_footer_stay_out_of_the_plan() -> None:
    plan = khparse.extract(nfc(
        "TRƯỜNG THCS AN BÌNH - CỔNG THÔNG TIN ĐIỆN TỬ\nTrang chủ > Văn bản\nĐăng ngày: 20/09/2024 - 08:15\n\n"
        "PHÒNG GD&ĐT HUYỆN AN LÃO\nTRƯỜNG THCS AN BÌNH\nSố: 12/KH-THCS\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nAn Lão, ngày 16 tháng 9 năm 2024\n"
        "KẾ HOẠCH\nChuyển đổi số năm học 2024 - 2025\n\nI. MỤC TIÊU\n1. Học bạ số.\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Phó Hiệu trưởng: phụ trách học bạ số.\nNơi nhận:\n- Phòng GD&ĐT (b/c);\n- Lưu: VT.\n"
        "HIỆU TRƯỞNG\nTrần Văn Minh\n\nTác giả: Trường THCS An Bình\nNhững tin cũ hơn\n"
        "- Kế hoạch số 71/KH-THCS ngày 28/8/2024 về tựu trường\n"))
    assert (plan.header.issuer, plan.header.parent_issuer) == ("TRƯỜNG THCS AN BÌNH", "PHÒNG GD&ĐT HUYỆN AN LÃO")
    assert (plan.header.place, str(plan.header.date)) == ("An Lão", "2024-09-16")
    assert [a.unit for a in plan.assignments] == ["Phó Hiệu trưởng"]
    assert plan.recipients == ["Phòng GD&ĐT (b/c)", "Lưu: VT"]
    assert plan.signer is not None and plan.signer.name == "Trần Văn Minh"


def test_recipients_flattened_onto_the_line_of_noi_nhan() -> None:
    ending = parse_ending(document_lines([(1, nfc(
        "Nơi nhận: - Bộ Nội vụ (b/c); - Cục Kiểm soát TTHC - VPCP; - TT Tỉnh ủy, TT HĐND tỉnh; - Lưu: VT, NC.\n"
        "TUQ. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nLê Văn An\n"))]))
    assert ending.recipients == ["Bộ Nội vụ (b/c)", "Cục Kiểm soát TTHC - VPCP", "TT Tỉnh ủy, TT HĐND tỉnh",
                                 "Lưu: VT, NC"]
    assert ending.signer is not None and ending.signer.name == "Lê Văn An"


def test_task_block_labels_with_thuc_hien() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nKiểm soát thủ tục hành chính\n\nI. NHIỆM VỤ CỤ THỂ\n"
        "1. Rà soát danh mục thủ tục hành chính.\n"
        "+ Chủ trì thực hiện: Văn phòng HĐND và UBND phường.\n"
        "+ Đơn vị phối hợp: Các phòng chuyên môn.\n+ Thời gian thực hiện: Tháng 9/2025.\n"
        "II. TỔ CHỨC THỰC HIỆN\nCác đơn vị triển khai thực hiện./.\n"))
    assert [(a.unit, a.partners, a.timeline) for a in plan.assignments] == [
        ("Văn phòng HĐND và UBND phường", ["Các phòng chuyên môn"], "Tháng 9/2025")]


def test_units_named_by_headings_whose_numbers_the_converter_lost() -> None:
    plan = khparse.extract(nfc(
        "# KẾ HOẠCH\n\nTruyền thông cải cách hành chính\n\n## I. MỤC ĐÍCH\n\nNâng cao nhận thức.\n\n"
        "## II. TỔ CHỨC THỰC HIỆN\n\n### Văn phòng Bộ\n\n- Là đầu mối theo dõi, đôn đốc.\n- Tổng hợp, báo cáo.\n\n"
        "### Tạp chí Xây dựng\n\nĐăng tải các bài nghiên cứu về cải cách hành chính.\n\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị phản ánh về Văn phòng Bộ./.\n"))
    assert [(a.unit, a.tasks[0]) for a in plan.assignments] == [
        ("Văn phòng Bộ", "Là đầu mối theo dõi, đôn đốc"),
        ("Tạp chí Xây dựng", "Đăng tải các bài nghiên cứu về cải cách hành chính")]


def test_basis_listed_under_an_opener_alone_nested_recipients_and_a_targets_section() -> None:
    from khparse.headings import section_kind
    from khparse.model import SectionKind

    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nChuyển đổi số năm 2024\n\nCăn cứ:\n- Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị;\n"
        "- Chương trình công tác năm 2024 của Ban Thường vụ Hội Nông dân tỉnh.\n\n"
        "I MỤC ĐÍCH\nNâng cao nhận thức.\nII CHỈ TIÊU\n100% cán bộ dùng chữ ký số.\n"
        "III TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện.\nTrên đây là Kế hoạch./.\n"
        "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Các sở, ngành:\n  + Sở Công Thương;\n  + Công an tỉnh;\n- Lưu: VP.\n"))
    assert [(c.kind.value, c.number) for c in plan.legal_basis] == [("resolution", "52-NQ/TW"), ("program", None)]
    assert plan.recipients == ["Thường trực Tỉnh ủy", "Các sở, ngành: Sở Công Thương; Công an tỉnh", "Lưu: VP"]
    assert section_kind("CHỈ TIÊU") is SectionKind.other
    assert section_kind("NỘI DUNG, CHỈ TIÊU") is SectionKind.content
    assert section_kind("MỤC TIÊU") is SectionKind.purpose_requirements


def test_a_cited_decision_that_issued_another_plan_is_no_own_plan() -> None:
    text = nfc("Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án, "
               "Quyết định 385/QĐ-KBNN ngày 10/3/2025 của Giám đốc Kho bạc Nhà nước ban hành Kế hoạch cải cách "
               "hành chính năm 2025; Kho bạc Nhà nước khu vực XII ban hành Kế hoạch tuyên truyền như sau:")
    assert [(c.number, str(c.date)) for c in parse_citations(text, fold(text))] == [
        ("06/QĐ-TTg", "2022-01-06"), ("385/QĐ-KBNN", "2025-03-10")]


def test_units_of_an_implementation_part_inside_a_part_section() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nChuyển đổi số năm 2026\n\nPHẦN I. KẾT QUẢ NĂM 2025\nI. KẾT QUẢ\nĐạt nhiều kết quả.\n"
        "PHẦN II. NHIỆM VỤ NĂM 2026\nI. MỤC TIÊU\n- Đạt 90%.\nII. TỔ CHỨC THỰC HIỆN\n"
        "1. Ban Xây dựng Đảng\n- Tham mưu theo dõi.\n2. Các chi bộ trực thuộc\n- Quán triệt.\n"))
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert [a.unit for a in plan.assignments] == ["Ban Xây dựng Đảng", "Các chi bộ trực thuộc"]


def test_a_task_line_naming_lead_partners_and_time_after_semicolons() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nPhổ biến pháp luật\n\nI. NỘI DUNG\n1. Phổ biến văn bản mới.\n"
        "- Chủ trì: Phòng Nghiệp vụ 1; phối hợp: Văn phòng; thời gian: Quý I/2026.\n"
        "2. Cập nhật tài liệu.\n- Chủ trì: Văn phòng; phối hợp: các phòng; thời gian: thường xuyên.\n"))
    assert [(a.lead, a.partners, a.timeline) for a in plan.assignments] == [
        ("Phòng Nghiệp vụ 1", ["Văn phòng"], "Quý I/2026"), ("Văn phòng", ["các phòng"], "thường xuyên")]


def test_a_space_laid_table_whose_cells_touch_with_one_space() -> None:
    from khparse.fields.layout_table import layout_table
    from khparse.lines import document_lines

    text = ("TT Nội dung          Đơn vị chủ trì           Phối hợp\n"
            "1  Tin bài           Văn phòng Sở             Các phòng\n"
            "2  Chuyên mục        Phòng Chính sách dân tộc Văn phòng Sở\n"
            "3  Hội nghị          Phòng Công tác tôn giáo  Văn phòng Sở\n")
    laid = layout_table(document_lines([(1, text)]))
    assert laid is not None
    assert [row[2] for row in laid[1]] == ["Văn phòng Sở", "Phòng Chính sách dân tộc", "Phòng Công tác tôn giáo"]
    page_two = text.split("\n", 1)[0] + "\n4  Tờ gấp   Văn phòng Sở   Phòng A\n"
    again = layout_table(document_lines([(1, text), (2, page_two)]))
    assert again is not None and [row[0] for row in again[1]] == ["1", "2", "3", "4"]  # the repeated header dropped


def test_a_signature_flattened_into_one_cell_and_a_pandoc_list_of_recipients() -> None:
    ending = parse_ending(document_lines([(1, nfc(
        "Nơi nhận:\n-   Ban Giám hiệu;\n-   Lưu: VT.\n"
        "KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG (Đã ký) ThS. Lê Thị Minh Nguyệt\n"))]))
    assert len(ending.recipients) == 2 and ending.recipients[0].startswith("Ban Giám hiệu")
    signer = ending.signer
    assert signer is not None
    assert (signer.authority, signer.authority_kind, signer.position, signer.name, signer.honorific) == (
        "KT. HIỆU TRƯỞNG", "KT", "PHÓ HIỆU TRƯỞNG", "Lê Thị Minh Nguyệt", "ThS.")


def test_a_group_header_repeated_over_its_columns_and_its_second_row() -> None:
    plan = plan_with_appendix(
        "Các đơn vị thực hiện theo Phụ lục.\n",
        "PHỤ LỤC\n| TT | Nhiệm vụ | Đơn vị thực hiện | Đơn vị thực hiện | Thời gian |\n|---|---|---|---|---|\n"
        "| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |\n"
        "| 1 | Nâng cấp phần mềm | Phòng Đào tạo | Trung tâm Thông tin | Tháng 10/2025 |\n"
        "| 2 | Số hóa hồ sơ | Phòng Tổ chức | Các khoa | Tháng 3/2026 |\n")
    table = plan.appendices[0]
    assert table.columns == ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"]
    assert len(table.rows) == 2
    assert [(a.lead, a.partners) for a in plan.assignments] == [
        ("Phòng Đào tạo", ["Trung tâm Thông tin"]), ("Phòng Tổ chức", ["Các khoa"])]


def test_a_superiors_approval_after_the_signature_is_not_the_signer() -> None:
    ending = parse_ending(document_lines([(1, nfc(
        "Nơi nhận:\n- Lưu UBKT.\n\nT/M ỦY BAN KIỂM TRA\nCHỦ NHIỆM\n(đã ký)\nPhan Văn Lộc\n\n"
        "Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC ĐẢNG ỦY\nĐồng ý với Kế hoạch.\nT/M THƯỜNG TRỰC ĐẢNG ỦY\n"
        "PHÓ BÍ THƯ THƯỜNG TRỰC\n(đã ký)\nNguyễn Thị Kim Chi\n"))]))
    assert ending.signer is not None
    assert (ending.signer.position, ending.signer.name) == ("CHỦ NHIỆM", "Phan Văn Lộc")


def test_a_long_schedule_heading_with_its_note_and_a_group_cell_left_empty() -> None:
    plan = plan_with_appendix(
        "1. Văn phòng Sở\n- Tham mưu.\n",
        "LỊCH KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2025\n"
        "(Kèm theo Kế hoạch số 31/KH-SYT ngày 12/9/2025 của Sở Y tế)\n"
        "| TT | Đơn vị được kiểm tra | Thời gian kiểm tra |  | Ghi chú |\n| --- | --- | --- | --- | --- |\n"
        "| TT | Đơn vị được kiểm tra | Ngày | Buổi | Ghi chú |\n"
        "| 1 | Bệnh viện Đa khoa tỉnh | 22/9/2025 | Sáng |  |\n| 2 | Chi cục Dân số | 03/10/2025 | Chiều |  |\n")
    assert [(a.columns, len(a.rows)) for a in plan.appendices] == [
        (["TT", "Đơn vị được kiểm tra", "Ngày", "Buổi", "Ghi chú"], 2)]


def test_a_table_copied_one_cell_a_line() -> None:
    plan = plan_with_appendix(
        "1. Sở Khoa học\n- Theo dõi.\n",
        "PHỤ LỤC\nCHỈ TIÊU NĂM 2025\nTT |\nChỉ tiêu |\nĐơn vị tính |\n"
        "1 |\nTỷ lệ hồ sơ trực tuyến |\n% |\n2 |\nSố sản phẩm OCOP |\nsản phẩm |\n")
    assert [(a.columns, a.rows) for a in plan.appendices] == [
        (["TT", "Chỉ tiêu", "Đơn vị tính"],
         [["1", "Tỷ lệ hồ sơ trực tuyến", "%"], ["2", "Số sản phẩm OCOP", "sản phẩm"]])]


def test_recipients_with_en_dashes_and_a_budget_part_in_the_implementation_section() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nGiám sát\n\nI. KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN\n1. Kinh phí\nTừ dự toán năm 2026.\n"
        "2. Trách nhiệm thực hiện\na) Văn phòng HĐND\n- Tham mưu.\nb) Công an xã\n- Phối hợp.\n\n"
        "Nơi nhận:\n– Thường trực HĐND tỉnh;\n– Các cơ quan chịu sự giám sát:\n+ Công an xã;\n+ Phòng Kinh tế;\n"
        "– Lưu: VT.\n\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nNguyễn Thị Bích Thủy\n"))
    assert len(plan.recipients) == 3
    assert [a.unit for a in plan.assignments] == ["Văn phòng HĐND", "Công an xã"]


def test_swapped_header_columns_with_the_number_after_the_date() -> None:
    plan = khparse.extract(
        "   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM                    ỦY BAN NHÂN DÂN\n"
        "        Độc lập - Tự do - Hạnh phúc                        HUYỆN SÔNG CHÀ\n"
        "   Sông Chà, ngày 3 tháng 02 năm 2024                      Số: 21/KH-UBND\n\n"
        "                                     KẾ HOẠCH\n                Thực hiện công tác dân vận năm 2024\n\n"
        "   I. MỤC ĐÍCH, YÊU CẦU\n   1. Nâng cao nhận thức.\n")
    assert (plan.header.number, plan.header.place, plan.header.date) == ("21/KH-UBND", "Sông Chà", dt.date(2024, 2, 3))


def test_authority_and_deputy_position_joined_on_one_line_without_a_name_below() -> None:
    ending = parse_ending(document_lines([(1, nfc(
        "Nơi nhận:\n- Lưu: VT.\n\nKT. CHI CỤC TRƯỞNG PHÓ CHI CỤC TRƯỞNG\n\nLê Văn Hùng\n"))]))
    assert ending.signer is not None
    assert (ending.signer.authority, ending.signer.position, ending.signer.name) == (
        "KT. CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG", "Lê Văn Hùng")


def test_a_joint_plan_names_its_lead_body_and_takes_the_right_hand_signature() -> None:
    plan = khparse.extract(
        "  ỦY BAN NHÂN DÂN XÃ BÌNH ĐỨC TÂY           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        " BAN THƯỜNG TRỰC ỦY BAN MẶT TRẬN                    Độc lập - Tự do - Hạnh phúc\n"
        "  TỔ QUỐC VIỆT NAM XÃ BÌNH ĐỨC TÂY\n\n"
        "     Số: 01/KHLT-UBND-MTTQ                 Bình Đức Tây, ngày 14 tháng 01 năm 2026\n\n"
        "                                   KẾ HOẠCH LIÊN TỊCH\n        Phối hợp tuyên truyền năm 2026\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức./.\n\n"
        "  TM. BAN THƯỜNG TRỰC                                  TM. ỦY BAN NHÂN DÂN\n"
        "ỦY BAN MTTQ VIỆT NAM XÃ                                     KT. CHỦ TỊCH\n"
        "        CHỦ TỊCH                                            PHÓ CHỦ TỊCH\n\n\n"
        "      Lê Thị Mỹ Hạnh                                      Trần Quốc Bảo\n\n"
        "Nơi nhận:\n- Lưu: VT.\n")
    assert (plan.header.doc_type, plan.header.issuer, plan.header.parent_issuer) == (
        "KẾ HOẠCH LIÊN TỊCH", "ỦY BAN NHÂN DÂN XÃ BÌNH ĐỨC TÂY", None)
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        "KT", "PHÓ CHỦ TỊCH", "Trần Quốc Bảo")


def test_a_document_named_in_anothers_summary_is_a_mention() -> None:
    text = ("Căn cứ Quyết định số 1521/QĐ-TTg ngày 06/10/2020 của Thủ tướng Chính phủ ban hành Kế hoạch thực hiện "
            "Kết luận số 80-KL/TW ngày 20/6/2020 của Ban Bí thư về tiếp tục thực hiện Chỉ thị số 32-CT/TW;")
    assert [c.number for c in parse_citations(text, fold(text))] == ["1521/QĐ-TTg"]
    two = "Thực hiện Kế hoạch số 01-KH/BCĐTW ngày 21/3/2025; thực hiện Công văn số 12/UBND ngày 2/4/2025,"
    assert [c.number for c in parse_citations(two, fold(two))] == ["01-KH/BCĐTW", "12/UBND"]


def test_a_unit_named_with_a_capitalised_verb_after_va_and_a_head_title_left_whole() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nChuyển đổi số\n\nI. TỔ CHỨC THỰC HIỆN\n1. Phòng Quản lý đào tạo và Nghiên cứu khoa học\n"
        "Chủ trì triển khai phần mềm.\n2. Văn phòng\nTham mưu.\n\nNơi nhận:\n- Lưu: VT.\n\n"
        "KT. TỔNG CỤC TRƯỞNG\nPHÓ TỔNG CỤC TRƯỞNG\n\nĐinh Ngọc Thắng\n"))
    assert [a.unit for a in plan.assignments] == ["Phòng Quản lý đào tạo và Nghiên cứu khoa học", "Văn phòng"]
    assert plan.signer is not None and plan.signer.position == "PHÓ TỔNG CỤC TRƯỞNG"


def test_a_plan_issued_by_a_decision_ends_at_its_appendix_and_a_foot_note_is_no_row() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nCải cách hành chính năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng\nTham mưu./.\nPhụ lục\nDANH MỤC NHIỆM VỤ\n"
        "(Kèm theo Quyết định số 18/QĐ-UBND)\n"
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n| --- | --- | --- | --- |\n"
        "| 1 | Công khai thủ tục | Trung tâm Phục vụ hành chính công | Quý I/2026 |\n"
        "| Ghi chú: Thời gian ghi theo quý. |  |  |  |\n"))
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert [len(a.rows) for a in plan.appendices] == [1]


def test_the_signers_name_merged_onto_the_last_recipient() -> None:
    text = "Nơi nhận: GIÁM ĐỐC\n- Ban Giám đốc;\n- Lưu: VT. Nguyễn Văn Đức\n"
    ending = parse_ending(document_lines([(1, nfc(text))]))
    assert len(ending.recipients) == 2
    assert ending.signer is not None and (ending.signer.position, ending.signer.name) == ("GIÁM ĐỐC", "Nguyễn Văn Đức")


def test_a_number_whose_so_ocr_glued_to_the_word_before() -> None:
    text = "Can cu Luat Ngdn sach nha nudesb 89/2025/QH15 ngay 25/6/2025;"
    cited = parse_citations(text, fold(text))
    assert [(c.kind.value, c.number, c.date) for c in cited] == [("law", "89/2025/QH15", dt.date(2025, 6, 25))]


def test_recipients_heading_glued_and_garbled_by_english_ocr() -> None:
    for heading in ("Néinhdn:", "Ndinhan:"):
        ending = parse_ending(document_lines([(1, f"{heading}\n- UBND huyén;\n- Luu: VT.\n")]))
        assert len(ending.recipients) == 2, heading


def test_task_lines_with_their_roles_beside_them_and_a_sentence_case_appendix_heading() -> None:
    plan = plan_with_appendix(
        "Tổ chức tiếp nhận hồ sơ trực tuyến.\n"
        "- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công xã.\n- Đơn vị phối hợp: Phòng Kinh tế.\n"
        "- Thời gian thực hiện: Thường xuyên.\nSố hóa hồ sơ.\n- Đơn vị chủ trì: Công an xã.\n"
        "- Thời gian thực hiện: Quý I/2026.\n",
        "**Phụ lục**\n**PHÂN CÔNG NHIỆM VỤ**\n\n| STT | Nhiệm vụ | Cơ quan chủ trì |\n|---|---|---|\n"
        "| 1 | Tự đánh giá | Sở Nội vụ |\n")
    assert [(a.unit, a.timeline) for a in plan.assignments] == [
        ("Trung tâm Phục vụ hành chính công xã", "Thường xuyên"), ("Công an xã", "Quý I/2026"), ("Sở Nội vụ", None)]
    assert [len(a.rows) for a in plan.appendices] == [1]


def test_what_ocr_leaves_in_a_scanned_tail() -> None:
    # The filing line's initials after a ";" stay with it; a speck between a name's words goes.
    tail = document_lines([(1, nfc("Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT; NV, TCKH .\nTM. ỦY BAN NHÂN DÂN\n"
                                   "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Thanh . Hường\n"))])
    ending = parse_ending(tail)
    assert ending.recipients[-1] == "Lưu: VT; NV, TCKH"
    assert ending.signer is not None
    assert (ending.signer.position, ending.signer.name) == ("PHÓ CHỦ TỊCH", "Nguyễn Thị Thanh Hường")
    # A photographed page's "- -  PHỤ LỤC  :" starts the appendix, not the signer's position.
    plan = khparse.extract(nfc("KẾ HOẠCH\nTuyên truyền năm 2026\n\nI. NỘI DUNG\n\n1. Tuyên truyền.\n\n"
                               "Nơi nhận:\n- Lưu: VT.\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nĐỗ Mạnh Cường\n"
                               "-    -    PHỤ LỤC    :\nDANH MỤC NHIỆM VỤ\n| TT | Nhiệm vụ |\n| 1 | Tuyên truyền |\n"))
    assert plan.signer is not None
    assert (plan.signer.position, plan.signer.name) == ("PHÓ GIÁM ĐỐC", "Đỗ Mạnh Cường")
    assert len(plan.appendices) == 1


def test_a_plan_a_portal_ran_into_a_few_paragraphs() -> None:
    plan = khparse.extract(nfc(
        "UBND HUYỆN LỘC HÀ UBND XÃ THẠCH LẠC BẮC ------- Số: 31/KH-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "
        "Thạch Lạc Bắc, ngày 15 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nChuyển đổi số năm 2024\n\n"
        "I. CĂN CỨ LẬP KẾ HOẠCH - Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n\n"
        "II. MỤC TIÊU 1. Mục tiêu chung Phát triển chính quyền số. 2. Mục tiêu cụ thể - 100% văn bản.\n\n"
        "III. NHIỆM VỤ, GIẢI PHÁP 1. Chính quyền số - Số hóa hồ sơ.\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Công an xã: - Hướng dẫn định danh điện tử.\n\nTrên đây là Kế hoạch./.\n\n"
        "Nơi nhận: - UBND huyện (b/c); - Các thôn; - Lưu: VT. TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH "
        "Nguyễn Thị Hồng Vân\n"))
    h = plan.header
    assert (h.parent_issuer, h.issuer, h.number, h.place) == (
        "UBND HUYỆN LỘC HÀ", "UBND XÃ THẠCH LẠC BẮC", "31/KH-UBND", "Thạch Lạc Bắc")
    assert [(s.numeral, s.title) for s in plan.sections] == [
        ("I", "CĂN CỨ LẬP KẾ HOẠCH"), ("II", "MỤC TIÊU"), ("III", "NHIỆM VỤ, GIẢI PHÁP"), ("IV", "TỔ CHỨC THỰC HIỆN")]
    assert plan.recipients == ["UBND huyện (b/c)", "Các thôn", "Lưu: VT"]
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        "KT", "PHÓ CHỦ TỊCH", "Nguyễn Thị Hồng Vân")


def test_an_unnumbered_document_next_in_a_list_is_cited_and_the_joining_and_left_out() -> None:
    found = cite("Thực hiện Kế hoạch số 112-KH/HNDT ngày 30/12/2025 của Ban Thường vụ Hội Nông dân tỉnh về công "
                 "tác tuyên truyền năm 2026; Chương trình công tác năm 2026 của Ban Chấp hành Hội Nông dân xã và "
                 "Kế hoạch số 09/KH-UBND ngày 08/01/2026 của Ủy ban nhân dân xã về phổ biến pháp luật,")
    assert [(c.kind, c.number) for c in found] == [(CitationKind.plan, "112-KH/HNDT"), (CitationKind.program, None),
                                                    (CitationKind.plan, "09/KH-UBND")]
    assert found[1].summary == "công tác năm 2026 của Ban Chấp hành Hội Nông dân xã"


def test_police_officers_and_a_schools_staff_are_units() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nThực hiện Đề án 06\n\nI. TỔ CHỨC THỰC HIỆN\n"
        "1. Cảnh sát khu vực phụ trách các thôn: Vận động người dân làm thủ tục cấp căn cước.\n"
        "2. Kế toán: Thu các khoản thu không dùng tiền mặt.\n"
        "3. Văn thư: Quản lý văn bản đi, đến trên phần mềm.\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\nTRƯỞNG CÔNG AN XÃ\n\nNguyễn An\n"))
    assert [a.unit for a in plan.assignments] == ["Cảnh sát khu vực phụ trách các thôn", "Kế toán", "Văn thư"]


def test_a_run_on_basis_broken_into_two_paragraphs_after_a_semicolon() -> None:
    # A text layer broke "Thực hiện A; B; C và D, …" where a line began with the next document's name.
    import khparse

    head = "KẾ HOẠCH\nTuyên truyền pháp luật năm 2026\n\n"
    tail = "\n\nI. MỤC ĐÍCH, YÊU CẦU\nNâng cao hiểu biết.\n"
    plan = khparse.extract(
        head + "Thực hiện Kế hoạch số 112-KH/HNDT ngày 30/12/2025 của Ban Thường vụ Hội Nông dân tỉnh;\n\n"
        "Chương trình công tác năm 2026 của Ban Chấp hành Hội Nông dân xã và Kế hoạch số 09/KH-UBND ngày "
        "08/01/2026 của Ủy ban nhân dân xã, Ban Thường vụ Hội Nông dân xã xây dựng Kế hoạch như sau:" + tail)
    assert [(c.kind.value, c.number) for c in plan.legal_basis] == [
        ("plan", "112-KH/HNDT"), ("program", None), ("plan", "09/KH-UBND")]
    # The enacting sentence after the last "Căn cứ …;" names the plan itself: no citation.
    plan = khparse.extract(head + "Căn cứ Kế hoạch số 112-KH/HNDT ngày 30/12/2025 của Hội Nông dân tỉnh;\n\n"
                           "Kế hoạch này được xây dựng để triển khai trong toàn xã." + tail)
    assert [c.number for c in plan.legal_basis] == ["112-KH/HNDT"]


def test_customs_offices_and_branches_are_units() -> None:
    from khparse.fields.assignments import looks_like_unit

    assert looks_like_unit("Các Hải quan cửa khẩu trực thuộc") and looks_like_unit("Hải quan cửa khẩu cảng Cái Lân")
    assert looks_like_unit("Các chi hội")  # a mass organisation's branches


def test_people_named_by_their_work_are_units() -> None:
    from khparse.fields.assignments import looks_like_unit

    assert looks_like_unit("Các cộng tác viên dư luận xã hội") and looks_like_unit("Tuyên truyền viên pháp luật")
    assert looks_like_unit("Hòa giải viên ở cơ sở") and looks_like_unit("Chuyên viên phụ trách cải cách hành chính")
    assert not looks_like_unit("Công tác tuyên truyền")


def test_a_joint_plans_blocks_read_one_after_the_other_each_with_its_superior() -> None:
    # A text layer read column by column: each body's block (its superior over it), then the two
    # signatures one after the other, the lead's (the right-hand one) last.
    plan = khparse.extract(
        "CÔNG AN TỈNH HÀ TĨNH\nCÔNG AN XÃ CẨM LẠC ĐÔNG\nBCH ĐOÀN TỈNH HÀ TĨNH\nBCH ĐOÀN XÃ CẨM LẠC ĐÔNG\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 01/KHLT-CAX-ĐTN\n"
        "Cẩm Lạc Đông, ngày 5/01/2026\nKẾ HOẠCH LIÊN TỊCH\nPhối hợp thực hiện Đề án 06\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Công an xã: chủ trì./.\n"
        "TM. BAN THƯỜNG VỤ ĐOÀN XÃ\nBÍ THƯ\nNguyễn Thị Hồng Nhung\nNơi nhận:\n- Lưu: CAX, VP Đoàn.\n"
        "TRƯỞNG CÔNG AN XÃ\nTrung tá Phan Văn Lực\n")
    assert (plan.header.issuer, plan.header.parent_issuer) == ("CÔNG AN XÃ CẨM LẠC ĐÔNG", "CÔNG AN TỈNH HÀ TĨNH")
    from khparse.fields.header import _superior_of

    assert _superior_of("HỘI NÔNG DÂN TỈNH GIA LAI", "BCH HỘI NÔNG DÂN XÃ IA BANG TÂY")  # its board: one kind
    assert not _superior_of("SỞ TƯ PHÁP", "HỘI NÔNG DÂN TỈNH") and not _superior_of("BCH ĐOÀN XÃ A", "BCH ĐOÀN TỈNH B")
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        None, "TRƯỞNG CÔNG AN XÃ", "Phan Văn Lực")


def test_a_task_tables_columns_naming_both_kinds_of_body() -> None:
    from khparse.fields.appendix import _column_roles
    from khparse.fields.assignments import looks_like_unit

    columns = ["TT", "Nội dung nhiệm vụ", "Cơ quan, đơn vị chủ trì", "Đơn vị/cơ quan phối hợp", "Thời gian"]
    assert _column_roles(columns) == {"task": 1, "lead": 2, "partners": 3, "timeline": 4}
    assert looks_like_unit("Các thành viên Ban Chỉ đạo")


def test_a_sentence_bringing_in_a_table_names_no_unit() -> None:
    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nHỗ trợ hộ kinh doanh năm 2026\n\nI. MỤC ĐÍCH\nHỗ trợ kịp thời.\nII. TỔ CHỨC THỰC HIỆN\n"
        "Các Đội thuộc Thuế cơ sở 11 thực hiện nhiệm vụ theo bảng phân công sau:\n\n"
        "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian |\n| --- | --- | --- | --- | --- |\n"
        "| 1 | Tổ chức hội nghị đối thoại | Đội Tuyên truyền - Hỗ trợ người nộp thuế | UBND các xã | Tháng 12 |\n"
        "| 2 | Rà soát hộ kinh doanh | Đội Quản lý hộ kinh doanh số 2 | Đội Kê khai | Trước 20/12 |\n\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\nTRƯỞNG THUẾ CƠ SỞ\n\nLâm Văn An\n"))
    assert [a.unit for a in plan.assignments] == ["Đội Tuyên truyền - Hỗ trợ người nộp thuế",
                                                  "Đội Quản lý hộ kinh doanh số 2"]
