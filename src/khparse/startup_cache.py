"""Compiled regular expressions kept on disk between runs of the command line.

Parsing and compiling the parser's few hundred patterns (the `re` module's compiler is written in
Python) costs about 25 ms of every `khparse extract`, a fifth of a text plan's whole run. The
result of compiling a pattern is plain data (opcodes, group names), so the command line keeps it
in a small file, as Python keeps bytecode, and builds each pattern from it with the same C call
`re` ends with: the pattern objects, and so every output, are the same as compiled afresh.

- The file is per Python build (`sys.implementation.cache_tag`, the regex engine's MAGIC and code
  size): another interpreter never reads it.
- Only patterns given as text are kept, at most MAX_PATTERNS; the file is written (atomically)
  only when a run compiled a pattern it did not hold.
- Any failure (no cache folder, a damaged file, an engine that changed) means compiling as usual.
- Installed by the command line only (`cli.py`): a program importing khparse as a library keeps
  its `re` untouched.

Folder: $KHPARSE_CACHE_DIR, else $XDG_CACHE_HOME/khparse, else ~/.cache/khparse. Setting
KHPARSE_CACHE_DIR to an empty string turns the cache off.
"""

from __future__ import annotations

import array
import contextlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

MAX_PATTERNS = 4000

# One entry: what `re._compiler.compile` hands to `_sre.compile` after the pattern itself (flags,
# opcodes, number of groups less one, name → group, group → name), the opcodes as the bytes of an
# array: a list of ints is four times slower to read back.
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]

_state: dict[str, Any] = {}  # "file", "entries", "added"


def _folder() -> Path | None:
    configured = os.environ.get("KHPARSE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path("~/.cache").expanduser()) / "khparse"


def _compiled(compiler: Any, pattern: str | bytes, flags: int) -> Entry:
    """What `re._compiler.compile` computes for a pattern given as text, as plain data."""
    parsed = compiler._parser.parse(pattern, flags)
    code = array.array("I", compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    names: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        names[i] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(names)


def install() -> None:
    """Serve `re`'s compiler from the cache file for the rest of the process (once)."""
    if _state:
        return
    try:
        import _sre  # type: ignore[import-not-found]  # CPython's regex engine, no stubs
        from re import _compiler  # type: ignore[attr-defined]

        folder, tag = _folder(), sys.implementation.cache_tag
    except Exception:  # no home folder, another interpreter: compile as usual
        return
    if folder is None or tag is None or array.array("I").itemsize != _sre.CODESIZE:
        return
    path = folder / f"regex-{tag}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"
    entries: dict[tuple[str | bytes, int], Entry] = {}
    with contextlib.suppress(Exception):  # missing or damaged: start empty
        loaded = marshal.loads(path.read_bytes())
        if isinstance(loaded, dict):
            entries = loaded
    original = _compiler.compile
    _state.update(file=path, entries=entries, added=False)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & re.DEBUG:
            return original(p, flags)
        key = (p, flags)
        entry = entries.get(key)
        if entry is not None:
            try:
                return _built(p, entry)
            except Exception:  # not what this engine takes: compile it afresh
                del entries[key]
        entry = _compiled(_compiler, p, flags)
        if len(entries) < MAX_PATTERNS:
            entries[key] = entry
            _state["added"] = True
        return _built(p, entry)

    def _built(p: str | bytes, entry: Entry) -> Any:
        final_flags, code, groups, groupindex, names = entry
        return _sre.compile(p, final_flags, array.array("I", code).tolist(), groups, groupindex, names)

    _compiler.compile = compile


def save() -> None:
    """Write the cache file if this run compiled patterns it did not hold; quietly."""
    if not _state.get("added"):
        return
    _state["added"] = False
    path: Path = _state["file"]
    with contextlib.suppress(Exception):  # read-only home, full disk: next time, compile again
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(_state["entries"]))
        tmp.replace(path)
