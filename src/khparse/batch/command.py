"""The `batch` command: parse flags, build the pool, run, report. The work is in driver.py."""

from __future__ import annotations

import contextlib
import functools
import sys
import time
from typing import Any, TextIO

import click

from khparse import __version__
from khparse.batch import driver, inputs
from khparse.batch.convert import convert
from khparse.batch.progress import Progress
from khparse.batch.records import Record, data_version, to_line
from khparse.batch.resume import OutputDir
from khparse.cli_options import Seconds, extract_options
from khparse.errors import ExitCode, InputError
from khparse.options import ExtractOptions, bound_jobs, cpus
from khparse.output import write_stdout
from khparse.run import handle_errors


def _summary(summary: driver.Summary, total: int, seconds: float) -> str:
    parts = [f"{summary.status[s]} {s}" for s in ("ok", "partial", "failed", "skipped") if summary.status[s]]
    line = f"khparse batch: {total} inputs in {seconds:.1f} s ({total / max(seconds, 1e-9):.1f}/s): "
    line += ", ".join(parts) or "nothing done"
    if summary.resumed:
        line += f"; {summary.resumed} done before, taken from the manifest"
    if summary.codes:
        line += "\n  failed: " + ", ".join(f"{n} {code}" for code, n in summary.codes.most_common())
    return line


def _run(paths: tuple[str, ...], output: str | None, jobs: int | None, globs: tuple[str, ...],
         timeout: float, fail_fast: bool, quiet: bool, scheduler: str | None, max_tasks: int, null: bool,
         case_sensitive: bool, force: bool, retry_failed: bool, options: ExtractOptions) -> None:
    started = time.monotonic()
    if output == "-":
        output = None  # `-o -`: stdout, as for extract
    notes: list[str] = []
    found = inputs.expand(paths, globs, skip=output, null=null, case_sensitive=case_sensitive, notes=notes)
    if not quiet:
        for note in notes:
            click.echo(f"khparse: note: {note}", err=True)
    if not found:
        raise InputError(f"no input found in {' '.join(paths)}" + (f" matching {' '.join(globs)}" if globs else ""))
    # Stored by inputs refused as unreadable (resume.py): another limit converts them again.
    limits = {"max_pages": options.max_pages, "max_text_size": options.max_text_size}
    work = functools.partial(convert, options=options)
    stdout: TextIO = sys.stdout
    show = not quiet and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        # Anything a library prints goes to stderr; records go to the real stdout, saved above.
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))
        pool: driver.Pool
        if scheduler:
            from khparse.batch.dask_runner import DaskPool

            pool = DaskPool(scheduler, timeout=timeout or None, fn=work)
            window = 2 * pool.slots + 16
        else:
            from khparse.batch.runner import LocalPool

            # The language data hashed (data_version, ~20 ms) while the pool's parent process warms up.
            pool = LocalPool(bound_jobs(jobs or cpus()), timeout=timeout or None, max_tasks=max_tasks, fn=work,
                             alongside=data_version)
            # Wide enough for the other workers to go on while one repairs a garbled plan (driver.py).
            window = 32 * pool.jobs + 16
        stack.callback(pool.close)
        stamp = {"khparse_version": __version__, "data_version": data_version(), "options": options.changes_output()}
        out = stack.enter_context(contextlib.closing(OutputDir(
            output, stamp=stamp, force=force, retry_failed=retry_failed, limits=limits))) if output else None
        # Only on a terminal (progress.py: why it never splits a record when stdout is that terminal too).
        bar = stack.enter_context(Progress(sys.stderr, len(found))) if show else None
        if bar is not None:
            bar.start(found[0].name)

        def emit(record: Record, plan: str | None) -> None:
            if out is None:
                if bar is not None:
                    bar.clear()
                # One record at a time, as it is ready: `| jq` sees it at once.
                write_stdout(to_line(record, plan=plan), stdout)

        def done(record: Record, resumed: bool) -> None:
            if bar is not None:
                bar.done(resumed=resumed, next_name=found[bar.count + 1].name if bar.count + 1 < len(found) else None)

        summary = driver.run(found, pool, emit, out=out, fail_fast=fail_fast, window=window, stamp=stamp,
                             max_bytes=options.max_input_size, on_done=done, limits=limits,
                             on_wait=bar.tick if bar is not None else None, max_text=options.max_text_size)
    if not quiet:
        click.echo(_summary(summary, len(found), time.monotonic() - started), err=True)
    if summary.failed:
        sys.exit(int(ExitCode.batch_partial))


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", metavar="DIR",
              help="Write one JSON per input under DIR, mirroring the input tree (paths relative to each "
              "PATH), and DIR/manifest.jsonl (one record per input) instead of JSON Lines on stdout "
              "(-o - is stdout). Re-running resumes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (at most 4 per CPU)  [default: the number of CPUs]")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Take only files matching PATTERN inside directories and ZIP archives (repeatable; case "
              "ignored); e.g. '*.pdf', or 'sub/*.txt' to match the path inside.")
@click.option("--case-sensitive", is_flag=True, help="Match --glob patterns with case ('*.pdf' then misses A.PDF).")
@click.option("-0", "--null", is_flag=True,
              help="The list of paths on stdin (PATH -) is separated by NUL bytes, as `find -print0` writes.")
@click.option("--timeout", type=Seconds(0), default=600, show_default=True, metavar="S",
              help="Seconds one input may take; then it fails with code timeout. 0: no limit.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed input; the rest get status skipped.")
@click.option("--retry-failed", is_flag=True,
              help="With -o DIR: convert again every input whose stored record failed, whatever the reason.")
@click.option("--force", is_flag=True, help="With -o DIR: convert every input again, ignoring stored records.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary on stderr.")
@click.option("--scheduler", metavar="URL",
              help="Run on a Dask cluster, e.g. tcp://host:8786; its scheduler and workers need khparse (README: "
              "On a cluster).")
@click.option("--max-tasks-per-worker", "max_tasks", type=click.IntRange(min=1), default=100,
              show_default=True, metavar="N", help="Replace a local worker after N inputs, to keep memory bounded.")
@extract_options
def batch_command(**options: Any) -> None:
    """Convert many plans: one JSON record per input, in input order.

    PATH is a file, a directory (searched recursively), a .zip archive (its members are read
    without unpacking), or - for a list of paths on stdin, one per line (-0: NUL-separated).
    --no-repair, --ocr, --ocr-timeout and --max-input-size work as for `khparse extract`.

    Each record is {input, sha256, status, plan | error, seconds}; status is ok, partial (no
    header or no sections found), failed (error.code says why: input_unreadable, not_a_plan,
    missing_dependency, timeout, internal_error) or skipped (after --fail-fast).

    \b
    Examples:
      khparse batch archive/ --jobs 2 > plans.jsonl
      khparse batch archive/ --glob '*.pdf' -o plans/      # re-run the same to resume
      khparse batch scans.zip -q | jq -c 'select(.status == "failed") | .error'
      find /data -name '*.pdf' -mtime -7 -print0 | khparse batch -0 - -o plans/
      khparse batch archive/ --scheduler tcp://10.0.0.5:8786 -o plans/

    Exit codes: 0 when every input succeeded (ok or partial), 6 when any failed, 7 when the
    output cannot be written (see `khparse --help`).
    """
    handle_errors(_run)(**options)
