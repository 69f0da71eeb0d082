"""The recipe: load → read → repair → outline → fields → model.

I/O happens in `load` (the input) and `read` (tesseract for pages without a usable text layer).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from khparse import load
from khparse.assemble import build_plan
from khparse.errors import NotAPlanError
from khparse.fields.document import find_fields
from khparse.model import SourceKind, TextSource, drafts
from khparse.outline import build_outline
from khparse.page_order import in_printed_order
from khparse.read.limits import MAX_PAGES
from khparse.read.pages import DEFAULT_OCR_TIMEOUT, read_pages
from khparse.read.route import OCR_IMPOSSIBLE
from khparse.repair.stage import repair_pages

if TYPE_CHECKING:
    from khparse.model import Plan


def read_source(document: str | os.PathLike[str] | bytes) -> load.Source:
    """A path (or '-' for stdin), raw bytes, or the text of a plan itself."""
    if isinstance(document, bytes):
        return load.from_bytes(document)
    if isinstance(document, str) and ("\n" in document or len(document) > 4096):
        return load.from_text(document)
    return load.from_path(document)


def extract_source(
    source: load.Source, *, repair: bool = True, ocr: str = "auto", jobs: int = 1,
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT, max_pages: int = MAX_PAGES, max_text: int = load.MAX_TEXT_BYTES,
) -> Plan:
    """The validated Plan of a loaded input (see `extract`)."""
    plan: Plan = drafts.to_model(parse_source(source, repair=repair, ocr=ocr, jobs=jobs, ocr_timeout=ocr_timeout,
                                              max_pages=max_pages, max_text=max_text))
    return plan


def parse_source(
    source: load.Source, *, repair: bool = True, ocr: str = "auto", jobs: int = 1,
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT, max_pages: int = MAX_PAGES, max_text: int = load.MAX_TEXT_BYTES,
) -> drafts.Plan:
    """The recipe, giving the Plan as a draft (model/drafts.py: checked as pydantic checks it, without
    importing pydantic); `extract_source` turns it into the pydantic Plan, the command line dumps it.
    More than `max_text` bytes of text (load.MAX_TEXT_BYTES) is refused: a text file before it is
    decoded, any other kind once its text is read, before repair and parsing (what costs memory)."""
    name = source.path or "input"
    if source.kind is SourceKind.text:
        load.check_text_size(name, len(source.data), max_text)
    read = read_pages(source, ocr=ocr, jobs=jobs, timeout=ocr_timeout, max_pages=max_pages)
    load.check_text_size(name, sum(len(page.text.encode("utf-8", "surrogatepass")) for page in read), max_text)
    pages = repair_pages(read, enabled=repair)
    ordered, stored = in_printed_order(pages)
    outline = build_outline((page.number, page.text) for page in ordered)
    fields = find_fields(outline)
    if any(page.source in (TextSource.ocr, TextSource.repaired) for page in pages):
        # Names OCR misread in one mention and read right in another (fields/spelling.py).
        from khparse.fields.spelling import respell

        respell(fields, [page.text for page in pages], ocr=any(page.source is TextSource.ocr for page in pages))
    if not (fields.sections or fields.legal_basis or fields.ending.closing
            or fields.header.header.number or fields.header.header.doc_type):
        raise NotAPlanError(
            f"{source.path or 'input'}: no part of a plan (header, legal basis, sections I., II., …, "
            "closing) was found in this text."
        )
    return _warn_reordered(_warn_degraded(build_plan(source, pages, outline, fields)), stored)


def _warn_reordered(plan: drafts.Plan, stored: list[int] | None) -> drafts.Plan:
    """The file held the pages in another order than their printed numbers (page_order.py): say so."""
    if stored is None:
        return plan
    warning = drafts.Warning(code="pages_reordered", page=None, message=(
        f"the file holds the pages in the printed order {', '.join(map(str, stored))}; they were read in the order "
        "of their printed page numbers"))
    return plan.model_copy(update={"warnings": [*plan.warnings, warning]})


def _warn_degraded(plan: drafts.Plan) -> drafts.Plan:
    """OCR was wanted for some pages and could not run: say so in the document, not only per page."""
    pages = [p.number for p in plan.source.pages if p.reason and OCR_IMPOSSIBLE in p.reason]
    if not pages:
        return plan
    reason = next(p.reason for p in plan.source.pages if p.reason and OCR_IMPOSSIBLE in p.reason)
    why = reason.split(f"{OCR_IMPOSSIBLE}: ", 1)[-1].split("; ", 1)[0]  # the repair stage appends its own note
    warning = drafts.Warning(code="ocr_unavailable", page=pages[0], message=(
        f"page{'s' if len(pages) > 1 else ''} {', '.join(map(str, pages))} needed OCR (garbled text layer) but OCR "
        f"could not run, so the layer was repaired instead and may read worse: {why}"))
    return plan.model_copy(update={"warnings": [*plan.warnings, warning]})


def extract(
    document: str | os.PathLike[str] | bytes,
    *,
    repair: bool = True,
    ocr: str = "auto",
    jobs: int = 1,
    ocr_timeout: float = DEFAULT_OCR_TIMEOUT,
    max_pages: int = MAX_PAGES,
) -> Plan:
    """Parse one plan into a validated Plan.

    `document` is a path (or '-' for stdin), the bytes of a file, or the text of a plan (a string
    with a line break). PDF pages use their text layer when it is good Vietnamese and are OCRed
    (tesseract, vie) otherwise; `ocr` is "auto", "always" or "never"; `jobs` pages are OCRed in
    parallel, each within `ocr_timeout` seconds; a PDF or image of more than `max_pages` pages is
    refused. Pages whose text reads as stripped or garbled
    Vietnamese are repaired first unless `repair` is False. Raises a KhparseError subclass (each
    with its exit code) on bad input.
    """
    return extract_source(read_source(document), repair=repair, ocr=ocr, jobs=jobs, ocr_timeout=ocr_timeout,
                          max_pages=max_pages)
