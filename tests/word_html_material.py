"""Word files and web pages built in the tests: a plan of our own (Xã Tân Lập, 2025) laid out as
published (header table, Word list numbering, appendix table), written by hand with zipfile."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from html import escape
from xml.sax.saxutils import escape as xml_escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HEADER_LEFT = ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "-------", "Số: 15/KH-UBND"]
HEADER_RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "---------------",
                "Tân Lập, ngày 10 tháng 3 năm 2025"]
TITLE = ["KẾ HOẠCH", "Tuyên truyền cải cách hành chính năm 2025"]
BASIS = ("Căn cứ Kế hoạch số 42/KH-UBND ngày 20/01/2025 của Ủy ban nhân dân tỉnh về tuyên truyền "
         "cải cách hành chính năm 2025; Ủy ban nhân dân xã Tân Lập xây dựng Kế hoạch như sau:")
# (list level or None, text): level 0 "I.", 1 "1.", 2 "a)", 3 "-"
BODY: list[tuple[int | None, str]] = [
    (0, "MỤC ĐÍCH, YÊU CẦU"),
    (1, "Mục đích"),
    (2, "Nâng cao nhận thức của cán bộ, công chức và nhân dân về cải cách hành chính."),
    (2, "Tạo sự đồng thuận của người dân trong thực hiện thủ tục hành chính."),
    (1, "Yêu cầu"),
    (3, "Tuyên truyền thường xuyên, đúng trọng tâm."),
    (3, "Gắn với nhiệm vụ phát triển kinh tế - xã hội của xã."),
    (0, "NỘI DUNG TUYÊN TRUYỀN"),
    (1, "Tuyên truyền các chủ trương của Đảng, chính sách của Nhà nước về cải cách hành chính."),
    (1, "Tuyên truyền kết quả cải cách thủ tục hành chính tại Bộ phận Một cửa."),
    (0, "HÌNH THỨC TUYÊN TRUYỀN"),
    (1, "Tuyên truyền trên hệ thống loa truyền thanh của xã."),
    (0, "KINH PHÍ"),
    (None, "Kinh phí thực hiện từ nguồn ngân sách xã năm 2025."),
    (0, "TỔ CHỨC THỰC HIỆN"),
    (1, "Văn phòng HĐND và UBND xã"),
    (3, "Chủ trì tham mưu triển khai Kế hoạch này."),
    (None, "Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025 của UBND xã Tân Lập./."),
]
SIGN_LEFT = ["Nơi nhận:", "- UBND huyện (để báo cáo);", "- Lưu: VT."]
SIGN_RIGHT = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
APPENDIX_TITLE = ["PHỤ LỤC", "NHIỆM VỤ TUYÊN TRUYỀN NĂM 2025", "(Kèm theo Kế hoạch số 15/KH-UBND ngày 10/3/2025)"]
APPENDIX_ROWS = [
    ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
    ["1", "Tuyên truyền trên loa truyền thanh", "Văn hóa - Xã hội", "Văn phòng", "Hằng tháng"],
    ["2", "Cập nhật tin bài trên trang thông tin điện tử", "Văn phòng", "Các ban ngành", "Thường xuyên"],
]

_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf02d"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="word/document.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>
</Relationships>"""
_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="numbering.xml"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"/>
</Relationships>"""


def w_paragraph(text: str, level: int | None = None, *, bold: bool = False) -> str:
    num = (f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
           if level is not None else "")
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{num}<w:r>{props}<w:t xml:space="preserve">{xml_escape(text)}</w:t></w:r></w:p>'


def w_table(rows: Sequence[Sequence[Sequence[str]]]) -> str:
    """rows of cells, each cell a list of paragraphs."""
    body = "".join("<w:tr>" + "".join("<w:tc>" + "".join(w_paragraph(p) for p in cell or [""]) + "</w:tc>"
                                      for cell in row) + "</w:tr>" for row in rows)
    return f"<w:tbl>{body}</w:tbl>"


def plan_document_xml() -> str:
    blocks = [w_table([[HEADER_LEFT, HEADER_RIGHT]])]
    blocks += [w_paragraph(t, bold=True) for t in TITLE]
    blocks.append(w_paragraph(BASIS))
    blocks += [w_paragraph(text, level) for level, text in BODY]
    blocks.append(w_table([[SIGN_LEFT, SIGN_RIGHT]]))
    blocks.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    blocks += [w_paragraph(t) for t in APPENDIX_TITLE]
    blocks.append(w_table([[[c] for c in row] for row in APPENDIX_ROWS]))
    return document_xml("".join(blocks) + "<w:p/>")  # Word ends a body with a paragraph, never a table


def document_xml(body: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}">'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>")


def make_docx(document: str | None = None, *, numbering: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
        archive.writestr("word/document.xml", document if document is not None else plan_document_xml())
        if numbering:
            archive.writestr("word/numbering.xml", _NUMBERING)
    return buffer.getvalue()


def _labels() -> list[str]:
    """The numbered body as printed: what Word shows for BODY."""
    out, counts = [], [0, 0, 0]
    for level, text in BODY:
        if level is None:
            out.append(text)
            continue
        if level < 3:
            counts[level] += 1
            for deeper in range(level + 1, 3):
                counts[deeper] = 0
        roman = ["I", "II", "III", "IV", "V", "VI"][counts[0] - 1]
        label = [f"{roman}.", f"{counts[1]}.", f"{'abcdef'[counts[2] - 1]})", "-"]
        out.append(f"{label[level]} {text}")
    return out


BODY_PRINTED = _labels()


def plan_html(*, charset: str = "utf-8", declare: bool = True) -> str:
    """A portal's page: banner and menu, a title line, a metadata block, then the document."""
    def cells(lines: list[str]) -> str:
        return "<td>" + "".join(f"<p>{escape(x)}</p>" for x in lines) + "</td>"

    appendix = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in APPENDIX_ROWS)
    meta = f'<meta charset="{charset}">' if declare else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head>{meta}<title>Kế hoạch 15/KH-UBND - Cổng thông tin xã Tân Lập</title>
