"""khparse: Vietnamese administrative-reform communication plans (Kế hoạch tuyên truyền CCHC) as
validated, structured JSON.

    >>> import khparse
    >>> plan = khparse.extract("samples/thuong-xuan-2025.md")
    >>> plan.header.title
    'Tuyên truyền Cải cách hành chính trên địa bàn xã năm 2025'

`extract` and `Plan` are imported on first use (PEP 562): `import khparse.errors`, or a command
that needs neither (`khparse repair`, `--help`), does not pay for pydantic and the parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from khparse.errors import ExitCode, KhparseError

if TYPE_CHECKING:
    from khparse.model import Plan
    from khparse.pipeline import extract

__version__ = "0.1.0"
__all__ = ["ExitCode", "KhparseError", "Plan", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name == "extract":
        from khparse.pipeline import extract

        return extract
    if name == "Plan":
        from khparse.model import Plan

        return Plan
    raise AttributeError(f"module 'khparse' has no attribute {name!r}")
