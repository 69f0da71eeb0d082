"""The unit of work, run inside a worker (a local process or a Dask worker): bytes in, Outcome out.

It never raises: a KhparseError becomes a failed outcome with its code, anything else an
internal_error, so one bad document cannot take the batch down. Plain tuples and strings travel
between processes and machines; the parent turns them into Records.

The plan travels as its JSON text, written here, in the worker, exactly as `khparse extract` prints
it: the batch process writes that text as it is (into the record's line, or the plan's file) and
never builds the plan's objects again. Unpickling the nested dicts and writing them as JSON again
took the batch process about 0.2 ms a text plan, on a core the workers want when there are as many
of them as cores; and the text is small to hold while a record waits for the ones before it
(about a fifth of the memory of the dicts).
"""

from __future__ import annotations

import json
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
    plan: str | None  # the plan's JSON text, as `khparse extract` prints it (without the newline)
    error: dict[str, Any] | None  # RecordError fields: code, message, stage, page
    seconds: float
    warnings: tuple[str, ...] = ()  # the codes of the plan's warnings (its status: records.status_of)


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
    return planned(plan, time.perf_counter() - start)


def planned(plan: dict[str, Any], seconds: float) -> Outcome:
    """The outcome of a converted input, its plan (JSON data, output.plan_dict) written as text."""
    codes = tuple(str(w.get("code")) for w in plan.get("warnings", []))
    return Outcome(json.dumps(plan, ensure_ascii=False), None, seconds, codes)
