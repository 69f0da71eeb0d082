"""Start-up (issue 12): a command imports only what its input needs. Not a timed test: it checks,
in a fresh interpreter, which modules a run left in sys.modules (benchmarks/bench_speed.py times it)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEXT_PLAN = ROOT / "samples" / "thuong-xuan-2025.md"
TEXT_PDF = ROOT / "samples" / "thuong-xuan-2025.pdf"

# Run the command in a child, then list the top-level packages and khparse modules it imported.
PROBE = """
import json, sys
from khparse.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

OCR_AND_IMAGES = {"pytesseract", "cv2", "numpy", "PIL", "pdfplumber", "pdfminer", "multiprocessing",
                  "concurrent"}


def imported(*args: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    line = done.stderr.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_a_text_plan_imports_no_pdf_ocr_or_document_reader_nor_pydantic() -> None:
    found = imported("extract", str(TEXT_PLAN))
    # pydantic: the command line dumps the plan's drafts (model/drafts.py); a value a draft did not
    # take as it is would import it (a fallback that costs ~90 ms, so worth knowing about).
    assert not tops(found) & (OCR_AND_IMAGES | {"pypdfium2", "pydantic"})
    # Word and web-page readers are imported only for bytes that could be one of them.
    assert not found & {"khparse.read.html", "khparse.read.doc", "khparse.read.docx", "khparse.read.pdf",
                        "khparse.read.tesseract", "khparse.batch"}


def test_a_text_layer_pdf_imports_no_ocr_or_image_library() -> None:
    if not TEXT_PDF.exists():
        pytest.skip("sample PDF missing")
    found = imported("extract", str(TEXT_PDF))
    assert "pypdfium2" in tops(found)
    assert not tops(found) & (OCR_AND_IMAGES | {"pydantic"})
    assert not found & {"khparse.read.tesseract", "khparse.read.raster", "khparse.read.pdf_scan",
                        "khparse.read.prepare"}


@pytest.mark.parametrize("args", [("--version",), ("repair", "--help"), ("extract", "no-such-file.txt")])
def test_commands_that_build_no_plan_do_not_import_pydantic(args: tuple[str, ...]) -> None:
    assert "pydantic" not in tops(imported(*args))


def test_the_package_and_its_errors_import_without_pydantic() -> None:
    code = "import sys, khparse, khparse.errors, khparse.model; print('pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
