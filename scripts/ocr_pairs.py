"""Make (clean line, English-OCR line) pairs: render text in serif fonts, OCR it with `-l eng`.

    nice -n 10 .venv/bin/python scripts/ocr_pairs.py --part train --lines 3000 --out /tmp/pairs.tsv

Real archives were OCR'd from Times-like faces without the Vietnamese model; Liberation Serif
(metric-compatible with Times New Roman) and DejaVu Serif reproduce their confusions (Đ → P,
ư → w, ă → i). A page of lines is rendered per image so tesseract runs once per page; output
lines are matched to input lines by position, and pages whose line count differs are dropped.
Needs Pillow, tesseract-ocr with eng data and fonts-dejavu / fonts-liberation.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lm_corpus import documents

from khparse.repair.normalize import nfc

FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
)
SIZES = (30, 36)  # pixels; about 11–13 pt at 200 dpi, like a scanned A4 page
LINES_PER_PAGE = 25
WORDS_PER_LINE = 10


def corpus_lines(part: str, limit: int, source: str | None = None) -> list[str]:
    """Lines of at most WORDS_PER_LINE words, a few from each document in turn (deterministic)."""
    per_doc: list[Iterator[str]] = []
    for doc in documents(part):
        if source and doc.source != source:
            continue
        chunks = []
        for line in doc.lines:
            words = nfc(line).split()
            for i in range(0, len(words) - 3, WORDS_PER_LINE):
                chunks.append(" ".join(words[i : i + WORDS_PER_LINE]))
        per_doc.append(iter(dict.fromkeys(chunks[3::7])))  # spread over the document, no repeats
    out: list[str] = []
    while len(out) < limit and per_doc:
        alive = []
        for it in per_doc:
            line = next(it, None)
            if line is not None:
                out.append(line)
                alive.append(it)
        per_doc = alive
    return out[:limit]


def render(lines: list[str], font_path: str, size: int, path: Path) -> None:
    font = ImageFont.truetype(font_path, size)
    height = int(size * 1.8)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    image = Image.new("L", (width, height * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((size, size + i * height), line, font=font, fill=0)
    image.save(path)


def ocr(path: Path) -> list[str]:
    out = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "eng", "--psm", "6"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one core: the build shares the machine
    )
    return [line for line in out.stdout.splitlines() if line.strip()]


def make_pairs(lines: list[str]) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        for page, start in enumerate(range(0, len(lines), LINES_PER_PAGE)):
            chunk = lines[start : start + LINES_PER_PAGE]
            font = FONTS[page % len(FONTS)]
            size = SIZES[(page // len(FONTS)) % len(SIZES)]
            path = Path(tmp) / "page.png"
            render(chunk, font, size, path)
            read = ocr(path)
            if len(read) == len(chunk):
                yield from zip(chunk, read, strict=True)
            else:
                print(f"page {page}: {len(read)} lines read of {len(chunk)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("train", "heldout"), default="train")
    parser.add_argument("--source", choices=("laws", "wiki"))
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    lines = corpus_lines(args.part, args.lines, args.source)
    with args.out.open("w", encoding="utf-8") as f:
        for clean, read in make_pairs(lines):
            f.write(f"{clean}\t{read}\n")


if __name__ == "__main__":
    main()
