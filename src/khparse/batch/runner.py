"""Local parallel execution: a small pool of worker processes we control one by one.

Why not concurrent.futures: one worker that dies breaks a ProcessPoolExecutor for every pending
document, and a running task cannot be stopped. Here each worker has its own pipe and converts one
document at a time, so the parent can kill just that worker when its document passes the timeout,
notice when a worker dies (a crash in a native library, the OOM killer), report that one document
as failed and start a replacement. Workers are also retired after `max_tasks` documents, so memory
a long run leaks or fragments is given back.

Queue: a small document (at most QUEUED_BYTES) may be sent to a worker that is still converting,
so the worker starts it the moment it has answered, without waiting for the parent to read the
answer, write its record and read the next input (about 0.5 ms a document, as long as a small
text plan takes to convert). A worker holds at most one such waiting document, and it is small
enough to sit in the pipe's buffer whole: the parent's send never blocks on a busy worker (which
could be blocked in turn sending its answer). Its time and timeout start when the worker answers
the one before. When a worker dies or is killed, the document it was converting (the first one
not answered) is reported; the one waiting behind it, never started, is sent to the next worker.
A larger document waits in the parent until a worker is idle.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, NamedTuple

from khparse.batch.convert import Outcome, convert, failure

Convert = Callable[[str, bytes], Outcome]

# The largest input sent to a worker that is still busy (pickled, it stays well under the 208 KiB
# a Unix socket's buffer holds by default: the send cannot block).
QUEUED_BYTES = 32 * 1024


class _Task(NamedTuple):
    number: int  # its position in the batch (the driver's index)
    name: str
    data: bytes


def _watch_parent(parent: int, tmp: str) -> None:
    """Orphaned (the batch was killed with kill -9): take this worker and its children down too,
    rather than finish a document no one will read, or hang on one forever; its temporary folder
    first, since no parent is left to remove it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    shutil.rmtree(tmp, ignore_errors=True)
    os.killpg(0, signal.SIGKILL)


def _worker(conn: Connection, fn: Convert, tmp: str) -> None:
    # Its own process group, so a timeout kills the worker together with what it started (tesseract).
    os.setpgrp()
    # Its own temporary folder, which the parent removes once the worker is gone, however it went
    # (a timeout kills it with SIGKILL: a LibreOffice conversion's folder would stay behind).
    tempfile.tempdir = os.environ["TMPDIR"] = tmp
    threading.Thread(target=_watch_parent, args=(os.getppid(), tmp), daemon=True).start()
    # The parent decides what Ctrl-C means; a worker must not die half-way through a reply.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # stdout is the batch's data stream: nothing a library prints in a worker may reach it.
    os.dup2(2, 1)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        name, data = task
        try:
            conn.send(fn(name, data))
        except (BrokenPipeError, OSError):
            return


