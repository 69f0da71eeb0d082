"""The batch progress line (batch/progress.py): count, rate, ETA from converted documents, the file
awaited; and, on a real pseudo-terminal shared by stdout and stderr, records that stay whole rows."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from khparse.batch.progress import ERASE, Progress

from .batch_inputs import write_clean
from .conftest import ROOT


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_counts_rates_and_names_the_file_awaited() -> None:
    clock, out = Clock(), io.StringIO()
    bar = Progress(out, 10, clock=clock, width=lambda: 80)
    bar.start("archive/plan-000.txt")
    assert out.getvalue() == ERASE + "0/10 (0%) 0.0/s ETA ?  archive/plan-000.txt"
    clock.now += 4.0
    bar.done(resumed=False, next_name="archive/plan-001.txt")
    bar.done(resumed=False, next_name="archive/plan-002.txt")
    # 2 converted in 4 s: 0.5/s, 8 left: 16 s.
    assert bar.line() == "2/10 (20%) 0.5/s ETA 0:16  archive/plan-002.txt"


def test_resumed_records_do_not_make_the_eta_hopeful() -> None:
    clock = Clock()
    bar = Progress(io.StringIO(), 100, clock=clock, width=lambda: 80)
    for _ in range(50):
        bar.done(resumed=True, next_name="x")
    clock.now += 10.0
    bar.done(resumed=False, next_name="y")
    # One conversion in 10 s and 49 left: 490 s, not the 10 s that counting the resumed 50 would give.
    assert "ETA 8:10" in bar.line()
    bar.count = 100
    assert bar.line().endswith("ETA 0:00")  # nothing left: no file name


def test_the_line_fits_one_row_and_keeps_the_end_of_a_long_name() -> None:
    bar = Progress(io.StringIO(), 5, width=lambda: 40)
    bar.start("/very/long/folder/name/that/goes/on/and/on/plan-004.txt")
    line = bar.line()
    assert len(line) <= 39 and line.endswith("plan-004.txt") and "…" in line
    bar.start("a\nb\x1b[2Jc")  # a file name holding a newline or an escape sequence
    assert "\n" not in bar.line() and "\x1b" not in bar.line()


def test_clear_erases_only_a_line_that_is_shown() -> None:
    out = io.StringIO()
    bar = Progress(out, 2, width=lambda: 80)
    bar.clear()
    assert out.getvalue() == ""
    bar.start("a")
    bar.clear()
    assert out.getvalue().endswith(ERASE)


def screen(raw: str) -> list[str]:
    """The rows a terminal shows after `raw`: enough of one for \\r, \\n and erase-to-end-of-line."""
    rows, row, col, i = [], [], 0, 0
    while i < len(raw):
        if raw.startswith("\x1b[K", i):
            del row[col:]
            i += 3
            continue
        c = raw[i]
        if c == "\r":
            col = 0
        elif c == "\n":
            rows.append("".join(row))
            row, col = [], 0
        else:
            row[col:col + 1] = [c]
            col += 1
        i += 1
    return [*rows, "".join(row)]


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_on_a_shared_terminal_records_are_whole_rows(tmp_path: Path) -> None:
    write_clean(tmp_path / "in", 4)
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "khparse.batch", str(tmp_path / "in"), "--jobs", "2"],
                            stdin=subprocess.DEVNULL, stdout=child, stderr=child, cwd=ROOT, close_fds=True)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the child side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(30) == 0
    raw = b"".join(chunks).decode("utf-8")
    assert "1/4 (25%)" in raw and "4/4 (100%)" in raw and ERASE in raw  # the line was drawn
    rows = [r for r in screen(raw) if r]
    records = [json.loads(r) for r in rows if r.startswith("{")]
    assert [Path(r["input"]).name for r in records] == [f"plan-00{i}{'.md' if i == 0 else '.txt'}" for i in range(4)]
    assert rows[-1].startswith("khparse batch: 4 inputs")  # the summary, on a clean row; the line erased
    assert len(rows) == 5
