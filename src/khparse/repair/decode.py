"""Exact trigram Viterbi over many phrases at once, with max-marginal confidences.

Python cannot afford a numpy call per word, so phrases are decoded in lockstep, position by
position, on a sparse lattice: every (phrase, position) cell has its own number of candidates k
(one for a word that has no alternative, a few or a dozen for others), a state is a pair of candidates at two
consecutive positions and a transition a triple, and all of them live in flat arrays laid out so
that every max of the dynamic programme is one `np.maximum.reduceat` over contiguous runs.

The model is queried in backoff form (lm.py): once per candidate pair (b, c) for
log P(c | b) and bo(b c), and per triple (a, b, c) only where (a, b) is the context of some stored
trigram and (b, c) a stored bigram. Triples whose trigram is not stored all take the backoff
path, so the best of them into a state (b, c) is found once per candidate b, not per triple:
work is proportional to the candidate pairs and the stored trigrams among the triples, not to the
triples (about 60 per word on stripped text, 800 on English-model OCR output). A backward pass
gives max-marginals — the best score of any reading that puts candidate c at position t; the
decoder picks their argmax and reports their softmax as the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import mul

import numpy as np
import numpy.typing as npt

from khparse.repair.lm import NgramLM
from khparse.repair.transitions import transitions
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


@dataclass(frozen=True)
class Choice:
    """Candidates of one position: model ids and channel log-probabilities."""

    ids: Ids
    channel: F64

    @cached_property
    def key(self) -> bytes:
        """The candidate ids as bytes: what the model's answers about this cell depend on
        (transitions.py keeps them by it)."""
        return self.ids.astype(np.int64).tobytes()


_BOUND = Choice(np.array([BOS]), np.zeros(1))
_END = Choice(np.array([EOS]), np.zeros(1))


def _expand(sizes: Ids) -> tuple[Ids, Ids]:
    """For runs of the given sizes laid end to end: each element's run and offset in its run."""
    starts = np.cumsum(sizes) - sizes
    run = np.repeat(np.arange(len(sizes)), sizes)
    return run, np.arange(int(sizes.sum())) - starts[run]


def _unique(values: Ids) -> Ids:
    """np.unique of a one-dimensional integer array (the sorted distinct values), without the
    import of numpy.ma that np.unique makes on its first call (~10 ms of a fresh `khparse repair`)."""
    ordered = np.sort(values)
    return ordered[np.r_[True, ordered[1:] != ordered[:-1]]] if len(ordered) else ordered


def _runs(sizes: Ids) -> Ids:
    """Start of each run when runs of these sizes are laid end to end."""
    return np.cumsum(sizes) - sizes


