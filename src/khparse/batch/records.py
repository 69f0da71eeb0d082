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

A plan that was made worse by the run rather than the document (OCR wanted, tesseract missing: the
warning `ocr_unavailable`) is partial, and its codes are listed in `degraded`: resume converts it
again. Every record carries what made it (`khparse_version`, `data_version`, `options`), so a
resume with another khparse, other language data or other options converts again.
The JSON Schema of a record is schemas/batch-record.schema.json (`khparse schema --batch-record`).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from khparse.model.base import Model

PARTIAL_WARNINGS = frozenset({"header_missing", "no_sections"})
# Warnings that say the run, not the document, was lacking: the record is partial and redone on resume.
DEGRADED_WARNINGS = frozenset({"ocr_unavailable"})
RECORD_SCHEMA_NAME = "khparse.batch-record"


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
    timeout = "timeout"  # conversion (or one page's OCR) took longer than --timeout / --ocr-timeout
    output_failed = "output_failed"  # with -o DIR: the plan file could not be written (name, disk)
    not_run = "not_run"  # skipped: --fail-fast stopped the batch first


# Failures worth another try when a batch is resumed: they depend on the run, not the document.
# (Records skipped by --fail-fast, code not_run, are always converted again: resume.lookup.)
RETRY_ON_RESUME = frozenset({ErrorCode.internal_error, ErrorCode.missing_dependency, ErrorCode.timeout,
                             ErrorCode.output_failed})


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
        Field(description="The input as found: a path, or 'archive.zip/member/path' for a ZIP member. A name "
              "that is not UTF-8 shows its undecodable bytes as \\xNN (see input_bytes)."),
    ]
    input_bytes: Annotated[
        str | None,
        Field(description="Only for a name that is not UTF-8: its exact bytes, base64-encoded; null otherwise."),
    ] = None
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
    degraded: Annotated[
        list[str],
        Field(description="Warning codes saying the run, not the document, made the plan worse (e.g. "
              "ocr_unavailable: OCR was wanted, tesseract could not run); such records are redone on resume."),
    ] = Field(default_factory=list)
    khparse_version: Annotated[str, Field(description="The khparse version that made this record.")] = ""
    data_version: Annotated[
        str, Field(description="Hash of khparse's language data files (src/khparse/data) that made it.")
    ] = ""
    options: Annotated[
        dict[str, Any],
        Field(description="The options that change a plan (repair, ocr), as this record was made; for an input "
              "refused as unreadable also the limits (max_pages, max_text_size) it was refused under."),
    ] = Field(default_factory=dict)


def status_of(warnings: Iterable[str]) -> Status:
    """The status of a plan with these warning codes."""
    return Status.partial if set(warnings) & (PARTIAL_WARNINGS | DEGRADED_WARNINGS) else Status.ok


def degraded_of(warnings: Iterable[str]) -> list[str]:
    return sorted(set(warnings) & DEGRADED_WARNINGS)


@functools.cache
def data_version() -> str:
    """Hash of the shipped language data (names and bytes of src/khparse/data/*), computed once."""
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent.parent / "data"
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_file() and not path.name.startswith(".") and path.suffix != ".md":  # not NOTICE.md
            digest.update(path.name.encode() + b"\0")
            with path.open("rb") as f:
                for block in iter(lambda: f.read(2**20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def raw_name(name: str) -> str | None:
    """base64 of a path's bytes when it is not UTF-8 (Python keeps those bytes as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return base64.b64encode(os.fsencode(name)).decode("ascii")
    return None


def record_schema() -> dict[str, Any]:
    schema = Record.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://khparse.example/schemas/{RECORD_SCHEMA_NAME}.json", **schema}


def record_schema_json() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2) + "\n"


def to_line(record: Record, *, with_plan: bool = True, plan: str | None = None) -> str:
    """One JSON line (with its newline): UTF-8, not ASCII escapes, key order as in the model.

    `plan`: the plan's JSON text (convert.Outcome), which a batch's records carry beside them rather
    than as `record.plan`; it goes into the line as it is, where json.dumps would write the plan."""
    data = record.model_dump(mode="json", exclude=None if with_plan else {"plan"})
    if plan is None or not with_plan:
        return json.dumps(data, ensure_ascii=False) + "\n"
    # json.dumps writes an object as '{' + '"key": value' joined by ', ' + '}', each value as it
    # writes that value alone: so the line is the one json.dumps would write with the plan's data.
    items = (f"{json.dumps(key)}: {plan if key == 'plan' else json.dumps(value, ensure_ascii=False)}"
             for key, value in data.items())
    return "{" + ", ".join(items) + "}\n"


def from_line(line: str) -> Record:
    return Record.model_validate_json(line)
