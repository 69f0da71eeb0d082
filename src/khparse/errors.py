"""The error hierarchy and its exit codes: a stable, documented contract.

Every failure a user can cause or meet is one of these; each carries the exit code the command line
returns and a sentence that tells the user what to do. Third-party exceptions are wrapped at the
boundary where they occur, so nothing else escapes as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `khparse` command. Stable across 1.x; the README's table says the same.

    0   ok: done; for `batch`, every input is ok or partial.
    1   internal_error: a bug in khparse; the message asks for a report (KHPARSE_DEBUG=1: traceback).
    2   usage: an unknown flag, a missing argument, a bad value (a timeout of nan or below its
        minimum, a size that is not a size).
    3   input_unreadable: missing, empty, a directory, not a regular file (a FIFO, a device such as
        /dev/zero, a socket), over the size limit (--max-input-size), binary, not UTF-8, a broken
        PDF, image, Word file or archive, a decompression bomb, more pages than --max-pages, an OCR
        page timeout.
    4   missing_dependency: tesseract or its `vie` data (or antiword/LibreOffice for .doc) is not
        installed, and the document needs it; the message has the install command. `extract` also
        exits 4 when OCR was wanted for a page and could not run (unless `--ocr never`).
    5   not_a_plan: readable text in which nothing of a plan was found.
    6   batch_partial: a batch finished, but at least one input failed (each has its record).
    7   output_failed: the output cannot be written: `-o` names a directory, a block device or a
        socket, or a folder that does not exist or is read-only; the disk is full (or /dev/full);
        stdout is closed, or its reader went away (a broken pipe) before all was written.
    130 interrupted: Ctrl-C (SIGINT), SIGTERM or SIGHUP (workers are stopped and temporary files
        removed first).
    """

    ok = 0
    internal_error = 1  # a bug in khparse: please report it
    usage = 2  # wrong flags or arguments (click's own code)
    input_unreadable = 3  # missing, empty, not a regular file, too large, binary, undecodable, ...
    missing_dependency = 4  # tesseract or its Vietnamese data is not installed
    not_a_plan = 5  # the input is readable text but nothing of a plan could be found in it
    batch_partial = 6  # a batch finished, but at least one input failed
    output_failed = 7  # the output could not be written (directory, read-only, disk full, stdout closed)
    interrupted = 130  # Ctrl-C, SIGTERM, SIGHUP


class KhparseError(Exception):
    """Base of all errors khparse reports to its user."""

    exit_code: ExitCode = ExitCode.internal_error
    stage: str = "khparse"

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page


class UsageError(KhparseError):
    """A flag's value cannot be used (found after click parsed it); say which and what is allowed."""

    exit_code = ExitCode.usage
    stage = "usage"


class InputError(KhparseError):
    """The input cannot be read as a document (missing, empty, binary, wrong encoding, ...)."""

    exit_code = ExitCode.input_unreadable
    stage = "load"


class NotARegularFileError(InputError):
    """A FIFO, a device (/dev/zero, /dev/urandom), a socket: a stream with no end khparse could
    trust. The message says what it is and how to feed it (`cat FIFO | khparse extract -`)."""


class TooLargeError(InputError):
    """An input over the size limit; the message names the limit and --max-input-size."""


class MissingDependencyError(KhparseError):
    """An external program or data file khparse needs is not installed."""

    exit_code = ExitCode.missing_dependency
    stage = "text"


class NotAPlanError(KhparseError):
    """The text was read, but it holds no recognisable part of a plan."""

    exit_code = ExitCode.not_a_plan
    stage = "fields"


class OutputError(KhparseError):
    """The output cannot be written: the message names the target, why, and what to do."""

    exit_code = ExitCode.output_failed
    stage = "output"
