"""The Plan model and its parts; `khparse schema` prints their JSON Schema.

The vocabularies (kinds.py) are plain enums, imported at once. The pydantic models are imported on
first use (PEP 562 `__getattr__`): importing pydantic and building the classes costs about 0.1 s,
which a command that never builds a Plan (`khparse repair`, `--help`, an input refused before
parsing) should not pay. The parser builds drafts.py's classes, the same fields checked the same
way without pydantic; `khparse extract` dumps them, `khparse.extract` returns these models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khparse.model.kinds import (
    SCHEMA_NAME,
    SCHEMA_VERSION,
    CitationKind,
    SectionKind,
    SignerAuthority,
    SourceKind,
    TextSource,
)

if TYPE_CHECKING:
    from khparse.model.plan import (
        Appendix,
        Assignment,
        Citation,
        Header,
        Item,
        Location,
        Node,
        Paragraph,
        Plan,
        Section,
        Signer,
        Subsection,
        Warning,
    )
    from khparse.model.source import PageInfo, SourceInfo

_SOURCE = frozenset(("PageInfo", "SourceInfo"))
_PLAN = frozenset(("Appendix", "Assignment", "Citation", "Header", "Item",
                   "Location", "Node", "Paragraph", "Plan", "Section", "Signer", "Subsection", "Warning"))


def __getattr__(name: str) -> Any:
    if name in _PLAN:
        from khparse.model import plan

        return getattr(plan, name)
    if name in _SOURCE:
        from khparse.model import source

        return getattr(source, name)
    raise AttributeError(f"module 'khparse.model' has no attribute {name!r}")


__all__ = [
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "Appendix",
    "Assignment",
    "Citation",
    "CitationKind",
    "Header",
    "Item",
    "Location",
    "Node",
    "PageInfo",
    "Paragraph",
    "Plan",
    "Section",
    "SectionKind",
    "Signer",
    "SignerAuthority",
    "SourceInfo",
    "SourceKind",
    "Subsection",
    "TextSource",
    "Warning",
]
