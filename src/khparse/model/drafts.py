"""The Plan's parts as the parser builds them, checked without importing pydantic.

Importing pydantic and building the model classes costs about 90 ms, half of `khparse extract` on a
text plan (issue 12). The parser therefore builds these drafts: the same classes, fields, defaults
and constraints as the pydantic models in plan.py and source.py (tests/test_drafts.py fails when
they differ), with the same API the parser uses (keyword construction, `model_copy(update=...)`,
`model_validate(dict)`, frozen attributes, `==`).

A draft accepts a value only when pydantic would store it unchanged: the exact type (a str, an int
that is not a bool, a float, a date, the enum member, a list, a draft) within the field's
constraints. Anything else (a coercion, a missing or unknown field, a value out of range) is handed
to the pydantic model itself, which raises the very ValidationError it raises today, or converts
the value as it does today; so the drafts change no output and no error, and on clean input never
import pydantic. `to_model` gives the pydantic Plan (the library's return value); `dump` the JSON
data `Plan.model_dump(mode="json", by_alias=True)` gives, or pydantic's own dump for anything a
draft did not check (a value put in by `model_copy`, which pydantic does not validate either).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from khparse.model.kinds import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    CitationKind,
    SectionKind,
    SignerAuthority,
    SourceKind,
    TextSource,
)

if TYPE_CHECKING:  # typing.Self is 3.11+; khparse runs on 3.10 (annotations here are not evaluated)
    from typing import Self


class Limit:
    """A field's constraint, as pydantic's Field(ge=, le=, pattern=) states it."""

    __slots__ = ("ge", "le", "pattern")

    def __init__(self, *, ge: float | None = None, le: float | None = None, pattern: str | None = None) -> None:
        self.ge, self.le, self.pattern = ge, le, pattern

    def __repr__(self) -> str:
        return f"Limit(ge={self.ge!r}, le={self.le!r}, pattern={self.pattern!r})"


class _Rejected(Exception):
    """A value the draft does not take as it is: pydantic decides."""


_MISSING: Any = object()
Check = Callable[[Any], Any]  # returns the value to store (lists copied), or raises _Rejected


def _exact(kind: type) -> Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise _Rejected
        return value
    return check


def _check_for(hint: Any) -> Check:
    """The check of one field type (the types the Plan uses; anything else is a TypeError here)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Annotated:
        inner = _check_for(args[0])
        limits = [a for a in args[1:] if isinstance(a, Limit)]
        if not limits:
            return inner
        limit = limits[0]
        pattern = re.compile(limit.pattern) if limit.pattern else None

        def limited(value: Any) -> Any:
            value = inner(value)
            if value is None:
                return value
            if (limit.ge is not None and not value >= limit.ge) or (limit.le is not None and not value <= limit.le):
                raise _Rejected
            if pattern is not None and ("\n" in value or not pattern.search(value)):
                raise _Rejected
            return value
        return limited
    if origin is typing.Union or origin is types.UnionType:
        checks = [_check_for(a) for a in args if a is not type(None)]
        nullable = type(None) in args
        drafts = tuple(a for a in args if isinstance(a, type) and issubclass(a, Draft))
        if drafts and len(drafts) == len(checks):  # a union of drafts (Node): any of them as it is
            def one_of(value: Any) -> Any:
                if (value is None and nullable) or type(value) in drafts:
                    return value
                raise _Rejected
            return one_of
        if len(checks) != 1:
            raise TypeError(f"no draft check for {hint!r}")
        only = checks[0]
        return (lambda value: None if value is None else only(value)) if nullable else only
    if origin is list:
        item = _check_for(args[0])

        def each(value: Any) -> Any:
            if type(value) is not list:
                raise _Rejected
            return [item(v) for v in value]
        return each
    if origin is dict:
        key, item = _check_for(args[0]), _check_for(args[1])

        def mapping(value: Any) -> Any:
            if type(value) is not dict:
                raise _Rejected
            return {key(k): item(v) for k, v in value.items()}
        return mapping
    if origin is Literal:
        (literal,) = args

        def equal(value: Any) -> Any:
            if type(value) is not type(literal) or value != literal:
                raise _Rejected
            return value
        return equal
    if hint in (str, int, float, dt.date) or (isinstance(hint, type) and issubclass(hint, (Enum, Draft))):
        return _exact(hint)
    raise TypeError(f"no draft check for {hint!r}")


