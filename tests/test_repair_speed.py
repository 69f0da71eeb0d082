"""Repair's speed-ups give what the slow path gives: readings computed ahead, sorted lookups, the
decoder's shortcut over triples whose trigram is not stored."""

from __future__ import annotations

import itertools
import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.repair.decode import Choice, decode
from khparse.repair.lm import NgramLM, Table, pack
from khparse.repair.ocr import WHOLE_PRIOR, char_events, load_ocr
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


def test_a_proposals_log_probability_is_its_score() -> None:
    """`candidates` takes the channel's proposals for an OCR word as the scores of those readings
    (it scores only the accented forms not proposed): a reading's proposed log-probability, read
    ahead or computed, is exactly its `score`, in every family and in the model of all of them."""
    model = load_ocr()
    assert model is not None
    inv = model.inv
    checked = 0
    for channel in (*model.families.values(), model):
        table = channel._table
        ahead = sorted(table.index)[::400] if table is not None else []
        for observed in [*ahead, "nwéc", "ctia", "pang", "x4y", "chire", "zzqx", "tuyén"]:
            proposed = channel(observed)
            assert len({i for i, _ in proposed}) == len(proposed)  # each reading once
            assert [logp for _, logp in proposed] == [channel.score(inv.forms[i], observed) for i, _ in proposed]
            checked += len(proposed)
    assert checked > 1000


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


@pytest.mark.parametrize("name", ["lm.npz", "ocr_readings.npz"])
def test_archives_mapped_as_np_load_reads_them(name: str) -> None:
    """An .npz mapped from the file after its central directory (data.mapped_npz) holds what np.load
    reads, the file found beside the modules as importlib.resources finds it."""
    from importlib import resources

    from khparse.repair.data import _stored_members, load_data_file, mapped_npz

    with resources.as_file(resources.files("khparse").joinpath("data", name)) as path:
        assert load_data_file(name, lambda p: p.resolve()) == path.resolve()
        assert _stored_members(path) is not None  # mapped, not read by np.load
        mapped = mapped_npz(path)
        with np.load(path) as data:
            assert sorted(mapped) == sorted(data.files)
            for key in data.files:
                assert mapped[key].dtype == data[key].dtype and mapped[key].shape == data[key].shape
                assert np.array_equal(mapped[key], data[key])


def test_saved_context_flags_are_the_computed_ones() -> None:
    """lm.npz carries `extended` as NgramLM.save writes it; a model without it computes the same."""
    lm = load_lm()
    assert lm.saved_extended
    bare = NgramLM(lm.uni_lp, lm.uni_bo, lm.tables)
    assert all(np.array_equal(a, b) for a, b in zip(lm.extended, bare.extended, strict=True))


def test_channel_scores_in_bulk_are_the_events_summed() -> None:
    """`FontChannel.char_logp` (a dict of events, the alignment's printed strings) gives exactly the
    sum of `_event` over `char_events`, the channel's definition, and `scores` exactly `score`."""
    model = load_ocr()
    assert model is not None
    rng = random.Random(7)
    forms = [f for f in model.inv.forms[5:] if f][:3000:7]
    noise = ["".join(rng.choice("abcdeéếuươinyđpt0468€@&()") for _ in range(rng.randint(1, 7))) for _ in range(100)]
    printed = [*rng.sample(sorted(model.fonts[0].words), 200), "ctia", "nwéc", "pang", "x4y", "", *noise]
    for font in model.fonts:
        for observed in printed:
            intended = rng.sample(forms, 25)
            for i in intended:
                events = [font._event(c, o, k == 0) for k, (c, o) in enumerate(char_events(i, observed))]
                assert font.char_logp(i, observed) == sum(events)
            counts = font.words.get(observed, {})
            by_letter = [font.char_logp(i, observed) for i in intended]
            whole = [math.log(counts[i] / font.totals[i]) if counts.get(i) else -math.inf for i in intended]
            assert font.scores(intended, observed) == list(map(max, whole, by_letter))
            assert font.scores(intended, observed, True) == [
                math.log((counts.get(i, 0) + WHOLE_PRIOR * math.exp(b)) / (font.totals.get(i, 0) + WHOLE_PRIOR))
                for i, b in zip(intended, by_letter, strict=True)]


