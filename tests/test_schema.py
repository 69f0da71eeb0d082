"""The JSON Schema is generated from the models, checked in, and versioned inside every document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import khparse
from khparse.model import SCHEMA_NAME, SCHEMA_VERSION, Plan
from khparse.output import plan_dict, plan_json, plan_schema

from .conftest import ROOT, SAMPLES

SCHEMA_FILE = ROOT / "schemas" / "plan.schema.json"


def test_checked_in_schema_is_current() -> None:
    """Fails when the models change without `make schema` (khparse schema > schemas/plan.schema.json)."""
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == plan_schema()


@pytest.mark.parametrize("sample", sorted(SAMPLES.glob("*.golden.json")), ids=lambda p: p.name)
def test_golden_documents_validate_against_schema(sample: Path) -> None:
    document = json.loads(sample.read_text("utf-8"))
    jsonschema.validate(document, plan_schema())
    assert document["schema"] == SCHEMA_NAME
    assert document["schema_version"] == SCHEMA_VERSION


def test_json_round_trips_through_the_model() -> None:
    plan = khparse.extract(SAMPLES / "ben-tam-2025.txt")
    again = Plan.model_validate_json(plan_json(plan))
    assert again == plan
    assert plan_dict(again) == plan_dict(plan)


def test_old_minor_version_documents_still_load() -> None:
    """A 1.0.0 document (fixture kept as written then) loads with the current 1.x model."""
    old = json.loads((ROOT / "tests" / "fixtures" / "plan-1.0.0.json").read_text("utf-8"))
    assert old["schema_version"].split(".")[0] == SCHEMA_VERSION.split(".")[0]
    plan = Plan.model_validate(old)
    assert plan.header.number == "86/KH-UBND"


def test_unknown_fields_are_rejected() -> None:
    document = plan_dict(khparse.extract(SAMPLES / "thuong-xuan-2025.md"))
    document["header"]["surprise"] = 1
    with pytest.raises(ValueError, match="surprise"):
        Plan.model_validate(document)


def test_key_order_is_stable() -> None:
    keys = list(plan_dict(khparse.extract(SAMPLES / "thuong-xuan-2025.md")))
    assert keys[:4] == ["schema", "schema_version", "source", "header"]
    assert keys[-1] == "warnings"
