"""The batch loop: read inputs, hand them to a pool, emit one record per input in input order.

Order is kept by holding finished records until every earlier input has its record. The number of
inputs read but not yet emitted is capped (`window`), and so is the text of the plans held
(`window_bytes`), so one slow document cannot make the parent hold the whole archive in memory:
memory stays flat however long the batch. The window must still be wide enough for the other
workers to go on while one converts a slow document: a garbled text plan takes 15-25 times as long
as a clean one, and with a window of 16 the second of two workers stood idle for 50-150 ms, several
times a batch, waiting for a repair to finish.

A record is held with its plan's JSON text beside it (convert.Outcome), which is what is emitted:
`emit(record, plan)` writes that text into the record's line or the plan's file as it is.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from khparse.batch.convert import Outcome
from khparse.batch.inputs import Input
from khparse.batch.records import ErrorCode, Record, RecordError, Status, degraded_of, raw_name, status_of
from khparse.batch.resume import OutputDir
from khparse.errors import InputError
from khparse.load import MAX_INPUT_BYTES

# The plans' text held at most while their records wait for earlier ones: characters, at most two
# bytes each in memory for Vietnamese; the plans of samples/ and tests/fixtures have 2,000-40,000.
WINDOW_BYTES = 16 * 2**20


class Pool(Protocol):
    def free(self) -> int: ...
    def submit(self, index: int, name: str, data: bytes) -> None: ...
    def poll(self, wait_seconds: float) -> list[tuple[int, Outcome]]: ...
    def close(self) -> None: ...


@dataclass
class Summary:
    status: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    resumed: int = 0

    @property
    def failed(self) -> int:
        return self.status[Status.failed.value]

    def add(self, record: Record, *, resumed: bool) -> None:
        self.status[record.status.value] += 1
        if record.error is not None and record.status is Status.failed:
            self.codes[record.error.code.value] += 1
        self.resumed += resumed


def _error(code: str, message: str, stage: str, page: int | None) -> RecordError:
    known = code in ErrorCode.__members__
    return RecordError(code=ErrorCode(code) if known else ErrorCode.internal_error, message=message,
                       stage=stage, page=page)


def record_of(item: Input, sha256: str | None, outcome: Outcome, stamp: dict[str, Any] | None = None,
              limits: dict[str, Any] | None = None) -> Record:
    """The record of a converted input, without its plan (the outcome's text, emitted beside it). An
    input refused as unreadable also stores the `limits` it was refused under (--max-pages), so a
    resume with another limit converts it again (resume.py)."""
    seconds = round(outcome.seconds, 3)
    common: dict[str, Any] = {"input": item.name, "input_bytes": raw_name(item.raw or item.path), "sha256": sha256,
                              "seconds": seconds, **(stamp or {})}
    if outcome.plan is not None:
        return Record(status=status_of(outcome.warnings), degraded=degraded_of(outcome.warnings), **common)
    assert outcome.error is not None
    error = _error(**outcome.error)
    if limits and error.code is ErrorCode.input_unreadable:
        common["options"] = {**common.get("options", {}), **limits}
    return Record(status=Status.failed, error=error, **common)


def _unread(item: Input, code: str, message: str, stage: str, stamp: dict[str, Any] | None) -> Record:
    return Record(input=item.name, input_bytes=raw_name(item.raw or item.path), sha256=None, status=Status.failed,
                  error=_error(code, message, stage, None), **(stamp or {}))


def _not_run(item: Input, first: str) -> Record:
    return Record(input=item.name, input_bytes=raw_name(item.raw or item.path), sha256=None, status=Status.skipped,
                  error=RecordError(code=ErrorCode.not_run, stage="batch",
                                    message=f"not converted: --fail-fast stopped the batch at {first}"))


class _Finished(NamedTuple):
    record: Record
    plan: str | None  # the plan's JSON text
    resumed: bool  # taken from the manifest of an earlier run


def run(inputs: Sequence[Input], pool: Pool, emit: Callable[[Record, str | None], None], *,
        out: OutputDir | None = None, fail_fast: bool = False, window: int = 16, window_bytes: int = WINDOW_BYTES,
        stamp: dict[str, Any] | None = None, max_bytes: int = MAX_INPUT_BYTES,
        on_done: Callable[[Record, bool], None] | None = None, limits: dict[str, Any] | None = None,
        on_wait: Callable[[], None] | None = None, max_text: int | None = None) -> Summary:
    """Convert every input; call `emit(record, plan)` once per input, in input order, as soon as it
    can (`plan`: the JSON text of its plan, None without one; with `out`, the plan is in its file by
    then). `stamp` (khparse_version, data_version, options) goes into every new record; inputs over
    `max_bytes` fail unread, as do text files over `max_text`; `limits` ({"max_pages": N}) go into
    the records of inputs refused as unreadable.
    `on_done(record, resumed)` follows each `emit` (the progress line); `on_wait()` follows each wait
    for the pool, at least every half second while documents are converting (the progress line's
    clock). Both run in this thread, between records, so nothing they write can split a record."""
    summary = Summary()
    done: dict[int, _Finished] = {}  # finished, not yet emitted
    held = 0  # characters of plan text in `done`
    hashes: dict[int, str] = {}
    kept: list[Record] = []  # this run's records without plans, for the final manifest
    next_read = next_emit = 0

    def finish(record: Record, plan: str | None, resumed: bool, item: Input) -> None:
        if out is not None and resumed:
            out.append(record)  # stored earlier; logged again so this run's manifest is complete
        elif out is not None:
            record = out.write(record, item, plan)
            plan = plan if record.error is None else None  # its file could not be written: failed
        summary.add(record, resumed=resumed)
        emit(record, plan)
        if on_done is not None:
            on_done(record, resumed)
        if out is not None:
            kept.append(record)

    def can_read() -> bool:  # a worker is free and the window allows
        return (next_read < len(inputs) and next_read - next_emit < window and held < window_bytes
                and pool.free() > 0)

    while next_emit < len(inputs):
        while can_read():
            item, index = inputs[next_read], next_read
            next_read += 1
            try:
                data = item.read(max_bytes, max_text)
            except InputError as exc:
                done[index] = _Finished(_unread(item, "input_unreadable", exc.message, "load", stamp), None, False)
                continue
            except Exception as exc:  # a bug in reading: this input fails, the batch goes on
                done[index] = _Finished(_unread(item, "internal_error", f"{item.name}: {type(exc).__name__}: {exc}",
                                                "batch", stamp), None, False)
                continue
            sha = hashlib.sha256(data).hexdigest()
            stored = out.lookup(item, sha) if out is not None else None
            if stored is not None:
                done[index] = _Finished(stored, None, True)
            else:
                hashes[index] = sha
                pool.submit(index, item.name, data)
        # Emit everything that is next in order.
        stop = None
        while next_emit in done:
            record, plan, resumed = done.pop(next_emit)
            held -= len(plan or "")
            finish(record, plan, resumed, inputs[next_emit])
            next_emit += 1
            if fail_fast and record.status is Status.failed:
                stop = record.input
                break
        if stop is not None:
            for item in inputs[next_emit:]:
                finish(_not_run(item, stop), None, False, item)
            break
        if next_emit >= len(inputs):
            break
        for index, outcome in pool.poll(0.0 if can_read() else 0.5):
            record = record_of(inputs[index], hashes.pop(index), outcome, stamp, limits)
            done[index] = _Finished(record, outcome.plan, False)
            held += len(outcome.plan or "")
        if on_wait is not None:
            on_wait()
    if out is not None:
        out.finish(kept)
    return summary
