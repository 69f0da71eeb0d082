"""Word (.docx) files: the text of word/document.xml, paragraphs in order, tables where they stand.

Read with zipfile and the standard library's XML parser, not python-docx: only three parts are read
(document, numbering, styles), python-docx would bring lxml and still leave list numbering, text
boxes and tracked changes to us. Safety: each part is inflated with a cap (a ZIP bomb stops at the
cap, whatever its header claims) and a part that declares a DTD is refused before parsing (Word
never writes one; so no entity expansion can happen, which is what defusedxml would guard against).

Kept: runs, tabs, line and page breaks (a page break, and Word's own last rendered page break,
start a new page), hyperlinks, content controls, inserted text, text boxes (after their paragraph).
Dropped: deleted text, hidden text, field codes, page headers and footers, footnotes, images.
Tables: read/markup_tables.py (header and signature tables column by column, data tables as pipe rows).
List numbering, which Word keeps out of the text (w:numPr), is rendered from numbering.xml so the
"I.", "1.", "a)", "-" outline survives: decimal, decimalZero, lower/upperLetter, lower/upperRoman,
bullet and none; other formats are rendered as decimal; numbering linked through numbering styles
(w:numStyleLink) and legal/restart overrides beyond w:startOverride are not followed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from xml.etree import ElementTree

from khparse.errors import InputError
from khparse.read.markup_tables import Cell, table_lines
from khparse.read.office_zip import int_or as _int
from khparse.read.office_zip import member_head, opened, pages_text, parse_part, read_part, required_part

# Element nesting followed: real documents nest a few levels (table in a table in a text box).
MAX_DEPTH = 60

_NAMESPACES = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
               "http://purl.oclc.org/ooxml/wordprocessingml/main")  # transitional, strict OOXML


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class _Numbering:
    """numbering.xml: what each list level looks like, and the counters while reading."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → level → format
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # paragraph style → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        level = levels[ilvl]
        if level.fmt == "bullet":
            return bullet_of(level.text)
        if level.fmt == "none":
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            at = levels.get(k)
            return _format(counts.get(k, at.start if at else 1), at.fmt if at else "decimal")

        return re.sub(r"%([1-9])", value, level.text)


def bullet_of(text: str) -> str:
    # Symbol-font bullets sit in the private use area (U+F0xx is the Symbol character xx).
    char = chr(ord(text[0]) - 0xF000) if text and 0xF000 <= ord(text[0]) <= 0xF0FF else text[:1]
    return "+" if char == "+" else "-"  # plans use "-" and "+"; a round bullet reads as "-"


