"""`--scheduler tcp://host:port`: the same batch on a Dask distributed cluster.

Documents travel to the workers as bytes inside the task, so the workers need no shared filesystem,
only khparse installed (same version) and, for scans, tesseract with its `vie` data. Results come
back to this process, which keeps input order, writes -o DIR and the manifest exactly as a local run.

Dask is imported only here and only when --scheduler is given (`pip install 'khparse[dask]'`).
Isolation comes from Dask: a worker that dies has its task retried elsewhere and, after the
scheduler's allowed failures, reported here as internal_error. --timeout is counted from submission
(at most one task per worker thread is in flight, so a task starts when submitted); a timed-out task
is cancelled and reported, but a Python thread cannot be killed, so it runs on until it ends.
Recycle workers with Dask's own `--lifetime` / `--memory-limit` rather than --max-tasks-per-worker.

On a real cluster:

    dask scheduler                                   # on one machine, port 8786
    dask worker tcp://SCHEDULER:8786 --nworkers 2 --nthreads 1 --memory-limit 2GB   # on each machine
    khparse batch archive/ --scheduler tcp://SCHEDULER:8786 -o plans/
"""

from __future__ import annotations

import contextlib
import importlib
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


class DaskPool:
    def __init__(self, address: str, *, timeout: float | None = None,
                 fn: Callable[[str, bytes], Outcome] = convert) -> None:
        try:
            # Through importlib, typed Any: dask is optional, untyped, and absent from most installs.
            self._dask: Any = importlib.import_module("distributed")
        except ImportError:
            raise MissingDependencyError(
                "--scheduler needs Dask distributed. Install it with: pip install 'khparse[dask]'") from None
        try:
            self.client: Any = self._dask.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SchedulerError(f"{address}: no Dask scheduler answers there ({exc}).") from None
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