def _decode_batch(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    # Cells in position-major order: position t of every phrase longer than t, longest first, so
    # the phrases alive at t are a prefix of those alive at t - 1. Positions 0, 1 are <s>.
    order = sorted(range(len(phrases)), key=lambda i: -len(phrases[i]))
    lengths = np.array([len(phrases[i]) + 3 for i in order], dtype=np.int64)
    steps = int(lengths[0])
    alive = lengths[None, :] > np.arange(steps)[:, None]
    cell_t, cell_p = (a.astype(np.int64) for a in np.nonzero(alive))
    step_cells = np.r_[0, np.cumsum(alive.sum(axis=1))].astype(np.int64)
    last = (lengths - 1).tolist()  # a list: numpy's element reads cost ten times as much
    choices = [
        _BOUND if t < 2 else _END if t == last[p] else phrases[order[p]][t - 2]
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
    keys = [c.key for c in choices]
    prev_l = prev1.tolist()
    memo = transitions(lm)
    lp2, bo2, hit, ext = memo.pair_scores(keys, prev_l, pair_start, pair_n, b_id, c_id)

    # Transitions (a, b, c): log P(c | a b) = lp(a b c) if stored, else bo(a b) + log P(c | b).
    # Most triples are not stored, and on the backoff path the best input of a state (b, c) is the
    # best fwd(a, b) + bo(a b) over every a, whatever c is; the best continuation of a state
    # (a, b), bo(a b) plus the best log P(c | b) + bwd(b, c) over every c. So the dynamic
    # programme takes those maxima once per candidate b and adds the stored trigrams one by one,
    # never listing all triples (about 800 a word on garbled text, of which a fifth follow a
    # context of stored trigrams and fewer are stored). That is exact wherever a stored trigram
    # is likelier than its backoff path, as with all but 0.2% of the model's (pruning renormalised
    # the backoff weights): a state that meets one of those is computed over all its
    # transitions, as the full lattice would be (`_exact_rows`).
    xs = lp2 + chan[c_glob]  # what a state (b, c) adds on the backoff path besides bo(a b)
    bg = cand_start[prev1[pcell]] + p_first  # candidate b of each state (b, c)
    nxt = np.full(n_cells, -1, dtype=np.int64)
    has_next = cell_t + 1 < lengths[cell_p]
    nxt[has_next] = step_cells[cell_t[has_next] + 1] + cell_p[has_next]
    pnext = nxt[pcell]
    # Stored trigrams: triples whose (a, b) is the context of some and whose (b, c) is a stored
    # bigram (as the suffix of every stored trigram is: lm.py), in the order of h_ab, hence of
    # positions.
    h_ab, h_bc, lp3 = memo.trigram_hits(keys, prev_l, nxt.tolist(), pair_start, pair_n, k, ext, hit,
                                        p_second, b_id, c_id)
    h_score = chan[c_glob[h_bc]] + lp3
    worse = h_score < bo2[h_ab] + xs[h_bc]

    step_pairs = np.r_[pair_start, n_pairs][step_cells]
    step_hits = np.searchsorted(h_ab, step_pairs)  # hits out of the states of each position
    n_cands = len(ids)
    best_in = np.zeros(n_cands, dtype=np.float32)  # per candidate b: best fwd(a, b) + bo(a b)
    best_out = np.zeros(n_cands, dtype=np.float32)  # per candidate b: best log P(c | b) + bwd(b, c)

    # Forward: best score of a reading that ends in each state. The pairs (a, b) of a cell are
    # laid out [a][b]; `by_b` lists them [b][a], so the a's of each b are a run.
    pr_k1 = k1[pcell]
    by_b = pair_start[pcell] + (pr % pr_k1) * k[pcell] + pr // pr_k1
    bo_by_b = bo2[by_b]
    run_in = _runs(np.repeat(k1, k))  # start of each candidate b's run in `by_b`
    step_cands = cand_start[np.minimum(step_cells, n_cells - 1)]
    step_cands[-1] = n_cands
    f_rows = _exact_rows(_unique(h_bc[worse]), k2[pcell], step_pairs)
    f_ab = (pair_start[prev1[pcell[f_rows.state_of]]] + f_rows.offset * k1[pcell[f_rows.state_of]]
            + p_first[f_rows.state_of])
    f_score = f_rows.fill(bo2[f_ab] + xs[f_rows.state_of], h_bc, p_first[h_ab], h_score)
    fwd = np.full(n_pairs, NEG, dtype=np.float32)
    fwd[step_pairs[1] : step_pairs[2]] = 0.0  # (<s>, <s>)
    for t in range(2, steps):
        p0, p1, c0 = step_pairs[t - 1], step_pairs[t], step_cands[t - 1]
        best_in[c0 : step_cands[t]] = np.maximum.reduceat(
            fwd[by_b[p0:p1]] + bo_by_b[p0:p1], run_in[c0 : step_cands[t]] - p0)
        q0, q1 = step_pairs[t], step_pairs[t + 1]
        f = best_in[bg[q0:q1]] + xs[q0:q1]
        h0, h1 = step_hits[t - 1], step_hits[t]
        np.maximum.at(f, h_bc[h0:h1] - q0, fwd[h_ab[h0:h1]] + h_score[h0:h1])
        f_rows.apply(f, q0, t, fwd[f_ab] + f_score)
        fwd[q0:q1] = f

    # Backward: best score of the rest of the phrase after each state. The states (b, c) of
    # each candidate b are a run (layout [b][c]).
    run_out = np.flatnonzero(p_second == 0)
    step_runs = np.searchsorted(run_out, step_pairs)
    b_rows = _exact_rows(_unique(h_ab[worse]), np.where(pnext >= 0, k[pnext], 0), step_pairs)
    b_next = pnext[b_rows.state_of]
    b_bc = pair_start[b_next] + p_second[b_rows.state_of] * k[b_next] + b_rows.offset
    b_score = b_rows.fill(bo2[b_rows.state_of] + xs[b_bc], h_ab, p_second[h_bc], h_score)
    bwd = np.zeros(n_pairs, dtype=np.float32)
    for t in range(steps - 1, 2, -1):
        q0, q1 = step_pairs[t], step_pairs[t + 1]
        g0, g1 = step_runs[t], step_runs[t + 1]
        best_out[bg[run_out[g0:g1]]] = np.maximum.reduceat(xs[q0:q1] + bwd[q0:q1], run_out[g0:g1] - q0)
        # States of position t - 1 with a successor: the phrases alive at t, a prefix.
        p0 = step_pairs[t - 1]
        n_live = int(np.count_nonzero(pnext[p0 : step_pairs[t]] >= 0))
        b = bo2[p0 : p0 + n_live] + best_out[c_glob[p0 : p0 + n_live]]
        h0, h1 = step_hits[t - 1], step_hits[t]
        np.maximum.at(b, h_ab[h0:h1] - p0, h_score[h0:h1] + bwd[h_bc[h0:h1]])
        b_rows.apply(b, p0, t - 1, b_score + bwd[b_bc])
        bwd[p0 : p0 + n_live] = b

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


@dataclass(frozen=True)
class _Rows:
    """Every transition of a few states (`_exact_rows`), a row per state, rows laid end to end."""

    states: Ids  # sorted
    start: Ids  # of each state's row
    state_of: Ids  # of each transition
    offset: Ids  # of each transition in its row: the other candidate's index in its cell
    step_states: Ids  # states[step_states[t]:step_states[t + 1]] are those of position t

    def fill(self, backoff: F32, hit_state: Ids, hit_offset: Ids, hit_score: F32) -> F32:
        """Scores of the transitions: `backoff`, or the stored trigram's where there is one."""
        row = np.searchsorted(self.states, hit_state)
        mine = row < len(self.states)
        mine[mine] = self.states[row[mine]] == hit_state[mine]
        backoff[self.start[row[mine]] + hit_offset[mine]] = hit_score[mine]
        return backoff

    def apply(self, out: F32, first: int, t: int, values: F32) -> None:
        """Set out[state - first] to the best of each row's `values`, for the states at t."""
        s0, s1 = self.step_states[t], self.step_states[t + 1]
        if s0 < s1:
            r0 = self.start[s0]
            r1 = self.start[s1] if s1 < len(self.states) else len(values)
            out[self.states[s0:s1] - first] = np.maximum.reduceat(values[r0:r1], self.start[s0:s1] - r0)


def _exact_rows(states: Ids, width: Ids, step_pairs: Ids) -> _Rows:
    """Rows of all the transitions of `states` (sorted), width[state] each."""
    sizes = width[states]
    state_of, offset = _expand(sizes)
    return _Rows(states, _runs(sizes), states[state_of], offset, np.searchsorted(states, step_pairs))


def decode(lm: NgramLM, phrases: list[list[Choice]]) -> list[tuple[list[int], list[float]]]:
    """For each phrase: the chosen candidate index at each position and its confidence.

    A phrase whose lattice passes WINDOW_TRIPLES (a table or a list printed without punctuation:
    thousands of words in one phrase) is decoded in overlapping windows (`_windows`), so memory
    stays bounded whatever a phrase's length; every phrase of real prose is decoded whole."""
    assert lm.order == 3, "the lattice decoder is written for a trigram model"
    results: list[tuple[list[int], list[float]]] = [
        ([0] * len(p), [1.0] * len(p)) for p in phrases
    ]
    # Pieces to decode: (phrase, window start, window end, core start, core end), from the number
    # of candidates at each position, listed once.
    sizes = [[len(c.ids) for c in p] for p in phrases]
    pieces = [(i, *w) for i, k in enumerate(sizes) if max(k, default=1) > 1 for w in _windows(k)]
    # Batched by length: a batch's dynamic programme takes a step per position of its longest
    # phrase, whatever the others' lengths (each phrase's lattice is its own: the same readings).
    pieces.sort(key=lambda piece: piece[2] - piece[1])
    batch: list[tuple[int, int, int, int, int]] = []
    cells = triples = 0
    for piece in [*pieces, None]:
        size = work = 0
        if piece is not None:
            i, start, end = piece[:3]
            size, work = end - start + 3, _triples(sizes[i][start:end])
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


def _cell_triples(sizes: list[int]) -> list[int]:
    """Candidate triples of each position's cell (the two before it included), <s> <s> before,
    for a phrase of `sizes` candidates at each position."""
    k = [1, 1, *sizes]
    return list(map(mul, map(mul, k, k[1:]), k[2:]))


def _windows(sizes: list[int]) -> list[tuple[int, int, int, int]]:
    """How to decode a phrase of `sizes` candidates at each position: (window start, window end,
    core start, core end) per window, the cores laid end to end over the phrase. One window, the
    phrase itself, unless its lattice passes WINDOW_TRIPLES; else windows of at most that many
    triples, each reaching CONTEXT words past its core on both sides, whose results are kept for
    the core only. Cores end after a two words with a single reading each where the last CONTEXT
    words of the room hold them (a number, a comma, a fixed name): a trigram reading never looks
    past two fixed words, so both windows read their cores exactly as the whole phrase would;
    else after one, else anywhere."""
    cost = _cell_triples(sizes)
    if sum(cost) <= WINDOW_TRIPLES:
        return [(0, len(sizes), 0, len(sizes))]
    before = [0]
    for c in cost:
        before.append(before[-1] + c)
    n, out, a = len(sizes), [], 0
    while a < n:
        s = max(0, a - CONTEXT)
        b = a + 1  # the furthest core end whose window fits (always at least one word)
        while b < n and before[min(n, b + 1 + CONTEXT)] - before[s] <= WINDOW_TRIPLES:
            b += 1
        if b < n:  # a safe cut point in the last CONTEXT words of the room, if there is one
            room = range(b, max(a, b - CONTEXT), -1)
            b = next((j for j in room if j >= 2 and sizes[j - 1] == sizes[j - 2] == 1),
                     next((j for j in room if sizes[j - 1] == 1), b))
        out.append((s, min(n, b + CONTEXT), a, b))
        a = b
    return out


def _triples(sizes: list[int]) -> int:
    """Candidate triples of a phrase of `sizes` candidates at each position: the size of its share
    of the lattice arrays."""
    k = [1, 1, *sizes, 1]
    return sum(map(mul, map(mul, k, k[1:]), k[2:]))
