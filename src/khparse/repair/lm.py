"""Syllable n-gram language model in backoff form, stored as sorted integer keys.

An n-gram of syllable ids (each < 2**16) is packed into one uint64 key, first word in the high
bits, so the n-grams sharing a context are adjacent and a lookup is a binary search
(`numpy.searchsorted`) done for a whole batch of queries at once: that is what lets a Python
decoder score thousands of hypotheses per millisecond, and the arrays load from disk in
milliseconds with no parsing. Log-probabilities are natural logs in float16 (precision 1e-3,
far below what decoding can tell apart).

log P(w | h) = lp(h w) if h w is stored, else bo(h) + log P(w | h minus its first word).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import numpy.typing as npt

from khparse.repair.data import mapped_npz

U64 = npt.NDArray[np.uint64]
F32 = npt.NDArray[np.float32]
Ids = npt.NDArray[np.int64]

BITS = 16


def pack(columns: list[Ids]) -> U64:
    """Keys of the n-grams whose i-th words are columns[i] (equal-length id arrays)."""
    key = np.zeros(len(columns[0]), dtype=np.uint64)
    for col in columns:
        key = (key << np.uint64(BITS)) | col.astype(np.uint64)
    return key


_LOW = np.uint64(32)


def _sort(keys: U64) -> tuple[npt.NDArray[np.intp], U64]:
    """The order that sorts `keys`, and the sorted keys. Keys of two words (32 bits) are sorted
    with their positions in the low bits, a plain sort of one array: four times faster than
    argsort on 400,000 bigram queries."""
    if len(keys) == 0 or int(keys.max()) >> 32 or len(keys) >> 32:
        order = np.argsort(keys)
        return order, keys[order]
    packed = (keys << _LOW) | np.arange(len(keys), dtype=np.uint64)
    packed.sort()
    return (packed & np.uint64(0xFFFFFFFF)).astype(np.intp), packed >> _LOW


# A table's membership filter (`Table.filter`): one bit per slot, slots = keys × FILTER_BITS rounded
# up to a power of two, a key's slot its multiplicative hash. Nine in ten keys a decoder asks for
# are not stored (73% of bigrams, 89% of trigrams on garbled text); the filter turns most of them
# away with one look-up, where the binary search takes twenty, and passes ~7% of them (with
# 8 to 16 bits a key) to the search. Built by `NgramLM.save`: 3 MB of lm.npz.
FILTER_BITS = 8
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # 2**64 / golden ratio: Fibonacci hashing


def _slots(keys: U64, bits: int) -> U64:
    """Each key's slot among 2**bits: the top bits of key × _GOLDEN (mod 2**64)."""
    return (keys * _GOLDEN) >> np.uint64(64 - bits)


def build_filter(keys: U64) -> npt.NDArray[np.uint8]:
    """The filter of a table's keys: bit (slot % 8) of byte (slot // 8) is set for each key's slot."""
    bits = max(6, int(len(keys) * FILTER_BITS - 1).bit_length())
    seen = np.zeros(1 << bits, dtype=bool)
    seen[_slots(keys, bits)] = True
    return np.packbits(seen, bitorder="little")


@dataclass(frozen=True)
class Table:
    """The stored n-grams of one order >= 2: sorted keys, log-probs, backoff weights."""

    keys: U64
    lp: npt.NDArray[np.float16]
    bo: npt.NDArray[np.float16]  # weight when the n-gram is a context; 0 for the top order
    filter: npt.NDArray[np.uint8] | None = None  # `build_filter(keys)`, as saved with the model

    def find(self, keys: U64) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
        """Where each key is stored, and whether it is; the place of a key not stored is any."""
        if self.filter is None:
            return self._search(keys)
        slot = _slots(keys, (len(self.filter) * 8).bit_length() - 1)
        maybe = np.flatnonzero((self.filter[slot >> np.uint64(3)] >> (slot & np.uint64(7)).astype(np.uint8)) & 1)
        idx = np.zeros(len(keys), dtype=np.intp)
        hit = np.zeros(len(keys), dtype=bool)
        idx[maybe], hit[maybe] = self._search(keys[maybe])
        return idx, hit

    def _search(self, keys: U64) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
        # Queries searched in sorted order: numpy's binary search starts each one where the last
        # ended, and neighbouring queries touch the same cache lines. On the 1.4M trigram keys,
        # 700,000 random queries take 0.32 s unsorted, 0.04 s sorted (argsort included).
        order, ordered = _sort(keys)
        idx = np.empty(len(keys), dtype=np.intp)
        idx[order] = np.searchsorted(self.keys, ordered)
        idx[idx >= len(self.keys)] = 0
        return idx, self.keys[idx] == keys


