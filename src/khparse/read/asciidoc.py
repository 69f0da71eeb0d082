"""AsciiDoc (pandoc's `-t asciidoc` of a Word plan, Asciidoctor sources) as the plain lines the parser
reads: recognised by its content, not by a name.

What AsciiDoc writes that plain text has not:
- tables between "|===" lines, each cell opened by "|" (or "a|" and other style letters) at a line's
  start or after a space; two columns (the header's and the tail's layout) are read column by column,
  wider ones become pipe rows, as Markdown's are (read/markdown.py);
- headings "== I. MỤC ĐÍCH" (the "=" marks go), block attributes "[arabic]", "[width=…]" (dropped);
- ordered list items ". text" whose numbers are never printed: numbered 1., 2., … within their list;
  "* text" bullets become "- text";
- a hard break " +" at a line's end, rules "'''''", *strong* and _emphasis_ marks (dropped).
"""

from __future__ import annotations

import re

from khparse.read.markdown import cell_paragraphs, table_lines

_TABLE_FENCE = re.compile(r"^\|===\s*$")
_HEADING = re.compile(r"^={1,6}\s+(?=\S)")
_ATTRIBUTES = re.compile(r"^\[[^\]]*\]\s*$")
_ORDERED = re.compile(r"^\.\s+(?=\S)")
_BULLET = re.compile(r"^\*\s+(?=\S)")
_RULE = re.compile(r"^'{3,}\s*$")
_HARD_BREAK = re.compile(r"\s\+$")
# A cell opens with "|", after a style letter ("a|": AsciiDoc content) and at a line's start or after
# a space; a "|" inside words ("A|B") opens none.
_CELL = re.compile(r"(?:^|(?<=\s))[adehlmsv]?\|")
_STRONG = re.compile(r"\*\*?([^*\n]+?)\*\*?")
_EMPHASIS = re.compile(r"(?<![\w/])__?([^_\n]+?)__?(?![\w/])")
_COLS = re.compile(r"cols=\"([^\"]*)\"")


def looks_like_asciidoc(text: str) -> bool:
    """A table fence "|===", or two headings "== …" (Markdown's are "#", Setext's underlines)."""
    lines = text.split("\n")
    return any(_TABLE_FENCE.match(line) for line in lines) or sum(
        1 for line in lines if re.match(r"^={2,6}\s+\S", line)) >= 2


def _inline(text: str) -> str:
    return _EMPHASIS.sub(r"\1", _STRONG.sub(r"\1", text))


def _cell_lines(cell: str) -> list[str]:
    """A cell's paragraphs, each one line (its soft-wrapped lines joined, a hard break ending one), as
    markdown's grid cells are read: rules are paragraph breaks, " +" is the hard break "\\"."""
    lines = ["" if not line.strip() or _RULE.match(line.strip()) else _HARD_BREAK.sub("\\\\", _inline(line.strip()))
             for line in cell.split("\n")]
    return [line for line in cell_paragraphs("\n".join(lines)).split("\n") if line]


def _table(body: list[str], attributes: str) -> list[str]:
    """A table's lines, as Markdown's are read (markdown.table_lines): two columns column by column,
    wider ones as pipe rows."""
    text = "\n".join(body)
    opens = list(_CELL.finditer(text))
    cells = [text[m.end(): nxt.start() if nxt else len(text)]
             for m, nxt in zip(opens, [*opens[1:], None], strict=True)]
    cols = _COLS.search(attributes)
    first = next((line for line in body if line.strip()), "")
    width = len(cols.group(1).split(",")) if cols else max(1, len(_CELL.findall(first)))
    rows = [["\n".join(_cell_lines(cell)) for cell in cells[at: at + width]] for at in range(0, len(cells), width)]
    return table_lines(rows)


def asciidoc_text(text: str) -> str:
    """`text` (AsciiDoc) as plain lines (see the module's doc)."""
    lines = text.split("\n")
    out: list[str] = []
    attributes = ""
    number = 0  # the last ordered item's number in the current list
    i = 0
    while i < len(lines):
        line = lines[i]
        if _TABLE_FENCE.match(line):
            end = next((j for j in range(i + 1, len(lines)) if _TABLE_FENCE.match(lines[j])), len(lines))
            out.extend(_table(lines[i + 1: end], attributes))
            attributes, number, i = "", 0, end + 1
            continue
        if _ATTRIBUTES.match(line):
            attributes = line
            i += 1
            continue
        if _HEADING.match(line):
            number = 0
            out.append(_inline(_HEADING.sub("", line)))
        elif _ORDERED.match(line):
            number += 1
            out.append(f"{number}. {_inline(_HARD_BREAK.sub('', _ORDERED.sub('', line)))}")
        elif _BULLET.match(line):
            out.append(f"- {_inline(_HARD_BREAK.sub('', _BULLET.sub('', line)))}")
        elif _RULE.match(line):
            out.append("")
        else:
            # A paragraph after a blank line ends the list it follows (its items are numbered anew).
            if line.strip() and i and not lines[i - 1].strip():
                number = 0
            out.append(_inline(_HARD_BREAK.sub("", line)))
        attributes = ""
        i += 1
    return "\n".join(out)
