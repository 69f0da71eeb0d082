"""Readings of the words OCR printed in training, computed ahead (data/ocr_readings.npz).

Proposing readings for a printed word (`OcrModel.__call__`: an edit-distance search over the
inventory's keys, then about a hundred channel scores in Python) costs about half a millisecond
(a millisecond before the scores were taken in bulk), most of a fresh process's candidates.
Nearly all the distinct words of an English-model OCR text (85% on the garbled samples and
fixtures) are words OCR printed in the rendered training text, so scripts/build_ocr_readings.py
stores the readings of every one of them, per family of faces:
repair then looks them up and computes only the rest.

The table is exactly what the channel computes (float64 log-probabilities), and it is used only
while it matches the data it was built from: the SHA-1 of ocr_channel.json and syllables.tsv is
stored in it and checked at load; a stale table is ignored (repair then computes every word, as
before). tests/test_repair_speed.py checks that it agrees with the channel's code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache, cached_property

import numpy as np
import numpy.typing as npt

from khparse.repair.data import data_bytes, load_data_file, mapped_npz

FILE = "ocr_readings.npz"
# The data the readings are computed from; a change to either makes the table stale.
SOURCES = ("ocr_channel.json", "syllables.tsv")


def source_digest() -> str:
    """SHA-1 of the shipped source files, in SOURCES order (about 1 ms)."""
    digest = hashlib.sha1(usedforsecurity=False)
    for name in SOURCES:
        data = data_bytes(name)
        if data is None:
            raise FileNotFoundError(f"khparse/data/{name}")
        digest.update(data)
    return digest.hexdigest()


@dataclass(frozen=True)
class Readings:
    """One family's table: printed word → its readings (syllable id, log P(word | syllable)),
    as `OcrModel.__call__` returns them, most probable first."""

    words: bytes  # the printed words, UTF-8, one a line, in table order
    start: npt.NDArray[np.int64]  # readings of word i: start[i] to start[i + 1]
    ids: npt.NDArray[np.uint16]
    logp: npt.NDArray[np.float64]

    @cached_property
    def index(self) -> dict[str, int]:
        """Printed word → its row; built on first use, for the one family a text is read in."""
        return {w: i for i, w in enumerate(self.words.decode("utf-8").split("\n"))}

    def get(self, word: str) -> list[tuple[int, float]] | None:
        i = self.index.get(word)
        if i is None:
            return None
        s, e = int(self.start[i]), int(self.start[i + 1])
        return list(zip(self.ids[s:e].tolist(), self.logp[s:e].tolist(), strict=True))


def to_arrays(tables: dict[str, dict[str, list[tuple[int, float]]]]) -> dict[str, npt.NDArray[np.generic]]:
    """The arrays saved for each family's {printed word: readings}, with the source digest."""
    arrays: dict[str, npt.NDArray[np.generic]] = {"source_sha1": np.array(source_digest())}
    for family, table in tables.items():
        words = sorted(table)
        counts = [len(table[w]) for w in words]
        arrays[f"{family}.words"] = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)
        arrays[f"{family}.start"] = np.r_[0, np.cumsum(counts)].astype(np.int64)
        arrays[f"{family}.ids"] = np.array([i for w in words for i, _ in table[w]], dtype=np.uint16)
        arrays[f"{family}.logp"] = np.array([p for w in words for _, p in table[w]], dtype=np.float64)
    return arrays


@cache
def load_readings() -> dict[str, Readings]:
    """Family name → its table; empty when the file is missing or was built from other data."""
    data = load_data_file(FILE, mapped_npz)  # mapped: a text reads the rows of its own words
    if data is None or str(data["source_sha1"]) != source_digest():
        return {}
    families = {name.split(".")[0] for name in data if name.endswith(".words")}
    return {family: Readings(data[f"{family}.words"].tobytes(), data[f"{family}.start"], data[f"{family}.ids"],
                             data[f"{family}.logp"]) for family in sorted(families)}
