"""Page-image preparation before OCR (read/prepare.py and its steps orient, photo, stamps).

Unit tests on synthetic pages need no tesseract (a Recorded engine stands in); three end-to-end
tests OCR one page each of the sample scan — turned 180°, skewed 5°, under a red seal — and check
that the page reads as the clean one and that the decision is recorded. About 20 s in all.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable, Sequence
from functools import cache

import numpy as np
import pytesseract
import pytest
from PIL import Image, ImageDraw, ImageFont

from khparse import load
from khparse.model import TextSource
from khparse.pipeline import extract_source
from khparse.read import orient, photo, speckle, stamps
from khparse.read import tesseract as ocr
from khparse.read.engine import OcrPage, Orientation, Recorded
from khparse.read.layout import Word
from khparse.read.pages import read_pages
from khparse.read.prepare import Preparation, prepare, recognise

from .conftest import ROOT
from .pdf_samples import PAGE_PNG, truth
from .scan_variants import skewed, turned, with_seal

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or ocr.tesseract_missing() is not None,
    reason="tesseract with the vie model is not installed (make system-deps)",
)

LINES = ["KẾ HOẠCH TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH", "Thực hiện Quyết định số 841/QĐ-UBND ngày 30/8/2025",
         "của Chủ tịch UBND xã về việc ban hành Kế hoạch", "Nhằm đẩy mạnh và nâng cao chất lượng công tác",
         "cải cách hành chính; Ủy ban nhân dân xã xây dựng", "kế hoạch tuyên truyền như sau: tổ chức thực hiện"]


@cache
def _page() -> Image.Image:
    """Page 1 of the sample scan at 100 dpi (827 x 1170): a real page, small enough to be quick."""
    return Image.open(PAGE_PNG).convert("L").resize((827, 1170), Image.Resampling.LANCZOS)


@cache
def _lines() -> Image.Image:
    """A synthetic page at 100 dpi: lines of Vietnamese text, black on white."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 16)
    image = Image.new("L", (600, 820), 255)
    draw = ImageDraw.Draw(image)
    for i in range(24):
        draw.text((40, 40 + 30 * i), LINES[i % len(LINES)], fill=0, font=font)
    return image


def _grey(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("L"))


class _NoOsd(Recorded):
    """Fails the test if OSD is asked: upright pages must not cost an OSD run."""

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        raise AssertionError("OSD asked for a page the ink test was sure of")


# orient: axis, up/down and skew from the ink


def test_a_sparse_page_lit_unevenly_is_not_taken_for_turned() -> None:
    # A plan's last page photographed (blind27): the tail's few lines at the top, the light falling off
    # below. Otsu's one threshold took the darker part of the sheet for ink, its edge for lines running
    # down the page, and the page for one turned a quarter.
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(ROOT / "tests/fixtures/blind27"
                             / "ubnd-phuong-vinh-loc-tay-mung-dang-mung-xuan-binh-ngo-2026-phone-photo-lich.pdf")
    photo_page = next(o for o in pdf[1].get_objects() if o.type == 3).get_bitmap(render=False).to_pil()
    seen = photo.look(_grey(photo_page))
    assert seen.corners is not None  # the sheet on the desk, its corner in the phone's shadow
    page, _ = stamps.drop_colour(photo.unwarp(np.asarray(photo_page.convert("RGB")), seen.corners))
    found = orient.lean(page, None)
    assert found is not None and not found.quarter


def test_upright_page_is_judged_upright_and_straight() -> None:
    found = orient.lean(_grey(_page()), 100)
    assert found is not None and not found.quarter
    assert found.upright >= orient.SURE_RATIO
    assert abs(found.skew) < orient.MIN_SKEW


def test_upside_down_page_is_judged_upside_down() -> None:
    found = orient.lean(_grey(_page().rotate(180)), 100)
    assert found is not None and not found.quarter
    assert found.upright <= 1 / orient.SURE_RATIO


@pytest.mark.parametrize("turn", [90, 270])
def test_quarter_turned_page_has_its_lines_down(turn: int) -> None:
    found = orient.lean(_grey(_page().rotate(turn, expand=True)), 100)
    assert found is not None and found.quarter


@pytest.mark.parametrize("angle", [-12.0, -5.0, 3.0, 5.0])
def test_skew_is_measured(angle: float) -> None:
    found = orient.lean(_grey(_page().rotate(angle, expand=True, fillcolor=255)), 100)
    assert found is not None
    assert found.skew == pytest.approx(-angle, abs=0.3)  # rotating by `skew` straightens it


