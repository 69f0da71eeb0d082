"""Hostile inputs for the contract tests (tests/test_contract.py), generated on the spot: things that
are not regular files, links into loops and out of the tree, names that are not UTF-8, hold a newline
or are as long as a name may be, ZIP members that repeat a name, climb out with `..` or use
backslashes. Each entry says what its batch record must carry (status, error code, words of the
message); `None` for inputs that must convert."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khparse.errors import ExitCode

from .conftest import ROOT, SAMPLES

LIMIT = 30  # seconds any one command may take here
# Peak memory (RSS) any one khparse process may reach on a hostile input: what a normal plan needs
# (models, pdfium, a page image at 300 dpi: 150-400 MB) with room to spare, far below what these
# inputs took before they were bounded (0.8 GB for 40 KB of text without punctuation, 5 GB for a
# PDF stream inflating to 4 GB).
MEMORY_LIMIT_MB = 700

# Runs the command given after the file name, then writes the largest peak RSS (KiB) of the
# processes it waited for (khparse and whatever it waited for in turn) to that file.
_MEASURE = """import resource, subprocess, sys
done = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(done.returncode if done.returncode >= 0 else 128 - done.returncode)
"""


class Run(subprocess.CompletedProcess[bytes]):
    """A finished khparse command, with its time and the peak memory of its processes."""

    seconds: float
    peak_mb: float


def khparse(*args: str, stdin: Any = None, stdout: Any = subprocess.PIPE, input: bytes | None = None,
            env: dict[str, str] | None = None, tmp: Path | None = None, limit: float = LIMIT) -> Run:
    """Run `python -m khparse ARGS` in a session of its own and check it is bounded: done within
    `limit` seconds, no process of its session left when it is, and, given `tmp`, nothing left in
    the temporary folder it was given (TMPDIR). Returns the result with its time and peak memory."""
    environ = dict(env if env is not None else os.environ)
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        environ["TMPDIR"] = str(tmp)
    peak_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"khparse-test-peak-{os.getpid()}-{time.monotonic_ns()}"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(peak_file), sys.executable, "-m", "khparse", *args],
                            stdin=subprocess.PIPE if input is not None else stdin, stdout=stdout,
                            stderr=subprocess.PIPE, cwd=ROOT, env=environ, start_new_session=True)
    try:
        out, err = proc.communicate(input, timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"khparse {' '.join(args)} took more than {limit:g} s") from None
    seconds = time.monotonic() - started
    try:
        peak_kib = int(peak_file.read_text())
    finally:
        peak_file.unlink(missing_ok=True)
    left = session_left(proc.pid)
    assert not left, f"processes left behind: {left}"
    if tmp is not None:
        assert not list(tmp.iterdir()), f"left in the temporary folder: {sorted(tmp.rglob('*'))}"
    result = Run(proc.args, proc.returncode, out, err)
    result.seconds, result.peak_mb = seconds, peak_kib / 1024
    return result


def session_left(sid: int, wait: float = 5.0) -> list[str]:
    """The processes still in session `sid` (its leader's pid) after up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        left = []
        for stat_file in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat_file.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            if int(fields[3]) == sid and fields[0] != "Z":  # fields: state, ppid, pgrp, session
                left.append(stat_file.parent.name)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def one_sentence(result: subprocess.CompletedProcess[bytes], code: ExitCode, words: str) -> str:
    """The command failed with `code` and one line on stderr holding `words`, no traceback."""
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == code, err
    assert err.startswith("khparse: error:") and err.count("\n") == 1, err
    assert words in err and "Traceback" not in err and "internal error" not in err, err
    return err


def no_temp_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]

PLAN = (SAMPLES / "thuong-xuan-2025.md").read_bytes()


@dataclass(frozen=True)
class Expect:
    status: str  # ok, partial, failed
    code: str | None = None  # error.code when failed
    words: str = ""  # in error.message


OK = Expect("ok")
NOT_A_FILE_FIFO = Expect("failed", "input_unreadable", "named pipe (FIFO)")
NOT_A_FILE_DEVICE = Expect("failed", "input_unreadable", "character device")
NOT_A_FILE_SOCKET = Expect("failed", "input_unreadable", "socket")


def _plan(i: int) -> bytes:
    """A distinct plan (its hash differs), quick to parse."""
    return PLAN + f"\n<!-- bản {i} -->\n".encode()


def make_hostile_tree(root: Path, outside: Path) -> tuple[list[tuple[bytes, Expect]], list[socket.socket]]:
    """A folder of hostile entries under `root` (and a folder `outside` it, linked in twice).
    Returns the expected record per input (its path bytes relative to `root`, in no order) and the
    sockets to close afterwards."""
    root.mkdir(parents=True)
    outside.mkdir(parents=True)
    expect: list[tuple[bytes, Expect]] = []

    def plan(relative: bytes, i: int) -> None:
        path = Path(os.fsdecode(os.fsencode(root) + b"/" + relative))  # bytes: names that are not UTF-8
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_plan(i))
        expect.append((relative, OK))

    plan(b"a-plan.md", 0)
    plan(b"sub/b-plan.md", 1)
    os.mkfifo(root / "fifo.md")
    expect.append((b"fifo.md", NOT_A_FILE_FIFO))
    (root / "zero.md").symlink_to("/dev/zero")
    expect.append((b"zero.md", NOT_A_FILE_DEVICE))
    (root / "urandom.md").symlink_to("/dev/urandom")
    expect.append((b"urandom.md", NOT_A_FILE_DEVICE))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "socket.md"))
    expect.append((b"socket.md", NOT_A_FILE_SOCKET))
    (root / "sub" / "up").symlink_to("..")  # a loop: never walked
    (root / "sub" / "self").symlink_to(".")  # a loop too
    (outside / "c-outside.md").write_bytes(_plan(2))
    (root / "out1").symlink_to(outside)  # out of the tree: walked once …
    (root / "out2").symlink_to(outside)  # … not twice
    expect.append((b"out1/c-outside.md", OK))
    plan(b"latin-\xe9\xff.md", 3)  # not UTF-8
    plan(b"new\nline.md", 4)  # a newline in the name: one input
    plan(b"x" * 243 + b".md", 5)  # 246 bytes: legal, but "<name>.json" and a temp name would not be
    plan("tên-tiếng-việt-".encode() * 12 + b".md", 6)  # long in UTF-8 bytes, not in characters
    (root / "dangling.md").symlink_to(root / "nothing-here.md")
    expect.append((b"dangling.md", Expect("failed", "input_unreadable", "no such file")))
    with zipfile.ZipFile(root / "members.zip", "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point
        for n, name in enumerate(["d/x.md", "d\\x.md", "../climb.md", "/abs.md", "dup.md", "dup.md"]):
            archive.writestr(name, _plan(10 + n))
            expect.append((f"members.zip/{name}".encode(), OK))
    return expect, [sock]


# --- Inputs that once grew memory, time or processes without bound -----------------------------

def text_without_punctuation(size: int) -> bytes:
    """`size` bytes of garbled Vietnamese (the garbled seed's words) with no punctuation, digit or
    blank line: one phrase for the repair decoder however long, as a table-like page can be."""
    words = re.sub(r"[^\w\s]|\d", " ", (SAMPLES / "ben-tam-2025.txt").read_text("utf-8"))
    lines = "\n".join(line for line in (" ".join(raw.split()) for raw in words.split("\n")) if line) + "\n"
    return (lines * (size // len(lines.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()
