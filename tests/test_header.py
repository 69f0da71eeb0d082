"""The Decree 30 header in the shapes it arrives in: columns on their own lines, merged by OCR,
Markdown table cells, a party header, a blank number or day, a missing first page."""

from __future__ import annotations

import datetime as dt

import khparse
from khparse.fields.header import parse_header
from khparse.fold import nfc
from khparse.lines import document_lines
from khparse.outline import build_outline


def header(text: str):  # type: ignore[no-untyped-def]
    return parse_header(document_lines([(1, nfc(text))]))


def test_columns_on_separate_lines() -> None:
    h = header("""ỦY BAN NHÂN DÂN
XÃ TÂN LẬP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/KH-UBND
Tân Lập, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
""")
    assert h.header.issuer == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    assert h.header.parent_issuer is None
    assert h.header.number == "12/KH-UBND"
    assert h.header.place == "Tân Lập"
    assert h.header.date == dt.date(2025, 3, 10)
    assert h.header.doc_type == "KẾ HOẠCH"
    assert h.header.title == "Tuyên truyền cải cách hành chính năm 2025"
    assert not h.missing


def test_customs_is_no_district_waiting_for_its_name() -> None:
    # "… HẢI QUAN" folds to a name ending in "quan", as "ỦY BAN NHÂN DÂN QUẬN" does before its name.
    h = header("""CỤC HẢI QUAN
CHI CỤC HẢI QUAN
KHU VỰC VIII
Số: 126/KH-HQVIII
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ninh, ngày 16 tháng 01 năm 2026
KẾ HOẠCH
Kiểm soát thủ tục hành chính năm 2026
""")
    assert (h.header.parent_issuer, h.header.issuer) == ("CỤC HẢI QUAN", "CHI CỤC HẢI QUAN KHU VỰC VIII")
    district = header("ỦY BAN NHÂN DÂN QUẬN\nBA ĐÌNH\nSố: 5/KH-UBND\nKẾ HOẠCH\nTuyên truyền năm 2026\n")
    assert (district.header.parent_issuer, district.header.issuer) == (None, "ỦY BAN NHÂN DÂN QUẬN BA ĐÌNH")


def test_a_fax_banners_page_count_is_no_issuer_and_ia_read_la_is_ia() -> None:
    h = header("""HỘI NÔNG DÂN TỈNH GIA LAI
BCH HỘI NÔNG DÂN
XÃ IA BANG TÂY
P.01/02
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 02/KH-HND
la Bang Tây, ngày 23 tháng 01 năm 2026
KẾ HOẠCH
Phối hợp năm 2026
""")
    assert (h.header.parent_issuer, h.header.issuer) == ("HỘI NÔNG DÂN TỈNH GIA LAI", "BCH HỘI NÔNG DÂN XÃ IA BANG TÂY")
    assert h.header.place == "Ia Bang Tây"


def test_the_issuer_beside_a_motto_ocr_read_badly() -> None:
    h = header("""UBND TỈNH LÂM ĐỒNG
SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
ộc lập - Tự do - Hạnh phức
CHI CỤC KIỂM LÂM    Độc lập - Tự    kinh)
Số: 09/KH-CCKL
Lâm Đồng, ngày 15 tháng 01 năm 2026
KẾ HOẠCH
Tuyên truyền năm 2026
""")
    assert (h.header.parent_issuer, h.header.issuer) == ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CHI CỤC KIỂM LÂM")


def test_parent_body_above_a_complete_body() -> None:
    h = header("""UBND TỈNH LÂM ĐỒNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc
Số: 345 /KH-SNV Lâm Đồng, ngày 05 tháng 01 năm 2024
KẾ HOẠCH
Thông tin, tuyên truyền cải cách hành chính năm 2024
""")
    assert h.header.parent_issuer == "UBND TỈNH LÂM ĐỒNG"
    assert h.header.issuer == "SỞ NỘI VỤ"
    assert h.header.number == "345/KH-SNV"
    assert h.header.place == "Lâm Đồng"
    assert h.header.date == dt.date(2024, 1, 5)


