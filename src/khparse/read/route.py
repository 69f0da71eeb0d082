"""Per page: trust the text layer, OCR the page, or repair the layer — and say why.

A text layer is judged on the words in the page body only (stamps, page numbers and scanner
headers sit in the margins and do not make a page "have text"). Its quality is the share of
words that are valid Vietnamese syllables; a layer in a legacy font encoding is converted first;
one that stays garbled (English-model OCR, glyph codes) is not trusted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from khparse.repair.quality import text_quality

if TYPE_CHECKING:  # positioned words and tables: imported by judge_layer, for a PDF page
    from khparse.read.cells import Table
    from khparse.read.layout import Word

MIN_BODY_WORDS = 8  # fewer words in the body than this: no text layer to speak of
GLYPH_GARBAGE = 0.1  # share of unreadable characters (U+FFFD, private use, controls) that condemns a layer


# In a page's reason when OCR was wanted and could not run: the pipeline warns (ocr_unavailable),
# `extract` exits 4 and a batch record is partial (issue 11: no silent degradation).
OCR_IMPOSSIBLE = "left to the repair stage because OCR is impossible"


class OcrMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Action(str, Enum):
    text_layer = "text_layer"
    ocr = "ocr"
    repair = "repair"
    empty = "empty"  # no text layer, and OCR is off


@dataclass(frozen=True)
class Measure:
    """A text layer's quality, as a page's record keeps it."""

    quality: float  # share of words that are valid syllables (with their marks)
    marked: float  # share of words carrying a Vietnamese mark
    verdict: str  # good | stripped | garbled


@dataclass(frozen=True)
class Layer:
    """A text layer as judged: its text (converted from a legacy encoding if it was one)."""

    text: str
    measure: Measure | None
    problem: str | None  # why the layer cannot be used as it is; None when it is good
    note: str  # what was found, for the page's reason


@dataclass(frozen=True)
class Decision:
    """What is done with a page, and why (the page's reason)."""

    action: Action
    reason: str


def measure(text: str) -> Measure:
    """Quality of a text, as the repair stage measures it (khparse.repair.quality)."""
    q = text_quality(text)
    return Measure(round(q.valid, 4), round(q.marked, 4), q.verdict)


def _garbage_share(text: str) -> float:
    chars = "".join(text.split())  # the characters that are not spaces (str.split's are str.isspace's)
    if not chars:
        return 0.0
    if chars.isprintable():  # none in Co, Cc or Cn (nor any other Other): only U+FFFD may be unreadable
        return chars.count("\ufffd") / len(chars)
    bad = sum(c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn") for c in chars)
    return bad / len(chars)


def judge_layer(words: tuple[Word, ...], width: float, height: float, tables: Sequence[Table] = ()) -> Layer:
    """The layer judged; its text is the page's lines, each ruled table (read/pdf_tables.py) in
    its place as pipe rows."""
    # Here, not above: a text plan, a Word document or a web page has no layer to judge.
    from khparse.read.cells import lines_with_tables
    from khparse.read.layout import body_words

    body = body_words(words, width, height)
    text = "\n".join(lines_with_tables(words, width, tables))
    if len(body) < MIN_BODY_WORDS:
        where = f"{len(words)} words, all in the margins" if words else "no text layer"
        return Layer(text, None, "missing", where)
    body_text = " ".join(w.text for w in body)
    garbage = _garbage_share(body_text)
    if garbage > GLYPH_GARBAGE:
        return Layer(text, None, "garbled",
                     f"text layer of glyph codes ({garbage:.0%} unreadable characters)")
    found = measure(body_text)
    if found.verdict != "good":
        # Imported here: its converters' tables and patterns cost ~4 ms a start, and only a layer
        # that does not read as good Vietnamese may be in a legacy encoding.
        from khparse.read import legacy

        if legacy.legacy_share(body_text) > 0.02:
            for encoding, convert in legacy.CONVERTERS.items():
                converted = measure(convert(body_text))
                if converted.verdict == "good":
                    return Layer(convert(text), converted, None,
                                 f"text layer in the legacy {encoding} encoding, converted to Unicode "
                                 f"(valid syllables {converted.quality:.0%})")
    if found.verdict == "good":
        return Layer(text, found, None, f"good Vietnamese text layer (valid syllables {found.quality:.0%})")
    what = ("without Vietnamese marks" if found.verdict == "stripped"
            else "garbled, as English-model OCR leaves it")
    return Layer(text, found, found.verdict,
                 f"text layer {what} (valid syllables {found.quality:.0%}, marked {found.marked:.0%})")


def decide(layer: Layer | None, mode: OcrMode, ocr_available: str | None) -> Decision:
    """What to do with a page. `layer` is None for images; `ocr_available` is None when tesseract
    can run, else why it cannot."""
    note = layer.note if layer else "image input"
    if mode is OcrMode.always:
        return Decision(Action.ocr, f"{note}; OCR forced (--ocr always)")
    if layer is not None and layer.problem is None:
        return Decision(Action.text_layer, note)
    missing = layer is None or layer.problem == "missing"
    if mode is OcrMode.never:
        if missing:
            return Decision(Action.empty, f"{note}; OCR is off (--ocr never), so the page has no text")
        return Decision(Action.repair, f"{note}; left to the repair stage because OCR is off (--ocr never)")
    if missing or ocr_available is None:
        # Without a layer OCR is the only way; the caller reports tesseract missing if it is.
        return Decision(Action.ocr, f"{note}; OCR with tesseract ({'vie'})")
    return Decision(Action.repair, f"{note}; {OCR_IMPOSSIBLE}: {ocr_available}")
