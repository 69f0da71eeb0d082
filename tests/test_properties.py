"""Properties of the pure functions, for any text (hypothesis)."""

from __future__ import annotations

import contextlib
import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import khparse
from khparse.errors import KhparseError
from khparse.fields.document import find_fields
from khparse.fold import fold, nfc
from khparse.outline import build_outline
from khparse.output import plan_json

from .conftest import SAMPLES

# Text shaped like plans: Vietnamese letters, OCR symbols, markers, digits and line breaks.
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + string.digits + " .,;:()/-+*#|\n\t€¢§¥" + "IVX"
LINES = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "I1. NOI DUNG", "1. Mục đích", "4.1. Nội dung", "a) Một",
         "d) Hai", "- Đơn vị chủ trì: Sở Nội vụ", "+ Ba", "Số: 86/KH-UBND", "KẾ HOẠCH", "Nơi nhận:",
         "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ về", "TM. ỦY BAN NHÂN DÂN",
         "Trên đây là Kế hoạch./.", "PHỤ LỤC", "| TT | Nhiệm vụ |", "Hà Nội, ngày  tháng 9 năm 2025", ""]

plan_like = st.lists(st.one_of(st.sampled_from(LINES), st.text(ALPHABET, max_size=80)), max_size=60).map("\n".join)


@given(st.text(max_size=300))
def test_fold_keeps_length_and_is_idempotent(text: str) -> None:
    text = nfc(text)
    folded = fold(text)
    assert len(folded) == len(text)
    assert fold(folded) == folded


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(plan_like, st.text(max_size=2000)))
def test_parser_never_crashes(text: str) -> None:
    outline = build_outline([(1, nfc(text))])
    find_fields(outline)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(plan_like)
def test_extract_returns_a_valid_plan_or_a_khparse_error(text: str) -> None:
    try:
        plan = khparse.extract(text.encode("utf-8"))
    except KhparseError:
        return
    document = json.loads(plan_json(plan))
    assert document["schema"] == "khparse.plan"
    assert type(plan).model_validate(document) == plan


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=60))
def test_truncated_or_cut_samples_still_parse(start: int, length: int) -> None:
    lines = (SAMPLES / "ben-tam-2025.txt").read_text("utf-8").split("\n")
    with contextlib.suppress(KhparseError):
        khparse.extract("\n".join(lines[start : start + length]).encode("utf-8"))


def test_a_capital_whose_small_letter_folds_further_folds_once() -> None:
    assert fold("Ა") == fold(fold("Ა")) == "a"  # Georgian Mtavruli, hypothesis's find