def _context(alongside: Callable[[], object] | None = None) -> Any:
    """fork where it is safe (Linux, no other thread in this process): workers then start in
    milliseconds, already warm, from a parent that has imported khparse and loaded its language
    data once (shared copy-on-write). Otherwise forkserver, preloaded the same way: a clean
    single-threaded process to fork from, safe when the parent runs threads. spawn as a last resort.
    `alongside` has run when this returns: with fork, in a thread while this process warms up (the
    batch hashes its language data files there: hashlib leaves the lock, so it takes the other core,
    not the warm-up's time), ended before any worker forks; otherwise first, in this thread.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        helper = threading.Thread(target=alongside, daemon=True) if alongside is not None else None
        if helper is not None:
            helper.start()
        try:
            importlib.import_module("khparse.batch.warm")
        finally:
            if helper is not None:
                helper.join()  # forked workers must not inherit a thread half-way
        return multiprocessing.get_context("fork")
    if alongside is not None:
        alongside()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["khparse.batch.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class _Slot:
    proc: BaseProcess
    conn: Connection
    tmp: str  # its temporary folder (TMPDIR)
    done: int = 0  # documents converted by this process
    # Sent, not answered yet, in order: the first is being converted, a second waits in the pipe.
    tasks: deque[_Task] = field(default_factory=deque)
    deadline: float = 0.0  # of the first
    started: float = 0.0


class LocalPool:
    """`jobs` worker processes. submit() as many documents as free() says; poll() for what finished."""

    def __init__(self, jobs: int, *, timeout: float | None = None, max_tasks: int = 100,
                 fn: Convert = convert, alongside: Callable[[], object] | None = None) -> None:
        """`alongside`: work of the caller's that may run while this process warms up (_context)."""
        self.jobs, self.timeout, self.max_tasks, self.fn = max(1, jobs), timeout, max(1, max_tasks), fn
        self._ctx = _context(alongside)
        self._waiting: deque[_Task] = deque()  # read, not yet sent: no worker could take them
        self._slots: list[_Slot] = [self._start() for _ in range(self.jobs)]

    def _start(self) -> _Slot:
        parent, child = self._ctx.Pipe()
        tmp = tempfile.mkdtemp(prefix="khparse-worker-")
        # Not a daemon: a daemon may not start processes, and a library may want to (OCR page pools).
        proc = self._ctx.Process(target=_worker, args=(child, self.fn, tmp), daemon=False)
        proc.start()
        child.close()
        return _Slot(proc, parent, tmp)

    @staticmethod
    def _gone(slot: _Slot) -> None:
        """The worker has left or was killed: its pipe and temporary folder go too."""
        slot.conn.close()
        shutil.rmtree(slot.tmp, ignore_errors=True)

    def free(self) -> int:
        """How many more documents submit() takes now: one per idle worker, one more per worker
        that may take a waiting document, and nothing while a document waits for an idle worker."""
        if self._waiting:
            return 0
        return sum(2 - len(s.tasks) for s in self._slots if len(s.tasks) < 2 and self._room(s))

    def _room(self, slot: _Slot) -> bool:
        """Not due for retirement once what it holds is done."""
        return slot.done + len(slot.tasks) < self.max_tasks

    def submit(self, index: int, name: str, data: bytes) -> None:
        self._waiting.append(_Task(index, name, data))
        self._dispatch()

    def _dispatch(self) -> None:
        """Documents waiting in the parent, in order, to idle workers first, then small ones to
        workers with room in their queue."""
        while self._waiting:
            task = self._waiting[0]
            slot = next((s for s in self._slots if not s.tasks), None)
            if slot is None and len(task.data) <= QUEUED_BYTES:
                slot = next((s for s in self._slots if len(s.tasks) == 1 and self._room(s)), None)
            if slot is None:
                return
            self._waiting.popleft()
            self._send(slot, task)

    def _send(self, slot: _Slot, task: _Task) -> None:
        slot.tasks.append(task)
        if len(slot.tasks) == 1:
            self._begin(slot, time.monotonic())
        # A worker that died cannot take it: poll() sees its sentinel and reports the document.
        with contextlib.suppress(OSError):
            slot.conn.send((task.name, task.data))

    def _begin(self, slot: _Slot, now: float) -> None:
        """The slot's first document starts now (sent to an idle worker, or the one before answered)."""
        slot.started = now
        slot.deadline = now + self.timeout if self.timeout else float("inf")

    @staticmethod
    def _kill(slot: _Slot) -> None:
        """The worker and everything it started (its process group)."""
        if slot.proc.pid is not None and slot.proc.is_alive():
            with contextlib.suppress(OSError):
                os.killpg(slot.proc.pid, signal.SIGKILL)
            slot.proc.kill()

    def _replace(self, slot: _Slot, *, kill: bool) -> None:
        """A new worker in its place; a document waiting behind the one reported (never started)
        goes back to the front of the parent's queue, for the next worker."""
        if kill:
            self._kill(slot)
        slot.proc.join(5)
        self._gone(slot)
        self._waiting.extendleft(reversed(list(slot.tasks)))
        slot.tasks.clear()
        self._slots[self._slots.index(slot)] = self._start()

    def _died(self, slot: _Slot) -> str:
        slot.proc.join(1)
        code = slot.proc.exitcode
        how = f"was killed by signal {-code}" if code is not None and code < 0 else f"exited with code {code}"
        return f"the worker process {how} while converting this input (a crash, or out of memory)"

    def poll(self, wait_seconds: float) -> list[tuple[int, Outcome]]:
        """Wait up to `wait_seconds` (less if a deadline comes first); return finished documents."""
        busy = [s for s in self._slots if s.tasks]
        if not busy:
            return []
        now = time.monotonic()
        limit = max(0.0, min([wait_seconds] + [s.deadline - now for s in busy]))
        handles: list[Any] = [s.conn for s in busy] + [s.proc.sentinel for s in busy]
        ready = set(wait(handles, limit))
        results: list[tuple[int, Outcome]] = []
        now = time.monotonic()
        for slot in busy:
            if slot.conn in ready or slot.proc.sentinel in ready:
                dead = slot.proc.sentinel in ready
                while slot.tasks:  # every answer in the pipe, in order
                    try:
                        if not slot.conn.poll():
                            break
                        outcome = slot.conn.recv()
                    except (EOFError, OSError):  # the pipe closed: the worker is gone
                        dead = True
                        break
                    results.append((slot.tasks.popleft().number, outcome))
                    slot.done += 1
                    self._begin(slot, now)  # the worker has started the one waiting, if any
                if dead:  # the first document not answered is the one it died on
                    if slot.tasks:
                        results.append((slot.tasks.popleft().number, failure(
                            "internal_error", self._died(slot), seconds=now - slot.started)))
                    self._replace(slot, kill=True)
                elif slot.done >= self.max_tasks:
                    self._retire(slot)
            elif now >= slot.deadline:
                results.append((slot.tasks.popleft().number, failure(
                    "timeout", f"conversion took longer than {self.timeout:g} s; the worker was stopped. "
                    "Raise --timeout for very long scans.", seconds=now - slot.started)))
                self._replace(slot, kill=True)
        self._dispatch()
        return results

    def _retire(self, slot: _Slot) -> None:
        with contextlib.suppress(OSError):
            slot.conn.send(None)
        self._replace(slot, kill=False)

    def close(self) -> None:
        """Stop every worker: idle ones are asked to leave, busy ones (abandoned work) are killed."""
        for slot in self._slots:
            if not slot.tasks:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
            else:
                self._kill(slot)
        for slot in self._slots:
            slot.proc.join(5)
            if slot.proc.is_alive():
                self._kill(slot)
                slot.proc.join(1)
            self._gone(slot)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
