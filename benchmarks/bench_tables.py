"""Appendix tables read cell by cell: cells right and seconds per page, per variant, beside bare
`tesseract -l vie` on the same scans.

    .venv/bin/python benchmarks/bench_tables.py

Variants (made by tests/table_material.py, reportlab + DejaVu): the ruled appendix as a text-layer
PDF (portrait, landscape, over two pages with and without a repeated header) and as 300-dpi scans
(portrait, landscape, over two pages). Cells are compared exactly (header included), after the
appendix stage (fields/appendix.py) has merged a table over two pages.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import table_material as material

from khparse import load
from khparse.fields.appendix import parse_appendices
from khparse.lines import document_lines
from khparse.read import read_pages


def score(path: Path, truth: list[list[str]]) -> tuple[int, int, float, int]:
    start = time.perf_counter()
    pages = read_pages(load.from_path(path))
    seconds = time.perf_counter() - start
    found = parse_appendices(document_lines((p.number, p.text) for p in pages))
    got = [found[0].columns, *found[0].rows] if found else []
    right = sum(1 for r, row in enumerate(truth) for c, cell in enumerate(row)
                if r < len(got) and c < len(got[r]) and " ".join(got[r][c].split()) == cell)
    return right, sum(len(row) for row in truth), seconds, len(pages)


def bare(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        subprocess.run(["tesseract", str(path), "-", "-l", "vie", "--psm", "3"], capture_output=True, check=True,
                       env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})
    return time.perf_counter() - start


def main() -> None:
    long = material.rows_for(2)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cases: list[tuple[str, Path, list[list[str]], list[Path]]] = []

        def pdf(name: str, data: bytes, truth: list[list[str]]) -> None:
            (out / name).write_bytes(data)
            cases.append((name, out / name, truth, []))

        def scans(name: str, data: bytes, pages: int, truth: list[list[str]]) -> None:
            images = []
            for i in range(pages):
                image = out / f"{name}-{i + 1}.png"
                image.write_bytes(material.scan(data, i))
                images.append(image)
            if pages == 1:
                cases.append((name, images[0], truth, images))
                return
            from PIL import Image

            frames = [Image.open(p) for p in images]
            target = out / f"{name}.tif"
            frames[0].save(target, save_all=True, append_images=frames[1:], dpi=(300, 300), compression="tiff_lzw")
            cases.append((name, target, truth, images))

        portrait, landscape = material.table_pdf(), material.table_pdf(landscape=True)
        two = material.table_pdf(long)
        pdf("text-layer portrait", portrait, material.truth())
        pdf("text-layer landscape", landscape, material.truth())
        pdf("text-layer two pages, header repeated", two, material.truth(long))
        pdf("text-layer two pages, no header", material.table_pdf(long, repeat_header=False), material.truth(long))
        scans("scan portrait", portrait, 1, material.truth())
        scans("scan landscape", landscape, 1, material.truth())
        scans("scan two pages", two, 2, material.truth(long))
        print(f"{'variant':42} {'cells right':>14} {'s/page':>7} {'bare tesseract s/page':>22}")
        for name, path, truth, images in cases:
            right, total, seconds, pages = score(path, truth)
            tess = f"{bare(images) / len(images):.2f}" if images else "-"
            print(f"{name:42} {right:>4}/{total:<4} {right / total:5.1%} {seconds / pages:7.2f} {tess:>22}")


if __name__ == "__main__":
    main()
