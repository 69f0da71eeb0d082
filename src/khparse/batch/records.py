"""One record per input of a batch: what became of it, as one JSON line.

`status` is the contract a pipeline downstream relies on:

- ok: a Plan was extracted.
- partial: a Plan was extracted, but a whole part of it is missing: its warnings include one of
  PARTIAL_WARNINGS (no Decree 30 header, no Roman-numbered sections). Other warnings (a blank number
  as in a draft, no signer, a numbering gap) describe the document itself and are common in real,
  complete plans, so they do not make a record partial.
- failed: no Plan; `error` says why, with a stable code.
- skipped: not converted in this run (`--fail-fast` stopped the batch before it); `error.code` is
  `not_run`. A resumed run re-emits stored records unchanged instead (see resume.py).
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated, Any

from pydantic import Field

from khparse.model.base import Model

PARTIAL_WARNINGS = frozenset({"header_missing", "no_sections"})


class Status(str, Enum):
    ok = "ok"
    partial = "partial"
    failed = "failed"
    skipped = "skipped"


class ErrorCode(str, Enum):
    """Why an input has no plan. The first four are the names of khparse's exit codes."""

    internal_error = "internal_error"  # a bug in khparse, or the worker process died
    input_unreadable = "input_unreadable"  # missing, empty, encrypted, truncated, not a document
    missing_dependency = "missing_dependency"  # tesseract or its Vietnamese data is not installed
    not_a_plan = "not_a_plan"  # readable text, but nothing of a plan (e.g. not Vietnamese)
    timeout = "timeout"  # conversion took longer than --timeout; the worker was killed
    not_run = "not_run"  # skipped: --fail-fast stopped the batch first


# Failures worth another try when a batch is resumed: they depend on the run, not the document.
# (Records skipped by --fail-fast, code not_run, are always converted again: resume.lookup.)
RETRY_ON_RESUME = frozenset({ErrorCode.internal_error, ErrorCode.missing_dependency, ErrorCode.timeout})


class RecordError(Model):
    code: Annotated[ErrorCode, Field(description="Stable machine-readable reason.")]
    message: Annotated[str, Field(description="What went wrong and, where possible, what to do.")]
    stage: Annotated[
        str, Field(description="Pipeline stage that failed: load, text, fields, … or 'batch' for the runner.")
    ]
    page: Annotated[int | None, Field(description="Page concerned, where known.")] = None


class Record(Model):
    """What became of one input of `khparse batch`; one JSON line each, in input order."""

    input: Annotated[
        str,
        Field(description="The input as found: a path, or 'archive.zip/member/path' for a ZIP member."),
    ]
    sha256: Annotated[
        str | None,
        Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the input bytes; null if they could not be read."),
    ]
    status: Annotated[Status, Field(description="ok, partial, failed or skipped (see the batch docs).")]
    plan: Annotated[
        dict[str, Any] | None,
        Field(description="The Plan, exactly as `khparse extract` prints it; null unless ok or partial. "
              "Left out of manifest.jsonl, whose `output` points to the file holding it."),
    ] = None
    error: Annotated[RecordError | None, Field(description="Why there is no plan; null when there is one.")] = None
    output: Annotated[
        str | None,
        Field(description="With -o DIR: the plan's file, relative to DIR; null otherwise or without a plan."),
    ] = None
    seconds: Annotated[float, Field(ge=0.0, description="Wall time spent converting this input.")] = 0.0


def status_of(plan: dict[str, Any]) -> Status:
    codes = {w.get("code") for w in plan.get("warnings", [])}
    return Status.partial if codes & PARTIAL_WARNINGS else Status.ok


def to_line(record: Record, *, with_plan: bool = True) -> str:
    """One JSON line (with its newline): UTF-8, not ASCII escapes, key order as in the model."""
    data = record.model_dump(mode="json", exclude=None if with_plan else {"plan"})
    return json.dumps(data, ensure_ascii=False) + "\n"


def from_line(line: str) -> Record:
    return Record.model_validate_json(line)
