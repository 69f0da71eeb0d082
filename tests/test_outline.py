"""Markers, paragraphs and the heading tree, on the shapes OCR leaves them in."""

from __future__ import annotations

from khparse.fold import nfc
from khparse.lines import document_lines
from khparse.markers import MarkerKind, parse_marker
from khparse.outline import build_outline, paragraphs
from khparse.outline.paragraphs import measure


def lines(text: str):  # type: ignore[no-untyped-def]
    return document_lines([(1, nfc(text))])


def outline(text: str):  # type: ignore[no-untyped-def]
    return build_outline([(1, nfc(text))])


def marker(text: str):  # type: ignore[no-untyped-def]
    return parse_marker(lines(text)[0])


def test_roman_numerals_as_ocr_prints_them() -> None:
    assert marker("I1. NOI DUNG, HINH THUC").label == "II"
    assert marker("I11. KINH PHI THU'C HIEN").label == "III"
    assert marker("IT1. HINH THUC TUYEN TRUYEN").label == "III"
    assert marker("Il1. HINH THUC").label == "III"
    assert marker("IV.TO CHUC THUC HIEN").label == "IV"
    assert marker("V- TỔ CHỨC THỰC HIỆN").kind is MarkerKind.roman


def test_a_blurred_bold_numerals_strokes_read_as_h_are_its_serifs() -> None:
    # Pages sent over chat (~110 dpi): "I." read "IL.", "II." read "HH.", "III." read "II.".
    doc = outline("IL. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nNội dung.\nHH. NHIỆM VỤ TRỌNG TÂM\n1. Việc một.\n"
                  "II. TỔ CHỨC THỰC HIỆN\n1. Đội Tuyên truyền: làm việc.\n")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ TRỌNG TÂM"), ("III", "TỔ CHỨC THỰC HIỆN")]


def test_a_fax_reads_the_serif_of_an_i_as_h() -> None:
    doc = outline("I. MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nIH. NỘI DUNG PHỐI HỢP\n1. Củng cố.\n"
                  "II. TỔ CHỨC THỰC HIỆN\n1. Ban Thường vụ Hội Nông dân xã: chỉ đạo.\n")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG PHỐI HỢP"), ("III", "TỔ CHỨC THỰC HIỆN")]


def test_a_numeral_repeated_is_the_next_one_misread() -> None:
    # A grey scan: "II." read "I.", "III." read "II."; the sequence reads them on rather than keep a
    # repeated I or drop the heading.
    doc = outline("I.MỤC ĐÍCH, YÊU CẦU\nNâng cao.\nI. NỘI DUNG KIỂM TRA, GIÁM SÁT\n1. Kiểm tra.\n"
                  "II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đảng ủy: theo dõi.\n")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG KIỂM TRA, GIÁM SÁT"), ("III", "TỔ CHỨC THỰC HIỆN")]


def test_roman_needs_a_heading_not_a_sentence() -> None:
    assert marker("I. Mục đích, yêu cầu").kind is MarkerKind.roman  # a known section, any case
    m = marker("I. Ông ấy đã đi học về muộn hôm qua")
    assert m is None or m.kind is not MarkerKind.roman


def test_numbers_letters_bullets() -> None:
    assert (marker("4.1. Nội dung").kind, marker("4.1. Nội dung").label) == (MarkerKind.number, "4.1")
    assert marker("¢) Coéng tac chi dao").label == "c"
    assert marker("c¢) Tang cudng").label == "c"
    assert marker("+ Kinh nghiệm").label == "+"
    assert marker("15/7/2021 của Chính phủ") is None


def test_lettered_items_follow_the_sequence() -> None:
    o = outline("I. MỤC ĐÍCH\n1. Mục đích\na) Một.\nb) Hai.\nc) Ba.\nd) Bốn.\nd) Năm.\ne) Sáu.\n")
    labels = [n.label for n in o.sections[0].children[0].children]
    assert labels == ["a", "b", "c", "d", "đ", "e"]
    assert not o.issues


def test_numbering_gap_is_kept_and_warned() -> None:
    o = outline("I. TỔ CHỨC THỰC HIỆN\n1. Phòng A\n- Làm.\n2. Phòng B\n- Làm.\n4. Phòng C\n- Làm.\n")
    assert [n.label for n in o.sections[0].children] == ["1", "2", "4"]
    assert [i.code for i in o.issues] == ["numbering_gap"]