def test_markdown_table_header_and_party_number() -> None:
    h = header("""| ĐẢNG BỘ TỈNH THANH HÓA | ĐẢNG CỘNG SẢN VIỆT NAM |
|---|---|
| ĐẢNG ỦY XÃ THƯỜNG XUÂN | *Thường Xuân, ngày 02 tháng 10 năm 2025* |
| Số 04-KH/ĐU | |

KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025
""")
    assert h.header.parent_issuer == "ĐẢNG BỘ TỈNH THANH HÓA"
    assert h.header.issuer == "ĐẢNG ỦY XÃ THƯỜNG XUÂN"
    assert h.header.number == "04-KH/ĐU"
    assert h.header.date == dt.date(2025, 10, 2)
    assert h.header.doc_type == "KẾ HOẠCH"
    assert h.header.title == "TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025"


def test_blank_number_and_blank_day() -> None:
    h = header("""Số:      /KH-UBND
Thường Xuân, ngày     tháng 9 năm 2025
KẾ HOẠCH
Tuyên truyền
""")
    assert h.header.number == "/KH-UBND"
    assert h.header.date is None
    assert h.header.date_text == "ngày tháng 9 năm 2025"
    assert h.header.place == "Thường Xuân"


def test_ocr_merged_and_garbled_header() -> None:
    h = header(""" UY BAN NHAN DAN  CONG HOA XA HOQI CHU NGHIA VIET NAM

PHUONG BEN TAM Péc lap - Tw do - Hanh phiic
S6: 86/KH-UBND Bén Tam, ngay 04 thang 02 nam 2025
KE HOACH
""")
    assert h.header.issuer == "UY BAN NHAN DAN PHUONG BEN TAM"
    assert h.header.number == "86/KH-UBND"
    assert h.header.place == "Bén Tam"
    assert h.header.date == dt.date(2025, 2, 4)
    assert h.header.doc_type == "KE HOACH"


def test_missing_first_page() -> None:
    h = header("""Tuyên truyền cải cách hành chính năm 2024 của Văn phòng UBND tỉnh

Thực hiện Kế hoạch số 07/KH-UBND ngày 17/01/2024 của Chủ tịch UBND tỉnh, như sau:
""")
    assert h.missing
    assert h.header.issuer is None and h.header.number is None
    assert h.header.title == "Tuyên truyền cải cách hành chính năm 2024 của Văn phòng UBND tỉnh"


def test_portal_lines_before_a_header_published_one_cell_per_line() -> None:
    document = build_outline([(1, nfc("""Kế hoạch 31/KH-UBND năm 2024 về chuyển đổi số huyện Mường Tè
Số hiệu: 31/KH-UBND
Loại văn bản: Kế hoạch
Ngày ban hành: 07/03/2024
ỦY BAN NHÂN DÂN
HUYỆN MƯỜNG TÈ
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số:
31/KH-UBND
|
Mường Tè, ngày
07 tháng 3 năm 2024
KẾ HOẠCH
Chuyển đổi số năm 2024
Căn cứ Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ;
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.
"""))])
    h = parse_header([*document.header, *document.front])
    assert [line.text for line in document.before][:2] == [
        "Kế hoạch 31/KH-UBND năm 2024 về chuyển đổi số huyện Mường Tè", "Số hiệu: 31/KH-UBND"]
    assert h.header.issuer == "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ"
    assert h.header.parent_issuer is None
    assert h.header.number == "31/KH-UBND"
    assert (h.header.place, h.header.date) == ("Mường Tè", dt.date(2024, 3, 7))
    assert h.header.title == "Chuyển đổi số năm 2024"


def test_columns_merged_on_pipe_rows_with_a_lost_space_and_a_draft_mark() -> None:
    h = header("""DỰ THẢO
ỦY BAN NHÂN DÂNTỈNH HÀ GIANG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 | Độc lập - Tự do - Hạnh phúc
Số:      /KH-UBND | Hà Giang, ngày      tháng 5 năm 2025
KẾ HOẠCH HÀNH ĐỘNG
Thực hiện Đề án 06 trên địa bàn tỉnh năm 2025
PHẦN I
KẾT QUẢ THỰC HIỆN NĂM 2024
""")
    assert h.header.issuer == "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG"
    assert h.header.number == "/KH-UBND"
    assert h.header.date is None and h.header.place == "Hà Giang"
    assert h.header.doc_type == "KẾ HOẠCH HÀNH ĐỘNG"
    assert h.header.title == "Thực hiện Đề án 06 trên địa bàn tỉnh năm 2025"


