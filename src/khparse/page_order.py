"""Pages read in the order their printed numbers give, when the file holds them in another.

A scanner fed by hand, or a file put together from loose sheets, stores a plan's pages out of order
(1, 3, 2): read in the file's order, section III's heading came after the signature, its units were
lost and the signer was read from a heading (a blind archive file). Decree 30 prints a page's number
at its head from page 2 on; where every page after the first carries one, the numbers run without a
gap or a repeat, and the file's order is another, the pages are read in the printed order and a
warning says so. Anything less certain (a page without a number after the first, numbers that
repeat, a Phụ lục numbered anew) leaves the file's order as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from khparse.fold import fold
from khparse.read.pages import PageText

# A page's number as printed on a line of its own at its head: "2", "- 2 -", "Trang 2", "Trang 2/5".
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–—\s]*(\d{1,3})[-–—\s]*(?:/\s*\d{1,3})?$")


def printed_number(text: str) -> int | None:
    """The page number printed at the head of a page's text, or None. Not at its foot: a text layer
    (pdftotext) puts the next page's head number at the end of a page as often as a footer's own."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    m = _PAGE_NUMBER.match(fold(first))
    return int(m.group(1)) if m else None


# A page with fewer words than this (Vietnamese syllables of two letters or more) holds no text of the
# plan: a separator sheet, or what OCR made of a blank page's grain.
MIN_WORDS = 5


def _blank(page: PageText) -> bool:
    from khparse.repair.inventory import is_vietnamese_syllable

    words = re.findall(r"[^\W\d_]{2,}", page.text)
    return sum(map(is_vietnamese_syllable, words[: MIN_WORDS * 20])) < MIN_WORDS


# The national title or the Party's, at a page's head: a document starts there (a plan after its
# covering letter), and its pages are numbered anew.
_DOCUMENT_HEAD = re.compile(r"cong hoa xa hoi chu nghia viet nam|dang cong san viet nam")
HEAD_LINES = 5


def _opens_a_document(page: PageText) -> bool:
    head = [line for line in page.text.split("\n") if line.strip()][:HEAD_LINES]
    return any(_DOCUMENT_HEAD.search(fold(line)) for line in head)


def in_printed_order(pages: Sequence[PageText]) -> tuple[list[PageText], list[int] | None]:
    """(the pages in their printed order, the file's order of them as printed numbers when it was
    another; else None). Blank pages (a separator sheet) stay last, in the file's order. One page
    after the first whose number OCR did not read (a lone digit at the head is often lost) takes
    the one number the others leave."""
    blank = [page for page in pages if _blank(page)]
    printed = [page for page in pages if page not in blank]
    if len(printed) < 3:
        return list(pages), None
    first, *rest = printed
    numbers = [printed_number(page.text) for page in rest]
    expected = set(range(2, len(printed) + 1))
    read = [n for n in numbers if n is not None]
    if len(set(read)) != len(read) or not set(read) <= expected or len(read) < len(numbers) - 1:
        return list(pages), None
    if any(n is None and _opens_a_document(page) for n, page in zip(numbers, rest, strict=True)):
        return list(pages), None  # a page without a number that starts a document of its own: numbered anew
    left = sorted(expected - set(read))
    found = [left[0] if n is None else n for n in numbers]
    if found == sorted(found):
        return list(pages), None
    ordered = [first, *(page for _, page in sorted(zip(found, rest, strict=True), key=lambda pair: pair[0]))]
    return [*ordered, *blank], [1, *found]
