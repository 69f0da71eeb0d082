"""`khparse batch --scheduler`: the same batch on a Dask cluster (a LocalCluster with two worker
processes, and the README's recipe: `dask scheduler` and `dask worker` started from their command
lines). Skipped when the optional extra is not installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from khparse.errors import ExitCode

from .batch_inputs import HOSTILE_CODES, PARTIAL, write_clean, write_hostile
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

    from .test_batch_runner import collect, fake_convert

    items = []
    for i, data in enumerate([b"a", b"CRASH", b"b", b"c"]):
        (tmp_path / f"{i}.txt").write_bytes(data)
        items.append(Input(str(tmp_path / f"{i}.txt"), str(tmp_path / f"{i}.txt")))
    emitted: list[Record] = []
    pool = DaskPool(scheduler, timeout=120, fn=fake_convert)
    try:
        driver.run(items, pool, collect(emitted))
    finally:
        pool.close()
    assert [r.status.value for r in emitted] == ["ok", "failed", "ok", "ok"]
    assert emitted[1].error is not None and emitted[1].error.code.value == "internal_error"


def _records(path: Path) -> list[dict[str, object]]:
    """A run's records, without what differs between two runs of the same batch (its timings)."""
    return [{k: v for k, v in json.loads(line).items() if k != "seconds"}
            for line in path.read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def command_line_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The README's recipe: `dask scheduler` and `dask worker ADDRESS --nworkers 2 --nthreads 1`, each
    started from its own command line (from this venv, where khparse is installed: both need it)."""
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask command is not installed")
    folder = tmp_path_factory.mktemp("cluster")
    address_file = folder / "scheduler.json"
    started = []
    try:
        started.append(subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", "0",
                                         "--no-dashboard", "--scheduler-file", str(address_file)],
                                        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client = distributed.Client(scheduler_file=str(address_file), timeout=60)
        address = client.scheduler.address
        started.append(subprocess.Popen([str(dask), "worker", address, "--nworkers", "2", "--nthreads", "1",
                                         "--no-dashboard", "--local-directory", str(folder)],
                                        cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client.wait_for_workers(2, timeout=120)
        client.close()
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_the_readme_recipe_gives_the_records_of_a_local_run(tmp_path: Path, command_line_cluster: str) -> None:
    write_clean(tmp_path / "in" / "a", 3)
    write_hostile(tmp_path / "in" / "b")
    shutil.copy(PARTIAL, tmp_path / "in" / "partial.txt")  # repaired (garbled text): the language data travel
    runs = {}
    for name, extra in (("local", ["--jobs", "2"]), ("dask", ["--scheduler", command_line_cluster])):
        result = subprocess.run([sys.executable, "-m", "khparse.batch", str(tmp_path / "in"), "-o",
                                 str(tmp_path / name), "--ocr", "never", *extra],
                                capture_output=True, cwd=ROOT, timeout=300, check=False)
        assert result.returncode == ExitCode.batch_partial, result.stderr
        runs[name] = _records(tmp_path / name / "manifest.jsonl")
        runs[name + " plans"] = sorted((p.relative_to(tmp_path / name).as_posix(), p.read_bytes())
                                       for p in (tmp_path / name).rglob("*.json"))
    assert runs["dask"] == runs["local"] and runs["dask plans"] == runs["local plans"]
    assert len(runs["local"]) == 3 + len(HOSTILE_CODES) + 1
    assert {r["options"]["ocr"] for r in runs["dask"]} == {"never"}  # the options travelled


HIDE_KHPARSE = """
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name == "khparse" or name.startswith("khparse."):
            raise ImportError("khparse is not installed here")
sys.meta_path.insert(0, Hide())
from distributed.cli.dask_scheduler import main
sys.argv = ["dask-scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", sys.argv[1]]
main()
"""


def test_a_scheduler_without_khparse_is_named_before_the_first_document(tmp_path: Path) -> None:
    """Without khparse the scheduler cannot unpickle a task: every input would fail with "Error during
    deserialization of the task graph". It is found on connecting instead: exit 4, the install command."""
    address_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen([sys.executable, "-c", HIDE_KHPARSE, str(address_file)], cwd=tmp_path,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = distributed.Client(scheduler_file=str(address_file), timeout=60)
        address = client.scheduler.address
        client.close()
        write_clean(tmp_path / "in", 1)
        result = subprocess.run([sys.executable, "-m", "khparse.batch", str(tmp_path / "in"), "--scheduler", address],
                                capture_output=True, cwd=ROOT, timeout=120, check=False)
    finally:
        scheduler.terminate()
        scheduler.wait(30)
    assert result.returncode == ExitCode.missing_dependency and result.stdout == b""
    message = result.stderr.decode()
    assert "the scheduler has no khparse" in message and "pip install 'dist/khparse-" in message, message


def test_a_worker_with_another_khparse_is_named() -> None:
    from khparse import __version__
    from khparse.batch.dask_runner import check_versions
    from khparse.errors import MissingDependencyError

    class Client:
        def run_on_scheduler(self, fn: object, name: str) -> str:
            return __version__

        def run(self, fn: object, name: str, on_error: str) -> dict[str, object]:
            return {"tcp://10.0.0.7:4000": "0.0.1", "tcp://10.0.0.8:4000": __version__}

    with pytest.raises(MissingDependencyError, match=r"the worker tcp://10\.0\.0\.7:4000 has khparse 0\.0\.1"):
        check_versions(Client())
