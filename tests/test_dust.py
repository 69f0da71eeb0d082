"""Toner dust (read/dust.py): isolated specks taken off a page that read badly, the better reading kept."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from khparse.read import dust
from khparse.read.engine import OcrPage, Recorded
from khparse.read.layout import Word
from khparse.read.prepare import recognise

PAPER = 230


def _page(specks: int, seed: int = 3) -> np.ndarray:
    """A 300 dpi A4 page of "letters" (strokes), each with a dot 4 px above it (a tone mark), and
    `specks` dust specks of 2-5 px scattered where there is no print."""
    page = Image.new("L", (2480, 3508), PAPER)
    draw = ImageDraw.Draw(page)
    for row in range(40):
        top = 300 + row * 70
        for x in range(300, 2100, 22):
            draw.rectangle((x, top, x + 4, top + 30), fill=30)
            draw.rectangle((x, top - 8, x + 3, top - 5), fill=30)  # the mark, 3 px above its letter
    pixels = np.array(page)
    rng = np.random.default_rng(seed)
    for k in range(specks):  # on a grid in the top margin, no two within a speck's reach of each other
        y, x = 60 + 30 * (k % 6), 60 + 20 * (k // 6) + int(rng.integers(0, 4))
        size = int(rng.integers(2, 6))
        pixels[y:y + size, x:x + size] = 40
    # a scanner's grey: no bi-level page (read/speckle.py has those)
    return np.clip(pixels.astype(int) + rng.integers(-6, 7, pixels.shape), 0, 255).astype(np.uint8)


def test_isolated_specks_go_and_marks_beside_letters_stay() -> None:
    page = _page(specks=600)
    cleared, found = dust.clear(page, 300)
    assert found == 600
    assert (cleared[50:260] < 128).sum() == 0  # the margin is clean
    assert ((cleared[260:] < 128) == (page[260:] < 128)).all()  # every letter and its mark kept
    # A clean scan's few small pieces: the page as it is, nothing counted.
    clean = _page(specks=20)
    same, none = dust.clear(clean, 300)
    assert none == 0 and same is clean


class _DustSensitive(Recorded):
    """Reads a page with specks in its margin at confidence 70, a clean one at 93."""

    def recognise(self, image: Image.Image, **kwargs: object) -> OcrPage:  # type: ignore[override]
        dusty = (np.asarray(image)[50:260] < 128).sum() > 100
        words = (Word("KẾ", 300, 300, 360, 330, 70.0 if dusty else 93.0, (1, 1, 1, 1)),)
        return OcrPage(words, image.width, 70.0 if dusty else 93.0, image.height)


def test_a_dusty_page_is_read_again_without_its_dust() -> None:
    page = Image.fromarray(_page(specks=600))
    result = recognise(page, 300, engine=_DustSensitive(), timeout=10.0, name="copy.pdf", page=1)
    assert result.confidence == 93.0
    assert result.preparation is not None and dust.DUST in result.preparation.cleaned
    assert "toner dust removed" in result.preparation.note()  # said as the seal's and the stamps' are
