"""PDF and image input without OCR: the text layer of (a), routing, and every hostile file."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from PIL import Image

from khparse import load
from khparse.cli import main
from khparse.errors import ExitCode, InputError
from khparse.model import TextSource
from khparse.pipeline import extract_source
from khparse.read.pages import read_pages

from .pdf_samples import PAGE_PNG, TEXT_PDF, clean_fields, key_fields, truth

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile"


def test_text_layer_reads_every_page_exactly_as_printed() -> None:
    pages = read_pages(load.from_path(TEXT_PDF), ocr="never")
    assert [p.text for p in pages] == truth(TEXT_PDF)


def test_header_columns_are_read_column_by_column() -> None:
    first = read_pages(load.from_path(TEXT_PDF))[0].text.split("\n")
    assert first[:6] == ["ỦY BAN NHÂN DÂN", "XÃ THƯỜNG XUÂN", "Số: /KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Thường Xuân, ngày tháng 9 năm 2025"]


def test_good_text_layer_is_used_and_says_why() -> None:
    pages = read_pages(load.from_path(TEXT_PDF))  # auto: no OCR needed, so no tesseract needed
    assert all(p.source is TextSource.text_layer for p in pages)
    assert all(p.quality is not None and p.quality > 0.95 for p in pages)
    assert all(p.reason and "good Vietnamese text layer" in p.reason for p in pages)


def test_fields_from_text_layer_match_clean_text() -> None:
    plan = extract_source(load.from_path(TEXT_PDF))
    assert key_fields(plan) == clean_fields(TEXT_PDF)
    assert plan.source.pages[0].text_source is TextSource.text_layer


def _zero_page_pdf() -> bytes:
    out = io.BytesIO()
    pdfium.PdfDocument.new().save(out)
    return out.getvalue()


def _tiff_missing_frame() -> bytes:
    out = io.BytesIO()
    frames = [Image.new("L", (64, 64), 255), Image.new("L", (64, 64), 0)]
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return out.getvalue()[: len(out.getvalue()) - 200]


HOSTILE_CASES = {
    "encrypted.pdf": (lambda: (HOSTILE / "encrypted.pdf").read_bytes(), "qpdf --decrypt"),
    "truncated.pdf": (lambda: TEXT_PDF.read_bytes()[:30000], "damaged or truncated"),
    "corrupt.pdf": (lambda: b"%PDF-1.4\ngarbage garbage\n%%EOF\n", "damaged or truncated"),
    "zero.pdf": (_zero_page_pdf, "no pages"),
    "text-named.pdf": (lambda: "Chỉ là văn bản, không phải PDF.\n".encode(), "named like a PDF"),
    "truncated.png": (lambda: PAGE_PNG.read_bytes()[:5000], "damaged or truncated"),
    "corrupt.jpg": (lambda: b"\xff\xd8\xff\xe0" + b"\x00" * 64, "not a readable image"),
    "truncated.tiff": (_tiff_missing_frame, "damaged or truncated"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_CASES))
def test_hostile_input_gets_input_error_and_exit_code_3(name: str, tmp_path: Path) -> None:
    make, message = HOSTILE_CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(InputError, match=message):
        read_pages(load.from_path(path), ocr="never")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == ExitCode.input_unreadable, result.output
    assert "Traceback" not in result.output


def test_owner_password_only_pdf_is_read() -> None:
    # Encrypted with an empty user password (restrictions only): readers open it, so do we.
    pages = read_pages(load.from_path(HOSTILE / "owner-password-only.pdf"), ocr="never")
    assert "Kế hoạch tuyên truyền" in pages[0].text


def test_image_only_pdf_with_ocr_never_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.save(str(path))
    with pytest.raises(InputError, match="--ocr never"):
        read_pages(load.from_path(path), ocr="never")
