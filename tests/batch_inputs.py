"""Small archives for the batch tests: clean plans (fast to parse), and hostile files of each kind
with the error code their record must carry."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from .conftest import ROOT, SAMPLES

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
# Plans with full diacritics: parsed in tens of milliseconds (no repair), so the tests stay fast.
CLEAN = [SAMPLES / "thuong-xuan-2025.md", SAMPLES / "thuong-xuan-2025.truth.txt",
         *sorted(p for p in UNSEEN.glob("*") if p.suffix in {".txt", ".md"}
                 and not p.name.endswith(".garbled.txt") and p.name != "README.md")]
PARTIAL = SAMPLES / "quang-ngai-vp-2024.txt"  # no Decree 30 header: status partial

HOSTILE_CODES = {
    "empty.txt": "input_unreadable",
    "truncated.pdf": "input_unreadable",
    "encrypted.pdf": "input_unreadable",
    "program.pdf": "input_unreadable",  # not a PDF: an executable's bytes
    "english.txt": "not_a_plan",
}


def write_hostile(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes((SAMPLES / "thuong-xuan-2025.pdf").read_bytes()[:2000])
    shutil.copy(ROOT / "tests" / "fixtures" / "hostile" / "encrypted.pdf", folder / "encrypted.pdf")
    (folder / "program.pdf").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(200))
    (folder / "english.txt").write_text("The quick brown fox jumps over the lazy dog.\n" * 20, encoding="utf-8")


def write_clean(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """`count` distinct plans (a numbered line makes each file's content, so its hash, unique)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(start, start + count):
        source = CLEAN[i % len(CLEAN)]
        target = folder / f"plan-{i:03d}{source.suffix}"
        target.write_bytes(source.read_bytes() + f"\n<!-- bản {i} -->\n".encode())
        written.append(target)
    return written


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
