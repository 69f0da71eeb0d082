"""How Vietnamese a text looks, cheaply: decides whether and how to repair it.

- `valid`: share of words that are syllables of the inventory ("tuyên", "hoà").
- `marked`: share of words carrying a Vietnamese mark (tone, â ă ê ô ơ ư, đ).
- `foldable`: share of words whose unmarked form is the key of some syllable ("tuyen").

Good Vietnamese has valid ≈ 0.99 and marked ≈ 0.87; stripped text keeps foldable high and loses
marked; English-model OCR output ("Tuyén truyén cii cich") loses valid and foldable both.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from khparse.repair.inventory import load_syllables
from khparse.repair.normalize import has_marks, strip_marks
from khparse.repair.tokens import word_counts
from khparse.repair.vocab import lm_form

Verdict = Literal["good", "stripped", "garbled"]
MIN_WORDS = 5  # fewer words than this: too little to judge, call it good


@dataclass(frozen=True)
class Quality:
    """How Vietnamese a text looks: the shares above, of the words judged, and their verdict."""

    words: int
    valid: float
    marked: float
    foldable: float
    verdict: Verdict


def text_quality(text: str) -> Quality:
    """Quality of a text, its words as repair's tokenizer splits them (each distinct word judged once)."""
    return _quality(word_counts(text))


def words_quality(all_words: list[str]) -> Quality:
    """Quality of a text given its word spans; only lower-case alphabetic words are judged."""
    return _quality(Counter(all_words))


def _quality(counts: Mapping[str, int]) -> Quality:
    """Quality from how often each word occurs: each distinct word looked up once, the shares the
    same integer counts over the same number of words as word by word."""
    known = load_syllables()
    n = valid = marked = foldable = 0
    for word, times in counts.items():
        if not word.isalpha() or word.isupper():
            continue
        # A word already in the inventory's form (most are) is its own key: no normalizing needed.
        lower = word.lower()
        form = lower if lower in known.forms else lm_form(word)
        n += times
        valid += times * (form in known.forms)
        marked += times * has_marks(word)
        foldable += times * (strip_marks(form) in known.keys)
    if n == 0:
        return Quality(0, 1.0, 1.0, 1.0, "good")
    return Quality(n, valid / n, marked / n, foldable / n, _verdict(n, valid / n, marked / n, foldable / n))


def _verdict(n: int, valid: float, marked: float, foldable: float) -> Verdict:
    if n < MIN_WORDS or (valid >= 0.85 and marked >= 0.5):
        return "good"
    if foldable >= 0.93:  # every word is a syllable once marks are ignored: marks were lost
        return "stripped"
    return "garbled"
