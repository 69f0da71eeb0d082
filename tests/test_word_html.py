"""Word (.docx, .doc) and saved web pages (.html, .mhtml): recognised by content, read with their
tables in place (header and signature tables column by column, appendix tables as rows), numbering
kept; hostile files refused quickly with a clear message."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest

import khparse
from khparse import load
from khparse.errors import ExitCode, InputError, MissingDependencyError
from khparse.model import Plan, SourceKind
from khparse.read import doc, docx, html, office_zip

from .conftest import ROOT
from .word_html_material import (
    APPENDIX_ROWS,
    BODY_PRINTED,
    document_xml,
    make_docx,
    plan_html,
    w_paragraph,
    w_table,
)

WORD = ROOT / "tests" / "fixtures" / "word"
SECTIONS = ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG TUYÊN TRUYỀN", "HÌNH THỨC TUYÊN TRUYỀN", "KINH PHÍ",
            "TỔ CHỨC THỰC HIỆN"]


def assert_plan(plan: Plan) -> None:
    header = plan.header
    assert header.issuer == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"
    assert header.number == "15/KH-UBND"
    assert header.place == "Tân Lập"
    assert str(header.date) == "2025-03-10"
    assert header.title == "Tuyên truyền cải cách hành chính năm 2025"
    assert [s.numeral for s in plan.sections] == ["I", "II", "III", "IV", "V"]
    assert [s.title for s in plan.sections] == SECTIONS
    assert [b.number for b in plan.legal_basis] == ["42/KH-UBND"]
    assert plan.signer is not None and plan.signer.name == "Nguyễn Văn An"
    assert plan.recipients == ["UBND huyện (để báo cáo)", "Lưu: VT"]
    assert len(plan.appendices) == 1
    assert plan.appendices[0].columns == APPENDIX_ROWS[0]
    assert plan.appendices[0].rows == APPENDIX_ROWS[1:]


# .docx


def test_docx_plan_fields(tmp_path: Path) -> None:
    path = tmp_path / "tan-lap.docx"
    path.write_bytes(make_docx())
    plan = khparse.extract(path)
    assert plan.source.kind is SourceKind.docx
    assert len(plan.source.pages) == 2  # the page break before the appendix
    assert_plan(plan)


def test_docx_header_table_is_read_column_by_column() -> None:
    lines = docx.document_text(make_docx(), "x").split("\n")
    assert lines[:2] == ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]
    assert lines.index("Số: 15/KH-UBND") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert not any(line.startswith("|") and "CỘNG HÒA" in line for line in lines)


def test_docx_numbering_is_rendered() -> None:
    text = docx.document_text(make_docx(), "x")
    for line in BODY_PRINTED:  # "I. MỤC ĐÍCH…", "1. Mục đích", "a) …", "- …", as Word shows them
        assert line in text.split("\n")


def test_docx_without_numbering_part_keeps_its_text() -> None:
    text = docx.document_text(make_docx(numbering=False), "x")
    assert "MỤC ĐÍCH, YÊU CẦU" in text.split("\n")


def test_docx_reads_what_word_shows_and_skips_the_rest() -> None:
    w = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    body = (f'<w:p><w:r><w:t>Giữ</w:t></w:r><w:del><w:r><w:delText>Xóa</w:delText></w:r></w:del>'
            f'<w:ins><w:r><w:t xml:space="preserve"> lại</w:t></w:r></w:ins>'
            f'<w:r><w:rPr><w:vanish/></w:rPr><w:t>Ẩn</w:t></w:r>'
            f'<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:tab/><w:t>sau</w:t></w:r></w:p>'
            f'<w:p><w:r><mc:AlternateContent {w}><mc:Choice Requires="wps"><w:txbxContent>'
            f'<w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent>'
            f'<w:p><w:r><w:t>Hộp</w:t></w:r></w:p></w:txbxContent></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    text = docx.document_text(make_docx(document_xml(body)), "x")
    assert text.split("\n") == ["Giữ lại sau", "", "Hộp"]


def test_docx_spacer_column_and_spanning_row() -> None:
    """Word templates put an empty spacer column between the header's two columns."""
    table = w_table([[["ỦY BAN NHÂN DÂN"], [""], ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]],
                     [["XÃ TÂN LẬP"], [""], ["Độc lập - Tự do - Hạnh phúc"]]])
    lines = [x for x in docx.document_text(make_docx(document_xml(table)), "x").split("\n") if x]
    assert lines == ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc"]


