"""Outlines and tails as offices type them (blind43, blind44): "5.1 Văn phòng Sở" without a final stop, units
listed under a group's heading, a Party document's recipients written as one sentence, and a list of
recipients in two columns on a layout copy."""

from __future__ import annotations

from khparse import load
from khparse.lines import Line
from khparse.markers import MarkerKind, parse_marker
from khparse.pipeline import extract_source


def _marker(text: str) -> tuple[MarkerKind, str] | None:
    from khparse.fold import fold

    marker = parse_marker(Line(text, text, fold(text), 1, 1, False))
    return (marker.kind, marker.label) if marker else None


def test_a_two_level_number_without_its_final_stop_is_one_marker() -> None:
    assert _marker("5.1 Văn phòng Sở") == (MarkerKind.number, "5.1")  # not "5." before "1 Văn phòng Sở"
    assert _marker("5.1. Văn phòng Sở") == (MarkerKind.number, "5.1")
    assert _marker("1.500 người tham gia") is None


HEAD = """\
ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 12 tháng 01 năm 2026

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức.
II. TỔ CHỨC THỰC HIỆN
1. Các sở, ban, ngành tỉnh:
+ Sở Nội vụ: là cơ quan thường trực, theo dõi việc thực hiện Kế hoạch.
+ Sở Tư pháp: lồng ghép tuyên truyền với phổ biến pháp luật.
2. Ủy ban nhân dân các xã, phường: xây dựng kế hoạch của địa phương.
Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2026./.
"""


def test_units_listed_under_a_group_s_heading_are_the_units() -> None:
    tail = "Nơi nhận:\n- Bộ Nội vụ (b/c);\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nLê Văn A\n"
    plan = extract_source(load.from_text(HEAD + tail, "plan.txt"))
    assert [a.unit for a in plan.assignments] == ["Sở Nội vụ", "Sở Tư pháp", "Ủy ban nhân dân các xã, phường"]


def test_recipients_written_as_one_sentence() -> None:
    tail = ("Nơi nhận: Ban Thường vụ Tỉnh ủy (để b/c),\nBan Tuyên giáo và Dân vận Tỉnh ủy, các\n"
            "chi bộ trực thuộc, lưu Văn phòng Đảng ủy.\nTM. BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nPhạm Văn Quyết\n")
    plan = extract_source(load.from_text(HEAD + tail, "plan.txt"))
    assert plan.recipients == ["Ban Thường vụ Tỉnh ủy (để b/c)", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
                               "các chi bộ trực thuộc", "lưu Văn phòng Đảng ủy"]
    assert plan.signer is not None and plan.signer.name == "Phạm Văn Quyết"


def test_recipients_in_two_columns_are_read_column_after_column() -> None:
    tail = (" " * 40 + "TL. CHỦ TỊCH\n" + " " * 37 + "CHÁNH VĂN PHÒNG\n\n" + " " * 39 + "Lê Quang Thịnh\n\nNơi nhận:\n"
            "- Bộ Nội vụ (b/c);                     - Các sở, ban, ngành cấp tỉnh;\n"
            "- Sở Nội vụ;                           - Lưu: VT, NC.\n")
    plan = extract_source(load.from_text(HEAD + tail, "plan.txt"))
    assert plan.recipients == ["Bộ Nội vụ (b/c)", "Sở Nội vụ", "Các sở, ban, ngành cấp tỉnh", "Lưu: VT, NC"]


def test_a_plan_written_as_articles_has_them_for_sections() -> None:
    body = HEAD.split("I. MỤC ĐÍCH")[0] + (
        "Điều 1. Mục đích, yêu cầu\nNâng cao nhận thức.\nĐiều 2. Nội dung tuyên truyền\nKết quả cải cách.\n"
        "Điều 3. Kinh phí\nTừ ngân sách.\nĐiều 4. Tổ chức thực hiện\nBộ phận Kế toán: bảo đảm kinh phí.\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\nVũ Đức Hạnh\n")
    plan = extract_source(load.from_text(body, "plan.txt"))
    assert [s.numeral for s in plan.sections] == ["I", "II", "III", "IV"]
    assert [a.unit for a in plan.assignments] == ["Bộ phận Kế toán"]
    assert plan.signer is not None and plan.signer.name == "Vũ Đức Hạnh"
