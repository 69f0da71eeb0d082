"""Benchmark repair on the clean plan texts of the repository, stripped of their marks.

    .venv/bin/python benchmarks/bench_stripped_plans.py [--errors 30] [--files]

Every clean plan text (samples/*.truth.txt and samples/*.md, tests/fixtures/{unseen,heldout,
wrapped,blind}/*.txt|*.md; not *.garbled.txt, not README.md) is stripped of every Vietnamese mark
(khparse.repair.normalize.strip_marks: "Đ" → "D" as stripped text has it), repaired as one
document with khparse.repair.repair_text, and scored word by word against the clean text over its
Vietnamese syllables (truth words shaped like a syllable: "UBND", "online", numbers and codes are
not scored). A syllable is right when it equals the truth up to tone placement ("hoá" = "hóa":
stripped text gives no hint of its writer's convention; the exact-spelling figure is printed too).
Several truths of one sample plan (thuong-xuan-2025.truth.txt, .md, -p1, -scan …) count once: the
longest.

Split, fixed before anything was tuned on these files:
- dev: samples/, tests/fixtures/unseen/, tests/fixtures/wrapped/ (settings may be tried here);
- held-out: tests/fixtures/heldout/, tests/fixtures/blind/, and since session 6 blind5/ to blind16/ (only
  ever scored; repair was never tuned on them).

Also the share of words repair changes in the clean text itself (it should leave good text
alone). Prints accuracy per file, per split and overall, the commonest errors (expected → got, count;
of the dev files, and of the held-out ones only with --heldout-errors) and speed (syllables per
second, one core; the model is loaded before timing).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from khparse.read.legacy_fonts import from_tcvn3  # noqa: E402
from khparse.repair import repair_text  # noqa: E402
from khparse.repair.inventory import load_inventory  # noqa: E402
from khparse.repair.normalize import nfc, normalize_syllable, strip_marks  # noqa: E402
from khparse.repair.phonology import is_syllable_shape  # noqa: E402
from khparse.repair.restore import load_lm  # noqa: E402
from khparse.repair.tokens import split_line  # noqa: E402

DEV_DIRS = ("samples", "tests/fixtures/unseen", "tests/fixtures/wrapped")
HELDOUT_DIRS = ("tests/fixtures/heldout", "tests/fixtures/blind", "tests/fixtures/blind5", "tests/fixtures/blind6",
                "tests/fixtures/blind7", "tests/fixtures/blind8", "tests/fixtures/blind9", "tests/fixtures/blind10",
                "tests/fixtures/blind11", "tests/fixtures/blind12", "tests/fixtures/blind13",
                "tests/fixtures/blind14", "tests/fixtures/blind15", "tests/fixtures/blind16")
# Other truths of a sample plan: a page of it, its scan.
_SAME_PLAN = re.compile(r"-(p\d+|scan(-eng)?)$")


def plan_files(directory: str) -> list[Path]:
    folder = ROOT / directory
    if not folder.is_dir():
        return []
    if directory == "samples":
        found = sorted([*folder.glob("*.truth.txt"), *folder.glob("*.md")])
    else:
        found = sorted([*folder.glob("*.txt"), *folder.glob("*.md")])
    found = [p for p in found if not p.name.endswith(".garbled.txt") and p.name != "README.md"]
    longest: dict[str, Path] = {}
    for path in found:
        plan = _SAME_PLAN.sub("", path.name.split(".")[0])
        if plan not in longest or path.stat().st_size > longest[plan].stat().st_size:
            longest[plan] = path
    return sorted(longest.values())


def line_words(line: str) -> list[str]:
    return [s.text for s in split_line(line) if s.kind == "word"]


@dataclass
class Score:
    right: int = 0
    exact: int = 0
    total: int = 0
    skipped_lines: int = 0
    seconds: float = 0.0
    good_changed: int = 0  # words repair changes in the clean text itself
    good_words: int = 0
    errors: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Score) -> None:
        self.right += other.right
        self.exact += other.exact
        self.total += other.total
        self.skipped_lines += other.skipped_lines
        self.seconds += other.seconds
        self.good_changed += other.good_changed
        self.good_words += other.good_words
        self.errors.update(other.errors)

    def line(self) -> str:
        acc = self.right / max(1, self.total)
        exact = self.exact / max(1, self.total)
        return (f"{acc:7.2%}  (exact spelling {exact:6.2%})  {self.total:6d} syllables, "
                f"{self.total - self.right:4d} wrong; clean text changed "
                f"{self.good_changed / max(1, self.good_words):.2%}")


def score_file(path: Path) -> Score:
    data = path.read_bytes()
    # Word's "Unicode text" (UTF-16 with its byte-order mark, blind9) as well as UTF-8.
    truth_text = nfc(data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("utf-8-sig"))
    # A plan typed in the legacy TCVN3 fonts (blind13): its clean text is what khparse reads from it.
    truth_text = nfc(from_tcvn3(truth_text) or truth_text)
    stripped = strip_marks(truth_text)
    start = time.perf_counter()
    repaired = repair_text(stripped).text
    score = Score(seconds=time.perf_counter() - start)
    good = repair_text(truth_text)
    score.good_changed, score.good_words = len(good.changed), len(good.tokens)
    for t_line, r_line in zip(truth_text.split("\n"), repaired.split("\n"), strict=True):
        truth, got = line_words(t_line), line_words(r_line)
        if len(truth) != len(got):
            score.skipped_lines += 1
            continue
        for t, g in zip(truth, got, strict=True):
            if not is_syllable_shape(t):
                continue
            score.total += 1
            same = normalize_syllable(t) == normalize_syllable(g)
            score.right += same
            score.exact += t == g
            if not same:
                score.errors[(t.lower(), g.lower())] += 1
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", type=int, default=30, help="commonest errors to list")
    parser.add_argument("--files", action="store_true", help="list the errors of each dev file")
    parser.add_argument("--heldout-errors", action="store_true",
                        help="list the errors of the held-out files too (not while tuning)")
    args = parser.parse_args()
    load_lm()
    load_inventory()
    repair_text("tai lieu")  # load the gazetteer and OCR model outside the timing
    overall = Score()
    for split, dirs in (("dev", DEV_DIRS), ("held-out", HELDOUT_DIRS)):
        total = Score()
        print(f"{split}:")
        for directory in dirs:
            for path in plan_files(directory):
                score = score_file(path)
                total.add(score)
                skipped = f", {score.skipped_lines} lines skipped" if score.skipped_lines else ""
                print(f"  {score.line()}  {path.relative_to(ROOT)}{skipped}")
                if args.files and (split == "dev" or args.heldout_errors):
                    for (t, g), n in score.errors.most_common():
                        print(f"        {t} → {g}  {n}")
        print(f"  {total.line()}  ALL {split}")
        overall.add(total)
        if split == "dev" or args.heldout_errors:
            print(f"  commonest errors ({split}):")
        for (t, g), n in total.errors.most_common(
                args.errors if split == "dev" or args.heldout_errors else 0):
            print(f"        {t} → {g}  {n}")
    print(f"overall: {overall.line()}")
    print(f"speed: {overall.total / overall.seconds:,.0f} syllables/s (one core)")


if __name__ == "__main__":
    sys.exit(main())
