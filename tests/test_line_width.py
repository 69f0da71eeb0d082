"""A document's full line width is measured on its text, not on the rows of its tables: a landscape
Phụ lục's rows, twice as wide, would make every wrapped body line look like a paragraph's last."""

from __future__ import annotations

from khparse.lines import document_lines
from khparse.outline.paragraphs import line_width, measure, paragraphs

BODY = """\
Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính
phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai
đoạn 2021 - 2030; Quyết định số 2910/QĐ-UBND ngày 24/12/2021 của
Ủy ban nhân dân tỉnh ban hành Kế hoạch cải cách hành chính nhà
nước năm 2022, Sở xây dựng Kế hoạch cải cách hành chính như sau:"""
ROW = ("| {n} | Rà soát văn bản quy phạm pháp luật của tỉnh về quản lý đầu tư công | Báo cáo | Phòng Tổng hợp"
       " | Quý II/2022 |")


def test_table_rows_do_not_widen_the_text_and_a_wrapped_paragraph_stays_one() -> None:
    text = BODY + "\n\nPHỤ LỤC\n" + "\n".join(ROW.format(n=n) for n in range(1, 9))
    lines = document_lines([(1, text)])
    assert line_width(lines) < 80
    blocks = paragraphs(lines[:5], measure(lines))
    assert len(blocks) == 1 and "Ủy ban nhân dân tỉnh ban hành" in blocks[0].text
