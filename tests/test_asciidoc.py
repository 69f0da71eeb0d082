"""AsciiDoc (pandoc's `-t asciidoc` of a Word plan) read as plain lines: tables, headings, lists."""

from __future__ import annotations

import khparse
from khparse.fold import nfc
from khparse.read.asciidoc import asciidoc_text, looks_like_asciidoc

PLAN = """[width="100%",cols="42%,58%",]
|===
a|
*UBND TỈNH NINH THUẬN* +
*SỞ THÔNG TIN VÀ TRUYỀN THÔNG*

'''''

Số: 58/KH-STTTT

a|
*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM* +
*Độc lập – Tự do – Hạnh phúc*

_Ninh Thuận, ngày 29 tháng 01 năm 2024_

|===

*KẾ HOẠCH*

*Tuyên truyền cải cách hành chính năm 2024*

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;

== I. MỤC ĐÍCH, YÊU CẦU

* Thông tin chính xác, kịp thời.

== II. TỔ CHỨC THỰC HIỆN

[arabic]
. Văn phòng Sở: Bố trí kinh phí.
. Phòng Thông tin - Báo chí - Xuất bản: Chủ trì tham mưu.

Trên đây là Kế hoạch./.

[cols="6%,38%,28%,28%",options="header",]
|===
|TT |Hoạt động |Đơn vị chủ trì |Thời gian
|1 |Định hướng nội dung |Phòng
Thông tin - Báo chí - Xuất bản |Hằng quý
|===
"""


def test_asciidoc_tables_headings_and_numbered_lists() -> None:
    assert looks_like_asciidoc(PLAN) and not looks_like_asciidoc("I. MỤC ĐÍCH\n| a | b |\n")
    lines = asciidoc_text(nfc(PLAN)).split("\n")
    assert lines[:3] == ["UBND TỈNH NINH THUẬN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 58/KH-STTTT"]
    assert "1. Văn phòng Sở: Bố trí kinh phí." in lines and "- Thông tin chính xác, kịp thời." in lines
    assert "| 1 | Định hướng nội dung | Phòng Thông tin - Báo chí - Xuất bản | Hằng quý |" in lines
    plan = khparse.extract(nfc(PLAN))
    assert (plan.header.parent_issuer, plan.header.issuer, plan.header.number) == (
        "UBND TỈNH NINH THUẬN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "58/KH-STTTT")
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert [a.unit for a in plan.assignments][:2] == ["Văn phòng Sở", "Phòng Thông tin - Báo chí - Xuất bản"]
