"""Running a command, without click: the process's set-up, the error handler every command runs
in, and what `khparse extract` does once its arguments are read. Shared by the click app (cli.py)
and the quick entry (entry.py), so both behave alike by construction.

Importing this module is cheap (the entry imports it first); each function imports what it uses.
click is imported only to write an error's message (and the rare note), so that it is written
exactly as the click app writes it.
"""

from __future__ import annotations

import _signal  # type: ignore[import-not-found]  # `signal` without the enums it builds on import (~0.4 ms a start)
import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

from khparse.errors import ExitCode, KhparseError, MissingDependencyError

F = TypeVar("F", bound=Callable[..., Any])


def set_up_process() -> None:
    """What a command-line process does before the modules that compile patterns and dataclasses,
    and before numpy, are imported. Runs once, whichever entry comes first."""
    from khparse import stand_ins

    # Before anything imports dataclasses or pathlib (startup_cache does): without what they import
    # for features khparse does not use.
    stand_ins.install()
    from khparse import startup_cache

    # Served from the cache files (startup_cache.py).
    startup_cache.install()
    # numpy's OpenBLAS starts a thread per core when numpy is imported (repair, scans), and those
    # threads spin for a while waiting for work khparse never gives them (it does no linear algebra):
    # a fresh `khparse repair` spent 0.85 s of CPU for 0.78 s of wall time, 0.49 s for 0.52 s with one.
    # Set before numpy is imported, so a process's numpy, and the batch workers forked from it, start
    # one; a value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


_paused: list[bool] = []  # the collector was turned off by pause_collector


def pause_collector() -> None:
    """No cyclic garbage collection while the modules are imported: an import makes thousands of
    objects that all live on, so each collection (about 50 of them in a text plan's start) finds
    nothing and only costs time (5-7 ms of ~110). `modules_imported` turns it back on."""
    if gc.isenabled():
        gc.disable()
        _paused.append(True)


def modules_imported() -> None:
    """Once the modules a run needs are imported: their objects set aside from collection for good
    (gc.freeze: later collections no longer walk them), and collection on again for the work
    itself, which makes and drops cycles (pages, OCR). Nothing when `pause_collector` did not turn
    it off (the click app run in a test, say)."""
    if _paused:
        _paused.clear()
        gc.freeze()
        gc.enable()


@contextlib.contextmanager
def stdout_guard() -> Iterator[None]:
    """Send anything a library prints to stderr, so piped JSON stays clean."""
    with contextlib.redirect_stdout(sys.stderr):
        yield


def fail(message: str, code: ExitCode) -> NoReturn:
    import click  # as the click app writes its messages (click.echo: stripping colours off a terminal, ...)

    click.echo(f"khparse: error: {message}", err=True)
    sys.exit(int(code))


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that what is running is cleaned up on the
    way out as for Ctrl-C: OCR workers and tesseract stopped, temporary files removed."""


# The signals taken as interrupts, with their names (Windows has no SIGHUP).
_SIGNALS = {getattr(_signal, name): name for name in ("SIGTERM", "SIGHUP") if hasattr(_signal, name)}


def _terminate(signum: int, frame: Any) -> None:
    raise _Terminated(_SIGNALS[signum])


@contextlib.contextmanager
def _signals_as_interrupts() -> Iterator[None]:
    try:
        before = {s: _signal.signal(s, _terminate) for s in _SIGNALS}
    except ValueError:  # not the main thread: signals go to the main thread only
        yield
        return
    try:
        yield
    finally:
        for s, handler in before.items():
            _signal.signal(s, handler)


def handle_errors(func: F) -> F:
    """Map every error to its exit code and a one-line message; a traceback only for bugs."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _signals_as_interrupts():
                return func(*args, **kwargs)
        except KhparseError as exc:
            fail(exc.message, exc.exit_code)
        except _Terminated as exc:
            fail(f"interrupted ({exc.args[0]})", ExitCode.interrupted)
        except KeyboardInterrupt:
            fail("interrupted", ExitCode.interrupted)
        except BrokenPipeError:
            # The reader went away while something other than the data was written (stdout
            # writes are OutputErrors already). As the Python docs advise: point stdout at devnull
            # so the final flush is quiet.
            with contextlib.suppress(OSError, ValueError, AttributeError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            fail("stdout: its reader went away (a broken pipe) before everything was written.",
                 ExitCode.output_failed)
        except Exception as exc:
            if os.environ.get("KHPARSE_DEBUG"):
                import traceback

                traceback.print_exc()
            fail(f"internal error ({type(exc).__name__}: {exc}); please report it with the input "
                 "file. Set KHPARSE_DEBUG=1 for the traceback.", ExitCode.internal_error)

    wrapper.__name__ = func.__name__
    wrapper.__doc__ = func.__doc__
    return wrapper  # type: ignore[return-value]


def write(text: str, output: str | None) -> None:
    """Data to stdout, or to `-o FILE` (safely: output.write_file); an OutputError otherwise."""
    from khparse.output import write_file, write_stdout

    text = text if text.endswith("\n") else text + "\n"
    if output in (None, "-"):
        write_stdout(text)
    else:
        assert output is not None
        write_file(output, text)


def extract(file: str, output: str | None, pretty: bool, jobs: int, options: Any) -> None:
    """`khparse extract` with its arguments read (`options`: an options.ExtractOptions)."""
    from khparse import load
    from khparse.load import display_name
    from khparse.options import bound_jobs
    from khparse.output import plan_json

    jobs = bound_jobs(jobs)
    with stdout_guard():
        source = load.from_path(file, max_bytes=options.max_input_size, max_text=options.max_text_size)
        # The parser: imported once there is an input to parse (not for the other commands, nor
        # for an input that cannot be read). The plan comes as a draft (model/drafts.py): checked
        # and dumped as pydantic would, without importing pydantic (about 90 ms a run).
        from khparse.pipeline import parse_source

        modules_imported()
        plan = parse_source(source, repair=options.repair, ocr=options.ocr, jobs=jobs,
                            ocr_timeout=options.ocr_timeout, max_pages=options.max_pages,
                            max_text=options.max_text_size)
    write(plan_json(plan, pretty=pretty), output)
    degraded = next((w for w in plan.warnings if w.code == "ocr_unavailable"), None)
    if degraded is not None:  # the plan is written, but it is not what was asked for: say so, exit 4
        raise MissingDependencyError(f"{display_name(file)}: {degraded.message}; the plan was written all the "
                                     "same. Pass --ocr never to accept a repaired layer.")


# Commands after which the process leaves at once (`leave`); a `batch` exits the usual way, since
# its worker pools clean up at exit.
QUICK_EXIT = frozenset(("extract", "repair", "schema"))


def leave(code: Any, command: str | None) -> None:
    """The end of a command-line run that exited with `code`: the start-up cache saved, then, after
    `extract`, `repair` or `schema`, the data flushed and the process left at once: the
    interpreter's tidying at exit (freeing every module of pydantic, numpy, pdfium: tens of
    milliseconds a run) is skipped. Returns when the usual exit must follow (another command, a
    code that is not a number, or a flush that failed and must be reported)."""
    from khparse import startup_cache

    startup_cache.save()
    if isinstance(code, int | None) and command in QUICK_EXIT and _flushed():
        os._exit(code or 0)


def _flushed() -> bool:
    """stdout and stderr flushed (True), or a flush failed and the usual exit must report it."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return False
    return True
