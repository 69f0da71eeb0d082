"""Routing decisions, garbled-layer detection, legacy encodings and the column layout, on
synthetic words and the committed samples (no OCR)."""

from __future__ import annotations

import pytest

from khparse.read import legacy, pdf
from khparse.read.layout import Word, page_lines
from khparse.read.route import Action, OcrMode, decide, judge_layer

from .pdf_samples import SCAN, SCAN_ENG, TEXT_PDF, truth

GOOD = "Thực hiện Quyết định số 841 của Chủ tịch xã về việc ban hành kế hoạch cải cách hành chính năm nay"


def words_of(text: str, top: float = 300.0, x0: float = 100.0) -> tuple[Word, ...]:
    out, x = [], x0
    for w in text.split():
        out.append(Word(w, x, top, x + 6 * len(w), top + 12))
        x += 6 * len(w) + 4
    return tuple(out)


def layers_of(path: object) -> list[pdf.LayerPage]:
    data = path.read_bytes()  # type: ignore[attr-defined]
    return pdf.text_layers(data, "sample.pdf")


def test_good_layer_of_sample_is_never_flagged() -> None:
    for page in layers_of(TEXT_PDF):
        layer = judge_layer(page.words, page.width, page.height)
        assert layer.problem is None, layer.note


def test_every_english_ocr_layer_is_caught() -> None:
    for page in layers_of(SCAN_ENG):
        layer = judge_layer(page.words, page.width, page.height)
        assert layer.problem == "garbled"
        assert "English-model OCR" in layer.note


def test_image_only_scan_has_no_layer() -> None:
    for page in layers_of(SCAN):
        assert judge_layer(page.words, page.width, page.height).problem == "missing"


def test_text_only_in_the_margins_is_not_a_text_layer() -> None:
    stamp = words_of("Scanned with CamScanner 2025 trang 1 của 7 bản sao", top=820.0)
    layer = judge_layer(stamp, 595.0, 842.0)
    assert layer.problem == "missing" and "margins" in layer.note


def test_glyph_garbage_is_garbled() -> None:
    garbage = words_of(" ".join(["\ue001\ue002\ue003", "\ufffd\ufffd"] * 10))
    assert judge_layer(garbage, 595.0, 842.0).problem == "garbled"


@pytest.mark.parametrize(("encode", "encoding"), [
    ("Thùc hiÖn QuyÕt ®Þnh sè 841 cña Chñ tÞch x· vÒ viÖc ban hµnh kÕ ho¹ch c¶i c¸ch hµnh chÝnh n¨m nay", "TCVN3"),
    ("Thöïc hieän Quyeát ñònh soá 841 cuûa Chuû tòch xaõ veà vieäc ban haønh keá hoaïch "
     "caûi caùch haønh chính naêm nay", "VNI"),
])
def test_legacy_encodings_are_converted_to_unicode(encode: str, encoding: str) -> None:
    layer = judge_layer(words_of(encode), 595.0, 842.0)
    assert layer.problem is None
    assert encoding in layer.note
    assert layer.text == GOOD


def test_legacy_tables_cover_every_toned_vowel() -> None:
    lower = set("àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵđăâêôơư")
    assert lower <= set(legacy.TCVN3.values()) | {"ý"}  # ý is 0xFD in both Latin-1 and TCVN3: no conversion
    assert lower <= set(legacy.VNI.values())


def test_decisions_follow_the_mode() -> None:
    good = judge_layer(words_of(GOOD), 595.0, 842.0)
    garbled = judge_layer(words_of("Tuyén truyén cii cich hanh chinh nha nwéc Thuc hién Quyét dinh s6 841 cia"),
                          595.0, 842.0)
    assert garbled.problem == "garbled"
    assert decide(good, OcrMode.auto, None).action is Action.text_layer
    assert decide(good, OcrMode.always, None).action is Action.ocr
    assert decide(garbled, OcrMode.auto, None).action is Action.ocr
    assert decide(garbled, OcrMode.never, None).action is Action.repair
    no_tesseract = decide(garbled, OcrMode.auto, "tesseract is not installed")
    assert no_tesseract.action is Action.repair and "impossible" in no_tesseract.reason
    assert decide(None, OcrMode.never, None).action is Action.empty
    assert decide(None, OcrMode.auto, None).action is Action.ocr


def test_two_header_columns_are_read_one_after_the_other() -> None:
    words = (*words_of("ỦY BAN NHÂN DÂN", top=50, x0=80),
             *words_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", top=50, x0=300),
             *words_of("XÃ THƯỜNG XUÂN", top=66, x0=90), *words_of("Độc lập - Tự do - Hạnh phúc", top=66, x0=330),
             *words_of("KẾ HOẠCH", top=110, x0=260),
             *words_of("Tuyên truyền cải cách hành chính trên địa bàn xã năm 2025", top=130, x0=120))
    assert page_lines(words, 595.0) == [
        "ỦY BAN NHÂN DÂN", "XÃ THƯỜNG XUÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH", "Tuyên truyền cải cách hành chính trên địa bàn xã năm 2025"]


def test_sample_truth_has_one_entry_per_page() -> None:
    assert len(truth(TEXT_PDF)) == len(layers_of(TEXT_PDF))
