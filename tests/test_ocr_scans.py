"""OCR: the scans (b), (c) and the PNG (d) give the fields of the clean text; the dependency check
and the timeout. OCRs five pages in all (about 20 s on one core); tesseract + vie come from
`make system-deps` in CI, so without them these tests skip rather than fail."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytesseract
import pytest
from click.testing import CliRunner

from khparse import load
from khparse.cli import main
from khparse.errors import ExitCode, MissingDependencyError
from khparse.model import TextSource
from khparse.pipeline import extract_source
from khparse.read import tesseract as ocr
from khparse.read.pages import read_pages
from khparse.repair.stage import repair_pages

from .pdf_samples import PAGE_PNG, SCAN, SCAN_ENG, TEXT_PDF, assert_same_fields, clean_fields, key_fields, truth

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr.tesseract_missing() is not None,
    reason="tesseract with the vie model is not installed (make system-deps)",
)


@needs_tesseract
def test_image_only_scan_is_ocred_in_parallel_and_gives_the_clean_fields() -> None:
    plan = extract_source(load.from_path(SCAN))  # pipeline defaults: one job
    assert_same_fields(key_fields(plan), clean_fields(SCAN))
    pages = read_pages(load.from_path(SCAN), jobs=2)
    for page in pages:
        assert page.source is TextSource.ocr
        assert page.reason and "no text layer" in page.reason
        assert page.ocr_confidence is not None and page.ocr_confidence > 80
    # Pages come back in page order whichever worker finishes first.
    assert [p.text.split("\n")[:2] for p in pages] == [t.split("\n")[:2] for t in truth(SCAN)]


@needs_tesseract
def test_english_ocr_layer_is_caught_and_replaced_by_ocr() -> None:
    plan = extract_source(load.from_path(SCAN_ENG))
    assert_same_fields(key_fields(plan), clean_fields(SCAN_ENG))
    for page in plan.source.pages:
        assert page.text_source is TextSource.ocr
        assert page.reason and "garbled" in page.reason


@needs_tesseract
def test_png_page_is_ocred_with_header_columns_apart() -> None:
    (page,) = read_pages(load.from_path(PAGE_PNG))
    assert page.source is TextSource.ocr
    assert page.text.split("\n")[:6] == truth(PAGE_PNG)[0].split("\n")[:6]


def test_missing_tesseract_is_reported_before_any_page_with_exit_code_4(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(MissingDependencyError, match="apt-get install tesseract-ocr tesseract-ocr-vie"):
        read_pages(load.from_path(SCAN))
    result = CliRunner().invoke(main, ["extract", str(SCAN)])
    assert result.exit_code == ExitCode.missing_dependency
    assert "tesseract-ocr-vie" in result.output
    # A good text layer needs no OCR, so no tesseract either.
    assert read_pages(load.from_path(TEXT_PDF))[0].source is TextSource.text_layer


def test_missing_vie_model_is_a_missing_dependency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda cmd: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "tesseract_languages", lambda cmd: ["eng", "osd"])
    with pytest.raises(MissingDependencyError, match=r"no .vie. language data.*tesseract-ocr-vie"):
        read_pages(load.from_path(PAGE_PNG))


def test_garbled_layer_is_repaired_when_tesseract_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    pages = repair_pages(read_pages(load.from_path(SCAN_ENG)))  # the repair stage repairs it
    assert all(p.source is TextSource.repaired for p in pages)
    assert all(p.reason and "OCR is impossible" in p.reason for p in pages)


def test_tesseract_timeout_is_wrapped_and_tesseract_stopped(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A tesseract that never finishes: the page fails with its own error after the timeout, and
    the program is not left running."""
    pidfile = tmp_path / "pid"
    hanging = tmp_path / "tesseract"
    hanging.write_text(f"#!/bin/sh\necho $$ > {pidfile}\nexec sleep 60\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(ocr, "tesseract_missing", lambda lang="vie": None)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(hanging))
    started = time.monotonic()
    with pytest.raises(ocr.OcrTimeoutError, match="page 1 did not finish within 1 s"):
        read_pages(load.from_path(PAGE_PNG), timeout=1)
    assert time.monotonic() - started < 10  # the timeout, OSD's own, no more
    stat = Path(f"/proc/{pidfile.read_text().strip()}/stat")
    assert not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"  # killed
    result = CliRunner().invoke(main, ["extract", str(PAGE_PNG), "--ocr-timeout", "1"])
    assert result.exit_code == ExitCode.input_unreadable
    assert "Traceback" not in result.output