<style>body {{ font-family: serif; }}</style><script>var tracker = "KẾ HOẠCH giả";</script></head>
<body><form id="form1" action="/">
<header><div class="banner">CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN LẬP</div></header>
<nav><ul><li>Trang chủ</li><li>Giới thiệu</li><li>Văn bản</li></ul></nav>
<div class="search"><input type="text" name="q"><button>Tìm kiếm</button></div>
<main>
<h1>Kế hoạch tuyên truyền cải cách hành chính năm 2025</h1>
<table class="meta"><tr><td>Số hiệu:</td><td>15/KH-UBND</td><td>Loại văn bản:</td><td>Kế hoạch</td></tr>
<tr><td>Ngày ban hành:</td><td>10/03/2025</td><td>Cơ quan ban hành:</td><td>UBND xã Tân Lập</td></tr></table>
<div class="content">
<table><tr>{cells(HEADER_LEFT)}{cells(HEADER_RIGHT)}</tr></table>
{"".join(f"<p><b>{escape(t)}</b></p>" for t in TITLE)}
<p>{escape(BASIS)}</p>
{"".join(f"<p>{escape(t)}</p>" for t in BODY_PRINTED)}
<table><tr>{cells(SIGN_LEFT)}{cells(SIGN_RIGHT)}</tr></table>
{"".join(f"<p>{escape(t)}</p>" for t in APPENDIX_TITLE)}
<table border="1">{appendix}</table>
</div></main>
<footer>Bản quyền thuộc UBND xã Tân Lập<br>Địa chỉ: thôn Trung</footer>
<noscript>Bật JavaScript</noscript>
</form></body></html>
"""
