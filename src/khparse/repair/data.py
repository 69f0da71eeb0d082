"""Repair's data files (khparse/data: the language model, inventory, OCR channel, gazetteer) as
a start reads them: found beside the modules, .npz archives mapped from the file.

importlib.resources and zipfile cost a fresh `khparse repair` ~5 ms of imports (the resource
readers, tempfile, shutil, the compressors) to find four files that sit in the package's folder,
and np.load reads a whole archive where mapping it costs a millisecond. So a file of a package
installed as files (what pip and setuptools do) is opened where it is, and an archive written by
`np.savez` is mapped after its central directory, read here; anything else (a zipped package, a
compressed archive) goes through importlib.resources and np.load, as before.
"""

from __future__ import annotations

import pkgutil
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent.parent  # khparse/


def data_bytes(name: str) -> bytes | None:
    """The bytes of khparse/data/`name`, None when it is missing."""
    try:
        return pkgutil.get_data("khparse", f"data/{name}")
    except OSError:
        return None


def load_data_file(name: str, load: Callable[[Path], T]) -> T | None:
    """`load` of khparse/data/`name` as a file on disk, None when it is missing. (`load` may map
    the file: a zipped package's temporary copy goes when `load` returns, its mapping stays.)"""
    if (_PACKAGE / "__init__.py").is_file():
        path = _PACKAGE / "data" / name
        return load(path) if path.is_file() else None
    from importlib import resources

    resource = resources.files("khparse").joinpath("data", name)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return load(path)


def mapped_npz(path: Path) -> dict[str, npt.NDArray[Any]]:
    """The arrays of an .npz written by `np.savez` (uncompressed), mapped from the file read-only
    instead of read: 1 ms instead of 90 for the 30 MB model in a fresh process, which then reads
    only the pages its lookups touch, shared with every other process using the file."""
    members = _stored_members(path)
    if members is None:
        with np.load(path) as data:
            return {name: data[name] for name in data.files}
    whole = np.memmap(path, mode="r", dtype=np.uint8)
    arrays = {}
    with path.open("rb") as f:
        for name, offset in members:
            f.seek(offset + 26)  # a zip local header: 30 bytes, then name and extra field
            name_len, extra_len = struct.unpack("<HH", f.read(4))
            f.seek(offset + 30 + name_len + extra_len)
            version = np.lib.format.read_magic(f)
            read_header = (np.lib.format.read_array_header_1_0 if version == (1, 0)
                           else np.lib.format.read_array_header_2_0)
            shape, fortran, dtype = read_header(f)
            assert not fortran, "np.savez writes arrays in C order"
            count = int(np.prod(shape))
            arrays[name[: -len(".npy")]] = np.frombuffer(whole, dtype=dtype, count=count,
                                                         offset=f.tell()).reshape(shape)
    return arrays


_END = struct.Struct("<IHHHHIIH")  # end of central directory record, without its comment
_ENTRY = struct.Struct("<IHHHHHHIIIHHHHHII")  # central directory file header, without its name


def _stored_members(path: Path) -> list[tuple[str, int]] | None:
    """(name, offset of its local header) of each member of a zip archive, from its central
    directory; None unless every member is an .npy stored as it is, in a plain (not zip64)
    archive without a comment: np.savez's own output."""
    with path.open("rb") as f:
        f.seek(0, 2)
        size = f.tell()
        if size < _END.size:
            return None
        f.seek(size - _END.size)
        signature, _, _, _, count, dir_size, dir_offset, comment = _END.unpack(f.read(_END.size))
        if signature != 0x06054B50 or comment or dir_offset + dir_size > size or count == 0xFFFF:
            return None
        f.seek(dir_offset)
        directory = f.read(dir_size)
    members = []
    at = 0
    for _ in range(count):
        if at + _ENTRY.size > len(directory):
            return None
        fields = _ENTRY.unpack_from(directory, at)
        signature, method, name_len, extra_len, comment_len, offset = (
            fields[0], fields[4], fields[10], fields[11], fields[12], fields[16])
        name = directory[at + _ENTRY.size : at + _ENTRY.size + name_len].decode("utf-8", "replace")
        if signature != 0x02014B50 or method != 0 or offset == 0xFFFFFFFF or not name.endswith(".npy"):
            return None
        members.append((name, offset))
        at += _ENTRY.size + name_len + extra_len + comment_len
    return members
