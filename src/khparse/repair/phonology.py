"""Which strings can be a Vietnamese syllable: initial + vowel cluster + final, with tone rules.

Used to keep the corpus inventory clean (foreign words, typos and abbreviations are not syllables)
and as a fallback check when the shipped inventory is not at hand.
"""

from __future__ import annotations

import re
from functools import lru_cache

from khparse.repair.normalize import split_tone

_INITIALS = (
    "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
)
# Vowel clusters, longest first; the ones ending in a glide (i, y, o, u) take no final consonant.
_OPEN_ONLY = (
    "iêu|yêu|oai|oao|oay|oeo|uây|uôi|uyu|ươi|ươu|"
    "ai|ao|au|ay|âu|ây|eo|êu|iu|oi|ôi|ơi|ui|ưi|ưu|ưa|ia|ua|uya"
)
_ANY_FINAL = "uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uơ|uy|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
_FINALS = "ng|nh|ch|c|m|n|p|t"
_SYLLABLE = re.compile(
    rf"(?:{_INITIALS})?(?:(?P<open>{_OPEN_ONLY})|(?P<nuc>{_ANY_FINAL})(?P<fin>{_FINALS})?)"
)
_STOP_FINALS = ("c", "ch", "p", "t")
_STOP_TONES = ("\u0301", "\u0323")  # a syllable ending in p, t, c, ch has sắc or nặng


@lru_cache(maxsize=65536)
def is_syllable_shape(token: str) -> bool:
    """True when `token` (NFC, any case, classic tone placement or not) is shaped like a syllable."""
    base, tone = split_tone(token.lower())
    match = _SYLLABLE.fullmatch(base)
    if match is None:
        return False
    nucleus, final = match.group("nuc"), match.group("fin")
    if nucleus in ("ă", "â", "oă", "uâ") and not final:
        return False  # ă and â need a final consonant
    if final in _STOP_FINALS and tone not in _STOP_TONES:
        return False
    return not (final in ("ch", "nh") and nucleus not in ("a", "ê", "i", "oa", "uê", "uy"))
