"""The `batch` command: parse flags, build the pool, run, report. The work is in driver.py."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Any, TextIO

import click

from khparse.batch import driver, inputs
from khparse.batch.records import Record, to_line
from khparse.batch.resume import OutputDir
from khparse.errors import ExitCode, InputError


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
         timeout: float, fail_fast: bool, quiet: bool, scheduler: str | None, max_tasks: int) -> None:
    started = time.monotonic()
    found = inputs.expand(paths, globs, skip=output)
    if not found:
        raise InputError(f"no input found in {' '.join(paths)}" + (f" matching {' '.join(globs)}" if globs else ""))
    stdout: TextIO = sys.stdout
    show = not quiet and sys.stderr.isatty()
    with contextlib.ExitStack() as stack:
        # Anything a library prints goes to stderr; records go to the real stdout, saved above.
        stack.enter_context(contextlib.redirect_stdout(sys.stderr))
        out = stack.enter_context(contextlib.closing(OutputDir(output))) if output else None
        pool: driver.Pool
        if scheduler:
            from khparse.batch.dask_runner import DaskPool

            pool = DaskPool(scheduler, timeout=timeout or None)
            window = 2 * pool.slots + 16
        else:
            from khparse.batch.runner import LocalPool

            pool = LocalPool(jobs or _cpus(), timeout=timeout or None, max_tasks=max_tasks)
            window = 4 * pool.jobs + 8
        stack.callback(pool.close)
        # Only on a terminal: click would otherwise still print the label once.
        bar: Any = stack.enter_context(click.progressbar(length=len(found), file=sys.stderr)) if show else None

        def emit(record: Record) -> None:
            if out is None:
                stdout.write(to_line(record))
                stdout.flush()  # one record at a time, as it is ready: `| jq` sees it at once
            if bar is not None:
                bar.update(1)

        summary = driver.run(found, pool, emit, out=out, fail_fast=fail_fast, window=window)
    if not quiet:
        click.echo(_summary(summary, len(found), time.monotonic() - started), err=True)
    if summary.failed:
        sys.exit(int(ExitCode.batch_partial))


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", metavar="DIR",
              help="Write one JSON per input under DIR, mirroring the input tree, and DIR/manifest.jsonl "
              "(one record per input) instead of JSON Lines on stdout. Re-running resumes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes  [default: the number of CPUs]")
@click.option("--glob", "globs", multiple=True, metavar="PATTERN",
              help="Take only files matching PATTERN inside directories and ZIP archives (repeatable); "
              "e.g. '*.pdf', or 'sub/*.txt' to match the path inside.")
@click.option("--timeout", type=click.FloatRange(min=0), default=600, show_default=True, metavar="S",
              help="Seconds one input may take; then it fails with code timeout. 0: no limit.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed input; the rest get status skipped.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary on stderr.")
@click.option("--scheduler", metavar="URL",
              help="Run on a Dask cluster, e.g. tcp://host:8786 (pip install 'khparse[dask]').")
@click.option("--max-tasks-per-worker", "max_tasks", type=click.IntRange(min=1), default=100,
              show_default=True, metavar="N", help="Replace a local worker after N inputs, to keep memory bounded.")
def batch_command(**options: Any) -> None:
    """Convert many plans: one JSON record per input, in input order.

    PATH is a file, a directory (searched recursively), a .zip archive (its members are read
    without unpacking), or - for a list of paths on stdin, one per line.

    Each record is {input, sha256, status, plan | error, seconds}; status is ok, partial (no
    header or no sections found), failed (error.code says why: input_unreadable, not_a_plan,
    missing_dependency, timeout, internal_error) or skipped (after --fail-fast).

    \b
    Examples:
      khparse batch archive/ --jobs 2 > plans.jsonl
      khparse batch archive/ --glob '*.pdf' -o plans/      # re-run the same to resume
      khparse batch scans.zip -q | jq -c 'select(.status == "failed") | .error'
      find /data -name '*.pdf' -mtime -7 | khparse batch - -o plans/
      khparse batch archive/ --scheduler tcp://10.0.0.5:8786 -o plans/

    Exit codes: 0 when every input succeeded (ok or partial), 6 when any failed.
    """
    from khparse.cli import _handle_errors  # here, not at the top: cli.py imports this module

    _handle_errors(_run)(**options)
