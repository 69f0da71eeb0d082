"""`--scheduler tcp://host:port`: the same batch on a Dask distributed cluster.

Documents travel to the workers as bytes inside the task, so the workers need no shared filesystem,
only khparse installed (same version) and, for scans, tesseract with its `vie` data. The scheduler
needs khparse too: it unpickles each task, whose function is khparse's (without it every input fails
with "Error during deserialization of the task graph"). Both are checked on connecting, before the
first document: a scheduler or worker without this khparse version is a missing dependency (exit 4)
naming the machine. Results come back to this process, which keeps input order, writes -o DIR and
the manifest exactly as a local run.

Dask is imported only here and only when --scheduler is given (`pip install 'dask[distributed]'`).
Isolation comes from Dask: a worker that dies has its task retried elsewhere and, after the
scheduler's allowed failures, reported here as internal_error. --timeout is counted from submission
(at most one task per worker thread is in flight, so a task starts when submitted); a timed-out task
is cancelled and reported, but a Python thread cannot be killed, so it runs on until it ends.
Recycle workers with Dask's own `--lifetime` / `--memory-limit` rather than --max-tasks-per-worker.

On a real cluster (README, "On a cluster"; tests/test_batch_dask.py runs this recipe):

    pip wheel --no-deps -w dist .                    # in the repository: dist/khparse-VERSION-py3-none-any.whl
    pip install 'dist/khparse-VERSION-py3-none-any.whl[dask]'   # on the scheduler and every worker
    dask scheduler                                   # on one machine, port 8786
    dask worker tcp://SCHEDULER:8786 --nworkers 2 --nthreads 1 --memory-limit 2GB   # on each machine
    khparse batch archive/ --scheduler tcp://SCHEDULER:8786 -o plans/
"""

from __future__ import annotations

import contextlib
import importlib
import pkgutil
import time
import uuid
from collections.abc import Callable
from typing import Any

from khparse.batch.convert import Outcome, convert, failure
from khparse.errors import ExitCode, KhparseError, MissingDependencyError


class SchedulerError(KhparseError):
    """The --scheduler address does not answer as a Dask scheduler."""

    exit_code = ExitCode.usage
    stage = "batch"


CONNECT_TIMEOUT = 10.0  # seconds to wait for the scheduler to answer


VERSION = "khparse:__version__"
INSTALL = ("build the wheel where khparse is (pip wheel --no-deps -w dist .) and install it there: "
           "pip install 'dist/khparse-{version}-py3-none-any.whl[dask]'")


def check_versions(client: Any) -> None:
    """The scheduler and every worker can import this khparse. Asked with a standard-library function
    (pickled by reference), since a function of khparse's could not even be unpickled where it is
    missing; pkgutil.resolve_name imports the package (installed metadata alone would not prove that)."""
    from khparse import __version__ as version

    where = {"the scheduler": _version_on(client.run_on_scheduler)}
    with contextlib.suppress(Exception):  # no worker yet: tasks wait for one, as Dask does
        answers = client.run(pkgutil.resolve_name, VERSION, on_error="return")
        where.update({f"the worker {w}": a if isinstance(a, str) else None for w, a in answers.items()})
    for machine, found in where.items():
        if found != version:
            has = f"khparse {found}" if found else "no khparse"
            raise MissingDependencyError(f"{machine} has {has}, this is khparse {version}; every Dask scheduler "
                                         f"and worker needs it: {INSTALL.format(version=version)}")


def _version_on(run: Callable[..., Any]) -> str | None:
    try:
        return str(run(pkgutil.resolve_name, VERSION))
    except Exception:  # ImportError, sent back by the scheduler
        return None


class DaskPool:
    def __init__(self, address: str, *, timeout: float | None = None,
                 fn: Callable[[str, bytes], Outcome] = convert) -> None:
        try:
            # Through importlib, typed Any: dask is optional, untyped, and absent from most installs.
            self._dask: Any = importlib.import_module("distributed")
        except ImportError:
            raise MissingDependencyError(
                "--scheduler needs Dask distributed. Install it with: pip install 'dask[distributed]'") from None
        try:
            self.client: Any = self._dask.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerError(f"{address}: no Dask scheduler answers there ({exc}).") from None
        try:
            check_versions(self.client)
        except BaseException:
            self.client.close()
            raise
        self.timeout, self.fn = timeout, fn
        # One task per worker thread in flight: enough to keep the cluster busy, and the timeout
        # (counted from submission) then measures the conversion, not time spent in a queue.
        self.slots: int = max(1, sum(self.client.nthreads().values()))
        self._run = uuid.uuid4().hex[:8]
        self._tasks: dict[Any, tuple[int, float]] = {}  # future -> (input index, submitted at)

    def free(self) -> int:
        return self.slots - len(self._tasks)

    def submit(self, index: int, name: str, data: bytes) -> None:
        future = self.client.submit(self.fn, name, data, pure=False, key=f"khparse-{self._run}-{index}")
        self._tasks[future] = (index, time.monotonic())

    def poll(self, wait_seconds: float) -> list[tuple[int, Outcome]]:
        if not self._tasks:
            return []
        now = time.monotonic()
        deadlines = [t + self.timeout - now for _, t in self._tasks.values()] if self.timeout else []
        limit = max(0.01, min([wait_seconds, *deadlines]))
        with contextlib.suppress(TimeoutError):
            self._dask.wait(list(self._tasks), timeout=limit, return_when="FIRST_COMPLETED")
        results: list[tuple[int, Outcome]] = []
        now = time.monotonic()
        for future, (index, submitted) in list(self._tasks.items()):
            if future.done():
                del self._tasks[future]
                results.append((index, self._outcome(future, now - submitted)))
            elif self.timeout and now - submitted >= self.timeout:
                del self._tasks[future]
                future.cancel()
                results.append((index, failure(
                    "timeout", f"conversion took longer than {self.timeout:g} s on the cluster; the task was "
                    "cancelled. Raise --timeout for very long scans.", seconds=now - submitted)))
        return results

    @staticmethod
    def _outcome(future: Any, seconds: float) -> Outcome:
        try:
            value = future.result()
        except Exception as exc:  # KilledWorker, a lost connection, a cancelled task, …
            return failure("internal_error", f"the Dask task failed ({type(exc).__name__}: {exc}); a worker "
                           "may have died while converting this input.", seconds=seconds)
        return Outcome(*value)

    def close(self) -> None:
        for future in self._tasks:
            future.cancel()
        self._tasks.clear()
        self.client.close()
