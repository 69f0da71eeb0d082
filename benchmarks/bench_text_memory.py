"""Peak memory and time of `khparse extract` on long plain texts: clean (parsed) and garbled
(repaired, then parsed), at sizes up to the text limit and past it (refused: load.MAX_TEXT_BYTES).

    nice python benchmarks/bench_text_memory.py                       # 1, 2, 4 MiB, and 8 / 250 MiB refused
    nice python benchmarks/bench_text_memory.py --sizes 4 --extra --max-text-size 9M

Each text is a sample plan repeated (samples/thuong-xuan-2025.md, samples/ben-tam-2025.txt for
garbled). Peak memory is the largest RSS of the khparse process (getrusage of the child).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"clean": ROOT / "samples" / "thuong-xuan-2025.md", "garbled": ROOT / "samples" / "ben-tam-2025.txt"}


# Runs khparse, then prints the peak RSS (KiB) of the processes it waited for, in a fresh process:
# ru_maxrss of children is the largest child so far, so one parent cannot measure several runs.
_MEASURE = """import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
sys.stderr.buffer.write(done.stderr)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measure(path: Path, extra: list[str]) -> tuple[int, float, float, str]:
    """Exit code, seconds, peak MiB of the khparse process, and its last stderr line."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "khparse", "extract", str(path),
                           *extra], cwd=ROOT, capture_output=True, check=False)
    code, peak = map(int, done.stdout.split())
    err = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return code, time.monotonic() - started, peak / 1024, (err[-1][:110] if err else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 2, 4, 8, 250], help="MiB of text")
    parser.add_argument("--kinds", nargs="+", default=["clean", "garbled"], choices=sorted(KINDS))
    parser.add_argument("--extra", nargs=argparse.REMAINDER, default=[], help="more khparse extract options")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds:
            sample = KINDS[kind].read_bytes()
            for mib in sorted(args.sizes):
                path = Path(folder) / f"{kind}-{mib:g}MiB{KINDS[kind].suffix}"
                path.write_bytes(sample * max(1, int(mib * 2**20) // len(sample)))
                code, seconds, peak, err = measure(path, args.extra)
                print(f"{kind:8} {mib:6g} MiB: exit {code}, {seconds:6.1f} s, peak {peak:7.0f} MiB  {err}", flush=True)
                path.unlink()


if __name__ == "__main__":
    main()
