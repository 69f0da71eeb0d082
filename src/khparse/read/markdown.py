"""Markdown as converters (pandoc, docx2md, PDF-to-Markdown tools) wrap a plan's text.

Besides pipe tables, converters write a Word table as a pandoc grid table ("+----+----+" rules,
a cell's text wrapped over several lines of the row) or as raw HTML (<table><tr><td><p>…); both are
turned into the forms below: a two-column table read column by column, a wider one as pipe rows.
"""

from __future__ import annotations

import itertools
import re

from khparse.read.html2text_tables import html2text_tables

_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])([^*]{1,200}?)(?<![\s*])\*(?![\w*])")
# "_Lạng Sơn, ngày 12 …_", "_**Nơi nhận:**_": emphasis with underscores (html2text, pandoc); not inside a
# word or an address ("snake_case", "…/kh_215.pdf").
_MD_UNDERSCORE = re.compile(r"(?<![\w_/])_(?![\s_])([^_\n]{1,200}?)(?<![\s_])_(?![\w_])")
_MD_BULLET = re.compile(r"^([ \t]*)\*([ \t]+)", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_HARD_BREAK = re.compile(r"(?:\\|[ \t]+)$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
# A Word draft's tracked changes and comments as `pandoc --track-changes=all` writes them: deleted
# text and comments go, inserted text stays (the draft read as if every change were accepted), and
# any other bracketed span keeps its text ("[chữ]{.underline}").
_MD_DROPPED_SPAN = re.compile(r"\[[^\]\n]*\]\{\.(?:deletion|comment-start)\b[^}\n]*\}")
_MD_SPAN = re.compile(r"\[([^\]\n]*)\]\{[.#][^}\n]*\}")
# Footnotes: the marks in the text ("…năm 2026[^1]") and their texts at the end ("[^1]: Đã được …",
# with indented continuation lines) are no part of the plan's text.
_MD_FOOTNOTE_TEXT = re.compile(r"^\[\^[^\]\s]+\]:.*(?:\n(?:    |\t).*)*", re.MULTILINE)
_MD_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
# HTML comments: a converter's placeholders ("<!-- image -->" where the signature's picture stood,
# docling) and notes; no text of the plan.
_MD_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def strip_markdown(text: str) -> str:
    """Remove the Markdown markup a converter puts around a plan; keep lines and table pipes.

    Emphasis may span a hard line break ("*Nơi  \nnhận:*"), so it is removed from the whole text.
    Two-column tables are the page layout of a Word original (issuer | national title; recipients
    | signature): they are read column by column. Wider tables are data (Phụ lục) and keep their
    pipes, one row a line. Pandoc's grid tables are read before this, in any text, Markdown or not
    (grid_tables, called by read/pages.py with plain_tables.multiline_tables).
    """
    text = _MD_SPAN.sub(r"\1", _MD_DROPPED_SPAN.sub("", _MD_COMMENT.sub(" ", text)))
    text = _MD_FOOTNOTE_MARK.sub("", _MD_FOOTNOTE_TEXT.sub("", text))
    text = _html_tables(html2text_tables(text))
    text = pipe_tables(text)
    text = _MD_BR.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    text = _MD_HARD_BREAK.sub("", text)  # hard line breaks: two spaces or a backslash
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub(r"\1-\2", text)
    text = _MD_STRONG.sub("", text)
    text = _MD_UNDERSCORE.sub(r"\1", _MD_EMPHASIS.sub(r"\1", text))
    return _MD_ESCAPE.sub(r"\1", text)


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^\s{0,3}#{1,6}\s+\S|\*\*\S", text, re.MULTILINE))


_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


# A line of a line block: a bar, a space and text without another bar ("| - Sở Nội vụ;"), or a bar alone.
_LINE_BLOCK = re.compile(r"^\s*\|(?: ([^|]*))?$")


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


# A row whose cells break over lines with hard breaks, as HTML-to-Markdown converters (turndown, Jina
# Reader) write a table cell holding <br>: "| **Nơi nhận:**  " / "\- UBND tỉnh;  " / … / "**Võ Minh
# Đức** |". GFM has no such rows; the lines up to the one that closes the row are one row.
MAX_ROW_LINES = 40  # a row this long is no table's: left as it is


def _rows_over_lines(lines: list[str]) -> list[str]:
    """`lines` with each row that breaks over several lines joined into one, its breaks as <br>."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.lstrip().startswith("|") or line.rstrip().endswith("|") or _SEPARATOR.match(line):
            out.append(line)
            i += 1
            continue
        # Up to the line that closes the row; a line starting with a bar on the way is a line block's.
        end = next((j for j in range(i + 1, min(len(lines), i + MAX_ROW_LINES)) if not lines[j]
                    or lines[j].lstrip().startswith("|") or lines[j].rstrip().endswith("|")), None)
        if end is None or not lines[end] or lines[end].lstrip().startswith("|"):
            out.append(line)
            i += 1
            continue
        out.append("<br>".join(_MD_HARD_BREAK.sub("", part).strip() for part in lines[i:end + 1]))
        i = end + 1
    return out


def pipe_tables(text: str) -> str:
    """Pipe tables as lines: two columns column by column (a Word original's page layout), wider ones
    as pipe rows, one row a line."""
    lines = _rows_over_lines(text.split("\n"))
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not lines[i].lstrip().startswith("|"):
            out.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            j += 1
        rows = [_cells(row) for row in lines[i:j] if not _SEPARATOR.match(row)]
        if all(_LINE_BLOCK.match(row) for row in lines[i:j]):
            # A line block ("| *Nơi nhận:*" / "| - Lưu: VT."; pandoc Markdown, reStructuredText): each
            # line as it is, without its bar; not a table.
            out.extend(_LINE_BLOCK.match(row).group(1) or "" for row in lines[i:j])  # type: ignore[union-attr]
        elif rows and max(len(r) for r in rows) == 2:
            for column in (0, 1):
                for row in rows:
                    if column < len(row) and row[column]:
                        out.extend(_MD_BR.split(row[column]))
                out.append("")
        else:
            out.extend(_MD_BR.sub(" ", row) for row in lines[i:j])
        i = j
    return "\n".join(out)


_GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.IGNORECASE | re.DOTALL)
_HTML_ROW = re.compile(r"<tr\b.*?(?:</tr\s*>|(?=<tr\b)|$)", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)(?:</t[dh]\s*>|(?=<t[dh]\b)|$)", re.IGNORECASE | re.DOTALL)
_HTML_BREAK = re.compile(r"<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", re.IGNORECASE)
# Inline HTML a converter leaves in Markdown (<p>, <strong>, <em>, <span …>); removed, text kept.
_HTML_TAG = re.compile(r"</?(?:p|strong|b|em|i|u|span|div|sup|sub|a|font|table|tbody|thead|tr|td|th|ul|ol|li)"
                       r"\b[^>]*>", re.IGNORECASE)


def table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as lines: two columns column by column (the page layout of a Word original:
    issuer | national title, recipients | signature), wider ones as pipe rows, one row a line."""
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return []
    if max(len(row) for row in rows) == 2:
        out: list[str] = []
        for column in (0, 1):
            for row in rows:
                if column < len(row):
                    out.extend(line for line in row[column].split("\n") if line.strip())
            out.append("")
        return out
    return ["| " + " | ".join(" ".join(cell.split()) for cell in row) + " |" for row in rows]


# A Markdown list item's mark at a line's start: in a grid cell each item is a line of its own.
_LIST_ITEM = re.compile(r"^\s*(?:[-+*]|\d{1,2}[.)])\s+\S")


def cell_paragraphs(cell: str) -> str:
    """A grid cell's lines (blank lines between its paragraphs) as one line a paragraph; a line
    ending in a hard break ("\\") ends its line, and a list item ("- UBND tỉnh (b/c);") starts one."""
    paragraphs = [""]
    for line in cell.split("\n"):
        if not line:
            paragraphs.append("")
            continue
        if _LIST_ITEM.match(line) and paragraphs[-1]:
            paragraphs.append("")
        paragraphs[-1] = f"{paragraphs[-1]} {line}".strip()
        if line.endswith("\\"):
            paragraphs[-1] = paragraphs[-1][:-1].rstrip()
            paragraphs.append("")
    return "\n".join(p for p in paragraphs if p)


def grid_tables(text: str) -> str:
    """Pandoc grid tables: each row between rules, its cells cut at the rule's '+' columns."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _GRID_RULE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        rule = lines[i].strip()
        indent = len(lines[i]) - len(lines[i].lstrip())
        cuts = [indent + k for k, char in enumerate(rule) if char == "+"]
        rows: list[list[str]] = []
        current: list[list[str]] = []
        i += 1
        while i < len(lines) and (lines[i].lstrip().startswith("|") or _GRID_RULE.match(lines[i])):
            if _GRID_RULE.match(lines[i]):
                if current:
                    rows.append(["\n".join(cell) for cell in current])
                current = []
            else:
                line = lines[i].ljust(cuts[-1] + 1)
                cells = [line[a + 1 : b].strip() for a, b in itertools.pairwise(cuts)]
                current = current or [[] for _ in cells]
                for n, cell in enumerate(cells[: len(current)]):
                    current[n].append(cell)
            i += 1
        if current:
            rows.append(["\n".join(cell) for cell in current])
        # A cell's paragraph wrapped over lines is one line ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM");
        # its paragraphs, blank lines between them in the cell, or a hard break ("\"), stay lines.
        rows = [[cell_paragraphs(cell) for cell in row] for row in rows]
        # A wider table's cell wrapped over lines is one cell: its lines joined with a space.
        wide = max((len(r) for r in rows), default=0) > 2
        out.extend(table_lines([[c.replace("\n", " ") if wide else c for c in r] for r in rows]))
    return "\n".join(out)


def _html_cell(raw: str) -> str:
    text = _HTML_BREAK.sub("\n", raw)
    import html  # its entity table is a few milliseconds to load: only for text with markup

    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _html_tables(text: str) -> str:
    """Raw HTML tables in Markdown, as lines (see table_lines)."""
    if "<table" not in text.lower():
        return text

    def lines(m: re.Match[str]) -> str:
        rows = [[_html_cell(cell) for cell in _HTML_CELL.findall(row)] for row in _HTML_ROW.findall(m.group(0))]
        wide = max((len(r) for r in rows), default=0) > 2
        return "\n".join(table_lines([[c.replace("\n", " ") if wide else c for c in r] for r in rows]))

    return _HTML_TABLE.sub(lines, text)
