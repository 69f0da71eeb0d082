"""JSON out: UTF-8 with `ensure_ascii=False`, stable key order (the models' field order); files
written whole or not at all."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from khparse.model import SCHEMA_NAME, SCHEMA_VERSION, Plan


def plan_dict(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json", by_alias=True)


def plan_json(plan: Plan, *, pretty: bool = False) -> str:
    return json.dumps(plan_dict(plan), ensure_ascii=False, indent=2 if pretty else None)


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(mode="serialization", by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://khparse.example/schemas/{SCHEMA_NAME}-{SCHEMA_VERSION}.json",
        **schema,
    }


def schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"


def atomic_write(target: Path, text: str) -> None:
    """Write `text` to `target` through a temporary file renamed into place: atomic on POSIX, so
    a reader, or the next run of a batch, never sees half a file. Raises OSError."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
