"""Markdown as converters (pandoc, docx2md, PDF-to-Markdown tools) wrap a plan's text."""

from __future__ import annotations

import re

_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_MD_STRONG = re.compile(r"\*\*|__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?![\s*])([^*]{1,200}?)(?<![\s*])\*(?![\w*])")
_MD_BULLET = re.compile(r"^([ \t]*)\*([ \t]+)", re.MULTILINE)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_MD_HARD_BREAK = re.compile(r"(?:\\|[ \t]+)$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)


def strip_markdown(text: str) -> str:
    """Remove the Markdown markup a converter puts around a plan; keep lines and table pipes.

    Emphasis may span a hard line break ("*Nơi  \nnhận:*"), so it is removed from the whole text.
    Two-column tables are the page layout of a Word original (issuer | national title; recipients
    | signature): they are read column by column. Wider tables are data (Phụ lục) and keep their
    pipes, one row a line.
    """
    text = _linearize_tables(text)
    text = _MD_BR.sub("\n", text)
    text = _MD_HARD_BREAK.sub("", text)  # hard line breaks: two spaces or a backslash
    text = _MD_RULE.sub("", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_BULLET.sub(r"\1-\2", text)
    text = _MD_STRONG.sub("", text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    return _MD_ESCAPE.sub(r"\1", text)


def looks_like_markdown(text: str) -> bool:
    return bool(re.search(r"^\s{0,3}#{1,6}\s+\S|\*\*\S", text, re.MULTILINE))


_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _linearize_tables(text: str) -> str:
    lines = text.split("\n")
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
        if rows and max(len(r) for r in rows) == 2:
            for column in (0, 1):
                for row in rows:
                    if column < len(row) and row[column]:
                        out.extend(_MD_BR.split(row[column]))
                out.append("")
        else:
            out.extend(_MD_BR.sub(" ", row) for row in lines[i:j])
        i = j
    return "\n".join(out)
