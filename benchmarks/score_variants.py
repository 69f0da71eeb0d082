"""Field accuracy of the fixture plans as archives also hold them: stripped of their marks, and read
by an English-model OCR (tests/garble.py), scored on what survives those (structure_only: numbers,
dates, kinds, numerals, counts; benchmarks/score_fields.structural).

    .venv/bin/python benchmarks/score_variants.py [--mode garbled|stripped] [--folders blind5 …] [-v]

Every NAME.txt / NAME.md with a NAME.expected.json in the chosen folders is turned into its variant
(garbled with a fixed seed, so runs compare), written to a temporary folder and extracted as a user
would, whole pipeline (repair included). Prints accuracy per plan and overall.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.field_score import score  # noqa: E402
from tests.garble import garble  # noqa: E402

import khparse  # noqa: E402
from benchmarks.score_fields import FOLDERS, structural  # noqa: E402
from khparse.errors import KhparseError  # noqa: E402
from khparse.fold import nfc  # noqa: E402
from khparse.output import plan_dict  # noqa: E402
from khparse.repair.normalize import strip_marks  # noqa: E402

SEED = 7  # the garbling's seed: fixed, so that two runs (before and after a change) see the same text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=("garbled", "stripped"), default="garbled")
    parser.add_argument("--folders", nargs="+", choices=[f for f in FOLDERS if f != "seeds"],
                        default=["blind5", "blind6", "blind7", "blind8"])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    points = total = 0
    with tempfile.TemporaryDirectory() as work:
        for folder in args.folders:
            for exp in sorted((ROOT / "tests/fixtures" / folder).glob("*.expected.json")):
                name = exp.name.removesuffix(".expected.json")
                source = next((p for p in exp.parent.glob(name + ".*") if p.suffix in (".txt", ".md")), None)
                if source is None:
                    continue
                text = nfc(source.read_text("utf-8-sig"))
                variant = Path(work) / f"{name}.{args.mode}{source.suffix}"
                variant.write_text(garble(text, SEED) if args.mode == "garbled" else strip_marks(text), "utf-8")
                try:
                    plan = plan_dict(khparse.extract(variant))
                except KhparseError:
                    plan = {}
                result = score(structural(json.loads(exp.read_text("utf-8"))), plan)
                points, total = points + result.points, total + result.total
                print(f"{folder} {name[:50]:50s} {result.points:3d}/{result.total:3d}")
                if args.verbose:
                    for miss in result.misses:
                        print(f"    - {miss}")
    print(f"{args.mode} all {points}/{total} = {points / total:.1%}")


if __name__ == "__main__":
    main()
