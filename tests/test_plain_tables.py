"""Pandoc's plain-text multiline tables (read/plain_tables.py): a Word original's header, signature
block and appendix table as `pandoc -t plain` writes them."""

from __future__ import annotations

import khparse
from khparse.fold import nfc
from khparse.read.plain_tables import multiline_tables

PLAN = """  ------------------------------------ ----------------------------------------
  SỞ TÀI CHÍNH TỈNH AN GIANG           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TRUNG TÂM DỊCH VỤ TÀI CHÍNH          Độc lập - Tự do - Hạnh phúc
  -------                              ---------------

  Số: 27/KH-TTDV                       An Giang, ngày 05 tháng 3 năm 2025
  ------------------------------------ ----------------------------------------

KẾ HOẠCH

Cải cách hành chính năm 2025

Căn cứ Kế hoạch số 40/KH-STC ngày 20/01/2025 của Sở Tài chính;

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng phục vụ.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Hành chính tổng hợp

Chủ trì theo dõi.

  ------------------------------------ ----------------------------------------
  Nơi nhận:                            GIÁM ĐỐC
  - Sở Tài chính;
  - Lưu: VT.                           Trịnh Văn Lộc
  ------------------------------------ ----------------------------------------

PHỤ LỤC

  ----------------------------------------------------------------------
  TT   Nhiệm vụ                    Đơn vị chủ     Thời gian
                                   trì            hoàn thành
  ---- --------------------------- -------------- --------------------
  1    Rà soát quy trình nội bộ    Phòng Hành     Quý I
       giải quyết công việc        chính tổng
                                   hợp

  2    Số hóa hồ sơ lưu trữ        Phòng Nghiệp   Quý III
                                   vụ
  ----------------------------------------------------------------------
"""


def test_two_column_tables_are_read_column_by_column_and_wide_ones_as_pipe_rows() -> None:
    text = multiline_tables(nfc(PLAN))
    assert "SỞ TÀI CHÍNH TỈNH AN GIANG\nTRUNG TÂM DỊCH VỤ TÀI CHÍNH\n-------\nSố: 27/KH-TTDV" in text
    assert "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |" in text
    assert "| 1 | Rà soát quy trình nội bộ giải quyết công việc | Phòng Hành chính tổng hợp | Quý I |" in text


def test_plan_in_pandoc_plain_text() -> None:
    plan = khparse.extract(nfc(PLAN))
    assert (plan.header.issuer, plan.header.parent_issuer, plan.header.number) == (
        "TRUNG TÂM DỊCH VỤ TÀI CHÍNH", "SỞ TÀI CHÍNH TỈNH AN GIANG", "27/KH-TTDV")
    assert plan.signer is not None and (plan.signer.position, plan.signer.name) == ("GIÁM ĐỐC", "Trịnh Văn Lộc")
    assert len(plan.recipients) == 2
    assert [row[2] for row in plan.appendices[0].rows] == ["Phòng Hành chính tổng hợp", "Phòng Nghiệp vụ"]


def test_dashes_without_a_closing_rule_are_left_alone() -> None:
    text = "  ------------------------------\n  Một dòng\n\nmột đoạn văn\n"
    assert multiline_tables(text) == text


