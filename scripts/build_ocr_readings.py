"""Build src/khparse/data/ocr_readings.npz: the readings of every word OCR printed in training.

    .venv/bin/python scripts/build_ocr_readings.py

For each family of faces of data/ocr_channel.json, every printed word of its training counts is
read by the channel (`OcrModel.propose`, the code repair runs) and its readings stored, with the
SHA-1 of ocr_channel.json and syllables.tsv they were computed from (khparse/repair/ocr_readings.py
explains why and how they are used). Run it after rebuilding either file or changing ocr.py's
proposals; about 15 s on one core.
"""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

import numpy as np

from khparse.repair.inventory import load_inventory
from khparse.repair.ocr import OcrModel
from khparse.repair.ocr_readings import FILE, to_arrays

OUT = Path(__file__).resolve().parent.parent / "src" / "khparse" / "data" / FILE


def main() -> None:
    started = time.perf_counter()
    path = resources.files("khparse").joinpath("data", "ocr_channel.json")
    # Without tables: every reading computed by the channel itself.
    model = OcrModel.from_json(json.loads(path.read_text(encoding="utf-8")), load_inventory())
    tables = {name: {word: family.propose(word) for word in sorted(family.fonts[0].words)}
              for name, family in model.families.items()}
    np.savez(OUT, **to_arrays(tables))  # type: ignore[arg-type]
    sizes = ", ".join(f"{name} {len(t):,} words" for name, t in tables.items())
    print(f"wrote {OUT} ({sizes}; {OUT.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
