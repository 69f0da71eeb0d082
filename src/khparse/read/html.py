"""Saved web pages (.html, .htm, and .mhtml archives): the page's text, one block a line.

Read with the standard library's html.parser, not BeautifulSoup/lxml: we need one pass over the
tags that turns blocks into lines and tables into cells, which the event parser gives directly,
tolerant of unclosed tags and with no dependency; a tree would only be walked once and thrown away.

Kept as lines: everything a reader sees in the page body, including a portal's banner, title line
and metadata block ("Số hiệu / Ngày ban hành / …"): the parser decides what precedes the document.
Dropped: script, style, noscript, template, svg, iframe, the <head>, nav and aside, a <header> or
<footer> that is not inside an <article> or <main> (the site's, not the document's), form controls,
elements marked hidden, the site's ARIA landmarks and what its classes mark as the site's
(_SITE_CLASSES). (A <form> itself is kept: ASP.NET portals wrap the whole page in one.)
Block elements and <br> end lines; list items get "-" or their number; tables go through
read/markup_tables.py (header tables column by column, data tables as pipe rows, layout tables cell by
cell). The charset is taken from a BOM, else a <meta> charset, else UTF-8, else Windows-1258.
Hostile input: nesting is followed to MAX_DEPTH elements and MAX_TABLE_DEPTH tables, deeper tags
only end lines; pages over MAX_HTML_BYTES or MAX_TAGS are refused (a saved plan page is well under
5 MiB and 50,000 tags; html.parser reads about 100,000 tags a second).
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from khparse.errors import InputError
from khparse.read.docx import roman_numeral
from khparse.read.markup_tables import Cell, table_lines

MAX_HTML_BYTES = 32 * 2**20
# html.parser reads about a million tags in 5-10 s; a portal page with a long plan has under 50,000.
MAX_TAGS = 500_000
MAX_DEPTH = 256
MAX_TABLE_DEPTH = 16

_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "aside", "select",
         "button", "textarea", "object", "canvas", "math", "dialog"}
_SITE_PARTS = {"header", "footer"}  # skipped unless inside an article or main
# ARIA landmarks that are the site's, as nav, aside and the page's header and footer are.
_SITE_ROLES = {"navigation", "banner", "contentinfo", "search", "complementary"}
# Classes a site gives what is not the document: what it marks not to print (MediaWiki's "noprint",
# Bootstrap's "d-print-none"), a wiki's edit links ("[sửa]" after each heading), its category links
# (a list that would run on after "Nơi nhận") and its "Lấy từ …" print footer.
_SITE_CLASSES = {"noprint", "no-print", "d-print-none", "hidden-print", "mw-editsection", "catlinks",
                 "printfooter"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_BLOCK = {"address", "article", "blockquote", "center", "dd", "div", "dl", "dt", "fieldset", "figcaption",
          "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
          "section", "ul", "caption", "header", "footer", "body", "html", "title", "legend", "details",
          "summary", "option"}


@dataclass
class _Table:
    rows: list[list[Cell]] = field(default_factory=list)
    cell: list[str] | None = None  # lines of the open cell
    span: int = 1
    down: int = 1  # the open cell's rowspan
    holds_tables: bool = False

    def close_cell(self) -> None:
        if self.cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(Cell(tuple(ln for ln in self.cell if ln.strip()), self.span, self.down))
            self.cell = None


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.words: list[str] = []  # the line being built
        self.stack: list[str] = []  # open elements (up to MAX_DEPTH)
        self.open = Counter[str]()
        self.skipping = 0  # open elements whose content is dropped
        self.tables: list[_Table] = []
        self.lists: list[list[int | str]] = []  # per open list: [next number, type]
        self.pre = 0
        self.label = ""  # a list item's "-" or "2.", written before its first text

    # Lines

    def _target(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        if table is None:
            return self.lines
        if table.cell is None:  # text between cells belongs to no cell
            table.cell = []
            if not table.rows:
                table.rows.append([])
        return table.cell

    def _end_line(self) -> None:
        if self.words:
            text = "".join(self.words)
            self.words = []
            line = text if self.pre else " ".join(text.split())
            if line.strip():
                self._target().extend(line.split("\n") if self.pre else [line])

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            if self.label and data.strip():
                self.words.append(self.label)
                self.label = ""
            self.words.append(data)

    # Elements

    def _skips(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP:
            return True
        if tag in _SITE_PARTS and not (self.open["article"] or self.open["main"]):
            return True
        for key, value in attrs:
            if (key == "role" and value in _SITE_ROLES) or (
                    key == "class" and value and not _SITE_CLASSES.isdisjoint(value.split())):
                return True
            if key == "hidden" or (key == "aria-hidden" and value == "true") or (
                    key == "style" and value and "none" in value and "display:none" in value.replace(" ", "").lower()):
                return True
        return False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "wbr"):
            if tag == "br" and not self.skipping:
                self._end_line()
            return
        if tag in _VOID:
            if tag == "hr" and not self.skipping:
                self._end_line()
            return
        if len(self.stack) >= MAX_DEPTH:
            if not self.skipping:
                self._end_line()
            return
        skip = self.skipping > 0 or self._skips(tag, attrs)
        self.stack.append(tag)
        self.open[tag] += 1
        if skip:
            self.skipping += 1
            return
        if tag in _BLOCK or tag in ("td", "th", "tr", "table"):
            self._end_line()
        if tag == "pre":
            self.pre += 1
        elif tag in ("ol", "ul"):
            values = dict(attrs)
            start = values.get("start") or "1"
            self.lists.append([int(start) if start.isdigit() else 1, values.get("type") or tag])
        elif tag == "li" and self.lists:
            number, kind = self.lists[-1]
            assert isinstance(number, int)
            self.lists[-1][0] = number + 1
            self._end_line()
            self.label = "- " if kind == "ul" else _list_label(number, str(kind))
        elif tag == "table":
            if len(self.tables) < MAX_TABLE_DEPTH:
                if self.tables:
                    self.tables[-1].holds_tables = True
                self.tables.append(_Table())
            else:
                self.stack[-1] = "table-too-deep"
        elif tag == "tr" and self.tables:
            self.tables[-1].close_cell()
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables:
            table = self.tables[-1]
            table.close_cell()
            if not table.rows:
                table.rows.append([])
            span = dict(attrs).get("colspan") or "1"
            table.span = min(int(span), 64) if span.isdigit() and int(span) > 0 else 1
            down = (dict(attrs).get("rowspan") or "1").strip()
            table.down = int(down) if down.isdigit() and int(down) > 0 else 1
            table.cell = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open[tag]:
            if tag in ("p", "br") and not self.skipping:  # "</p>" alone, "</br>": a line ends
                self._end_line()
            return
        while self.stack:  # close what was left open inside it
            top = self.stack.pop()
            self.open[top] -= 1
            self._close(top)
            if top == tag:
                break

    def _close(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
            return
        if tag in _BLOCK or tag in ("td", "th", "tr"):
            self._end_line()
        if tag == "pre":
            self.pre -= 1
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        elif tag in ("td", "th") and self.tables:
            self.tables[-1].close_cell()
        elif tag == "table" and self.tables:
            self._end_line()
            table = self.tables.pop()
            table.close_cell()
            self._target().extend(table_lines(table.rows, holds_tables=table.holds_tables))

    def result(self) -> list[str]:
        while self.stack:
            top = self.stack.pop()
            self.open[top] -= 1
            self._close(top)
        self._end_line()
        return self.lines


def _list_label(number: int, kind: str) -> str:
    if kind == "a":
        return chr(ord("a") + (number - 1) % 26) + ") "
    if kind == "A":
        return chr(ord("A") + (number - 1) % 26) + ". "
    if kind in ("i", "I"):
        roman = roman_numeral(number)
        return (roman.lower() if kind == "i" else roman) + ". "
    return f"{number}. "


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Text of the page: BOM, then <meta charset>, then UTF-8, then Windows-1258."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    declared = _META_CHARSET.search(data[:8192])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: fall through to what the bytes are
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def html_from_mhtml(data: bytes, name: str) -> bytes:
    """The HTML part of a saved web archive (MIME multipart/related)."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset()
                if charset and b"charset" not in payload[:8192].lower():
                    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + payload
                return payload
    raise InputError(f"{name}: a web archive (MHTML) without an HTML part.")