def _json(value: Any) -> Any:
    """A checked value as pydantic's JSON mode gives it; _Rejected for what needs pydantic."""
    if isinstance(value, Draft):
        return value._json()
    if type(value) is list:
        return [_json(v) for v in value]
    if type(value) is dict:
        return {k: _json(v) for k, v in value.items()}
    if value is None or type(value) is int:
        return value
    if type(value) is str:
        value.encode("utf-8")  # a lone surrogate: pydantic's serializer says what it does with it
        return value
    if type(value) is float:
        if not math.isfinite(value):
            raise _Rejected
        return value
    if isinstance(value, Enum) and type(value.value) is str:
        return value.value
    if type(value) is dt.date:
        return value.isoformat()
    raise _Rejected


class Draft:
    """One pydantic model's draft: its fields in order, checked as pydantic would take them."""

    # name, key in the JSON (the alias), check, default (_MISSING when required)
    _fields: ClassVar[tuple[tuple[str, str, Check, Any], ...]]
    _names: ClassVar[frozenset[str]]
    _aliases: ClassVar[dict[str, str]] = {}
    _set: frozenset[str]

    def __init__(self, **values: Any) -> None:
        cls = type(self)
        try:
            if "_fields" not in cls.__dict__:
                _prepare(cls)
            if not values.keys() <= cls._names:
                raise _Rejected
            for name, _key, check, default in cls._fields:
                value = values.get(name, _MISSING)
                if value is _MISSING:
                    if default is _MISSING:
                        raise _Rejected
                    value = default.copy() if type(default) in (list, dict) else default
                else:
                    value = check(value)
                object.__setattr__(self, name, value)
        except _Rejected:
            model = _model(cls)(**{k: to_model(v) for k, v in values.items()})  # raises as it does today
            _adopt(self, model)
            return
        object.__setattr__(self, "_set", frozenset(values))

    @classmethod
    def model_validate(cls, obj: Any) -> Self:
        if type(obj) is cls:
            return obj
        if type(obj) is dict and all(type(k) is str for k in obj):
            return cls(**obj)
        draft: Self = from_model(_model(cls).model_validate(to_model(obj)))
        return draft

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Self:
        """As pydantic's: a shallow copy, `update` set as it is (not validated)."""
        if deep or (update and not update.keys() <= type(self)._names):
            draft: Self = from_model(to_model(self).model_copy(update=update, deep=deep))
            return draft
        copy = object.__new__(type(self))
        copy.__dict__.update(self.__dict__)
        copy.__dict__.update(update or {})
        object.__setattr__(copy, "_set", self._set | (update or {}).keys())
        return copy

    def __setattr__(self, name: str, value: Any) -> None:
        to_model(self).__setattr__(name, value)  # frozen: pydantic raises its error

    def __delattr__(self, name: str) -> None:
        to_model(self).__delattr__(name)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, n) == getattr(other, n) for n, *_ in type(self)._fields)

    def __hash__(self) -> int:
        return hash((type(self), *(getattr(self, n) for n, *_ in type(self)._fields)))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={getattr(self, n)!r}' for n, *_ in type(self)._fields)})"

    def _json(self) -> dict[str, Any]:
        return {key: _json(getattr(self, name)) for name, key, _check, _default in type(self)._fields}


def _prepare(cls: type[Draft]) -> None:
    """The fields of a draft class, from its annotations (once, at its first instance). They are text
    naming what this module holds, evaluated here as typing.get_type_hints evaluates them, without
    its machinery (half of the ~1.5 ms the 14 classes cost a start)."""
    fields = []
    for name, annotation in cls.__annotations__.items():
        if name.startswith("_"):
            continue
        hint = eval(annotation, globals()) if isinstance(annotation, str) else annotation
        default = cls.__dict__.get(name, _MISSING)
        fields.append((name, cls._aliases.get(name, name), _check_for(hint), default))
    cls._fields = tuple(fields)
    cls._names = frozenset(name for name, *_ in fields if name not in cls._aliases)


def _model(cls: type[Draft]) -> Any:
    import khparse.model

    return getattr(khparse.model, cls.__name__)


def _adopt(draft: Draft, model: Any) -> None:
    """Take the values pydantic validated (converted where it converts)."""
    cls = type(draft)
    if "_fields" not in cls.__dict__:
        _prepare(cls)
    for name, *_ in cls._fields:
        object.__setattr__(draft, name, from_model(getattr(model, name)))
    object.__setattr__(draft, "_set", frozenset(model.model_fields_set))