def test_youth_union_title_and_a_district_party_committee_under_its_provincial_body() -> None:
    h = header("""BCH ĐOÀN THÀNH PHỐ HẢI PHÒNG
***
Số: 48 - KH/TĐTN-VP
ĐOÀN TNCS HỒ CHÍ MINH
Hải Phòng, ngày 09 tháng 4 năm 2025
KẾ HOẠCH
Tuyên truyền chuyển đổi số trong đoàn viên, thanh niên năm 2025
""").header
    assert (h.issuer, h.parent_issuer) == ("BCH ĐOÀN THÀNH PHỐ HẢI PHÒNG", None)
    party = header("""ĐẢNG BỘ TỈNH NINH BÌNH
HUYỆN ỦY YÊN MÔ
*
Số 31-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Yên Mô, ngày 3 tháng 3 năm 2024
KẾ HOẠCH
tuyên truyền cải cách hành chính năm 2024
""").header
    assert (party.issuer, party.parent_issuer, party.number) == (
        "HUYỆN ỦY YÊN MÔ", "ĐẢNG BỘ TỈNH NINH BÌNH", "31-KH/HU")


def test_three_levels_of_bodies_and_a_rule_merged_onto_the_issuer_line() -> None:
    h = header("""BỘ Y TẾ
CỤC QUẢN LÝ KHÁM, CHỮA BỆNH
PHÒNG HÀNH CHÍNH            ------------------
Số: 7/KH-PHC
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 2 tháng 3 năm 2025
KẾ HOẠCH
Cải cách hành chính năm 2025
""").header
    assert (h.issuer, h.parent_issuer) == ("PHÒNG HÀNH CHÍNH", "CỤC QUẢN LÝ KHÁM, CHỮA BỆNH")


def test_a_partys_board_under_its_committee_and_ocr_stray_marks() -> None:
    h = header("""       HUYỆN ỦY AN LẠC                       ĐẢNG CỘNG SẢN VIỆT NAM
         BAN TỔ CHỨC  '
              *
       Số 08-KH/BTCHU                     An Lạc, ngày 05 tháng 3 năm 2024
                                KẾ HOẠCH
                  cải cách hành chính năm 2024
""").header
    assert (h.issuer, h.parent_issuer) == ("BAN TỔ CHỨC", "HUYỆN ỦY AN LẠC")
    h = header("""     TỔNG LĐLĐ VIỆT NAM                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM HÀ          Độc lập - Tự do - Hạnh phúc
     Số: 12 /KH-LĐLĐ                    Nam Hà, ngày 4 tháng 4 năm 2025
                                KẾ HOẠCH
                  Chuyển đổi số năm 2025
""").header
    assert (h.issuer, h.parent_issuer) == ("LIÊN ĐOÀN LAO ĐỘNG TỈNH NAM HÀ", "TỔNG LĐLĐ VIỆT NAM")


def test_date_broken_after_the_day() -> None:
    h = header("""ỦY BAN NHÂN DÂN
TỈNH NAM HÀ
SỞ TƯ PHÁP
|
Số: 15/KH-STP
|
Nam Hà, ngày 22
tháng 01 năm 2024
|
KẾ HOẠCH
Phổ biến giáo dục pháp luật năm 2024
""").header
    assert (h.place, str(h.date)) == ("Nam Hà", "2024-01-22")


def test_title_in_bold_paragraphs_goes_on_past_a_comma() -> None:
    h = header("""BCH ĐOÀN HUYỆN AN LÃO
Số: 38-KH/HĐTN
ĐOÀN TNCS HỒ CHÍ MINH
An Lão, ngày 26 tháng 02 năm 2024

KẾ HOẠCH

Tổ chức đợt hoạt động "Tuổi trẻ An Lão xung kích chuyển đổi số,

hỗ trợ người dân sử dụng dịch vụ công trực tuyến" năm 2024

Thực hiện Chương trình công tác Đoàn năm 2024, Ban Thường vụ Huyện đoàn ban hành Kế hoạch như sau:
""").header
    assert h.title == ('Tổ chức đợt hoạt động "Tuổi trẻ An Lão xung kích chuyển đổi số, hỗ trợ người dân sử dụng '
                       'dịch vụ công trực tuyến" năm 2024')


