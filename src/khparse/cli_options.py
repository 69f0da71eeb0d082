"""The options shared by `khparse extract` and `khparse batch` as click options: one bundle, so a
new option is added once and both commands take it. The values and their readers are in
options.py (free of click, for the quick entry); the quick entry reads these same options
(entry.py), and a test holds the two readings equal."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from khparse.options import (
    DEFAULT_MAX_INPUT_SIZE,
    DEFAULT_MAX_TEXT_SIZE,
    MIN_OCR_TIMEOUT,
    OCR_MODES,
    ExtractOptions,
    seconds,
    size,
)
from khparse.read.limits import MAX_PAGES
from khparse.read.pages import DEFAULT_OCR_TIMEOUT
from khparse.read.route import OcrMode

F = TypeVar("F", bound=Callable[..., Any])


class Seconds(click.ParamType[float, Any]):
    """A number of seconds: finite (nan and inf are refused) and at least `minimum`."""

    name = "seconds"

    def __init__(self, minimum: float) -> None:
        self.minimum = minimum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            return seconds(value, self.minimum)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class Size(click.ParamType[int, Any]):
    """A size in bytes, with an optional unit: 300M, 2G, 512KiB (units are powers of 1024)."""

    name = "size"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            return size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


_OPTIONS = (
    click.option("--no-repair", is_flag=True,
                 help="Parse stripped or garbled text as it is, without repairing it."),
    click.option("--ocr", type=click.Choice(list(OCR_MODES)), default=OcrMode.auto.value,
                 show_default=True,
                 help="auto: OCR pages without a good Vietnamese text layer; always: OCR every page; "
                 "never: use text layers only (a garbled layer is repaired)."),
    click.option("--ocr-timeout", type=Seconds(MIN_OCR_TIMEOUT), default=DEFAULT_OCR_TIMEOUT, show_default=True,
                 metavar="SECONDS", help="Give up on a page whose OCR takes longer."),
    click.option("--max-input-size", type=Size(), default=DEFAULT_MAX_INPUT_SIZE, show_default=True,
                 metavar="SIZE", help="Refuse inputs larger than SIZE (e.g. 300M, 2G)."),
    click.option("--max-pages", type=click.IntRange(min=1), default=MAX_PAGES, show_default=True, metavar="N",
                 help="Refuse PDFs and images of more than N pages."),
    click.option("--max-text-size", type=Size(), default=DEFAULT_MAX_TEXT_SIZE, show_default=True,
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
