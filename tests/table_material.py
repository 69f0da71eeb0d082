"""Test material for tables: a ruled appendix table (TT / Nhiệm vụ / Cơ quan chủ trì / Cơ quan phối
hợp / Thời gian hoàn thành) laid out by reportlab as a text-layer PDF with real ruling lines, and the
same page as a 300-dpi scan (rendered by pdfium, lightly blurred, noised and turned a little), with
its truth (the cells as printed).

Needs reportlab (`pip install -e '.[samples]'`) and DejaVu Serif (`apt-get install -y fonts-dejavu`).
Used by tests/test_tables.py (into tmp_path) and by hand:

    .venv/bin/python -m tests.table_material OUT_DIR   # table.pdf, table-scan.png, two-page and landscape variants
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

COLUMNS = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
ROWS = [
    ["1", "Xây dựng và ban hành Kế hoạch tuyên truyền cải cách hành chính năm 2025",
     "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND xã", "Tháng 02/2025"],
    ["2", "Tuyên truyền trên hệ thống truyền thanh cơ sở về thủ tục hành chính mới",
     "Trung tâm Văn hóa, Thông tin và Thể thao", "Các thôn, tổ dân phố", "Thường xuyên"],
    ["3", "Tổ chức Hội thi tìm hiểu về cải cách hành chính",
     "Phòng Nội vụ", "Đoàn Thanh niên; Hội Liên hiệp Phụ nữ", "Quý III/2025"],
    ["4", "Cập nhật tin, bài trên Cổng thông tin điện tử của xã",
     "Văn phòng HĐND và UBND xã", "Các phòng chuyên môn", "Hằng tháng"],
    ["5", "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa",
     "Bộ phận Tiếp nhận và Trả kết quả", "Công an xã", "Thường xuyên"],
    ["6", "Khảo sát mức độ hài lòng của người dân, doanh nghiệp",
     "Phòng Nội vụ", "Ủy ban Mặt trận Tổ quốc Việt Nam xã", "Tháng 10/2025"],
    ["7", "Tuyên truyền chuyển đổi số và dịch vụ công trực tuyến toàn trình",
     "Phòng Kinh tế", "Bưu điện xã; Viettel Thanh Hóa", "Quý II/2025"],
    ["8", "Sơ kết, tổng kết công tác tuyên truyền cải cách hành chính",
     "Phòng Văn hóa - Xã hội", "Các cơ quan, đơn vị liên quan", "Tháng 12/2025"],
]
TITLE = "PHỤ LỤC"
CAPTION = "DANH MỤC NHIỆM VỤ TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2025"
SUBTITLE = "(Kèm theo Kế hoạch số 15/KH-UBND ngày 04/02/2025 của UBND xã Thường Xuân)"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def rows_for(repeat: int) -> list[list[str]]:
    """ROWS `repeat` times over, numbered on (a table long enough to run over two pages)."""
    out = []
    for n in range(repeat * len(ROWS)):
        row = list(ROWS[n % len(ROWS)])
        row[0] = str(n + 1)
        out.append(row)
    return out


def table_pdf(rows: list[list[str]] | None = None, *, landscape: bool = False, repeat_header: bool = True,
              font_size: float = 11.0) -> bytes:
    """The appendix page(s) as a PDF with a text layer and ruling lines (reportlab's GRID)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as turned
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    for name, file in (("TR", "DejaVuSerif.ttf"), ("TB", "DejaVuSerif-Bold.ttf"), ("TI", "DejaVuSerif-Italic.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    rows = ROWS if rows is None else rows
    size = turned(A4) if landscape else A4
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=size, leftMargin=25 * mm, rightMargin=15 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, invariant=True)
    body = ParagraphStyle("cell", fontName="TR", fontSize=font_size, leading=font_size * 1.3)
    head = ParagraphStyle("head", parent=body, fontName="TB", alignment=1)
    centred = ParagraphStyle("centred", parent=body, alignment=1)
    titled = ParagraphStyle("title", parent=head, fontSize=13, leading=18)
    italic = ParagraphStyle("italic", parent=centred, fontName="TI")
    width = size[0] - 40 * mm
    shares = [0.07, 0.38, 0.2, 0.2, 0.15]
    data = [[Paragraph(c, head) for c in COLUMNS]]
    data += [[Paragraph(c, centred if i in (0, 4) else body) for i, c in enumerate(row)] for row in rows]
    table = Table(data, colWidths=[s * width for s in shares], repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]))
    story = [Paragraph(TITLE, titled), Paragraph(CAPTION, titled), Paragraph(SUBTITLE, italic),
             Spacer(1, 6 * mm), table]
    doc.build(story)
    return out.getvalue()


def scan(pdf: bytes, index: int = 0, *, dpi: int = 300, angle: float = 0.3, seed: int = 7) -> bytes:
    """Page `index` of `pdf` as a greyscale PNG scan: rendered at `dpi`, blurred, noised, turned
    `angle` degrees (a flatbed scan is rarely quite straight)."""
    import numpy as np
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    from PIL import Image, ImageFilter

    document = pdfium.PdfDocument(pdf)
    try:
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    if angle:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    noise = np.random.default_rng(seed).normal(0, 12, pixels.shape)
    image = Image.fromarray(np.clip(pixels * 0.92 + 10 + noise, 0, 255).astype(np.uint8))
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def truth(rows: list[list[str]] | None = None) -> list[list[str]]:
    """The table as printed: header then data rows, each cell on one line."""
    return [COLUMNS, *[[" ".join(c.split()) for c in row] for row in (ROWS if rows is None else rows)]]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = table_pdf()
    (out / "table.pdf").write_bytes(text)
    (out / "table-scan.png").write_bytes(scan(text))
    long = table_pdf(rows_for(2))
    (out / "table-2pages.pdf").write_bytes(long)
    (out / "table-2pages-noheader.pdf").write_bytes(table_pdf(rows_for(2), repeat_header=False))
    landscape = table_pdf(landscape=True)
    (out / "table-landscape.pdf").write_bytes(landscape)
    (out / "table-landscape-scan.png").write_bytes(scan(landscape))
    for i in range(2):
        (out / f"table-2pages-scan-p{i + 1}.png").write_bytes(scan(long, i))


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "table-material"))
