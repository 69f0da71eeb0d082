"""A text-layer page whose signature title, in a larger font, stands beside two recipients' lines: each
recipient stays a line of its own (the taller words do not chain the two lines into one)."""

from __future__ import annotations

import io

from khparse.read.layout import page_lines
from khparse.read.pdf import text_layers


def _page() -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    pdfmetrics.registerFont(TTFont("Title", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=True)
    page.setFont("Body", 10)
    y = 600.0
    for text in ("- Sở Nội vụ (để báo cáo);", "- TT Huyện ủy (để báo cáo);", "- TT HĐND huyện;", "- Lưu: VT, NV."):
        page.drawString(60, y, text)
        y -= 14
    page.setFont("Title", 13)
    page.drawString(330, 600 - 14 * 1.6, "PHÓ CHỦ TỊCH")  # between the second and third lines
    page.save()
    return buffer.getvalue()


def test_a_taller_title_beside_two_lines_keeps_them_apart() -> None:
    (layer,) = text_layers(_page(), "tail.pdf")
    lines = [line.strip() for line in page_lines(layer.words, layer.width)]
    assert "- TT Huyện ủy (để báo cáo);" in " | ".join(lines)
    assert any(line.startswith("- TT HĐND huyện;") for line in lines)
    assert not any("TT TT" in line for line in lines)
