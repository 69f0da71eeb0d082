"""What every start of the command line compiles or builds the same way, kept on disk between runs.

Two compilers run on every `khparse extract` and give the same result each time:

- `re`'s, written in Python: the parser's few hundred patterns cost about 15-25 ms a start. A
  compiled pattern is plain data (opcodes, group names): it is kept, and the pattern is built
  from it with the same C call `re` ends with (`_sre.compile`).
- `dataclasses`', which writes the source of each class's `__init__`, `__eq__`, `__repr__`, … and
  compiles it: about 14 ms a start for the ~30 classes a text plan imports. The code objects are
  kept (marshal, as in a .pyc), keyed by that source, and run as `dataclasses` runs them. So are
  those `typing` compiles from the text of annotations it evaluates (the pydantic models' field
  types, for the commands that build them).

So the pattern objects and the classes, and every output, are those compiled afresh; a start just
skips the compiling, as Python skips it for modules with their bytecode. Likewise what khparse
builds from its data files on every start (`kept`: the inventory's syllable sets, ~3 ms), keyed by
the file's bytes themselves.

- The files are per Python build (`sys.implementation.cache_tag`; the regex engine's MAGIC and code
  size; the bytecode's magic number): another interpreter never reads them.
- A file is written (atomically, once, at exit) only when the run compiled something it did not
  hold. It keeps the MAX_ENTRIES entries used last (those this run used go last), so patterns of
  an older khparse leave it in time. Each entry is stored marshalled on its own and read back only
  when asked for: a run reads the ~200 of the file's entries it uses, not all of them.
- The standard library's own patterns are left out: some are built from sets (email's header
  parser, tokenize) and so read differently in every process. Kept, they filled the file with
  entries no run would ask for again (to its 4,000-entry limit in a few hundred runs: 2.8 MB,
  ~8 ms to load at every start), and nothing new could be kept. Those of `json` (STANDARD_KEPT),
  which `extract` imports to write the plan, are kept: literal patterns, the same in every process
  (six of them, ~0.3 ms a start).
- Any failure (no cache folder, a damaged file, an engine that changed) means compiling as usual.
- Installed by the command line only (`run.set_up_process`): a program importing khparse as a
  library keeps its `re`, `dataclasses` and `typing` untouched.

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
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

MAX_ENTRIES = 1000

# One compiled pattern: what `re._compiler.compile` hands to `_sre.compile` after the pattern
# itself (flags, opcodes, number of groups less one, name → group, group → name), the opcodes as
# the bytes of an array: a list of ints is four times slower to read back.
Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _Store:
    """One cache file: key → the entry's own marshal bytes, loaded at install, written back at exit
    if it grew. The file's order is the order of last use, oldest first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[Any, bytes] = {}
        self.used: dict[Any, None] = {}  # the keys this run read or added, in that order
        self.added = False
        with contextlib.suppress(Exception):  # missing or damaged: start empty
            loaded = marshal.loads(path.read_bytes())
            if isinstance(loaded, dict):
                self.entries = loaded

    def get(self, key: Any) -> Any:
        """The entry kept for `key`, None when there is none or it cannot be read."""
        data = self.entries.get(key)
        if data is None:
            return None
        try:
            value = marshal.loads(data)
        except Exception:  # damaged: compile afresh, and keep what that gives
            self.drop(key)
            return None
        self.used[key] = None
        return value

    def add(self, key: Any, value: Any) -> None:
        self.entries[key] = marshal.dumps(value)
        self.used[key] = None
        self.added = True

    def drop(self, key: Any) -> None:
        self.entries.pop(key, None)
        self.used.pop(key, None)

    def save(self) -> None:
        if not self.added:
            return
        self.added = False
        unused = [(k, v) for k, v in self.entries.items() if k not in self.used]
        kept = dict([*unused, *((k, self.entries[k]) for k in self.used)][-MAX_ENTRIES:])
        with contextlib.suppress(Exception):  # read-only home, full disk: next time, compile again
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(kept))
            tmp.replace(self.path)


_stores: list[_Store] = []
_installed: list[bool] = []
_data_file: list[Path] = []  # where `kept` keeps its values, once installed
_data: list[_Store] = []  # its store, read at the first `kept`


