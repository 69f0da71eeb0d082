"""A batch's records carry their plan as the JSON text the worker wrote (convert.Outcome): the line
and the plan file made from that text are those made from the plan's data; and finished records
wait for the ones before them within a window of records and of plan text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.batch import driver
from khparse.batch.convert import Outcome, convert
from khparse.batch.inputs import Input
from khparse.batch.records import Record, Status, to_line
from khparse.batch.resume import OutputDir

from .conftest import ROOT

# JSON data as a plan holds it: strings with quotes, escapes and Vietnamese, numbers, nesting.
json_data = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text("aăđệ\"\\/\n\t\u2028 {}:,", max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("abc\"é", max_size=4), inner, max_size=4),
    max_leaves=20)


def _record(name: str, **fields: Any) -> Record:
    return Record(input=name, sha256="0" * 64, status=Status.ok, seconds=0.25, khparse_version="0.1.0",
                  data_version="abc", options={"repair": True}, **fields)


@settings(max_examples=200, deadline=None)
@given(plan=st.dictionaries(st.text(max_size=6), json_data, max_size=5),
       name=st.text(min_size=1, max_size=20), degraded=st.lists(st.text(max_size=5), max_size=2))
def test_a_line_with_the_plan_text_is_the_line_of_the_plan_data(plan: dict[str, Any], name: str,
                                                                   degraded: list[str]) -> None:
    record = _record(name, degraded=degraded)
    text = json.dumps(plan, ensure_ascii=False)
    assert to_line(record, plan=text) == to_line(record.model_copy(update={"plan": plan}))
    assert to_line(record, plan=text, with_plan=False) == to_line(record, with_plan=False)


def test_a_converted_sample_gives_the_line_and_plan_file_of_its_plan_data(tmp_path: Path) -> None:
    path = ROOT / "samples" / "thuong-xuan-2025.md"
    outcome = convert(str(path), path.read_bytes())
    assert outcome.plan is not None and outcome.error is None
    plan = json.loads(outcome.plan)
    assert outcome.warnings == tuple(w["code"] for w in plan["warnings"])
    record = driver.record_of(Input(str(path), str(path)), "0" * 64, outcome)
    assert record.plan is None and record.status is Status.ok
    assert to_line(record, plan=outcome.plan) == to_line(record.model_copy(update={"plan": plan}))
    out = OutputDir(tmp_path / "out")
    item = Input(str(path), str(path), out="thuong-xuan-2025.md")
    written = out.write(record, item, outcome.plan)
    assert written.output == "thuong-xuan-2025.md.json"
    assert (tmp_path / "out" / written.output).read_text("utf-8") == json.dumps(plan, ensure_ascii=False) + "\n"


class HeadOfLinePool:
    """Two workers; every document finishes at once but the first, which finishes only when the
    driver waits because it may read nothing more. Counts what was read meanwhile."""

    def __init__(self, plan: str) -> None:
        self.plan, self.submitted = plan, 0
        self.pending: list[int] = []
        self.read_before_first: int | None = None

    def free(self) -> int:
        return max(0, 2 - len(self.pending))

    def submit(self, index: int, name: str, data: bytes) -> None:
        self.submitted += 1
        self.pending.append(index)

    def poll(self, wait_seconds: float) -> list[tuple[int, Outcome]]:
        done = [i for i in self.pending if i != 0 or (wait_seconds > 0 and self.pending == [0])]
        if 0 in done:
            self.read_before_first = self.submitted
        self.pending = [i for i in self.pending if i not in done]
        return [(i, Outcome(self.plan, None, 0.0)) for i in done]

    def close(self) -> None:
        pass


def _inputs(tmp_path: Path, n: int) -> list[Input]:
    items = []
    for i in range(n):
        path = tmp_path / f"doc-{i:02d}.txt"
        path.write_bytes(b"x")
        items.append(Input(str(path), str(path)))
    return items


def test_records_wait_for_a_slow_first_one_within_the_window_of_records_and_of_plan_text(tmp_path: Path) -> None:
    items = _inputs(tmp_path, 30)
    plan = json.dumps({"text": "x" * 1000})
    emitted: list[str] = []

    def emit(record: Record, text: str | None) -> None:
        emitted.append(record.input)
        assert text == plan

    # Plenty of records allowed, plan text for three: the fourth finished one stops the reading.
    pool = HeadOfLinePool(plan)
    driver.run(items, pool, emit, window=20, window_bytes=3 * len(plan) + 1)
    assert pool.read_before_first == 1 + 4 and emitted == [i.name for i in items]
    # Plan text aplenty, eight records: reading stops with eight inputs not emitted.
    pool, emitted = HeadOfLinePool(plan), []
    driver.run(items, pool, emit, window=8)
    assert pool.read_before_first == 8 and emitted == [i.name for i in items]
