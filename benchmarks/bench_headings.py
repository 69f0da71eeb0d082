"""Section structure under OCR errors: every clean fixture garbled with seeds 1..N.

    .venv/bin/python benchmarks/bench_headings.py            # seeds 1..5, both modes
    .venv/bin/python benchmarks/bench_headings.py -n 3 -v    # fewer seeds, list every miss
    .venv/bin/python benchmarks/bench_headings.py --start 11 -n 20 --mode harsh   # other seeds

Clean fixtures: tests/fixtures/{unseen,heldout}/NAME.{txt,md} and the clean texts of the seeds
(samples/thuong-xuan-2025.md, samples/*.truth.txt of the two garbled seeds), each scored against
its NAME.expected.json (sections: numeral and kind).

Modes:
- ``garble``: tests/garble.py as it is (English-model OCR; II. → I1./Il./IT., III. → I11./IT1./…).
- ``harsh``: before garbling, the headings are damaged the way archive scans damage them: Roman
  numerals misread far more widely (II. → H., 11., l., lI.; IV. → TV.; VI. → V1. …) or lost
  altogether, headings moved to the top of a new page (form feed, page number line), subsection
  numbers misread (1. → l., 2. → Z., 3. → "3,", 4. → "4 .") and letters (c) → e), đ) → d)).

Figures: sections right (numeral and kind at the same position, out of max(expected, found)),
plans with every section right, and subsection/item labels that agree with the parse of the
clean text (matched labels out of the longer sequence, per section).
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.garble import garble, strip_markdown  # noqa: E402

import khparse  # noqa: E402
from khparse.errors import KhparseError  # noqa: E402
from khparse.model import Plan  # noqa: E402

# Misreadings of each numeral seen in English-model OCR of archive scans (strokes of I read as
# 1, l, T, |; II as H; IV as TV; V as Y).
ROMAN_MISREADS = {
    "I": ["l.", "1.", "T.", "|."],
    "II": ["H.", "Il.", "1I.", "11.", "l.", "lI.", "ll.", "I1.", "IL."],
    "III": ["IIl.", "I1I.", "Il1.", "IT1.", "IH.", "111.", "lll.", "HI.", "II."],
    "IV": ["TV.", "lV.", "1V.", "IY.", "IV,"],
    "V": ["Y.", "V,", "v."],
    "VI": ["V1.", "Vl.", "VT.", "VI,", "Vv."],
    "VII": ["VIl.", "V11.", "VH."],
}
DIGIT_MISREADS = {"1": ["l.", "I."], "2": ["Z."], "3": ["3,"], "4": ["4 ."], "5": ["S."], "6": ["6,"],
                  "7": ["7 ."], "8": ["B."], "9": ["9,"]}
LETTER_MISREADS = {"c": ["e)", "¢)"], "đ": ["d)", "¢)"], "e": ["c)"]}
P_ROMAN, P_LOST, P_PAGE_TOP, P_DIGIT, P_LETTER = 0.5, 0.1, 0.3, 0.25, 0.3

_ROMAN_LINE = re.compile(r"^(\s*)([IVX]{1,4})\.\s*(?=\S)")
_DIGIT_LINE = re.compile(r"^(\s*)(\d)\.\s+(?=\S)")
_LETTER_LINE = re.compile(r"^(\s*)([a-eđ])\)\s*(?=\S)")


def harsh(text: str, rng: random.Random) -> str:
    """Damage the headings of a clean plan (see the module docstring)."""
    out: list[str] = []
    page = 1
    for line in text.split("\n"):
        page += line.count("\f")
        m = _ROMAN_LINE.match(line)
        if m and m.group(2) in ROMAN_MISREADS and line[m.end():][:3].isupper():
            if rng.random() < P_PAGE_TOP:
                page += 1
                out.append("\f" + rng.choice([str(page), f"- {page} -", f"Trang {page}", ""]))
            if rng.random() < P_LOST:
                line = m.group(1) + line[m.end():]
            elif rng.random() < P_ROMAN:
                line = m.group(1) + rng.choice(ROMAN_MISREADS[m.group(2)]) + " " + line[m.end():]
        elif (m := _DIGIT_LINE.match(line)) and rng.random() < P_DIGIT:
            line = m.group(1) + rng.choice(DIGIT_MISREADS[m.group(2)]) + " " + line[m.end():]
        elif (m := _LETTER_LINE.match(line)) and m.group(2) in LETTER_MISREADS and rng.random() < P_LETTER:
            line = m.group(1) + rng.choice(LETTER_MISREADS[m.group(2)]) + " " + line[m.end():]
        out.append(line)
    return "\n".join(out)


def fixtures() -> list[tuple[str, str, dict]]:  # type: ignore[type-arg]
    out = []
    seeds = {"thuong-xuan-2025": "thuong-xuan-2025.md", "ben-tam-2025": "ben-tam-2025.truth.txt",
             "quang-ngai-vp-2024": "quang-ngai-vp-2024.truth.txt"}
    for name, file in seeds.items():
        expected = json.loads((ROOT / "tests/fixtures/seeds" / f"{name}.expected.json").read_text("utf-8"))
        out.append((f"seed {file}", (ROOT / "samples" / file).read_text("utf-8"), expected))
    for folder in ("unseen", "heldout"):
        for exp in sorted((ROOT / "tests/fixtures" / folder).glob("*.expected.json")):
            name = exp.name.removesuffix(".expected.json")
            for path in sorted((ROOT / "tests/fixtures" / folder).glob(name + ".*")):
                if path.suffix in {".txt", ".md"} and not path.name.endswith(".garbled.txt"):
                    out.append((f"{folder} {path.name}", path.read_text("utf-8"), json.loads(exp.read_text("utf-8"))))
    return [(label, strip_markdown(text) if label.endswith(".md") else text, exp) for label, text, exp in out]


def labels(nodes: list) -> list[str]:  # type: ignore[type-arg]
    out: list[str] = []
    for node in nodes:
        if node.type == "subsection":
            out.append(node.number)
        elif node.type == "item" and node.label not in ("-", "+"):
            out.append(node.label)
        if node.type != "paragraph":
            out.extend(labels(node.children))
    return out


def section_score(expected: list[dict], plan: Plan | None) -> tuple[int, int]:  # type: ignore[type-arg]
    got = [(s.numeral, s.kind.value) for s in plan.sections] if plan else []
    want = [(s["numeral"], s["kind"]) for s in expected]
    return sum(g == w for g, w in zip(got, want, strict=False)), max(len(got), len(want))


def label_score(clean: Plan, plan: Plan | None) -> tuple[int, int]:
    right = total = 0
    got = plan.sections if plan else []
    for i, section in enumerate(clean.sections):
        a = labels(section.children)
        b = labels(got[i].children) if i < len(got) else []
        blocks = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks()
        right += sum(block.size for block in blocks)
        total += max(len(a), len(b))
    return right, total


def extract(text: str) -> Plan | None:
    try:
        return khparse.extract(text)
    except KhparseError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--seeds", type=int, default=5)
    parser.add_argument("--start", type=int, default=1, help="first seed (seeds start..start+n-1)")
    parser.add_argument("--mode", choices=["garble", "harsh", "both"], default="both")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    modes = ["garble", "harsh"] if args.mode == "both" else [args.mode]
    started = time.perf_counter()
    cases = fixtures()
    for mode in modes:
        right = total = whole = runs = lab_right = lab_total = 0
        for label, text, expected in cases:
            clean = extract(text)
            assert clean is not None, label
            for seed in range(args.start, args.start + args.seeds):
                damaged = harsh(text, random.Random(seed)) if mode == "harsh" else text
                plan = extract(garble(damaged, seed))
                r, t = section_score(expected["sections"], plan)
                lr, lt = label_score(clean, plan)
                right, total, runs, whole = right + r, total + t, runs + 1, whole + (r == t)
                lab_right, lab_total = lab_right + lr, lab_total + lt
                if args.verbose and r != t:
                    got = [f"{s.numeral}:{s.kind.value}" for s in plan.sections] if plan else "FAILED"
                    print(f"  {mode} {label} seed {seed}: {r}/{t} got {got}")
        print(f"{mode:7s} sections right {right}/{total} = {100 * right / max(total, 1):5.1f}%   "
              f"plans all right {whole}/{runs}   "
              f"labels {lab_right}/{lab_total} = {100 * lab_right / max(lab_total, 1):5.1f}%")
    print(f"({len(cases)} plans x seeds {args.start}..{args.start + args.seeds - 1}; "
          f"{time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
