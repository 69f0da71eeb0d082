"""A scan's text layer checked against the scan before it is trusted (read/layer_check.py): a draft's layer
under the signed scan, and a good layer kept."""

from __future__ import annotations

import shutil

import pytest

import khparse
from khparse.read import layer_check
from khparse.read.layout import Word

from .conftest import ROOT

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def test_figures_of_a_number_or_a_date_must_agree() -> None:
    assert layer_check.agrees("27/KH-UBND", "27/KH-UBND")
    assert not layer_check.agrees("12/KH-UBND", "27/KH-UBND")  # 80% alike, other figures
    assert layer_check.agrees("truyền", "truyên")  # a mark slipped in the crop's reading
    assert not layer_check.agrees("truyền", "hành")


def test_the_sample_takes_the_number_and_spreads_over_the_body() -> None:
    words = [Word("Số:", 60, 100, 80, 112), Word("27/KH-UBND", 85, 100, 150, 112),
             *(Word(f"chương{i}", 60, 200 + 10 * i, 120, 210 + 10 * i) for i in range(40))]
    chosen = layer_check.sample(words, 842)
    assert chosen[0].text == "27/KH-UBND" and len(chosen) == 1 + layer_check.SPREAD
    assert chosen[-1].top > 500  # spread to the page's end, not the first lines only


@needs_tesseract
def test_a_draft_s_layer_under_the_signed_scan_is_not_the_page_s() -> None:
    path = next((ROOT / "tests/fixtures/blind42").glob("ubnd-tinh-ca-mau-*-ban-du-thao.pdf"))
    plan = khparse.extract(path)
    assert plan.header.number == "27/KH-UBND"  # the layer says 12/KH-UBND
    assert "not the page's" in plan.source.pages[0].reason


@needs_tesseract
def test_a_good_layer_over_its_scan_is_kept() -> None:
    path = ROOT / "tests/fixtures/blind19/ubnd-phuong-binh-kien-dong-tuyen-truyen-cchc-2026-ocr-vie.pdf"
    plan = khparse.extract(path)
    assert all(page.text_source.value == "text_layer" and "checked against the scan" in page.reason
               for page in plan.source.pages)


class _Blind:
    """A crop reader that reads nothing (tesseract failing on every crop)."""

    def read_crops(self, crops: object, *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        return [() for _ in crops]  # type: ignore[attr-defined]


def test_crops_read_as_nothing_are_no_evidence_against_the_layer() -> None:
    from PIL import Image

    words = [Word("27/KH-UBND", 85, 100, 150, 112),
             *(Word(f"truyền{i}", 60, 200 + 10 * i, 120, 208 + 10 * i) for i in range(9))]
    same, what = layer_check.layer_is_the_page_s(words, 595, 842, Image.new("L", (1240, 1754), 255), _Blind(), 10.0)
    assert same and what == ""
