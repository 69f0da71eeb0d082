"""Exact trigram Viterbi over many phrases at once, with max-marginal confidences.

Python cannot afford a numpy call per word, so phrases are decoded in lockstep, position by
position, on a sparse lattice: every (phrase, position) cell has its own number of candidates k
(one for a word that has no alternative, a few or a dozen for others), a state is a pair of candidates at two
consecutive positions and a transition a triple, and all of them live in flat arrays laid out so
that every max of the dynamic programme is one `np.maximum.reduceat` over contiguous runs. Work
is proportional to the real number of candidate triples (about 60 per word on stripped text),
not to the cube of the most candidates a word has.

The model is queried in backoff form (lm.py): once per candidate pair (b, c) for
log P(c | b) and bo(b c), and per triple (a, b, c) only where (a, b) is the context of some stored
trigram. A backward pass gives max-marginals — the best score of any reading that puts candidate
c at position t; the decoder picks their argmax and reports their softmax as the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from khparse.repair.lm import NgramLM, pack
from khparse.repair.vocab import BOS, EOS

Ids = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]
BATCH_CELLS = 6000  # phrases x positions per batch: small enough to stay in cache (~60 triples a cell)
# Candidate triples per batch, which bound its memory (~100 bytes each): OCR-garbled words have up
# to MAX_K_OCR candidates, hence up to thousands of triples a cell.
BATCH_TRIPLES = 400_000
# A phrase's lattice beyond this many triples (~40 MB) is decoded in windows, else memory grows
# with the phrase: a 40 KB page without punctuation is one phrase of 9 million triples, 800 MB.
# The largest phrase of the benchmark texts (stripped plans, garbled samples, held-out corpus
# prose) has 74,000, so real prose is decoded whole, exactly as before.
WINDOW_TRIPLES = BATCH_TRIPLES
# Words a window reaches past its core on each side: the trigram model's influence fades within a
# few words, so a core's reading is that of the whole phrase. 2 * CONTEXT + 1 cells of at most
# MAX_K_OCR**3 triples (4,096) fit in a window.
CONTEXT = 16
NEG = np.float32(-1e9)
_U16 = np.uint64(16)


@dataclass(frozen=True)
class Choice:
    """Candidates of one position: model ids and channel log-probabilities."""

    ids: Ids
    channel: F64


_BOUND = Choice(np.array([BOS]), np.zeros(1))
_END = Choice(np.array([EOS]), np.zeros(1))


def _expand(sizes: Ids) -> tuple[Ids, Ids]:
    """For runs of the given sizes laid end to end: each element's run and offset in its run."""
    starts = np.cumsum(sizes) - sizes
    run = np.repeat(np.arange(len(sizes)), sizes)
    return run, np.arange(int(sizes.sum())) - starts[run]


def _runs(sizes: Ids) -> Ids:
    """Start of each run when runs of these sizes are laid end to end."""
    return np.cumsum(sizes) - sizes


