"""Stage `read`: a Source becomes the text of each of its pages (PageText), with a reason.

Text input: UTF-8 (with or without BOM) or UTF-16 with BOM; CRLF, CR or LF; a form feed starts a
new page; Markdown markup is removed so the parser sees the document's own text.
PDF and images: per page, the text layer, OCR or a repaired layer, as `route` decides; tesseract
is checked once before the first page that needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from khparse.errors import InputError, KhparseError, MissingDependencyError
from khparse.fold import nfc, visible_text
from khparse.load import READS, Source
from khparse.model import SourceKind, TextSource
from khparse.read.asciidoc import asciidoc_text, looks_like_asciidoc
from khparse.read.limits import MAX_PAGES
from khparse.read.lynx import drop_link_marks
from khparse.read.mail import unquote
from khparse.read.markdown import grid_tables, looks_like_markdown, pipe_tables, strip_markdown
from khparse.read.plain_tables import box_tables, multiline_tables
from khparse.read.route import Action, Decision, Layer, OcrMode, decide, judge_layer, measure

if TYPE_CHECKING:
    from khparse.read.engine import OcrEngine, OcrPage
    from khparse.read.pdf import LayerPage
    from khparse.read.prepare import Preparation

# Seconds per OCR page: a dense A4 page takes 5-15 s on one core.
DEFAULT_OCR_TIMEOUT = 180.0


@dataclass(frozen=True)
class PageText:
    """The text of one page: where it came from (text layer, OCR, repair) and why."""

    number: int  # 1-based
    text: str  # NFC, LF line ends
    source: TextSource
    quality: float | None = None
    ocr_confidence: float | None = None
    reason: str | None = None
    original: str | None = None  # the text as read, where the repair stage replaced it
    preparation: Preparation | None = None  # what was done to the page image before OCR
    verdict: str | None = None  # a text layer's as judged (route.measure): "good" needs no second look


# Control characters that never occur in text (tab, line feed, form feed, carriage return do).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def decode_text(data: bytes, name: str) -> str:
    """The text of a text file's bytes (see _decoded)."""
    return _decoded(data, name)[0]


