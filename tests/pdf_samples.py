"""Helpers shared by the PDF/OCR tests: the sample files and the fields compared across variants."""

from __future__ import annotations

from pathlib import Path

from khparse import load
from khparse.model import Plan
from khparse.pipeline import extract_source

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NAME = "thuong-xuan-2025"
TEXT_PDF = SAMPLES / f"{NAME}.pdf"  # (a) with its text layer
SCAN = SAMPLES / f"{NAME}-scan.pdf"  # (b) image only, two pages
SCAN_ENG = SAMPLES / f"{NAME}-scan-eng.pdf"  # (c) (b) with an English-model OCR text layer
PAGE_PNG = SAMPLES / f"{NAME}-p1.png"  # (d) page 1 as PNG


def truth(sample: Path) -> list[str]:
    """Ground truth of a sample, one string per page."""
    path = sample.with_name(sample.name.rsplit(".", 1)[0] + ".truth.txt")
    return [page.strip("\n") for page in path.read_text(encoding="utf-8").split("\f")]


def key_fields(plan: Plan) -> dict[str, object]:
    """What must come out the same from every variant of the same pages."""
    return {
        "number": plan.header.number,
        "date_text": plan.header.date_text,
        "issuer": plan.header.issuer,
        "sections": [(s.numeral, s.title) for s in plan.sections],
        "units": [a.unit for a in plan.assignments],
    }


def clean_fields(sample: Path) -> dict[str, object]:
    """The fields of the ground-truth text of the same pages."""
    return key_fields(extract_source(load.from_text("\f".join(truth(sample)), "truth.txt")))


# OCR may still misread a mark in a bold capital heading ("CHÚC" for "CHỨC"); as the golden
# tests do for OCR-derived strings, titles and units are compared by similarity, not equality.
OCR_RATIO = 90.0


def assert_same_fields(got: dict[str, object], want: dict[str, object]) -> None:
    from rapidfuzz import fuzz

    for key in ("number", "date_text", "issuer"):
        assert got[key] == want[key], key
    got_sections, want_sections = got["sections"], want["sections"]
    assert isinstance(got_sections, list) and isinstance(want_sections, list)
    assert [n for n, _ in got_sections] == [n for n, _ in want_sections]
    for (_, title), (_, expected) in zip(got_sections, want_sections, strict=True):
        assert fuzz.ratio(title, expected) >= OCR_RATIO, (title, expected)
    got_units, want_units = got["units"], want["units"]
    assert isinstance(got_units, list) and isinstance(want_units, list)
    assert len(got_units) == len(want_units)
    for unit, expected in zip(got_units, want_units, strict=True):
        assert fuzz.ratio(unit, expected) >= OCR_RATIO, (unit, expected)
