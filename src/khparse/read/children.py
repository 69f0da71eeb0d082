"""Child processes (tesseract, OCR page workers) that never outlive the khparse that started them.

Three guards, because a child can be left behind three ways:
- the call returns early (a timeout, an error, Ctrl-C, SIGTERM turned into an exception by the
  command line): `run` kills its program and `page_pool` its workers on the way out;
- khparse itself is killed outright (kill -9, the OOM killer, a batch timeout killing a worker):
  every child asks the kernel to kill it when its parent dies (Linux's PR_SET_PDEATHSIG);
- temporary files: tesseract reads the page from an anonymous in-memory file (Linux's
  memfd_create, named /dev/fd/N; gone with the last process holding it, SIGKILL included) and
  writes its TSV to stdout, so OCR leaves no file that a killed process could forget. (Read from
  stdin, a page costs tesseract 0.2 s more than from a file.)
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

_PR_SET_PDEATHSIG = 1
# Looked up here, in the parent: a forked child should do no more than the call itself.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux; elsewhere a no-op).
    Run in the child: as a subprocess's preexec_fn, or first thing in a pool worker."""
    if _prctl is None:
        return
    parent = os.getppid()
    _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


INPUT = "{input}"  # in `run`'s arguments: the path of the input file


@contextlib.contextmanager
def _input_file(data: bytes) -> Iterator[tuple[str, tuple[int, ...]]]:
    """`data` as a file a child can open: its path and the descriptors to pass on."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("khparse-page", os.MFD_CLOEXEC)  # pass_fds opens it to the child only
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            yield f"/dev/fd/{fd}", (fd,)
        finally:
            os.close(fd)
        return
    with tempfile.TemporaryDirectory(prefix="khparse-") as tmp:  # not Linux: a file, removed on the way out
        path = Path(tmp) / "page"
        path.write_bytes(data)
        yield str(path), ()


class Running:
    """A program started by `start`, not yet waited for: `wait` gives its output, `kill` stops it.
    Either way it is not left running: `kill` is safe to call at any time, any number of times."""

    def __init__(self, args: list[str], proc: subprocess.Popen[bytes]) -> None:
        self.args, self._proc = args, proc
        self._done: subprocess.CompletedProcess[bytes] | None = None

    def wait(self, timeout: float) -> subprocess.CompletedProcess[bytes]:
        """Its output once it ends; raises subprocess.TimeoutExpired (and kills it) after `timeout` s."""
        if self._done is None:
            try:
                out, err = self._proc.communicate(timeout=timeout)
            finally:
                self.kill()
            self._done = subprocess.CompletedProcess(self.args, self._proc.returncode, out, err)
        return self._done

    def kill(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.communicate()


# `start` needs an in-memory file the child holds by its own descriptor (Linux's memfd_create):
# a temporary file would have to outlive the call, and be forgotten if khparse were killed.
CAN_START = hasattr(os, "memfd_create")


def start(args: list[str], data: bytes, env: dict[str, str] | None = None) -> Running:
    """Start `args`, where INPUT stands for a file holding `data`, and return at once (only where
    CAN_START); raises FileNotFoundError when the program is missing. The file lives as long as the
    program needs it: the child holds its own descriptor of it."""
    assert CAN_START
    with _input_file(data) as (path, fds):
        return _spawn(args, path, fds, env)


def run(args: list[str], data: bytes, timeout: float, env: dict[str, str] | None = None
        ) -> subprocess.CompletedProcess[bytes]:
    """Run `args`, where INPUT stands for a file holding `data`, and return its output; raises
    subprocess.TimeoutExpired after `timeout` seconds and FileNotFoundError when the program is
    missing. However the call ends, the program is not left running, nor the file."""
    with _input_file(data) as (path, fds):
        return _spawn(args, path, fds, env).wait(timeout)


def _spawn(args: list[str], path: str, fds: tuple[int, ...], env: dict[str, str] | None) -> Running:
    """`args` started with `path` for INPUT, its output piped back, dying with this process."""
    proc = subprocess.Popen([path if a == INPUT else a for a in args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, pass_fds=fds,
                            preexec_fn=die_with_parent)
    return Running(args, proc)


def _start_worker(initializer: Any, initargs: tuple[Any, ...]) -> None:
    die_with_parent()
    initializer(*initargs)


@contextlib.contextmanager
def page_pool(workers: int, initializer: Any, initargs: tuple[Any, ...]) -> Iterator[ProcessPoolExecutor]:
    """A process pool for OCR pages whose workers are gone when the block is left: normally they
    finish and leave; on an error, Ctrl-C or SIGTERM (one page failed, the user gave up) they are
    killed at once, with their tesseract, rather than OCR pages no one will read."""
    # fork where there is one: workers start at once and need no importable __main__ (spawn fails
    # for `python -` and notebooks). Nothing is open across the fork: pdfium documents are
    # opened and closed inside each job.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(initializer, initargs))
    try:
        yield pool
    except BaseException:
        for child in set(multiprocessing.active_children()) - before:
            child.kill()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
