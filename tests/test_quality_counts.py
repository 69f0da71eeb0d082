"""Text quality measured from each distinct token's words (repair/tokens.py `word_counts`) is the
quality measured word by word over `split_line`'s spans, as it was first written: the same words,
the same counts, the same floats (route.py puts the share in a page's output)."""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.repair.inventory import load_syllables
from khparse.repair.normalize import has_marks, strip_marks
from khparse.repair.quality import Quality, _verdict, text_quality, words_quality
from khparse.repair.tokens import split_line, word_counts
from khparse.repair.vocab import lm_form

ROOT = Path(__file__).resolve().parent.parent


def _reference_words(text: str) -> list[str]:
    return [s.text for line in text.split("\n") for s in split_line(line) if s.kind == "word"]


def _reference_quality(all_words: list[str]) -> Quality:
    """repair/quality.py's words_quality as first written: every word looked up in turn."""
    known = load_syllables()
    words = [w for w in all_words if w.isalpha() and not w.isupper()]
    n = len(words)
    if n == 0:
        return Quality(0, 1.0, 1.0, 1.0, "good")
    forms = [lm_form(w) for w in words]
    valid = sum(f in known.forms for f in forms) / n
    marked = sum(has_marks(w) for w in words) / n
    foldable = sum(strip_marks(f) in known.keys for f in forms) / n
    return Quality(n, valid, marked, foldable, _verdict(n, valid, marked, foldable))


def test_re_whitespace_is_str_isspace() -> None:
    """word_counts cuts lines with str.split where the patterns see \\s: the same characters."""
    space = re.compile(r"\s")
    assert all(bool(space.match(c)) == c.isspace() for c in map(chr, range(sys.maxunicode + 1)))


# Letters (marked and not, capitals), digits, the joiners and punctuation of codes and URLs, OCR's
# symbols and apostrophes, list-marker letters, and whitespace of several kinds, line ends included.
_ALPHABET = st.sampled_from([*"aàảệoơưđĐIVXlHTZSBcv1|0 9/-.:,;()'’?@&%[]€¢¥§©®µ_  \t\n\r\u00a0\u2028\x0c",
                             "http://", "www.", "UBND", "QD", "KH-", "gov.vn", "Il.", "a@b.vn"])
_TEXT = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TEXT)
def test_word_counts_are_split_lines_words(text: str) -> None:
    assert word_counts(text) == Counter(_reference_words(text))
    assert text_quality(text) == _reference_quality(_reference_words(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["kế", "hoạch", "UBND", "ke", "hoach", "Tuyén", "cii", "2025", "x"]), max_size=40))
def test_words_quality_counts_each_distinct_word_once_to_the_same_floats(words: list[str]) -> None:
    assert words_quality(words) == _reference_quality(words)


def test_real_texts_measure_as_word_by_word() -> None:
    """The samples and fixtures, plain and as text layers' body text (one line, the words joined)."""
    paths = sorted(ROOT.glob("samples/*.txt")) + sorted(ROOT.glob("samples/*.md"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    texts += [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("tests/fixtures/*/*.txt"))[:60]]
    assert len(texts) > 20
    for text in texts:
        for piece in (text, " ".join(text.split())):
            assert word_counts(piece) == Counter(_reference_words(piece))
            assert text_quality(piece) == _reference_quality(_reference_words(piece))