def to_model(value: Any) -> Any:
    """Drafts (inside lists and dicts too) as the pydantic models, built without validating again:
    each draft was checked when it was made, as pydantic would have checked it."""
    if isinstance(value, Draft):
        values = {name: to_model(getattr(value, name)) for name, *_ in type(value)._fields}
        return _model(type(value)).model_construct(_fields_set=set(value._set), **values)
    if type(value) is list:
        return [to_model(v) for v in value]
    if type(value) is dict:
        return {k: to_model(v) for k, v in value.items()}
    return value


def from_model(value: Any) -> Any:
    """Pydantic models (inside lists and dicts too) as drafts, their values as they are."""
    draft_cls = _DRAFTS.get(type(value).__name__) if hasattr(value, "model_fields_set") else None
    if draft_cls is not None:
        draft = object.__new__(draft_cls)
        _adopt(draft, value)
        return draft
    if type(value) is list:
        return [from_model(v) for v in value]
    if type(value) is dict:
        return {k: from_model(v) for k, v in value.items()}
    return value


def dump(plan: Plan) -> dict[str, Any]:
    """What `Plan.model_dump(mode="json", by_alias=True)` gives for this plan."""
    try:
        return plan._json()
    except (_Rejected, UnicodeEncodeError):
        return dict(to_model(plan).model_dump(mode="json", by_alias=True))


# The models, field for field as in plan.py and source.py (descriptions there).


class PageInfo(Draft):
    number: Annotated[int, Limit(ge=1)]
    text_source: TextSource
    quality: Annotated[float | None, Limit(ge=0.0, le=1.0)] = None
    ocr_confidence: Annotated[float | None, Limit(ge=0.0, le=100.0)] = None
    reason: str | None = None
    rotation: int | None = None
    skew: float | None = None
    dpi: Annotated[int | None, Limit(ge=1)] = None
    cleaned: list[str] = []  # copied for each instance, as pydantic does


class SourceInfo(Draft):
    path: str | None
    sha256: Annotated[str, Limit(pattern=r"^[0-9a-f]{64}$")]
    kind: SourceKind
    pages: list[PageInfo]


class Header(Draft):
    issuer: str | None = None
    parent_issuer: str | None = None
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    doc_type: str | None = None
    title: str | None = None


class Citation(Draft):
    kind: CitationKind
    kind_text: str
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    summary: str | None = None
    text: str


class Paragraph(Draft):
    type: Literal["paragraph"] = "paragraph"
    text: str


class Item(Draft):
    type: Literal["item"] = "item"
    label: str
    text: str
    children: list[Node] = []


class Subsection(Draft):
    type: Literal["subsection"] = "subsection"
    number: str
    title: str
    children: list[Node] = []


Node = Subsection | Item | Paragraph


class Section(Draft):
    numeral: str
    title: str
    kind: SectionKind
    page: int | None = None
    line: int | None = None
    children: list[Node] = []


class Assignment(Draft):
    unit: str
    tasks: list[str] = []
    lead: str | None = None
    partners: list[str] = []
    timeline: str | None = None


class Appendix(Draft):
    title: str
    caption: str | None = None
    columns: list[str] = []
    rows: list[list[str]] = []


class Signer(Draft):
    authority: str | None = None
    authority_kind: SignerAuthority | None = None
    position: str | None = None
    name: str | None = None
    honorific: str | None = None


class Warning(Draft):
    code: str
    message: str
    page: int | None = None
    line: int | None = None


class Location(Draft):
    page: Annotated[int, Limit(ge=1)]
    line: Annotated[int, Limit(ge=1)]


class Plan(Draft):
    _aliases: ClassVar[dict[str, str]] = {"schema_": "schema"}

    schema_: Literal["khparse.plan"] = SCHEMA_NAME
    schema_version: str = SCHEMA_VERSION
    source: SourceInfo
    header: Header
    year: int | None = None
    legal_basis: list[Citation] = []
    preamble: str | None = None
    sections: list[Section] = []
    assignments: list[Assignment] = []
    appendices: list[Appendix] = []
    closing: str | None = None
    recipients: list[str] = []
    signer: Signer | None = None
    provenance: dict[str, Location] = {}
    warnings: list[Warning] = []


_DRAFTS: dict[str, type[Draft]] = {cls.__name__: cls for cls in Draft.__subclasses__()}
