"""The local worker pool on its own: a worker that dies or hangs costs one failed record, never the
batch; workers are recycled after N documents. The work functions below stand in for `convert` and
are imported by the worker processes by name, hence module level."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from khparse.batch import driver
from khparse.batch.convert import Outcome
from khparse.batch.inputs import Input
from khparse.batch.records import Record
from khparse.batch.runner import LocalPool


def fake_convert(name: str, data: bytes) -> Outcome:
    """A plan naming the worker's pid; crash on CRASH, hang on SLOW, fail on BAD."""
    if data == b"CRASH":
        os._exit(3)
    if data == b"SLOW":
        time.sleep(60)
    if data == b"BAD":
        return Outcome(None, {"code": "not_a_plan", "message": "no plan", "stage": "fields", "page": None}, 0.0)
    return Outcome(json.dumps({"pid": os.getpid(), "name": name, "warnings": []}), None, 0.001)


def collect(emitted: list[Record]) -> Callable[[Record, str | None], None]:
    """An `emit` for driver.run keeping each record with its plan (the text emitted beside it) read back."""
    def emit(record: Record, plan: str | None) -> None:
        emitted.append(record.model_copy(update={"plan": json.loads(plan) if plan is not None else None}))

    return emit


def _run(tmp_path: Path, contents: list[bytes], **pool_options: Any) -> list[Record]:
    items = []
    for i, data in enumerate(contents):
        path = tmp_path / f"doc-{i:02d}.txt"
        path.write_bytes(data)
        items.append(Input(str(path), str(path)))
    emitted: list[Record] = []
    with LocalPool(fn=fake_convert, **pool_options) as pool:
        driver.run(items, pool, collect(emitted), window=8)
    return emitted


def test_a_crashing_worker_fails_one_record_and_is_replaced(tmp_path: Path) -> None:
    got = _run(tmp_path, [b"a", b"CRASH", b"b", b"CRASH", b"c", b"d"], jobs=2)
    assert [r.status.value for r in got] == ["ok", "failed", "ok", "failed", "ok", "ok"]
    assert [Path(r.input).name for r in got] == [f"doc-{i:02d}.txt" for i in range(6)]
    crash = got[1].error
    assert crash is not None and crash.code.value == "internal_error" and "exited with code 3" in crash.message


def test_a_hanging_document_times_out_and_the_batch_goes_on(tmp_path: Path) -> None:
    started = time.monotonic()
    got = _run(tmp_path, [b"a", b"SLOW", b"b", b"BAD", b"c"], jobs=2, timeout=1.0)
    assert time.monotonic() - started < 20
    assert [r.status.value for r in got] == ["ok", "failed", "ok", "failed", "ok"]
    assert got[1].error is not None and got[1].error.code.value == "timeout"
    assert got[3].error is not None and got[3].error.code.value == "not_a_plan"


def test_workers_are_recycled_after_max_tasks(tmp_path: Path) -> None:
    got = _run(tmp_path, [f"doc {i}".encode() for i in range(6)], jobs=1, max_tasks=2)
    pids = [r.plan["pid"] for r in got if r.plan]
    assert len(pids) == 6 and len(set(pids)) == 3  # a fresh process every two documents


def test_a_document_waiting_behind_a_crash_is_converted_once_by_the_next_worker(tmp_path: Path) -> None:
    # One worker: "b" (small) is queued behind CRASH before CRASH is answered; the crash fails CRASH
    # alone, and "b" goes to the replacement, converted once.
    got = _run(tmp_path, [b"a", b"CRASH", b"b", b"c"], jobs=1)
    assert [r.status.value for r in got] == ["ok", "failed", "ok", "ok"]
    assert got[1].error is not None and got[1].error.code.value == "internal_error"
    pids = [r.plan["pid"] for r in got if r.plan]
    assert pids[0] != pids[1] == pids[2]  # "b" and "c" by the replacement


def test_a_document_waiting_behind_a_timeout_is_converted_by_the_next_worker(tmp_path: Path) -> None:
    got = _run(tmp_path, [b"SLOW", b"a", b"b"], jobs=1, timeout=1.0)
    assert [r.status.value for r in got] == ["failed", "ok", "ok"]
    assert got[0].error is not None and got[0].error.code.value == "timeout"


class _Recorder:
    """Stands in for a worker's pipe: what the pool sends, in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, bytes]] = []
        self.closed = False

    def send(self, task: tuple[str, bytes]) -> None:
        self.sent.append(task)


def test_only_small_documents_wait_in_a_busy_worker(tmp_path: Path, monkeypatch: Any) -> None:
    from khparse.batch import runner

    with LocalPool(1, fn=fake_convert) as pool:
        slot = pool._slots[0]
        real = slot.conn
        slot.conn = _Recorder()  # type: ignore[assignment]
        try:
            assert pool.free() == 2
            pool.submit(0, "a", b"a")
            pool.submit(1, "big", b"x" * (runner.QUEUED_BYTES + 1))  # the worker is busy: kept here
            assert [name for name, _ in slot.conn.sent] == ["a"] and pool.free() == 0
            slot.tasks.popleft()  # "a" answered: the worker is idle
            pool._dispatch()
            assert [name for name, _ in slot.conn.sent] == ["a", "big"] and pool.free() == 1
            pool.submit(2, "small", b"s")  # small: queued behind "big"
            assert [name for name, _ in slot.conn.sent] == ["a", "big", "small"] and pool.free() == 0
            slot.tasks.clear()
        finally:
            slot.conn = real


def test_a_worker_due_for_retirement_takes_no_waiting_document(tmp_path: Path) -> None:
    got = _run(tmp_path, [f"doc {i}".encode() for i in range(5)], jobs=1, max_tasks=1)
    pids = [r.plan["pid"] for r in got if r.plan]
    assert len(set(pids)) == 5  # one document per process, none queued into a retiring one


def test_work_alongside_the_warm_up_has_ended_before_workers_fork() -> None:
    import threading

    others = threading.active_count() - 1  # threads an earlier test left: then no fork (runner._context)
    ran: list[bool] = []
    with LocalPool(1, fn=fake_convert, alongside=lambda: ran.append(threading.current_thread() is not
                                                                     threading.main_thread())) as pool:
        assert len(ran) == 1 and threading.active_count() == others + 1
        if not others:
            assert ran == [True]  # in a thread, while this process warmed up
            assert pool._ctx.get_start_method() == "fork"  # and no thread was left for the workers


def test_the_warm_up_runs_without_collections_and_collection_is_back_before_workers_fork() -> None:
    """Everything the warm-up loads lives on: a collection during it only costs time (~50 of them,
    ~10 ms of every batch's start). Afterwards the collector is on again, for the workers."""
    import subprocess
    import sys

    code = ("import gc\n"
            "import khparse.batch.command\n"  # as the batch command has, before its pool warms up
            "starts = []\n"
            "gc.callbacks.append(lambda phase, info: starts.append(phase) if phase == 'start' else None)\n"
            "import khparse.batch.warm\n"
            "print(len(starts), gc.isenabled(), gc.get_freeze_count() > 0)\n")
    got = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert got.stdout.split() == ["0", "True", "True"]
