"""OpenDocument text (.odt) and Rich Text Format (.rtf) plans (read/odt.py, read/rtf.py): numbers the file
keeps out of its text written out, tables read as Word's are, and what a reader does not see left out."""

from __future__ import annotations

import io
import zipfile

import pytest

from khparse import load
from khparse.errors import InputError
from khparse.model import SourceKind
from khparse.pipeline import extract_source
from khparse.read import odt, rtf

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
       'xmlns:xml="http://www.w3.org/XML/1998/namespace"')

_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_NS}><office:styles>
<text:outline-style style:name="Outline">
 <text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>
 <text:outline-level-style text:level="2" style:num-format="1" style:num-suffix="."/>
</text:outline-style></office:styles></office:document-styles>"""

_CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_NS}><office:automatic-styles>
<text:list-style style:name="L1">
 <text:list-level-style-number text:level="1" style:num-format="a" style:num-suffix=")"/>
 <text:list-level-style-bullet text:level="2" text:bullet-char="&#x2022;"/>
</text:list-style></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>Bản cũ bị xóa</text:p></text:deletion>
</text:changed-region></text:tracked-changes>
<table:table><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell><text:p>ỦY BAN NHÂN DÂN</text:p><text:p>XÃ ĐỨC PHÚ</text:p>
<text:p>Số: 11/KH-UBND</text:p></table:table-cell>
<table:table-cell><text:p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p><text:p>Độc lập - Tự do - Hạnh phúc</text:p>
<text:p>Đức Phú, ngày 13 tháng 01 năm 2026</text:p></table:table-cell></table:table-row></table:table>
<text:p>KẾ HOẠCH</text:p><text:p>Tuyên truyền cải cách hành chính năm 2026</text:p>
<text:p>Căn cứ Kế hoạch số 58/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân tỉnh<text:note text:note-class="footnote">
<text:note-citation>1</text:note-citation><text:note-body><text:p>Số 99/KH-UBND ghi chú</text:p></text:note-body>
</text:note>,<office:annotation><text:p>Xem lại</text:p></office:annotation></text:p>
<text:h text:outline-level="1">MỤC ĐÍCH, YÊU CẦU</text:h>
<text:h text:outline-level="2">Mục đích</text:h>
<text:list xml:id="list1" text:style-name="L1">
 <text:list-item><text:p>Nâng cao<text:s text:c="2"/>nhận thức;</text:p>
  <text:list><text:list-item><text:p>cán bộ, công chức;</text:p></text:list-item></text:list></text:list-item>
</text:list>
<text:h text:outline-level="2">Yêu cầu</text:h>
<text:list text:continue-list="list1" text:style-name="L1">
 <text:list-item><text:p>Thiết thực<text:soft-page-break/>, hiệu quả.</text:p></text:list-item>
</text:list>
<text:h text:outline-level="1">TỔ CHỨC THỰC HIỆN</text:h>
<table:table><table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell><text:p>TT</text:p></table:table-cell><table:table-cell><text:p>Nội dung</text:p>
</table:table-cell><table:table-cell><text:p>Thời gian</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="3"><text:p>Nhóm nhiệm vụ</text:p>
</table:table-cell><table:covered-table-cell/><table:covered-table-cell/></table:table-row>
<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Hội nghị</text:p>
</table:table-cell><table:table-cell><text:p>Quý I</text:p></table:table-cell></table:table-row>
</table:table>
<text:p text:style-name="P">Công chức Văn hóa - Xã hội chủ trì.<text:hidden-text text:is-hidden="true"
 text:string-value="Ẩn"/></text:p>
</office:text></office:body></office:document-content>"""


def _odt(content: str = _CONTENT, mimetype: bytes = odt.MIMETYPE) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", _STYLES)
    return out.getvalue()


