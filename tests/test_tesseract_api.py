"""tesseract in-process (read/tesseract_api.py): the same words, boxes, confidences and orientation
as the command on the same image, a timeout that raises, the command where the library cannot be
used, and an engine that crosses process boundaries. Skipped without tesseract + vie + osd; about
15 s on one core."""

from __future__ import annotations

import ctypes
import pickle
import shutil
from pathlib import Path

import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from khparse.read import tesseract as ocr
from khparse.read import tesseract_api
from khparse.read.tesseract_api import TesseractApi

from .pdf_samples import PAGE_PNG

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr.tesseract_missing() is not None
    or tesseract_api.library() is None,
    reason="tesseract with the vie model, or its library, is not installed (make system-deps)",
)

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
LINE = "Kế hoạch triển khai công tác phòng, chống thiên tai năm 2025"


def _line(text: str = LINE) -> Image.Image:
    """`text` printed at 300 dpi, 12 pt: one line of a plan."""
    image = Image.new("L", (2300, 140), 255)
    font = ImageFont.truetype(str(FONT), 50) if FONT.exists() else ImageFont.load_default()
    ImageDraw.Draw(image).text((60, 40), text, fill=0, font=font)
    return image


@needs_tesseract
@pytest.mark.parametrize("mode", ["L", "1", "RGB"])
@pytest.mark.parametrize("block", [False, True])
def test_the_library_reads_a_line_as_the_command_does(mode: str, block: bool) -> None:
    image = _line().convert(mode)
    command = ocr.Tesseract("tesseract").recognise(image, dpi=300, timeout=60, name="x", page=1, block=block)
    library = TesseractApi().recognise(image, dpi=300, timeout=60, name="x", page=1, block=block)
    assert command.words, "the command read nothing: the comparison would prove nothing"
    assert [(w.text, w.x0, w.top, w.x1, w.bottom, w.confidence, w.line) for w in library.words] == \
        [(w.text, w.x0, w.top, w.x1, w.bottom, w.confidence, w.line) for w in command.words]
    assert library.confidence == command.confidence


@needs_tesseract
def test_the_library_reads_crops_as_the_command_does() -> None:
    image = _line()
    crops = [image.crop((40, 20, 400, 120)), image.crop((300, 20, 700, 120)), image.crop((0, 0, 2300, 140))]
    for word in (True, False):
        command = ocr.Tesseract("tesseract").read_crops(crops, word=word, timeout=60)
        assert TesseractApi().read_crops(crops, word=word, timeout=60) == command
        assert all(command) and {w.line[0] for w in command[2]} == {3}  # each crop its own page


@needs_tesseract
def test_orientation_agrees_with_the_command() -> None:
    page = Image.open(PAGE_PNG).convert("L")
    for turn in (0, 90, 180, 270):
        turned = page.rotate(turn, expand=True)
        library = TesseractApi().orientation(turned, timeout=60)
        assert library is not None and library.rotate == (-turn) % 360
        assert library == ocr.Tesseract("tesseract").orientation(turned, timeout=60)


@needs_tesseract
def test_a_page_past_its_timeout_raises_the_commands_error() -> None:
    with pytest.raises(ocr.OcrTimeoutError, match="did not finish within 0 s"):
        TesseractApi().recognise(_line(), dpi=300, timeout=0, name="x", page=1)
    assert TesseractApi().read_crops([_line()], word=False, timeout=0) == [()]  # crops: read as nothing


@needs_tesseract
def test_the_model_is_loaded_once_not_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    TesseractApi().recognise(_line(), dpi=300, timeout=60, name="x", page=1)  # one API made and kept
    lib = tesseract_api.library()
    assert lib is not None
    made: list[int] = []
    real = lib.TessBaseAPICreate
    monkeypatch.setattr(lib, "TessBaseAPICreate", lambda: made.append(1) or real())
    for _ in range(3):
        TesseractApi().recognise(_line(), dpi=300, timeout=60, name="x", page=1)
    assert made == []


@needs_tesseract
def test_tesseracts_messages_do_not_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    TesseractApi().recognise(_line(), dpi=None, timeout=60, name="x", page=1)  # "Estimating resolution as …"
    TesseractApi().orientation(_line(), timeout=60)
    assert capfd.readouterr().err == ""


@needs_tesseract
def test_the_default_engine_is_the_library_unless_a_command_was_chosen(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ocr.default_engine() == TesseractApi("tesseract")
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/usr/local/bin/my-tesseract")
    assert ocr.default_engine() == ocr.Tesseract("/usr/local/bin/my-tesseract")


def test_without_the_library_the_command_does_the_work(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_library(name: str, *args: object, **kwargs: object) -> ctypes.CDLL:
        raise OSError(f"{name}: cannot open shared object file")

    tesseract_api.library.cache_clear()
    monkeypatch.setattr(tesseract_api.ctypes, "CDLL", no_library)
    try:
        assert tesseract_api.library() is None
        assert isinstance(ocr.default_engine(), ocr.Tesseract)
        read: list[str] = []
        monkeypatch.setattr(ocr.Tesseract, "recognise", lambda self, *a, **k: read.append(self.cmd))
        TesseractApi("tesseract").recognise(_line(), dpi=300, timeout=60, name="x", page=1)
        assert read == ["tesseract"]
    finally:
        tesseract_api.library.cache_clear()


def test_a_library_other_than_the_commands_is_not_used(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    program = tmp_path / "local" / "bin" / "tesseract"  # a tesseract built into another prefix
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setattr(tesseract_api.shutil, "which", lambda cmd: str(program))
    assert not tesseract_api._same_install("/usr/lib/x86_64-linux-gnu/libtesseract.so.5", "tesseract")
    assert tesseract_api._same_install(str(tmp_path / "local" / "lib" / "libtesseract.so.5"), "tesseract")


@needs_tesseract
def test_the_engine_is_plain_data_and_reads_in_workers() -> None:
    engine = TesseractApi("tesseract")
    assert pickle.loads(pickle.dumps(engine)) == engine
    data = PAGE_PNG.read_bytes()
    jobs = [ocr.PageJob("image", data, "p.png", 0, None, 120, e) for e in (engine, ocr.Tesseract("tesseract"))]
    in_workers = ocr.ocr_pages([jobs[0], jobs[0]], jobs=2)  # forked workers, each with its own API
    by_command = ocr.ocr_pages([jobs[1]], jobs=1)
    assert in_workers[0].words == in_workers[1].words == by_command[0].words
