"""Benchmark repair on held-out corpus text only (scripts/lm_corpus.py decides what is held out).

    .venv/bin/python benchmarks/bench_repair.py [--syllables 60000] [--ocr 300]

Prints, for held-out law text (administrative/legal) and held-out Wikipedia text:
- stripped text: syllable accuracy of repair beside the baseline "most frequent accented form of
  each stripped syllable", both in this run;
- good text: share of words repair changes;
- English-OCR text (--ocr N lines, needs tesseract; rendered in the faces of scripts/ocr_pairs.py
  given by --ocr-fonts): accuracy before and after repair, over tokens with a letter or digit;
- the real garbled plans of samples/ against their hand-made truth (samples/*.truth.txt);
- speed (syllables per second, one core), model load time (fresh process), peak memory.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from lm_corpus import documents  # noqa: E402
from ocr_pairs import FONT_SETS, corpus_lines, make_pairs  # noqa: E402

from khparse.repair import repair_text  # noqa: E402
from khparse.repair.inventory import load_inventory  # noqa: E402
from khparse.repair.normalize import nfc, normalize_syllable, strip_marks  # noqa: E402
from khparse.repair.render import match_case  # noqa: E402
from khparse.repair.tokens import split_line  # noqa: E402

# Punctuation OCR or the text may leave on a token; a word is scored without it.
EDGE = ".,;:!?()[]\"'“”…"


def heldout_lines(source: str, syllables: int, part: str = "heldout") -> list[str]:
    """Up to `syllables` words of held-out prose (or of the development slice, `part="dev"`, to
    try settings on a model built with `--part train-dev`), a few lines from each document in turn."""
    docs = [
        [nfc(line) for line in d.lines if len(line.split()) >= 4]
        for d in documents(part)
        if d.source == source
    ]
    out: list[str] = []
    total = 0
    cursor = 0
    while total < syllables and any(cursor < len(d) for d in docs):
        for d in docs:
            for line in d[cursor : cursor + 5]:
                out.append(line)
                total += len(line.split())
        cursor += 5
    return out


def words(text: str) -> list[str]:
    return [s.text for line in text.split("\n") for s in split_line(line) if s.kind == "word"]


def accuracy(truth: list[str], guess: list[str], fold_case: bool = False) -> float:
    if len(truth) != len(guess):
        raise SystemExit(f"token count changed: {len(truth)} → {len(guess)}")
    if fold_case:  # OCR also garbles capitals ("Ung" for "ứng"); score the letters and marks
        truth, guess = [t.lower() for t in truth], [g.lower() for g in guess]
    same = sum(normalize_syllable(t) == normalize_syllable(g) for t, g in zip(truth, guess, strict=False))
    return same / len(truth)


def baseline(word: str) -> str:
    inv = load_inventory()
    group = inv.by_key.get(strip_marks(word.lower()))
    return match_case(inv.forms[group[0]], word) if group else word


def load_time() -> float:
    code = (
        "import time; t = time.perf_counter();"
        "from khparse.repair.restore import load_lm; from khparse.repair.inventory import "
        "load_inventory; load_lm(); load_inventory(); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def bench_source(source: str, syllables: int, part: str = "heldout") -> tuple[int, float]:
    lines = heldout_lines(source, syllables, part)
    truth_text = "\n".join(lines)
    stripped = strip_marks(truth_text)
    truth = words(truth_text)
    start = time.perf_counter()
    repaired = repair_text(stripped).text
    elapsed = time.perf_counter() - start
    assert repaired.count("\n") == stripped.count("\n")
    base = [baseline(w) for w in words(stripped)]
    good = repair_text(truth_text)
    changed = len(good.changed) / max(1, len(good.tokens))
    print(f"{source}: {len(lines)} lines, {len(truth)} words")
    print(f"  stripped  baseline (most frequent form)  {accuracy(truth, base):.2%}")
    print(f"  stripped  repair                         {accuracy(truth, words(repaired)):.2%}")
    print(f"  good text changed by repair              {changed:.3%}")
    for t in good.changed[:8]:
        print(f"      {t.original} → {t.text}")
    return len(truth), elapsed


def bench_ocr(n_lines: int, pairs_path: Path | None, fonts: str = "classic") -> None:
    """Render held-out law text, OCR it with the English model, repair, score word by word."""
    if pairs_path and pairs_path.exists():
        rows = [r.split("\t") for r in pairs_path.read_text(encoding="utf-8").splitlines()]
        pairs = [(a, b) for a, b in rows][:n_lines]
    else:
        pairs = list(make_pairs(corpus_lines("heldout", n_lines, "laws"), fonts))
    # Word-for-word scoring needs equal word counts; OCR that glued or split words is left out.
    pairs = [(a, b) for a, b in pairs if len(a.split()) == len(b.split())]
    ocr_text = "\n".join(b for _, b in pairs)
    start = time.perf_counter()
    result = repair_text(ocr_text)
    elapsed = time.perf_counter() - start
    truth, before, after = aligned_words([a for a, _ in pairs], ocr_text.split("\n"),
                                         result.text.split("\n"))
    print(f"English OCR (held-out laws, {fonts} faces): {len(pairs)} lines, {len(truth)} words scored, "
          f"quality {result.quality.verdict}, {len(truth) / elapsed:,.0f} words/s")
    report(truth, before, after)


def aligned_words(truth_lines: list[str], printed_lines: list[str],
                  repaired_lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Token i of line i in the truth, as printed and as repaired, for the tokens of the truth
    with a letter or digit (a dash printed as another dash is no syllable error); a line whose
    token counts differ is left out."""
    truth: list[str] = []
    before: list[str] = []
    after: list[str] = []
    for t, a, r in zip(truth_lines, printed_lines, repaired_lines, strict=True):
        if not len(t.split()) == len(a.split()) == len(r.split()):
            continue
        for y, x, z in zip(t.split(), a.split(), r.split(), strict=True):
            if any(c.isalnum() for c in y):
                truth.append(y.strip(EDGE))
                before.append(x.strip(EDGE))
                after.append(z.strip(EDGE))
    return truth, before, after