def test_odt_numbers_tables_and_what_is_not_shown() -> None:
    text = odt.document_text(_odt(), "plan.odt")
    lines = text.replace("\f", "\n").split("\n")
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "XÃ ĐỨC PHÚ", "Số: 11/KH-UBND"]  # the header read column by column
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "1. Mục đích" in lines and "2. Yêu cầu" in lines
    assert "II. TỔ CHỨC THỰC HIỆN" in lines
    assert "a) Nâng cao  nhận thức;" in lines and "- cán bộ, công chức;" in lines
    assert "b) Thiết thực" in lines and "\f, hiệu quả." in text  # the list continued; the renderer's page break
    assert "Căn cứ Kế hoạch số 58/KH-UBND ngày 31/12/2025 của Ủy ban nhân dân tỉnh," in lines
    assert "| 1 | Hội nghị | Quý I |" in text
    for hidden in ("99/KH-UBND", "Xem lại", "Bản cũ", "Ẩn"):
        assert hidden not in text


def test_an_odt_plan_is_read_whatever_its_name() -> None:
    source = load.from_bytes(_odt(), "ke-hoach")
    assert source.kind is SourceKind.odt
    plan = extract_source(source)
    assert plan.header.number == "11/KH-UBND" and plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ ĐỨC PHÚ"
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert plan.source.pages[0].reason.startswith("OpenDocument text")