def test_wrapped_lines_are_rejoined_and_paragraphs_split() -> None:
    text = ("- Tuyên truyền các chủ trương của Đảng, chính sách pháp luật của Nhà nước về công tác\n"
            "cải cách hành chính giai đoạn 2021\n"
            "- 2030; kế hoạch của tỉnh.\n"
            "- Phát huy vai trò của Nhân dân.\n")
    blocks = paragraphs(lines(text))
    assert len(blocks) == 2
    assert blocks[0].text.endswith("giai đoạn 2021 - 2030; kế hoạch của tỉnh.")


def test_broken_document_symbol_joins_without_space() -> None:
    blocks = paragraphs(lines("Căn cứ Kế hoạch số 194/KH-\nUBND ngày 30/12/2024 của UBND tỉnh;"))
    assert "194/KH-UBND ngày" in blocks[0].text


def test_short_heading_line_ends_its_paragraph() -> None:
    text = ("I. TỔ CHỨC THỰC HIỆN\n"
            "4. Văn phòng HĐND và UBND huyện\n"
            "Chỉ đạo Bộ phận Một cửa huyện niêm yết, công khai đầy đủ thủ tục hành chính; hướng dẫn tổ\n"
            "chức, cá nhân sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến trên địa bàn.\n")
    node = outline(text).sections[0].children[0]
    assert node.text == "Văn phòng HĐND và UBND huyện"
    assert node.children[0].text.startswith("Chỉ đạo Bộ phận")


def test_section_title_wrapped_over_two_lines() -> None:
    o = outline("II. NỘI DUNG, HÌNH THỨC,\nĐỐI TƯỢNG TUYÊN TRUYỀN\n1. Nội dung\n")
    assert o.sections[0].title == "NỘI DUNG, HÌNH THỨC, ĐỐI TƯỢNG TUYÊN TRUYỀN"


def test_page_numbers_and_ocr_specks_are_dropped() -> None:
    kept = [line.text for line in lines("Một dòng\n- 2 -\n3\nTrang 2/5\nA A\nHai dòng")]
    assert kept == ["Một dòng", "Hai dòng"]


def test_parts_numbered_in_words_and_a_heading_with_its_items_on_its_line() -> None:
    import khparse

    items = ("- Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; "
             "- Kế hoạch số 5/KH-BTP ngày 4/1/2024 của Bộ Tư pháp.")
    plan = khparse.extract(f"""BỘ TƯ PHÁP
Số: 12/KH-BTP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Nội, ngày 02 tháng 3 năm 2024
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2024

I. CĂN CỨ XÂY DỰNG KẾ HOẠCH {items}

Phần thứ hai
MỤC ĐÍCH, YÊU CẦU

1. Nâng cao nhận thức.

Phần thứ ba
TỔ CHỨC THỰC HIỆN

1. Văn phòng Bộ
Chủ trì.
""")
    assert [(s.numeral, s.kind.value) for s in plan.sections] == [
        ("I", "other"), ("II", "purpose_requirements"), ("III", "implementation")]
    assert plan.sections[0].title == "CĂN CỨ XÂY DỰNG KẾ HOẠCH"
    assert [c.number for c in plan.legal_basis] == ["76/NQ-CP", "5/KH-BTP"]


def test_lettered_sections_with_roman_parts_inside() -> None:
    doc = outline("""KẾ HOẠCH
A. MỤC ĐÍCH, YÊU CẦU
I. Mục đích
1. Nâng cao nhận thức.
II. Yêu cầu
1. Bám sát thực tiễn.
B. NỘI DUNG TUYÊN TRUYỀN
1. Tuyên truyền về thủ tục hành chính.
C. TỔ CHỨC THỰC HIỆN
1. Văn phòng Sở
Chủ trì.
""")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG TUYÊN TRUYỀN"), ("III", "TỔ CHỨC THỰC HIỆN")]
    parts = doc.sections[0].children
    assert [(p.kind, p.label, p.text) for p in parts] == [
        ("subsection", "I", "Mục đích"), ("subsection", "II", "Yêu cầu")]
    assert [c.label for c in parts[0].children] == ["1"]
    assert [i.code for i in doc.issues] == ["sections_lettered"]


def test_party_numbering_with_a_dash() -> None:
    assert (marker("1- Ban Tuyên giáo Huyện ủy").kind, marker("1- Ban Tuyên giáo").label) == (MarkerKind.number, "1")
    assert marker("2-3 ngày") is None  # a range, not a number