def test_gazetteer_keys_at_once_are_each_syllables_key() -> None:
    """`Gazetteer.from_lines` files the names by keys computed for the whole file at once, and
    normalises a syllable when first asked: the same as each syllable's lm_form and key."""
    from khparse.repair.gazetteer import load_gazetteer
    from khparse.repair.normalize import strip_marks
    from khparse.repair.vocab import lm_form

    gaz = load_gazetteer()
    assert gaz is not None
    rows = [row for group in gaz.rows_by_pair.values() for row in group]
    words = {w for row in rows for w in row.split("\t")[0].split()}
    eager = {w: (lm_form(w), strip_marks(lm_form(w))) for w in words}
    assert {w: gaz.forms[w] for w in words} == eager
    assert gaz.syllable_keys == tuple(sorted({key for _, key in eager.values()}))
    for (first, second), group in gaz.rows_by_pair.items():
        assert all(tuple(eager[w][1] for w in row.split("\t")[0].split()[:2]) == (first, second) for row in group)
    with pytest.raises(KeyError):
        gaz.forms["zzqx"]


def test_shipped_channel_counts_are_integers() -> None:
    """`FontChannel.from_json` keeps the parsed JSON's counts as they are: integers."""
    model = load_ocr()
    assert model is not None
    for font in model.fonts:
        tables = (*font.words.values(), *font.chars.values(), font.totals)
        assert all(type(n) is int for table in tables for n in table.values())


def test_inventory_keys_are_each_forms_stripped() -> None:
    from khparse.repair.inventory import load_inventory
    from khparse.repair.normalize import strip_marks

    inv = load_inventory()
    grouped: dict[str, list[int]] = {}
    for i in range(5, len(inv.forms)):
        grouped.setdefault(strip_marks(inv.forms[i]), []).append(i)
    assert inv.by_key == {key: tuple(ids) for key, ids in grouped.items()}



def test_saved_filters_are_the_built_ones_and_find_as_the_search() -> None:
    """lm.npz carries each table's membership filter as NgramLM.save writes it (rebuild it as
    DATA.md says), and a table with its filter finds what the binary search alone finds."""
    from khparse.repair.lm import build_filter

    lm = load_lm()
    rng = np.random.default_rng(12)
    for table in lm.tables:
        assert table.filter is not None and np.array_equal(table.filter, build_filter(table.keys))
        queries = np.concatenate([rng.choice(table.keys, 5000), table.keys[rng.integers(0, len(table.keys), 5000)] + 1,
                                  rng.integers(0, 1 << 48, 5000).astype(np.uint64), table.keys[[0, -1]]])
        bare = Table(table.keys, table.lp, table.bo)
        (idx, hit), (idx0, hit0) = table.find(queries), bare.find(queries)
        assert np.array_equal(hit, hit0) and np.array_equal(idx[hit], idx0[hit0])
        assert hit.sum() >= 5000