def _decoded(data: bytes, name: str) -> tuple[str, str]:
    """The text of a text file's bytes: UTF-16 with a BOM, UTF-8, or a legacy code page (_code_page_text),
    and a note for the page's reason when it was a legacy code page ("" if not)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 but is not valid UTF-16.") from None
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) // 100 + 1:
        raise InputError(f"{name}: binary data, not text. khparse reads {READS}.")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        legacy = _code_page_text(data)
        if legacy is not None:
            return legacy
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}), nor Vietnamese in the Windows-1258 "
            "or TCVN3 code pages. Convert it first, e.g. `iconv -f WINDOWS-1258 -t UTF-8`."
        ) from None


# Text files from older Windows offices that are not UTF-8: Word's "Vietnamese (Windows)" plain-text
# export writes the Windows-1258 code page (a tone the code page has no letter for follows its vowel
# as a combining mark: NFC joins them), and text typed in the TCVN3 fonts (.VnTime) saved as 8-bit
# text reads as Windows-1252 and is converted by _unlegacy afterwards. The code page whose reading
# has the larger share of Vietnamese syllables among its words is taken, if at least this share.
_LEGACY_CODE_PAGES = ("cp1258", "cp1252")
MIN_SYLLABLE_SHARE = 0.6


# Said in a page's reason when a text file was in the Windows-1258 code page.
CP1258_NOTE = "in the Windows-1258 code page, read as Unicode"


def _code_page_text(data: bytes) -> tuple[str, str] | None:
    """`data` decoded in the legacy code page it reads as Vietnamese in (see _LEGACY_CODE_PAGES) with a
    note for the page's reason (TCVN3's is added by _unlegacy), or None."""
    from khparse.read.legacy_fonts import from_tcvn3
    from khparse.repair.inventory import is_vietnamese_syllable

    best: tuple[float, str, str] | None = None
    for code_page in _LEGACY_CODE_PAGES:
        try:
            decoded = data.decode(code_page)
        except UnicodeDecodeError:
            continue  # a byte the code page leaves undefined
        reading = nfc(decoded) if code_page == "cp1258" else from_tcvn3(decoded)
        if reading is None:
            continue
        words = re.findall(r"[^\W\d_]+", reading[:65536])
        share = sum(map(is_vietnamese_syllable, words)) / max(len(words), 1)
        if share >= MIN_SYLLABLE_SHARE and (best is None or share > best[0]):
            best = (share, decoded, CP1258_NOTE if code_page == "cp1258" else "")
    return None if best is None else (best[1], best[2])


# Line breaks written out as the two characters "\r\n" (or "\n"), as some portals' exports leave
# them: taken as breaks when there are this many and more than real ones.
_ESCAPED_BREAK = re.compile(r"\\r\\n|\\n|\\r")
MIN_ESCAPED_BREAKS = 10


def decode_plain(data: bytes, name: str) -> str:
    """The text of a text file: decoded, NFC, LF line ends (form feeds kept as page breaks)."""
    return _decode_plain(data, name)[0]


# Said in a page's reason when its text was typed in a legacy font encoding (read/legacy_fonts.py).
TCVN3_NOTE = "typed in the legacy TCVN3 (.VnTime) font encoding, read as Unicode"


def _decode_plain(data: bytes, name: str) -> tuple[str, str]:
    """decode_plain's text, and a note for the page's reason when it was converted ("" if not)."""
    text, code_page = _decoded(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    escaped = len(_ESCAPED_BREAK.findall(text))
    if escaped >= MIN_ESCAPED_BREAKS and escaped > text.count("\n"):
        text = _ESCAPED_BREAK.sub("\n", text)
    text, note = _unlegacy(text)
    return text, ", ".join(n for n in (code_page, note) if n)


def _unlegacy_layers(found: list[LayerPage]) -> tuple[list[LayerPage], set[int]]:
    """The text layers with the pages typed in the TCVN3 fonts read as Unicode, and those pages'
    indexes (read/legacy_fonts.py)."""
    from khparse.read.legacy_fonts import words_from_tcvn3

    out: list[LayerPage] = []
    converted: set[int] = set()
    for i, page in enumerate(found):
        words = words_from_tcvn3(page.words) if page.words else None
        out.append(page if words is None else replace(page, words=tuple(words)))
        if words is not None:
            converted.add(i)
    return out, converted


def _unlegacy(text: str) -> tuple[str, str]:
    """`text` (as decoded) in NFC: read as Unicode when it was typed in the TCVN3 fonts (and a note
    saying so), else cleaned of invisible characters and look-alike letters (fold.visible_text). The
    TCVN3 codes are precomposed letters NFC leaves as they are."""
    from khparse.read.legacy_fonts import from_tcvn3

    converted = from_tcvn3(text)
    return (nfc(converted), TCVN3_NOTE) if converted is not None else (visible_text(text), "")


def _plain_pages(source: Source) -> tuple[PageText, ...]:
    name = source.path or "input"
    # A plan quoted in an e-mail loses its "> " marks, a text browser's dump its link numbers; tables
    # as converters draw them in text (pandoc grid and multiline tables, box-drawing rules) are read,
    # Markdown or not.
    decoded, note = _decode_plain(source.data, name)
    text = grid_tables(multiline_tables(box_tables(drop_link_marks(unquote(decoded)))))
    # Outside Markdown, a Word table as antiword or a typist draws it with "|" is read as Markdown's
    # pipe tables are: two columns column by column.
    if looks_like_asciidoc(text):  # pandoc's AsciiDoc: its tables, headings and numbered lists as lines
        text = asciidoc_text(text)
    markdown = source.format == "markdown" or looks_like_markdown(text)
    text = strip_markdown(text) if markdown else pipe_tables(text)
    pages = text.split("\f")
    return tuple(
        PageText(i, page, TextSource.plain_text, reason="plain text input" + (f", {note}" if note else ""))
        for i, page in enumerate(pages, start=1)
    )


def _document_pages(source: Source) -> tuple[PageText, ...]:
    """Word, OpenDocument and RTF files and web pages, read as text (read/docx.py, doc.py, odt.py, rtf.py,
    html.py); tables arrive as lines (header tables column by column, data tables as pipe rows); a form
    feed between pages."""
    from khparse.read import doc, docx, html

    name = source.path or "input"
    if source.kind is SourceKind.docx:
        text, reason = docx.document_text(source.data, name), "Word document (.docx)"
    elif source.kind is SourceKind.odt:
        from khparse.read import odt

        text, reason = odt.document_text(source.data, name), "OpenDocument text (.odt)"
    elif source.kind is SourceKind.rtf:
        from khparse.read import rtf

        text, reason = rtf.document_text(source.data, name), "Rich Text Format (.rtf)"
    elif source.kind is SourceKind.doc:
        text, converter = doc.document_text(source.data, name)
        reason = f"old Word document (.doc), read with {converter}"
    else:
        text, reason = html.document_text(source.data, name, mhtml=source.format == "MHTML"), "web page"
    text, note = _unlegacy(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{name}: the {reason} holds no text.")
    reason += f", {note}" if note else ""
    return tuple(PageText(i, page, TextSource.plain_text, reason=reason)
                 for i, page in enumerate(text.split("\f"), start=1))




def _page(number: int, decision: Decision, layer: Layer | None, result: OcrPage | None) -> PageText:
    if decision.action is Action.ocr:
        from khparse.read.cells import lines_with_tables  # as the OCR modules that made `result`
        from khparse.read.specks import paired_quotes

        assert result is not None
        text = paired_quotes(nfc("\n".join(lines_with_tables(result.words, result.width, result.tables))))
        confidence = round(result.confidence, 2) if result.confidence is not None else None
        prepared = result.preparation.note() if result.preparation else ""
        return PageText(number, text, TextSource.ocr, measure(text).quality, confidence,
                        f"{decision.reason}; {prepared + '; ' if prepared else ''}mean word confidence {confidence}",
                        preparation=result.preparation)
    if decision.action is Action.empty or layer is None:
        return PageText(number, "", TextSource.text_layer, None, None, decision.reason)
    # A layer to repair is handed on as read: the repair stage (khparse.repair.stage) repairs it,
    # unless repair is off, and keeps the original.
    quality = layer.measure.quality if layer.measure else None
    return PageText(number, visible_text(layer.text), TextSource.text_layer, quality, None, decision.reason,
                    verdict=layer.measure.verdict if layer.measure else None)


def _checked_against_the_scans(source: Source, found: list[LayerPage], layers: list[Layer | None],
                               engine: OcrEngine | None, timeout: float) -> OcrEngine | None:
    """Each good layer over a scan checked against the scan (read/layer_check.py); a layer that is not
    the page's is marked so, and the page is OCRed. The engine, started here when a check needs it."""
    suspects = [i for i, (page, layer) in enumerate(zip(found, layers, strict=True))
                if page.scanned and layer is not None and layer.problem is None]
    if not suspects:
        return engine
    from khparse.read import layer_check, pdf, tesseract

    engine = engine or tesseract.default_engine()
    if engine.missing() is not None:
        return engine  # the layer is all there is to read
    name = source.path or "input"
    for i in suspects:
        page, layer = found[i], layers[i]
        assert layer is not None
        try:
            image, _ = pdf.render(source.data, name, i, None)
        except KhparseError:
            continue  # a page that cannot be rendered keeps its layer, as before the check
        same, what = layer_check.layer_is_the_page_s(page.words, page.width, page.height, image, engine, timeout)
        if not same:
            layers[i] = replace(layer, problem="mismatch", note=f"{layer.note}, but not the page's: {what}")
        elif what:
            layers[i] = replace(layer, note=f"{layer.note}, checked against the scan ({what})")
    return engine


