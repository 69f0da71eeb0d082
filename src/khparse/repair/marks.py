"""The diacritics channel: how likely an observed word is, given the syllable the writer meant,
when only marks can be lost (stripped exports) or, rarely, be wrong (typos).

Every mark the intended syllable has and the observation lacks costs log(p_lost); every mark that
differs costs log(p_wrong). p_lost is estimated per text from how many of its syllables carry marks
(`lost_rate`), so a fully stripped text restores freely and a good text is left alone unless the
language model is very sure.
"""

from __future__ import annotations

import math
from functools import lru_cache

from khparse.repair.normalize import split_tone, strip_marks

# Share of syllables with at least one mark (tone, â ă ê ô ơ ư or đ) in the training corpus;
# text whose share is lower has lost marks in proportion.
NATURAL_MARKED_SHARE = 0.87
P_WRONG = 1e-4


def lost_rate(marked_share: float) -> float:
    return min(0.995, max(0.002, 1.0 - marked_share / NATURAL_MARKED_SHARE))


@lru_cache(maxsize=262144)
def mark_changes(observed: str, intended: str) -> tuple[int, int, int]:
    """(marks kept, lost, changed) turning `intended` into `observed`; lower-case, same key."""
    obs_base, obs_tone = split_tone(observed)
    int_base, int_tone = split_tone(intended)
    total = bool(int_tone) + sum(c != strip_marks(c) for c in int_base)
    lost = wrong = 0
    if obs_tone != int_tone:
        if obs_tone:
            wrong += 1
        else:
            lost += 1
    for o, i in zip(obs_base, int_base, strict=False):
        if o != i:
            if o == strip_marks(i):
                lost += 1
            else:
                wrong += 1
    return max(0, total - lost - wrong), lost, wrong


def channel_logp(observed: str, intended: str, p_lost: float) -> float:
    kept, lost, wrong = mark_changes(observed, intended)
    return lost * math.log(p_lost) + wrong * math.log(P_WRONG) + kept * math.log1p(-p_lost)