def roman_numeral(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        return roman_numeral(n) if fmt == "upperRoman" else roman_numeral(n).lower()
    if fmt in ("lowerLetter", "upperLetter") and n > 0:
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word: y, z, aa, bb, …
        return letter if fmt == "lowerLetter" else letter.upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def merged_down(placed: list[list[tuple[int, Cell, bool]]]) -> list[list[Cell]]:
    """Rows of cells with Word's vertically merged cells as one cell hanging down (Cell.rows, as HTML's
    rowspan): the cells that continue it are left out of their rows."""
    continues = {(r, column) for r, row in enumerate(placed) for column, _, cont in row if cont}
    cells = {(r, column) for r, row in enumerate(placed) for column, _, _ in row}
    rows: list[list[Cell]] = []
    for r, row in enumerate(placed):
        out = []
        for column, cell, cont in row:
            if cont and (r - 1, column) in cells:  # covered by the cell hanging down from above
                continue
            down = 1
            while (r + down, column) in continues:
                down += 1
            out.append(replace(cell, rows=down) if down > 1 else cell)
        rows.append(out)
    return rows


class _Reader:
    def __init__(self, ns: str, numbering: _Numbering) -> None:
        self.w = "{" + ns + "}"
        self.numbering = numbering

    def _val(self, element: ElementTree.Element | None, default: str = "") -> str:
        return default if element is None else element.get(self.w + "val", default)

    # Paragraphs

    def _label(self, p: ElementTree.Element) -> str:
        w = self.w
        ppr = p.find(w + "pPr")
        if ppr is None:
            return ""
        num = ppr.find(w + "numPr")
        style = self._val(ppr.find(w + "pStyle"))
        num_id, ilvl = self.numbering.styles.get(style, ("", 0))
        if num is not None:
            num_id = self._val(num.find(w + "numId"), num_id)
            ilvl = _int(self._val(num.find(w + "ilvl"), str(ilvl)), 0)
        if not num_id or num_id == "0":
            return ""
        label = self.numbering.label(num_id, ilvl)
        return label + " " if label else ""

    def _runs(self, element: ElementTree.Element, text: list[str], boxes: list[str], depth: int) -> None:
        w = self.w
        for child in element:
            tag = child.tag
            if depth > MAX_DEPTH:
                return
            if tag == w + "t":
                text.append(child.text or "")
            elif tag == w + "tab" or tag == w + "ptab":
                text.append("\t")
            elif tag in (w + "br", w + "cr"):
                text.append("\f" if child.get(w + "type") == "page" else "\n")
            elif tag == w + "lastRenderedPageBreak":
                text.append("\f")
            elif tag == w + "noBreakHyphen":
                text.append("-")
            elif tag == w + "r":
                rpr = child.find(w + "rPr")
                if rpr is None or rpr.find(w + "vanish") is None:
                    self._runs(child, text, boxes, depth + 1)
            elif tag == w + "txbxContent":
                boxes.extend(self.blocks(child, depth + 1))
            elif tag.endswith("}Fallback") or tag in (w + "del", w + "moveFrom", w + "instrText", w + "delText",
                                                      w + "pPr", w + "rPr", w + "footnoteReference"):
                continue  # the Choice of mc:AlternateContent is read; its Fallback holds the same text
            else:  # hyperlink, ins, smartTag, sdt, fldSimple, drawing, pict, AlternateContent, …
                self._runs(child, text, boxes, depth + 1)

    def paragraph(self, p: ElementTree.Element, depth: int) -> list[str]:
        text: list[str] = [self._label(p)]
        boxes: list[str] = []
        self._runs(p, text, boxes, depth)
        line = "".join(text).replace("\t", " ")
        return [*line.split("\n"), *boxes]

    # Tables

    def _cells(self, row: ElementTree.Element) -> Iterator[ElementTree.Element]:
        for child in row:
            if child.tag == self.w + "tc":
                yield child
            elif child.tag == self.w + "sdt":  # a content control around cells
                content = child.find(self.w + "sdtContent")
                if content is not None:
                    yield from self._cells(content)

    def table(self, tbl: ElementTree.Element, depth: int) -> list[str]:
        w = self.w
        # Each row's cells by grid column, with whether a cell continues the merged cell above (vMerge).
        placed: list[list[tuple[int, Cell, bool]]] = []
        nested = tbl.find(f".//{w}tc//{w}tbl") is not None
        for tr in tbl.findall(w + "tr"):
            row: list[tuple[int, Cell, bool]] = []
            column = 0
            for tc in self._cells(tr):
                tcpr = tc.find(w + "tcPr")
                span = min(64, _int(self._val(tcpr.find(w + "gridSpan") if tcpr is not None else None, "1"), 1))
                merge = tcpr.find(w + "vMerge") if tcpr is not None else None
                continued = merge is not None and self._val(merge, "continue") != "restart"
                lines = () if continued else tuple(ln.replace("\f", "") for ln in self.blocks(tc, depth + 1))
                row.append((column, Cell(tuple(ln for ln in lines if ln.strip()), span), continued))
                column += span
            placed.append(row)
        return table_lines(merged_down(placed), holds_tables=nested)

    # Blocks

    def blocks(self, parent: ElementTree.Element, depth: int = 0) -> list[str]:
        w = self.w
        out: list[str] = []
        if depth > MAX_DEPTH:
            return out
        for child in parent:
            if child.tag == w + "p":
                out.extend(self.paragraph(child, depth + 1))
            elif child.tag == w + "tbl":
                out.extend(self.table(child, depth + 1))
            elif child.tag in (w + "sdt", w + "sdtContent", w + "customXml", w + "ins", w + "moveTo"):
                out.extend(self.blocks(child, depth + 1))
        return out


def _level(lvl: ElementTree.Element, w: str) -> _Level:
    def val(tag: str, default: str) -> str:
        element = lvl.find(w + tag)
        return default if element is None else element.get(w + "val", default)

    return _Level(_int(val("start", "1"), 1), val("numFmt", "decimal"), val("lvlText", ""))


def _list_levels(root: ElementTree.Element, w: str) -> dict[str, dict[int, _Level]]:
    """numId → its levels: the abstract list's, with the instance's overrides."""
    abstract: dict[str, dict[int, _Level]] = {}
    for a in root.findall(w + "abstractNum"):
        abstract[a.get(w + "abstractNumId", "")] = {
            _int(lvl.get(w + "ilvl"), 0): _level(lvl, w) for lvl in a.findall(w + "lvl")}
    out: dict[str, dict[int, _Level]] = {}
    for num in root.findall(w + "num"):
        ref = num.find(w + "abstractNumId")
        levels = dict(abstract.get(ref.get(w + "val", "") if ref is not None else "", {}))
        for override in num.findall(w + "lvlOverride"):
            ilvl = _int(override.get(w + "ilvl"), 0)
            lvl = override.find(w + "lvl")
            start = override.find(w + "startOverride")
            if lvl is not None:
                levels[ilvl] = _level(lvl, w)
            if start is not None and ilvl in levels:
                old = levels[ilvl]
                levels[ilvl] = _Level(_int(start.get(w + "val"), 1), old.fmt, old.text)
        out[num.get(w + "numId", "")] = levels
    return out


def _numbering(archive: zipfile.ZipFile, name: str, w: str) -> _Numbering:
    numbering = _Numbering()
    data = read_part(archive, "word/numbering.xml", name)
    if data is not None:
        numbering.levels = _list_levels(parse_part(data, "word/numbering.xml", name), w)
    styles = read_part(archive, "word/styles.xml", name)
    if styles is not None:  # paragraph styles that carry numbering (Heading 1 as "I.", …)
        for style in parse_part(styles, "word/styles.xml", name).findall(w + "style"):
            num = style.find(f"{w}pPr/{w}numPr")
            if num is not None:
                num_id, ilvl = num.find(w + "numId"), num.find(w + "ilvl")
                numbering.styles[style.get(w + "styleId", "")] = (
                    num_id.get(w + "val", "") if num_id is not None else "",
                    _int(ilvl.get(w + "val") if ilvl is not None else None, 0))
    return numbering


def is_docx(data: bytes) -> bool:
    """A ZIP archive holding word/document.xml."""
    return member_head(data, "word/document.xml", 0) is not None


def document_text(data: bytes, name: str) -> str:
    """The document's text: one paragraph a line, tables in place, a form feed between pages."""
    with opened(data, name, "Word") as archive:
        root = required_part(archive, "word/document.xml", name,
                             "a ZIP archive without word/document.xml, not a Word document.")
        ns = next((n for n in _NAMESPACES if root.tag == "{" + n + "}document"), None)
        if ns is None:
            raise InputError(f"{name}: word/document.xml is not a WordprocessingML document.")
        w = "{" + ns + "}"
        body = root.find(w + "body")
        reader = _Reader(ns, _numbering(archive, name, w))
        lines = reader.blocks(body) if body is not None else []
    return pages_text(lines)
