"""The error hierarchy and its exit codes: a stable, documented contract.

Every failure a user can cause or meet is one of these; each carries the exit code the command line
returns and a sentence that tells the user what to do. Third-party exceptions are wrapped at the
boundary where they occur, so nothing else escapes as a traceback.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the `khparse` command. Stable across 1.x; documented in the README."""

    ok = 0
    internal_error = 1  # a bug in khparse: please report it
    usage = 2  # wrong flags or arguments (click's own code)
    input_unreadable = 3  # missing, empty, binary, undecodable or otherwise unusable input
    missing_dependency = 4  # tesseract or its Vietnamese data is not installed
    not_a_plan = 5  # the input is readable text but nothing of a plan could be found in it
    batch_partial = 6  # a batch finished, but at least one input failed
    interrupted = 130  # Ctrl-C


class KhparseError(Exception):
    """Base of all errors khparse reports to its user."""

    exit_code: ExitCode = ExitCode.internal_error
    stage: str = "khparse"

    def __init__(self, message: str, *, page: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.page = page


class InputError(KhparseError):
    """The input cannot be read as a document (missing, empty, binary, wrong encoding, ...)."""

    exit_code = ExitCode.input_unreadable
    stage = "load"


class MissingDependencyError(KhparseError):
    """An external program or data file khparse needs is not installed."""

    exit_code = ExitCode.missing_dependency
    stage = "text"


class NotAPlanError(KhparseError):
    """The text was read, but it holds no recognisable part of a plan."""

    exit_code = ExitCode.not_a_plan
    stage = "fields"