def test_blank_page_is_not_judged() -> None:
    assert orient.lean(np.full((800, 600), 255, np.uint8), 100) is None


# prepare: decisions applied and recorded


@pytest.mark.parametrize(("turn", "undo"), [(180, 180), (90, 270), (270, 90)])
def test_turned_page_is_turned_back_by_the_ink_when_osd_cannot_tell(turn: int, undo: int) -> None:
    prepared = prepare(_page().rotate(turn, expand=True), 100, engine=Recorded(), timeout=10)
    assert prepared.preparation.rotation == undo
    assert prepared.preparation.how == "ink"
    found = orient.lean(np.asarray(prepared.image), 100)
    assert found is not None and not found.quarter and found.upright >= orient.SURE_RATIO


def test_osd_decides_when_asked() -> None:
    @staticmethod  # type: ignore[misc]
    def osd(image: Image.Image, *, timeout: float) -> Orientation:
        return Orientation(180, 12.0)

    class Osd(Recorded):
        orientation = osd

    prepared = prepare(_page().rotate(180), 100, engine=Osd(), timeout=10)
    assert (prepared.preparation.rotation, prepared.preparation.how, prepared.osd_asked) == (180, "OSD", True)


def test_upright_page_is_left_alone_without_osd() -> None:
    page = _page()
    prepared = prepare(page.resize((1654, 2340)), 200, engine=_NoOsd(), timeout=10)
    assert prepared.preparation == Preparation(dpi=200)
    assert prepared.preparation.note() == ""
    assert np.array_equal(np.asarray(prepared.image), np.asarray(page.resize((1654, 2340))))


def test_skewed_page_is_straightened_and_the_angle_recorded() -> None:
    prepared = prepare(_page().rotate(5, expand=True, fillcolor=255), 250, engine=_NoOsd(), timeout=10)
    assert prepared.preparation.skew == pytest.approx(-5.0, abs=0.3)
    assert "deskewed 5." in prepared.preparation.note() or "deskewed 4.9" in prepared.preparation.note()
    found = orient.lean(np.asarray(prepared.image), 250)
    assert found is not None and abs(found.skew) < orient.MIN_SKEW


def test_low_resolution_is_scaled_up_and_high_scaled_down() -> None:
    page = _page()  # 827 px wide: at 150 dpi a 5.5-inch page
    low = prepare(page, 150, engine=_NoOsd(), timeout=10)
    assert low.preparation.dpi == 300 and low.image.width == 1654
    assert "resolution 150 → 300 dpi" in low.preparation.cleaned
    big = page.resize((3000, 4100))  # at 500 dpi a 6-inch page
    high = prepare(big, 500, engine=_NoOsd(), timeout=10)
    assert high.preparation.dpi == 300 and high.image.width == 1800


def test_unknown_or_implausible_resolution_is_estimated_as_a4() -> None:
    page = _page()  # 827 px short side: A4 at 100 dpi, so scaled up
    prepared = prepare(page, None, engine=_NoOsd(), timeout=10)
    assert prepared.preparation.dpi == 300
    assert prepared.image.width == pytest.approx(827 * 3, rel=0.01)
    assert prepare(page, 72, engine=_NoOsd(), timeout=10).preparation.dpi == 300


# stamps: coloured ink dropped, black text under it kept


def _sealed() -> tuple[np.ndarray, np.ndarray]:
    page = np.asarray(_lines().convert("RGB")).copy()
    red = np.zeros(page.shape[:2], bool)
    yy, xx = np.mgrid[: page.shape[0], : page.shape[1]]
    ring = np.abs(np.hypot(yy - 200, xx - 200) - 100) < 8
    red |= ring
    dark = page[..., 0] < 100
    sealed = page.copy()
    sealed[ring & ~dark] = (210, 35, 45)  # red ink on paper
    sealed[ring & dark] = (40, 10, 12)  # black text printed under the red ink
    return sealed, ring & dark


def test_red_seal_is_dropped_and_the_text_under_it_kept() -> None:
    sealed, under = _sealed()
    assert stamps.has_colour(sealed)
    grey, share = stamps.drop_colour(sealed)
    ring = (sealed == (210, 35, 45)).all(axis=2)
    assert (grey[ring] == 255).all()
    assert (grey[under] < 80).all()
    assert share > 0.001


