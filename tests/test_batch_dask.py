"""`khparse batch --scheduler`: the same batch on a Dask cluster (a LocalCluster with two worker
processes, started here). Skipped when the optional extra is not installed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from khparse.errors import ExitCode

from .batch_inputs import HOSTILE_CODES, write_clean, write_hostile
from .conftest import ROOT

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  worker_dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_batch_on_a_dask_cluster_keeps_order_and_failures(tmp_path: Path, scheduler: str) -> None:
    write_clean(tmp_path / "in" / "a", 5)
    write_hostile(tmp_path / "in" / "b")
    result = subprocess.run([sys.executable, "-m", "khparse.batch", str(tmp_path / "in"), "--scheduler", scheduler,
                             "-o", str(tmp_path / "out")], capture_output=True, cwd=ROOT, timeout=180, check=False)
    assert result.returncode == ExitCode.batch_partial, result.stderr
    manifest = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text("utf-8").splitlines()]
    names = [Path(r["input"]).name for r in manifest]
    assert names == [f"plan-00{i}{'.md' if i == 0 else '.txt'}" for i in range(5)] + sorted(HOSTILE_CODES)
    for r in manifest:
        if r["status"] == "failed":
            assert r["error"]["code"] == HOSTILE_CODES[Path(r["input"]).name]
        else:
            assert r["status"] == "ok" and (tmp_path / "out" / r["output"]).is_file()


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    write_clean(tmp_path, 1)
    result = subprocess.run([sys.executable, "-m", "khparse.batch", str(tmp_path), "--scheduler",
                             "tcp://127.0.0.1:9"], capture_output=True, cwd=ROOT, timeout=120, check=False)
    assert result.returncode == ExitCode.usage
    assert b"no Dask scheduler answers" in result.stderr and b"Traceback" not in result.stderr


def test_a_worker_dying_on_the_cluster_fails_one_record(tmp_path: Path, scheduler: str) -> None:
    from khparse.batch import driver
    from khparse.batch.dask_runner import DaskPool
    from khparse.batch.inputs import Input
    from khparse.batch.records import Record

    from .test_batch_runner import fake_convert

    items = []
    for i, data in enumerate([b"a", b"CRASH", b"b", b"c"]):
        (tmp_path / f"{i}.txt").write_bytes(data)
        items.append(Input(str(tmp_path / f"{i}.txt"), str(tmp_path / f"{i}.txt")))
    emitted: list[Record] = []
    pool = DaskPool(scheduler, timeout=120, fn=fake_convert)
    try:
        driver.run(items, pool, emitted.append)
    finally:
        pool.close()
    assert [r.status.value for r in emitted] == ["ok", "failed", "ok", "ok"]
    assert emitted[1].error is not None and emitted[1].error.code.value == "internal_error"
