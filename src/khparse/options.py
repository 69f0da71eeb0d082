"""Options shared by `khparse extract` and `khparse batch`: one bundle, so a new option (page
preparation, say) is added once and both commands take it, locally and on Dask.

`ExtractOptions` is the bundle as a value: plain, frozen and picklable, it travels to batch
workers; `changes_output()` is what a batch record stores, so a resumed batch with other options
converts again instead of reusing old results.
"""

from __future__ import annotations

import functools
import math
import os
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import click

from khparse.load import MAX_INPUT_BYTES, MAX_TEXT_BYTES
from khparse.read.limits import MAX_PAGES
from khparse.read.pages import DEFAULT_OCR_TIMEOUT
from khparse.read.route import OcrMode

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ExtractOptions:
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


class Seconds(click.ParamType[float, Any]):
    """A number of seconds: finite (nan and inf are refused) and at least `minimum`."""

    name = "seconds"

    def __init__(self, minimum: float) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            self.fail(f"{value!r} is not a number of seconds.", param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a number of seconds (it must be finite).", param, ctx)
        if seconds < self.minimum:
            self.fail(f"{value!r} is below the minimum of {self.minimum:g} s.", param, ctx)
        return seconds


_UNITS = {"": 1, "B": 1, "K": 2**10, "KB": 2**10, "KIB": 2**10, "M": 2**20, "MB": 2**20, "MIB": 2**20,
          "G": 2**30, "GB": 2**30, "GIB": 2**30}


class Size(click.ParamType[int, Any]):
    """A size in bytes, with an optional unit: 300M, 2G, 512KiB (units are powers of 1024)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", str(value))
        unit = found.group(2).upper() if found else ""
        if not found or unit not in _UNITS:
            self.fail(f"{value!r} is not a size (e.g. 300M, 2G).", param, ctx)
        size = int(float(found.group(1)) * _UNITS[unit])
        if size < 1:
            self.fail(f"{value!r} is too small.", param, ctx)
        return size


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
        click.echo(f"khparse: note: {what} {jobs} lowered to {ceiling} (4 per CPU on this machine).", err=True)
        return ceiling
    return jobs


_OPTIONS = (
    click.option("--no-repair", is_flag=True,
                 help="Parse stripped or garbled text as it is, without repairing it."),
    click.option("--ocr", type=click.Choice([mode.value for mode in OcrMode]), default=OcrMode.auto.value,
                 show_default=True,
                 help="auto: OCR pages without a good Vietnamese text layer; always: OCR every page; "
                 "never: use text layers only (a garbled layer is repaired)."),
    click.option("--ocr-timeout", type=Seconds(1), default=DEFAULT_OCR_TIMEOUT, show_default=True,
                 metavar="SECONDS", help="Give up on a page whose OCR takes longer."),
    click.option("--max-input-size", type=Size(), default=f"{MAX_INPUT_BYTES // 2**20}M", show_default=True,
                 metavar="SIZE", help="Refuse inputs larger than SIZE (e.g. 300M, 2G)."),
    click.option("--max-pages", type=click.IntRange(min=1), default=MAX_PAGES, show_default=True, metavar="N",
                 help="Refuse PDFs and images of more than N pages."),
    click.option("--max-text-size", type=Size(), default=f"{MAX_TEXT_BYTES // 2**20}M", show_default=True,
                 metavar="SIZE", help="Refuse inputs whose text (as UTF-8) is larger than SIZE: a plan is rarely "
                 "over 100 KB, and repair needs about 150 MB of memory per MB of garbled text."),
)


def extract_options(func: F) -> F:
    """The shared options, handed to `func` as one `options: ExtractOptions` argument."""

    @functools.wraps(func)
    def wrapper(*args: Any, no_repair: bool, ocr: str, ocr_timeout: float, max_input_size: int,
                max_pages: int, max_text_size: int, **kwargs: Any) -> Any:
        options = ExtractOptions(repair=not no_repair, ocr=ocr, ocr_timeout=ocr_timeout,
                                 max_input_size=max_input_size, max_pages=max_pages, max_text_size=max_text_size)
        return func(*args, options=options, **kwargs)

    decorated: Any = wrapper
    for option in reversed(_OPTIONS):
        decorated = option(decorated)
    return decorated  # type: ignore[no-any-return]
