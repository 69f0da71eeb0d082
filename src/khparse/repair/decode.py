"""Exact trigram Viterbi over many phrases at once, with max-marginal confidences.

Python cannot afford a numpy call per word, so phrases are decoded in lockstep: each position's
candidates are padded to K = MAX_K slots (padding scores -inf) and phrases of similar length are
stacked, so one step of the dynamic programme is a few numpy operations on a (phrases, K, K, K)
array whatever the number of phrases. The model is queried once per batch for every distinct
(a, b, c) candidate triple, sorted (a sorted batch of binary searches stays in cache).

A backward pass gives max-marginals — the best score of any reading that puts candidate c at
position t; the decoder picks their argmax and reports their softmax as the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from khparse.repair.lm import NgramLM, pack
from khparse.repair.vocab import EOS

Ids = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
MAX_K = 9  # candidates per position, including the word kept as is
BATCH_CELLS = 6000  # phrases x positions per batch: bounds memory at ~MAX_K**3 floats per cell
NEG = np.float32(-1e9)


@dataclass(frozen=True)
class Choice:
    """Candidates of one position: model ids and channel log-probabilities."""

    ids: Ids
    channel: F64


def _pad(phrases: list[list[Choice]]) -> tuple[Ids, npt.NDArray[np.float32], Ids]:
    """ids (P, T, K) and channel (P, T, K) with <s> <s> … </s> and padding; phrase lengths."""
    lengths = np.array([len(p) for p in phrases])
    steps = int(lengths.max()) + 3
    ids = np.zeros((len(phrases), steps, MAX_K), dtype=np.int64)
    chan = np.full((len(phrases), steps, MAX_K), NEG, dtype=np.float32)
    chan[:, :2, 0] = 0.0  # <s> <s>
    for p, phrase in enumerate(phrases):
        for t, choice in enumerate(phrase, start=2):
            k = len(choice.ids)
            ids[p, t, :k] = choice.ids
            chan[p, t, :k] = choice.channel
    rows = np.arange(len(phrases))
    ids[rows, lengths + 2, 0] = EOS
    chan[:, :, 0] = np.where(np.arange(steps)[None, :] >= lengths[:, None] + 2, 0.0, chan[:, :, 0])
    return ids, chan, lengths


def _triple_scores(lm: NgramLM, ids: Ids, chan: npt.NDArray[np.float32],
                   lengths: Ids) -> npt.NDArray[np.float32]:
    """S[p, t, a, b, c]: log P(c | a b) + channel(c) for t >= 2; 0 past </s>; -inf on padding."""
    n, steps, k = ids.shape
    a = ids[:, :-2, :, None, None]
    b = ids[:, 1:-1, None, :, None]
    c = ids[:, 2:, None, None, :]
    live = (
        (chan[:, :-2, :, None, None] > NEG)
        & (chan[:, 1:-1, None, :, None] > NEG)
        & (chan[:, 2:, None, None, :] > NEG)
    )
    t_idx = np.arange(2, steps)[None, :, None, None, None]
    real = live & (t_idx <= lengths[:, None, None, None, None] + 2)
    shape = (n, steps - 2, k, k, k)
    mask = np.broadcast_to(real, shape)
    keys = pack([np.broadcast_to(x, shape)[mask] for x in (a, b, c)])
    uniq, inverse = np.unique(keys, return_inverse=True)
    sixteen = np.uint64(0xFFFF)
    cols = [((uniq >> np.uint64(s)) & sixteen).astype(np.int64) for s in (32, 16, 0)]
    scores = np.full(shape, NEG, dtype=np.float32)
    scores[mask] = lm.logprob(cols[:2], cols[2])[inverse]
    scores[np.broadcast_to(live & ~real, shape)] = 0.0  # past </s>: every reading pays the same (nothing)
    scores += chan[:, 2:, None, None, :]
    return scores


def _decode_batch(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    ids, chan, lengths = _pad(phrases)
    scores = _triple_scores(lm, ids, chan, lengths)
    n, steps = ids.shape[:2]
    start = np.full((n, MAX_K, MAX_K), NEG, dtype=np.float32)
    start[:, 0, 0] = 0.0
    forward = [start]  # forward[j][p, b, c]: best reading with (b, c) at positions (j, j+1)
    for t in range(steps - 2):
        forward.append((forward[-1][:, :, :, None] + scores[:, t]).max(axis=1))
    backward = [np.zeros((n, MAX_K, MAX_K), dtype=np.float32)]
    for t in range(steps - 3, 0, -1):
        backward.append((scores[:, t] + backward[-1][:, None, :, :]).max(axis=3))
    backward.reverse()  # backward[j - 1] pairs with forward[j]
    marginal = np.stack([(forward[j] + backward[j - 1]).max(axis=1) for j in range(1, steps - 2)])
    best = marginal.argmax(axis=2)  # (T, P)
    top = np.take_along_axis(marginal, best[:, :, None], axis=2)
    conf = 1.0 / np.exp(marginal - top).sum(axis=2)
    return [
        (best[: lengths[p], p].tolist(), conf[: lengths[p], p].tolist()) for p in range(n)
    ]


def decode(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    """For each phrase: the chosen candidate index at each position and its confidence."""
    assert lm.order == 3, "the lattice decoder is written for a trigram model"
    results: list[tuple[list[int], list[float]]] = [
        ([0] * len(p), [1.0] * len(p)) for p in phrases
    ]
    todo = sorted(
        (i for i, p in enumerate(phrases) if any(len(c.ids) > 1 for c in p)),
        key=lambda i: len(phrases[i]),
    )
    batch: list[int] = []
    for i in [*todo, -1]:
        if batch and (i < 0 or (len(batch) + 1) * (len(phrases[i]) + 3) > BATCH_CELLS):
            decoded = _decode_batch(lm, [phrases[j] for j in batch])
            for j, result in zip(batch, decoded, strict=True):
                results[j] = result
            batch = []
        if i >= 0:
            batch.append(i)
    return results