def test_tables_drawn_with_box_characters_and_with_bare_pipes() -> None:
    box = ("KẾ HOẠCH\nTuyên truyền\n\nI. TỔ CHỨC THỰC HIỆN\n1. Văn phòng\n- Theo dõi.\n\nNơi nhận:\n- Lưu: VT.\n"
           "CHỦ TỊCH\n\nNguyễn Văn An\n\nPHỤ LỤC\n"
           "┌───┬────────────────┬─────────────────┐\n│TT │Hoạt động       │ Đơn vị chủ trì  │\n"
           "├───┼────────────────┼─────────────────┤\n│1  │Phát tin, bài   │Phòng Văn hóa -  │\n"
           "│   │truyền thanh    │Xã hội           │\n├───┼────────────────┼─────────────────┤\n"
           "│2  │In tờ rơi       │Trung tâm Phục vụ│\n│   │                │hành chính công  │\n"
           "└───┴────────────────┴─────────────────┘\n")
    plan = khparse.extract(nfc(box))
    assert [a.lead for a in plan.assignments][-2:] == ["Phòng Văn hóa - Xã hội", "Trung tâm Phục vụ hành chính công"]
    antiword = ("|ỦY BAN NHÂN DÂN TỈNH GIA    |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |\n"
                "|LAI                         |Độc lập - Tự do - Hạnh phúc          |\n"
                "|SỞ XÂY DỰNG                 |                                     |\n"
                "|Số: 37/KH-SXD               |Gia Lai, ngày 14 tháng 01 năm 2026   |\n\n"
                "KẾ HOẠCH\nKiểm soát thủ tục hành chính\n\nI. TỔ CHỨC THỰC HIỆN\n1. Văn phòng\n- Theo dõi./.\n\n"
                "|Nơi nhận:                  |KT. GIÁM ĐỐC       |\n"
                "|- UBND tỉnh (b/c);          |PHÓ GIÁM ĐỐC       |\n"
                "|- Lưu: VT, VP.              |Ksor Thị Nhung     |\n\nPHỤ LỤC\n"
                "|TT |Nhiệm vụ            |Đơn vị chủ trì   |\n|1  |Rà soát TTHC lĩnh vực|Phòng Quản lý    |\n"
                "|   |xây dựng            |hoạt động xây dựng|\n|2  |Tham mưu công bố    |Văn phòng Sở     |\n")
    plan = khparse.extract(nfc(antiword))
    assert (plan.header.parent_issuer, plan.header.issuer) == ("ỦY BAN NHÂN DÂN TỈNH GIA LAI", "SỞ XÂY DỰNG")
    assert len(plan.recipients) == 2 and plan.signer is not None and plan.signer.name == "Ksor Thị Nhung"
    assert [len(a.rows) for a in plan.appendices] == [2]
    assert plan.appendices[0].rows[0][2] == "Phòng Quản lý hoạt động xây dựng"


def test_a_table_copied_from_a_pdf_viewer_without_borders_keeps_its_rows() -> None:
    text = ("KẾ HOẠCH\nKiểm tra\n\nI. TỔ CHỨC THỰC HIỆN\n1. Văn phòng\n- Theo dõi.\n\nNơi nhận:\n- Lưu: VT.\n"
            "GIÁM ĐỐC\n\nNguyễn Văn An\n\nPHỤ LỤC\nLỊCH KIỂM TRA\nSTT Cơ quan, đơn vị được kiểm tra Thời gian dự kiến\n"
            "I Sở, ban, ngành\n1 Sở Xây dựng Tháng 3/2026\n2 Sở Y tế Tháng 5/2026\nII Phường, xã\n"
            "3 Phường Bến Thành Tháng 3/2026\n4 Xã Củ Chi Tháng 5/2026 Kết hợp kiểm tra\ncông vụ\n")
    plan = khparse.extract(nfc(text))
    assert [len(a.rows) for a in plan.appendices] == [6]
    assert plan.appendices[0].rows[-1] == ["4 Xã Củ Chi Tháng 5/2026 Kết hợp kiểm tra công vụ"]