def test_misnamed_docx_is_recognised_by_content(tmp_path: Path) -> None:
    path = tmp_path / "download.bin"
    path.write_bytes(make_docx())
    assert load.from_path(path).kind is SourceKind.docx


def test_other_zip_is_refused_with_what_it_is() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(InputError, match="not a Word document"):
        load.from_bytes(buffer.getvalue(), "book.xlsx")


# .doc


@pytest.mark.skipif(not shutil.which("antiword"), reason="antiword is not installed")
def test_doc_read_with_antiword(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc, "converters", lambda: ["antiword"])
    plan = khparse.extract(WORD / "tan-lap-2025.doc")
    assert plan.source.kind is SourceKind.doc
    assert "antiword" in (plan.source.pages[0].reason or "")
    assert_plan(plan)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_doc_with_word_list_numbering_read_with_libreoffice() -> None:
    plan = khparse.extract(WORD / "tan-lap-2025-numbered.doc")
    assert "soffice" in (plan.source.pages[0].reason or "")
    assert_plan(plan)


def test_doc_is_recognised_by_content() -> None:
    data = (WORD / "tan-lap-2025.doc").read_bytes()
    assert load.from_bytes(data, "plan.txt").kind is SourceKind.doc
    with pytest.raises(InputError, match="not a Word document"):  # an OLE2 file without WordDocument
        load.from_bytes(doc.OLE2_MAGIC + b"\x00" * 600, "book.xls")


def test_doc_without_converter_is_exit_4_with_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    with pytest.raises(MissingDependencyError) as caught:
        khparse.extract(WORD / "tan-lap-2025.doc")
    assert caught.value.exit_code == ExitCode.missing_dependency == 4
    assert "apt-get install antiword" in caught.value.message


