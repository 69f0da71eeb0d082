"""Stage `text`: a Source becomes the text of each of its pages (PageText).

Text input: UTF-8 (with or without BOM) or UTF-16 with BOM; CRLF, CR or LF; a form feed starts a
new page; Markdown markup is removed so the parser sees the document's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khparse.errors import InputError
from khparse.fold import nfc
from khparse.load import Source
from khparse.model import SourceKind, TextSource


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    text: str  # NFC, LF line ends
    source: TextSource
    quality: float | None = None
    ocr_confidence: float | None = None
    reason: str | None = None


# Control characters that never occur in text (tab, line feed, form feed, carriage return do).
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: starts like UTF-16 but is not valid UTF-16.") from None
    head = data[:65536]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if b"\x00" in head or controls > len(head) // 100 + 1:
        raise InputError(f"{name}: binary data, not text. khparse reads PDF, PNG, JPEG, TIFF, .txt and .md.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte at offset {exc.start}). "
            "Convert it first, e.g. `iconv -f WINDOWS-1258 -t UTF-8`."
        ) from None


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
    """
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


def text_pages(source: Source) -> tuple[PageText, ...]:
    """The pages of a text source (other kinds are read by the PDF/OCR stages)."""
    if source.kind is not SourceKind.text:
        raise InputError(
            f"{source.path or 'input'}: {source.format} input needs the PDF/OCR stage, "
            "which this build of khparse does not have yet; give it the document's text (.txt, .md)."
        )
    text = decode_text(source.data, source.path or "input")
    text = nfc(text.replace("\r\n", "\n").replace("\r", "\n"))
    if source.format == "markdown" or looks_like_markdown(text):
        text = strip_markdown(text)
    pages = text.split("\f")
    return tuple(
        PageText(i, page, TextSource.plain_text, reason="plain text input")
        for i, page in enumerate(pages, start=1)
    )
