"""Expand the PATH arguments of `khparse batch` into an ordered list of inputs.

A PATH is a file, a directory (walked recursively, sorted, hidden entries skipped), a .zip archive
(its members, read in memory when needed: the archive is never unpacked to disk), or '-' for a list
of such paths on stdin, one per line. `--glob` filters what is found inside directories and
archives; files named explicitly are always taken, and .zip files found in a directory are opened.

Listing reads no document, so the whole list is known before work starts (the progress bar has a
total, and --fail-fast can give every input a record). Reading happens later, one input at a time;
a path that cannot be read still becomes an input, whose record then says why.
"""

from __future__ import annotations

import os
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath

from khparse.errors import InputError
from khparse.load import MAX_INPUT_BYTES, read_path


@dataclass(frozen=True)
class Input:
    """One document to convert: where to read it, and what to call it."""

    name: str  # shown in the record: the path, or 'archive.zip/member' for a ZIP member
    path: str  # the file on disk (the archive, for a ZIP member)
    member: str | None = None  # the member inside the archive at `path`
    problem: str | None = None  # found unreadable while listing: the record will say this

    def read(self) -> bytes:
        """The input's bytes, or an InputError saying why they cannot be had."""
        if self.problem is not None:
            raise InputError(self.problem)
        try:
            if self.member is None:
                return read_path(self.path)
            archive = _archive(self.path)
            info = archive.getinfo(self.member)
            if info.file_size > MAX_INPUT_BYTES:  # a ZIP bomb is refused before it is inflated
                raise InputError(f"{self.name}: {info.file_size // 2**20} MiB unpacked is over the limit.")
            return archive.read(info)
        except InputError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, RuntimeError, EOFError) as exc:
            # RuntimeError: an encrypted member; EOFError / BadZipFile: a truncated archive.
            raise InputError(f"{self.name}: cannot be read from the ZIP archive ({exc}).") from None
        except OSError as exc:
            raise InputError(f"{self.name}: cannot be read ({exc.strerror or exc}).") from None


def mirror(name: str) -> PurePosixPath:
    """Where an input's output goes under -o DIR: its name, made relative and unable to climb out."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", ".", "")]
    return PurePosixPath(*[("__" if p == ".." else p) for p in parts] or ["input"])


_OPEN: dict[str, zipfile.ZipFile] = {}


def _archive(path: str) -> zipfile.ZipFile:
    """The archive at `path`, kept open: members are read one after another, and reopening would
    parse the central directory again for each one (quadratic on archives of thousands of files)."""
    if path not in _OPEN:
        for archive in _OPEN.values():
            archive.close()
        _OPEN.clear()
        _OPEN[path] = zipfile.ZipFile(path)
    return _OPEN[path]


def _hidden(relative: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in PurePosixPath(relative).parts)


def _wanted(relative: str, globs: Sequence[str]) -> bool:
    """A pattern with a '/' matches the path inside the directory or archive; otherwise the file name."""
    if not globs:
        return True
    name = PurePosixPath(relative).name
    return any(fnmatch(relative if "/" in g else name, g) for g in globs)


def _is_zip(path: str) -> bool:
    return path.lower().endswith(".zip")


def _zip_members(path: str, globs: Sequence[str]) -> list[Input]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i.filename for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        # Unreadable archive: one input whose record tells the user so.
        return [Input(path, path, problem=f"{path}: not a readable ZIP archive ({exc}).")]
    return [Input(f"{path}/{n}", path, n) for n in names if not _hidden(n) and _wanted(n, globs)]


def _walk(root: str, globs: Sequence[str], skip: Path | None, folder: str = "") -> Iterator[Input]:
    """Entries sorted by name, folders entered where they sort: the order of `ls -R`-sorted paths,
    stable across runs and machines (resume and the tests rely on it)."""
    here = Path(root) / folder
    try:
        entries = sorted(here.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Input(str(here), str(here), problem=f"{here}: folder cannot be listed ({exc.strerror or exc}).")
        return
    for entry in entries:
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if _hidden(entry.name):
            continue
        if entry.is_dir():
            if skip is None or entry.resolve() != skip:
                yield from _walk(root, globs, skip, relative)
        elif _is_zip(entry.name):
            yield from _zip_members(str(entry), globs)
        elif _wanted(relative, globs):
            yield Input(str(entry), str(entry))


def _expand_one(path: str, globs: Sequence[str], skip: Path | None) -> Iterator[Input]:
    if Path(path).is_dir():
        yield from _walk(path, globs, skip)
    elif _is_zip(path) and Path(path).is_file():
        yield from _zip_members(path, globs)
    else:
        yield Input(path, path)  # a file, or a missing path whose record will say so


def _stdin_paths() -> list[str]:
    return [line.strip() for line in sys.stdin if line.strip()]


def expand(paths: Sequence[str], globs: Sequence[str] = (), *,
           skip: str | os.PathLike[str] | None = None) -> list[Input]:
    """All inputs in order; "-" is a list of paths on stdin. `skip` is a directory never walked
    into (the -o DIR of this batch)."""
    skip_dir = Path(skip).resolve() if skip is not None else None
    found: list[Input] = []
    for path in paths:
        for each in _stdin_paths() if path == "-" else [path]:
            found.extend(_expand_one(each, globs, skip_dir))
    return found
