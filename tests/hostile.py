"""Hostile inputs for the contract tests (tests/test_contract.py), generated on the spot: things that
are not regular files, links into loops and out of the tree, names that are not UTF-8, hold a newline
or are as long as a name may be, ZIP members that repeat a name, climb out with `..` or use
backslashes. Each entry says what its batch record must carry (status, error code, words of the
message); `None` for inputs that must convert."""

from __future__ import annotations

import os
import socket
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .conftest import SAMPLES

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
