"""What a fax sent at standard resolution (204 x 98 dpi) leaves in a plan's text once it is read: the
machine's line at the top of each page, specks after a header line, before the place and after a
sentence's stop, dashes read as other marks or lost, and a capital read with another tone."""

from __future__ import annotations

from khparse import load
from khparse.fields.spelling import remarked_title
from khparse.model import Plan
from khparse.pipeline import extract_source
from khparse.read.layout import Word
from khparse.read.specks import drop_leading_specks

FAX = """\
13/01/2026.16:52 FROM: UBND DAC KHU PHU QUY +84 252 3769 214 T0: 0263. 3822 570 P.01/02
ỦY BAN NHÂN DÂN ,
ĐẶC KHU PHÚ QUÝ
Số: 09/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
__ Phú Quý, ngày 13 tháng 01 năm 2026
KẾ HOẠCH
Kiểm soát thủ tục hành chính năm 2026
Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính;
I. MỤC ĐÍCH, YÊU CẦU
1. Kiểm soát chặt chẽ việc tiếp nhận, giải quyết thủ tục hành chính.
II. NỘI DUNG
1. Công bố, công khai thủ tục hành chính
Cập nhật danh mục thủ tục hành chính thuộc thẩm quyền của đặc khu.
- Đơn vị chủ trì: Văn phòng HĐND và UBND đặc khu.
- Đơn vị phối hợp: Các phòng chuyên môn.
- Thời gian thực hiện: Thường xuyên.
2. Rà soát, đơn giản hóa thủ tục hành chính
Rà soát các thủ tục lĩnh vực thủy sản, đất đai, hộ tịch có nhiều hồ sơ.
- Đơn vị chủ trì: Phòng Kinh tế, Hạ tầng và Đô thị.
- Đơn vị phối hợp: Phòng Văn hóa - Xã hội.
\f13/01/2026 16:52 FROM: UBND DAC KHU PHÚ QUY v84 252 3768 214 T0: 0263 3822 570 P.02/02
2
- Thời gian thực hiện: Quý III/2026. `
3, Tiếp nhận, xử lý phản ánh, kiến nghị
Tiếp nhận phản ánh qua đường dây nóng và Cổng Dịch vụ công quốc gia.
- Đơn vị chủ trì: Trung tâm Phục vụ hành chính công đặc khu.
- Đơn vị phối hợp: Văn phòng HĐND và UBND đặc khu.
- Thời gian thực hiện: Thường xuyên.
III. TỔ CHỨC THỰC HIỆN
Thủ trưởng các phòng chuyên môn, đơn vị được giao chủ trì có trách nhiệm triển khai các nhiệm vụ.
Nơi nhận:
- Văn phòng UBND tỉnh (b/c);
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
- TT Đảng ủy, TT HĐND đặc khu;    PHÓ CHỦ TỊCH
Chủ tịch, các PCT UBND đặc khu; _
- Các phòng, đơn vị tại mục II;
Trang TTĐT đặc khu;
- Lưu: VT;
Nguyễn Văn Sáu
"""


def _read(text: str) -> Plan:
    """The plan of `text`, read as a text file."""
    return extract_source(load.from_bytes(text.encode(), "plan.txt"))


def test_a_standard_fax_read_as_text() -> None:
    plan = _read(FAX)
    header = plan.header
    assert header.issuer == "ỦY BAN NHÂN DÂN ĐẶC KHU PHÚ QUÝ"  # " ," a speck, no comma of the name
    assert header.place == "Phú Quý"  # "__" what is left of the motto's rule
    # The fax's line on page 2 stood between a task's partners and its deadline; the task after it
    # is numbered "3," after a line ending in a speck.
    assert [a.unit for a in plan.assignments] == [
        "Văn phòng HĐND và UBND đặc khu", "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Trung tâm Phục vụ hành chính công đặc khu"]
    assert not any("FROM" in task for a in plan.assignments for task in a.tasks)
    assert [a.timeline for a in plan.assignments][1] == "Quý III/2026"
    # Two entries lost their dashes; they end as entries do, the signature's lines do not.
    assert plan.recipients[2:5:2] == [
        "Chủ tịch, các PCT UBND đặc khu", "Trang TTĐT đặc khu"]
    assert len(plan.recipients) == 6
    assert plan.signer is not None and plan.signer.position == "PHÓ CHỦ TỊCH"


