"""Issue 11, part 3: resources always released and bounded. Decoder memory whatever a phrase's
length; decompression bombs (a PDF stream, a TIFF frame, a ZIP member) stopped by what is really
inflated; broken page trees and resolutions; a page limit; OCR workers and their temporary files
gone after a timeout or a signal. Each case asserts its exit code and message, time, peak memory,
and that no process or temporary file is left (hostile.khparse). Inputs come from tests/hostile.py."""

from __future__ import annotations

from pathlib import Path

from khparse.errors import ExitCode

from .hostile import MEMORY_LIMIT_MB, khparse, text_without_punctuation


def test_repair_memory_does_not_grow_with_a_phrase(tmp_path: Path) -> None:
    """100 KB without punctuation is one phrase: 8 GB of lattice before the decoder cut it in windows."""
    page = tmp_path / "table.txt"
    page.write_bytes(text_without_punctuation(100_000))
    result = khparse("repair", str(page), tmp=tmp_path / "tmp")
    assert result.returncode == ExitCode.ok, result.stderr
    assert len(result.stdout.splitlines()) == len(page.read_bytes().splitlines())  # every line repaired
    assert result.peak_mb < MEMORY_LIMIT_MB, result.peak_mb
