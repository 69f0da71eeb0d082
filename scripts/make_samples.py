"""Build the sample documents from samples/thuong-xuan-2025.md: a Decree 30 PDF and its scans.

    apt-get install -y fonts-dejavu tesseract-ocr tesseract-ocr-eng
    .venv/bin/pip install -e '.[samples]'
    .venv/bin/python scripts/make_samples.py            # full set in build/samples/, small set in samples/

Variants (each with ground truth per page, pages separated by a form feed, in *.truth.txt):
  (a) thuong-xuan-2025.pdf            the PDF with its text layer
  (b) thuong-xuan-2025-scan.pdf       image only: 300 dpi render, rotated 0.4°, blurred, noisy,
                                      resampled to the scan resolution, JPEG
  (c) thuong-xuan-2025-scan-eng.pdf   (b) with the invisible text layer `tesseract -l eng … pdf` makes:
                                      the garbled layer archives are full of
  (d) thuong-xuan-2025-p1.png         page 1 as a PNG image

build/samples/ gets all pages of every variant at 200 and 300 dpi (for benchmarks/bench_ocr.py).
samples/ gets what is committed: (a) whole, and (b), (c) cut to two pages — the first (header,
section I) and the one where "IV. TỔ CHỨC THỰC HIỆN" and its units start — so each file stays
small and the tests OCR two pages, not seven; (d) at 200 dpi.
Output is deterministic: fixed seeds, reportlab's invariant mode.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render_plan

ROOT = Path(__file__).resolve().parent.parent
NAME = "thuong-xuan-2025"
ROTATION_DEG = 0.4
BLUR_RADIUS = 0.7  # at 300 dpi
NOISE_SIGMA = 6.0
JPEG_QUALITY = 40  # dense text at 200 dpi: ~320 kB a page even at this quality


def write_truth(path: Path, pages: list[list[str]]) -> None:
    path.write_text("\f".join("\n".join(lines) + "\n" for lines in pages), encoding="utf-8")


def scan_page(pdf: pdfium.PdfDocument, index: int, dpi: int, seed: int) -> bytes:
    """One page as a mildly degraded scan, JPEG bytes at `dpi`."""
    image = pdf[index].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    image = image.rotate(ROTATION_DEG * (1 if index % 2 else -1), resample=Image.Resampling.BICUBIC,
                         fillcolor=255)
    image = image.filter(ImageFilter.GaussianBlur(BLUR_RADIUS))
    rng = np.random.default_rng(seed + index)
    # Greyish paper and sensor noise, then the background clean-up scanner software applies.
    pixels = np.asarray(image, dtype=np.float32) * 0.92 + 8 + rng.normal(0.0, NOISE_SIGMA, (image.height, image.width))
    pixels[pixels > 225] = 245
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    if dpi != 300:
        image = image.resize((round(image.width * dpi / 300), round(image.height * dpi / 300)),
                             Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, dpi=(dpi, dpi))
    return out.getvalue()


def image_pdf(jpegs: list[bytes], path: Path) -> None:
    """A PDF of full-page JPEGs, embedded as they are (reportlab passes JPEG data through)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=True)
    with tempfile.TemporaryDirectory() as tmp:
        for i, jpeg in enumerate(jpegs):
            file = Path(tmp) / f"{i}.jpg"
            file.write_bytes(jpeg)
            canvas.drawImage(str(file), 0, 0, *A4)
            canvas.showPage()
        canvas.save()


def english_ocr_pdf(jpegs: list[bytes], dpi: int, path: Path) -> None:
    """What archives hold: the scan with an invisible text layer from tesseract's English model."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, jpeg in enumerate(jpegs):
            file = Path(tmp) / f"{i}.jpg"
            file.write_bytes(jpeg)
            files.append(str(file))
        listing = Path(tmp) / "pages.txt"
        listing.write_text("\n".join(files) + "\n")
        subprocess.run(["tesseract", str(listing), str(path.with_suffix("")), "-l", "eng", "--dpi", str(dpi),
                        "pdf"], check=True, capture_output=True, env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"})


def png_page(pdf: pdfium.PdfDocument, index: int, dpi: int, path: Path) -> None:
    """A page exported as an image: clean, 16 grey levels (small, and as an export tool writes it)."""
    image = pdf[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    image.quantize(16, dither=Image.Dither.NONE).save(path, optimize=True, dpi=(dpi, dpi))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=Path, default=ROOT / "build" / "samples")
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    args = parser.parse_args()
    args.build.mkdir(parents=True, exist_ok=True)

    render_plan.register_fonts()
    pages = render_plan.lay_out((args.samples / f"{NAME}.md").read_text(encoding="utf-8"))
    truth = [page.truth for page in pages]
    text_pdf = args.samples / f"{NAME}.pdf"
    render_plan.draw(pages, text_pdf)
    write_truth(args.samples / f"{NAME}.truth.txt", truth)
    pdf = pdfium.PdfDocument(str(text_pdf))

    # Two committed scan pages: page 1 and the page where section IV (the assignments) starts.
    section_iv = next(i for i, lines in enumerate(truth) if any(ln.startswith("IV. ") for ln in lines))
    subset = [0, section_iv]
    for dpi in (200, 300):
        jpegs = [scan_page(pdf, i, dpi, seed=2025) for i in range(len(pdf))]
        image_pdf(jpegs, args.build / f"{NAME}-scan-{dpi}.pdf")
        english_ocr_pdf(jpegs, dpi, args.build / f"{NAME}-scan-eng-{dpi}.pdf")
        for stem in (f"{NAME}-scan-{dpi}", f"{NAME}-scan-eng-{dpi}"):
            write_truth(args.build / f"{stem}.truth.txt", truth)
        if dpi == 200:
            small = [jpegs[i] for i in subset]
            image_pdf(small, args.samples / f"{NAME}-scan.pdf")
            english_ocr_pdf(small, dpi, args.samples / f"{NAME}-scan-eng.pdf")
            for stem in (f"{NAME}-scan", f"{NAME}-scan-eng"):
                write_truth(args.samples / f"{stem}.truth.txt", [truth[i] for i in subset])
    png_page(pdf, 0, 200, args.samples / f"{NAME}-p1.png")
    write_truth(args.samples / f"{NAME}-p1.truth.txt", [truth[0]])
    for path in sorted(args.samples.glob(f"{NAME}*")) + sorted(args.build.glob("*.pdf")):
        print(f"{path.stat().st_size:>9,}  {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
