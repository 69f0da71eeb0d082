"""khparse.similarity gives rapidfuzz's values exactly: every score, every cut-off decision, and the
alignment rapidfuzz picks among equally good ones."""

from __future__ import annotations

import itertools
import math

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from khparse import similarity

# Cut-offs the parser uses, and the edges: none, everything, nothing.
CUTOFFS = (0, 50, 75, 78, 82, 83, 85, 90, 100)
VIETNAMESE = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ỦY BAN NHÂN DÂN kế hoạch "
              "tổ chức thực hiện tuyên truyền cải cách hành chính năm 2025 nội dung kinh phí")


def assert_same(s1: str, s2: str, score_cutoff: float | None) -> tuple[float, float]:
    """Both implementations on one pair; rapidfuzz's ratio and partial_ratio."""
    given = {} if score_cutoff is None else {"score_cutoff": score_cutoff}
    expected_ratio = fuzz.ratio(s1, s2, **given)
    assert similarity.ratio(s1, s2, **given) == expected_ratio, (s1, s2, score_cutoff)
    expected_partial = fuzz.partial_ratio(s1, s2, **given)
    assert similarity.partial_ratio(s1, s2, **given) == expected_partial, (s1, s2, score_cutoff)
    expected = fuzz.partial_ratio_alignment(s1, s2, **given)
    found = similarity.partial_ratio_alignment(s1, s2, **given)
    if expected is None:
        assert found is None, (s1, s2, score_cutoff)
    else:
        assert found is not None, (s1, s2, score_cutoff)
        assert (found.score, found.src_start, found.src_end, found.dest_start, found.dest_end) == tuple(expected)
    return expected_ratio, expected_partial


def assert_same_at_every_edge(s1: str, s2: str, score_cutoff: float | None) -> None:
    """The pair with the cut-off given, then with cut-offs at each score found and a hair either side."""
    found = assert_same(s1, s2, score_cutoff)
    for score in found:
        for edge in (score, math.nextafter(score, 0), math.nextafter(score, 101)):
            assert_same(s1, s2, edge)


def test_every_pair_of_short_strings_over_small_alphabets() -> None:
    # Few letters make many ties: the alignment chosen among equals must be rapidfuzz's.
    strings = ["".join(p) for n in range(6) for p in itertools.product("ab", repeat=n)]
    strings += ["".join(p) for n in range(4) for p in itertools.product("abc", repeat=n)]
    for s1, s2 in itertools.product(strings, repeat=2):
        assert_same_at_every_edge(s1, s2, None)


def test_empty_strings() -> None:
    for s1, s2 in (("", ""), ("", "a"), ("a", ""), ("", "kế hoạch")):
        for score_cutoff in (None, *CUTOFFS):
            assert_same(s1, s2, score_cutoff)


_text = st.text(alphabet=st.sampled_from(sorted(set(VIETNAMESE))), max_size=90)


@st.composite
def _near_pairs(draw: st.DrawFn) -> tuple[str, str]:
    """A piece of Vietnamese text and another piece of it, a few letters garbled (as OCR does)."""
    start, size = draw(st.integers(0, len(VIETNAMESE))), draw(st.integers(0, 80))
    s1 = VIETNAMESE[start : start + size]
    start, size = draw(st.integers(0, len(VIETNAMESE))), draw(st.integers(0, 160))
    s2 = VIETNAMESE[start : start + size]
    garbled = draw(st.lists(st.tuples(st.integers(0, 200), st.sampled_from("aeiou đ|€§")), max_size=6))
    for at, ch in garbled:
        if at < len(s1):
            s1 = s1[:at] + ch + s1[at + 1 :]
    return (s1, s2) if draw(st.booleans()) else (s2, s1)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.tuples(_text, _text), _near_pairs()), st.one_of(st.none(), st.sampled_from(CUTOFFS),
                                                                     st.floats(0, 100)))
@example(("CONG HOA XA HOI CHU NGHIA VIET NAM", "cong hoa xa hoi chu nghia viet nam"), 90.0)
@example(("tochucthuchien", "ivtochucthuchlen"), 83.0)
@example(("a" * 70, "b" + "a" * 69 + "b" * 30), None)  # longer than 64: rapidfuzz's other word size
def test_text_pairs(pair: tuple[str, str], score_cutoff: float | None) -> None:
    assert_same_at_every_edge(*pair, score_cutoff)
