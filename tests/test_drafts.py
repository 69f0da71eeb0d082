"""The drafts (model/drafts.py) mirror the pydantic models: same fields, defaults and constraints; the
same JSON; and whatever a draft does not take as it is goes to pydantic, with pydantic's own error."""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import khparse.model as model
from khparse import load
from khparse.model import drafts
from khparse.output import plan_json
from khparse.pipeline import extract_source, parse_source

ROOT = Path(__file__).resolve().parent.parent
MODELS = [model.Plan, model.SourceInfo, model.PageInfo, model.Header, model.Citation, model.Paragraph, model.Item,
          model.Subsection, model.Section, model.Assignment, model.Appendix, model.Signer, model.Warning,
          model.Location]
TEXTS = sorted(p for p in [*ROOT.glob("samples/*"), *ROOT.glob("tests/fixtures/**/*")]
               if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md")


def shape(hint: Any) -> Any:
    """A field type with pydantic's and the drafts' own markers removed, models by name."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return shape(args[0])
    if origin is typing.Union or origin is types.UnionType:
        return ("union", frozenset(shape(a) for a in args))
    if origin in (list, dict):
        return (origin, tuple(shape(a) for a in args))
    if origin is typing.Literal:
        return ("literal", args)
    if isinstance(hint, type) and issubclass(hint, BaseModel | drafts.Draft):
        return ("model", hint.__name__)
    return hint


def limits(items: list[Any]) -> dict[str, Any]:
    found = {}
    for item in items:
        for name in ("ge", "le", "pattern"):
            if getattr(item, name, None) is not None:
                found[name] = getattr(item, name)
    return found


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_each_draft_has_the_models_fields_defaults_and_constraints(cls: type[BaseModel]) -> None:
    cls.model_rebuild()  # Item and Subsection refer to Node, defined after them
    draft = drafts._DRAFTS[cls.__name__]
    drafts._prepare(draft)
    hints = typing.get_type_hints(draft, globalns=vars(drafts), include_extras=True)
    assert [name for name, *_ in draft._fields] == list(cls.model_fields)
    for name, key, _check, default in draft._fields:
        field = cls.model_fields[name]
        assert key == (field.alias or name)
        assert (default is drafts._MISSING) == field.is_required(), name
        if default is not drafts._MISSING:
            assert default == field.default, name
        assert shape(hints[name]) == shape(field.annotation), name
        draft_limits = limits(list(typing.get_args(hints[name])[1:]) if typing.get_origin(hints[name])
                              is typing.Annotated else [])
        assert draft_limits == limits(field.metadata), name


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_draft_plan_dumps_as_the_validated_model(path: Path) -> None:
    source = load.from_path(path)
    try:
        draft = parse_source(source)
    except Exception as exc:  # not a plan: the model path must fail the same way
        with pytest.raises(type(exc)):
            extract_source(source)
        return
    plan = extract_source(source)
    assert isinstance(plan, model.Plan)
    assert plan_json(draft) == plan_json(plan)
    assert plan_json(draft, pretty=True) == plan_json(plan, pretty=True)
    again = model.Plan.model_validate(json.loads(plan_json(draft)))  # what the drafts let through validates
    assert again == plan


def test_what_a_draft_does_not_take_pydantic_refuses_with_its_own_error() -> None:
    for make in (lambda m: m.Location(page=0, line=1), lambda m: m.Warning(code="c"),
                 lambda m: m.Header(number="1", colour="red"), lambda m: m.Citation(kind="nonsense", kind_text="x",
                                                                                     text="x")):
        with pytest.raises(ValidationError) as want:
            make(model)
        with pytest.raises(ValidationError) as got:
            make(drafts)
        assert str(got.value) == str(want.value)


def test_what_pydantic_converts_a_draft_converts_the_same_way() -> None:
    header = drafts.Header.model_validate({"date": "2025-02-04", "number": "86/KH-UBND"})
    assert header.date == dt.date(2025, 2, 4)
    citation = drafts.Citation(kind="plan", kind_text="Kế hoạch", text="x")
    assert citation.kind is model.CitationKind.plan
    page = drafts.PageInfo(number=1, text_source="ocr", skew=1, cleaned=("perspective",))
    want = model.PageInfo(number=1, text_source="ocr", skew=1, cleaned=("perspective",))
    assert drafts.dump(drafts.Plan(source=drafts.SourceInfo(path=None, sha256="0" * 64, kind=model.SourceKind.text,
                                                            pages=[page]), header=header))["source"]["pages"] == \
        [want.model_dump(mode="json")]


def test_drafts_copy_compare_and_stay_frozen_as_the_models_do() -> None:
    draft, built = drafts.Header(title="a"), model.Header(title="a")
    assert draft.model_copy(update={"title": "b"}).title == "b" and draft.title == "a"
    assert draft == drafts.Header(title="a") and draft != drafts.Header(title="b")
    assert repr(draft) == repr(built)
    with pytest.raises(ValidationError) as got:
        draft.title = "c"  # type: ignore[misc]
    with pytest.raises(ValidationError) as want:
        built.title = "c"  # type: ignore[misc]
    assert str(got.value) == str(want.value)
    listed = ["x"]
    assignment = drafts.Assignment(unit="u", tasks=listed)
    listed.append("y")  # pydantic copies a list it validates; so does a draft
    assert assignment.tasks == ["x"]
    assert drafts.to_model(drafts.Assignment(unit="u")).model_fields_set == {"unit"}
