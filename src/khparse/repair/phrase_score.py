"""How likely a short run of syllables is as Vietnamese: the language model's log-probability of a
phrase, for choosing between a few spellings of the same words (fields/spelling.py)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from khparse.repair.inventory import load_inventory
from khparse.repair.restore import load_lm
from khparse.repair.vocab import SPECIALS

_START, _OTHER = SPECIALS.index("<s>"), SPECIALS.index("<o>")
# What a word outside the inventory costs beyond the model's probability of "<o>" (any such word):
# the share of one word in ~20,000 (e^-10), as if it were one more rare syllable. The model gives
# "<o>" itself a high probability (names, codes), so without it a misread syllable such as "rỉnh"
# ("Các sở, ban, ngành rỉnh", -29.5) would beat the word it stands for ("… ngành tỉnh", -32.4).
UNKNOWN_COST = 10.0


def phrase_logprob(words: Sequence[str]) -> float:
    """log P(words) under the syllable n-gram model, from the start of a sentence; a word outside
    the inventory counts as the model's unknown word."""
    lm, inventory = load_lm(), load_inventory()
    ids = [_START] * (lm.order - 1) + [inventory.id_of(w) or _OTHER for w in words]
    total = -UNKNOWN_COST * ids.count(_OTHER)
    for at in range(lm.order - 1, len(ids)):
        context = [np.array([i], dtype=np.int64) for i in ids[at - lm.order + 1 : at]]
        total += float(lm.logprob(context, np.array([ids[at]], dtype=np.int64))[0])
    return total
