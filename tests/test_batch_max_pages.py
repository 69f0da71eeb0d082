"""Resume and --max-pages: an input refused by the page limit is converted again when the limit
changes (the refusal may have been the limit's), not when it stays; a plan already made stays."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .batch_inputs import write_clean
from .conftest import ROOT, SAMPLES


def _batch(tmp_path: Path, *options: str) -> tuple[list[dict[str, object]], str]:
    result = subprocess.run([sys.executable, "-m", "khparse.batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                             "--ocr", "never", *options], capture_output=True, cwd=ROOT, timeout=120, check=False)
    manifest = (tmp_path / "out" / "manifest.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in manifest], result.stderr.decode()


def test_a_page_limit_refusal_is_redone_when_the_limit_changes(tmp_path: Path) -> None:
    shutil.copy(SAMPLES / "thuong-xuan-2025.pdf", tmp_path / "in.pdf")  # 7 pages, a text layer
    write_clean(tmp_path / "in", 1)
    (tmp_path / "in.pdf").rename(tmp_path / "in" / "seven.pdf")

    records, _ = _batch(tmp_path, "--max-pages", "5")
    refused = next(r for r in records if str(r["input"]).endswith("seven.pdf"))
    assert refused["status"] == "failed" and refused["options"] == {
        "repair": True, "ocr": "never", "max_pages": 5, "max_text_size": 4 * 2**20}
    ok = next(r for r in records if r["status"] == "ok")
    assert ok["options"] == {"repair": True, "ocr": "never"}  # a plan does not depend on the limit

    _, stderr = _batch(tmp_path, "--max-pages", "5")
    assert "2 done before" in stderr  # the same limit: the same refusal, not tried again

    records, stderr = _batch(tmp_path, "--max-pages", "10")
    assert "1 done before" in stderr  # the plan kept; the refused PDF converted again
    assert [r["status"] for r in records] == ["ok", "ok"]