def _folder() -> Path | None:
    configured = os.environ.get("KHPARSE_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path("~/.cache").expanduser()) / "khparse"


def install() -> None:
    """Serve `re`'s and `dataclasses`' compiling from the cache files for the rest of the process."""
    if _installed:
        return
    _installed.append(True)
    try:
        folder, tag = _folder(), sys.implementation.cache_tag
    except Exception:  # no home folder: compile as usual
        return
    if folder is None or tag is None:
        return
    with contextlib.suppress(Exception):  # an interpreter without these internals: compile as usual
        _install_patterns(folder, tag)
    with contextlib.suppress(Exception):
        _install_dataclasses(folder, tag)
    _data_file.append(folder / f"data-{tag}-v1.marshal")


def kept(name: str, source: bytes, build: Callable[[], T]) -> T:
    """`build()`, made from `source` alone and written by marshal as it is (str, int, tuples,
    frozensets, ...), kept between runs of the command line, keyed by `name` and `source` itself;
    plainly `build()` where the cache is not installed (a library) or cannot be read."""
    if not _data:
        if not _data_file:
            return build()
        _data.append(_Store(_data_file[0]))
        _stores.append(_data[0])
    key = (name, source)
    value: T | None = _data[0].get(key)
    if value is None:
        value = build()
        _data[0].add(key, value)
    return value


def save() -> None:
    """Write the files that this run added to; quietly."""
    for store in _stores:
        store.save()


def _compiled(compiler: Any, pattern: str | bytes, flags: int) -> Entry:
    """What `re._compiler.compile` computes for a pattern given as text, as plain data."""
    parsed = compiler._parser.parse(pattern, flags)
    code = array.array("I", compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    names: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        names[i] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(names)


# Standard modules whose patterns are written out whole in their source, so kept all the same.
STANDARD_KEPT = frozenset(("json.decoder", "json.scanner", "json.encoder"))


def _asked_by_standard_library() -> bool:
    """The code that asked `re` for the pattern being compiled is the standard library's (but for
    STANDARD_KEPT). Frames up from here: this module's `compile`, `re._compile`, `re.compile` (or
    `re.search`, ...), the code."""
    try:
        caller = sys._getframe(4).f_globals.get("__name__")
    except ValueError:  # a shorter stack: not through `re`'s functions
        return False
    return (isinstance(caller, str) and caller not in STANDARD_KEPT
            and caller.partition(".")[0] in sys.stdlib_module_names)


def _install_patterns(folder: Path, tag: str) -> None:
    import _sre  # type: ignore[import-not-found]  # CPython's regex engine, no stubs
    from re import _compiler  # type: ignore[attr-defined]

    if array.array("I").itemsize != _sre.CODESIZE:
        return
    # v3: a v2 file may be full of the standard library's patterns (above); it is left unread.
    store = _Store(folder / f"regex-{tag}-{_sre.MAGIC}-{_sre.CODESIZE}-v3.marshal")
    _stores.append(store)
    original = _compiler.compile

    def built(p: str | bytes, entry: Entry) -> Any:
        final_flags, code, groups, groupindex, names = entry
        return _sre.compile(p, final_flags, array.array("I", code).tolist(), groups, groupindex, names)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & re.DEBUG or _asked_by_standard_library():
            return original(p, flags)
        key = (p, flags)
        entry = store.get(key)
        if entry is not None:
            try:
                return built(p, entry)
            except Exception:  # not what this engine takes: compile it afresh
                store.drop(key)
        entry = _compiled(_compiler, p, flags)
        store.add(key, entry)
        return built(p, entry)

    _compiler.compile = compile


def _install_dataclasses(folder: Path, tag: str) -> None:
    """`dataclasses` runs `exec(source, globals, namespace)` on the source it writes; the name
    `exec` in its module is pointed at one that runs the kept code object for that source."""
    import dataclasses
    from importlib.util import MAGIC_NUMBER

    if "exec" in vars(dataclasses):  # already replaced by someone else: leave it
        return
    store = _Store(folder / f"dataclasses-{tag}-{MAGIC_NUMBER.hex()}-v3.marshal")
    _stores.append(store)
    code_type = type(_install_dataclasses.__code__)

    def cached_exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if isinstance(source, str):
            code = store.get(source)
            if type(code) is not code_type:
                # As exec compiles a string, without this module's __future__ flags.
                code = compile(source, "<string>", "exec", dont_inherit=True)
                store.add(source, code)
            source = code
        exec(source, globals, locals)

    exec_in_dataclasses: Callable[..., None] = cached_exec
    dataclasses.exec = exec_in_dataclasses  # type: ignore[attr-defined]
    _install_annotations(store, code_type)


def _install_annotations(store: _Store, code_type: type) -> None:
    """`typing` compiles every annotation it evaluates from its text (ForwardRef: `compile(text,
    "<string>", "eval")`), in every process: the pydantic models' field types (model/plan.py, which
    a command imports to build or check them) are ~800 of them. The name `compile` in its
    module is pointed at one that keeps the code objects, in the dataclasses' file (the same kind
    of entry, keyed apart: ("eval", text))."""
    import typing

    if "compile" in vars(typing):  # already replaced by someone else: leave it
        return

    def cached_compile(source: Any, filename: Any, mode: Any, *rest: Any, **options: Any) -> Any:
        if rest or options or type(source) is not str or filename != "<string>" or mode != "eval":
            return compile(source, filename, mode, *rest, **options)
        key = ("eval", source)
        code = store.get(key)
        if type(code) is not code_type:
            # As typing compiles it, without this module's __future__ flags.
            code = compile(source, filename, mode, dont_inherit=True)
            store.add(key, code)
        return code

    compile_in_typing: Callable[..., Any] = cached_compile
    typing.compile = compile_in_typing  # type: ignore[attr-defined]