def test_a_highlighter_band_goes_to_paper_and_the_print_under_it_stays() -> None:
    # A yellow highlighter multiplied over a line of thin grey strokes (a 150 dpi scan's print measures
    # 74-134 under it): dropped as coloured ink, the line went with the band.
    import cv2

    page = cv2.GaussianBlur(np.asarray(_lines().convert("RGB")), (3, 3), 0.8).astype(float)
    band = np.zeros(page.shape[:2], bool)
    band[36:62, 30:560] = True
    marked = page.copy()
    marked[band] *= np.array([255, 238, 80]) / 255
    marked = marked.astype(np.uint8)
    grey, share = stamps.drop_colour(marked)
    plain = _grey(_lines())
    text = band & (plain < 100)
    assert text.sum() > 200 and share > 0.01
    assert np.median(grey[text]) < 100  # the print under the band stays print
    assert np.percentile(grey[band & (plain == 255)], 10) > 200  # the band is as light as paper


def test_grey_page_in_rgb_has_no_colour() -> None:
    assert not stamps.has_colour(np.asarray(_lines().convert("RGB")))


def test_colour_stamps_are_recorded() -> None:
    sealed, _ = _sealed()
    prepared = prepare(Image.fromarray(sealed), 100, engine=Recorded(), timeout=10)
    assert prepared.image.mode == "L"
    assert prepared.preparation.cleaned[0] == "colour stamps"
    assert prepared.preparation.note().startswith("colour stamps removed")


# photo: page edges, light


def _photographed() -> tuple[Image.Image, np.ndarray]:
    import cv2

    page = np.asarray(_lines().convert("RGB")).astype(np.float32)
    h, w = page.shape[:2]
    corners = np.float32([[90, 60], [w + 120, 95], [w + 150, h + 110], [70, h + 140]])
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    size = (w + 240, h + 220)
    warped = cv2.warpPerspective(page, matrix, size, borderValue=(80, 60, 45))
    yy, xx = np.mgrid[: size[1], : size[0]]
    light = 0.55 + 0.45 * np.exp(-(((xx - size[0] * 0.3) / size[0]) ** 2 + ((yy - size[1] * 0.2) / size[1]) ** 2))
    shot = np.clip(warped * light[..., None] * np.float32([1.0, 0.95, 0.85]), 0, 255).astype(np.uint8)
    return Image.fromarray(shot), corners


def test_photo_page_edges_are_found() -> None:
    shot, corners = _photographed()
    seen = photo.look(_grey(shot))
    assert seen.corners is not None
    assert np.abs(seen.corners - corners).max() < 12
    assert seen.uneven


def test_a_photos_corner_in_shadow_is_where_the_sheets_sides_meet() -> None:
    # The phone's shadow over the sheet's bottom-right corner, darker than the paper threshold: the
    # outline has the cut as a side of its own; the corner is where the right and bottom sides meet,
    # not the cut's end (taken for it, the lower page came out slanting and its table's rows ran
    # together).
    shot, corners = _photographed()
    pixels = np.asarray(shot).astype(np.float32)
    h, w = pixels.shape[:2]
    yy, xx = np.mgrid[:h, :w]
    bx, by = corners[2]
    shadow = (bx - xx) + (by - yy) < 0.2 * w  # a triangle over the corner
    pixels[shadow] *= 0.3
    seen = photo.look(_grey(Image.fromarray(pixels.astype(np.uint8))))
    assert seen.corners is not None
    assert np.abs(seen.corners - corners).max() < 15


def test_a_sheet_lying_on_another_is_not_taken_with_it() -> None:
    import cv2

    # The plan photographed on top of another sheet whose edge shows below and beside it: the paper's
    # outline has five sides too, but the sides of the two sheets meet round no sheet.
    shot, corners = _photographed()
    pixels = np.asarray(shot).copy()
    h, w = pixels.shape[:2]
    under = np.float32(corners) + np.float32([60, 90])
    mask = np.zeros((h, w), np.uint8)
    cv2.fillPoly(mask, [np.round(under).astype(np.int32)], 255)
    top = np.zeros((h, w), np.uint8)
    cv2.fillPoly(top, [np.round(corners).astype(np.int32)], 255)
    pixels[(mask > 0) & (top == 0)] = (205, 200, 190)  # the sheet underneath, blank where it shows
    seen = photo.look(_grey(Image.fromarray(pixels)))
    assert seen.corners is None or np.abs(seen.corners - corners).max() < 15


