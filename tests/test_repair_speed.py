"""Repair's speed-ups give what the slow path gives: readings computed ahead, sorted lookups."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.repair.lm import Table
from khparse.repair.ocr import load_ocr
from khparse.repair.ocr_readings import load_readings


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