def test_a_dash_read_as_an_underscore_and_a_tilde() -> None:
    line = (Word("_~", 100, 500, 130, 520, 40.0, (1, 1, 1, 7)), Word("Đơn", 150, 490, 220, 530, 95.0, (1, 1, 1, 7)),
            Word("vị", 230, 490, 260, 530, 95.0, (1, 1, 1, 7)))
    assert [w.text for w in drop_leading_specks(line)] == ["-", "Đơn", "vị"]
    # A lone underscore before a line is a speck, not a dash ("Nơi nhận:" has none).
    speck = (Word("_", 100, 525, 104, 528, 30.0, (1, 1, 1, 8)), Word("Nơi", 150, 490, 220, 530, 95.0, (1, 1, 1, 8)),
             Word("nhận:", 230, 490, 330, 530, 95.0, (1, 1, 1, 8)))
    assert [w.text for w in drop_leading_specks(speck)] == ["Nơi", "nhận:"]


def test_a_titles_first_word_read_with_another_tone() -> None:
    assert remarked_title("Kiếm soát thủ tục hành chính năm 2026") == "Kiểm soát thủ tục hành chính năm 2026"
    assert remarked_title("Tố chức Tháng Thanh niên năm 2026") == "Tổ chức Tháng Thanh niên năm 2026"
    assert remarked_title("Lâm Đồng tổ chức Ngày hội") == "Lâm Đồng tổ chức Ngày hội"  # a name stays


def test_a_stamp_beside_the_header_is_no_part_of_the_issuer() -> None:
    # A copy's "BẢN SAO" stamped over the national title (read on its line), "HỎA TỐC" on its own line.
    text = ("CÔNG AN TỈNH HÀ TĨNH\nCÔNG AN HUYỆN CAN LỘC NAM\nSố: 142/KH-CAH\n"
            "BẢN SAO    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHỎA TỐC\nĐộc lập - Tự do - Hạnh phúc\n"
            "Can Lộc Nam, ngày 17 tháng 02 năm 2020\nKẾ HOẠCH\nTuyên truyền cải cách hành chính năm 2020\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Đội Tham mưu: chủ trì.\n")
    header = _read(text).header
    assert (header.parent_issuer, header.issuer) == ("CÔNG AN TỈNH HÀ TĨNH", "CÔNG AN HUYỆN CAN LỘC NAM")


def test_specks_stuck_to_the_signature_and_after_a_header_line() -> None:
    # A 150 dpi grey scan: "„" stuck to "KT:", "." to "PHÓ"; a 120 dpi one: "ˆ" after the parent's name.
    text = ("UBND XÃ ĐÔ LƯƠNG TÂY ˆ\nTRƯỜNG THCS ĐÔ LƯƠNG TÂY\nSố: 15/KH-THCS\n"
            "Đô Lương Tây, ngày 12 tháng 01 năm 2026\nKẾ HOẠCH\nPhổ biến, giáo dục pháp luật năm 2026\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao ý thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Tổ Văn phòng: chủ trì.\n"
            "Nơi nhận:\n- Bộ KH&CN (b/c);\n„KT: GIÁM ĐỐC\n⁄ .PHÓ GIÁM ĐỐC\n- UBND tỉnh;\n- Lưu: VT.\n"
            "Đỗ Mạnh Cường\n")
    plan = _read(text)
    assert plan.header.parent_issuer == "UBND XÃ ĐÔ LƯƠNG TÂY"
    assert plan.signer is not None
    signer = plan.signer
    assert (signer.authority_kind, signer.position, signer.name) == ("KT", "PHÓ GIÁM ĐỐC", "Đỗ Mạnh Cường")


def test_a_deputys_position_lost_under_a_ballpoint_signature() -> None:
    from khparse.fields.deputy import mended
    from khparse.fields.spelling import respelled_signer
    from khparse.model import SignerAuthority
    from khparse.model.drafts import Signer

    # "KT. CHỦ TỊCH" read, the position line under the pen's stroke not at all: the deputy's title.
    lost = Signer(authority="TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH", authority_kind=SignerAuthority.KT, position=None,
                  name="Võ Minh Trí")
    assert mended(lost, "ỦY BAN NHÂN DÂN TỈNH TÂY NINH").position == "PHÓ CHỦ TỊCH"  # type: ignore[union-attr]
    minister = lost.model_copy(update={"authority": "KT. BỘ TRƯỞNG"})
    assert mended(minister, "BỘ NỘI VỤ").position is None  # type: ignore[union-attr]  # a Thứ trưởng signs
    assert respelled_signer("Võ-Minh Trí") == "Võ Minh Trí"  # the stroke across the name


def test_an_inferred_position_is_said_so() -> None:
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 118/KH-UBND\nTây Ninh, ngày 30 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Tuyên truyền cải cách hành chính năm 2026\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n"
            "II. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ: chủ trì.\nNơi nhận:\n- Bộ Nội vụ (b/c);\n- Lưu: VT, SNV.\n"
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n.Võ Minh Trí\n")  # a speck the pen left before the name
    plan = _read(text)
    assert plan.signer is not None and plan.signer.position == "PHÓ CHỦ TỊCH"
    assert plan.signer.name == "Võ Minh Trí"
    assert "position_inferred" in [w.code for w in plan.warnings]


