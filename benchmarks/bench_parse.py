"""Parse speed on text input: plans per second on one core.

    .venv/bin/python benchmarks/bench_parse.py [--rounds N]

Parses every text sample N times (default: enough for ≥ 1,000 parses) in this one process, from
bytes already in memory (load + text + quality + outline + fields + model validation + JSON dump),
and prints plans/s overall and per sample. The first round is a warm-up and is not timed. The
parser is timed with repair off (`extract_source(..., repair=False)`: every page's quality is still
measured); `--repair` times the whole default pipeline, where the two garbled seeds are repaired.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

from khparse import load
from khparse.output import plan_json
from khparse.pipeline import extract_source

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parses", type=int, default=1200, help="total parses (default 1200)")
    parser.add_argument("--repair", action="store_true", help="time the default pipeline, repair included")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    inputs = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.iterdir())
              if p.suffix in {".txt", ".md"} and not p.name.endswith(".truth.txt")]
    for name, data in inputs:  # warm-up: imports, regex compilation, pydantic schema build
        plan_json(extract_source(load.from_bytes(data, name), repair=args.repair))
    rounds = max(1, args.parses // len(inputs))
    per_sample: dict[str, float] = {}
    start = time.perf_counter()
    for name, data in inputs:
        t0 = time.perf_counter()
        for _ in range(rounds):
            plan_json(extract_source(load.from_bytes(data, name), repair=args.repair))
        per_sample[name] = time.perf_counter() - t0
    total = time.perf_counter() - start
    parses = rounds * len(inputs)
    what = "with repair" if args.repair else "parser, repair off"
    print(f"parses ({what}): {parses} on one core, {total:.2f} s, {parses / total:.1f} plans/s (target ≥ 50)")
    for name, seconds in per_sample.items():
        print(f"  {name:32s} {rounds / seconds:8.1f} plans/s  {1000 * seconds / rounds:6.2f} ms/plan")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
