"""Standard modules a command-line start imports without what they import only for features khparse
never calls (issue 12: `khparse extract` imports what its input needs).

- `dataclasses` imports `inspect` (and with it ast, dis and tokenize: ~4 ms a start) to write the
  docstring of a class that has none, and khparse's classes have theirs; and `copy` for `asdict`.
- `pathlib` imports `urllib.parse` (and with it ipaddress: ~1.6 ms) for `Path.as_uri`.

Each is imported while a stand-in holds the place of the module it would import: the stand-in
imports the real module the first time it is used, so nothing changes but when that happens. Only
the importing module keeps the stand-in; sys.modules is left as it was, and any other import gets
the real module. tests/test_startup.py checks that a text plan and a text-layer PDF import none of
them, and that the stand-ins do what the modules do. Installed by the command line only
(`run.set_up_process`), before anything imports `dataclasses` or `pathlib`.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

# Module → the modules it imports for what khparse does not use, each with the functions the module
# binds by name as it is imported (`from urllib.parse import quote_from_bytes`).
_UNUSED: dict[str, dict[str, tuple[str, ...]]] = {
    "dataclasses": {"inspect": (), "copy": ()},
    "pathlib": {"urllib.parse": ("quote_from_bytes",)},
}


def _real(name: str) -> types.ModuleType:
    """The module `name` itself, imported now if it was not (a stand-in still in its place, while
    the module using it is imported, is taken out first)."""
    if isinstance(sys.modules.get(name), _StandIn):
        del sys.modules[name]
    __import__(name)
    return sys.modules[name]


def _on_call(module: str, function: str) -> Callable[..., Any]:
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real(module), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = function
    return call


class _StandIn(types.ModuleType):
    """Stands for a module: any attribute is the real module's, imported when first asked for;
    `functions` are there already, and import it when first called."""

    def __init__(self, name: str, functions: tuple[str, ...]) -> None:
        super().__init__(name)
        for function in functions:
            setattr(self, function, _on_call(name, function))

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__") and attr.endswith("__"):  # what the import system asks (__path__, ...)
            raise AttributeError(attr)
        return getattr(_real(self.__name__), attr)


def install() -> None:
    """Import the modules of _UNUSED with their stand-ins (each only if neither it nor what it stands
    for is imported yet)."""
    for module, unused in _UNUSED.items():
        if module in sys.modules or any(name in sys.modules for name in unused):
            continue
        stand_ins = {name: _StandIn(name, functions) for name, functions in unused.items()}
        sys.modules.update(stand_ins)
        try:
            __import__(module)
        finally:
            for name, stand_in in stand_ins.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