def report(truth: list[str], before: list[str], after: list[str]) -> None:
    for label, words_ in (("before", before), ("after", after)):
        print(f"  accuracy {label:6} repair (exact / ignoring case) "
              f"{accuracy(truth, words_):.2%} / {accuracy(truth, words_, fold_case=True):.2%}")


def bench_seeds() -> None:
    """The real garbled plans in samples/ (English-model OCR of scans, never used to build or
    tune anything) against their hand-made truth: token i of truth line i is the truth of token i
    of the plan's line i."""
    for truth_path in sorted((ROOT / "samples").glob("*.truth.txt")):
        source = truth_path.with_name(truth_path.name.replace(".truth.txt", ".txt"))
        if not source.exists():
            continue  # a truth for a PDF or image sample (benchmarks/bench_ocr.py)
        text = source.read_text(encoding="utf-8")
        start = time.perf_counter()
        repaired = repair_text(text).text
        elapsed = time.perf_counter() - start
        truth, before, after = aligned_words(truth_path.read_text(encoding="utf-8").split("\n"),
                                             text.split("\n"), repaired.split("\n"))
        print(f"real garbled plan {source.name}: {len(truth)} words, "
              f"{len(truth) / elapsed:,.0f} words/s")
        report(truth, before, after)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--syllables", type=int, default=60000)
    parser.add_argument("--ocr", type=int, default=0, help="held-out lines to render and OCR")
    parser.add_argument("--ocr-pairs", type=Path, help="reuse pairs from scripts/ocr_pairs.py")
    parser.add_argument("--ocr-fonts", choices=sorted(FONT_SETS), default="classic",
                        help="faces to render the OCR text in (scripts/ocr_pairs.py --fonts)")
    parser.add_argument("--part", choices=("heldout", "dev"), default="heldout",
                        help="dev: score the development slice instead (only with a model built "
                        "by scripts/build_language_data.py --part train-dev)")
    args = parser.parse_args()
    print(f"model load (fresh process): {load_time():.2f} s")
    n_words = 0
    seconds = 0.0
    for source in ("laws", "wiki"):
        n, s = bench_source(source, args.syllables, args.part)
        n_words += n
        seconds += s
    print(f"speed on stripped text: {n_words / seconds:,.0f} syllables/s (one core)")
    if args.ocr:
        bench_ocr(args.ocr, args.ocr_pairs, args.ocr_fonts)
    bench_seeds()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
