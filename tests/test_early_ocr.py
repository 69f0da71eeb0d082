"""OCR started before preparation (read/early.py): kept only for the very page preparation gives,
stopped otherwise, and the reading is the same either way. The tesseract tests OCR four pages
(about 6 s on one core) and skip without tesseract + vie."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytesseract
import pytest
from PIL import Image

from khparse import load
from khparse.read import early, prepare
from khparse.read import tesseract as ocr
from khparse.read.engine import Recorded
from khparse.read.pages import read_pages

from .pdf_samples import PAGE_PNG

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr.tesseract_missing() is not None,
    reason="tesseract with the vie model is not installed (make system-deps)",
)


def _page(mode: str = "L", size: tuple[int, int] = (1654, 2339)) -> Image.Image:
    return Image.new(mode, size, 255)


def test_nothing_is_started_where_preparation_will_change_the_page() -> None:
    engine = ocr.Tesseract("/nonexistent/tesseract")
    assert early.start(_page("1"), 200, engine) is None  # bi-level pages are despeckled first
    assert early.start(_page("L", (600, 850)), None, engine) is None  # ~72 dpi: scaled up first
    assert early.start(_page(), 200, Recorded()) is None  # only tesseract is started early
    assert early.start(_page(), 200, engine) is None  # a program that does not start: read as before


def test_a_started_reading_fits_only_the_same_pixels_at_the_same_resolution() -> None:
    page = _page()
    started = ocr.StartedPage(page, 200, running=None)  # type: ignore[arg-type]  # never waited for
    assert early.fits(started, page.copy(), 200)
    assert not early.fits(started, page, 300)
    inked = page.copy()
    inked.putpixel((10, 10), 0)
    assert not early.fits(started, inked, 200)
    assert not early.fits(started, page.convert("RGB"), 200)


def _logging_tesseract(tmp_path: Path, *, ends: bool = False) -> tuple[Path, Path]:
    """A tesseract that logs each run's arguments as it starts ("start …") and, with `ends`, as it
    ends ("end …"), running the real one."""
    log = tmp_path / "runs.log"
    wrapper = tmp_path / "tesseract"
    real = shutil.which("tesseract")
    run = f'{real} "$@"\ncode=$?\necho "end $*" >> {log}\nexit $code\n' if ends else f'exec {real} "$@"\n'
    wrapper.write_text(f'#!/bin/sh\necho "start $*" >> {log}\n{run}')
    wrapper.chmod(0o755)
    return wrapper, log


def _page_runs(log: Path) -> list[str]:
    """The runs that read a page (not OSD, not the crops read again)."""
    return [line for line in log.read_text().splitlines() if line.startswith("start ") and "--psm 3" in line] \
        if log.exists() else []


@needs_tesseract
def test_a_clean_page_is_read_once_by_a_tesseract_started_before_preparing(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wrapper, log = _logging_tesseract(tmp_path)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(wrapper))
    real_prepare = prepare.prepare
    seen_running: list[bool] = []

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + 10
        while not _page_runs(log) and time.monotonic() < deadline:  # the page's OCR should be under way
            time.sleep(0.01)
        seen_running.append(bool(_page_runs(log)))
        return real_prepare(*args, **kwargs)

    monkeypatch.setattr(prepare, "prepare", watched)
    (page,) = read_pages(load.from_path(PAGE_PNG))
    assert seen_running == [True]
    assert len(_page_runs(log)) == 1  # the started reading was kept: the page was not read twice
    assert page.preparation is not None and not page.preparation.note()

    monkeypatch.setattr(early, "start", lambda image, dpi, engine: None)
    (unhurried,) = read_pages(load.from_path(PAGE_PNG))
    assert page.text == unhurried.text and page.ocr_confidence == unhurried.ocr_confidence


@needs_tesseract
def test_a_page_preparation_turns_is_read_again_and_the_first_reading_stopped(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wrapper, log = _logging_tesseract(tmp_path)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(wrapper))
    turned = tmp_path / "turned.png"
    with Image.open(PAGE_PNG) as image:
        image.rotate(180).save(turned, dpi=image.info.get("dpi", (200, 200)))
    (page,) = read_pages(load.from_path(turned))
    runs = _page_runs(log)
    assert len(runs) == 2  # the early reading of the page as it came, then the upright page
    assert page.preparation is not None and page.preparation.rotation == 180
    (upright,) = read_pages(load.from_path(PAGE_PNG))
    assert page.text.split("\n")[:6] == upright.text.split("\n")[:6]


@needs_tesseract
def test_a_table_page_is_read_around_its_table_while_its_cells_are_read(monkeypatch: pytest.MonkeyPatch,
                                                                          tmp_path: Path) -> None:
    from khparse.read import grid
    from tests import table_material as material

    # In this process's order (when a started tesseract ends depends on the machine's load).
    events: list[str] = []
    real_start, real_stack, real_result = ocr.start_page, grid._stack, ocr.StartedPage.result

    def start_page(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("page started")
        return real_start(*args, **kwargs)

    def stack(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("cells stacked")
        return real_stack(*args, **kwargs)

    def result(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("page waited for")
        return real_result(self, *args, **kwargs)

    monkeypatch.setattr(ocr, "start_page", start_page)
    monkeypatch.setattr(grid, "_stack", stack)
    monkeypatch.setattr(ocr.StartedPage, "result", result)
    page = tmp_path / "table.png"
    page.write_bytes(material.scan(material.table_pdf(), angle=0))
    (read,) = read_pages(load.from_path(page))
    # The page as it came (read/early.py), stopped once its table is found; then the page around the
    # table, started before its cells are stacked and read, and waited for only after them.
    assert events == ["page started", "page started", "cells stacked", "page waited for"]
    assert read.text.strip()


@needs_tesseract
def test_the_next_page_is_read_while_a_page_is_read_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wrapper, log = _logging_tesseract(tmp_path)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(wrapper))
    pages = tmp_path / "two.tiff"
    with Image.open(PAGE_PNG) as image:
        page = image.convert("L")
        page.save(pages, save_all=True, append_images=[page], dpi=image.info.get("dpi", (200, 200)))
    events: list[str] = []  # in this process's order, not the log's (a started shell logs when it runs)
    real_begin, real_reread = ocr.begin, prepare._reread

    def begin(job: ocr.PageJob) -> ocr.BegunPage:
        begun = real_begin(job)
        events.append(f"page {job.index + 1} started" if begun.started is not None else f"page {job.index + 1}")
        return begun

    def reread(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("re-read")
        return real_reread(*args, **kwargs)

    monkeypatch.setattr(ocr, "begin", begin)
    monkeypatch.setattr(prepare, "_reread", reread)
    first, second = read_pages(load.from_path(pages), jobs=1)
    # Page 2's tesseract was started before page 1's words were read again, not after them.
    assert events == ["page 1 started", "page 2 started", "re-read", "re-read"]
    assert len(_page_runs(log)) == 2  # and each page was read once

    monkeypatch.setattr(ocr, "_in_turn", lambda jobs_list: [ocr.run_job(job) for job in jobs_list])
    assert read_pages(load.from_path(pages), jobs=1) == (first, second)


# In a fresh interpreter: which libraries are loaded when a scanned PDF's first page goes to tesseract.
_FIRST_SPAWN = """
import json, os, sys
from khparse.read import children, tesseract_api

def spawn(*args):
    sys.stderr.write("\\nLOADED " + json.dumps(sorted(m for m in ("numpy", "cv2") if m in sys.modules)) + "\\n")
    sys.stderr.flush()
    os._exit(0)

children._spawn = spawn  # the command started
tesseract_api.Reading = spawn  # or the library's reading (read/tesseract_api.py)
from khparse.cli import main
main(["extract", "--jobs", "1", sys.argv[1]], standalone_mode=False)
"""


@needs_tesseract
def test_a_scanned_pdf_page_goes_to_tesseract_before_numpy_and_opencv_load() -> None:
    import json
    import subprocess
    import sys

    scan = Path(__file__).resolve().parent.parent / "samples" / "thuong-xuan-2025-scan.pdf"
    done = subprocess.run([sys.executable, "-c", _FIRST_SPAWN, str(scan)], capture_output=True, text=True,
                          check=True)
    # numpy and OpenCV (~0.1 s) load beside the page's OCR, for preparing the page (read/early.py).
    assert json.loads(done.stderr.rsplit("LOADED ", 1)[1]) == []
