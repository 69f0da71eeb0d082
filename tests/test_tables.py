"""Appendix tables read cell by cell: ruled tables in text-layer PDFs (read/pdf_tables.py), grids in
scans (read/grid.py), tables over two pages merged and task rows made assignments (fields/appendix.py).

The material is made in tmp_path by tests/table_material.py (reportlab, DejaVu fonts)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from khparse import load
from khparse.fields.appendix import appendix_assignments, parse_appendices
from khparse.lines import document_lines
from khparse.model import Appendix
from khparse.read import read_pages
from khparse.read.engine import OcrPage, Recorded
from tests import table_material as material

pytest.importorskip("reportlab")
if not material.FONT_DIR.exists():
    pytest.skip("DejaVu fonts missing (apt-get install -y fonts-dejavu)", allow_module_level=True)


def appendices(path: Path, **kwargs: object) -> list[Appendix]:
    pages = read_pages(load.from_path(path), **kwargs)  # type: ignore[arg-type]
    return parse_appendices(document_lines((p.number, p.text) for p in pages))


def cells_right(appendix: Appendix, truth: list[list[str]]) -> tuple[int, int]:
    """(cells equal to the truth, cells in the truth), header included; a missing row or column
    counts all its cells wrong."""
    got = [appendix.columns, *appendix.rows]
    right = sum(
        1
        for r, row in enumerate(truth)
        for c, cell in enumerate(row)
        if r < len(got) and c < len(got[r]) and " ".join(got[r][c].split()) == cell
    )
    return right, sum(len(row) for row in truth)


def test_text_layer_table_every_cell(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(material.table_pdf())
    (appendix,) = appendices(path)
    assert appendix.title == material.TITLE
    assert cells_right(appendix, material.truth()) == (45, 45)


def test_text_layer_landscape_table(tmp_path: Path) -> None:
    path = tmp_path / "landscape.pdf"
    path.write_bytes(material.table_pdf(landscape=True))
    (appendix,) = appendices(path)
    assert cells_right(appendix, material.truth()) == (45, 45)


@pytest.mark.parametrize("repeat_header", [True, False])
def test_table_over_two_pages_is_one_appendix(tmp_path: Path, repeat_header: bool) -> None:
    rows = material.rows_for(2)
    path = tmp_path / "two.pdf"
    path.write_bytes(material.table_pdf(rows, repeat_header=repeat_header))
    pages = read_pages(load.from_path(path))
    assert len(pages) == 2 and "| 16 |" in pages[1].text
    (appendix,) = parse_appendices(document_lines((p.number, p.text) for p in pages))
    truth = material.truth(rows)
    assert cells_right(appendix, truth) == (len(truth) * 5, len(truth) * 5)


def test_row_broken_by_page_break_is_joined() -> None:
    header = "| TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |\n| --- | --- | --- | --- | --- |\n"
    # OCR read page 1's header "TY": page 2's "TT" still repeats it
    page1 = (f"PHỤ LỤC\n{header.replace('TT', 'TY')}| 1 | Tuyên truyền | Phòng Nội vụ | Công an xã | Quý I |\n"
             "| 2 | Tổ chức hội thi | Phòng Văn hóa | Đoàn |  |")
    page2 = (f"2\n{header}| 1 | 2 | 3 | 4 | 5 |\n|  | tìm hiểu CCHC |  | Thanh niên | Quý III |\n"
             "| 3 | Sơ kết | Phòng Nội vụ |  | Tháng 12 |")
    (appendix,) = parse_appendices(document_lines([(1, page1), (2, page2)]))
    assert appendix.rows == [
        ["1", "Tuyên truyền", "Phòng Nội vụ", "Công an xã", "Quý I"],
        ["2", "Tổ chức hội thi tìm hiểu CCHC", "Phòng Văn hóa", "Đoàn Thanh niên", "Quý III"],
        ["3", "Sơ kết", "Phòng Nội vụ", "", "Tháng 12"],
    ]


def test_a_header_ocr_misread_a_letter_of_still_names_the_columns() -> None:
    # A 150 dpi fax of a Phụ lục: "Cơ quan cha trì", "Cơ man phối hợp", "Thời gian haan thành".
    page = ("PHỤ LỤC\n| TT | Nội £—c nhiệm vụ | Cơ quan cha trì | Cơ man phối hợp | Thời gian haan thành |\n"
            "| --- | --- | --- | --- | --- |\n"
            "| 1 | Phát thanh chuyên mục | Phòng Văn hóa - Xã hội | Trưởng các thôn | Hằng tuần |")
    (assignment,) = appendix_assignments(parse_appendices(document_lines([(1, page)])))
    assert (assignment.lead, assignment.partners, assignment.timeline) == (
        "Phòng Văn hóa - Xã hội", ["Trưởng các thôn"], "Hằng tuần")
    # Only a letter or two: a partners column is never taken for the lead.
    page = page.replace("Cơ quan cha trì", "Ghi chú")
    assert appendix_assignments(parse_appendices(document_lines([(1, page)]))) == []


def test_rows_become_assignments(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    path.write_bytes(material.table_pdf())
    assignments = appendix_assignments(appendices(path))
    assert len(assignments) == len(material.ROWS)
    third = assignments[2]
    assert third.lead == "Phòng Nội vụ"
    assert third.tasks == ["Tổ chức Hội thi tìm hiểu về cải cách hành chính"]
    assert third.partners == ["Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ"]
    assert third.timeline == "Quý III/2025"


def test_page_without_rules_does_not_load_the_table_finder(tmp_path: Path) -> None:
    from khparse.read import pdf

    sample = Path(__file__).resolve().parent.parent / "samples" / "thuong-xuan-2025.pdf"
    layers = pdf.text_layers(sample.read_bytes(), sample.name)
    assert not any(layer.ruled for layer in layers)  # its header and title rules are underlines
    path = tmp_path / "table.pdf"
    path.write_bytes(material.table_pdf())
    assert pdf.text_layers(path.read_bytes(), path.name)[0].ruled


def _scan_pdf(images: list[bytes]) -> bytes:
    """Image-only PDF of the scans (300 dpi), as an archive holds them."""
    import io

    from PIL import Image

    pages = [Image.open(io.BytesIO(data)).convert("L") for data in images]
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=300, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _layer_words(pdf_bytes: bytes, dpi: int = 300) -> Recorded:
    """An engine replaying the text layer's words as OCR words at `dpi` (exact words, so a test
    of the grid and of the cells' filling, not of tesseract)."""
    from khparse.read import pdf

    scale = dpi / 72
    pages = {}
    for number, layer in enumerate(pdf.text_layers(pdf_bytes, "table.pdf"), start=1):
        words = tuple(replace(w, x0=w.x0 * scale, top=w.top * scale, x1=w.x1 * scale, bottom=w.bottom * scale)
                      for w in layer.words)
        pages[number] = OcrPage(words, layer.width * scale, 95.0, layer.height * scale)
    return Recorded(pages)


