"""OpenDocument text (.odt) files, as LibreOffice and OpenOffice write them: the text of content.xml,
paragraphs in order, tables where they stand.

Bodies that moved to OpenOffice and LibreOffice under the open-source programme keep their plans as
.odt; khparse refused them as "a ZIP archive, not a Word document" (blind39). Read as read/docx.py reads
Word files, with the same safeguards (each part inflated with a cap, a part declaring a DTD refused).

Kept: paragraphs and headings, spans, links, fields' shown values, spaces (text:s), tabs, line breaks,
the renderer's page breaks (text:soft-page-break starts a new page), text boxes (after their paragraph).
Dropped: footnotes and endnotes, comments (office:annotation), tracked deletions (kept apart in
text:tracked-changes), hidden text, the table of contents, page headers and footers, images.
List and heading numbers, which ODF keeps out of the text, are rendered from the list styles and the
outline style: formats 1, I, i, A, a and none, prefix, suffix, display-levels, start values, lists that
continue an earlier one (text:continue-list, text:continue-numbering) and bullets ("-", or "+").
Tables: read/markup_tables.py, as Word's (spanned cells, cells hanging down, covered cells left out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree import ElementTree

from khparse.errors import InputError
from khparse.read.docx import MAX_DEPTH, bullet_of, roman_numeral
from khparse.read.markup_tables import Cell, table_lines
from khparse.read.office_zip import int_or as _int
from khparse.read.office_zip import member_head, opened, pages_text, parse_part, read_part, required_part

MIMETYPE = b"application/vnd.oasis.opendocument.text"  # .odt; its template .ott adds "-template"

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# Rows and columns a repeated row or cell stands for at most (LibreOffice writes the empty rest of a
# sheet-like table as one row repeated thousands of times).
MAX_REPEAT = 64
# Elements whose text is no text of the page.
_SKIPPED = {_TEXT + "note", _OFFICE + "annotation", _OFFICE + "annotation-end", _TEXT + "tracked-changes",
            _TEXT + "sequence-decls", _TEXT + "variable-decls",
            _TEXT + "user-field-decls", _TEXT + "table-of-content", _TEXT + "alphabetical-index",
            _TEXT + "illustration-index", _TEXT + "bibliography", _OFFICE + "forms", _DRAW + "image"}


@dataclass(frozen=True)
class _Level:
    fmt: str  # "1", "I", "i", "A", "a", "" (no number), or "bullet"
    prefix: str = ""
    suffix: str = ""
    shown: int = 1  # display-levels: how many levels' numbers the label shows, this one last
    start: int = 1
    bullet: str = "-"


def _levels(style: ElementTree.Element) -> dict[int, _Level]:
    """A list style's (or the outline style's) levels by level number, 1-based."""
    out = {}
    for child in style:
        level = _int(child.get(_TEXT + "level"), 0)
        if level < 1:
            continue
        if child.tag == _TEXT + "list-level-style-bullet":
            out[level] = _Level("bullet", bullet=bullet_of(child.get(_TEXT + "bullet-char", "-")))
        elif child.tag in (_TEXT + "list-level-style-number", _TEXT + "outline-level-style"):
            shown = max(1, _int(child.get(_TEXT + "display-levels"), 1))
            out[level] = _Level(child.get(_STYLE + "num-format", ""), child.get(_STYLE + "num-prefix", ""),
                                child.get(_STYLE + "num-suffix", ""), shown, _int(child.get(_TEXT + "start-value"), 1))
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("I", "i") and 0 < n < 4000:
        return roman_numeral(n) if fmt == "I" else roman_numeral(n).lower()
    if fmt in ("A", "a") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "A" else letter
    return str(n)


@dataclass
class _Counter:
    """The numbers of one list (or of the outline) while reading: level → its count."""

    levels: dict[int, _Level]
    counts: dict[int, int] = field(default_factory=dict)

    def label(self, level: int, start: int | None = None) -> str:
        style = self.levels.get(level)
        if style is None:
            return ""
        before = (start - 1) if start is not None else self.counts.get(level, style.start - 1)
        self.counts[level] = before + 1
        for deeper in [k for k in self.counts if k > level]:
            del self.counts[deeper]
        if style.fmt == "bullet":
            return style.bullet + " "
        if not style.fmt:
            return ""
        numbers = []
        for k in range(level - style.shown + 1, level + 1):
            at = self.levels.get(k)
            numbers.append(_format(self.counts.get(k, at.start if at else 1), at.fmt if at else "1"))
        return f"{style.prefix}{'.'.join(numbers)}{style.suffix} "


class _Reader:
    def __init__(self, list_styles: dict[str, dict[int, _Level]], outline: dict[int, _Level]) -> None:
        self.list_styles = list_styles
        self.outline = _Counter(outline)
        self.by_id: dict[str, _Counter] = {}
        self.last_by_style: dict[str, _Counter] = {}

    # Paragraphs

    def _inline(self, element: ElementTree.Element, text: list[str], boxes: list[str], depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        for child in element:
            tag = child.tag
            if tag == _TEXT + "s":
                text.append(" " * min(64, _int(child.get(_TEXT + "c"), 1)))
            elif tag == _TEXT + "tab":
                text.append(" ")
            elif tag == _TEXT + "line-break":
                text.append("\n")
            elif tag == _TEXT + "soft-page-break":
                text.append("\f")
            elif tag == _DRAW + "text-box":
                boxes.extend(self.blocks(child, depth + 1))
            elif tag in _SKIPPED or (tag == _TEXT + "hidden-text" and child.get(_TEXT + "is-hidden") != "false"):
                pass
            else:  # span, a, meta, fields (their shown value), frames, …
                if child.text:
                    text.append(child.text)
                self._inline(child, text, boxes, depth + 1)
            if child.tail:
                text.append(child.tail)

    def paragraph(self, p: ElementTree.Element, label: str, depth: int) -> list[str]:
        if p.tag == _TEXT + "h" and not label and p.get(_TEXT + "is-list-header") != "true":
            level = _int(p.get(_TEXT + "outline-level"), 1)
            restart = p.get(_TEXT + "restart-numbering") == "true"
            label = self.outline.label(level, _int(p.get(_TEXT + "start-value"), 1) if restart else None)
        text, boxes = [label, p.text or ""], list[str]()
        self._inline(p, text, boxes, depth + 1)
        return [*"".join(text).split("\n"), *boxes]

    # Lists

    def _counter(self, lst: ElementTree.Element, style: str) -> _Counter:
        """The counters a top-level list numbers with: an earlier list's when it continues it."""
        continued = lst.get(_TEXT + "continue-list")
        counter = self.by_id.get(continued) if continued else None
        if counter is None and lst.get(_TEXT + "continue-numbering") == "true":
            counter = self.last_by_style.get(style)
        if counter is None:
            counter = _Counter(self.list_styles.get(style, {}))
        own = lst.get(_XML_ID)
        if own:
            self.by_id[own] = counter
        self.last_by_style[style] = counter
        return counter

    def numbered_list(self, lst: ElementTree.Element, depth: int, counter: _Counter | None = None,
                      level: int = 1) -> list[str]:
        if depth > MAX_DEPTH:
            return []
        if counter is None:
            counter = self._counter(lst, lst.get(_TEXT + "style-name", ""))
        out: list[str] = []
        for item in lst:
            if item.tag not in (_TEXT + "list-item", _TEXT + "list-header"):
                continue
            numbered = item.tag == _TEXT + "list-item"
            start = _int(item.get(_TEXT + "start-value"), 0) or None
            first = True
            for child in item:
                if child.tag in (_TEXT + "p", _TEXT + "h"):
                    label = counter.label(level, start) if first and numbered else ""
                    out.extend(self.paragraph(child, label, depth + 1))
                    first = False
                elif child.tag == _TEXT + "list":
                    out.extend(self.numbered_list(child, depth + 1, counter, level + 1))
                    first = False
                else:
                    out.extend(self.blocks_of(child, depth + 1))
        return out

    # Tables

    def _rows(self, parent: ElementTree.Element, depth: int) -> list[ElementTree.Element]:
        rows = []
        for child in parent:
            if child.tag == _TABLE + "table-row":
                rows.extend([child] * min(MAX_REPEAT, max(1, _int(child.get(_TABLE + "number-rows-repeated"), 1))))
            elif child.tag in (_TABLE + "table-header-rows", _TABLE + "table-rows", _TABLE + "table-row-group") \
                    and depth < MAX_DEPTH:
                rows.extend(self._rows(child, depth + 1))
        return rows

    def table(self, tbl: ElementTree.Element, depth: int) -> list[str]:
        rows: list[list[Cell]] = []
        nested = tbl.find(f".//{_TABLE}table-cell//{_TABLE}table") is not None
        for tr in self._rows(tbl, depth + 1):
            row = []
            for tc in tr:
                if tc.tag != _TABLE + "table-cell":  # a covered cell: under a spanned one
                    continue
                lines = tuple(ln.replace("\f", "") for ln in self.blocks(tc, depth + 1))
                cell = Cell(tuple(ln for ln in lines if ln.strip()),
                            min(64, max(1, _int(tc.get(_TABLE + "number-columns-spanned"), 1))),
                            min(64, max(1, _int(tc.get(_TABLE + "number-rows-spanned"), 1))))
                row.extend([cell] * min(MAX_REPEAT, max(1, _int(tc.get(_TABLE + "number-columns-repeated"), 1))))
            rows.append(row)
        return table_lines(rows, holds_tables=nested)

    # Blocks

    def blocks_of(self, child: ElementTree.Element, depth: int) -> list[str]:
        if child.tag in (_TEXT + "p", _TEXT + "h"):
            return self.paragraph(child, "", depth + 1)
        if child.tag == _TEXT + "list":
            return self.numbered_list(child, depth + 1)
        if child.tag == _TABLE + "table":
            return self.table(child, depth + 1)
        if child.tag in (_TEXT + "section", _TEXT + "soft-page-break", _DRAW + "frame", _DRAW + "text-box",
                         _TEXT + "index-body", _OFFICE + "text"):
            return (["\f"] if child.tag == _TEXT + "soft-page-break" else []) + self.blocks(child, depth + 1)
        return []

    def blocks(self, parent: ElementTree.Element, depth: int = 0) -> list[str]:
        out: list[str] = []
        if depth > MAX_DEPTH:
            return out
        for child in parent:
            if child.tag not in _SKIPPED:
                out.extend(self.blocks_of(child, depth))
        return out


