"""The `khparse` program's entry point (the console script and `python -m khparse`).

People run one `khparse extract FILE` per file from shell loops and `find -exec`, and importing
click and building the command group is about a fifth of such a run (~20 ms of ~110). So
`khparse extract` in its everyday forms (the file, and the extract options written as separate
words: `-o out.json`, `--pretty`, `--jobs 2`, `--ocr never`, ...) is read here, without click,
and run by the same code the click app runs (run.extract, in run.handle_errors). Anything else,
and anything this reading is not sure of (`--help`, `--opt=value`, `-j2`, an unknown or repeated
option, a value that does not read, a missing or second file, shell completion, Windows' argument
expansion), goes to the click app (cli.py), which reports errors as always. A test holds the two
readings equal: whenever this one answers, click gives the command the same values.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from khparse import run

_FLAGS = {"--pretty": "pretty", "--no-repair": "no_repair"}
_VALUED = {"-o": "output", "--output": "output", "-j": "jobs", "--jobs": "jobs", "--ocr": "ocr",
           "--ocr-timeout": "ocr_timeout", "--max-input-size": "max_input_size", "--max-pages": "max_pages",
           "--max-text-size": "max_text_size"}


def _count(value: str) -> int:
    """A whole number of at least 1 (click.IntRange(min=1)), written in plain digits."""
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ValueError(value)
    return int(value)


def _choice(choices: tuple[str, ...]) -> Any:
    def read(value: str) -> str:
        if value not in choices:
            raise ValueError(value)
        return value

    return read


def quick_extract(args: list[str]) -> dict[str, Any] | None:
    """The arguments of `khparse extract` (as run.extract takes them) when `args` (sys.argv[1:]) is
    an extract command line in its everyday form, else None: then the click app reads them."""
    from khparse import options as opts
    from khparse.read.limits import MAX_PAGES
    from khparse.read.pages import DEFAULT_OCR_TIMEOUT
    from khparse.read.route import OcrMode

    if len(args) < 2 or args[0] != "extract":
        return None
    readers: dict[str, Any] = {
        "output": str, "jobs": _count, "ocr": _choice(opts.OCR_MODES),
        "ocr_timeout": lambda v: opts.seconds(v, opts.MIN_OCR_TIMEOUT), "max_input_size": opts.size,
        "max_pages": _count, "max_text_size": opts.size,
    }
    found: dict[str, Any] = {}
    files: list[str] = []
    words = iter(args[1:])
    for word in words:
        if word in _FLAGS:
            found[_FLAGS[word]] = True
        elif word in _VALUED:
            name, value = _VALUED[word], next(words, None)
            if name in found or value is None or (value.startswith("-") and value != "-"):
                return None
            try:
                found[name] = readers[name](value)
            except ValueError:
                return None
        elif word.startswith("-") and word != "-":
            return None
        else:
            files.append(word)
    if len(files) != 1:
        return None
    # The defaults read as click reads them (a default goes through its option's type too).
    options = opts.ExtractOptions(
        repair=not found.get("no_repair", False), ocr=found.get("ocr", OcrMode.auto.value),
        ocr_timeout=found.get("ocr_timeout", readers["ocr_timeout"](DEFAULT_OCR_TIMEOUT)),
        max_input_size=found.get("max_input_size", opts.size(opts.DEFAULT_MAX_INPUT_SIZE)),
        max_pages=found.get("max_pages", MAX_PAGES),
        max_text_size=found.get("max_text_size", opts.size(opts.DEFAULT_MAX_TEXT_SIZE)))
    return {"file": files[0], "output": found.get("output"), "pretty": found.get("pretty", False),
            "jobs": found.get("jobs", 1), "options": options}


def _click_would_not_read_argv_as_given() -> bool:
    """Shell completion asked for (click's _<PROG>_COMPLETE variable), or Windows, where click
    expands wildcards and ~ in the arguments."""
    return os.name == "nt" or any(name.startswith("_") and name.endswith("_COMPLETE") for name in os.environ)


def main() -> None:
    """Run `khparse` with sys.argv; never returns."""
    run.pause_collector()
    run.set_up_process()
    args = sys.argv[1:]
    extract = None if _click_would_not_read_argv_as_given() else quick_extract(args)
    if extract is None:
        from khparse.cli import main as app

        run.modules_imported()
        app()
        return
    from khparse.output import guard_standard_streams

    try:
        guard_standard_streams()  # as the click app's group does before any command
        run.handle_errors(run.extract)(**extract)
        code: Any = 0
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:  # before the command's own handler: as click says it
        import click

        click.echo(file=sys.stderr)
        click.echo("Aborted!", file=sys.stderr)
        code = 1
    run.leave(code, "extract")
    sys.exit(code)