def test_scanned_grid_over_two_pages_replayed(tmp_path: Path) -> None:
    """The grid found on each scanned page, the words put in its cells, the two pages' tables
    merged into one appendix; without tesseract (the layer's words replayed)."""
    rows = material.rows_for(2)
    text_pdf = material.table_pdf(rows, repeat_header=False)
    path = tmp_path / "scan.pdf"
    path.write_bytes(_scan_pdf([material.scan(text_pdf, i, angle=0.0) for i in range(2)]))
    (appendix,) = appendices(path, engine=_layer_words(text_pdf))
    truth = material.truth(rows)
    assert cells_right(appendix, truth) == (len(truth) * 5, len(truth) * 5)


# The target for a ruled appendix scan: at least 90 % of the cells right.
SCAN_CELLS = 0.9


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_scanned_table_cells(tmp_path: Path, landscape: bool) -> None:
    """A 300-dpi scan of the ruled appendix, OCRed (one page): at least 90 % of its cells right."""
    from khparse.read.tesseract import tesseract_missing

    if tesseract_missing():
        pytest.skip("tesseract with vie is not installed")
    path = tmp_path / "scan.png"
    path.write_bytes(material.scan(material.table_pdf(landscape=landscape)))
    start = time.perf_counter()
    (appendix,) = appendices(path)
    seconds = time.perf_counter() - start
    right, total = cells_right(appendix, material.truth())
    assert right >= SCAN_CELLS * total, (right, total, appendix.rows)
    assert len(appendix_assignments([appendix])) == len(material.ROWS)
    print(f"scanned table: {right}/{total} cells right in {seconds:.1f} s")