def test_a_spreadsheet_is_no_text_document() -> None:
    sheet = _CONTENT.replace("<office:text>", "<office:spreadsheet>").replace("</office:text>", "</office:spreadsheet>")
    data = _odt(sheet, b"application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(InputError, match="not a plan"):
        load.from_bytes(data, "sheet.ods")
    with pytest.raises(InputError, match="no text document"):
        odt.document_text(data, "sheet.odt")


def _cp1258_escaped(ch: str) -> bytes:
    """`ch` in Windows-1258 as RTF writes bytes of a font's code page: a tone is a combining byte of its own."""
    import unicodedata

    try:
        data = ch.encode("cp1258")
    except UnicodeEncodeError:
        base, *marks = unicodedata.normalize("NFD", ch)
        letter = unicodedata.normalize("NFC", base + "".join(marks[:-1]))
        data = letter.encode("cp1258") + marks[-1].encode("cp1258")
    return b"".join(b"\\'%02x" % b if b > 127 else bytes([b]) for b in data)


# Word's RTF: the header in a table of two cells, Vietnamese as \uN with a "?" for readers without Unicode, a
# Vietnamese font's bytes (\fcharset163), list numbers as \listtext, a merged task table, and what is not shown.
RTF = rb"""{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}
{\f1\froman\fcharset163 Times New Roman;}{\f2\fnil\fcharset2 Symbol;}}
{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}{\info{\title K\u7871? ho\u7841?ch c\u361?}}
{\header \pard\plain Trang \chpgn\par}
\trowd\cellx4500\cellx9000\pard\intbl \u7910?Y BAN NH\u194?N D\u194?N\par X\u195? \u272?\u7912?C PH\u218?\par
S\u7889?: 11/KH-UBND\cell
C\u7896?NG H\u210?A X\u195? H\u7896?I CH\u7910? NGH\u296?A VI\u7878?T NAM\par
\u272?\u7897?c l\u7853?p - T\u7921? do - H\u7841?nh ph\u250?c\par
\u272?\u7913?c Ph\u250?, ng\u224?y 13 th\u225?ng 01 n\u259?m 2026\cell\row
\pard K\u7870? HO\u7840?CH\par
{\f1 TITLE_CP1258}\par
C\u259?n c\u7913? K\u7871? ho\u7841?ch s\u7889? 58/KH-UBND ng\u224?y 31/12/2025;
{\super\chftn{\footnote \pard S\u7889? 99/KH-UBND}}\par
{\listtext I.\tab}M\u7908?C \u272?\u205?CH, Y\u202?U C\u7846?U\par
{\listtext\f2 \'b7\tab}N\u226?ng cao nh\u7853?n th\u7913?c{\v  \u7848?n}{\deleted  b\u7843?n c\u361?}.\par
{\field{\*\fldinst { PAGE }}{\fldrslt {II}}}. T\u7892? CH\u7912?C TH\u7920?C HI\u7878?N\par
\trowd\clmgf\cellx3000\clmrg\cellx6000\cellx9000\pard\intbl Nh\u243?m nhi\u7879?m v\u7909?\cell\cell X\cell\row
\trowd\cellx3000\cellx6000\cellx9000\pard\intbl 1\cell H\u7897?i ngh\u7883?\cell Qu\u253? I\cell\row
\pard C\u244?ng ch\u7913?c V\u259?n h\u243?a - X\u227? h\u7897?i ch\u7911? tr\u236?.\par\page
\pard N\u417?i nh\u7853?n:\par - L\u432?u: VT.\par}""".replace(
    b"TITLE_CP1258", b"".join(_cp1258_escaped(ch) for ch in "Tuyên truyền cải cách hành chính năm 2026"))


def test_rtf_escapes_code_pages_lists_tables_and_what_is_not_shown() -> None:
    text = rtf.document_text(RTF, "plan.rtf")
    lines = text.replace("\f", "\n").split("\n")
    assert lines[:3] == ["ỦY BAN NHÂN DÂN", "XÃ ĐỨC PHÚ", "Số: 11/KH-UBND"]
    assert "KẾ HOẠCH" in lines
    assert "Tuyên truyền cải cách hành chính năm 2026" in lines  # a Vietnamese font's bytes (a tone: a byte of its own)
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "- Nâng cao nhận thức." in lines
    assert "II. TỔ CHỨC THỰC HIỆN" in lines  # a field's result kept, its instruction dropped
    assert "Căn cứ Kế hoạch số 58/KH-UBND ngày 31/12/2025;" in lines
    assert [page.strip().split("\n")[0] for page in text.split("\f")] == ["ỦY BAN NHÂN DÂN", "Nơi nhận:"]  # \page
    assert "| 1 | Hội nghị | Quý I |" in lines and any(ln.startswith("| Nhóm nhiệm vụ") for ln in lines)
    for hidden in ("Trang", "99/KH-UBND", "Ẩn", "bản cũ", "Times New Roman", "Kế hoạch cũ", "PAGE"):
        assert hidden not in text


def test_an_rtf_plan_is_read() -> None:
    source = load.from_bytes(RTF, "plan.rtf")
    assert source.kind is SourceKind.rtf
    plan = extract_source(source)
    assert plan.header.number == "11/KH-UBND" and plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ ĐỨC PHÚ"
    assert [s.numeral for s in plan.sections] == ["I", "II"]


def test_hostile_rtf_and_odt_get_one_clear_sentence() -> None:
    pictured = RTF.replace(rb"\pard K\u7870?", rb"{\pict\pngblip\bin10 }XYZhidden}\pard K\u7870?", 1)
    text = rtf.document_text(pictured, "pictured.rtf")  # \bin's 10 raw bytes: a brace and letters, no text
    assert "KẾ HOẠCH" in text and "XYZ" not in text
    truncated = rtf.document_text(RTF[: len(RTF) // 2], "cut.rtf")  # groups never closed: what is there
    assert truncated.startswith("ỦY BAN NHÂN DÂN")
    with pytest.raises(InputError, match="nests groups"):
        rtf.document_text(b"{\\rtf1 " + b"{" * 1000 + b"x" + b"}" * 1000 + b"}", "deep.rtf")
    broken = _odt()[:200]
    with pytest.raises(InputError):
        extract_source(load.from_bytes(broken, "broken.odt"))
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("mimetype", odt.MIMETYPE)
    with pytest.raises(InputError, match=r"without content\.xml"):
        odt.document_text(empty.getvalue(), "empty.odt")
