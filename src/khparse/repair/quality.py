"""How Vietnamese a text looks, cheaply: decides whether and how to repair it.

- `valid`: share of words that are syllables of the inventory ("tuyên", "hoà").
- `marked`: share of words carrying a Vietnamese mark (tone, â ă ê ô ơ ư, đ).
- `foldable`: share of words whose unmarked form is the key of some syllable ("tuyen").

Good Vietnamese has valid ≈ 0.99 and marked ≈ 0.87; stripped text keeps foldable high and loses
marked; English-model OCR output ("Tuyén truyén cii cich") loses valid and foldable both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from khparse.repair.inventory import load_syllables
from khparse.repair.normalize import has_marks, strip_marks
from khparse.repair.tokens import split_line
from khparse.repair.vocab import lm_form

Verdict = Literal["good", "stripped", "garbled"]
MIN_WORDS = 5  # fewer words than this: too little to judge, call it good


@dataclass(frozen=True)
class Quality:
    words: int
    valid: float
    marked: float
    foldable: float
    verdict: Verdict


def text_quality(text: str) -> Quality:
    return words_quality(
        [s.text for line in text.split("\n") for s in split_line(line) if s.kind == "word"]
    )


def words_quality(all_words: list[str]) -> Quality:
    """Quality of a text given its word spans; only lower-case alphabetic words are judged."""
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


def _verdict(n: int, valid: float, marked: float, foldable: float) -> Verdict:
    if n < MIN_WORDS or (valid >= 0.85 and marked >= 0.5):
        return "good"
    if foldable >= 0.93:  # every word is a syllable once marks are ignored: marks were lost
        return "stripped"
    return "garbled"
