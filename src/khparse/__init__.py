"""khparse: Vietnamese administrative-reform communication plans (Kế hoạch tuyên truyền CCHC) as
validated, structured JSON.

    >>> import khparse
    >>> plan = khparse.extract("samples/thuong-xuan-2025.md")
    >>> plan.header.title
    'Tuyên truyền Cải cách hành chính trên địa bàn xã năm 2025'
"""

from khparse.errors import ExitCode, KhparseError
from khparse.model import Plan
from khparse.pipeline import extract

__version__ = "0.1.0"
__all__ = ["ExitCode", "KhparseError", "Plan", "__version__", "extract"]
