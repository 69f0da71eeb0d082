"""Layouts blind25 showed (real-world plans as users receive them): a Party citation's ", ngày", unit
names holding a task verb in capitals, a joint plan's lead under its people's committee, the national
title's last word read on the motto's line, a converter's image placeholder in the signature's cell,
and a title naming the year reviewed and the year launched."""

from __future__ import annotations

from khparse import load
from khparse.fields.legal_basis import parse_citations
from khparse.fold import fold
from khparse.pipeline import extract_source


def _extract(text: str, name: str = "plan.txt") -> object:
    return extract_source(load.from_bytes(text.encode("utf-8"), name))


def test_a_citations_date_after_a_comma_is_its_date() -> None:
    text = ("Căn cứ Nghị quyết số 138/NQ-CP, ngày 16/5/2025 của Chính phủ ban hành Kế hoạch hành động của "
            "Chính phủ thực hiện Nghị quyết số 68-NQ/TW;")
    [citation] = parse_citations(text, fold(text))
    assert (citation.number, str(citation.date)) == ("138/NQ-CP", "2025-05-16")
    # The plan's own enacting words after a comma still end the basis.
    text = "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2026 của UBND tỉnh, UBND xã ban hành Kế hoạch như sau:"
    assert parse_citations(text, fold(text))[0].summary is None


HEADER = ("ĐẢNG BỘ TỈNH AN GIANG\nĐẢNG ỦY XÃ VĨNH HẬU ĐÔNG\nSố 21-KH/ĐU\n"
          "Vĩnh Hậu Đông, ngày 24 tháng 10 năm 2025\nKẾ HOẠCH\nthực hiện Nghị quyết số 68-NQ/TW\n")


def test_unit_names_holding_a_task_verb_in_capitals() -> None:
    plan = _extract(HEADER + "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt.\nII. TỔ CHỨC THỰC HIỆN\n"
                    "1. Ban Xây dựng Đảng Đảng ủy chủ trì, phối hợp với Văn phòng Đảng ủy tổ chức quán triệt Nghị "
                    "quyết; theo dõi, đôn đốc, tham mưu sơ kết, tổng kết việc thực hiện.\n"
                    "2. Ủy ban Kiểm tra Đảng ủy đưa nội dung thực hiện Nghị quyết vào chương trình kiểm tra, giám "
                    "sát hằng năm của Đảng ủy.\n"
                    "3. Các chi bộ trực thuộc tổ chức quán triệt, đưa nội dung Nghị quyết vào sinh hoạt chi bộ; "
                    "vận động đảng viên gương mẫu đi đầu.\n"
                    "4. Trạm Y tế và Hội Liên hiệp Phụ nữ các xã\nPhối hợp tổ chức khám sức khỏe cho phụ nữ.\n")
    assert [a.unit for a in plan.assignments] == [  # type: ignore[attr-defined]
        "Ban Xây dựng Đảng Đảng ủy", "Ủy ban Kiểm tra Đảng ủy", "Các chi bộ trực thuộc",
        "Trạm Y tế và Hội Liên hiệp Phụ nữ các xã"]


BODY = "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Sở: chủ trì./.\n"


def test_a_joint_plans_lead_under_its_peoples_committee() -> None:
    plan = _extract("UBND TỈNH QUẢNG NGÃI\nSỞ Y TẾ\nTW HỘI LHPN VIỆT NAM\nHỘI LHPN TỈNH QUẢNG NGÃI\n"
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 12/KHLT-SYT-HLHPN\n"
                    "Quảng Ngãi, ngày 27 tháng 01 năm 2026\nKẾ HOẠCH LIÊN TỊCH\nPhối hợp chăm sóc sức khỏe\n" + BODY)
    assert (plan.header.parent_issuer, plan.header.issuer) == ("UBND TỈNH QUẢNG NGÃI", "SỞ Y TẾ")  # type: ignore[attr-defined]


def test_the_national_titles_last_word_on_the_mottos_line() -> None:
    plan = _extract("UBND TỈNH QUẢNG BÌNH\nSỞ THÔNG TIN VÀ TRUYỀN\nTHÔNG\nSố: 19/KH-STTTT\n"
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM Độc lập - Tự do - Hạnh phúc\n"
                    "Quảng Bình, ngày 29 tháng 01 năm 2024\nKẾ HOẠCH\nPhát triển chính quyền số năm 2024\n" + BODY)
    assert plan.header.issuer == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"  # type: ignore[attr-defined]


def test_a_converters_image_placeholder_between_position_and_name() -> None:
    text = ("**ỦY BAN NHÂN DÂN**\n\n**PHƯỜNG EA KAO BẮC**\n\nSố: 15/KH-UBND\n\n"
            "Ea Kao Bắc, ngày 20 tháng 01 năm 2026\n\n"
            "# KẾ HOẠCH\n\n**Cải cách hành chính năm 2026**\n\n**I. MỤC ĐÍCH, YÊU CẦU**\n\nNâng cao.\n\n"
            "**II. TỔ CHỨC THỰC HIỆN**\n\n**1. Công an phường:** Phối hợp làm sạch dữ liệu./.\n\n"
            "| ***Nơi nhận:*** - UBND tỉnh (b/c); - Lưu: VT, VP. | **TM. ỦY BAN NHÂN DÂN CHỦ TỊCH** <!-- image --> "
            "**Y Khuê Niê** |\n|---|---|\n")
    signer = _extract(text, "plan.md").signer  # type: ignore[attr-defined]
    assert (signer.authority, signer.position, signer.name) == ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Y Khuê Niê")


def test_a_title_naming_the_year_reviewed_and_the_year_launched() -> None:
    head = "ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN\nSố: 09/KH-UBND\nHưng Yên, ngày 26 tháng 01 năm 2026\nKẾ HOẠCH\n"
    title = "Tổ chức Hội nghị tổng kết công tác cải cách hành chính năm 2025, triển khai nhiệm vụ năm 2026\n"
    assert _extract(head + title + BODY).year == 2026  # type: ignore[attr-defined]
    assert _extract(head + "Cải cách hành chính năm 2027\n" + BODY).year == 2027  # type: ignore[attr-defined]
