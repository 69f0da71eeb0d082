"""Round seals printed grey or black (read/seals.py): an archive scan keeps the seal over the signer's
office, and tesseract lost the whole signature block under it; a grey one goes by its grey, a black
one by its shape."""

from __future__ import annotations

from functools import cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from khparse.read import seals
from khparse.read.engine import Recorded
from khparse.read.prepare import prepare

from .pdf_samples import PAGE_PNG

DPI = 200
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"


@cache
def _signature_block() -> np.ndarray:
    """A 200 dpi page: a signer's office in black print, with the seal's place over its left part."""
    page = Image.new("L", (1654, 1200), 238)
    draw = ImageDraw.Draw(page)
    face = ImageFont.truetype(FONT, 36)
    draw.text((820, 300), "KT. HIỆU TRƯỞNG", fill=35, font=face)
    draw.text((800, 360), "PHÓ HIỆU TRƯỞNG", fill=35, font=face)
    draw.text((760, 640), "Nguyễn Thị Bích Thủy", fill=35, font=face)
    return np.asarray(page)


def _seal() -> np.ndarray:
    """Where the seal has ink: a 36 mm double ring, ring text and a star."""
    layer = Image.new("L", (1654, 1200), 0)
    draw = ImageDraw.Draw(layer)
    cx, cy, r = 860, 380, 142  # 36 mm across at 200 dpi
    for radius, width in ((r, 6), (r - 12, 2), (round(r * 0.62), 3)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=255, width=width)
    face = ImageFont.truetype(FONT, 22)
    for k, letter in enumerate("TRƯỜNG CHÍNH TRỊ TỈNH"):
        angle = np.pi * (1.1 + 0.8 * k / 20)
        draw.text((cx + 0.8 * r * np.cos(angle) - 8, cy + 0.8 * r * np.sin(angle) - 12), letter, fill=255, font=face)
    star = [(cx + (40 if k % 2 == 0 else 16) * np.cos(np.pi / 2 + k * np.pi / 5),
             cy - (40 if k % 2 == 0 else 16) * np.sin(np.pi / 2 + k * np.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=255)
    return np.asarray(layer) > 127


def _sealed(ink: int) -> tuple[np.ndarray, np.ndarray]:
    """The signature block with the seal's ink (`ink` on white paper) multiplied over it."""
    page = _signature_block().astype(float)
    on = _seal()
    sealed = page.copy()
    sealed[on] = page[on] * ink / 255
    return sealed.astype(np.uint8), on


def test_a_grey_seal_is_found_and_taken_off_and_the_print_under_it_stays() -> None:
    sealed, on = _sealed(ink=130)  # a red seal scanned in grey
    found = seals.find(sealed, DPI)
    assert len(found) == 1 and abs(found[0].x - 860) < 6 and abs(found[0].radius - 142) < 8
    cleaned, count = seals.drop(sealed, DPI)
    print_ = _signature_block() < 100
    assert count == 1
    assert (cleaned[on & ~print_] > 200).mean() > 0.97  # ring, ring text and star gone
    assert (cleaned[print_] < 100).mean() > 0.97  # the office under the seal kept


def test_a_black_seal_is_taken_off_by_its_shape_and_most_print_under_it_stays() -> None:
    # A bi-level scan: the seal as black as the print under it. Its rings, lettering and star go; print
    # crossing the rings stays, print wholly within the lettering's band or under the star does not.
    sealed, on = _sealed(ink=0)
    assert len(seals.find(sealed, DPI)) == 1
    cleaned, count = seals.drop(sealed, DPI)
    print_ = _signature_block() < 100
    assert count == 1
    assert (cleaned[on & ~print_] > 200).mean() > 0.97
    assert (cleaned[print_] < 100).mean() > 0.8
    name = print_.copy()
    name[:600] = False  # the signer's name, below the seal, untouched
    assert (cleaned[name] < 100).all()


def test_no_seal_is_found_on_pages_of_print() -> None:
    page = np.asarray(Image.open(PAGE_PNG).convert("L"))
    assert seals.find(page, 200) == []
    assert seals.find(_signature_block(), DPI) == []


def test_the_seal_is_recorded_in_the_preparation() -> None:
    sealed, _ = _sealed(ink=130)
    prepared = prepare(Image.fromarray(sealed), DPI, engine=Recorded(), timeout=10)
    assert "seal" in prepared.preparation.cleaned
    assert "seal removed" in prepared.preparation.note()


def test_a_thin_grey_ring_turned_by_the_deskew_is_found() -> None:
    # blind36's 2014 laser print: a grey seal (its ink ~176 on paper 244) with rings a few pixels thin;
    # turned 0.7° by the deskew and looked at at 75 dpi, its ring came apart and the seal stayed over
    # "KT. GIÁM ĐỐC" ("/4Y k c TIỀN ĐỐC").
    from khparse.read import orient

    layer = Image.new("L", (1654, 1200), 0)
    draw = ImageDraw.Draw(layer)
    for radius, width in ((142, 2), (128, 1)):  # rings two pixels and one pixel thin at 200 dpi
        draw.ellipse((860 - radius, 380 - radius, 860 + radius, 380 + radius), outline=255, width=width)
    page = _signature_block().astype(float)
    on = np.asarray(layer) > 127
    page[on] = page[on] * 150 / 255
    turned = orient.rotate(page.astype(np.uint8), 0.7, fill=238)
    found = seals.find(turned, DPI)
    assert len(found) == 1 and abs(found[0].radius - 142) < 10
    assert seals.find(orient.rotate(_signature_block(), 0.7, fill=238), DPI) == []


def test_a_grey_ring_crossing_the_signer_s_title_and_signature_is_found() -> None:
    """blind40's 200 dpi grey scan: the seal's outer ring (r ≈ 137 px) crosses "KT. GIÁM ĐỐC" and the
    signature; the Hough transform alone fitted a circle to the lettering, 9 px off, and lost the seal."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from .conftest import ROOT

    path = next((ROOT / "tests/fixtures/blind40").glob("so-noi-vu-da-nang-*-scan-xam-200dpi-*.pdf"))
    page = pdfium.PdfDocument(path)[3]
    image = next(o for o in page.get_objects() if o.type == 3).get_bitmap(render=False).to_pil().convert("L")
    found = seals.find(np.asarray(image), DPI)
    assert any(abs(s.x - 1012) < 12 and abs(s.y - 290) < 12 and abs(s.radius - 137) < 8 for s in found), found
