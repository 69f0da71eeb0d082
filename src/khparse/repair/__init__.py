"""Stage `repair`: restore Vietnamese whose diacritics were stripped or garbled by OCR.

    result = repair_text("ke hoach tuyen truyen")   # result.text == "kế hoạch tuyên truyền"
    text_quality(page_text).verdict                 # "good" | "stripped" | "garbled"

A noisy channel (see ../shared/DESIGN.md): candidates per word from the syllable inventory and a
channel model of lost or misread marks, a syllable n-gram model, a Viterbi decoder. The data files
in khparse/data are built by scripts/build_language_data.py; DATA.md says from what.
"""

from typing import TYPE_CHECKING, Any

from khparse.repair.inventory import is_vietnamese_syllable
from khparse.repair.quality import Quality, text_quality

if TYPE_CHECKING:
    from khparse.repair.restore import RepairedToken, RepairResult, repair_text

_RESTORE = ("RepairedToken", "RepairResult", "repair_text")


def __getattr__(name: str) -> Any:
    """The restorer (numpy and the language model) is imported on first use: judging a page's
    quality, which every extract does, needs neither."""
    if name in _RESTORE:
        from khparse.repair import restore

        return getattr(restore, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Quality",
    "RepairResult",
    "RepairedToken",
    "is_vietnamese_syllable",
    "repair_text",
    "text_quality",
]
