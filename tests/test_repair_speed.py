"""Repair's speed-ups give what the slow path gives: readings computed ahead, sorted lookups, the
decoder's shortcut over triples whose trigram is not stored."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.repair.decode import Choice, decode
from khparse.repair.lm import NgramLM, Table, pack
from khparse.repair.ocr import load_ocr
from khparse.repair.ocr_readings import load_readings
from khparse.repair.restore import load_lm
from khparse.repair.vocab import BOS, EOS


def test_shipped_readings_match_the_data() -> None:
    """ocr_readings.npz was built from the shipped channel and inventory (else it is ignored, and
    garbled text is repaired several times slower): rebuild it with scripts/build_ocr_readings.py."""
    assert set(load_readings()) == {"classic", "times"}


def test_readings_ahead_are_what_the_channel_computes() -> None:
    """A sample of every family's table against the channel's code (`propose`): a change to
    ocr.py's proposals needs the table rebuilt."""
    model = load_ocr()
    assert model is not None
    for name, family in model.families.items():
        table = load_readings()[name]
        words = sorted(table.index)[::60]
        assert [table.get(w) for w in words] == [family.propose(w) for w in words]
        assert [family(w) for w in words[:20]] == [table.get(w) for w in words[:20]]
        assert table.get("zzqx") is None and family("zzqx") == family.propose("zzqx")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=1, max_size=40, unique=True),
       st.lists(st.integers(0, 70), max_size=60))
def test_table_find_is_a_plain_search(stored: list[int], queries: list[int]) -> None:
    keys = np.array(sorted(stored), dtype=np.uint64)
    table = Table(keys, np.zeros(len(keys), dtype=np.float16), np.zeros(len(keys), dtype=np.float16))
    q = np.array(queries, dtype=np.uint64)
    idx, hit = table.find(q)
    assert hit.tolist() == [x in stored for x in queries]
    assert keys[idx[hit]].tolist() == [x for x in queries if x in stored]


def _violating_trigrams(lm: NgramLM) -> list[tuple[int, int, int]]:
    """Stored trigrams less likely than their backoff path (pruning renormalised the weights)."""
    bigrams, trigrams = lm.tables
    keys = trigrams.keys
    a, b, c = (((keys >> np.uint64(s)) & np.uint64(0xFFFF)).astype(np.int64) for s in (32, 16, 0))
    ab, found_ab = bigrams.find(pack([a, b]))
    bc, found_bc = bigrams.find(pack([b, c]))
    assert found_ab.all() and found_bc.all()  # the decoder relies on it (decode.py)
    backoff = bigrams.bo[ab].astype(np.float32) + bigrams.lp[bc].astype(np.float32)
    worse = np.flatnonzero(trigrams.lp.astype(np.float32) < backoff)
    assert 0 < len(worse) < 0.01 * len(keys)
    return [(int(a[i]), int(b[i]), int(c[i])) for i in worse]


def test_decoder_exact_where_trigrams_are_below_their_backoff() -> None:
    """Readings and max-marginal confidences against brute force, on phrases built around the
    trigrams for which the decoder's shortcut does not hold (its exact rows)."""
    lm = load_lm()
    rng = random.Random(12)
    trigrams = rng.sample(_violating_trigrams(lm), 30)
    phrases = []
    for a, b, c in trigrams:
        words = [[a], [b], [c]]
        for w in words:  # other readings beside each, some of them from other such trigrams
            w += rng.sample([x for t in rng.sample(trigrams, 3) for x in t] + list(range(5, 400)), rng.randint(0, 3))
        if rng.random() < 0.5:
            words.insert(0, rng.sample(range(5, 400), rng.randint(1, 3)))
        phrases.append([Choice(np.array(list(dict.fromkeys(w)), dtype=np.int64),
                               np.array([-rng.random() * 2 for _ in dict.fromkeys(w)])) for w in words])

    def score(phrase: list[Choice], path: tuple[int, ...]) -> float:
        seq = [BOS, BOS, *(int(ch.ids[k]) for ch, k in zip(phrase, path, strict=True)), EOS]
        lp = sum(float(lm.logprob([np.array([seq[t - 2]]), np.array([seq[t - 1]])], np.array([seq[t]]))[0])
                 for t in range(2, len(seq)))
        return lp + sum(float(ch.channel[k]) for ch, k in zip(phrase, path, strict=True))

    for phrase, (picked, conf) in zip(phrases, decode(lm, phrases), strict=True):
        paths = {p: score(phrase, p) for p in itertools.product(*[range(len(ch.ids)) for ch in phrase])}
        assert paths[tuple(picked)] == pytest.approx(max(paths.values()), abs=1e-3)
        for t, ch in enumerate(phrase):  # max-marginals, their softmax the confidence
            marg = np.array([max(s for p, s in paths.items() if p[t] == k) for k in range(len(ch.ids))])
            assert conf[t] == pytest.approx(1 / np.exp(marg - marg.max()).sum(), abs=1e-3)


def test_model_mapped_as_np_load_reads_it() -> None:
    """lm.npz mapped from the file (lm._mapped) holds what np.load reads."""
    from importlib import resources

    from khparse.repair.lm import _mapped

    with resources.as_file(resources.files("khparse").joinpath("data", "lm.npz")) as path:
        mapped = _mapped(path)
        with np.load(path) as data:
            assert sorted(mapped) == sorted(data.files)
            for name in data.files:
                assert mapped[name].dtype == data[name].dtype and np.array_equal(mapped[name], data[name])


def test_saved_context_flags_are_the_computed_ones() -> None:
    """lm.npz carries `extended` as NgramLM.save writes it; a model without it computes the same."""
    lm = load_lm()
    assert lm.saved_extended
    bare = NgramLM(lm.uni_lp, lm.uni_bo, lm.tables)
    assert all(np.array_equal(a, b) for a, b in zip(lm.extended, bare.extended, strict=True))
