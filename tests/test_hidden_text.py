"""White letters on white paper are no text of the page (read/pdf_hidden.py); white letters on a dark
cell, on an image, and the faintest grey are."""

from __future__ import annotations

import io

import pytest

from khparse.read import pdf


def _page() -> bytes:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    image_module = pytest.importorskip("reportlab.lib.utils")
    from PIL import Image

    out = io.BytesIO()
    c = canvas_module.Canvas(out, pagesize=(595, 842))
    c.setFont("Helvetica", 13)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(72, 760, "Draft 12/KH-UBND")  # an earlier draft's number in white under the final one
    c.setFillColorRGB(0, 0, 0)
    c.drawString(72, 760, "Final 19/KH-UBND")
    c.setFillColorRGB(1, 1, 1)
    c.drawString(72, 730, "Hidden 88/KH-UBND paragraph")  # a white paragraph: a blank on the page
    c.setFillColorRGB(0.12, 0.25, 0.45)  # a table's header row shaded dark blue
    c.rect(70, 690, 300, 24, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1)
    c.drawString(76, 697, "Header cell")
    c.drawImage(image_module.ImageReader(Image.new("RGB", (60, 20), (90, 90, 90))), 70, 640, 300, 30)
    c.drawString(76, 650, "Banner words")  # white on an image
    c.setFillColorRGB(242 / 255, 242 / 255, 242 / 255)
    c.drawString(72, 600, "Faint grey")  # Word's "White, lighter 5%": the faintest grey, kept
    c.showPage()
    c.save()
    return out.getvalue()


def test_white_text_is_read_only_where_it_shows() -> None:
    words = [w.text for w in pdf.text_layers(_page(), "hidden.pdf")[0].words]
    assert "Final" in words and "19/KH-UBND" in words
    assert "Draft" not in words and "12/KH-UBND" not in words
    assert "Hidden" not in words and "88/KH-UBND" not in words and "paragraph" not in words
    assert "Header" in words and "cell" in words
    assert "Banner" in words and "words" in words
    assert "Faint" in words and "grey" in words