def test_html2text_tables_and_underscore_emphasis() -> None:
    from khparse.read.markdown import strip_markdown

    text = ("# Kế hoạch\n\nỦY BAN NHÂN DÂN TỈNH LẠNG SƠN  \n**SỞ VĂN HÓA** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**  \n"
            "**Độc lập - Tự do - Hạnh phúc**  \n---|---  \n"
            "Số: 45/KH-SVHTTDL | _Lạng Sơn, ngày 12 tháng 01 năm 2026_  \n\n"
            "_**Nơi nhận:**_  \n\\- Lưu: VT. | **KT. GIÁM ĐỐC  \nPHÓ GIÁM ĐỐC**  \n  \n"
            "**Hoàng Văn Tuấn**  \n---|---  \n")
    lines = [line.strip() for line in strip_markdown(text).split("\n") if line.strip()]
    assert lines[1:6] == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "SỞ VĂN HÓA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                          "Độc lập - Tự do - Hạnh phúc", "Số: 45/KH-SVHTTDL"]
    assert "Lạng Sơn, ngày 12 tháng 01 năm 2026" in lines and "Nơi nhận:" in lines
    assert lines[-3:] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Tuấn"]


def test_a_markdown_row_whose_cells_break_over_lines() -> None:
    # Jina Reader / turndown: a table cell holding <br> written as hard breaks inside one row.
    from khparse.read.markdown import strip_markdown

    text = strip_markdown(nfc("Trên đây là Kế hoạch./.\n\n| **_Nơi nhận:_**  \n\\- UBND tỉnh (b/c);  \n"
                              "\\- Lưu: VT. | **TM. ỦY BAN NHÂN DÂN  \nCHỦ TỊCH**  \n  \n**Võ Minh Đức** |\n"
                              "| --- | --- |\n"))
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == ["Trên đây là Kế hoạch./.", "Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT.",
                     "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Minh Đức"]
    # A row that never closes is not joined.
    assert "<br>" not in strip_markdown("| a | b\nc\n\nd") and "d" in strip_markdown("| a | b\nc\n\nd").split("\n")


def test_a_line_block_is_lines_not_a_table() -> None:
    # pandoc Markdown's and reStructuredText's line blocks: "| " before each line, no other bar.
    from khparse.read.markdown import pipe_tables

    text = pipe_tables("| *Nơi nhận:*\n| - Công an huyện (b/c);\n| - Lưu: VT.\n\n| **CHỦ TỊCH**\n|\n| **Lê Văn Sáu**\n")
    assert text.split("\n") == ["*Nơi nhận:*", "- Công an huyện (b/c);", "- Lưu: VT.", "", "**CHỦ TỊCH**", "",
                                "**Lê Văn Sáu**", ""]
    # A table of one column keeps its bars.
    assert pipe_tables("| TT |\n|----|\n| 1 |") == "| TT |\n|----|\n| 1 |"


def test_a_cells_dash_before_its_wrapped_line_is_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # blind36's 2015 portal: a Phụ lục drawn in characters inside <pre>, "Công chức Văn phòng -" /
    # "Thống kê" in one cell over two lines; the dash at the line's end was tidied away.
    rule = "+----+--------------------------------+-----------------------+-------------+"
    grid = "\n".join([
        rule, "| TT | Nội dung                       | Đơn vị chủ trì        | Thời gian   |",
        rule.replace("-", "="),
        "| 1  | Quy chế một cửa, một cửa liên  | Công chức Văn phòng - | Quý II/2015 |",
        "|    | thông cấp xã                   | Thống kê              |             |", rule,
        "| 2  | Niêm yết thủ tục hành chính    | Công chức Tư pháp -   | Tháng 4     |", rule])
    page = (f"<html><body><p>UBND THỊ TRẤN THANH NÊ</p><p>Số: 21/KH-UBND</p><p>KẾ HOẠCH</p>"
            f"<p>Tuyên truyền cải cách hành chính năm 2015</p><p>I. MỤC ĐÍCH</p><p>Nâng cao nhận thức.</p>"
            f"<pre>\n                 PHỤ LỤC\n\n{grid}\n</pre></body></html>")
    path = tmp_path / "trang.html"
    path.write_text(nfc(page), encoding="utf-8")
    plan = khparse.extract(path)
    assert [row[2] for row in plan.appendices[0].rows] == ["Công chức Văn phòng - Thống kê", "Công chức Tư pháp"]
