"""The command line: parse flags, call the library, format output. stdout carries data only."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from khparse import startup_cache

# Before the modules below compile their patterns and dataclasses: served from the cache files.
startup_cache.install()
# numpy's OpenBLAS starts a thread per core when numpy is imported (repair, scans), and those
# threads spin for a while waiting for work khparse never gives them (it does no linear algebra):
# a fresh `khparse repair` spent 0.85 s of CPU for 0.78 s of wall time, 0.49 s for 0.52 s with one.
# Set before numpy is imported, so a process's numpy, and the batch workers forked from it, start
# one; a value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from khparse import __version__, load  # noqa: E402
from khparse.errors import ExitCode, InputError, KhparseError, MissingDependencyError  # noqa: E402
from khparse.load import display_name  # noqa: E402
from khparse.model import SourceKind  # noqa: E402
from khparse.options import ExtractOptions, Size, bound_jobs, extract_options  # noqa: E402
from khparse.output import guard_standard_streams, plan_json, schema_json, write_file, write_stdout  # noqa: E402

F = TypeVar("F", bound=Callable[..., Any])


@contextlib.contextmanager
def _stdout_guard() -> Iterator[None]:
    """Send anything a library prints to stderr, so piped JSON stays clean."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def _fail(message: str, code: ExitCode) -> None:
    click.echo(f"khparse: error: {message}", err=True)
    sys.exit(int(code))


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that what is running is cleaned up on the
    way out as for Ctrl-C: OCR workers and tesseract stopped, temporary files removed."""


def _terminate(signum: int, frame: Any) -> None:
    raise _Terminated(signal.Signals(signum).name)


@contextlib.contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # signals go to the main thread only
        yield
        return
    before = {s: signal.signal(s, _terminate) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _handle_errors(func: F) -> F:
    """Map every error to its exit code and a one-line message; a traceback only for bugs."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _signals_as_interrupts():
                return func(*args, **kwargs)
        except KhparseError as exc:
            _fail(exc.message, exc.exit_code)
        except _Terminated as exc:
            _fail(f"interrupted ({exc.args[0]})", ExitCode.interrupted)
        except KeyboardInterrupt:
            _fail("interrupted", ExitCode.interrupted)
        except BrokenPipeError:
            # The reader went away while something other than the data was written (stdout
            # writes are OutputErrors already). As the Python docs advise: point stdout at devnull
            # so the final flush is quiet.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            _fail("stdout: its reader went away (a broken pipe) before everything was written.",
                  ExitCode.output_failed)
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
    """Data to stdout, or to `-o FILE` (safely: output.write_file); an OutputError otherwise."""
    text = text if text.endswith("\n") else text + "\n"
    if output in (None, "-"):
        write_stdout(text)
    else:
        assert output is not None
        write_file(output, text)


class _Commands(click.Group):
    """The command group. `batch` (its pool, records and resume code) is imported only when it
    is run or listed, and a finished `extract`, `repair` or `schema` leaves the process at once:
    the data is flushed, and the interpreter's tidying at exit (freeing every module of
    pydantic, numpy, pdfium: tens of milliseconds a run) is skipped. A `batch` exits the usual
    way, since its worker pools clean up at exit."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        try:
            return super().main(args, *rest, **kwargs)
        except SystemExit as done:
            code = done.code
            words = sys.argv[1:] if args is None else []  # not under a test runner (args given)
            if args is None:
                startup_cache.save()
            if (args is None and isinstance(code, int | None) and words and words[0] in _QUICK_EXIT
                    and _flushed()):
                os._exit(code or 0)
            raise


_QUICK_EXIT = frozenset(("extract", "repair", "schema"))


def _flushed() -> bool:
    """stdout and stderr flushed (True), or a flush failed and the usual exit must report it."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
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
    5 not a plan, 6 batch partly failed, 7 output cannot be written, 130 interrupted.
    """
    guard_standard_streams()


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout.")
@click.option("--pretty", is_flag=True, help="Indent the JSON for reading.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Pages to OCR in parallel (at most 4 per CPU).")
@extract_options
@_handle_errors
def extract_cmd(file: str, output: str | None, pretty: bool, jobs: int, options: ExtractOptions) -> None:
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
    (source.pages[].text_source says "repaired"); --no-repair keeps it as printed. When a page
    needed OCR and tesseract cannot run, the plan is still printed, with the warning
    ocr_unavailable, and the exit code is 4 (--ocr never: 0).
    """
    jobs = bound_jobs(jobs)
    with _stdout_guard():
        source = load.from_path(file, max_bytes=options.max_input_size, max_text=options.max_text_size)
        # The parser: imported once there is an input to parse (not for the other commands, nor
        # for an input that cannot be read). The plan comes as a draft (model/drafts.py): checked
        # and dumped as pydantic would, without importing pydantic (about 90 ms a run).
        from khparse.pipeline import parse_source

        plan = parse_source(source, repair=options.repair, ocr=options.ocr, jobs=jobs,
                            ocr_timeout=options.ocr_timeout, max_pages=options.max_pages,
                            max_text=options.max_text_size)
    _write(plan_json(plan, pretty=pretty), output)
    degraded = next((w for w in plan.warnings if w.code == "ocr_unavailable"), None)
    if degraded is not None:  # the plan is written, but it is not what was asked for: say so, exit 4
        raise MissingDependencyError(f"{display_name(file)}: {degraded.message}; the plan was written all the "
                                     "same. Pass --ocr never to accept a repaired layer.")


