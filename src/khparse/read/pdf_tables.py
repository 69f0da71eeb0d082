"""Ruled tables in a PDF's text layer, read cell by cell.

pdfium reads the words (read/pdf.py, it is several times faster than pdfminer); pdfplumber's table
finder, which builds cells from the ruling lines, runs only on pages that have ruling lines, and
only to find the cells' boxes: the cells are then filled with pdfium's words (read/cells.py), so a
table's text is the same text the rest of the page is read as. Whether a page has ruling lines is
told cheaply from pdfium's path objects while the layer is read (`ruled`); a page whose only lines
are underlines (the header's rules, a title's rule) does not load pdfplumber.
"""

from __future__ import annotations

import ctypes
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from khparse.read import pdfium_lib
from khparse.read.cells import Table, fill, grid
from khparse.read.pdfium_lib import PdfiumError

if TYPE_CHECKING:
    from khparse.read.pdf import LayerPage

# A ruling line is a path at most this thick (points; table rules are 0.25-1.5 pt, a drawn rectangle
# of a cell border up to about 2) and at least RULE_LENGTH long (shorter strokes are glyph-like
# marks, bullets, or a signature's scribble).
RULE_THICKNESS, RULE_LENGTH = 3.0, 12.0
# A page with this many vertical rules (or one path framing an area, a rectangle or a whole grid
# drawn as one path) may hold a table; horizontal rules alone are underlines.
MIN_VERTICAL_RULES = 2
# Cell edges closer than this (points) are one column or row boundary: pdfplumber snaps lines
# within 3 pt, and a double rule or a thick border leaves edges 1-2 pt apart.
EDGE_TOLERANCE = 3.0


def ruled(page: Any) -> bool:
    """Whether a pdfium page has lines that could rule a table: two vertical rules or more, or a
    path that frames an area."""
    vertical = 0
    bounds = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    refs = [ctypes.byref(b) for b in bounds]
    for obj in pdfium_lib.page_objects(page, (pdfium_lib.FPDF_PAGEOBJ_PATH,)):
        if not pdfium_lib.object_bounds(obj, *refs):
            raise PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = (b.value for b in bounds)
        width, height = right - left, top - bottom
        if height >= RULE_LENGTH and width >= RULE_LENGTH:
            return True
        if height >= RULE_LENGTH and width <= RULE_THICKNESS:
            vertical += 1
            if vertical >= MIN_VERTICAL_RULES:
                return True
    return False


def page_tables(plumber_page: Any, words: Sequence[Any]) -> tuple[Table, ...]:
    """The ruled tables pdfplumber finds on a page, filled with the page's words (pdfium's)."""
    out = []
    for found in plumber_page.find_tables():
        boxes = [(float(x0), float(top), float(x1), float(bottom)) for x0, top, x1, bottom in found.cells]
        cells = grid(boxes, EDGE_TOLERANCE)
        if cells is not None:
            out.append(fill(cells, words))
    return tuple(out)


def find_tables(data: bytes, layers: Sequence[LayerPage]) -> dict[int, tuple[Table, ...]]:
    """The ruled tables of each page that has ruling lines (0-based page index → tables)."""
    wanted = [i for i, layer in enumerate(layers) if layer.ruled and layer.words]
    if not wanted:
        return {}
    import pdfplumber  # only for pages with ruling lines: importing it costs ~0.2 s

    out: dict[int, tuple[Table, ...]] = {}
    # pdfminer failing on a file pdfium read (or on one page of it): those pages keep their words
    # as lines, as they were read before tables were looked for.
    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception:
        return out
    with document:
        for index in wanted:
            try:
                tables = page_tables(document.pages[index], layers[index].words)
            except Exception:
                continue
            if tables:
                out[index] = tables
    return out