def _styles(roots: list[ElementTree.Element]) -> tuple[dict[str, dict[int, _Level]], dict[int, _Level]]:
    """The list styles by name and the outline style's levels, from content.xml and styles.xml."""
    lists: dict[str, dict[int, _Level]] = {}
    outline: dict[int, _Level] = {}
    for root in roots:
        for style in root.iter(_TEXT + "list-style"):
            lists[style.get(_STYLE + "name", "")] = _levels(style)
        for style in root.iter(_TEXT + "outline-style"):
            outline = _levels(style)
    return lists, outline


def is_odt(data: bytes) -> bool:
    """A ZIP archive whose mimetype is an OpenDocument text (or its template)."""
    head = member_head(data, "mimetype", 64)
    return head is not None and head.strip().startswith(MIMETYPE)


def document_text(data: bytes, name: str) -> str:
    """The document's text: one paragraph a line, tables in place, a form feed between pages."""
    with opened(data, name, "OpenDocument") as archive:
        root = required_part(archive, "content.xml", name, "an OpenDocument archive without content.xml.")
        styles = read_part(archive, "styles.xml", name)
        roots = [root, *([parse_part(styles, "styles.xml", name)] if styles is not None else [])]
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise InputError(f"{name}: the OpenDocument file holds no text document (a spreadsheet or slides?).")
    return pages_text(_Reader(*_styles(roots)).blocks(body))