def test_letter_spaced_document_type_and_an_insurance_branch() -> None:
    h = header("""  BẢO HIỂM XÃ HỘI VIỆT NAM              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
 BẢO HIỂM XÃ HỘI TỈNH NAM HÀ                Độc lập - Tự do - Hạnh phúc
      Số: 215/KH-BHXH                    Nam Hà, ngày 07 tháng 3 năm 2024

                                  K Ế   H O Ạ C H
                  Tuyên truyền cải cách hành chính năm 2024
""").header
    assert (h.issuer, h.parent_issuer, h.doc_type) == ("BẢO HIỂM XÃ HỘI TỈNH NAM HÀ", "BẢO HIỂM XÃ HỘI VIỆT NAM",
                                                       "KẾ HOẠCH")
    assert h.title == "Tuyên truyền cải cách hành chính năm 2024"


def test_a_name_that_runs_on_after_a_comma_and_an_army_parent() -> None:
    h = header("""TỈNH ỦY LÂM ĐỒNG
BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC,
CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ
Số 07-KH/BCĐ
ĐẢNG CỘNG SẢN VIỆT NAM
Lâm Đồng, ngày 18 tháng 8 năm 2025

KẾ HOẠCH
triển khai Phong trào "Bình dân học vụ số"
""")
    assert (h.header.parent_issuer, h.header.issuer) == (
        "TỈNH ỦY LÂM ĐỒNG", "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ VÀ CHUYỂN ĐỔI SỐ")
    h = header("QUÂN KHU 4\nBỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH\nSố: 1186/KH-BCH\nKẾ HOẠCH\nCải cách hành chính\n")
    assert (h.header.parent_issuer, h.header.issuer) == ("QUÂN KHU 4", "BỘ CHỈ HUY QUÂN SỰ TỈNH HÀ TĨNH")


