"""Generate a benchmark archive for `khparse batch` (never commit its output).

    python scripts/make_archive.py /tmp/archive --count 500
    python scripts/make_archive.py /tmp/scans --only scans --count 16

Layout of OUT (every file distinct by content, so resume-by-hash sees each as its own input):
  text/      plans with full diacritics from samples/ and tests/fixtures/ (unseen, heldout), in
             variations: as is, CRLF line ends, a UTF-8 BOM, trailing spaces; a numbered comment
             line makes each copy unique
  garbled/   stripped or OCR-garbled plans (the .garbled.txt fixtures): the repair path
  pdf/       the text-layer PDF sample, with a numbered comment after %%EOF
  scans/     the one-page scan (PNG, OCR), with numbered bytes after the PNG end
  bundle.zip some text plans again, as ZIP members
  hostile/   5 %: empty, truncated PDF, encrypted PDF, not a PDF, non-Vietnamese text
  and beside OUT, OUT.expected.json: {input: expected error code} for every hostile input.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures"
TEXT_SUFFIXES = {".txt", ".md"}


def _texts(garbled: bool) -> list[Path]:
    found = [*SAMPLES.glob("*.md"), SAMPLES / "thuong-xuan-2025.truth.txt",
             *(FIXTURES / "unseen").glob("*"), *(FIXTURES / "heldout").glob("*")]
    return sorted(p for p in found if p.suffix in TEXT_SUFFIXES and p.name != "README.md"
                  and p.name.endswith(".garbled.txt") == garbled)


def _variant(data: bytes, i: int) -> bytes:
    text = data.decode("utf-8-sig") + f"\n<!-- bản {i} -->\n"
    match i % 4:
        case 1:
            text = text.replace("\n", "\r\n")
        case 2:
            return b"\xef\xbb\xbf" + text.encode("utf-8")
        case 3:
            text = "\n".join(line + "  " for line in text.split("\n"))
    return text.encode("utf-8")


HOSTILE = ("empty", "truncated", "encrypted", "not_pdf", "english")
HOSTILE_CODE = {"empty": "input_unreadable", "truncated": "input_unreadable", "encrypted": "input_unreadable",
                "not_pdf": "input_unreadable", "english": "not_a_plan"}


def _hostile(kind: str, i: int) -> tuple[str, bytes]:
    pdf = (SAMPLES / "thuong-xuan-2025.pdf").read_bytes()
    if kind == "empty":
        return f"{i:03d}-empty.txt", b"" if i % 2 else b"  \n\n"
    if kind == "truncated":
        return f"{i:03d}-truncated.pdf", pdf[: 1000 + 37 * i]
    if kind == "encrypted":
        return f"{i:03d}-encrypted.pdf", (FIXTURES / "hostile" / "encrypted.pdf").read_bytes() + f"\n%{i}\n".encode()
    if kind == "not_pdf":
        return f"{i:03d}-not-a.pdf", b"\x7fELF\x02\x01\x01" + i.to_bytes(4, "big") + bytes(500)
    return f"{i:03d}-english.txt", (f"Meeting notes {i}. The committee discussed the annual budget, the "
                                    "staffing plan and the new website.\n" * 30).encode()


def make(out: Path, count: int, only: str | None, seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    expected: dict[str, str] = {}

    def put(folder: str, name: str, data: bytes) -> None:
        target = out / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    scan = (SAMPLES / "thuong-xuan-2025-p1.png").read_bytes()
    if only == "scans":
        for i in range(count):
            put("scans", f"{i:03d}-scan.png", scan + f"khparse-variant-{i}".encode())
        return expected
    clean, garbled = _texts(False), _texts(True)
    pdf = (SAMPLES / "thuong-xuan-2025.pdf").read_bytes()
    if only == "text":
        for i in range(count):
            source = clean[i % len(clean)]
            put("text", f"{i:03d}-{source.name}", _variant(source.read_bytes(), i))
        return expected
    n_hostile, n_pdf, n_scan, n_zip = max(5, count // 20), count // 20, max(2, count // 100), count // 20
    n_garbled = count // 10
    n_text = count - n_hostile - n_pdf - n_scan - n_zip - n_garbled
    for i in range(n_text):
        source = clean[i % len(clean)]
        put("text", f"{i:03d}-{source.name}", _variant(source.read_bytes(), i))
    for i in range(n_garbled):
        source = garbled[i % len(garbled)]
        put("garbled", f"{i:03d}-{source.name}", _variant(source.read_bytes(), 1000 + i))
    for i in range(n_pdf):
        put("pdf", f"{i:03d}-thuong-xuan-2025.pdf", pdf + f"\n%khparse variant {i}\n".encode())
    for i in range(n_scan):
        put("scans", f"{i:03d}-scan.png", scan + f"khparse-variant-{i}".encode())
    with zipfile.ZipFile(out / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for i in range(n_zip):
            source = clean[rng.randrange(len(clean))]
            bundle.writestr(f"zipped/{i:03d}-{source.name}", _variant(source.read_bytes(), 2000 + i))
    for i in range(n_hostile):
        kind = HOSTILE[i % len(HOSTILE)]
        name, data = _hostile(kind, i)
        put("hostile", name, data)
        expected[str(out / "hostile" / name)] = HOSTILE_CODE[kind]
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--only", choices=["text", "scans"], help="only clean text plans, or only scans")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    expected = make(args.out, args.count, args.only, args.seed)
    Path(f"{args.out}.expected.json").write_text(json.dumps(expected, indent=1), encoding="utf-8")
    members = 0
    if (args.out / "bundle.zip").exists():
        with zipfile.ZipFile(args.out / "bundle.zip") as bundle:
            members = len(bundle.namelist())
    files = sum(1 for p in args.out.rglob("*") if p.is_file() and p.suffix != ".zip")
    print(f"{args.out}: {files + members} inputs, {len(expected)} hostile")


if __name__ == "__main__":
    main()