def read_pages(source: Source, *, ocr: str = "auto", jobs: int = 1, timeout: float = DEFAULT_OCR_TIMEOUT,
               dpi: int | None = None, engine: OcrEngine | None = None,
               max_pages: int = MAX_PAGES) -> tuple[PageText, ...]:
    """The text of every page, each with where it came from, its quality and why.

    ocr: "auto" (text layer when it is good Vietnamese, else OCR, else repair), "always", "never".
    jobs: pages OCRed in parallel (processes). timeout: seconds per OCR page. dpi: OCR resolution
    (None: a scanned page's own resolution, 300 for pages without a scan; an image's own dpi).
    engine: the OCR engine (tesseract by default; tests pass a read.engine.Recorded).
    max_pages: a PDF or image with more pages is refused before any is read (TooLargeError).
    Raises InputError (unreadable input), MissingDependencyError (OCR needed, tesseract or vie missing).
    """
    if source.kind is SourceKind.text:
        return _plain_pages(source)
    if source.kind in (SourceKind.docx, SourceKind.doc, SourceKind.html, SourceKind.odt, SourceKind.rtf):
        return _document_pages(source)
    # Imported here, each when the input needs it: plain text, the common case in a batch, needs
    # neither PDF nor OCR libraries; a PDF read from its text layer needs pdfium but not tesseract,
    # its worker pool, PIL or numpy (imported only once a page may be OCRed).
    mode = OcrMode(ocr)
    name = source.path or "input"
    layers: list[Layer | None]
    if source.kind is SourceKind.pdf:
        from khparse.read import pdf, pdf_tables

        found = pdf.text_layers(source.data, name, max_pages)
        found, legacy = _unlegacy_layers(found)
        tables = pdf_tables.find_tables(source.data, found)  # ruled tables, on pages with ruling lines
        layers = [judge_layer(p.words, p.width, p.height, tables.get(i, ())) for i, p in enumerate(found)]
        if mode is OcrMode.auto:
            engine = _checked_against_the_scans(source, found, layers, engine, timeout)
    else:
        from khparse.read import raster

        layers = [None] * raster.frame_count(source.data, name, max_pages)
        legacy = set()
    checked = mode is OcrMode.auto and any(layer is not None and layer.problem not in (None, "missing")
                                           for layer in layers)
    if engine is None and (checked or any(decide(layer, mode, None).action is Action.ocr for layer in layers)):
        from khparse.read import tesseract

        engine = tesseract.default_engine()
    # Asked once (it runs tesseract): a garbled layer can be repaired instead of OCRed.
    ocr_problem = engine.missing() if checked and engine is not None else None
    decisions = [decide(layer, mode, ocr_problem) for layer in layers]
    wanted = [i for i, d in enumerate(decisions) if d.action is Action.ocr]
    results: dict[int, OcrPage] = {}
    if wanted:
        from khparse.read import raster, tesseract

        assert engine is not None  # a page is OCRed only where decide() chose OCR without a problem
        problem = ocr_problem if checked else engine.missing()
        if problem:  # before the first page, not at page 40
            raise MissingDependencyError(problem)
        kind = "pdf" if source.kind is SourceKind.pdf else "image"
        page_dpi = dpi if kind == "pdf" else (dpi or raster.frame_dpi(source.data, name))
        jobs_list = [tesseract.PageJob(kind, source.data, name, i, page_dpi, timeout, engine)
                     for i in wanted]
        results = dict(zip(wanted, tesseract.ocr_pages(jobs_list, jobs), strict=True))
    pages = tuple(_page(i + 1, d, layers[i], results.get(i)) for i, d in enumerate(decisions))
    pages = tuple(replace(p, reason=f"{p.reason}; {TCVN3_NOTE}")
                  if i in legacy and p.source is not TextSource.ocr else p for i, p in enumerate(pages))
    if not any(p.text.strip() for p in pages):
        raise InputError(f"{name}: no page has any text ({pages[0].reason}).")
    return pages