def test_kept_transitions_are_the_models_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The decoder's answers kept per pair and triple of cells (transitions.py), met first or again,
    within a text or across texts, are what looking each candidate pair and triple up gives."""
    from khparse.repair import transitions
    from khparse.repair.restore import repair_text

    lm = load_lm()
    bigrams, trigrams = lm.tables
    pair_scores, trigram_hits = transitions.Transitions.pair_scores, transitions.Transitions.trigram_hits
    calls = []

    def checked_pairs(self, keys, prev, pair_start, pair_n, b_id, c_id):  # type: ignore[no-untyped-def]
        lp2, bo2, hit, ext = pair_scores(self, keys, prev, pair_start, pair_n, b_id, c_id)
        idx, found = bigrams.find(pack([b_id, c_id]))
        assert np.array_equal(hit, found) and np.array_equal(ext, found & lm.extended[0][idx])
        backoff = lm.uni_bo[b_id] + lm.uni_lp[c_id]
        assert np.array_equal(lp2, np.where(found, bigrams.lp[idx].astype(np.float32), backoff))
        assert np.array_equal(bo2, np.where(found, bigrams.bo[idx].astype(np.float32), np.float32(0.0)))
        calls.append(len(b_id))
        return lp2, bo2, hit, ext

    def checked_triples(self, keys, prev, nxt, pair_start, pair_n, k, context, hit, p_second, b_id, c_id):  # type: ignore[no-untyped-def]
        h_ab, h_bc, lp = trigram_hits(self, keys, prev, nxt, pair_start, pair_n, k, context, hit, p_second, b_id, c_id)
        pcell = np.repeat(np.arange(len(pair_n)), pair_n)
        following = np.array(nxt)[pcell]
        src = np.flatnonzero(context & (following >= 0))
        fan = k[following[src]]
        w_ab = np.repeat(src, fan)
        w_bc = np.repeat(pair_start[following[src]] + p_second[src] * fan, fan) + np.concatenate(
            [np.arange(f) for f in fan.tolist()] or [np.zeros(0, dtype=np.int64)])
        seen = np.flatnonzero(hit[w_bc])
        w_ab, w_bc = w_ab[seen], w_bc[seen]
        idx3, hit3 = trigrams.find(pack([b_id[w_ab], c_id[w_ab], c_id[w_bc]]))
        assert np.array_equal(h_ab, w_ab[hit3]) and np.array_equal(h_bc, w_bc[hit3])
        assert np.array_equal(lp, trigrams.lp[idx3[hit3]])
        return h_ab, h_bc, lp

    monkeypatch.setattr(transitions.Transitions, "pair_scores", checked_pairs)
    monkeypatch.setattr(transitions.Transitions, "trigram_hits", checked_triples)
    transitions.transitions(lm).clear()
    samples = Path(__file__).resolve().parent.parent / "samples"
    text = (samples / "quang-ngai-vp-2024.txt").read_text(encoding="utf-8")
    first = repair_text(text)
    assert repair_text(text) == first  # every answer kept now
    assert len(transitions.transitions(lm).pair_at) > 100 and calls
    monkeypatch.setattr(transitions, "PAIRS_KEPT", 1000)  # the store starts over
    assert repair_text(text) == first


def test_keys_searched_at_once_are_those_searched_one_by_one() -> None:
    """`OcrModel.search` and `Gazetteer.search` (one rapidfuzz cdist for many words) find the keys
    `extract` finds word by word, in its order (distance, then the keys' order)."""
    from khparse.fold import fold
    from khparse.repair.gazetteer import load_gazetteer
    from khparse.repair.ocr import OcrModel, _edit_limit

    model, gaz = load_ocr(), load_gazetteer()
    assert model is not None and gaz is not None
    rng = random.Random(5)
    words = [*rng.sample(sorted(model.fonts[0].words), 300), "chire", "nwéc", "ctia", "pang", "x4y", "a", "",
             *("".join(rng.choice("abcdeghiklmnopqrstuvxyf0&") for _ in range(rng.randint(1, 9))) for _ in range(400))]
    for family in model.families.values():
        bare = OcrModel(family.inv, family.fonts, family.keys)  # no readings ahead: every word searched
        bare.search(words)
        ahead = dict(bare._near)
        bare._near.clear()
        queries = {(v, _edit_limit(fold(w))) for w in words for v in [fold(w), *bare.unprinted(fold(w))]}
        assert set(ahead) == queries
        assert all(ahead[v, limit] == bare._nearest_keys(v, limit) for v, limit in queries)
    keys = [fold(w) for w in words]
    gaz.search(keys)
    ahead = {key: gaz.near_keys(key) for key in keys}
    gaz._near.clear()
    assert ahead == {key: gaz.near_keys(key) for key in keys}


def test_archives_read_whatever_their_form(tmp_path: Path) -> None:
    """A compressed or commented archive is read by np.load; a missing data file is None."""
    import zipfile

    from khparse.repair.data import _stored_members, data_bytes, load_data_file, mapped_npz

    arrays = {"a": np.arange(5, dtype=np.uint16), "b": np.array("x" * 40), "c": np.zeros((2, 3))}
    np.savez(tmp_path / "plain.npz", **arrays)  # type: ignore[arg-type]
    np.savez_compressed(tmp_path / "packed.npz", **arrays)  # type: ignore[arg-type]
    with zipfile.ZipFile(tmp_path / "noted.npz", "w") as archive:
        archive.comment = b"a comment"
        for name in ("a", "b"):
            with archive.open(f"{name}.npy", "w") as f:
                np.lib.format.write_array(f, arrays[name])
    assert _stored_members(tmp_path / "plain.npz") is not None
    assert _stored_members(tmp_path / "packed.npz") is None and _stored_members(tmp_path / "noted.npz") is None
    for name in ("plain.npz", "packed.npz", "noted.npz"):
        found = mapped_npz(tmp_path / name)
        assert all(np.array_equal(found[k], arrays[k]) and found[k].shape == arrays[k].shape for k in found)
    assert data_bytes("no-such-file.tsv") is None and load_data_file("no-such-file.npz", mapped_npz) is None
