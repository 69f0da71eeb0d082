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
    repaired = khparse.extract(SAMPLES / "ben-tam-2025.truth.txt")
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


def _windows_1258(text: str) -> bytes:
    """Text as Word's "Vietnamese (Windows)" plain-text export writes it: the Windows-1258 code page,
    a tone the code page has no letter for following its vowel as a combining mark."""
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258"))
    return b"".join(out)


def test_a_windows_1258_text_file_reads_as_its_utf8_copy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from khparse.output import plan_dict

    text = (SAMPLES / "ben-tam-2025.truth.txt").read_text("utf-8")
    legacy = tmp_path / "ben-tam-2025-cp1258.txt"
    legacy.write_bytes(_windows_1258(text).replace(b"\n", b"\r\n"))
    with __import__("pytest").raises(UnicodeDecodeError):
        legacy.read_bytes().decode("utf-8")
    plan, utf8 = khparse.extract(legacy), khparse.extract(SAMPLES / "ben-tam-2025.truth.txt")
    assert "Windows-1258" in (plan.source.pages[0].reason or "")
    expected, got = plan_dict(utf8), plan_dict(plan)
    for d in (expected, got):
        d.pop("source")
    assert got == expected