def test_a_photo_in_dim_light_is_brightened_not_binarised() -> None:
    shot, _ = _photographed()
    rng = np.random.default_rng(4)
    dim = np.clip(np.asarray(shot).astype(np.float32) * 0.45 + rng.normal(0, 6, np.asarray(shot).shape), 0, 255)
    prepared = prepare(Image.fromarray(dim.astype(np.uint8)), None, engine=Recorded(), timeout=10)
    assert "perspective" in prepared.preparation.cleaned and "dim light" in prepared.preparation.cleaned
    assert "dim light corrected" in prepared.preparation.note()
    page = np.asarray(prepared.image)
    assert np.median(page) > 200  # the paper brought up to white
    assert np.count_nonzero((page > 40) & (page < 215)) / page.size > 0.01  # still grey, not binarised
    bright = prepare(shot, None, engine=Recorded(), timeout=10)
    assert "dim light" not in bright.preparation.cleaned


def test_flatbed_scan_is_no_photo() -> None:
    seen = photo.look(_grey(_lines()))
    assert seen.corners is None and not seen.uneven


def test_photo_is_flattened_lit_and_binarised() -> None:
    shot, _ = _photographed()
    prepared = prepare(shot, 72, engine=Recorded(), timeout=10)
    assert "perspective" in prepared.preparation.cleaned and "uneven light" in prepared.preparation.cleaned
    out = np.asarray(prepared.image)
    assert np.mean((out > 40) & (out < 215)) < 0.1  # binary but for the edges that scaling up softened
    found = orient.lean(out, prepared.preparation.dpi)
    assert found is not None and not found.quarter and abs(found.skew) < 1.0


# Recorded engine through the stage


