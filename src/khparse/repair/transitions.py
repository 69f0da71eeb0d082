"""The language model's answers for a lattice's transitions, kept per pair and triple of cells.

The decoder (decode.py) asks the model about every pair of candidates of two neighbouring words
(log P(c | b), bo(b c), whether b c is stored, whether it is the context of a stored trigram) and
about the triples of three neighbouring words that may be stored trigrams. The answers depend on
the words' candidate ids alone, and text repeats its word pairs: 40-60% of the candidate pairs of
an English-OCR plan were met earlier in it or in the plans before it (a batch worker's), 20-30%
of its triples. So the answers are kept per pair (and triple) of cells, in flat arrays that grow
for the process's lifetime: a pair of words met again costs a dict lookup and a gather instead
of binary searches in the model's 12 MB of keys (most of a warm decode).

The arrays hold exactly what the lookups give (the model's float16 values, their float32 sums):
the decoder's inputs, hence its readings and confidences, are the same bits either way.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import numpy.typing as npt

from khparse.repair.lm import NgramLM, pack

Ids = npt.NDArray[np.int64]
# Kept answers before the store starts over (a long-running worker fed endless new text): ~9 bytes
# a candidate pair, ~10 a stored triple, ~200 a pair or triple of cells in the dicts. A garbled
# plan adds ~60,000 pairs: the store holds a few dozen plans' worth, ~25 MB.
PAIRS_KEPT = 2_000_000
HIT, CONTEXT = np.uint8(1), np.uint8(2)  # flags of a candidate pair: stored; context of a trigram


class _Columns:
    """Equal-length growing arrays (capacity doubled, as a list's)."""

    def __init__(self, *dtypes: type[Any]) -> None:
        self.size = 0
        self.arrays: list[npt.NDArray[Any]] = [np.empty(1024, dtype=d) for d in dtypes]

    def extend(self, *columns: npt.NDArray[Any]) -> None:
        end = self.size + len(columns[0])
        if end > len(self.arrays[0]):
            capacity = max(end, 2 * len(self.arrays[0]))
            self.arrays = [np.concatenate([a[: self.size], np.empty(capacity - self.size, dtype=a.dtype)])
                           for a in self.arrays]
        for array, column in zip(self.arrays, columns, strict=True):
            array[self.size : end] = column
        self.size = end


def _ranges(starts: Ids, sizes: Ids) -> Ids:
    """The indices start .. start + size - 1 of each run, runs laid end to end."""
    total = int(sizes.sum())
    return np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(total)


class Transitions:
    """One model's answers, by the candidate ids of the cells they are about (`Choice.key`)."""

    def __init__(self, lm: NgramLM) -> None:
        self.lm = lm
        self.lock = threading.Lock()  # the arrays grow in place
        self.clear()

    def clear(self) -> None:
        self.pair_at: dict[tuple[bytes, bytes], int] = {}  # cells (b, c) → offset of their pairs
        self.pairs = _Columns(np.float32, np.float32, np.uint8)  # log P(c | b), bo(b c), flags
        # Cells (a, b, c) → offset and number of their stored trigrams, each as the state (a, b)
        # within the pairs of cell b, the state (b, c) within those of cell c, and its log P.
        self.triple_at: dict[tuple[bytes, bytes, bytes], tuple[int, int]] = {}
        self.triples = _Columns(np.int32, np.int32, np.float16)

    def pair_scores(self, keys: list[bytes], prev: list[int], pair_start: Ids, pair_n: Ids,
                    b_id: Ids, c_id: Ids) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32],
                                                   npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """For every state (b, c) of the lattice, laid out as the decoder lays them (cell after
        cell, pair_n[cell] from pair_start[cell], ids b_id and c_id): log P(c | b), bo(b c),
        whether b c is stored and whether it is the context of a stored trigram. `prev[cell]` is
        the cell before, `keys[cell]` its candidate ids."""
        with self.lock:  # threads repairing at once (a dask worker's) take turns
            if self.pairs.size > PAIRS_KEPT or self.triples.size > PAIRS_KEPT:
                self.clear()
            at, base = self.pair_at, self.pairs.size
            # The loops over cells read and write Python lists: a numpy element costs ten times more.
            offsets = [0] * len(keys)
            sizes = pair_n.tolist()
            pending: dict[tuple[bytes, bytes], int] = {}
            new: list[int] = []
            added = 0
            for cell in np.flatnonzero(pair_n).tolist():
                key = (keys[prev[cell]], keys[cell])
                offset = at.get(key)
                if offset is None:
                    offset = pending.get(key)
                    if offset is None:
                        offset = pending[key] = base + added
                        added += sizes[cell]
                        new.append(cell)
                offsets[cell] = offset
            if new:
                lm, bigrams = self.lm, self.lm.tables[0]
                states = _ranges(pair_start[new], pair_n[new])
                b, c = b_id[states], c_id[states]
                idx, hit = bigrams.find(pack([b, c]))
                # The stored bigrams' values read where they are stored only (about a quarter).
                stored = idx[hit]
                lp = lm.uni_bo[b] + lm.uni_lp[c]
                lp[hit] = bigrams.lp[stored]
                bo = np.zeros(len(b), dtype=np.float32)
                bo[hit] = bigrams.bo[stored]
                flags = hit.astype(np.uint8)
                flags[hit] |= lm.extended[0][stored].astype(np.uint8) << 1
                self.pairs.extend(lp, bo, flags)
                at.update(pending)
            where = _ranges(np.array(offsets, dtype=np.int64), pair_n)
            lp2, bo2, flags = (a[where] for a in self.pairs.arrays)
            return lp2, bo2, (flags & HIT).astype(bool), (flags & CONTEXT).astype(bool)

    def trigram_hits(self, keys: list[bytes], prev: list[int], nxt: list[int], pair_start: Ids,
                     pair_n: Ids, k: Ids, context: npt.NDArray[np.bool_], hit: npt.NDArray[np.bool_],
                     p_second: Ids, b_id: Ids, c_id: Ids) -> tuple[Ids, Ids, npt.NDArray[np.float16]]:
        """The stored trigrams among the lattice's triples (a, b, c), ordered by their state
        (a, b): that state, the state (b, c) and log P(c | a b). Only states (a, b) that are the
        context of some trigram and states (b, c) stored as bigrams are looked up (every stored
        trigram's suffix is a stored bigram: lm.py). `nxt[cell]` is the cell after, -1 at a
        phrase's end; `context` and `hit` are `pair_scores`' flags."""
        with self.lock:  # threads repairing at once (a dask worker's) take turns
            at, base = self.triple_at, self.triples.size
            cells = [cell for cell in np.flatnonzero(pair_n).tolist() if nxt[cell] >= 0]
            offsets, counts = [0] * len(cells), [0] * len(cells)
            pending: dict[tuple[bytes, bytes, bytes], int] = {}  # → its row among the new cells
            new: list[int] = []
            rows: list[tuple[int, int]] = []  # (cell's position in `cells`, row among the new ones)
            for n, cell in enumerate(cells):
                key = (keys[prev[cell]], keys[cell], keys[nxt[cell]])
                found = at.get(key)
                if found is not None:
                    offsets[n], counts[n] = found
                    continue
                row = pending.get(key)
                if row is None:
                    row = pending[key] = len(new)
                    new.append(cell)
                rows.append((n, row))
            if new:
                trigrams = self.lm.tables[1]
                cell_arr = np.array(new, dtype=np.int64)
                following = np.array([nxt[cell] for cell in new], dtype=np.int64)
                states = _ranges(pair_start[cell_arr], pair_n[cell_arr])
                owner = np.repeat(np.arange(len(new)), pair_n[cell_arr])  # row of each state
                keep = np.flatnonzero(context[states])
                src, src_row = states[keep], owner[keep]
                # Each context (a, b) goes with the stored bigrams (b, c) of the next cell: the
                # states of one b there are a run, and its stored ones a run of `stored`, found
                # by counting (rather than every (b, c) listed, then the stored ones kept).
                stored = np.flatnonzero(hit)
                before = np.r_[0, np.cumsum(hit, dtype=np.int64)]  # stored states before each state
                fan = k[following[src_row]]
                run = pair_start[following[src_row]] + p_second[src] * fan
                first, n_bc = before[run], before[run + fan] - before[run]
                w_ab, w_row = np.repeat(src, n_bc), np.repeat(src_row, n_bc)
                w_bc = stored[_ranges(first, n_bc)]
                idx3, hit3 = trigrams.find(pack([b_id[w_ab], c_id[w_ab], c_id[w_bc]]))
                h_ab, h_bc, h_row = w_ab[hit3], w_bc[hit3], w_row[hit3]
                found_n = np.bincount(h_row, minlength=len(new))
                self.triples.extend((h_ab - pair_start[cell_arr[h_row]]).astype(np.int32),
                                    (h_bc - pair_start[following[h_row]]).astype(np.int32), trigrams.lp[idx3[hit3]])
                starts, found_l = (base + np.cumsum(found_n) - found_n).tolist(), found_n.tolist()
                for key, row in pending.items():
                    at[key] = (starts[row], found_l[row])
                for n, row in rows:
                    offsets[n], counts[n] = starts[row], found_l[row]
            numbers = np.array(counts, dtype=np.int64)
            where = _ranges(np.array(offsets, dtype=np.int64), numbers)
            ab, bc, lp = (a[where] for a in self.triples.arrays)
            cell_arr = np.array(cells, dtype=np.int64)
            h_ab = ab.astype(np.int64) + np.repeat(pair_start[cell_arr], numbers)
            h_bc = bc.astype(np.int64) + np.repeat(pair_start[[nxt[cell] for cell in cells]], numbers)
            return h_ab, h_bc, lp


_kept: dict[int, Transitions] = {}


def transitions(lm: NgramLM) -> Transitions:
    """The lasting store of this model's answers (one model per process in practice)."""
    memo = _kept.get(id(lm))
    if memo is None or memo.lm is not lm:
        memo = _kept[id(lm)] = Transitions(lm)
    return memo
