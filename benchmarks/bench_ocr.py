"""Figures for the PDF/OCR stage (not a timed test). Build the samples first:

    .venv/bin/python scripts/make_samples.py      # build/samples/: full 7-page scans at 200 and 300 dpi
    nice -n 10 .venv/bin/python benchmarks/bench_ocr.py [--pages N]

Prints, per variant, the syllable accuracy of the text khparse produces against the ground truth;
seconds per OCR page, and the ratio to the `tesseract` command alone on the same page images in the
same run; text-layer pages per second; garbled-layer detection on every variant with a layer.
Runs on one core (OMP_THREAD_LIMIT=1, jobs=1).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from khparse import load
from khparse.fold import nfc
from khparse.read import pdf
from khparse.read.pages import read_pages
from khparse.read.route import judge_layer
from khparse.repair.stage import repair_pages

ROOT = Path(__file__).resolve().parent.parent
SAMPLES, BUILD = ROOT / "samples", ROOT / "build" / "samples"
NAME = "thuong-xuan-2025"


def truth_of(path: Path) -> list[str]:
    stem = path.name.rsplit(".", 1)[0]
    return (path.with_name(stem + ".truth.txt")).read_text(encoding="utf-8").split("\f")


def syllable_accuracy(truth: list[str], got: list[str]) -> float:
    want = [t for page in truth for t in nfc(page).split()]
    have = [t for page in got for t in nfc(page).split()]
    return 1 - Levenshtein.distance(want, have) / len(want)


def cut(path: Path, pages: int | None, tmp: Path) -> Path:
    """The first `pages` pages of a PDF (with their truth), to keep a quick run quick."""
    if pages is None or path.suffix != ".pdf":
        return path
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    if len(src) <= pages:
        return path
    out = pdfium.PdfDocument.new()
    out.import_pages(src, list(range(pages)))
    target = tmp / path.name
    out.save(str(target))
    target.with_name(target.name.rsplit(".", 1)[0] + ".truth.txt").write_text(
        "\f".join(truth_of(path)[:pages]), encoding="utf-8")
    return target


def cli_seconds(path: Path, tmp: Path) -> tuple[float, int]:
    """tesseract alone on the very page images khparse OCRs (rendered beforehand, not timed)."""
    data = path.read_bytes()
    total, n = 0.0, pdf.page_count(data, path.name)
    for index in range(n):
        image, dpi = pdf.render(data, path.name, index, None)
        file = tmp / f"cli-{index}.pgm"
        image.save(file)
        started = time.perf_counter()
        subprocess.run(["tesseract", str(file), "stdout", "-l", "vie", "--psm", "3", "--dpi", str(dpi), "tsv"],
                       check=True, capture_output=True)
        total += time.perf_counter() - started
    return total, n


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages of each PDF")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if not BUILD.exists():
        sys.exit("build/samples/ is missing: run scripts/make_samples.py first")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        variants = [
            ("(a) text layer", SAMPLES / f"{NAME}.pdf", "auto"),
            ("(a) text PDF, --ocr always", SAMPLES / f"{NAME}.pdf", "always"),
            ("(b) scan 200 dpi", BUILD / f"{NAME}-scan-200.pdf", "auto"),
            ("(b) scan 300 dpi", BUILD / f"{NAME}-scan-300.pdf", "auto"),
            ("(c) scan 200 dpi + English OCR layer", BUILD / f"{NAME}-scan-eng-200.pdf", "auto"),
            ("(c) same, --ocr never (repaired layer)", BUILD / f"{NAME}-scan-eng-200.pdf", "never"),
            ("(d) PNG page 1", SAMPLES / f"{NAME}-p1.png", "auto"),
        ]
        print("## Syllable accuracy (tokens, edit distance against ground truth)")
        ocr_time: dict[str, tuple[float, int]] = {}
        for label, path, mode in variants:
            path = cut(path, args.pages, tmp)
            started = time.perf_counter()
            pages = repair_pages(read_pages(load.from_path(path), ocr=mode))  # as extract reads it
            seconds = time.perf_counter() - started
            sources = sorted({p.source.value for p in pages})
            acc = syllable_accuracy(truth_of(path), [p.text for p in pages])
            per_page = seconds / len(pages)
            print(f"{label:42s} {acc:7.2%}  pages {len(pages)}  via {','.join(sources)}  {per_page:.2f} s/page")
            if "ocr" in sources and path.suffix == ".pdf" and mode == "auto":
                ocr_time[label] = (seconds, len(pages))
        print("\n## OCR time: khparse vs the tesseract command alone, same page images, same run")
        for label, path, _ in variants:
            if label not in ocr_time:
                continue
            path = cut(path, args.pages, tmp)
            ours, n = ocr_time[label]
            theirs, _ = cli_seconds(path, tmp)
            print(f"{label:42s} khparse {ours / n:.2f} s/page  tesseract {theirs / n:.2f} s/page  "
                  f"ratio {ours / theirs:.3f}")
        print("\n## Text-layer pages per second (one core)")
        source = load.from_path(SAMPLES / f"{NAME}.pdf")
        rounds, started = 10, time.perf_counter()
        for _ in range(rounds):
            n = len(read_pages(source))
        print(f"{n * rounds / (time.perf_counter() - started):.1f} pages/s  ({NAME}.pdf, routing and quality included)")
        print("\n## Garbled-layer detection (pages flagged / pages)")
        for label, path in [("(a) good layer", SAMPLES / f"{NAME}.pdf"),
                            ("(c) English OCR, 200 dpi", BUILD / f"{NAME}-scan-eng-200.pdf"),
                            ("(c) English OCR, 300 dpi", BUILD / f"{NAME}-scan-eng-300.pdf"),
                            ("(c) committed sample", SAMPLES / f"{NAME}-scan-eng.pdf")]:
            layers = pdf.text_layers(path.read_bytes(), path.name)
            flagged = [judge_layer(p.words, p.width, p.height).problem is not None for p in layers]
            print(f"{label:42s} {sum(flagged)}/{len(flagged)}")


if __name__ == "__main__":
    main()
