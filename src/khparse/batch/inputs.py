"""Expand the PATH arguments of `khparse batch` into an ordered list of inputs.

A PATH is a file, a directory (walked recursively, sorted, hidden entries skipped), a .zip archive
(its members, read in memory when needed: the archive is never unpacked to disk), or '-' for a list
of such paths on stdin, one per line (or NUL-separated with -0/--null, as `find -print0` writes).
`--glob` filters what is found inside directories and archives, ignoring case unless asked; files
named explicitly are always taken, and .zip files found in a directory are opened.

Walks are bounded: a link to a directory is followed once at most (a link into a loop, such as a
link to `..`, or a second link to a folder already walked is skipped, with a note); a FIFO or a
device found in a folder becomes an input whose record says it is not a regular file (it is never
opened for reading); the batch's own -o DIR (its plans and manifest) is never read as input.

Listing reads no document, so the whole list is known before work starts (the progress bar has a
total, and --fail-fast can give every input a record). Reading happens later, one input at a time;
a path that cannot be read still becomes an input, whose record then says why.

Each input also gets `out`, where its plan goes under -o DIR: its path relative to the root it was
found under (a directory or archive given as PATH; a file given by a relative path keeps that path,
one given by an absolute path only its name), made safe (no `..`, no absolute part, each name at
most 255 bytes) and unique (a second input with the same place gets `~2`, …).
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from khparse.errors import InputError
from khparse.load import MAX_INPUT_BYTES, display_name, read_path, read_stream, too_large

MANIFEST = "manifest.jsonl"


@dataclass(frozen=True)
class Input:
    """One document to convert: where to read it, and what to call it."""

    name: str  # shown in the record: the path, or 'archive.zip/member' for a ZIP member (printable)
    path: str  # the file on disk (the archive, for a ZIP member), as the OS names it
    member: str | None = None  # the member inside the archive at `path`
    problem: str | None = None  # found unreadable while listing: the record will say this
    index: int | None = None  # the member's position in the archive (names may repeat)
    out: str = field(default="", compare=False)  # where the plan goes under -o DIR, without ".json"
    raw: str = field(default="", compare=False)  # the name with its original bytes (surrogates)

    def read(self, max_bytes: int = MAX_INPUT_BYTES, max_text: int | None = None) -> bytes:
        """The input's bytes, or an InputError saying why they cannot be had (a file of plain text
        over `max_text` is refused unread: load.read_path)."""
        if self.problem is not None:
            raise InputError(self.problem)
        try:
            if self.member is None:
                return read_path(self.path, max_bytes=max_bytes, max_text=max_text)
            archive = _archive(self.path)
            info = archive.infolist()[self.index] if self.index is not None else archive.getinfo(self.member)
            if info.file_size > max_bytes:  # what it declares; what it inflates to is bounded below
                raise too_large(self.name, max_bytes, info.file_size)
            with archive.open(info) as stream:
                return read_stream(stream, self.name, max_bytes, max_text)  # type: ignore[arg-type]
        except InputError:
            raise
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, IndexError, RuntimeError, EOFError,
                NotImplementedError, ValueError) as exc:
            # RuntimeError: an encrypted member; EOFError / BadZipFile: a truncated archive;
            # NotImplementedError: a compression method zipfile lacks.
            raise InputError(f"{self.name}: cannot be read from the ZIP archive ({exc}).") from None
        except OSError as exc:
            raise InputError(f"{self.name}: cannot be read ({exc.strerror or exc}).") from None


_NAME_MAX = 255 - len(".json") - len("~99999")  # bytes in one output name, room left for suffixes


def _safe_part(part: str) -> str:
    if part == "..":
        return "__"
    encoded = part.encode("utf-8")
    if len(encoded) <= _NAME_MAX:
        return part
    # A name too long once ".json" is added: cut it (at a character boundary) and add a hash.
    cut = encoded[: _NAME_MAX - 17].decode("utf-8", errors="ignore")
    return f"{cut}~{hashlib.sha256(encoded).hexdigest()[:16]}"


def mirror(name: str) -> PurePosixPath:
    """A relative output path for `name`: no root, no `..`, each part short enough for a file name."""
    parts = [p for p in PurePosixPath(name.replace("\0", "")).parts if p not in ("/", ".", "")]
    return PurePosixPath(*[_safe_part(p) for p in parts] or ["input"])


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
    """Dot files and macOS metadata; `..` is not hidden (a member named `../x` gets its record)."""
    return any((part.startswith(".") and part not in (".", "..")) or part == "__MACOSX"
               for part in PurePosixPath(relative).parts)


def _wanted(relative: str, globs: Sequence[str], case_sensitive: bool = False) -> bool:
    """A pattern with a '/' matches the path inside the directory or archive; otherwise the file
    name. Case is ignored unless `case_sensitive` ('*.pdf' takes A.PDF)."""
    if not globs:
        return True
    name = PurePosixPath(relative).name
    if case_sensitive:
        return any(fnmatchcase(relative if "/" in g else name, g) for g in globs)
    return any(fnmatchcase((relative if "/" in g else name).casefold(), g.casefold()) for g in globs)


def _is_zip(path: str) -> bool:
    return path.lower().endswith(".zip")


@dataclass
class _Walk:
    """What one expansion needs across roots: the filters, and the folders already walked."""

    globs: Sequence[str]
    skip: Path | None
    case_sensitive: bool = False
    seen: set[tuple[int, int]] = field(default_factory=set)  # (device, inode) of folders walked
    notes: list[str] = field(default_factory=list)

    def wanted(self, relative: str) -> bool:
        return _wanted(relative, self.globs, self.case_sensitive)


def _zip_members(path: str, walk: _Walk, root: str) -> list[Input]:
    shown = display_name(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = list(enumerate(archive.infolist()))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        # Unreadable archive: one input whose record tells the user so.
        return [Input(shown, path, problem=f"{shown}: not a readable ZIP archive ({exc}).", out=root, raw=path)]
    # A member name with backslashes was made on Windows: they separate folders there.
    return [Input(f"{shown}/{i.filename}", path, i.filename, index=n, out=f"{root}/{i.filename.replace(chr(92), '/')}",
                  raw=f"{path}/{i.filename}")
            for n, i in infos if not i.is_dir() and not _hidden(i.filename) and walk.wanted(i.filename)]


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and (path == folder or folder in path.parents)


def _walk(root: str, walk: _Walk, folder: str = "") -> Iterator[Input]:
    """Entries sorted by name, folders entered where they sort: the order of `ls -R`-sorted paths,
    stable across runs and machines (resume and the tests rely on it)."""
    here = Path(root) / folder
    try:
        entries = sorted(here.iterdir(), key=lambda p: p.name)
        own_output = _inside(here.resolve(), walk.skip)  # `batch D -o D`: D holds this batch's output
    except OSError as exc:
        shown = display_name(str(here))
        yield Input(shown, str(here), problem=f"{shown}: folder cannot be listed ({exc.strerror or exc}).",
                    out=folder or "input", raw=str(here))
        return
    for entry in entries:
        relative = f"{folder}/{entry.name}" if folder else entry.name
        if _hidden(entry.name):
            continue
        try:
            st = entry.stat()  # through links
        except OSError:
            st = None  # a dangling link: an input whose record says so
        if st is not None and stat.S_ISDIR(st.st_mode):
            if _inside(entry.resolve(), walk.skip) and not own_output:
                continue  # the output folder, inside the tree walked
            if (st.st_dev, st.st_ino) in walk.seen:
                walk.notes.append(f"{display_name(str(entry))}: a link to a folder already walked (a loop, or a "
                                  "second way in); skipped")
                continue
            walk.seen.add((st.st_dev, st.st_ino))
            yield from _walk(root, walk, relative)
        elif own_output and (entry.name.endswith(".json") or (entry.name == MANIFEST and here.resolve() == walk.skip)):
            continue  # a plan or the manifest this batch wrote earlier
        elif st is not None and stat.S_ISREG(st.st_mode) and _is_zip(entry.name):
            yield from _zip_members(str(entry), walk, display_name(relative))
        elif walk.wanted(relative):
            yield Input(display_name(str(entry)), str(entry), out=display_name(relative), raw=str(entry))


def _expand_one(path: str, walk: _Walk) -> Iterator[Input]:
    p = Path(path)
    if p.is_dir():
        try:
            st = p.stat()
            walk.seen.add((st.st_dev, st.st_ino))
        except OSError:
            pass
        yield from _walk(path, walk)
        return
    # A file named explicitly: a relative path is kept as its place under -o DIR; an absolute one
    # (nothing of the machine's tree is copied into the output) gives only its name.
    out = display_name(path if not p.is_absolute() else p.name)
    if _is_zip(path) and p.is_file():
        yield from _zip_members(path, walk, out)
    else:
        yield Input(display_name(path), path, out=out, raw=path)  # a file, or a missing path whose record says so


def stdin_paths(data: bytes, *, null: bool = False) -> list[str]:
    """The paths listed on stdin: one per line, or separated by NUL bytes (`null`, for
    `find -print0`, which also allows a newline inside a name). Bytes that are not UTF-8 are kept
    (as the OS keeps them), so such a file is still found."""
    lines = data.split(b"\0") if null else data.split(b"\n")
    items = lines if null else [line[:-1] if line.endswith(b"\r") else line for line in lines]
    return [os.fsdecode(item) for item in items if item.strip()]


def _unique(found: list[Input]) -> list[Input]:
    """Give every input its own output place: the first keeps it, the next get `~2`, `~3`, …
    (two ZIP members of one name, `d/x.md` and `d\\x.md`, the same file name under two roots)."""
    files: set[str] = set()
    folders: set[str] = set()
    result = []
    for item in found:
        base = mirror(item.out or item.name)
        candidate = str(base)
        n = 1
        while (candidate in files or candidate in folders
               or any(str(parent) in files for parent in PurePosixPath(candidate).parents)):
            n += 1
            if any(str(parent) in files for parent in base.parents):  # a file where a folder is needed
                base = PurePosixPath("_", hashlib.sha256(str(base).encode()).hexdigest()[:16], base.name)
            candidate = f"{base}~{n}"
        files.add(candidate)
        folders.update(str(parent) for parent in PurePosixPath(candidate).parents)
        result.append(replace(item, out=candidate))
    return result


def expand(paths: Sequence[str], globs: Sequence[str] = (), *,
           skip: str | os.PathLike[str] | None = None, null: bool = False, case_sensitive: bool = False,
           notes: list[str] | None = None) -> list[Input]:
    """All inputs in order; "-" is a list of paths on stdin (NUL-separated with `null`). `skip` is
    the -o DIR of this batch: its content is never taken as input. Notes on what was skipped (links
    into loops) are appended to `notes`."""
    walk = _Walk(globs, Path(skip).resolve() if skip is not None else None, case_sensitive)
    found: list[Input] = []
    for path in paths:
        listed = stdin_paths(sys.stdin.buffer.read(), null=null) if path == "-" else [path]
        for each in listed:
            found.extend(_expand_one(each, walk))
    if notes is not None:
        notes.extend(walk.notes)
    return _unique(found)