_LEADING = re.compile(rb"^(?:\s+|<!--.*?-->|<\?xml[^>]*>)*", re.DOTALL)


def is_html(data: bytes) -> bool:
    """A page that starts, after a BOM, blanks and comments, with <!doctype html, <html or <meta."""
    head = data[:2048]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    head = head.removeprefix(codecs.BOM_UTF8)
    head = head[_LEADING.match(head).end():][:1024].lower()  # type: ignore[union-attr]
    return head.startswith((b"<!doctype html", b"<html", b"<meta", b"<head"))


def is_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return head.startswith((b"from:", b"mime-version:", b"content-type:", b"date:", b"subject:")) and \
        b"multipart/related" in head and b"mime-version" in head


def document_text(data: bytes, name: str, *, mhtml: bool = False) -> str:
    """The page's text, one block a line."""
    if len(data) > MAX_HTML_BYTES:
        raise InputError(f"{name}: {len(data) // 2**20} MiB of HTML is over the {MAX_HTML_BYTES // 2**20} MiB "
                         "limit for a web page; save the page without its images, or as text.")
    page = html_from_mhtml(data, name) if mhtml else data
    tags = page.count(b"<")
    if tags > MAX_TAGS:
        raise InputError(f"{name}: {tags:,} tags is more than a web page holding a plan has (limit {MAX_TAGS:,}); "
                         "a damaged or generated file?")
    parser = _PageText()
    try:
        parser.feed(decode_html(page))
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser on broken markup
        raise InputError(f"{name}: the web page cannot be read ({exc}).") from None
    return "\n".join(parser.result())