def test_sections_numbered_in_figures_when_no_roman_numeral_is_printed() -> None:
    doc = outline("""KẾ HOẠCH
1. MỤC ĐÍCH, YÊU CẦU
1.1. Mục đích: nâng cao nhận thức.
2. NỘI DUNG TUYÊN TRUYỀN
2.1. Thủ tục hành chính.
3. TỔ CHỨC THỰC HIỆN
3.1. Văn phòng
""")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NỘI DUNG TUYÊN TRUYỀN"), ("III", "TỔ CHỨC THỰC HIỆN")]
    assert [i.code for i in doc.issues] == ["sections_numbered"]
    roman = outline("I. MỤC ĐÍCH, YÊU CẦU\n1. NÂNG CAO NHẬN THỨC\n2. TẠO ĐỒNG THUẬN\n3. TỔ CHỨC THỰC HIỆN\n")
    assert [s.numeral for s in roman.sections] == ["I"]  # capitals subsections under a Roman section stay so


def test_signature_printed_above_the_recipients() -> None:
    doc = outline("""I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.
II. TỔ CHỨC THỰC HIỆN
1. Chi ủy
Theo dõi.

T/M CHI BỘ
BÍ THƯ
(đã ký)
Lê Văn Hòa
Nơi nhận:
- Lưu Chi bộ.
""")
    assert doc.tail[0].text == "T/M CHI BỘ"


def test_first_line_indentation_ends_a_heading_of_full_width() -> None:
    # pdftotext -layout: each paragraph's first line indented, its wrapped lines at the margin.
    text = ("     1. Ủy ban nhân dân các xã chủ trì việc tổ chức thực hiện kế hoạch này trên địa bàn.\n"
            "     2. Phòng Văn hóa tham mưu tổ chức các hội nghị đối thoại với người dân và doanh\n"
            "nghiệp trên địa bàn huyện theo kế hoạch.\n"
            "     3. Đề nghị Ủy ban MTTQ và các đoàn thể chính trị - xã hội cấp huyện và cấp xã\n"
            "     Vận động đoàn viên, hội viên sử dụng dịch vụ công trực tuyến; tham gia giám sát\n"
            "thái độ phục vụ của cán bộ, công chức.\n"
            "     4. Văn phòng tổng hợp kết quả thực hiện, báo cáo Ủy ban nhân dân huyện hằng\n"
            "quý, sáu tháng và năm.\n"
            "     5. Trung tâm Văn hóa, Thông tin và Thể thao tuyên truyền trên hệ thống truyền\n"
            "thanh cơ sở.\n"
            "     Trong quá trình thực hiện nếu có khó khăn, vướng mắc, các đơn vị phản ánh về\n"
            "cho Văn phòng để tổng hợp, báo cáo.\n")
    found = lines(text)
    assert measure(found).indent == 1
    blocks = paragraphs(found, measure(found))
    assert [b.text[:9] for b in blocks] == ["Ủy ban nh", "Phòng Văn", "Đề nghị Ủ", "Vận động ", "Văn phòng",
                                            "Trung tâm", "Trong quá"]
    assert paragraphs(found)[2].text.startswith("Đề nghị Ủy ban MTTQ và các đoàn thể chính trị - xã hội cấp huyện "
                                                "và cấp xã Vận động")  # without the measure: joined
    flat = lines("\n".join(line.strip() for line in text.splitlines()))
    assert measure(flat).indent is None


def test_parts_that_each_number_their_own_roman_sections_are_the_sections() -> None:
    doc = outline("""KẾ HOẠCH
PHẦN I. KẾT QUẢ NĂM 2025
I. KẾT QUẢ
Đạt nhiều kết quả.
II. HẠN CHẾ
Còn hạn chế.
PHẦN II. NHIỆM VỤ NĂM 2026
I. MỤC TIÊU
- Đạt 90%.
II. TỔ CHỨC THỰC HIỆN
1. Ban Xây dựng Đảng
Tham mưu theo dõi.
2. Các chi bộ trực thuộc
Quán triệt.
""")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "KẾT QUẢ NĂM 2025"), ("II", "NHIỆM VỤ NĂM 2026")]
    assert [(p.label, p.text) for p in doc.sections[1].children] == [("I", "MỤC TIÊU"), ("II", "TỔ CHỨC THỰC HIỆN")]