def test_appendix_table_laid_out_with_spaces_and_wrapped_cells() -> None:
    import khparse
    from khparse.fold import nfc

    plan = khparse.extract(nfc(
        "KẾ HOẠCH\nĐề án 06\n\nI. NHIỆM VỤ\n1. Triển khai.\nII. TỔ CHỨC THỰC HIỆN\nCác đơn vị thực hiện.\n"
        "Trên đây là Kế hoạch./.\nNơi nhận:\n- Lưu: VT.\n\n"
        "                         PHỤ LỤC\n"
        "  TT         Nhiệm vụ                    Đơn vị chủ trì        Thời hạn\n\n"
        "  I    Nhóm tiện ích phục vụ thủ tục hành chính\n\n"
        "  1    Hướng dẫn người dân nộp hồ sơ    Trung tâm Phục vụ     Tháng 10/2025\n"
        "       trực tuyến                       hành chính công xã\n\n"
        "  2    Chi trả an sinh xã hội không     Phòng Văn hóa - Xã    Thường xuyên\n"
        "       dùng tiền mặt                    hội\n"))
    table = plan.appendices[0]
    assert table.columns == ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn"]
    assert table.rows == [
        ["I", "Nhóm tiện ích phục vụ thủ tục hành chính", "", ""],
        ["1", "Hướng dẫn người dân nộp hồ sơ trực tuyến", "Trung tâm Phục vụ hành chính công xã", "Tháng 10/2025"],
        ["2", "Chi trả an sinh xã hội không dùng tiền mặt", "Phòng Văn hóa - Xã hội", "Thường xuyên"],
    ]
    assert [a.unit for a in plan.assignments] == ["Trung tâm Phục vụ hành chính công xã", "Phòng Văn hóa - Xã hội"]


def test_a_grey_scans_text_around_its_table_is_read(tmp_path: Path) -> None:
    """A table scanned on grey paper (≈ 220): the table is painted over in the paper's grey before the
    page around it is read, not in white, which made the page two-toned and lost its title."""
    from khparse.read.tesseract import tesseract_missing

    if tesseract_missing():
        pytest.skip("tesseract with vie is not installed")
    import io

    import numpy as np
    from PIL import Image

    scanned = np.asarray(Image.open(io.BytesIO(material.scan(material.table_pdf()))), dtype=np.float32)
    path = tmp_path / "grey.png"
    Image.fromarray((scanned * 0.9).astype(np.uint8)).save(path, dpi=(300, 300))
    (page,) = read_pages(load.from_path(path))
    assert page.text.startswith(material.TITLE), page.text[:200]
    (appendix,) = appendices(path)
    assert len(appendix.rows) == len(material.ROWS)


def test_a_cell_hanging_down_over_two_rows_gives_each_row_its_text() -> None:
    # A blind Party plan's body table, scanned: "Ban Xây dựng Đảng" leads rows 4 and 5 in one cell.
    from khparse.read.cells import Cell, fill
    from khparse.read.layout import Word

    cells = [Cell(0, 0, 100, 50, 0, 0), Cell(100, 0, 400, 50, 0, 1), Cell(400, 0, 600, 100, 0, 2, rows=2),
             Cell(0, 50, 100, 100, 1, 0), Cell(100, 50, 400, 100, 1, 1),
             Cell(0, 100, 100, 150, 2, 0), Cell(100, 100, 600, 150, 2, 1, columns=2)]
    words = [Word("4", 40, 10, 60, 40), Word("Mở", 120, 10, 160, 40), Word("Ban", 420, 60, 460, 90),
             Word("XDĐ", 470, 60, 520, 90), Word("5", 40, 60, 60, 90), Word("Hướng", 120, 60, 200, 90),
             Word("II", 40, 110, 60, 140), Word("Kiểm", 120, 110, 200, 140)]
    assert fill(cells, words).rows == (("4", "Mở", "Ban XDĐ"), ("5", "Hướng", "Ban XDĐ"), ("II", "Kiểm", ""))