def _png(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()


def test_recorded_engine_replays_words_through_read_pages_without_tesseract(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    words = (Word("KẾ", 100, 100, 140, 120, 96.0, (1, 1, 1, 1)),
             Word("HOẠCH", 150, 100, 260, 120, 94.0, (1, 1, 1, 1)),
             Word("Tuyên", 100, 140, 170, 160, 90.0, (1, 1, 1, 2)),
             Word("truyền", 180, 140, 260, 160, 92.0, (1, 1, 1, 2)))
    engine = Recorded({1: OcrPage(words, 827.0, 93.0, 1170.0)})
    source = load.from_bytes(_png(_page().rotate(180), 100), "page.png")
    (page,) = read_pages(source, engine=engine)
    assert page.source is TextSource.ocr
    assert page.text == "KẾ HOẠCH\nTuyên truyền"
    assert page.ocr_confidence == 93.0
    assert page.preparation is not None and page.preparation.rotation == 180
    assert page.reason is not None and "turned 180° (ink)" in page.reason
    assert "resolution 100 → 300 dpi" in page.reason


# End to end with tesseract: one page each


@cache
def _sample() -> Image.Image:
    return Image.open(PAGE_PNG).convert("L")


@needs_tesseract
def test_upside_down_page_reads_as_the_clean_one() -> None:
    source = load.from_bytes(_png(turned(_sample(), 180), 200), "upside-down.png")
    plan = extract_source(source)
    (info,) = plan.source.pages
    assert info.rotation == 180 and info.reason is not None and "turned 180°" in info.reason
    assert plan.header.number == "/KH-UBND" and plan.header.doc_type == "KẾ HOẠCH"
    assert plan.header.place == "Thường Xuân"


@needs_tesseract
def test_skewed_page_reads_as_the_clean_one() -> None:
    (page,) = read_pages(load.from_bytes(_png(skewed(_sample(), 5.0), 200), "skewed.png"))
    assert page.preparation is not None and page.preparation.skew == pytest.approx(-5.0, abs=0.5)
    assert page.reason is not None and "deskewed" in page.reason
    assert page.text.split("\n")[:6] == truth(PAGE_PNG)[0].split("\n")[:6]


@needs_tesseract
def test_page_under_a_red_seal_reads_as_the_clean_one() -> None:
    w, h = _sample().size
    sealed = with_seal(_sample(), (0.06 * w, 0.03 * h, 0.42 * w, 0.1 * h), dpi=200)
    (page,) = read_pages(load.from_bytes(_png(sealed, 200), "sealed.png"))
    assert page.preparation is not None and "colour stamps" in page.preparation.cleaned
    assert page.text.split("\n")[:6] == truth(PAGE_PNG)[0].split("\n")[:6]


def _speckled_fax(seed: int = 3) -> np.ndarray:
    """The synthetic page binarised at 150 dpi with isolated black dots, as a fax prints it."""
    grey = np.asarray(_page().convert("L"))
    ink = grey < 128
    rng = np.random.default_rng(seed)
    ink |= rng.random(ink.shape) < 0.002
    return np.where(ink, 0, 255).astype(np.uint8)


def test_bilevel_page_is_despeckled_and_the_decision_recorded() -> None:
    fax = _speckled_fax()
    assert speckle.is_bilevel(fax)
    assert not speckle.is_bilevel(np.asarray(_page().convert("L").resize((400, 600))))  # anti-aliased grey
    strokes = np.full((60, 80), 255, np.uint8)
    strokes[10:12, 5:75] = 0  # a two-pixel rule, a stroke of a letter
    strokes[20:50, 30:33] = 0
    specks = strokes.copy()
    specks[5, 5] = specks[40, 60] = specks[55, 10] = 0  # single dots of line noise
    specks[20:50, 31][::7] = 255  # drop-outs inside a stroke
    cleaned = speckle.despeckle(specks, 300)
    assert cleaned[5, 5] == cleaned[40, 60] == cleaned[55, 10] == 255  # the dots are gone
    assert not cleaned[21:49, 31].any()  # the drop-outs are filled
    assert np.count_nonzero(cleaned != strokes) <= 8  # the strokes kept, only their corners rounded
    prepared = prepare(Image.fromarray(fax), 150, engine=_NoOsd(), timeout=10)
    assert prepared.preparation.cleaned[0] == "speckle"
    assert prepared.preparation.note().startswith("speckle removed")


def test_grey_scan_is_not_despeckled() -> None:
    prepared = prepare(_page(), 300, engine=_NoOsd(), timeout=10)
    assert "speckle" not in prepared.preparation.cleaned


def _pdf_of(image: Image.Image, *, turn: bool = False, rule: bool = False) -> bytes:
    """A one-page PDF holding `image` over the whole page (turned 90° by the page's matrix when
    `turn`), with a visible rule drawn over it when `rule`."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    width, height = image.width * 72 / 150, image.height * 72 / 150
    pdf = canvas.Canvas(out, pagesize=(height, width) if turn else (width, height))
    if turn:
        pdf.translate(height, 0)
        pdf.rotate(90)
    pdf.drawImage(ImageReader(image), 0, 0, width, height)
    if rule:
        pdf.line(10, 10, 100, 10)
    pdf.save()
    return out.getvalue()


def test_a_page_that_is_one_scan_goes_to_ocr_as_scanned() -> None:
    from khparse.read import pdf

    fax = Image.fromarray(_speckled_fax()).convert("RGB")
    image, dpi = pdf.render(_pdf_of(fax), "fax.pdf", 0, None)
    assert dpi == 150 and image.size == fax.size
    assert np.array_equal(np.asarray(image), np.asarray(fax))  # the scan's own pixels, not a render
    for other in (_pdf_of(fax, turn=True), _pdf_of(fax, rule=True)):  # rendered as the page shows
        rendered, _ = pdf.render(other, "other.pdf", 0, None)
        assert not np.array_equal(np.asarray(rendered.convert("RGB")), np.asarray(fax)) or rendered.size != fax.size


def _painted(hue: int, saturation: int, value: int) -> np.ndarray:
    """A 40 x 60 patch of one HSV colour (OpenCV's ranges), in RGB."""
    import cv2

    hsv = np.zeros((40, 60, 3), np.uint8)
    hsv[...] = (hue, saturation, value)
    return np.asarray(cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB))


def test_faded_purple_stamp_is_dropped_and_yellowed_paper_is_not() -> None:
    page = _painted(24, 50, 235)  # a yellowed sheet: orange-yellow, weakly saturated
    page[10:20, 10:50] = _painted(140, 65, 170)[10:20, 10:50]  # a faded purple stamp's stroke
    page[25:30, 10:50] = 20  # black print
    grey, share = stamps.drop_colour(page)
    assert share == pytest.approx(10 * 40 / (40 * 60), abs=0.05)
    assert abs(int(grey[15, 30]) - int(grey[5, 5])) <= 3  # the stamp became the paper's own grey
    assert grey[27, 30] < 60  # the print stays
    assert not stamps.has_colour(_painted(24, 50, 235))


def test_marks_of_unsure_words_are_read_again_from_their_line() -> None:
    from khparse.read.ocr_marks import reread_marks

    def words(*pairs: tuple[str, float]) -> tuple[Word, ...]:
        return tuple(Word(text, 10.0 * i, 0, 10.0 * i + 8, 10, conf, (1, 1, 1)) for i, (text, conf) in enumerate(pairs))

    heading = words(("MỤC", 93), ("ĐÍCH,", 92), ("YÊU", 96), ("CẤU:", 63))
    assert [w.text for w in reread_marks(heading)] == ["MỤC", "ĐÍCH,", "YÊU", "CẦU:"]
    sure = words(("Mục", 93), ("đích,", 92), ("yêu", 96), ("cấu:", 93))  # read with confidence: kept
    assert reread_marks(sure) == sure
    number = words(("Quyết", 95), ("định", 95), ("số", 95), ("841/QĐ-UBND", 60))  # a symbol: never re-read
    assert reread_marks(number) == number
    # A fixed phrase in capitals takes its marks however sure tesseract was.
    fixed = words(("IV.", 96), ("TỔ", 95), ("CHÚC", 92), ("THỰC", 95), ("HIỆN", 95))
    assert [w.text for w in reread_marks(fixed)] == ["IV.", "TỔ", "CHỨC", "THỰC", "HIỆN"]
    # Recorded on ky-lien's phone photo: "PHÒNG" read at 79, which the model alone reads "PHONG".
    office = words(("PHÒNG", 79), ("GD&DT", 89), ("THỊ", 96), ("XÃ", 96), ("KỲ", 78), ("ANH", 96))
    assert [w.text for w in reread_marks(office, photo=True)][:2] == ["PHÒNG", "GD&ĐT"]
    signer = words(("CHU", 91), ("TỊCH", 93))
    assert [w.text for w in reread_marks(signer)] == ["CHỦ", "TỊCH"]
    sentence = words(("Chu", 91), ("tịch", 93))  # not in capitals: left to the language model, if unsure
    assert reread_marks(sentence) == sentence
    # Two syllables run together are no word the model knows: their marks are not stripped.
    glued = words(("UBND", 96), ("HUYỆN", 93), ("THƯỜNGXUÂN", 69))
    assert reread_marks(glued, photo=True) == glued
    acronym = words(("Ủy", 96), ("ban", 96), ("nhân", 96), ("dân", 96), ("ƯBND", 60))  # an acronym's false mark
    assert [w.text for w in reread_marks(acronym)][4] == "UBND"
    # A tone on the other vowel of "uy", "oa" is printed so (all through a 2009 plan): as printed, not as the
    # model and the gazetteer spell it ("Uỷ" read at 60 came out "Ủy", "HOÀ THUỶ" came out "HOÀ THỦY").
    old_style = words(("báo", 96), ("cáo", 96), ("Uỷ", 60), ("ban", 96), ("nhân", 96), ("dân", 96), ("huyện.", 96))
    assert reread_marks(old_style) == old_style
    school = words(("UBND", 96), ("XÃ", 96), ("QUẢNG", 96), ("THUỶ", 80))
    assert reread_marks(school) == school
    body = words(("UỶ", 90), ("BAN", 90), ("NHÂN", 90), ("DÂN", 90), ("HUYỆN", 96))
    assert reread_marks(body) == body


def test_a_mark_read_surely_yields_to_a_sure_language_model_on_photos() -> None:
    # Recorded on the phone photos of ha-tinh and xa-ha-nha: "chính" read "chỉnh" at 87-96.
    from khparse.read.ocr_marks import reread_marks

    def words(*pairs: tuple[str, float]) -> tuple[Word, ...]:
        return tuple(Word(text, 10.0 * i, 0, 10.0 * i + 8, 10, conf, (1, 1, 1)) for i, (text, conf) in enumerate(pairs))

    line = words(("nền", 96), ("hành", 96), ("chỉnh", 96), ("nhà", 96), ("nước", 96), ("hiện", 96), ("đại", 96))
    assert reread_marks(line) == line  # a scan: read at 96, kept
    assert [w.text for w in reread_marks(line, photo=True)][2] == "chính"
    doubted = words(("nền", 96), ("hành", 96), ("chỉnh", 90), ("nhà", 96), ("nước", 96), ("hiện", 96), ("đại", 96))
    assert [w.text for w in reread_marks(doubted)][2] == "chính"
    # In a phrase of prose whose letters spell nothing else, the phrase's marks whatever the confidence.
    phrase = words(("cải", 96), ("cách", 96), ("hành", 96), ("chỉnh", 96), ("nhà", 96), ("nước", 96))
    assert [w.text for w in reread_marks(phrase)][3] == "chính"
    # An acronym is no syllable: its "Đ" stays.
    acronym = words(("Văn", 96), ("phòng", 96), ("HĐND", 90), ("và", 96), ("UBND", 96), ("xã", 96))
    assert reread_marks(acronym, photo=True) == acronym
    # A reading the model is not sure of stays as printed, however low the page's confidence.
    name = words(("ông", 96), ("Nguyễn", 96), ("Văn", 96), ("Lộc", 90))
    assert reread_marks(name, photo=True) == name


def test_a_photo_word_the_model_is_less_sure_of_is_taken_when_its_crop_reads_it() -> None:
    # Recorded in a table cell of ha-tinh's phone photo: "phòng" read "phỏng" at 93; in this short
    # line the model restores "phòng" with 0.995-0.999 (by the model's version), below PHOTO_LM_SURE.
    from khparse.read.ocr_marks import reread_marks

    cell = tuple(Word(t, 10.0 * i, 0, 10.0 * i + 8, 10, c, (1, 1, 1))
                 for i, (t, c) in enumerate((("Văn", 96), ("phỏng", 93), ("UBND", 96), ("huyện", 96))))
    asked: list[str] = []

    def crops_read(reading: str) -> Callable[[Sequence[Word]], list[set[str]]]:
        def confirm(ws: Sequence[Word]) -> list[set[str]]:
            asked.extend(w.text for w in ws)
            return [{reading, "phỏng"} for _ in ws]
        return confirm

    assert [w.text for w in reread_marks(cell, photo=True, confirm=crops_read("phòng."))][1] == "phòng"
    assert asked == ["phỏng"]  # only the doubted word is read again
    assert reread_marks(cell, photo=True, confirm=crops_read("phỏng")) == cell  # the crop says otherwise
    assert reread_marks(cell, photo=True) == cell  # nothing to ask
    asked.clear()
    assert reread_marks(cell, confirm=crops_read("phòng")) == cell and not asked  # a scan: not doubted


def test_orange_edges_of_black_letters_under_a_warm_light_are_kept() -> None:
    # Measured on the phone photos: the soft edges of black letters under a warm colour cast are
    # orange (hue 15-26), saturated 80-105 and dark (value 90-112); a red seal stays dropped.
    page = _painted(20, 30, 225)  # paper under a warm light
    page[10:20, 10:50] = 20  # a black stroke...
    page[9, 10:50] = page[20, 10:50] = _painted(18, 95, 100)[0, 0]  # ...with its orange edges
    page[30:35, 10:50] = _painted(176, 200, 210)[0, 0]  # a red seal's stroke
    grey, share = stamps.drop_colour(page)
    assert grey[9, 30] < 110 and grey[20, 30] < 110  # the edges stay ink
    assert grey[32, 30] > 200  # the seal is paper
    assert 5 * 40 / (40 * 60) <= share <= 7 * 42 / (40 * 60)  # the seal, grown by one pixel


def test_a_place_name_after_its_unit_word_takes_the_gazetteer_marks() -> None:
    # Recorded on fax scans: the left header column beside the right one on one tesseract line.
    from khparse.read.ocr_marks import reread_marks

    def line(*texts: str, gap_after: int = 99, confidence: float = 94) -> tuple[Word, ...]:
        out, x = [], 0.0
        for i, text in enumerate(texts):
            out.append(Word(text, x, 0, x + 100, 50, confidence, (1, 1, 1)))
            x += 100 + (150 if i == gap_after else 20)
        return tuple(out)

    school = line("TRƯỜNG", "THCS", "KỶ", "LIÊN", "Độc", "lập", "-", "Tự", "do", gap_after=3)
    assert [w.text for w in reread_marks(school)][:4] == ["TRƯỜNG", "THCS", "KỲ", "LIÊN"]
    province = line("UBND", "TỈNH", "LẢÀM", "ĐỒNG", "CỘNG", "HÒA", gap_after=3, confidence=55)
    assert [w.text for w in reread_marks(province)][:4] == ["UBND", "TỈNH", "LÂM", "ĐỒNG"]
    # No unit word before it, or not at the end of its column: the letters may be other words'.
    people = line("ỦY", "BAN", "NHÂN", "DÂN", "PHƯỜNG", "ĐÔNG", "HẢI")
    assert [w.text for w in reread_marks(people)][2:5] == ["NHÂN", "DÂN", "PHƯỜNG"]
    inside = line("UBND", "TỈNH", "KỶ", "LIÊN", "CỘNG", "HÒA")  # one column: the name does not end it
    assert [w.text for w in reread_marks(inside)][2] == "KỶ"
    # The unit word misread too, and a piece of the rule under the name read as "-" after it.
    parent = line("TÍNH", "ĐÔNG", "THẬP", "-", "Độc", "lập", gap_after=3)
    assert [w.text for w in reread_marks(parent)][:4] == ["TỈNH", "ĐỒNG", "THÁP", "-"]


def test_eth_that_tesseract_prints_for_d_with_stroke() -> None:
    assert ocr.ocr_letters("35/QĐÐ-BNV") == "35/QĐ-BNV"
    assert ocr.ocr_letters("ÐẢNG") == "ĐẢNG"
    assert ocr.ocr_letters("Đảng") == "Đảng"


def test_capitals_misprinted_inside_small_words_and_a_one_inside_a_roman_numeral() -> None:
    assert [ocr.ocr_letters(w) for w in ("dÂn", "CÁc", "II1/2022", "I1/2022")] == ["dân", "Các", "III/2022", "II/2022"]
    for kept in ("VNeID", "ThS.", "iPhone", "UBND", "CẢ", "11/2022", "(TTHC)."):
        assert ocr.ocr_letters(kept) == kept


def test_letters_a_colour_jpeg_tinted_red_under_a_seal_are_kept_and_blue_pen_dropped() -> None:
    # Measured on a blind colour scan (JPEG quality 68, 150 dpi): the black letters of "CHỦ TỊCH" and
    # the signer's name under the seal measure value 60-130 in a red hue, the seal's own ink 150-230;
    # a dark blue pen stroke 80-150.
    page = _painted(0, 0, 240)  # paper
    page[5:10, 10:50] = _painted(178, 190, 115)[0, 0]  # a letter under the seal, smeared red
    page[15:18, 10:50] = _painted(177, 200, 205)[0, 0]  # the seal's ring
    page[25:28, 10:50] = _painted(120, 180, 120)[0, 0]  # a blue pen stroke
    grey, _ = stamps.drop_colour(page)
    assert grey[7, 30] < 120  # the letter stays
    assert grey[16, 30] > 200 and grey[26, 30] > 200  # the seal and the pen are paper


def test_a_phrase_of_prose_read_with_wrong_marks_takes_its_own_in_any_case() -> None:
    # A 200 dpi bi-level blind scan: "chuyến đối số" and "tố chức" read at confidence 93-96.
    from khparse.read.ocr_marks import reread_marks

    def line(*texts: str) -> tuple[Word, ...]:
        return tuple(Word(t, 60.0 * i, 0, 60.0 * i + 50, 20, 95.0, (1, 1, 1)) for i, t in enumerate(texts))

    assert [w.text for w in reread_marks(line("và", "chuyến", "đối", "số", "năm"))] == \
        ["và", "chuyển", "đổi", "số", "năm"]
    assert [w.text for w in reread_marks(line("Các", "Tố", "chức", "chính", "trị"))][:2] == ["Các", "Tổ"]
    assert [w.text for w in reread_marks(line("CÁC", "TỐ", "CHỨC"))][1] == "TỔ"
    assert [w.text for w in reread_marks(line("dịch", "vụ", "cộng", "đồng"))] == ["dịch", "vụ", "cộng", "đồng"]
    # Photographed through a plastic sleeve: the centre's name read with a wrong mark.
    assert [w.text for w in reread_marks(line("Phục", "vụ", "hành", "chính", "cộng"))][-1] == "công"


def test_a_page_scaled_up_from_a_low_resolution_has_its_marks_doubted_as_a_photos(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from khparse.read import ocr_marks

    doubted: list[bool] = []
    real = ocr_marks.reread_marks

    def watched(words, *, photo=False, confirm=None):  # type: ignore[no-untyped-def]
        doubted.append(photo)
        return real(words, photo=photo, confirm=confirm)

    monkeypatch.setattr(ocr_marks, "reread_marks", watched)
    fax = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    prepare_record = recognise(fax, 150, engine=Recorded(), timeout=10, name="fax.pdf", page=1).preparation
    assert prepare_record is not None and "resolution 150 → 300 dpi" in prepare_record.cleaned
    recognise(Image.new("L", (2480, 3508), 255), 300, engine=Recorded(), timeout=10, name="scan.pdf", page=1)
    assert doubted == [True, False]