def test_doc_without_converter_cli(tmp_path: Path) -> None:
    script = ("import shutil, sys; shutil.which = lambda _n: None; from khparse.cli import main; "
              "sys.argv = ['khparse', 'extract', sys.argv[1]]; main()")
    done = subprocess.run([sys.executable, "-c", script, str(WORD / "tan-lap-2025.doc")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 4
    assert "apt-get install antiword" in done.stderr
    assert done.stdout == ""


# HTML


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese pages use it: base letters precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append(base + "".join(c for c in parts if c in tones))
    return "".join(out).encode("cp1258")


def test_html_plan_fields(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach-15.html"
    path.write_text(plan_html(), "utf-8")
    plan = khparse.extract(path)
    assert plan.source.kind is SourceKind.html
    assert_plan(plan)


def test_html_drops_boilerplate_keeps_portal_lines() -> None:
    lines = html.document_text(plan_html().encode("utf-8"), "x").split("\n")
    text = "\n".join(lines)
    for dropped in ("tracker", "font-family", "Trang chủ", "CỔNG THÔNG TIN", "Tìm kiếm", "Bản quyền",
                    "JavaScript", "Cổng thông tin xã"):
        assert dropped not in text
    assert lines[0] == "Kế hoạch tuyên truyền cải cách hành chính năm 2025"  # the portal's title line
    assert lines[1].startswith("| Số hiệu: | 15/KH-UBND |")  # its metadata block, as rows
    assert lines.index("XÃ TÂN LẬP") < lines.index("Số: 15/KH-UBND") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text("<!-- saved from url=(0042)https://example.gov.vn/ -->\n" + plan_html(), "utf-8")
    plan = khparse.extract(path)
    assert plan.source.kind is SourceKind.html
    assert plan.header.number == "15/KH-UBND"


def test_html_charsets() -> None:
    page = plan_html(charset="windows-1258")
    plan = khparse.extract(_cp1258(page))
    assert plan.header.issuer == "ỦY BAN NHÂN DÂN XÃ TÂN LẬP"  # decomposed marks composed again (NFC)
    undeclared = plan_html(declare=False).encode("utf-8")
    assert khparse.extract(b"\xef\xbb\xbf" + undeclared).header.number == "15/KH-UBND"
    assert khparse.extract(plan_html(declare=False).encode("utf-16")).header.number == "15/KH-UBND"


def test_html_lists_breaks_and_unclosed_tags() -> None:
    page = ("<html><body><ol type='I'><li>Mục đích<li>Nội dung</ol>"
            "<ul><li><p>Một</p><li>Hai</ul><p>dòng một<br>dòng hai<p>đoạn<div hidden>ẩn</div></body></html>").encode()
    lines = html.document_text(page, "x").split("\n")
    assert lines == ["I. Mục đích", "II. Nội dung", "- Một", "- Hai", "dòng một", "dòng hai", "đoạn"]


def test_mhtml_archive(tmp_path: Path) -> None:
    import quopri

    body = quopri.encodestring(plan_html().encode("utf-8")).decode("ascii")
    archive = ("From: <Saved by Blink>\r\nSubject: Ke hoach\r\nMIME-Version: 1.0\r\n"
               'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
               "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
               f"Content-Location: https://example.gov.vn/kh\r\n\r\n{body}\r\n------B--\r\n")
    path = tmp_path / "ke-hoach.mhtml"
    path.write_text(archive, "ascii")
    source = load.from_path(path)
    assert (source.kind, source.format) == (SourceKind.html, "MHTML")
    assert_plan(khparse.extract(path))


def test_batch_picks_up_word_and_web_files(tmp_path: Path) -> None:
    from khparse.batch import inputs

    (tmp_path / "a.docx").write_bytes(make_docx())
    (tmp_path / "b.htm").write_text(plan_html(), "utf-8")
    (tmp_path / "c.doc").write_bytes((WORD / "tan-lap-2025.doc").read_bytes())
    (tmp_path / "d.html").write_text(plan_html(), "utf-8")
    found = [Path(i.path).name for i in inputs.expand([str(tmp_path)])]
    assert found == ["a.docx", "b.htm", "c.doc", "d.html"]
    kinds = [load.from_bytes(i.read(), i.name).kind for i in inputs.expand([str(tmp_path)])]
    assert kinds == [SourceKind.docx, SourceKind.html, SourceKind.doc, SourceKind.html]


# Hostile


def test_docx_zip_bomb_is_refused_quickly() -> None:
    buffer = io.BytesIO()
    with (zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
          archive.open("word/document.xml", "w", force_zip64=True) as part):
        chunk = b"<w:p/>" * (2**20 // 6)
        for _ in range(office_zip.MAX_PART_BYTES // len(chunk) + 8):
            part.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2**20  # a few hundred KiB that would inflate past the cap
    started = time.monotonic()
    with pytest.raises(InputError, match="ZIP bomb"):
        khparse.extract(data)
    assert time.monotonic() - started < 10


def test_docx_zip_bomb_with_a_lying_header_is_stopped_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_zip, "MAX_PART_BYTES", 1000)
    with zipfile.ZipFile(io.BytesIO(make_docx())) as archive:
        info = archive.getinfo("word/document.xml")
        info.file_size = 10  # the central directory claims 10 bytes
        with pytest.raises(InputError, match=r"ZIP bomb|damaged"):
            office_zip.read_part(archive, "word/document.xml", "x", limit=1000)


def test_corrupt_docx_is_a_clear_input_error(tmp_path: Path) -> None:
    data = make_docx()
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"broken\.docx") as caught:
        khparse.extract(path)
    assert caught.value.exit_code == ExitCode.input_unreadable
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # a damaged deflate stream in document.xml
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 20
    path.write_bytes(data[:start] + bytes(range(256)) + data[start + 256:])
    with pytest.raises(InputError, match=r"broken\.docx"):
        khparse.extract(path)


def test_docx_with_a_dtd_is_refused() -> None:
    bomb = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            f'<w:document xmlns:w="{"http://schemas.openxmlformats.org/wordprocessingml/2006/main"}">'
            "<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(InputError, match="DTD"):
        docx.document_text(make_docx(bomb), "x")


def test_docx_deeply_nested_tables_do_not_crash() -> None:
    body = w_paragraph("x")
    for _ in range(400):
        body = w_table([[[""]]]).replace("<w:tc><w:p><w:r><w:t xml:space=\"preserve\"></w:t></w:r></w:p></w:tc>",
                                         f"<w:tc>{body}</w:tc>")
    docx.document_text(make_docx(document_xml(body)), "x")  # no RecursionError


def test_html_of_50_mb_nested_tags_is_refused_quickly() -> None:
    data = b"<html><body>" + b"<div><span><b>" * (50 * 2**20 // 15)
    started = time.monotonic()
    with pytest.raises(InputError, match="limit"):
        khparse.extract(data)
    assert time.monotonic() - started < 5


def test_html_of_many_nested_tags_under_the_size_limit_is_refused_quickly() -> None:
    data = b"<html><body>" + b"<div>" * 2_000_000 + b"x"
    started = time.monotonic()
    with pytest.raises(InputError, match="tags"):
        khparse.extract(data)
    assert time.monotonic() - started < 5


def test_html_deep_nesting_within_limits_is_read() -> None:
    data = b"<html><body>" + b"<div><table><tr><td>" * 5000 + b"Hai" + b"</td></tr></table></div>" * 5000
    assert html.document_text(data, "x").split("\n") == ["Hai"]


def test_cells_hanging_down_over_rows_repeat_their_text_in_each_row() -> None:
    from khparse.read.markup_tables import Cell, table_lines

    rows = [
        [Cell(("TT",)), Cell(("Lĩnh vực",)), Cell(("Nhiệm vụ",)), Cell(("Chủ trì",))],
        [Cell(("1",)), Cell(("Thủ tục",), rows=2), Cell(("Rà soát",)), Cell(("Văn phòng",), rows=2)],
        [Cell(("2",)), Cell(("Niêm yết",))],
        [Cell(("3",)), Cell(("Số hóa",)), Cell(("Cập nhật",)), Cell(("Phòng Kinh tế",))],
    ]
    assert table_lines(rows)[2:5] == ["| 1 | Thủ tục | Rà soát | Văn phòng |", "| 2 | Thủ tục | Niêm yết | Văn phòng |",
                                      "| 3 | Số hóa | Cập nhật | Phòng Kinh tế |"]


def test_word_cells_merged_down_repeat_their_text_in_each_row() -> None:
    from .word_html_material import document_xml, w_paragraph

    def tc(text: str, merge: str | None = None) -> str:
        props = f'<w:tcPr><w:vMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else (
            "<w:tcPr><w:vMerge/></w:tcPr>" if merge == "continue" else "")
        return f"<w:tc>{props}{w_paragraph(text)}</w:tc>"

    rows = [[tc("TT"), tc("Nhiệm vụ"), tc("Chủ trì")],
            [tc("1"), tc("Rà soát"), tc("Văn phòng", "restart")],
            [tc("2"), tc("Niêm yết"), tc("", "continue")],
            [tc("3"), tc("Số hóa"), tc("Phòng Kinh tế")]]
    body = "<w:tbl>" + "".join("<w:tr>" + "".join(row) + "</w:tr>" for row in rows) + "</w:tbl><w:p/>"
    lines = docx.document_text(make_docx(document_xml(body)), "x").split("\n")
    assert "| 2 | Niêm yết | Văn phòng |" in lines and "| 3 | Số hóa | Phòng Kinh tế |" in lines


def test_a_wikis_edit_links_contents_and_categories_are_the_sites() -> None:
    page = """<html><body><div id="siteSub" class="noprint">Thư viện mở</div>
<div id="toc" class="toc" role="navigation"><ul><li>1 I. MỤC ĐÍCH</li></ul></div>
<h2><span class="mw-headline">I. MỤC ĐÍCH</span><span class="mw-editsection">[<a href="#">sửa</a>]</span></h2>
<p><b>Nơi nhận:</b><br>- Lưu: VT.</p>
<div class="printfooter">Lấy từ “https://example.org”</div>
<div class="catlinks"><ul><li>Kế hoạch</li><li>Văn bản năm 2020</li></ul></div></body></html>"""
    text = html.document_text(page.encode(), "page.html")
    assert [line for line in text.splitlines() if line.strip()] == ["I. MỤC ĐÍCH", "Nơi nhận:", "- Lưu: VT."]