def test_a_signatures_strokes_read_as_letters_between_position_and_name() -> None:
    # A phone photo of a Party plan's tail: OCR made "LS", "ZWMOA Zwx" of the signature. Capitalised, the
    # second looked like another signer's name and took the office away; the first, like more of the title.
    text = ("ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG ỦY XÃ THẠCH HÀ TÂY\nSố 14-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Thạch Hà Tây, ngày 09 tháng 02 năm 2026\nKẾ HOẠCH\nlãnh đạo thực hiện cải cách hành chính năm 2026\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\nII. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Đảng ủy: tham mưu.\n"
            "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Các chi bộ trực thuộc,\n- Lưu Văn phòng Đảng ủy.\n"
            "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nLS\nZWMOA Zwx\nTrần Đình Phong\n")
    signer = _read(text).signer
    assert signer is not None
    assert (signer.authority_kind, signer.position, signer.name) == ("TM", "PHÓ BÍ THƯ", "Trần Đình Phong")


def test_a_position_after_an_arrow_and_strokes_read_as_two_words() -> None:
    # A single phone photo: "=>" before the title, the signature read "Và CA" (words, but not a name's
    # case: no other signer).
    text = ("UBND TỈNH LẠNG SƠN\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nSố: 05/KH-TTPVHCC\n"
            "Lạng Sơn, ngày 20 tháng 01 năm 2026\nKẾ HOẠCH\nHướng dẫn dịch vụ công trực tuyến năm 2026\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao tỷ lệ hồ sơ trực tuyến.\nII. TỔ CHỨC THỰC HIỆN\n"
            "1. Phòng Hành chính - Tổng hợp: chủ trì.\nNơi nhận:\n=> GIÁM ĐỐC\n- Văn phòng UBND tỉnh (b/c);\n"
            "- Lưu: VT, HCTH.\nVà CA\nHà Văn Tuấn\n")
    signer = _read(text).signer
    assert signer is not None and (signer.position, signer.name) == ("GIÁM ĐỐC", "Hà Văn Tuấn")


# Section V of a school's plan as a standard-mode fax read it: the "2." of the second head read as
# "3.", the third's stop and the stop before it read as commas, a speck after the signer's name.
TWINS = """\
TRƯỜNG THCS KỲ LIÊN
Số: 87/KH-THCSKL
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Kỳ Liên, ngày 20 tháng 9 năm 2024
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm học 2024 - 2025
I. MỤC ĐÍCH, YÊU CẦU
Giúp cán bộ, giáo viên hiểu rõ nội dung cải cách hành chính.
II. TỔ CHỨC THỰC HIỆN
1. Hiệu trưởng
Chỉ đạo chung; phê duyệt nội dung tuyên truyền.
3. Phó Hiệu trưởng
Theo dõi, đôn đốc; tổng hợp báo cáo sơ kết học kỳ I và tổng kết năm học,
3, Tổ Văn phòng
Quản lý trang thông tin điện tử của trường.
4. Các tổ chuyên môn
Lồng ghép nội dung cải cách hành chính trong các tiết dạy.
Nơi nhận:
- Phòng GD&ĐT (để b/c);
- Lưu: VT.
KT. HIỆU TRƯỞNG
PHÓ HIỆU TRƯỞNG
Hồ Thị Thanh Nhàn.
"""


def test_a_number_read_twice_where_one_is_missing_is_read_from_the_sequence() -> None:
    plan = _read(TWINS)
    assert [a.unit for a in plan.assignments] == ["Hiệu trưởng", "Phó Hiệu trưởng", "Tổ Văn phòng",
                                                  "Các tổ chuyên môn"]
    assert sum(w.code == "numeral_repaired" for w in plan.warnings) == 2
    assert plan.signer is not None and plan.signer.name == "Hồ Thị Thanh Nhàn"


def test_numbers_printed_out_of_sequence_are_kept() -> None:
    # 1, 3, 3, 5: no single reading makes the sequence whole.
    plan = _read(TWINS.replace("4. Các tổ", "5. Các tổ"))
    assert "Tổ Văn phòng" not in [a.unit for a in plan.assignments]
    assert not any(w.code == "numeral_repaired" for w in plan.warnings)


def test_the_second_of_twins_is_the_next_number_when_the_one_after_them_is_missing() -> None:
    # 1, 2, 2, 4: the second "2." is the 3.
    text = TWINS.replace("3. Phó", "2. Phó").replace("3, Tổ", "2. Tổ")
    plan = _read(text)
    assert [a.unit for a in plan.assignments][2] == "Tổ Văn phòng"
    assert [w.message for w in plan.warnings if w.code == "numeral_repaired"] == [
        "subsection number read as '2.' taken as 3. (sequence)"]
