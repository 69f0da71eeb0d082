"""Tables printed one cell a line without borders (plain pdftotext, LibreOffice text): their row
numbers survive the page-number filter, wrapped cells are joined, group rows and empty cells kept."""

from __future__ import annotations

from khparse.fields.appendix import parse_appendices
from khparse.fold import nfc
from khparse.lines import document_lines

TABLE = """PHỤ LỤC
DANH MỤC NHIỆM VỤ
TT
Nhiệm vụ
Cơ quan chủ trì
Thời gian
hoàn thành
I
Nhóm tuyên truyền
1
Tuyên truyền hưởng ứng Ngày Chuyển đổi
số quốc gia
Phòng Văn hóa và Thông tin
Tháng 10/2026
2
Nâng cấp mạng nội bộ

Quý II/2026
3
Tập huấn kỹ năng số
Phòng Kinh tế và
Hạ tầng
Quý III/2026
"""


def test_rows_numbered_on_lines_of_their_own() -> None:
    lines = document_lines([(1, nfc(TABLE))])
    assert [line.text for line in lines if line.text in ("I", "1", "2", "3")] == ["I", "1", "2", "3"]
    (appendix,) = parse_appendices(lines)
    assert appendix.columns == ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    assert appendix.rows == [
        ["I", "Nhóm tuyên truyền", "", ""],
        ["1", "Tuyên truyền hưởng ứng Ngày Chuyển đổi số quốc gia", "Phòng Văn hóa và Thông tin", "Tháng 10/2026"],
        ["2", "Nâng cấp mạng nội bộ", "", "Quý II/2026"],  # a blank line: an empty cell
        ["3", "Tập huấn kỹ năng số", "Phòng Kinh tế và Hạ tầng", "Quý III/2026"],  # "và" cannot end a cell
    ]


def test_page_numbers_are_still_dropped() -> None:
    text = "Trên đây là Kế hoạch./.\n" + "dòng\n" * 30 + "2\n" + "dòng\n" * 40 + "3\nI. NỘI DUNG\n"
    assert not [line for line in document_lines([(1, text)]) if line.text in ("2", "3")]


def test_a_captions_blanks_are_no_cells() -> None:
    # A draft's caption keeps blanks for the number and day: no row of a table laid out with spaces.
    lines = document_lines([(1, nfc("PHỤ LỤC\n(Kèm theo Kế hoạch số      /KH-UBND ngày    /01/2026 của UBND phường)\n"
                                    "| TT | Nhiệm vụ | Đơn vị chủ trì |\n|----|----|----|\n"
                                    "| 1 | Niêm yết TTHC | Công an phường |\n| 2 | Số hóa hồ sơ | Văn phòng |\n"))])
    (appendix,) = parse_appendices(lines)
    assert appendix.columns == ["TT", "Nhiệm vụ", "Đơn vị chủ trì"]
    assert [row[0] for row in appendix.rows] == ["1", "2"]
    assert appendix.caption is not None and appendix.caption.startswith("(Kèm theo")
