"""JSON out: UTF-8 with `ensure_ascii=False`, stable key order (the models' field order); files
written whole or not at all, never over something that is not a regular file, and every failure to
write named (an OutputError, exit code 7), never a traceback.

What `-o FILE` does with what is already at FILE:

- nothing, or a regular file: written to a temporary file beside it and renamed into place (a
  reader never sees half a file); an existing file keeps its permissions; a file with several hard
  links is written in place, so the links stay one file;
- a symbolic link: followed; the file it points to is replaced as above and the link stays a link;
- a FIFO or a character device (/dev/null, /dev/stdout, a terminal): written through, as the
  shell's `>` would, never replaced by a regular file;
- a directory, a block device (a disk) or a socket: refused with a message; nothing is written.

The temporary file has a short name of its own (so a long target name cannot make it too long)
and is removed whatever happens.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khparse.errors import OutputError
from khparse.model import drafts

if TYPE_CHECKING:
    from khparse.model import Plan


def plan_dict(plan: Plan | drafts.Plan) -> dict[str, Any]:
    """The plan as JSON data; a draft (the command line's, model/drafts.py) gives the same data
    without pydantic."""
    if isinstance(plan, drafts.Plan):
        return drafts.dump(plan)
    return plan.model_dump(mode="json", by_alias=True)


def plan_json(plan: Plan | drafts.Plan, *, pretty: bool = False) -> str:
    if pretty:
        import json

        return json.dumps(plan_dict(plan), ensure_ascii=False, indent=2)
    return compact_json(plan_dict(plan))


def compact_json(data: Any) -> str:
    """json.dumps(data, ensure_ascii=False), made by the C encoder json.dumps makes it with (_json's,
    given what JSONEncoder gives it for these arguments), without importing json: its decoder and
    scanner come with it, ~0.7 ms of a `khparse extract`, which only writes. json.dumps itself where
    the interpreter has no such encoder."""
    try:
        from _json import encode_basestring, make_encoder
    except ImportError:  # an interpreter without it (CPython has it)
        import json

        return json.dumps(data, ensure_ascii=False)
    # markers (check_circular), default, the string encoder (ensure_ascii=False), indent, the two
    # separators, sort_keys, skipkeys, allow_nan.
    encode = make_encoder({}, _not_serializable, encode_basestring, None, ": ", ", ", False, False, True)
    return "".join(encode(data, 0))


def _not_serializable(value: Any) -> Any:
    """JSONEncoder.default: what json.dumps raises for a value it cannot write."""
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def plan_schema() -> dict[str, Any]:
    from khparse.model import SCHEMA_NAME, SCHEMA_VERSION, Plan

    schema = Plan.model_json_schema(mode="serialization", by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://khparse.example/schemas/{SCHEMA_NAME}-{SCHEMA_VERSION}.json",
        **schema,
    }


def schema_json() -> str:
    import json

    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_NEW_FILE_MODE = 0o666 & ~_umask()  # read once, at import (changing the umask is not thread-safe)

_WHY = {
    errno.ENOSPC: "the disk is full (no space left on device); free some space or write elsewhere",
    errno.EDQUOT: "the disk quota is exhausted; free some space or write elsewhere",
    errno.EROFS: "the file system is read-only; write somewhere else",
    errno.EACCES: "permission denied; choose a folder you can write to",
    errno.EPERM: "permission denied; choose a folder you can write to",
    errno.ENOENT: "its folder does not exist; create it first",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "it is a directory; give a file name inside it",
    errno.ENAMETOOLONG: "the name is too long for the file system; choose a shorter one",
    errno.EFBIG: "the file is too large for the file system",
    errno.EPIPE: "its reader went away (a broken pipe) before everything was written",
}


def output_error(name: str, exc: OSError) -> OutputError:
    """The OutputError for an OSError met writing `name`: one sentence, what to do included."""
    why = _WHY.get(exc.errno or 0) or f"it cannot be written ({exc.strerror or exc})"
    return OutputError(f"{name}: {why}.")


def _mode_of(target: Path) -> int:
    try:
        st = target.stat()
    except OSError:
        return _NEW_FILE_MODE
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else _NEW_FILE_MODE


def atomic_write(target: Path, text: str | bytes) -> None:
    """Write to `target` (a regular file or nothing yet) through a temporary file renamed into
    place: atomic on POSIX, so a reader, or the next run of a batch, never sees half a file.
    The temporary file is gone afterwards, whatever happened. Raises OSError."""
    import tempfile  # here: with shutil, random and the compressors it is ~3 ms of a start without -o

    data = text.encode("utf-8") if isinstance(text, str) else text
    mode = _mode_of(target)
    fd, tmp = tempfile.mkstemp(prefix=".khparse-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            os.fchmod(f.fileno(), mode)
        Path(tmp).replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise


def _write_through(name: str, data: bytes) -> None:
    fd = os.open(name, os.O_WRONLY | os.O_NOCTTY)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def write_file(name: str, text: str) -> None:
    """`-o FILE`: write `text` (UTF-8) to `name` as the module docstring says, or raise OutputError."""
    data = text.encode("utf-8")
    try:
        st = Path(name).stat()  # through symbolic links: what the link points to is what counts
    except FileNotFoundError:
        st = None  # nothing there yet (or a link to nothing: its target is created)
    except OSError as exc:
        raise output_error(name, exc) from None
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{name}: is a directory; give a file name, e.g. -o {name.rstrip('/')}/plan.json.")
        if st is not None and stat.S_ISBLK(st.st_mode):
            raise OutputError(f"{name}: is a block device (a disk); khparse will not write over it. "
                              "Give a file name.")
        if st is not None and stat.S_ISSOCK(st.st_mode):
            raise OutputError(f"{name}: is a socket, which cannot be written as a file. Give a file name.")
        if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            _write_through(name, data)  # a pipe, /dev/null, a terminal: as `>` would
        elif st is not None and st.st_nlink > 1:
            with Path(name).open("r+b") as f:  # in place: the hard links stay one file
                f.write(data)
                f.truncate()
        else:
            atomic_write(Path(os.path.realpath(name)), data)
    except OSError as exc:
        raise output_error(name, exc) from None


def _silence_stdout() -> None:
    """After stdout failed: point it at /dev/null, so the interpreter's last flush is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(devnull)


def write_stdout(text: str, stream: Any = None) -> None:
    """Write `text` to stdout (or `stream`, the real stdout saved before a redirect) and flush it;
    a closed, full or broken stdout is an OutputError, not a traceback."""
    stream = stream if stream is not None else sys.stdout
    if stream is None or STDOUT_CLOSED:
        raise OutputError("stdout is closed, so there is nowhere to print; give -o FILE, or keep stdout open.")
    try:
        stream.write(text)
        stream.flush()
    except OSError as exc:
        _silence_stdout()
        raise output_error("stdout", exc) from None


STDOUT_CLOSED = False  # set by the command line when the process started with stdout closed


def guard_standard_streams() -> None:
    """Started with stdout (fd 1) closed (`khparse ... >&-`): Python then has no sys.stdout. Note it,
    and put /dev/null on fd 1, so the next file opened cannot take fd 1 and receive what a library
    or a child process (tesseract) prints."""
    global STDOUT_CLOSED
    try:
        os.fstat(1)
    except OSError:
        STDOUT_CLOSED = True
        with contextlib.suppress(OSError):
            fd = os.open(os.devnull, os.O_WRONLY)
            if fd != 1:
                os.dup2(fd, 1)
                os.close(fd)
    if sys.stdout is None:
        STDOUT_CLOSED = True