extract_cmd.name = "extract"


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the repaired text to FILE instead of stdout.")
@click.option("--max-input-size", type=Size(), default=f"{load.MAX_INPUT_BYTES // 2**20}M", show_default=True,
              metavar="SIZE", help="Refuse inputs larger than SIZE (e.g. 300M, 2G).")
@click.option("--max-text-size", type=Size(), default=f"{load.MAX_TEXT_BYTES // 2**20}M", show_default=True,
              metavar="SIZE", help="Refuse text larger than SIZE: repair needs about 150 MB of memory per MB of "
              "garbled text.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead: the text, its quality, and every word repair changed "
                   "or was unsure of (confidence below 0.6), with line, column and confidence.")
@_handle_errors
def repair(file: str, output: str | None, max_input_size: int, max_text_size: int, as_json: bool) -> None:
    """Restore the diacritics of stripped or OCR-garbled Vietnamese text.

    Line i of the output is the repair of line i of the input. Numbers, dates, document
    symbols (76/NQ-CP), acronyms (UBND; HDND becomes HĐND), URLs and foreign names are kept.

    \b
    Examples:
      khparse repair samples/ben-tam-2025.txt
      echo "ke hoach tuyen truyen cai cach hanh chinh" | khparse repair -
      khparse repair --json samples/quang-ngai-vp-2024.txt | jq '.words[] | select(.confidence < 0.6)'
    """
    from khparse.read.pages import decode_plain
    from khparse.repair import repair_text

    with _stdout_guard():
        source = load.from_path(file, max_bytes=max_input_size, max_text=max_text_size)
        if source.kind is not SourceKind.text:
            raise InputError(f"{file}: `khparse repair` takes text; use `khparse extract` for {source.format} files.")
        load.check_text_size(source.path or file, len(source.data), max_text_size)
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
@click.option("--batch-record", is_flag=True, help="The schema of one `khparse batch` record instead.")
@_handle_errors
def schema(output: str | None, batch_record: bool) -> None:
    """Print the JSON Schema of the Plan objects khparse emits (or of batch records).

    \b
    Examples:
      khparse schema > plan.schema.json
      khparse schema --batch-record > batch-record.schema.json
    """
    if batch_record:
        from khparse.batch.records import record_schema_json

        _write(record_schema_json(), output)
    else:
        _write(schema_json(), output)


class _LazyCommands(dict[str, click.Command]):
    """The group's commands, `batch` imported the first time it is looked up."""

    def _load(self, name: str) -> click.Command:
        command = dict.__getitem__(self, name)
        if command is _BATCH_PLACEHOLDER:
            from khparse.batch.command import batch_command

            command = batch_command
            dict.__setitem__(self, name, command)
        return command

    def __getitem__(self, name: str) -> click.Command:
        return self._load(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self._load(name) if name in self else default

    def items(self) -> Any:
        return [(name, self._load(name)) for name in self]

    def values(self) -> Any:
        return [self._load(name) for name in self]


_BATCH_PLACEHOLDER = click.Command("batch")
main.commands = _LazyCommands({**main.commands, "batch": _BATCH_PLACEHOLDER})
