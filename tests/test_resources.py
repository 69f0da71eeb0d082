"""Issue 11, part 3: resources always released and bounded. Decoder memory whatever a phrase's
length; decompression bombs (a PDF stream, a TIFF frame, a ZIP member) stopped by what is really
inflated; broken page trees and resolutions; a page limit; OCR workers and their temporary files
gone after a timeout or a signal. Each case asserts its exit code and message, time, peak memory,
and that no process or temporary file is left (hostile.khparse). Inputs come from tests/hostile.py."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest

from khparse.errors import ExitCode, InputError

from .conftest import ROOT
from .hostile import (
    LIMIT,
    MEMORY_LIMIT_MB,
    Run,
    khparse,
    one_sentence,
    pdf_blank_pages,
    pdf_filter_bomb,
    pdf_filtered_page,
    pdf_page_tree_loop,
    pdf_stream_bomb,
    scan_pages,
    session_left,
    text_without_punctuation,
    tiff_infinite_resolution,
    tiff_second_frame_bomb,
    zip_member_lying_about_size,
)

# The fuzz test's budget: 300 inputs take about 12 s on one loaded core.
FUZZ_SECONDS = 120
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def test_repair_memory_does_not_grow_with_a_phrase(tmp_path: Path) -> None:
    """100 KB without punctuation is one phrase: 8 GB of lattice before the decoder cut it in windows."""
    page = tmp_path / "table.txt"
    page.write_bytes(text_without_punctuation(100_000))
    result = khparse("repair", str(page), tmp=tmp_path / "tmp")
    assert result.returncode == ExitCode.ok, result.stderr
    assert len(result.stdout.splitlines()) == len(page.read_bytes().splitlines())  # every line repaired
    assert result.peak_mb < MEMORY_LIMIT_MB, result.peak_mb


def _extract(tmp_path: Path, name: str, data: bytes, *args: str) -> Run:
    path = tmp_path / name
    path.write_bytes(data)
    result = khparse("extract", str(path), *args, tmp=tmp_path / "tmp")
    assert result.peak_mb < MEMORY_LIMIT_MB, result.peak_mb
    return result


def test_pdf_stream_inflating_to_a_gigabyte(tmp_path: Path) -> None:
    """1 MB of PDF whose content stream inflates to 1 GiB: 2.1 GB of memory before; 4 GiB, SIGABRT."""
    result = _extract(tmp_path, "bomb.pdf", pdf_stream_bomb(1024))
    one_sentence(result, ExitCode.input_unreadable, "would inflate to more than 256 MiB (a decompression bomb")


@pytest.mark.parametrize("chain", ["AHx Fl", "A85 Fl", "LZW", "RL"])
def test_pdf_bomb_behind_a_filter_chain_not_starting_with_flate(tmp_path: Path, chain: str) -> None:
    """Hex digits or base-85 of a Flate bomb, an LZW or a run-length bomb: the guard once looked at
    Flate-first streams only, and pdfium decoded these whole."""
    result = _extract(tmp_path, "bomb.pdf", pdf_filter_bomb(chain))
    one_sentence(result, ExitCode.input_unreadable, "would inflate to more than 256 MiB (a decompression bomb")


@pytest.mark.parametrize("chain", ["Fl", "AHx Fl", "A85 Fl", "LZW", "A85 LZW", "RL", "RL Fl", "Fl RL", "DCT"])
def test_every_filter_chain_is_counted_as_pdfium_decodes_it(chain: str) -> None:
    """The guard's decoders give exactly the content pdfium reads (an image codec ends the chain:
    what goes into it is counted), and a normal page passes."""
    from khparse.read import pdf_streams

    content = b"BT /F1 10 Tf 20 800 Td " + b" ".join(b"(Dong %d) Tj 0 -12 Td" % i for i in range(900)) + b" ET"
    data = pdf_filtered_page(content, chain.replace("DCT", "AHx"))
    if chain == "DCT":
        data = data.replace(b"/ASCIIHexDecode", b"/ASCIIHexDecode /DCTDecode")
    start = data.index(b"stream\n") + 7
    head = data[:start]
    filters = pdf_streams._filters(head[head.rfind(b"obj") + 1 :], data, start)
    size = pdf_streams._decoded_size(data, start, data.index(b"\nendstream"), filters, 1, 2**30)
    assert size == len(content)
    pdf_streams.check_streams(data, "page.pdf")
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_raw  # type: ignore[import-untyped]

    if chain != "DCT":  # pdfium reads every text object the guard decoded
        assert pdfium_raw.FPDFPage_CountObjects(pdfium.PdfDocument(data)[0].raw) == 900


def test_pdf_filter_by_reference_or_with_escaped_names_is_counted() -> None:
    from khparse.read import pdf_streams

    bomb = pdf_filter_bomb("LZW")
    for disguised in (bomb.replace(b"/Filter /LZWDecode", b"/Filter /LZW#44ecode"),
                      bomb.replace(b"/Filter /LZWDecode", b"/Filter 9 0 R") + b"\n9 0 obj\n[/LZWDecode]\nendobj\n"):
        with pytest.raises(InputError, match="decompression bomb"):
            pdf_streams.check_streams(disguised, "x.pdf")


def test_text_over_the_text_limit_is_refused_unread(tmp_path: Path) -> None:
    """A 250 MiB text file once needed gigabytes (15 MB per MiB parsed, 150 MB per MiB repaired;
    benchmarks/bench_text_memory.py measures it): a file of plain text over --max-text-size (4 MiB)
    is refused from its first bytes, in extract, repair and batch; the option raises the limit."""
    big = tmp_path / "in" / "huge.txt"
    big.parent.mkdir()
    with big.open("wb") as f:  # text over the 64 KiB that tell its kind, a hole after: 250 MiB for free
        f.write((ROOT / "samples" / "ben-tam-2025.txt").read_bytes() * 6)
        f.truncate(250 * 2**20)
    for command in ("extract", "repair"):
        result = khparse(command, str(big), tmp=tmp_path / "tmp")
        one_sentence(result, ExitCode.input_unreadable, "250 MiB of text, more than the 4 MiB limit for the text")
        assert "--max-text-size 500M" in result.stderr.decode() and result.peak_mb < 100, result.peak_mb
    with big.open("rb") as stdin:  # stdin: read up to the text limit, not the 256 MiB input limit
        result = khparse("extract", "-", stdin=stdin, tmp=tmp_path / "tmp")
    one_sentence(result, ExitCode.input_unreadable, "stdin: more than the 4 MiB limit for the text of one plan")
    assert result.peak_mb < 100, result.peak_mb
    (tmp_path / "in" / "plan.md").write_bytes((ROOT / "samples" / "thuong-xuan-2025.md").read_bytes())
    batch = khparse("batch", str(tmp_path / "in"), "-q", tmp=tmp_path / "tmp")
    huge, plan = map(json.loads, batch.stdout.splitlines())
    assert batch.returncode == ExitCode.batch_partial and batch.peak_mb < MEMORY_LIMIT_MB
    assert huge["error"]["code"] == "input_unreadable" and "--max-text-size" in huge["error"]["message"]
    assert plan["status"] == "ok"
    # Text read from another kind of file is held to the same limit, once read.
    sample = str(ROOT / "samples" / "thuong-xuan-2025.pdf")
    one_sentence(khparse("extract", sample, "--max-text-size", "1K", tmp=tmp_path / "tmp"),
                 ExitCode.input_unreadable, "more than the 1,024 bytes limit for the text of one plan")
    assert khparse("extract", sample, "--max-text-size", "1M", tmp=tmp_path / "tmp").returncode == ExitCode.ok


def test_pdf_page_tree_that_loops(tmp_path: Path) -> None:
    result = _extract(tmp_path, "loop.pdf", pdf_page_tree_loop())
    one_sentence(result, ExitCode.input_unreadable, "the PDF's page tree is damaged")


def test_tiff_whose_second_frame_is_a_bomb(tmp_path: Path) -> None:
    result = _extract(tmp_path, "pages.tif", tiff_second_frame_bomb())
    one_sentence(result, ExitCode.input_unreadable, "page 2 of the image is too large to decode")


@needs_tesseract
def test_tiff_whose_resolution_is_infinite(tmp_path: Path) -> None:
    """OCRed as a page of unknown resolution (it is blank, hence no text), not an internal error."""
    result = _extract(tmp_path, "inf.tif", tiff_infinite_resolution())
    one_sentence(result, ExitCode.input_unreadable, "no page has any text")


def test_page_limit_and_its_option(tmp_path: Path) -> None:
    """2,000 blank pages were OCRed for ten minutes; now refused before the first page is read."""
    result = _extract(tmp_path, "register.pdf", pdf_blank_pages(2000))
    one_sentence(result, ExitCode.input_unreadable, "2,000 pages, more than the 300-page limit")
    assert result.seconds < 5
    three = pdf_blank_pages(3)
    one_sentence(_extract(tmp_path, "three.pdf", three, "--max-pages", "2"), ExitCode.input_unreadable,
                 "raise the limit with --max-pages (e.g. --max-pages 3)")
    raised = _extract(tmp_path, "three.pdf", three, "--max-pages", "3", "--ocr", "never")
    one_sentence(raised, ExitCode.input_unreadable, "no page has any text")  # read: blank, but read
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "three.pdf").write_bytes(three)
    batch = khparse("batch", str(tmp_path / "in"), "--max-pages", "2", "-q", tmp=tmp_path / "tmp")
    (record,) = [json.loads(line) for line in batch.stdout.splitlines()]
    assert record["error"]["code"] == "input_unreadable" and "--max-pages" in record["error"]["message"]


def test_zip_members_bounded_by_what_they_inflate_to(tmp_path: Path) -> None:
    """A member declaring 1 KiB that inflates to 1 GiB took the batch to 2.1 GB; one declaring its
    true 300 MiB is over the input limit: both failed records, memory bounded, the batch goes on."""
    (tmp_path / "in").mkdir()
    zip_member_lying_about_size(tmp_path / "in" / "lying.zip", 1024, declared=1024)
    zip_member_lying_about_size(tmp_path / "in" / "honest.zip", 300, declared=300 * 2**20 // 9 * 9)
    with zipfile.ZipFile(tmp_path / "in" / "honest.zip", "a") as archive:
        archive.write(ROOT / "samples" / "thuong-xuan-2025.md", "plan.md")
    result = khparse("batch", str(tmp_path / "in"), "-q", tmp=tmp_path / "tmp")
    assert result.returncode == ExitCode.batch_partial and result.peak_mb < MEMORY_LIMIT_MB, result.peak_mb
    records = {r["input"].rsplit("/", 2)[-2]: r for r in map(json.loads, result.stdout.splitlines())
               if r["input"].endswith(".txt")}
    assert records["lying.zip"]["error"]["code"] == "input_unreadable"
    assert "cannot be read from the ZIP archive" in records["lying.zip"]["error"]["message"]
    assert "larger than the 256 MiB input limit" in records["honest.zip"]["error"]["message"]
    assert b'"status": "ok"' in result.stdout  # the plan beside them


@needs_tesseract
def test_ocr_timeout_with_workers_leaves_nothing(tmp_path: Path) -> None:
    """A page past --ocr-timeout fails the document; the other worker, every tesseract and every
    page image are gone (killed or timed-out pages left their images and TSV files, ~4 MB each)."""
    result = _extract(tmp_path, "scan.pdf", scan_pages(4), "--ocr", "always", "--jobs", "2", "--ocr-timeout", "1")
    one_sentence(result, ExitCode.input_unreadable, "did not finish within 1 s")


@needs_tesseract
def test_sigterm_during_ocr_stops_workers_and_leaves_nothing(tmp_path: Path) -> None:
    """SIGTERM to `extract --jobs 2` during OCR left its two workers and their tesseract running,
    and 6 files (7.6 MB) in the temporary folder."""
    (tmp_path / "scan.pdf").write_bytes(scan_pages(8))
    (tmp_path / "tmp").mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "khparse", "extract", str(tmp_path / "scan.pdf"), "--ocr",
                             "always", "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "TMPDIR": str(tmp_path / "tmp")}, start_new_session=True)
    try:
        deadline = time.monotonic() + LIMIT
        # Seen once is enough: asking again could fall between two pages, when no tesseract runs.
        started = False
        while not started and time.monotonic() < deadline and proc.poll() is None:
            started = _running_tesseract(proc.pid)
            time.sleep(0 if started else 0.05)
        assert started, "OCR never started"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=10)  # at once, not when the pages are done
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == ExitCode.interrupted
    assert err.decode().strip() == "khparse: error: interrupted (SIGTERM)"
    assert not session_left(proc.pid)
    assert not list((tmp_path / "tmp").iterdir())


def _leave_a_file_and_hang(name: str, data: bytes) -> Any:
    tempfile.mkstemp(prefix="page-")  # what a conversion killed half-way leaves (LibreOffice's folder)
    time.sleep(60)


def test_batch_worker_killed_at_its_timeout_leaves_no_temporary_file(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from khparse.batch.runner import LocalPool

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with LocalPool(1, timeout=1, fn=_leave_a_file_and_hang) as pool:
        pool.submit(0, "slow.pdf", b"")
        deadline = time.monotonic() + LIMIT
        results = []
        while not results and time.monotonic() < deadline:
            results = pool.poll(0.2)
        assert results and results[0][1].error is not None and results[0][1].error["code"] == "timeout"
        assert len(list(tmp_path.iterdir())) == 1  # the replacement worker's (empty) folder
    assert not list(tmp_path.iterdir())


def _running_tesseract(sid: int) -> bool:
    """The command running, or the library reading on a thread of its own (read/tesseract_api.py names it)."""
    for pid in session_left(sid, wait=0):
        for comm in Path(f"/proc/{pid}/task").glob("*/comm"):
            try:
                if "tesseract" in comm.read_text():
                    return True
            except OSError:
                continue  # gone meanwhile
    return False


def test_fuzzed_inputs_never_an_internal_error() -> None:
    """300 damaged copies of the samples (bytes flipped, cut, repeated, PDF structure broken):
    each is a plan or a KhparseError; run in a child, so a crash in a native library fails the
    test instead of the test run. (A page tree that loops was 16 of 3,000 such inputs.)"""
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-c", "from tests.hostile import fuzz; fuzz(300)"], cwd=ROOT,
                            capture_output=True, timeout=FUZZ_SECONDS, check=False)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    assert result.stdout.decode() == "", result.stdout.decode()  # one line per input that failed otherwise
    assert time.monotonic() - started < FUZZ_SECONDS