def test_sections_lettered_with_a_slash_and_items_numbered_with_a_slash() -> None:
    doc = outline("KẾ HOẠCH\nA/ MỤC ĐÍCH, YÊU CẦU\n1/ Nâng cao nhận thức.\nB/ NỘI DUNG\n1/ Tuyên truyền.\n"
                  "C/ TỔ CHỨC THỰC HIỆN\n1/ Văn phòng Hội\n- Tham mưu.\n")
    assert [s.title for s in doc.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN"]
    assert [(n.label, n.text) for n in doc.sections[2].children] == [("1", "Văn phòng Hội")]
    assert marker("1/2025 của Chính phủ") is None  # a date, not an item


def test_a_supervisions_method_is_its_forms() -> None:
    from khparse.headings import section_kind
    from khparse.model import SectionKind

    assert section_kind("PHƯƠNG PHÁP GIÁM SÁT") is SectionKind.forms
    assert section_kind("PHỔ BIẾN PHÁP LUẬT") is SectionKind.other
    # "HÌNH THỨC THỰC HIỆN" spelled out is forms, though a near match of "TỔ CHỨC THỰC HIỆN".
    assert section_kind("NỘI DUNG VÀ HÌNH THỨC THỰC HIỆN") is SectionKind.content_forms
    assert section_kind("T0 CHUC THUC HIEN") is SectionKind.implementation
    # Tasks named first, with who does each: the tasks; the assignment named first: the implementation.
    assert section_kind("NHIỆM VỤ CỤ THỂ VÀ PHÂN CÔNG THỰC HIỆN") is SectionKind.content
    assert section_kind("PHÂN CÔNG NHIỆM VỤ") is SectionKind.implementation


def test_the_front_is_cut_into_header_wrapper_and_front_matter() -> None:
    from pathlib import Path

    from khparse import load
    from khparse.read import read_pages

    def zones(path: Path):  # type: ignore[no-untyped-def]
        pages = read_pages(load.from_path(path))
        return build_outline([(page.number, page.text) for page in pages])

    root = Path(__file__).parent
    wrapped = zones(root / "fixtures" / "wrapped" / "quyet-dinh-an-phu-2024.txt")
    assert wrapped.header[0].text.startswith("ỦY BAN NHÂN DÂN")
    assert wrapped.wrapper[0].text == "QUYẾT ĐỊNH"  # the decision, its signature and the plan's own header
    assert any(line.text.startswith("Điều 1") for line in wrapped.wrapper)
    assert wrapped.front[0].text.startswith("KẾ HOẠCH")  # the plan's own type, title and front matter
    plain = zones(root.parent / "samples" / "thuong-xuan-2025.md")
    assert plain.header[-1].text == "KẾ HOẠCH" and not plain.wrapper
    assert not any(line.text == "KẾ HOẠCH" for line in plain.front)


def test_a_roman_numeral_alone_on_its_line_with_the_title_below() -> None:
    doc = outline("KẾ HOẠCH\n        I.\n   MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao.\n        II.\n   NHIỆM VỤ TRỌNG TÂM\n"
                  "1. Rà soát.\n        III.\n   TỔ CHỨC THỰC HIỆN\n1. Phòng Hành chính: theo dõi.\n")
    assert [(s.numeral, s.title) for s in doc.sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU"), ("II", "NHIỆM VỤ TRỌNG TÂM"), ("III", "TỔ CHỨC THỰC HIỆN")]


def test_a_dash_between_two_halves_of_a_title_in_capitals() -> None:
    from khparse.markers import heading_head

    # "MỤC ĐÍCH - YÊU CẦU" is one title; after "CĂN CỨ …" the dash opens the items run on.
    assert heading_head("MỤC ĐÍCH - YÊU CẦU:") == "MỤC ĐÍCH - YÊU CẦU:"
    assert heading_head("CĂN CỨ LẬP KẾ HOẠCH - Quyết định số 12/QĐ-UBND") == "CĂN CỨ LẬP KẾ HOẠCH"


def test_a_social_network_posts_hashtags_and_reactions_end_the_document() -> None:
    from khparse.outline.zones import document_end

    found = lines("Nguyễn Thị Lan\n\n#HoiPhuNu #ChuyenDoiSo\nXem bản dịch\nTất cả cảm xúc:\n58\nHồ Thị Thu\n")
    assert document_end(found, 0) == 1
    assert document_end(lines("Nguyễn Thị Lan\nXem bản dịch\n"), 0) == 1
    # A hashtag inside a sentence ends nothing.
    assert document_end(lines("Tuyên truyền với #ChuyenDoiSo trên mạng xã hội\nII. NỘI DUNG\n"), 0) == 2
