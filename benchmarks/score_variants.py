"""Field accuracy of the fixture plans as archives also hold them: stripped of their marks, and read
by an English-model OCR (tests/garble.py), scored on what survives those (benchmarks/score_fields
.structural: numbers, dates, kinds, numerals, counts).

    .venv/bin/python benchmarks/score_variants.py [--mode garbled|stripped] [--folders blind5 …] [-v]

Every clean NAME.txt / NAME.md of the chosen folders (score_fields.cases) is turned into its variant
(garbled with a fixed seed, so runs compare), written to a temporary folder and extracted as a user
would, whole pipeline (repair included). Prints accuracy per plan and overall.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.garble import garble  # noqa: E402

from benchmarks.score_fields import FOLDERS, cases, report, structural  # noqa: E402
from khparse.fold import nfc  # noqa: E402
from khparse.repair.normalize import strip_marks  # noqa: E402

SEED = 7  # the garbling's seed: fixed, so that two runs (before and after a change) see the same text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("garbled", "stripped"), default="garbled")
    parser.add_argument("--folders", nargs="+", choices=[f for f in FOLDERS if f != "seeds"],
                        default=["blind5", "blind6", "blind7", "blind8"])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        variants = []
        for label, path, expected in cases(tuple(args.folders)):
            if path.suffix not in (".txt", ".md") or path.name.endswith(".garbled.txt"):
                continue
            data = path.read_bytes()  # Word's "Unicode text" (UTF-16 with its byte-order mark, blind9) too
            text = nfc(data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig"))
            variant = Path(work) / f"{path.stem}.{args.mode}{path.suffix}"
            variant.write_text(garble(text, SEED) if args.mode == "garbled" else strip_marks(text), "utf-8")
            variants.append((f"{label} ({args.mode})", variant, structural(expected)))
        report(variants, args.verbose)


if __name__ == "__main__":
    main()
