"""Make (clean line, English-OCR line) pairs: render text in serif fonts, OCR it with `-l eng`.

    nice -n 10 .venv/bin/python scripts/ocr_pairs.py --part train --lines 3000 --out /tmp/pairs.tsv
    nice -n 10 .venv/bin/python scripts/ocr_pairs.py --part train --fonts times --skip 3000 \
        --lines 2000 --out /tmp/pairs_times.tsv

Real archives were OCR'd from Times-like faces without the Vietnamese model. The "classic" set
(Liberation Serif, metric-compatible with Times New Roman, and DejaVu Serif, at 30 and 36 px)
and the "times" set (TeX Gyre Termes and GNU FreeSerif, Times clones whose Vietnamese glyphs
tesseract reads much as it reads the seeds: "Déc lap - Ty do", "phudng", "nim", "ngudi"; at 22
and 27 px, every other round of fonts and sizes slightly blurred like a scan) reproduce their confusions. A page of
lines is rendered per image so tesseract runs once per page; output lines are matched to input
lines by position, and pages whose line count differs are dropped. `--offset` picks another
slice of each document (a development set disjoint from the training lines), `--skip` continues
after lines already rendered. Needs Pillow, tesseract-ocr with eng data and fonts-dejavu,
fonts-liberation, fonts-texgyre, fonts-freefont-ttf.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lm_corpus import documents

from khparse.repair.normalize import nfc

_TEXGYRE = "/usr/share/texmf/fonts/opentype/public/tex-gyre"


class FontSet(NamedTuple):
    faces: tuple[str, ...]
    sizes: tuple[int, ...]  # pixels: 11–13 pt at 150–200 dpi
    blur: bool  # every other round of faces and sizes slightly blurred, like a scan


FONT_SETS = {
    "classic": FontSet((
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
    ), (30, 36), False),
    "times": FontSet((
        f"{_TEXGYRE}/texgyretermes-regular.otf",
        "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
        f"{_TEXGYRE}/texgyretermes-bold.otf",
        "/usr/share/fonts/truetype/freefont/FreeSerifBold.ttf",
    ), (22, 27), True),
}
LINES_PER_PAGE = 25
WORDS_PER_LINE = 10


def corpus_lines(part: str, limit: int, source: str | None = None, offset: int = 3) -> list[str]:
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
        per_doc.append(iter(dict.fromkeys(chunks[offset::7])))  # spread over the document, no repeats
    out: list[str] = []
    while len(out) < limit and per_doc:
        alive = []
        for it in per_doc:
            chunk = next(it, None)
            if chunk is not None:
                out.append(chunk)
                alive.append(it)
        per_doc = alive
    return out[:limit]


def render(lines: list[str], font_path: str, size: int, path: Path, blur: bool = False) -> None:
    font = ImageFont.truetype(font_path, size)
    height = int(size * 1.8)
    width = max(int(font.getlength(line)) for line in lines) + 2 * size
    image = Image.new("L", (width, height * len(lines) + 2 * size), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((size, size + i * height), line, font=font, fill=0)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(0.8))
    image.save(path)


def ocr(path: Path) -> list[str]:
    out = subprocess.run(
        ["tesseract", str(path), "stdout", "-l", "eng", "--psm", "6"],
        capture_output=True, text=True, check=True,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one core: the build shares the machine
    )
    return [line for line in out.stdout.splitlines() if line.strip()]


def make_pairs(lines: list[str], fonts: str = "classic") -> Iterator[tuple[str, str]]:
    faces, sizes, blurred = FONT_SETS[fonts]
    with tempfile.TemporaryDirectory() as tmp:
        for page, start in enumerate(range(0, len(lines), LINES_PER_PAGE)):
            chunk = lines[start : start + LINES_PER_PAGE]
            font = faces[page % len(faces)]
            size = sizes[(page // len(faces)) % len(sizes)]
            path = Path(tmp) / "page.png"
            blur = blurred and (page // (len(faces) * len(sizes))) % 2 == 1
            render(chunk, font, size, path, blur=blur)
            read = ocr(path)
            if len(read) == len(chunk):
                yield from zip(chunk, read, strict=True)
            else:
                print(f"page {page}: {len(read)} lines read of {len(chunk)}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--part", choices=("train", "heldout", "dev"), default="train",
                        help="dev: the development slice of lm_corpus (for tuning on text a "
                        "--part train-dev model has not seen)")
    parser.add_argument("--source", choices=("laws", "wiki"))
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N lines")
    parser.add_argument("--offset", type=int, default=3, choices=range(7),
                        help="which seventh of each document's chunks (3: the training lines)")
    parser.add_argument("--fonts", choices=sorted(FONT_SETS), default="classic")
    parser.add_argument("--upper", action="store_true",
                        help="render the lines in capitals (OCR garbles capitals differently)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    lines = corpus_lines(args.part, args.skip + args.lines, args.source, args.offset)[args.skip :]
    if args.upper:  # headings: plans and laws set titles and issuers in capitals
        lines = [line.upper() for line in lines]
    with args.out.open("w", encoding="utf-8") as f:
        for clean, read in make_pairs(lines, args.fonts):
            f.write(f"{clean}\t{read}\n")


if __name__ == "__main__":
    main()
