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


def test_the_next_line_of_an_ocr_paragraph_is_not_read_into_the_line_above() -> None:
    # A 150 dpi fax scaled up: tesseract gave the words at the end of a line boxes reaching well into
    # the line below (619-734 px against 685-761); the two lines of one paragraph stay two lines.
    from khparse.read.layout import Word

    first = [Word(t, 470 + 110 * i, 619, 570 + 110 * i, 695 if i < 4 else 734, 95.0, (1, 4, 1, 1))
             for i, t in enumerate(["3.", "Phòng", "Công", "chức:", "Triển", "khai", "cập", "nhật", "cơ"])]
    second = [Word(t, 352 + 110 * i, 685, 452 + 110 * i, 761, 95.0, (1, 4, 1, 2))
              for i, t in enumerate(["sở", "dữ", "liệu", "cán", "bộ."])]
    assert page_lines(first + second, 2480) == ["3. Phòng Công chức: Triển khai cập nhật cơ", "sở dữ liệu cán bộ."]
    # Lines of two blocks side by side (the header's columns) are still one row, read column by column.
    left = [Word("ỦY", 200, 100, 260, 150, 95.0, (1, 1, 1, 1)), Word("BAN", 270, 100, 350, 150, 95.0, (1, 1, 1, 1))]
    right = [Word("CỘNG", 1200, 105, 1320, 160, 95.0, (1, 2, 1, 1)),
             Word("HÒA", 1330, 105, 1420, 160, 95.0, (1, 2, 1, 1))]
    assert page_lines(left + right, 2480) == ["ỦY BAN", "CỘNG HÒA"]


def test_lines_under_the_tail_after_a_gap_are_read_after_the_signature() -> None:
    # blind37: a browser's print of a portal page; the links under the plan ("Tệp đính kèm: …", "TIN
    # LIÊN QUAN") were read into the recipients' column, before the signature, and no signer was found.
    from khparse.read.layout import Word

    def row(y: float, *cells: tuple[float, str]) -> list[Word]:
        return [Word(text, x, y, x + 8 * len(text), y + 12) for x, text in cells]

    words = [*row(100, (50, "Nơi nhận:"), (330, "TM. ỦY BAN NHÂN DÂN")),
             *row(116, (50, "- Lưu: VT."), (350, "CHỦ TỊCH")), *row(190, (360, "Trần Văn An")),
             *row(240, (50, "Tệp đính kèm: KH 09.pdf")), *row(256, (50, "TIN LIÊN QUAN"))]
    assert page_lines(words, 595) == ["Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Trần Văn An",
                                      "Tệp đính kèm: KH 09.pdf", "TIN LIÊN QUAN"]
