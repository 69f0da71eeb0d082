"""How likely short runs of syllables are as Vietnamese: the language model's log-probability of each
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


def phrase_logprobs(phrases: Sequence[Sequence[str]]) -> list[float]:
    """log P(words) of each phrase under the syllable n-gram model, from the start of a sentence; a
    word outside the inventory counts as the model's unknown word. Every n-gram of every phrase is
    looked up in one batch (a look-up costs about the same for one n-gram as for hundreds)."""
    if not phrases:
        return []
    lm, inventory = load_lm(), load_inventory()
    context_size = lm.order - 1
    columns: list[list[int]] = [[] for _ in range(lm.order)]  # the context's words, oldest first, then the word
    owner: list[int] = []
    unknown = [0.0] * len(phrases)
    for k, words in enumerate(phrases):
        ids = [_START] * context_size + [inventory.id_of(w) or _OTHER for w in words]
        unknown[k] = -UNKNOWN_COST * (ids.count(_OTHER))
        for at in range(context_size, len(ids)):
            for c in range(lm.order):
                columns[c].append(ids[at - context_size + c])
            owner.append(k)
    totals = list(unknown)
    if owner:
        arrays = [np.array(column, dtype=np.int64) for column in columns]
        scores = lm.logprob(arrays[:-1], arrays[-1])
        for k, score in zip(owner, scores.tolist(), strict=True):
            totals[k] += score
    return totals


def phrase_logprob(words: Sequence[str]) -> float:
    """log P(words): one phrase of phrase_logprobs."""
    return phrase_logprobs([words])[0]
