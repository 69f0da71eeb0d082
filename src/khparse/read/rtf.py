"""Rich Text Format (.rtf) files, as Word and WordPad save them: the document's text, one paragraph a line,
tables where they stand.

A plan saved as RTF was read as plain text: its markup ("{\\rtf1\\ansi … \\u7871?") hid every word and
nothing of a plan was found (blind39). RTF is 7-bit text with control words in groups; this reads it with
one tokenizer and a stack of group states, no dependency (the RTF readers on PyPI either drop tables or
pull in a word processor).

Kept: text in \\uN escapes (Vietnamese as Word writes it, the fallback characters after it skipped as \\ucN
says) and in \\'hh bytes of the font's code page (\\fcharset163 is Vietnamese, cp1258; others by their
charset; TCVN3 and VNI fonts come out as their bytes and are recognised later as legacy text), list
numbers Word writes as text (\\listtext, \\pntext: a bullet becomes "-"), fields' results, paragraphs
(\\par), line breaks (\\line), page breaks (\\page starts a new page), tables (\\trowd … \\cell … \\row,
cells merged across (\\clmgf/\\clmrg) and down (\\clvmgf/\\clvmrg)).
Dropped: the font, colour, style and list tables, document information, pictures and objects (a \\binN's raw
bytes skipped as they stand), headers and footers, footnotes, comments, field instructions, every "\\*"
destination not understood, hidden text (\\v) and deleted revisions (\\deleted).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from khparse.errors import InputError
from khparse.read.docx import merged_down
from khparse.read.markup_tables import Cell, table_lines

# Groups whose content is no text of the page.
_DESTINATIONS = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"headerl", b"headerr",
    b"headerf", b"footer", b"footerl", b"footerr", b"footerf", b"footnote", b"annotation", b"atnid",
    b"atnauthor", b"atndate", b"atnref", b"fldinst", b"themedata", b"colorschememapping", b"latentstyles",
    b"datastore", b"xmlnstbl", b"listtable", b"listoverridetable", b"rsidtbl", b"generator", b"filetbl",
    b"revtbl", b"pgdsctbl", b"bkmkstart", b"bkmkend", b"xe", b"tc", b"txe", b"private", b"nonshppict",
    b"shpinst", b"sp", b"sn", b"sv", b"userprops", b"docvar", b"template", b"mmathPr", b"wgrffmtfilter",
}
# Characters control words stand for.
_SYMBOLS = {
    b"emdash": "—", b"endash": "–", b"lquote": "‘", b"rquote": "’", b"ldblquote": "“", b"rdblquote": "”",
    b"bullet": "•", b"emspace": " ", b"enspace": " ", b"qmspace": " ", b"tab": " ",
}
# A font's \fcharset → the code page its \'hh bytes are in (0 and 1: the document's \ansicpg).
_CHARSETS = {163: "cp1258", 2: "latin-1", 77: "mac-roman", 128: "cp932", 129: "cp949", 134: "gbk", 136: "big5",
             161: "cp1253", 162: "cp1254", 177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251",
             222: "cp874", 238: "cp1250"}
# Group nesting followed (real documents nest some tens of levels); beyond it the file is refused.
MAX_DEPTH = 400

_TOKEN = re.compile(rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+"
                    rb"|([^\\{}\r\n]+)")


@dataclass(frozen=True)
class _State:
    skip: bool = False  # a destination whose text is not the page's
    uc: int = 1  # characters that stand after \uN for readers without Unicode
    codec: str = "cp1252"
    hidden: bool = False  # \v, or a deleted revision
    listtext: bool = False  # Word's list number written as text


@dataclass
class _CellDef:
    merged_across: bool = False  # continues the cell to its left (\clmrg)
    merged_down: bool = False  # continues the cell above (\clvmrg)


@dataclass
class _Document:
    lines: list[str] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    label: list[str] = field(default_factory=list)  # the list number being read
    in_table: bool = False
    cell: list[str] = field(default_factory=list)  # lines of the cell being read
    row: list[list[str]] = field(default_factory=list)  # cells of the row being read
    defs: list[_CellDef] = field(default_factory=list)  # the row's cells, as \trowd defined them
    next_def: _CellDef = field(default_factory=_CellDef)
    rows: list[list[tuple[int, Cell, bool]]] = field(default_factory=list)

    def text(self, chars: str, state: _State) -> None:
        if state.skip or state.hidden:
            return
        (self.label if state.listtext else self.line).append(chars)

    def end_label(self) -> None:
        label = "".join(self.label).strip()
        self.label.clear()
        if label:
            self.line.append(label + " " if any(c.isalnum() for c in label) else ("+ " if label == "+" else "- "))

    def end_paragraph(self) -> None:
        text = "".join(self.line)
        self.line.clear()
        if self.in_table:
            self.cell.extend(text.split("\n"))
            return
        self.flush_table()
        self.lines.extend(text.split("\n"))

    def end_cell(self) -> None:
        if self.line:
            self.cell.extend("".join(self.line).split("\n"))
            self.line.clear()
        self.row.append([ln for ln in self.cell if ln.strip()])
        self.cell = []

    def end_row(self) -> None:
        placed: list[tuple[int, Cell, bool]] = []
        for column, lines in enumerate(self.row):
            cell_def = self.defs[column] if column < len(self.defs) else _CellDef()
            if cell_def.merged_across and placed:
                at, last, down = placed[-1]
                placed[-1] = (at, replace(last, span=last.span + 1), down)
            else:
                placed.append((column, Cell(tuple(lines)), cell_def.merged_down))
        self.rows.append(placed)
        self.row = []

    def flush_table(self) -> None:
        if self.rows:
            self.lines.extend(table_lines(merged_down(self.rows)))
            self.rows = []


def _codec(fonts: dict[int, int], font: int, ansi: str) -> str:
    return _CHARSETS.get(fonts.get(font, 0), ansi)


def document_text(data: bytes, name: str) -> str:
    """The document's text: one paragraph a line, tables in place, a form feed between pages."""
    doc = _Document()
    stack: list[_State] = []
    state = _State()
    fonts: dict[int, int] = {}  # font number → its \fcharset
    font_being_defined = 0
    in_fonttbl_depth = -1
    ansi = "cp1252"
    pending_skip = 0  # fallback characters still to skip after a \uN
    at = 0
    while (match := _TOKEN.search(data, at)) is not None:
        at = match.end()
        word, number, hexa, symbol, brace, chars = match.groups()
        if word == b"bin" and number is not None:
            at += max(0, int(number))  # raw bytes (a picture's): none is markup, a brace among them least of all
            continue
        if brace == b"{":
            stack.append(state)
            if len(stack) > MAX_DEPTH:
                raise InputError(f"{name}: the RTF file nests groups more than {MAX_DEPTH} deep (damaged?).")
            continue
        if brace == b"}":
            if state.listtext and stack and not stack[-1].listtext:
                doc.end_label()
            if len(stack) - 1 == in_fonttbl_depth:
                in_fonttbl_depth = -1
            state = stack.pop() if stack else state
            pending_skip = 0
            continue
        if word is not None:
            value = int(number) if number is not None else None
            if in_fonttbl_depth >= 0:
                if word == b"f" and value is not None:
                    font_being_defined = value
                elif word == b"fcharset" and value is not None:
                    fonts[font_being_defined] = value
                continue
            if state.skip:
                continue  # a footnote's paragraph reset or a header's paragraph end is none of the page's
            if word == b"fonttbl":
                in_fonttbl_depth = len(stack) - 1
                state = replace(state, skip=True)
            elif word in _DESTINATIONS:
                state = replace(state, skip=True)
            elif word in (b"listtext", b"pntext"):
                state = replace(state, listtext=True)
            elif word == b"ansicpg" and value:
                ansi = f"cp{value}"
                state = replace(state, codec=ansi)
            elif word == b"f" and value is not None:
                state = replace(state, codec=_codec(fonts, value, ansi))
            elif word == b"uc" and value is not None:
                state = replace(state, uc=max(0, value))
            elif word == b"u" and value is not None:
                doc.text(chr(value + 65536 if value < 0 else value), state)
                pending_skip = state.uc
            elif word in (b"v", b"deleted"):  # hidden text, a deleted revision
                state = replace(state, hidden=value != 0)
            elif word in (b"par", b"sect"):
                doc.end_paragraph()
            elif word == b"line":
                doc.text("\n", state)
            elif word == b"page":
                doc.end_paragraph()
                doc.flush_table()
                doc.lines.append("\f")
            elif word == b"pard":
                doc.in_table = False
            elif word == b"intbl":
                doc.in_table = True
            elif word == b"cell":
                doc.end_cell()
            elif word == b"row":
                doc.end_row()
            elif word == b"trowd":
                doc.defs, doc.next_def = [], _CellDef()
            elif word in (b"clmrg", b"clvmrg", b"clmgf", b"clvmgf"):
                doc.next_def.merged_across |= word == b"clmrg"
                doc.next_def.merged_down |= word == b"clvmrg"
            elif word == b"cellx":
                doc.defs.append(doc.next_def)
                doc.next_def = _CellDef()
            elif word in _SYMBOLS:
                if pending_skip:
                    pending_skip -= 1
                else:
                    doc.text(_SYMBOLS[word], state)
            continue
        if symbol is not None:
            if symbol == b"*":  # an optional destination ("{\\*\\fldinst …}"): none is the page's text
                state = replace(state, skip=True)
            elif pending_skip:
                pending_skip -= 1
            elif symbol == b"~":
                doc.text(" ", state)
            elif symbol == b"_":
                doc.text("-", state)
            elif symbol in (b"\\", b"{", b"}"):
                doc.text(symbol.decode("ascii"), state)
            continue
        if hexa is not None:
            if pending_skip:
                pending_skip -= 1
            elif in_fonttbl_depth < 0:
                doc.text(bytes([int(hexa, 16)]).decode(state.codec, "replace"), state)
            continue
        if chars is not None and in_fonttbl_depth < 0:
            text = chars.decode("latin-1")
            if pending_skip:
                dropped = min(pending_skip, len(text))
                text, pending_skip = text[dropped:], pending_skip - dropped
            doc.text(text, state)
    doc.end_paragraph()
    doc.flush_table()
    # NFC: a Vietnamese code page's tone is a combining character of its own after its letter.
    text = unicodedata.normalize("NFC", "\n".join(doc.lines))
    return re.sub(r"\f[\s\f]*\f", "\f", text).strip("\f")
