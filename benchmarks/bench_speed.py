"""Speed where users wait (issue 12), each figure a ratio against a reference timed in the same run.

    .venv/bin/python benchmarks/bench_speed.py [--rounds 7] [--no-scans] [--startup-only] [--khparse-src DIR]
    .venv/bin/python benchmarks/bench_speed.py --batch-only [--rounds 7] [--baseline-src DIR] [--stdout] [--copies 4]
                                               [--quiet-wait S]
    .venv/bin/python benchmarks/bench_speed.py --repair-only [--rounds 7] [--baseline-src DIR]

Every command and its reference run alternately, round after round, so CPU noise (another
benchmark on the machine) falls on both; min and median of the rounds are printed, with the peak
memory (RSS) of each command. Figures, targets in brackets:

- clean text plan, whole `khparse extract` vs `python -c 'import json'`          [≤ 3×]
- text-layer PDF, whole `khparse extract` vs `pdftotext FILE -` (poppler-utils)  [≤ 5×]
- garbled-text repair, syllables/s: fresh process (`khparse repair`), and warm in one process
  (the samples again, as a batch worker meets its words again; and garbled fixtures it has not
  seen)                                                                          [≥ 15,000; ≥ 30,000]
- scan, upright clean page: `khparse extract PNG` vs bare `tesseract PNG - -l vie` [≤ 1.05×]
- batch of text plans: `--jobs 2` vs `--jobs 1` (speed-up)                       [≥ 1.8×]

Peak RSS is each child's ru_maxrss; it includes the few MiB of this process's pages the child had
before exec (see the `import json` reference). The batch speed-up needs two idle cores: with
another benchmark on a two-core machine it reads ~1× whatever khparse does. So the batch rounds
also time the machine itself: the same pure-Python work in one process, then split between two
(`machine, 2 processes vs 1`): what two jobs could gain at that moment, ~2× on two idle cores.

The batch figure: 156 text plans (4 copies of the 39 plans among the samples and the unseen,
heldout, blind and blind2 fixtures, `--copies N` for another number; two in each copy garbled, so
repaired) into `-o DIR --force`, or to stdout with `--stdout`. `--batch-only` times just that,
`--rounds` rounds (otherwise half as many). `--baseline-src DIR` times the khparse in DIR (another
checkout's src/) in the same rounds, so a change to the batch is measured before and after under
the same load. The records' `seconds` give the share of a --jobs 1 run that two workers cannot
share (start-up, end, round trips), and with it Amdahl's bound for two workers (batch_speedup).
`--quiet-wait S` waits before each round (up to S s) for others to leave the machine 90% idle.

Bytecode is compiled first (`compileall`), as an installed package has it: with
PYTHONDONTWRITEBYTECODE set and no __pycache__, every start would compile khparse's sources. The
untimed first run of each command also fills the command line's start-up cache (compiled patterns,
dataclass methods and annotations, the inventory's syllable sets: khparse/startup_cache.py), as any
run after the first finds it.
`python -m khparse` enters as the console script does (khparse/entry.py: `extract FILE` without
click).

`--repair-only` prints the repair figures alone. With `--baseline-src DIR` it times the khparse in
DIR (another checkout's src/, e.g. `git worktree add --detach /tmp/repair_base COMMIT`) in the same
rounds: the fresh commands of both trees take turns in each round, and each round runs a fresh
warm child per tree (the unseen-text figure is one pass by nature: a text met once is met again);
min and median of each, and the speed-up per round.

`--khparse-src DIR` times the khparse of another checkout (DIR is its src/, e.g. a worktree of an
older commit: `git worktree add --detach /tmp/before COMMIT`), to set figures before and after
a change side by side.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BIN = Path(sys.executable).parent
KHPARSE = [sys.executable, "-m", "khparse"]
GARBLED = [SAMPLES / "ben-tam-2025.txt", SAMPLES / "quang-ngai-vp-2024.txt"]


def run(cmd: list[str], stdout: Path | None = None) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one command, its output thrown away (or written to `stdout`)."""
    started = time.perf_counter()
    with stdout.open("wb") if stdout is not None else contextlib.nullcontext(subprocess.DEVNULL) as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 4):
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}")
    return seconds, usage.ru_maxrss / 1024