def test_a_superior_and_its_unit_on_one_line_and_a_province_whose_name_folds_like_tinh() -> None:
    h = header("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG CHI CỤC KIỂM LÂM\nSố: 112/KH-CCKL\nKẾ HOẠCH\nCải cách hành chính\n")
    assert (h.header.parent_issuer, h.header.issuer) == ("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "CHI CỤC KIỂM LÂM")
    h = header("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 58/KH-SGDĐT\nKẾ HOẠCH\nChuyển đổi số\n")
    assert (h.header.parent_issuer, h.header.issuer) == ("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    h = header("ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/KH-UBND\nKẾ HOẠCH\nTuyên truyền\n")
    assert (h.header.parent_issuer, h.header.issuer) == (None, "ỦY BAN NHÂN DÂN XÃ TÂN LẬP")


def test_place_and_date_printed_under_the_title() -> None:
    h = header("CÔNG AN PHƯỜNG PHƯỚC LONG ĐÔNG\nSố: 27/KH-CAP\nKẾ HOẠCH\nTriển khai Đề án 06 năm 2026\n"
               "trên địa bàn phường\nPhước Long Đông, ngày 08 tháng 01 năm 2026\n1. Căn cứ Luật Căn cước;\n")
    assert h.header.title == "Triển khai Đề án 06 năm 2026 trên địa bàn phường"
    assert (h.header.place, h.header.date) == ("Phước Long Đông", dt.date(2026, 1, 8))


def test_a_date_wrapped_before_the_year() -> None:
    h = header("VĂN PHÒNG ĐOÀN ĐẠI BIỂU QUỐC HỘI\nVÀ HỘI ĐỒNG NHÂN DÂN TỈNH LẠNG SƠN\nSố: 06/KH-VP\n"
               "Lạng Sơn, ngày 05 tháng 01\nnăm 2026\nKẾ HOẠCH\nCải cách hành chính năm 2026\n")
    assert (h.header.place, h.header.date) == ("Lạng Sơn", dt.date(2026, 1, 5))


def test_bhxh_co_so_and_thue_tinh_under_their_parents() -> None:
    h = header("BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI\nBẢO HIỂM XÃ HỘI CƠ SỞ ĐỨC PHỔ\nSố: 09/KH-BHXH\nKẾ HOẠCH\nCải cách\n")
    assert (h.header.parent_issuer, h.header.issuer) == (
        "BẢO HIỂM XÃ HỘI TỈNH QUẢNG NGÃI", "BẢO HIỂM XÃ HỘI CƠ SỞ ĐỨC PHỔ")
    h = header("CỤC THUẾ\nTHUẾ TỈNH NINH BÌNH\nSố: 27/KH-NBI\nKẾ HOẠCH\nCải cách\n")
    assert (h.header.parent_issuer, h.header.issuer) == ("CỤC THUẾ", "THUẾ TỈNH NINH BÌNH")
    h = header("ỦY BAN NHÂN DÂN\nXÃ LONG HỰU BẮC\nSố:    /KH-UBND\nLong Hựu Bắc, ngày      tháng 01 năm\n2026\n"
               "KẾ HOẠCH\nTriển khai Đề án 06\n")
    assert (h.header.place, h.header.date) == ("Long Hựu Bắc", None)


def test_a_capitals_title_stops_before_the_prose_under_it() -> None:
    # A portal's news item: the plan's title, then the body's first sentence, no header.
    h = header("""KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026
Ngày 12 tháng 01 năm 2026, Ủy ban nhân dân xã Đông Sơn ban hành Kế hoạch chuyển đổi số năm 2026 trên địa bàn
I. MỤC ĐÍCH, YÊU CẦU
""")
    assert h.header.title == "CHUYỂN ĐỔI SỐ NĂM 2026"
    # A title in capitals over two lines still runs on.
    h = header("""KẾ HOẠCH
TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN XÃ ĐÔNG SƠN GIAI ĐOẠN 2026 - 2030 VÀ
NHỮNG NĂM TIẾP THEO

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
""")
    assert h.header.title == ("TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH TRÊN ĐỊA BÀN XÃ ĐÔNG SƠN GIAI ĐOẠN 2026 - 2030 VÀ "
                              "NHỮNG NĂM TIẾP THEO")


def test_a_title_whose_document_type_was_lost_after_the_number_and_date() -> None:
    # A portal's copy that dropped "KẾ HOẠCH": the capitals line after the date is the title.
    h = header("""ỦY BAN NHÂN DÂN |
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM |
|
Số: 31/KH-UBND |
Đông Sơn, ngày 05 tháng 01 năm 2026 |
CHUYỂN ĐỔI SỐ XÃ ĐÔNG SƠN NĂM 2026
- Luật Công nghệ thông tin ngày 29/6/2006;
""")
    assert h.header.issuer == "ỦY BAN NHÂN DÂN"
    assert h.header.doc_type is None
    assert h.header.title == "CHUYỂN ĐỔI SỐ XÃ ĐÔNG SƠN NĂM 2026"


def test_a_joint_plan_of_three_bodies_names_the_lead() -> None:
    h = header("""CÔNG AN TỈNH HÀ TĨNH
SỞ TƯ PHÁP TỈNH HÀ TĨNH
SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÀ TĨNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 01/KHLN-CAT-STP-SGDĐT
Hà Tĩnh, ngày 15 tháng 01 năm 2026

KẾ HOẠCH LIÊN NGÀNH
Phối hợp tuyên truyền pháp luật trong học sinh năm 2026
""")
    assert (h.header.doc_type, h.header.issuer, h.header.parent_issuer) == (
        "KẾ HOẠCH LIÊN NGÀNH", "CÔNG AN TỈNH HÀ TĨNH", None)
    assert h.header.title == "Phối hợp tuyên truyền pháp luật trong học sinh năm 2026"


def test_a_gazettes_heading_over_the_header_naming_the_kind_of_body() -> None:
    document = build_outline([(1, nfc("""CÔNG BÁO/Số 11 + 12/Ngày 20-3-2023                         35
PHẦN VĂN BẢN KHÁC
ỦY BAN NHÂN DÂN TỈNH

ỦY BAN NHÂN DÂN                       CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH HÀ NAM                                Độc lập - Tự do - Hạnh phúc
Số: 41/KH-UBND                           Hà Nam, ngày 02 tháng 3 năm 2023

KẾ HOẠCH
Kiểm tra công tác cải cách hành chính năm 2023

I. MỤC ĐÍCH, YÊU CẦU
"""))])
    h = parse_header([*document.header, *document.front])
    assert (h.header.issuer, h.header.parent_issuer) == ("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", None)


def test_a_title_and_a_header_in_a_pandoc_grid_table() -> None:
    from khparse.read.markdown import grid_tables, strip_markdown

    text = strip_markdown(grid_tables(nfc("""+----------------------------------+-----------------------------------+
| UBND XÃ HƯNG LỘC TÂY             | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT  |
|                                  | NAM**                             |
| **TRƯỜNG THCS HƯNG LỘC TÂY**     |                                   |
|                                  | **Độc lập - Tự do - Hạnh phúc**   |
| Số: 86/KH-THCS                   |                                   |
|                                  | *Hưng Lộc Tây, ngày 25 tháng 9    |
|                                  | năm 2025*                         |
+----------------------------------+-----------------------------------+

**KẾ HOẠCH**

**Ứng dụng công nghệ thông tin và chuyển đổi số**

**năm học 2025 - 2026**

Căn cứ Quyết định số 131/QĐ-TTg ngày 25/01/2022 của Thủ tướng Chính phủ;
""")))
    h = header(text)
    assert (h.header.parent_issuer, h.header.issuer) == ("UBND XÃ HƯNG LỘC TÂY", "TRƯỜNG THCS HƯNG LỘC TÂY")
    assert h.header.date == dt.date(2025, 9, 25)
    assert h.header.title == "Ứng dụng công nghệ thông tin và chuyển đổi số năm học 2025 - 2026"
    # A title's end broken onto a line of its own above the issuer's column ("… VIỆT" / "NAM").
    h = header("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\nSố: 12/KH-UBND\n\n"
               "KẾ HOẠCH\nTuyên truyền\n")
    assert h.header.issuer == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"


def test_a_province_whose_name_folds_to_tinh_completes_its_body() -> None:
    # "HÀ TĨNH" folds to the "tinh" of "TỈNH": the Sở's name is complete, the school a body of its own.
    text = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ TĨNH\nTRƯỜNG THPT ĐỨC THỌ ĐÔNG\nSố: 47/KH-THPT\n\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Đức Thọ Đông, ngày 25 tháng 9 năm 2025\n\nKẾ HOẠCH\nTuyên truyền pháp luật năm học 2025 - 2026\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao nhận thức.\n")
    header = khparse.extract(text).header
    assert (header.parent_issuer, header.issuer) == ("SỞ GIÁO DỤC VÀ ĐÀO TẠO HÀ TĨNH", "TRƯỜNG THPT ĐỨC THỌ ĐÔNG")
    stripped = khparse.extract(text.replace("HÀ TĨNH", "HÀ TINH")).header  # without marks: either may be meant
    assert stripped.issuer is not None


def test_a_dash_a_crease_left_before_the_title_is_no_title() -> None:
    # blind34's crumpled sheet: "- Thực hiện …" under KẾ HOẠCH; the body's "Thực hiện" split the title
    # off after the dash, and the title was "-".
    parsed = header("""SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
VĂN PHÒNG ĐĂNG KÝ ĐẤT ĐAI           Độc lập - Tự do - Hạnh phúc
Số: 52/KH-VPĐK
                                     Ninh Bình, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
- Thực hiện nhiệm vụ kiểm soát thủ tục hành chính năm 2026

Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính;
""")
    assert parsed.header.title == "Thực hiện nhiệm vụ kiểm soát thủ tục hành chính năm 2026"


def test_the_document_type_with_a_faxs_specks_round_it() -> None:
    # A standard fax: "- KẾ HOẠCH." read round the type; the type was lost and "KẾ HOẠCH" became the title.
    parsed = header("""UBND TỈNH LÂM ĐỒNG        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ NỘI VỤ                 Độc lập - Tự do - Hạnh phúc
Số: 18/KH-SNV             Lâm Đồng, ngày 29 tháng 01 năm 2024
- KẾ HOẠCH.
Thông tin, tuyên truyền cải cách hành chính năm 2024
của Sở Nội vụ tỉnh Lâm Đồng
Căn cứ Quyết định số 35/QĐ-BNV ngày 22/01/2024 của Bộ trưởng Bộ Nội vụ;
""")
    assert parsed.header.doc_type == "KẾ HOẠCH"
    assert parsed.header.title == "Thông tin, tuyên truyền cải cách hành chính năm 2024 của Sở Nội vụ tỉnh Lâm Đồng"
