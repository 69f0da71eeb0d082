"""Interpolated modified Kneser-Ney estimation over packed n-gram keys, then count pruning.

Chen & Goodman (1998): three discounts per order from the count-of-counts; lower orders use
continuation counts (how many distinct words precede an n-gram) except n-grams starting with <s>,
which cannot be preceded and keep their raw counts. After estimation, n-grams seen fewer than
`min_count` times are dropped and every backoff weight is recomputed so each context's
distribution still sums to one (the "properly smoothed" part survives the pruning).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from khparse.repair.lm import BITS, NgramLM, Table, pack
from khparse.repair.vocab import BOS, EOS

U64 = npt.NDArray[np.uint64]
F64 = npt.NDArray[np.float64]
MASK = np.uint64((1 << BITS) - 1)


def raw_counts(stream: npt.NDArray[np.int64], n: int) -> tuple[U64, npt.NDArray[np.int64]]:
    """Unique keys and counts of the n-grams inside phrases of `stream` (padded <s>…</s>)."""
    length = len(stream) - n + 1
    cols = [stream[i : i + length] for i in range(n)]
    # An n-gram may not run past </s> nor predict <s>; the all-<s> n-grams are kept (n >= 2)
    # because they are the contexts at the start of every phrase.
    valid = cols[-1] != BOS
    all_bos = cols[0] == BOS
    for col in cols[:-1]:
        valid &= col != EOS
        all_bos &= col == BOS
    if n >= 2:
        valid |= all_bos & (cols[-1] == BOS)
    keys, counts = np.unique(pack([c[valid] for c in cols]), return_counts=True)
    return keys, counts.astype(np.int64)


def discounts(counts: npt.NDArray[np.int64]) -> F64:
    """D(0)=0, D1, D2, D3+ from the count-of-counts n1..n4."""
    n1, n2, n3, n4 = (max(int(np.sum(counts == k)), 1) for k in (1, 2, 3, 4))
    y = n1 / (n1 + 2 * n2)
    return np.array([0.0, 1 - 2 * y * n2 / n1, 2 - 3 * y * n3 / n2, 3 - 4 * y * n4 / n3])


def _groups(context: U64) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start of each run of equal contexts (keys are sorted) and each key's run number."""
    starts = np.flatnonzero(np.r_[True, context[1:] != context[:-1]])
    run = np.cumsum(np.r_[False, context[1:] != context[:-1]])
    return starts, run


def estimate(
    stream: npt.NDArray[np.int64], vocab_size: int, order: int, min_count: list[int]
) -> NgramLM:
    raw = [raw_counts(stream, n) for n in range(1, order + 1)]
    # Adjusted counts: continuation counts below the top order, raw for <s>-initial n-grams.
    adjusted = []
    for n in range(1, order + 1):
        keys, counts = raw[n - 1]
        if n < order:
            suffix = raw[n][0] & np.uint64((1 << (BITS * n)) - 1)
            cont_keys, cont = np.unique(suffix, return_counts=True)
            idx = np.clip(np.searchsorted(cont_keys, keys), 0, len(cont_keys) - 1)
            cont_of = np.where(cont_keys[idx] == keys, cont[idx], 0)
            first = keys >> np.uint64(BITS * (n - 1))
            counts = np.where(first == BOS, counts, cont_of)
        adjusted.append(counts)

    # Order 1, interpolated with the uniform distribution.
    keys1, a1 = raw[0][0].astype(np.int64), adjusted[0]
    d = discounts(a1)
    total = a1.sum()
    p1 = np.full(vocab_size, 0.0)
    gamma0 = d[np.minimum(a1, 3)].sum() / total
    p1[keys1] = (a1 - d[np.minimum(a1, 3)]) / total
    p1 += gamma0 / (vocab_size - 1)
    p1[BOS] = 1.0  # never predicted; keeps logs finite
    probs: list[F64] = [p1]

    for n in range(2, order + 1):
        keys, a = raw[n - 1][0], adjusted[n - 1]
        d = discounts(a)
        starts, run = _groups(keys >> np.uint64(BITS))
        total = np.add.reduceat(a, starts)[run].astype(np.float64)
        mass = np.add.reduceat(d[np.minimum(a, 3)], starts)[run]
        lower = _lookup_full(probs, raw, keys & np.uint64((1 << (BITS * (n - 1))) - 1), n - 1)
        probs.append((a - d[np.minimum(a, 3)]) / total + mass / total * lower)

    return _prune(probs, raw, order, min_count)


def _lookup_full(probs: list[F64], raw: list[tuple[U64, npt.NDArray[np.int64]]], keys: U64,
                 n: int) -> F64:
    if n == 1:
        return probs[0][keys.astype(np.int64)]
    table_keys = raw[n - 1][0]
    return probs[n - 1][np.searchsorted(table_keys, keys)]


def _prune(probs: list[F64], raw: list[tuple[U64, npt.NDArray[np.int64]]], order: int,
           min_count: list[int]) -> NgramLM:
    uni_lp = np.log(probs[0]).astype(np.float32)
    uni_bo = np.zeros(len(probs[0]), dtype=np.float32)
    lm = NgramLM(uni_lp, uni_bo, ())
    for n in range(2, order + 1):
        keys, counts = raw[n - 1]
        keep = counts >= min_count[n - 2]
        keys, p = keys[keep], probs[n - 1][keep]
        context = keys >> np.uint64(BITS)
        words = (keys & MASK).astype(np.int64)
        ctx_cols = [
            ((context >> np.uint64(BITS * (n - 2 - i))) & MASK).astype(np.int64)
            for i in range(n - 1)
        ]
        lower = np.exp(lm.logprob(ctx_cols[1:], words) if n > 2 else lm.uni_lp[words])
        starts, _ = _groups(context)
        num = 1.0 - np.add.reduceat(p, starts)
        den = 1.0 - np.add.reduceat(lower, starts)
        bo = np.log(np.clip(num, 1e-9, None) / np.clip(den, 1e-9, None))
        ctx_keys = context[starts]
        # Store each context's weight on the (n-1)-gram that is that context.
        if n == 2:
            uni_bo[ctx_keys.astype(np.int64)] = bo
        else:
            prev = lm.tables[-1]
            idx = np.searchsorted(prev.keys, ctx_keys)
            assert np.all(prev.keys[idx] == ctx_keys), "a kept n-gram's context was pruned"
            prev.bo[idx] = bo.astype(np.float16)
        table = Table(keys, np.log(p).astype(np.float16), np.zeros(len(keys), dtype=np.float16))
        lm = NgramLM(uni_lp, uni_bo, (*lm.tables, table))
    return lm
