"""Each sample plan against its hand-checked golden JSON (samples/NAME.golden.json).

Text inputs parse deterministically, so the comparison is exact. After an intended change, run
`pytest tests/test_golden.py --update-golden` and review the diff line by line before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import khparse
from khparse.output import plan_dict

from .conftest import SAMPLES

TEXT_SAMPLES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in {".txt", ".md"} and not p.name.endswith(".truth.txt")
)


def _golden(path: Path) -> Path:
    return path.with_name(path.name.rsplit(".", 1)[0] + ".golden.json")


def _diff(expected: object, actual: object, where: str = "") -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            out += _diff(expected.get(key, "<missing>"), actual.get(key, "<missing>"), f"{where}.{key}")
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        out = [d for i, (e, a) in enumerate(zip(expected, actual, strict=False)) for d in _diff(e, a, f"{where}[{i}]")]
        if len(expected) != len(actual):
            extra = expected[len(actual) :] or actual[len(expected) :]
            out.append(f"{where}: expected {len(expected)} items, got {len(actual)}; unmatched: {extra!r:.300}")
        return out
    return [] if expected == actual else [f"{where}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize("sample", TEXT_SAMPLES, ids=lambda p: p.name)
def test_sample_matches_golden(sample: Path, update_golden: bool) -> None:
    actual = plan_dict(khparse.extract(sample))
    actual["source"]["path"] = sample.name  # golden files do not depend on where the repo lives
    golden = _golden(sample)
    if update_golden:
        golden.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(golden.read_text(encoding="utf-8"))
    differences = _diff(expected, actual)
    assert not differences, "\n".join(differences[:30])