def interleaved(commands: dict[str, list[str]], rounds: int) -> dict[str, tuple[list[float], float]]:
    """Each command once per round, in turn: times of every round and the largest peak RSS."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peak = dict.fromkeys(commands, 0.0)
    for cmd in commands.values():  # warm the page cache, not timed
        run(cmd)
    for _ in range(rounds):
        for name, cmd in commands.items():
            seconds, rss = run(cmd)
            times[name].append(seconds)
            peak[name] = max(peak[name], rss)
    return {name: (times[name], peak[name]) for name in commands}


def ratio_line(label: str, ours: tuple[list[float], float], ref: tuple[list[float], float],
               target: str) -> None:
    mine, theirs = ours[0], ref[0]
    per_round = [a / b for a, b in zip(mine, theirs, strict=True)]
    print(f"{label:34s} {min(mine) * 1000:8.1f} ms min {statistics.median(mine) * 1000:8.1f} ms med | "
          f"ref {min(theirs) * 1000:7.1f} / {statistics.median(theirs) * 1000:7.1f} ms | ratio min "
          f"{min(mine) / min(theirs):5.2f}× med {statistics.median(per_round):5.2f}× [{target}] | "
          f"peak RSS {ours[1]:5.0f} MiB (ref {ref[1]:.0f})")


def syllables(text: str) -> int:
    from khparse.repair.tokens import split_line

    return sum(s.kind == "word" for line in text.split("\n") for s in split_line(line))


def warm_repair(report: bool = True) -> dict[str, float]:
    """Warm repair in this process: the samples (loading the models), the samples again three
    times (as a batch worker meets its words again), then garbled fixtures it has not seen. The
    unseen figure is a single pass by nature (a text met once is met again): rounds of it are
    fresh children (`warm_rounds`)."""
    from khparse.repair import repair_text

    samples = [p.read_text(encoding="utf-8") for p in GARBLED]
    unseen = [p.read_text(encoding="utf-8") for p in UNSEEN]

    def rate(texts: list[str]) -> float:
        n = sum(map(syllables, texts))  # counted before the clock starts: the count is no repair
        started = time.perf_counter()
        for text in texts:
            repair_text(text)
        return n / (time.perf_counter() - started)

    first = rate(samples)  # model loading included
    again = [rate(samples) for _ in range(3)]
    found = {"first": first, "again": max(again), "unseen": rate(unseen)}
    if report:
        print(f"{'repair, warm (samples again)':34s} {max(again):9,.0f} syl/s best, {statistics.median(again):,.0f} "
              f"median [≥ 30,000]; the first pass, loading the models: {first:,.0f}")
        print(f"{'repair, warm (unseen garbled text)':34s} {found['unseen']:9,.0f} syl/s "
              f"({len(unseen)} fixtures, after the samples)")
    return found


UNSEEN = sorted((ROOT / "tests/fixtures").glob("*/*.garbled.txt"))


def warm_rounds(rounds: int, trees: dict[str, Path]) -> None:
    """`warm_repair` in a fresh child per round for each tree (its src/), the trees taking turns
    round after round: min and median of each figure, and of new/old per round."""
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import bench_speed; "
            "print(json.dumps(bench_speed.warm_repair(report=False)))")
    found: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(rounds):
        for name, src in trees.items():
            out = subprocess.run(["env", f"PYTHONPATH={src}", sys.executable, "-c", code, str(Path(__file__).parent)],
                                 check=True, capture_output=True, text=True).stdout
            found[name].append(json.loads(out.splitlines()[-1]))
    for figure, label, target in (("unseen", "repair, warm (unseen garbled text)", "≥ 30,000"),
                                  ("again", "repair, warm (samples again)", "≥ 30,000")):
        for name in trees:
            values = [r[figure] for r in found[name]]
            print(f"{label + ', ' + name:44s} {max(values):9,.0f} syl/s best, {statistics.median(values):9,.0f} "
                  f"median [{target}]")
        if len(trees) == 2:
            new, old = (found[name] for name in trees)
            ratios = [a[figure] / b[figure] for a, b in zip(new, old, strict=True)]
            print(f"{'  ' + ' / '.join(trees):44s} {min(ratios):9.2f}× min, {statistics.median(ratios):9.2f}× median "
                  f"per round ({len(UNSEEN)} fixtures; {rounds} interleaved rounds)")


def fresh_repair(rounds: int, trees: dict[str, Path] | None = None) -> None:
    """Fresh `khparse repair` of the garbled samples, syllables/s: the sum of each file's min (and
    median) over the rounds. With `trees` (name → a checkout's src/), each tree's commands take
    turns in every round, so old and new meet the same load."""
    trees = trees or {"": ROOT / "src"}
    n = sum(syllables(p.read_text(encoding="utf-8")) for p in GARBLED)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as one_line:
        # The command's floor: a start that repairs (interpreter, command line, numpy, the models)
        # with next to nothing to repair. Each fresh repair pays it once, whatever its length.
        one_line.write("ke hoach tuyen truyen\n")
        one_line.flush()
        commands: dict[str, list[str]] = {"json": [sys.executable, "-c", "import json"]}
        for name, src in trees.items():
            # env sets PYTHONPATH for that command alone; every tree pays for the exec alike
            prefix = ["env", f"PYTHONPATH={src}"] if len(trees) > 1 else []
            commands[f"floor{name}"] = [*prefix, *KHPARSE, "repair", one_line.name]
            commands.update({f"{p.name}{name}": [*prefix, *KHPARSE, "repair", str(p)] for p in GARBLED})
        found = interleaved(commands, rounds)
    per_round: dict[str, list[float]] = {}
    for name in trees:
        best = sum(min(found[f"{p.name}{name}"][0]) for p in GARBLED)
        med = sum(statistics.median(found[f"{p.name}{name}"][0]) for p in GARBLED)
        per_round[name] = [sum(r) for r in zip(*(found[f"{p.name}{name}"][0] for p in GARBLED), strict=True)]
        peak = max(found[f"{p.name}{name}"][1] for p in GARBLED)
        floor = min(found[f"floor{name}"][0])
        label = "repair, fresh process" + (f", {name.strip()}" if name else "")
        print(f"{label:34s} {n / best:9,.0f} syl/s best, {n / med:,.0f} median [≥ 15,000] "
              f"| peak RSS {peak:.0f} MiB")
        print(f"{'  of which the floor':34s} {floor * 1000:9.1f} ms a start (one line repaired), "
              f"{len(GARBLED) * floor / best:.0%} of the best; the repair beyond it: "
              f"{n / (best - len(GARBLED) * floor):,.0f} syl/s")
    if len(trees) == 2:
        new, old = per_round.values()
        ratios = [b / a for a, b in zip(new, old, strict=True)]  # syllables/s new over old
        print(f"{'  speed-up ' + ' / '.join(n.strip() for n in trees):34s} {min(ratios):9.2f}× min, "
              f"{statistics.median(ratios):.2f}× median per round ({rounds} interleaved rounds)")


# Pure-Python work, in one process or split between N (forked): what the machine gives N jobs now.
SPIN = """import os, sys
n, work = int(sys.argv[1]), 4_000_000
def spin(k):
    x = 0
    for i in range(k):
        x += i * i
children = []
for _ in range(n - 1):
    pid = os.fork()
    if pid == 0:
        spin(work // n)
        os._exit(0)
    children.append(pid)
spin(work // n)
for pid in children:
    os.waitpid(pid, 0)
"""


def idle_share(seconds: float = 1.0) -> float:
    """Share of the machine's CPU time spent idle over the next `seconds` (/proc/stat)."""
    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, all
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(limit: float) -> float:
    """Wait up to `limit` seconds for others to leave the machine 90% idle; the idle share found."""
    deadline = time.monotonic() + limit
    idle = idle_share()
    while idle < 0.9 and time.monotonic() < deadline:
        idle = idle_share()
    return idle


def batch_speedup(rounds: int, src: Path, baseline: Path | None, stdout: bool, copies: int = 4,
                  quiet_wait: float = 0.0) -> None:
    """--jobs 2 against --jobs 1 on text plans, each round also the machine's own 2-against-1.

    The records' `seconds` (each document's conversion in its worker) add up to W, the work that
    two workers can share; the rest of a --jobs 1 run, S = wall - W, is what they cannot (start-up:
    the interpreter, imports, the language data loaded before the workers fork; the end; each
    document's round trip through the batch process). Amdahl's bound for two workers is then
    (S + W1) / (S + W2 / 2): the ceiling no scheduling can pass, printed beside the speed-up."""
    with tempfile.TemporaryDirectory() as tmp:
        n = text_plans(Path(tmp), copies)
        versions = {"": KHPARSE}
        if baseline is not None:  # env sets PYTHONPATH for that command alone; both pay for the exec
            versions = {"": ["env", f"PYTHONPATH={src}", *KHPARSE],
                        "baseline ": ["env", f"PYTHONPATH={baseline.resolve()}", *KHPARSE]}
        commands: dict[str, tuple[list[str], Path]] = {}
        for label, khparse in versions.items():
            for j in (1, 2):
                out = Path(f"{tmp}-out{label.strip()}{j}")
                where = [] if stdout else ["-o", str(out), "--force"]
                commands[f"{label}jobs {j}"] = ([*khparse, "batch", tmp, "--jobs", str(j), "-q", *where], out)
        machine = {j: [sys.executable, "-c", SPIN, str(j)] for j in (1, 2)}
        wall: dict[str, list[float]] = {name: [] for name in [*commands, "machine 1", "machine 2"]}
        work: dict[str, list[float]] = {name: [] for name in commands}
        peak = dict.fromkeys(commands, 0.0)
        for cmd, _ in commands.values():  # warm the page cache, not timed
            run(cmd, Path(f"{tmp}-stdout"))
        idle: list[float] = []
        for _ in range(rounds):
            if quiet_wait:
                idle.append(wait_quiet(quiet_wait))
            for j, cmd in machine.items():
                wall[f"machine {j}"].append(run(cmd)[0])
            for name, (cmd, out) in commands.items():
                seconds, rss = run(cmd, Path(f"{tmp}-stdout"))
                wall[name].append(seconds)
                peak[name] = max(peak[name], rss)
                lines = Path(f"{tmp}-stdout" if stdout else out / "manifest.jsonl").read_text("utf-8").splitlines()
                work[name].append(sum(json.loads(line)["seconds"] for line in lines))
        for _, out in commands.values():
            shutil.rmtree(out, ignore_errors=True)
    print(f"batch of {n} text plans, {'stdout' if stdout else '-o DIR --force'}, {rounds} interleaved rounds")
    for label in versions:
        one, two = wall[f"{label}jobs 1"], wall[f"{label}jobs 2"]
        print(f"{label + 'batch, text plans':34s} jobs 1 {min(one):.2f} s min {statistics.median(one):.2f} s med, "
              f"jobs 2 {min(two):.2f} s min {statistics.median(two):.2f} s med; speed-up min "
              f"{min(one) / min(two):.2f}× med {statistics.median(a / b for a, b in zip(one, two, strict=True)):.2f}× "
              f"[≥ 1.8×] | peak RSS {peak[f'{label}jobs 1']:.0f} / {peak[f'{label}jobs 2']:.0f} MiB (the parent)")
        # The fastest --jobs 1 round, its own work and serial rest; the work of the fastest --jobs 2 round.
        best = one.index(min(one))
        w1, w2 = work[f"{label}jobs 1"][best], work[f"{label}jobs 2"][two.index(min(two))]
        rest = one[best] - w1
        print(f"{'  serial share (Amdahl)':34s} S = {rest:.2f} s of {one[best]:.2f} s ({rest / one[best]:.0%}): "
              f"converting W = {w1:.2f} s with one worker, {w2:.2f} s with two; bound for two workers "
              f"(S + W1) / (S + W2/2) = {one[best] / (rest + w2 / 2):.2f}×")
    one, two = wall["machine 1"], wall["machine 2"]
    each = sorted(a / b for a, b in zip(one, two, strict=True))
    print(f"{'machine, 2 processes vs 1':34s} min {min(one) / min(two):.2f}× med {statistics.median(each):.2f}× "
          f"(rounds from {each[0]:.2f}× to {each[-1]:.2f}×; ~2× when both cores are idle)")
    if idle:
        print(f"{'  idle before each round':34s} {', '.join(f'{x:.0%}' for x in idle)} (waited up to "
              f"{quiet_wait:g} s for 90%)")
    # Rounds in which the machine itself gave two processes most of two cores: the least disturbed.
    quiet = [i for i, (a, b) in enumerate(zip(one, two, strict=True)) if a / b >= 1.8]
    for label in versions if quiet else ():
        ratios = [wall[f"{label}jobs 1"][i] / wall[f"{label}jobs 2"][i] for i in quiet]
        print(f"{'  ' + label + 'in rounds machine ≥ 1.8×':34s} speed-up med {statistics.median(ratios):.2f}× "
              f"max {max(ratios):.2f}× ({len(quiet)} of {rounds} rounds)")


def text_plans(folder: Path, copies: int) -> int:
    plans = [p for p in SAMPLES.iterdir() if p.suffix in {".md", ".txt"} and not p.name.endswith(".truth.txt")]
    plans += [p for folder in ("unseen", "heldout", "blind", "blind2")
              for p in (ROOT / "tests/fixtures" / folder).iterdir()
              if p.suffix in {".md", ".txt"} and "garbled" not in p.name and p.name != "README.md"]
    for i in range(copies):
        for p in plans:
            shutil.copy(p, folder / f"{i:02d}-{p.parent.name}-{p.name}")
    return copies * len(plans)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--no-scans", action="store_true", help="leave out the OCR figure (slow)")
    parser.add_argument("--startup-only", action="store_true",
                        help="only the two whole-command figures (text plan, text-layer PDF)")
    parser.add_argument("--batch-only", action="store_true", help="only the batch figure (--jobs 2 vs --jobs 1)")
    parser.add_argument("--baseline-src", metavar="DIR", type=Path,
                        help="with the batch figure (or --repair-only), also time the khparse in DIR in the "
                        "same rounds")
    parser.add_argument("--stdout", action="store_true", help="the batch writes JSON Lines to stdout, not -o DIR")
    parser.add_argument("--quiet-wait", type=float, default=0.0, metavar="S",
                        help="before each batch round, wait up to S seconds for the machine to be 90%% idle")
    parser.add_argument("--copies", type=int, default=4, metavar="N",
                        help="the batch converts N copies of the text plans (39 each)  [default: 4]")
    parser.add_argument("--repair-only", action="store_true",
                        help="only the repair figures; with --baseline-src DIR, old and new interleaved")
    parser.add_argument("--khparse-src", metavar="DIR", type=Path,
                        help="time the khparse package in DIR (another checkout's src/) instead of this one")
    args = parser.parse_args()
    src = ROOT / "src"
    if args.khparse_src is not None:  # every child (and the warm-repair child) imports khparse from there
        src = args.khparse_src.resolve()
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), os.environ.get("PYTHONPATH")]))
        print(f"khparse from {src}\n")
    compileall.compile_dir(str(src / "khparse"), quiet=1)
    if args.baseline_src is not None:
        compileall.compile_dir(str(args.baseline_src / "khparse"), quiet=1)
    if args.repair_only:
        trees = {" new": src, " old": args.baseline_src.resolve()} if args.baseline_src else {"": src}
        fresh_repair(args.rounds, trees if args.baseline_src else None)
        print()
        warm_rounds(args.rounds, {name.strip() or "this": tree for name, tree in trees.items()})
        return
    if args.batch_only:
        batch_speedup(args.rounds, src, args.baseline_src, args.stdout, args.copies, args.quiet_wait)
        return
    if shutil.which("pdftotext") is None:
        sys.exit("pdftotext is missing: make system-deps (poppler-utils)")
    text, pdf_file = SAMPLES / "thuong-xuan-2025.md", SAMPLES / "thuong-xuan-2025.pdf"
    png = SAMPLES / "thuong-xuan-2025-p1.png"
    print(f"## Whole commands, {args.rounds} interleaved rounds\n")
    found = interleaved({
        "json": [sys.executable, "-c", "import json"],
        "text": [*KHPARSE, "extract", str(text)],
        "pdftotext": ["pdftotext", str(pdf_file), "-"],
        "pdf": [*KHPARSE, "extract", str(pdf_file)],
    }, args.rounds)
    ratio_line("text plan vs import json", found["text"], found["json"], "≤ 3×")
    ratio_line("text-layer PDF vs pdftotext", found["pdf"], found["pdftotext"], "≤ 5×")
    if args.startup_only:
        return
    print()
    fresh_repair(args.rounds)
    # In a child: the models it loads would otherwise count in the peak RSS of every command this
    # process starts afterwards (a forked child's peak includes the parent's pages before exec).
    subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                    "import bench_speed; bench_speed.warm_repair()", str(Path(__file__).parent)], check=True)
    print()
    batch_speedup(max(3, args.rounds // 2), src, args.baseline_src, args.stdout, args.copies, args.quiet_wait)
    if not args.no_scans and shutil.which("tesseract"):
        print()
        env_note = "OMP_THREAD_LIMIT=1 for both"
        os.environ["OMP_THREAD_LIMIT"] = "1"
        scans = interleaved({"tesseract": ["tesseract", str(png), "-", "-l", "vie"],
                             "khparse": [*KHPARSE, "extract", str(png)]}, max(3, args.rounds // 2))
        ratio_line("scan page (PNG) vs tesseract", scans["khparse"], scans["tesseract"], "≤ 1.05×")
        print(f"  ({env_note}; {png.name}: one upright clean page)")


if __name__ == "__main__":
    main()
