"""The command line: parse flags, call the library, format output. stdout carries data only."""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from khparse import __version__
from khparse.batch.command import batch_command
from khparse.errors import ExitCode, InputError, KhparseError
from khparse.model import SourceKind
from khparse.output import atomic_write, plan_json, schema_json
from khparse.pipeline import extract
from khparse.read.pages import DEFAULT_OCR_TIMEOUT
from khparse.read.route import OcrMode

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def _stdout_guard() -> Iterator[None]:
    """Send anything a library prints to stderr, so piped JSON stays clean."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"khparse: error: {message}", err=True)
    sys.exit(int(code))


def _handle_errors(func: F) -> F:
    """Map every error to its exit code and a one-line message; a traceback only for bugs."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KhparseError as exc:
            _fail(exc.message, exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", ExitCode.interrupted)
        except BrokenPipeError:
            # The reader went away (e.g. `| head`): nothing to report.
            # As the Python docs advise: point stdout at devnull so the final flush is quiet.
            with contextlib.suppress(OSError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(int(ExitCode.ok))
        except Exception as exc:
            if os.environ.get("KHPARSE_DEBUG"):
                traceback.print_exc()
            _fail(f"internal error ({type(exc).__name__}: {exc}); please report it with the input "
                  "file. Set KHPARSE_DEBUG=1 for the traceback.", ExitCode.internal_error)
        return None

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


def _write(text: str, output: str | None) -> None:
    if output in (None, "-"):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    assert output is not None
    try:
        atomic_write(Path(output), text if text.endswith("\n") else text + "\n")
    except OSError as exc:
        raise KhparseError(f"{output}: cannot write ({exc.strerror or exc}).") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khparse")
def main() -> None:
    """Turn Vietnamese administrative plans (Kế hoạch tuyên truyền CCHC) into validated JSON.

    \b
    Examples:
      khparse extract plan.txt --pretty
      cat plan.md | khparse extract - > plan.json
      khparse repair garbled.txt > fixed.txt
      khparse batch archive/ --jobs 2 > plans.jsonl
      khparse schema > plan.schema.json

    Exit codes: 0 ok, 1 internal error, 2 usage, 3 input unreadable, 4 missing dependency,
    5 not a plan, 6 batch partly failed, 130 interrupted.
    """


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout.")
@click.option("--pretty", is_flag=True, help="Indent the JSON for reading.")
@click.option("--no-repair", is_flag=True, help="Parse stripped or garbled text as it is, without repairing it.")
@click.option("--ocr", type=click.Choice([mode.value for mode in OcrMode]), default=OcrMode.auto.value,
              show_default=True,
              help="auto: OCR pages without a good Vietnamese text layer; always: OCR every page; "
              "never: use text layers only (a garbled layer is repaired).")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Pages to OCR in parallel.")
@click.option("--ocr-timeout", type=click.FloatRange(min=1), default=DEFAULT_OCR_TIMEOUT, show_default=True,
              metavar="SECONDS",
              help="Give up on a page whose OCR takes longer.")
@_handle_errors
def extract_cmd(file: str, output: str | None, pretty: bool, no_repair: bool, ocr: str, jobs: int,
                ocr_timeout: float) -> None:
    """Parse one plan and print it as one JSON object.

    FILE is a PDF (with or without a text layer), a PNG, JPEG or TIFF scan, a .txt or .md file
    with the plan's text, or - for stdin.

    \b
    Examples:
      khparse extract samples/thuong-xuan-2025.md --pretty
      khparse extract samples/thuong-xuan-2025-scan.pdf --jobs 2
      khparse extract samples/ben-tam-2025.txt | jq '.header.number'
      khparse extract - -o plan.json < plan.txt

    Text that reads as stripped or OCR-garbled Vietnamese is repaired before it is parsed
    (source.pages[].text_source says "repaired"); --no-repair keeps it as printed.
    """
    with _stdout_guard():
        plan = extract(file, repair=not no_repair, ocr=ocr, jobs=jobs, ocr_timeout=ocr_timeout)
    _write(plan_json(plan, pretty=pretty), output)


extract_cmd.name = "extract"


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the repaired text to FILE instead of stdout.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead: the text, its quality, and every word repair changed "
                   "or was unsure of (confidence below 0.6), with line, column and confidence.")
@_handle_errors
def repair(file: str, output: str | None, as_json: bool) -> None:
    """Restore the diacritics of stripped or OCR-garbled Vietnamese text.

    Line i of the output is the repair of line i of the input. Numbers, dates, document
    symbols (76/NQ-CP), acronyms (UBND; HDND becomes HĐND), URLs and foreign names are kept.

    \b
    Examples:
      khparse repair samples/ben-tam-2025.txt
      echo "ke hoach tuyen truyen cai cach hanh chinh" | khparse repair -
      khparse repair --json samples/quang-ngai-vp-2024.txt | jq '.words[] | select(.confidence < 0.6)'
    """
    from khparse.load import from_path
    from khparse.read.pages import decode_plain
    from khparse.repair import repair_text

    with _stdout_guard():
        source = from_path(file)
        if source.kind is not SourceKind.text:
            raise InputError(f"{file}: `khparse repair` takes text; use `khparse extract` for {source.format} files.")
        result = repair_text(decode_plain(source.data, file))
    _write(_repair_json(result) if as_json else result.text, output)


UNSURE = 0.6  # `repair --json` lists the words whose chosen reading has less than this confidence


def _repair_json(result: Any) -> str:
    """The `repair --json` object: text, quality, and the words changed or unsure (line and column
    are 1-based, as editors count them)."""
    import json

    quality = result.quality
    words = [
        {"line": t.line + 1, "column": t.column + 1, "original": t.original, "repaired": t.text,
         "confidence": round(t.confidence, 3)}
        for t in result.tokens if t.text != t.original or t.confidence < UNSURE
    ]
    return json.dumps({
        "text": result.text,
        "quality": {"verdict": quality.verdict, "words": quality.words, "valid": round(quality.valid, 4),
                    "marked": round(quality.marked, 4)},
        "words": words,
    }, ensure_ascii=False)


@main.command()
@click.option("-o", "--output", metavar="FILE", help="Write the schema to FILE instead of stdout.")
@_handle_errors
def schema(output: str | None) -> None:
    """Print the JSON Schema of the Plan objects khparse emits.

    \b
    Example:
      khparse schema > plan.schema.json
    """
    _write(schema_json(), output)


main.add_command(batch_command)