@dataclass(frozen=True)
class NgramLM:
    uni_lp: F32  # indexed by id
    uni_bo: F32
    tables: tuple[Table, ...]  # orders 2 .. N
    # `extended` as saved with the model (lm.npz holds it since issue 12), else computed on
    # first use: 50-100 ms of every fresh process that repairs.
    saved_extended: tuple[npt.NDArray[np.bool_], ...] = ()

    @property
    def order(self) -> int:
        return len(self.tables) + 1

    @cached_property
    def extended(self) -> tuple[npt.NDArray[np.bool_], ...]:
        """For tables[i] (order i + 2) below the top: whether each n-gram is the context of some
        stored (n+1)-gram. A decoder asks for an (n+1)-gram only where this holds."""
        if self.saved_extended:
            return self.saved_extended
        out = []
        for lower, upper in zip(self.tables, self.tables[1:], strict=False):
            context = upper.keys >> np.uint64(BITS)
            firsts = context[np.r_[True, context[1:] != context[:-1]]]
            flag = np.zeros(len(lower.keys), dtype=bool)
            # `firsts` is sorted already: searched as it is (computed on every start that repairs).
            idx = np.minimum(np.searchsorted(lower.keys, firsts), len(lower.keys) - 1)
            flag[idx[lower.keys[idx] == firsts]] = True
            out.append(flag)
        return tuple(out)

    def context_bo(self, context: list[Ids]) -> F32:
        """Backoff weight of each context (n-1 words), 0 where the context was never seen."""
        if len(context) == 1:
            return self.uni_bo[context[0]]
        table = self.tables[len(context) - 2]
        idx, hit = table.find(pack(context))
        return np.where(hit, table.bo[idx].astype(np.float32), np.float32(0.0))

    def logprob(self, context: list[Ids], word: Ids) -> F32:
        """log P(word | context) for a batch; `context` holds the last order-1 words, oldest first."""
        result = self.uni_lp[word].copy()
        todo = np.ones(len(word), dtype=bool)
        penalty = np.zeros(len(word), dtype=np.float32)
        for n in range(self.order, 1, -1):
            ctx = context[len(context) - (n - 1) :]
            table = self.tables[n - 2]
            idx, hit = table.find(pack([*ctx, word]))
            hit &= todo
            result[hit] = penalty[hit] + table.lp[idx[hit]]
            todo &= ~hit
            if not todo.any():
                return result
            penalty[todo] += self.context_bo(ctx)[todo]
        result[todo] += penalty[todo]
        return result

    def save(self, path: Path) -> None:
        arrays: dict[str, npt.NDArray[np.generic]] = {"uni_lp": self.uni_lp, "uni_bo": self.uni_bo}
        for n, table in enumerate(self.tables, start=2):
            arrays[f"keys{n}"], arrays[f"lp{n}"], arrays[f"bo{n}"] = table.keys, table.lp, table.bo
        for n, flags in enumerate(self.extended, start=2):
            arrays[f"ext{n}"] = flags
        for n, table in enumerate(self.tables, start=2):
            arrays[f"filter{n}"] = build_filter(table.keys)
        np.savez(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> NgramLM:
        data = mapped_npz(path)
        tables = []
        n = 2
        while f"keys{n}" in data:
            tables.append(Table(data[f"keys{n}"], data[f"lp{n}"], data[f"bo{n}"], data.get(f"filter{n}")))
            n += 1
        saved = tuple(data[f"ext{n}"] for n in range(2, len(tables) + 1) if f"ext{n}" in data)
        return cls(data["uni_lp"], data["uni_bo"], tuple(tables), saved if len(saved) == len(tables) - 1 else ())

