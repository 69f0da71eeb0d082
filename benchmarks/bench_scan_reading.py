"""Characters read right on archive-like scans: page reading alone (prepare → OCR → marks), against
each page's printed truth (issue 9). Quicker than bench_scans.py and finer: it says how much of the
text came out right, and with -v which words did not.

    nice -n 10 .venv/bin/python benchmarks/bench_scan_reading.py --plans xa-ha-nha-2025 --variants fax clean
    nice -n 10 .venv/bin/python benchmarks/bench_scan_reading.py -v --khparse-src /tmp/old/src

The variants come from scripts/make_scans.py (build/scans by default; bench_scans.py makes them).
Each page of V.pdf is read as khparse reads a scanned page (read/tesseract.run_job: the page image,
prepared, OCRed, its marks re-read, ruled tables cell by cell), its lines joined, NFC, and compared
with the page's lines in V.truth.txt: characters right = 1 - Levenshtein distance / truth length,
summed over the pages of a variant. -v lists the words that differ (difflib over words).
"""

from __future__ import annotations

import argparse
import difflib
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "build" / "scans"
DEFAULT_PLANS = ("thuong-xuan-2025", "so-noi-vu-lam-dong-2024", "ubnd-tinh-ha-tinh-2022",
                 "truong-thcs-ky-lien-2024-2025", "xa-ha-nha-2025")


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--plans", nargs="+", default=list(DEFAULT_PLANS))
    parser.add_argument("--variants", nargs="+", default=["clean", "fax", "phone_photo"])
    parser.add_argument("--khparse-src", type=Path, default=ROOT / "src")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the words that differ")
    args = parser.parse_args()
    sys.path.insert(0, str(args.khparse_src))
    from rapidfuzz.distance import Levenshtein

    from khparse.read.cells import lines_with_tables
    from khparse.read.tesseract import PageJob, default_engine, run_job

    engine = default_engine()
    total_right = total_chars = 0
    for plan in args.plans:
        for variant in args.variants:
            pdf = args.dir / plan / f"{variant}.pdf"
            if not pdf.exists():
                print(f"{plan} {variant}: no {pdf}", file=sys.stderr)
                continue
            truths = (args.dir / plan / f"{variant}.truth.txt").read_text("utf-8").split("\f")
            data = pdf.read_bytes()
            right = chars = 0
            seconds = 0.0
            misses: list[str] = []
            for index, truth in enumerate(truths):
                started = time.perf_counter()
                page = run_job(PageJob("pdf", data, pdf.name, index, None, 600.0, engine))
                seconds += time.perf_counter() - started
                text = unicodedata.normalize("NFC", "\n".join(lines_with_tables(page.words, page.width, page.tables)))
                want = " ".join(_words(truth))
                got = " ".join(_words(text))
                chars += len(want)
                right += max(0, len(want) - Levenshtein.distance(want, got))
                if args.verbose:
                    a, b = _words(truth), _words(text)
                    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                        if op != "equal":
                            misses.append(f"    p{index + 1} {' '.join(a[i1:i2])!r} -> {' '.join(b[j1:j2])!r}")
            total_right += right
            total_chars += chars
            print(f"{plan:32s} {variant:14s} chars right {100 * right / max(chars, 1):7.3f}%  "
                  f"({right}/{chars})  {seconds / max(len(truths), 1):.2f} s/page", flush=True)
            for line in misses:
                print(line)
    print(f"{'all':32s} {'':14s} chars right {100 * total_right / max(total_chars, 1):7.3f}%  "
          f"({total_right}/{total_chars})")


if __name__ == "__main__":
    main()
