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

from khparse.batch import driver
from khparse.batch.convert import Outcome
from khparse.batch.inputs import Input
from khparse.batch.progress import ERASE, REFRESH, Progress
from khparse.batch.records import Record, to_line

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
    assert out.getvalue() == ERASE + "0/10 (0%) 0:00 0.0/s ETA ?  archive/plan-000.txt"
    clock.now += 4.0
    bar.done(resumed=False, next_name="archive/plan-001.txt")
    bar.done(resumed=False, next_name="archive/plan-002.txt")
    # 2 converted in 4 s: 0.5/s, 8 left: 16 s.
    assert bar.line() == "2/10 (20%) 0:04 0.5/s ETA 0:16  archive/plan-002.txt"


def test_tick_redraws_the_clock_only_when_the_line_is_old() -> None:
    clock, out = Clock(), io.StringIO()
    bar = Progress(out, 10, clock=clock, width=lambda: 80)
    bar.start("a")
    clock.now += REFRESH / 2
    bar.tick()
    assert out.getvalue().count(ERASE) == 1  # too soon: nothing written
    clock.now += 70.0
    bar.tick()
    assert out.getvalue().endswith(ERASE + "0/10 (0%) 1:10 0.0/s ETA ?  a")


class SlowPool:
    """A pool of one worker whose document takes `polls` waits of half a second on a fake clock."""

    def __init__(self, clock: Clock, polls: int) -> None:
        self.clock, self.polls, self.task = clock, polls, None
        self.waits = 0

    def free(self) -> int:
        return 0 if self.task is not None else 1

    def submit(self, index: int, name: str, data: bytes) -> None:
        self.task, self.waits = index, 0

    def poll(self, wait_seconds: float) -> list[tuple[int, Outcome]]:
        self.clock.now += wait_seconds
        self.waits += 1
        if self.task is None or self.waits < self.polls:
            return []
        index, self.task = self.task, None
        return [(index, Outcome(json.dumps({"name": "x", "warnings": []}), None, 3.0))]

    def close(self) -> None:
        pass


def test_the_line_moves_while_a_document_converts_and_never_splits_a_record(tmp_path: Path) -> None:
    """One document that takes 3 s: the line is redrawn on the batch loop's waits (elapsed 0:01,
    0:02 …) with no record arriving, and each record is still written whole on a row of its own."""
    for i in range(2):
        (tmp_path / f"p{i}.txt").write_bytes(b"x%d" % i)
    items = [Input(str(tmp_path / f"p{i}.txt"), str(tmp_path / f"p{i}.txt")) for i in range(2)]
    clock, out = Clock(), io.StringIO()
    bar = Progress(out, 2, clock=clock, width=lambda: 80)
    bar.start(items[0].name)

    def emit(record: Record, plan: str | None) -> None:
        bar.clear()
        out.write(to_line(record, plan=plan))

    def done(record: Record, resumed: bool) -> None:
        bar.done(resumed=resumed, next_name=items[1].name if bar.count == 0 else None)

    driver.run(items, SlowPool(clock, polls=6), emit, on_done=done, on_wait=bar.tick)
    raw = out.getvalue()
    before_first = raw[: raw.index("{")]
    assert "0/2 (0%) 0:01 " in before_first and "0/2 (0%) 0:02 " in before_first
    rows = [r for r in screen(raw) if r]
    assert [json.loads(r)["input"] for r in rows if r.startswith("{")] == [i.name for i in items]
    assert rows[-1].startswith("2/2 (100%) 0:06")


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
    bar = Progress(io.StringIO(), 5, width=lambda: 46)
    bar.start("/very/long/folder/name/that/goes/on/and/on/plan-004.txt")
    line = bar.line()
    assert len(line) <= 45 and line.endswith("plan-004.txt") and "…" in line
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
