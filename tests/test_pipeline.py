"""The recipe end to end: which pages get repaired, and what the user can turn off."""

from __future__ import annotations

import khparse
from khparse import load
from khparse.model import TextSource
from khparse.read.pages import read_pages
from khparse.repair.stage import repair_pages

from .conftest import SAMPLES


def test_garbled_text_is_repaired_and_the_original_kept() -> None:
    source = load.from_path(SAMPLES / "ben-tam-2025.txt")
    raw = read_pages(source)
    (page,) = repair_pages(raw)
    assert page.source is TextSource.repaired
    assert page.original == raw[0].text
    assert "garbled" in (page.reason or "")
    assert page.quality is not None and page.quality < 0.7
    assert "Tuyên truyền cải cách hành chính" in page.text


def test_clean_text_is_left_alone() -> None:
    source = load.from_path(SAMPLES / "thuong-xuan-2025.md")
    raw = read_pages(source)
    (page,) = repair_pages(raw)
    assert page.source is TextSource.plain_text
    assert page.text == raw[0].text and page.original is None
    assert page.quality is not None and page.quality > 0.95


def test_no_repair_parses_the_text_as_printed() -> None:
    plan = khparse.extract(SAMPLES / "ben-tam-2025.txt", repair=False)
    assert plan.source.pages[0].text_source is TextSource.plain_text
    assert plan.header.title is not None and plan.header.title.startswith("Tuyén truyén")
    repaired = khparse.extract(SAMPLES / "ben-tam-2025.txt")
    assert [s.numeral for s in repaired.sections] == [s.numeral for s in plan.sections] == ["I", "II", "III", "IV"]
    assert [c.number for c in repaired.legal_basis] == [c.number for c in plan.legal_basis]


def test_garbled_pdf_layer_goes_through_the_repair_stage() -> None:
    """A garbled text layer that is not OCRed (--ocr never) is repaired by the repair stage like
    any other text: the original kept, and left as printed with repair off."""
    path = SAMPLES / "thuong-xuan-2025-scan-eng.pdf"
    plan = khparse.extract(path, ocr="never")
    assert all(p.text_source is TextSource.repaired for p in plan.source.pages)
    assert plan.header.title == "Tuyên truyền Cải cách hành chính trên địa bàn xã năm 2025"
    raw = khparse.extract(path, ocr="never", repair=False)
    assert all(p.text_source is TextSource.text_layer for p in raw.source.pages)
    pages = repair_pages(read_pages(load.from_path(path), ocr="never"))
    assert all(p.original and p.original != p.text for p in pages)
