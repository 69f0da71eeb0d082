"""The unit of work, run inside a worker (a local process or a Dask worker): bytes in, Outcome out.

It never raises: a KhparseError becomes a failed outcome with its code, anything else an
internal_error, so one bad document cannot take the batch down. Plain tuples and dicts travel
between processes and machines; the parent turns them into Records.
"""

from __future__ import annotations

import time
from typing import Any, NamedTuple

from khparse.errors import KhparseError
from khparse.load import from_bytes
from khparse.options import ExtractOptions
from khparse.output import plan_dict
from khparse.pipeline import extract_source

DEFAULT_OPTIONS = ExtractOptions()


def _code(exc: KhparseError) -> str:
    """The record's error code: the exit code's name, but `timeout` for a page whose OCR timed out
    (a failure of the run, redone on resume, where `khparse extract` exits 3)."""
    from khparse.read.tesseract import OcrTimeoutError  # only on failure: it imports the OCR stack

    return "timeout" if isinstance(exc, OcrTimeoutError) else exc.exit_code.name


class Outcome(NamedTuple):
    plan: dict[str, Any] | None
    error: dict[str, Any] | None  # RecordError fields: code, message, stage, page
    seconds: float


def failure(code: str, message: str, stage: str = "batch", page: int | None = None,
            seconds: float = 0.0) -> Outcome:
    return Outcome(None, {"code": code, "message": message, "stage": stage, "page": page}, seconds)


def convert(name: str, data: bytes, options: ExtractOptions = DEFAULT_OPTIONS) -> Outcome:
    """Extract one plan from the bytes of one input, named `name` in messages and source.path,
    with the options of `khparse extract` (one page at a time: documents are the parallel unit)."""
    start = time.perf_counter()
    try:
        plan = plan_dict(extract_source(from_bytes(data, name), repair=options.repair, ocr=options.ocr,
                                        ocr_timeout=options.ocr_timeout, max_pages=options.max_pages,
                                        max_text=options.max_text_size))
    except KhparseError as exc:
        return failure(_code(exc), exc.message, exc.stage, exc.page, time.perf_counter() - start)
    except Exception as exc:
        return failure("internal_error", f"{name}: internal error ({type(exc).__name__}: {exc}); please "
                       "report it with the input file.", seconds=time.perf_counter() - start)
    return Outcome(plan, None, time.perf_counter() - start)
