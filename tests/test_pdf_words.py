"""The text layer through read/pdfium_lib.py: the same pdfium, read as pypdfium2 reads it.

Word boxes are compared with the loop as first written on pypdfium2's own calls (get_charbox), on the
sample, the blind PDFs and a page drawn to split words at gaps (read/pdf.py `_words`); the binding's
text, sizes and failures with pypdfium2's."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from khparse.read import pdf, pdfium_lib

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
PDFS = [ROOT / "samples" / "thuong-xuan-2025.pdf", *sorted((FIXTURES / "blind13").glob("*.pdf"))]


def _reference_words(page: object, height: float) -> list[tuple[str, float, float, float, float]]:
    """read/pdf.py's word boxes as first written (pypdfium2's get_charbox, a list for the box, min
    and max): the tightened loop must give the very same words and floats."""
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    n = textpage.count_chars()
    text = textpage.get_text_range(0, n) if n else ""
    words: list[tuple[str, float, float, float, float]] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]

    def flush() -> None:
        if chars:
            words.append(("".join(chars), box[0], box[1], box[2], box[3]))
            chars.clear()

    mark = False  # in a footnote's mark: its figures are left out
    for i, ch in enumerate(text[:n]):
        if ch.isspace() or ch in "\x00\x02\ufffe":
            flush()
            mark = False
            continue
        if mark and ch.isdigit():
            continue
        mark = False
        left, bottom, right, top = textpage.get_charbox(i, loose=True)
        y0, y1 = height - top, height - bottom
        so_far = box[3] - box[1]
        if chars and ch.isdigit() and y1 - y0 < pdf.FOOTNOTE_MARK_SIZE * so_far \
                and y1 < box[3] - pdf.FOOTNOTE_MARK_RAISE * so_far:  # the pages here run across
            flush()
            mark = True
            continue
        if chars and left - box[2] > 0.15 * max(y1 - y0, box[3] - box[1]):
            flush()
        box = ([left, y0, right, y1] if not chars
               else [min(box[0], left), min(box[1], y0), max(box[2], right), max(box[3], y1)])
        chars.append(ch)
    flush()
    textpage.close()
    return words


def _gapped_page() -> bytes:
    """Words set apart without spaces, closer and further than the gap that splits them; a raised
    smaller "2" after a word (a footnote's mark, left out); letters drawn right to left and
    overlapping; a letter-spaced word."""
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas")
    out = io.BytesIO()
    c = canvas_module.Canvas(out, pagesize=(595, 842))
    c.setFont("Helvetica", 12)
    y = 760.0
    for gap in (0.0, 0.5, 1.5, 1.7, 2.0, 4.0, 12.0):
        x = 72.0
        for word in ("Justified", "text", "drawn", "word", "by", "word"):
            c.drawString(x, y, word)
            x += c.stringWidth(word, "Helvetica", 12) + gap
        y -= 20
    c.drawString(72, y, "area")
    c.setFont("Helvetica", 7)
    c.drawString(72 + c.stringWidth("area", "Helvetica", 12), y + 5, "2")
    c.setFont("Times-Roman", 20)
    c.drawString(160, y, "big")
    c.setFont("Helvetica", 12)
    c.drawString(160 + c.stringWidth("big", "Times-Roman", 20) + 1.0, y, "small")
    y -= 30
    for i, letter in enumerate("backwards"[::-1]):
        c.drawString(200 - 6.0 * i, y, letter)
    y -= 30
    text = c.beginText(72, y)
    text.setFont("Helvetica", 12)
    text.setCharSpace(3)
    text.textOut("SPACED")
    c.drawText(text)
    c.showPage()
    c.save()
    return out.getvalue()


def _pages(data: bytes) -> list[tuple[object, object]]:
    mine, theirs = pdfium_lib.PdfDocument(data), pdfium.PdfDocument(data)
    assert len(mine) == len(theirs)
    return [(mine[i], theirs[i]) for i in range(len(mine))]


@pytest.mark.parametrize("data", [*(p.read_bytes() for p in PDFS if p.exists()), "gapped"],
                         ids=[*(p.name for p in PDFS if p.exists()), "gapped"])
def test_word_boxes_are_those_of_the_plain_loop(data: bytes | str) -> None:
    data = _gapped_page() if data == "gapped" else data
    assert isinstance(data, bytes)
    compared = 0
    for mine, theirs in _pages(data):
        height = mine.get_size()[1]  # type: ignore[attr-defined]
        assert mine.get_size() == theirs.get_size()  # type: ignore[attr-defined]
        got = [(w.text, w.x0, w.top, w.x1, w.bottom) for w in pdf._words(mine, height)]  # type: ignore[arg-type]
        assert got == _reference_words(theirs, height)
        compared += len(got)
    assert compared  # a text layer: the comparison compared something


def test_the_gapped_page_splits_where_the_gap_is_wide() -> None:
    words = [w.text for w in pdf.text_layers(_gapped_page(), "gapped.pdf")[0].words]
    assert "Justifiedtextdrawnwordbyword" in words  # touching: one run, one word
    assert words.count("Justified") >= 3  # set 2 pt apart and more: a word each
    assert "S" in words and "D" in words  # letter-spaced: each letter apart
    assert "area" in words and "area2" not in words and "2" not in words  # a footnote's mark left out


def test_text_and_sizes_are_pypdfium2s() -> None:
    for path in PDFS:
        for mine, theirs in _pages(path.read_bytes()):
            a, b = mine.get_textpage(), theirs.get_textpage()  # type: ignore[attr-defined]
            n = a.count_chars()
            assert n == b.count_chars()
            for start, count in ((0, n), (3, n - 6), (n - 1, 1), (5, 0)):
                assert a.get_text_range(start, count) == b.get_text_range(start, count)
            a.close()
            b.close()


def _zero_page_pdf() -> bytes:
    out = io.BytesIO()
    pdfium.PdfDocument.new().save(out)
    return out.getvalue()


@pytest.mark.parametrize("data", [b"%PDF-1.4\nnot a pdf", b"", "zero pages",
                                  (FIXTURES / "hostile" / "encrypted.pdf").read_bytes()],
                         ids=["garbage", "empty", "zero-pages", "encrypted"])
def test_failures_say_what_pypdfium2_says(data: bytes | str) -> None:
    data = _zero_page_pdf() if data == "zero pages" else data
    assert isinstance(data, bytes)
    with pytest.raises(pdfium.PdfiumError) as theirs:
        pdfium.PdfDocument(data)
    with pytest.raises(pdfium_lib.PdfiumError) as mine:
        pdfium_lib.PdfDocument(data)
    assert str(mine.value) == str(theirs.value)


def test_a_page_out_of_range_fails_as_in_pypdfium2() -> None:
    data = PDFS[0].read_bytes()
    with pytest.raises(pdfium.PdfiumError) as theirs:
        pdfium.PdfDocument(data)[99]
    with pytest.raises(pdfium_lib.PdfiumError) as mine:
        pdfium_lib.PdfDocument(data)[99]
    assert str(mine.value) == str(theirs.value)


def test_one_pdfium_serves_both_bindings_in_either_order() -> None:
    """The binding first, then pypdfium2 (a page to OCR after the layers were read), and the other
    way round: pdfium is initialised once, documents open in one stay readable, and the process
    exits cleanly (pypdfium2 destroys the library at exit)."""
    sample = str(PDFS[0])
    read = ("from khparse.read import pdf; data = open(sys.argv[1], 'rb').read(); "
            "layers = pdf.text_layers(data, 'a.pdf'); doc = pdf.pdfium_lib.PdfDocument(data); ")
    render = "image, dpi = pdf.render(data, 'a.pdf', 0, 50); assert image.size[0] > 300; "
    again = "assert pdf._words(doc[1], layers[1].height) == layers[1].words; print('ok')"
    for code in ("import sys; " + read + render + again,
                 "import sys, pypdfium2; " + read + render + again):
        done = subprocess.run([sys.executable, "-c", code, sample], capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "ok"


def test_a_pypdfium2_built_on_the_systems_pdfium_lends_the_library_its_bindings_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No library in pypdfium2_raw's folder (a build against the system's pdfium): the one pypdfium2's
    bindings loaded, the same file pdfium_lib opens otherwise."""
    monkeypatch.setattr(pdfium_lib, "_library_path", lambda: Path("/nonexistent/libpdfium.so"))
    assert pdfium_lib._load_library()._name == pdfium_lib._lib._name