def _decode_batch(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    bigrams, trigrams = lm.tables
    # Cells in position-major order: position t of every phrase longer than t, longest first, so
    # the phrases alive at t are a prefix of those alive at t - 1. Positions 0, 1 are <s>.
    order = sorted(range(len(phrases)), key=lambda i: -len(phrases[i]))
    lengths = np.array([len(phrases[i]) + 3 for i in order], dtype=np.int64)
    steps = int(lengths[0])
    alive = lengths[None, :] > np.arange(steps)[:, None]
    cell_t, cell_p = (a.astype(np.int64) for a in np.nonzero(alive))
    step_cells = np.r_[0, np.cumsum(alive.sum(axis=1))].astype(np.int64)
    choices = [
        _BOUND if t < 2 else _END if t == lengths[p] - 1 else phrases[order[p]][t - 2]
        for t, p in zip(cell_t.tolist(), cell_p.tolist(), strict=True)
    ]
    k = np.array([len(c.ids) for c in choices], dtype=np.int64)
    ids = np.concatenate([c.ids for c in choices]).astype(np.int64)
    chan = np.concatenate([c.channel for c in choices]).astype(np.float32)
    n_cells = len(k)
    cand_start = _runs(k)
    prev1 = np.full(n_cells, -1, dtype=np.int64)
    prev2 = np.full(n_cells, -1, dtype=np.int64)
    ok1, ok2 = cell_t >= 1, cell_t >= 2
    prev1[ok1] = step_cells[cell_t[ok1] - 1] + cell_p[ok1]
    prev2[ok2] = step_cells[cell_t[ok2] - 2] + cell_p[ok2]
    k1 = np.where(ok1, k[prev1], 0)
    k2 = np.where(ok2, k[prev2], 0)

    # States: candidate pairs (b at t - 1, c at t) of each cell with t >= 1, layout [b][c].
    pair_n = k1 * k
    pair_start = _runs(pair_n)
    n_pairs = int(pair_n.sum())
    pcell, pr = _expand(pair_n)
    p_first, p_second = pr // k[pcell], pr % k[pcell]
    b_id = ids[cand_start[prev1[pcell]] + p_first]
    c_glob = cand_start[pcell] + p_second
    c_id = ids[c_glob]
    idx, hit = bigrams.find((b_id.astype(np.uint64) << _U16) | c_id.astype(np.uint64))
    lp2 = np.where(hit, bigrams.lp[idx].astype(np.float32), lm.uni_bo[b_id] + lm.uni_lp[c_id])
    bo2 = np.where(hit, bigrams.bo[idx].astype(np.float32), np.float32(0.0))
    ext = hit & lm.extended[0][idx]

    # Transitions: triples (a, b, c) of each cell with t >= 2, layout [b][c][a]: each state
    # (b, c) followed by its k2 inputs (a, b). log P(c | a b) = lp(a b c) if stored, else
    # bo(a b) + log P(c | b).
    fan_in = k2[pcell]
    q_bc = np.repeat(np.arange(n_pairs), fan_in)  # state (b, c) at t
    inputs = _runs(fan_in)  # first transition into each state
    ta = np.arange(len(q_bc)) - np.repeat(inputs, fan_in)
    q_ab = np.repeat(pair_start[prev1[pcell]] + p_first, fan_in) + ta * np.repeat(k1[pcell], fan_in)
    scores = bo2[q_ab] + np.repeat(lp2 + chan[c_glob], fan_in)
    want = np.flatnonzero(ext[q_ab])
    if len(want):
        qw = q_bc[want]
        a_id = ids[cand_start[prev2[pcell[qw]]] + ta[want]]
        idx3, hit3 = trigrams.find(pack([a_id, b_id[qw], c_id[qw]]))
        scores[want[hit3]] = chan[c_glob[qw[hit3]]] + trigrams.lp[idx3[hit3]]

    step_pairs = np.r_[pair_start, n_pairs][step_cells]
    step_tris = np.r_[inputs, len(scores)][step_pairs]

    # Forward: best score of a reading that ends in each state.
    fwd = np.full(n_pairs, NEG, dtype=np.float32)
    fwd[step_pairs[1] : step_pairs[2]] = 0.0  # (<s>, <s>)
    for t in range(2, steps):
        q0, q1 = step_pairs[t], step_pairs[t + 1]
        r0, r1 = step_tris[t], step_tris[t + 1]
        fwd[q0:q1] = np.maximum.reduceat(fwd[q_ab[r0:r1]] + scores[r0:r1], inputs[q0:q1] - r0)

    # Backward: best score of the rest of the phrase after each state. `perm` lists the
    # transitions out of each state (a, b) together, state by state: for a state of cell u whose
    # successor cell is v, the transition to (b, c) is stored at inputs[state (b, c) of v] + a.
    nxt = np.full(n_cells, -1, dtype=np.int64)
    has_next = cell_t + 1 < lengths[cell_p]
    nxt[has_next] = step_cells[cell_t[has_next] + 1] + cell_p[has_next]
    pnext = nxt[pcell]
    fan_out = np.where(pnext >= 0, k[pnext], 0)
    succ = _runs(fan_out)  # first transition out of each state, in `perm` order
    stride = k1[pcell]  # the successor's fan-in: this state's cell's k1
    first_in = inputs[np.minimum(pair_start[pnext], n_pairs - 1)]
    pos = np.repeat(first_in + p_second * k[pnext] * stride + p_first, fan_out)
    c_off = np.arange(int(fan_out.sum())) - np.repeat(succ, fan_out)
    perm = pos + c_off * np.repeat(stride, fan_out)
    bwd = np.zeros(n_pairs, dtype=np.float32)
    for t in range(steps - 1, 2, -1):
        r0, r1 = step_tris[t], step_tris[t + 1]
        sel = perm[r0:r1]
        # States of position t - 1 with a successor: the phrases alive at t, a prefix.
        q0 = step_pairs[t - 1]
        n_live = int(np.count_nonzero(fan_out[q0 : step_pairs[t]]))
        bwd[q0 : q0 + n_live] = np.maximum.reduceat(
            scores[sel] + bwd[q_bc[sel]], succ[q0 : q0 + n_live] - r0
        )

    # Max-marginal of candidate c at a word position: max over b of fwd + bwd of state (b, c).
    total = fwd + bwd
    wcells = np.flatnonzero(ok2 & (cell_t < lengths[cell_p] - 1))
    wk, wk1 = k[wcells], k1[wcells]
    m_cell, mr = _expand(wk1 * wk)
    cell = wcells[m_cell]
    mc, mb = mr // k1[cell], mr % k1[cell]  # layout [c][b]
    marg = np.maximum.reduceat(
        total[pair_start[cell] + mb * k[cell] + mc], _runs(np.repeat(wk1, wk))
    )
    seg = _runs(wk)
    top = np.maximum.reduceat(marg, seg)
    rel = marg - np.repeat(top, wk)
    conf = 1.0 / np.add.reduceat(np.exp(rel), seg)
    local = np.arange(len(marg)) - np.repeat(seg, wk)
    best = np.minimum.reduceat(np.where(rel >= 0, local, np.iinfo(np.int64).max), seg)

    # Back to phrases, word by word.
    wp, wt = cell_p[wcells], cell_t[wcells]
    srt = np.lexsort((wt, wp))
    bounds = np.searchsorted(wp[srt], np.arange(len(phrases) + 1))
    best_l, conf_l = best[srt].tolist(), conf[srt].tolist()
    out: list[tuple[list[int], list[float]]] = [([], []) for _ in phrases]
    for p, i in enumerate(order):
        s, e = int(bounds[p]), int(bounds[p + 1])
        out[i] = (best_l[s:e], conf_l[s:e])
    return out


def decode(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    """For each phrase: the chosen candidate index at each position and its confidence.

    A phrase whose lattice passes WINDOW_TRIPLES (a table or a list printed without punctuation:
    thousands of words in one phrase) is decoded in overlapping windows (`_windows`), so memory
    stays bounded whatever a phrase's length; every phrase of real prose is decoded whole."""
    assert lm.order == 3, "the lattice decoder is written for a trigram model"
    results: list[tuple[list[int], list[float]]] = [
        ([0] * len(p), [1.0] * len(p)) for p in phrases
    ]
    # Pieces to decode: (phrase, window start, window end, core start, core end).
    pieces = [(i, *w) for i, p in enumerate(phrases) if any(len(c.ids) > 1 for c in p)
              for w in _windows(p)]
    batch: list[tuple[int, int, int, int, int]] = []
    cells = triples = 0
    for piece in [*pieces, None]:
        size = work = 0
        if piece is not None:
            i, start, end = piece[:3]
            size, work = end - start + 3, _triples(phrases[i][start:end])
        if batch and (piece is None or cells + size > BATCH_CELLS or triples + work > BATCH_TRIPLES):
            decoded = _decode_batch(lm, [phrases[j][s:e] for j, s, e, _, _ in batch])
            for (j, s, _, a, b), (picked, conf) in zip(batch, decoded, strict=True):
                results[j][0][a:b] = picked[a - s : b - s]
                results[j][1][a:b] = conf[a - s : b - s]
            batch, cells, triples = [], 0, 0
        if piece is not None:
            batch.append(piece)
            cells += size
            triples += work
    return results


def _cell_triples(phrase: list[Choice]) -> list[int]:
    """Candidate triples of each position's cell (the two before it included), <s> <s> before."""
    k = [1, 1, *(len(c.ids) for c in phrase)]
    return [a * b * c for a, b, c in zip(k, k[1:], k[2:], strict=False)]


def _windows(phrase: list[Choice]) -> list[tuple[int, int, int, int]]:
    """How to decode a phrase: (window start, window end, core start, core end) per window, the
    cores laid end to end over the phrase. One window, the phrase itself, unless its lattice
    passes WINDOW_TRIPLES; else windows of at most that many triples, each reaching CONTEXT words
    past its core on both sides, whose results are kept for the core only. Cores end after a
    two words with a single reading each where the last CONTEXT words of the room hold them (a
    number, a comma, a fixed name): a trigram reading never looks past two fixed words, so both
    windows read their cores exactly as the whole phrase would; else after one, else anywhere."""
    cost = _cell_triples(phrase)
    if sum(cost) <= WINDOW_TRIPLES:
        return [(0, len(phrase), 0, len(phrase))]
    before = [0]
    for c in cost:
        before.append(before[-1] + c)
    n, out, a = len(phrase), [], 0
    while a < n:
        s = max(0, a - CONTEXT)
        b = a + 1  # the furthest core end whose window fits (always at least one word)
        while b < n and before[min(n, b + 1 + CONTEXT)] - before[s] <= WINDOW_TRIPLES:
            b += 1
        if b < n:  # a safe cut point in the last CONTEXT words of the room, if there is one
            room = range(b, max(a, b - CONTEXT), -1)
            b = next((j for j in room if j >= 2 and _single(phrase[j - 1]) and _single(phrase[j - 2])),
                     next((j for j in room if _single(phrase[j - 1])), b))
        out.append((s, min(n, b + CONTEXT), a, b))
        a = b
    return out


def _single(choice: Choice) -> bool:
    return len(choice.ids) == 1


def _triples(phrase: list[Choice]) -> int:
    """Candidate triples of a phrase: the size of its share of the lattice arrays."""
    k = [1, 1, *(len(c.ids) for c in phrase), 1]
    return sum(a * b * c for a, b, c in zip(k, k[1:], k[2:], strict=False))
