"""Options shared by `khparse extract` and `khparse batch`, as values: `ExtractOptions` and the
readers of the values a user types (seconds, sizes). Free of click, so that the quick entry
(entry.py) can use them; the click options built from them, one bundle so that a new option (page
preparation, say) is added once and both commands take it, locally and on Dask, are in
cli_options.py.

`ExtractOptions` is plain, frozen and picklable: it travels to batch workers; `changes_output()` is
what a batch record stores, so a resumed batch with other options converts again instead of
reusing old results.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import asdict, dataclass
from typing import Any

from khparse.load import MAX_INPUT_BYTES, MAX_TEXT_BYTES
from khparse.read.limits import MAX_PAGES
from khparse.read.pages import DEFAULT_OCR_TIMEOUT
from khparse.read.route import OcrMode


@dataclass(frozen=True)
class ExtractOptions:
    """How a document is extracted: repair, OCR, and the time and size limits."""

    repair: bool = True
    ocr: str = OcrMode.auto.value
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT
    max_input_size: int = MAX_INPUT_BYTES
    max_pages: int = MAX_PAGES
    max_text_size: int = MAX_TEXT_BYTES

    def changes_output(self) -> dict[str, Any]:
        """The options that change what a document becomes (the time and size limits only decide
        whether it fails, and failures of that kind are retried on resume anyway)."""
        return {k: v for k, v in asdict(self).items() if k in ("repair", "ocr")}


OCR_MODES = tuple(mode.value for mode in OcrMode)
MIN_OCR_TIMEOUT = 1  # seconds: --ocr-timeout below this is refused
# The size options' defaults as the help shows them (and as they are read, like any value given).
DEFAULT_MAX_INPUT_SIZE = f"{MAX_INPUT_BYTES // 2**20}M"
DEFAULT_MAX_TEXT_SIZE = f"{MAX_TEXT_BYTES // 2**20}M"


def seconds(value: Any, minimum: float) -> float:
    """A number of seconds: finite (nan and inf are refused) and at least `minimum`; a ValueError
    with the sentence to show otherwise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a number of seconds.") from None
    if not math.isfinite(number):
        raise ValueError(f"{value!r} is not a number of seconds (it must be finite).")
    if number < minimum:
        raise ValueError(f"{value!r} is below the minimum of {minimum:g} s.")
    return number


_UNITS = {"": 1, "B": 1, "K": 2**10, "KB": 2**10, "KIB": 2**10, "M": 2**20, "MB": 2**20, "MIB": 2**20,
          "G": 2**30, "GB": 2**30, "GIB": 2**30}


def size(value: Any) -> int:
    """A size in bytes, with an optional unit: 300M, 2G, 512KiB (units are powers of 1024); a
    ValueError with the sentence to show otherwise."""
    if isinstance(value, int):
        return value
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
    unit = found.group(2).upper() if found else ""
    if not found or unit not in _UNITS:
        raise ValueError(f"{value!r} is not a size (e.g. 300M, 2G).")
    number = int(float(found.group(1)) * _UNITS[unit])
    if number < 1:
        raise ValueError(f"{value!r} is too small.")
    return number


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def bound_jobs(jobs: int, what: str = "--jobs") -> int:
    """At most 4 processes per CPU: more only add memory and switching (`--jobs 10000` would start
    ten thousand processes). Says so on stderr when it lowers the number."""
    ceiling = 4 * cpus()
    if jobs > ceiling:
        import click  # only for this note: the quick entry (entry.py) runs without click

        click.echo(f"khparse: note: {what} {jobs} lowered to {ceiling} (4 per CPU on this machine).", err=True)
        return ceiling
    return jobs
