"""Stage `load`: a path, bytes or stdin become a Source (bytes, hash, kind), or a clear InputError."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from khparse.errors import InputError
from khparse.model import SourceKind

# Larger inputs are refused rather than read into memory: no real plan comes near this.
MAX_INPUT_BYTES = 512 * 1024 * 1024

_MAGIC: tuple[tuple[bytes, SourceKind, str], ...] = (
    (b"%PDF", SourceKind.pdf, "PDF"),
    (b"\x89PNG\r\n\x1a\n", SourceKind.image, "PNG"),
    (b"\xff\xd8\xff", SourceKind.image, "JPEG"),
    (b"II*\x00", SourceKind.image, "TIFF"),
    (b"MM\x00*", SourceKind.image, "TIFF"),
)
_KNOWN_BINARY: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an Excel, PowerPoint or OpenDocument file, or other), not a Word document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (Excel or PowerPoint?), not a Word document"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)


@dataclass(frozen=True)
class Source:
    """The raw input: its bytes and what kind of document they are."""

    path: str | None  # as the user gave it; "-" for stdin; None for an in-memory string or bytes
    data: bytes
    sha256: str
    kind: SourceKind
    format: str  # "PDF", "PNG", "JPEG", "TIFF", "DOCX", "DOC", "HTML", "MHTML", "text" or "markdown"


_BINARY_SUFFIXES = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF",
                    ".docx": "Word (.docx)", ".doc": "Word (.doc)"}
READS = "PDF, PNG, JPEG, TIFF, Word (.docx, .doc), web pages (.html, .htm, .mhtml), .txt and .md files"


def _sniff_document(data: bytes, suffix: str) -> tuple[SourceKind, str] | None:
    """Word files and web pages, by content (a .txt holding HTML is a web page; a misnamed .docx
    works). A damaged ZIP named .docx is taken as Word, so the reader says what is wrong with it."""
    # Imported here: they are needed only when the bytes look like one of them.
    from khparse.read import doc, docx, html

    if data.startswith(b"PK\x03\x04"):
        return (SourceKind.docx, "DOCX") if suffix == ".docx" or docx.is_docx(data) else None
    if data.startswith(doc.OLE2_MAGIC):
        return (SourceKind.doc, "DOC") if doc.is_word97(data) else None
    if html.is_mhtml(data) or (suffix in {".mht", ".mhtml"} and b"multipart/related" in data[:8192].lower()):
        return SourceKind.html, "MHTML"
    if html.is_html(data) or (suffix in {".html", ".htm", ".xhtml"} and b"<" in data[:4096]):
        return SourceKind.html, "HTML"
    return None


def _sniff(data: bytes, path: str | None) -> tuple[SourceKind, str]:
    for magic, kind, name in _MAGIC:
        if data.startswith(magic):
            return kind, name
    suffix = Path(path).suffix.lower() if path and path != "-" else ""
    document = _sniff_document(data, suffix)
    if document is not None:
        return document
    for magic, description in _KNOWN_BINARY:
        if data.startswith(magic):
            raise InputError(f"{path or 'input'}: this is {description}, not a plan. khparse reads {READS}.")
    if suffix in _BINARY_SUFFIXES:  # not what its name says: a wrong or broken download
        raise InputError(f"{path}: named like a {_BINARY_SUFFIXES[suffix]} file, but its content is not one "
                         f"(it starts {data[:16]!r}). Check the file, or rename it if it is really text.")
    return SourceKind.text, "markdown" if suffix in {".md", ".markdown"} else "text"


def from_bytes(data: bytes, path: str | None = None) -> Source:
    if not data.strip():
        raise InputError(f"{path or 'input'}: the input is empty.")
    kind, fmt = _sniff(data, path)
    return Source(path, data, hashlib.sha256(data).hexdigest(), kind, fmt)


def from_path(path: str | os.PathLike[str]) -> Source:
    """Read a file, or stdin when the path is '-'."""
    name = os.fspath(path)
    if name == "-":
        return from_bytes(sys.stdin.buffer.read(), "-")
    return from_bytes(read_path(name), name)


def read_path(name: str) -> bytes:
    """The bytes of a file, or an InputError that says why it cannot be read."""
    p = Path(name)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError(f"{name}: is a directory; to convert many files use `khparse batch`.")
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{name}: {size // 2**20} MiB is larger than the {MAX_INPUT_BYTES // 2**20} MiB limit.")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file.") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied.") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory; to convert many files use `khparse batch`.") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot be read ({exc.strerror or exc}).") from None
    return data


def from_text(text: str, name: str | None = None) -> Source:
    """An in-memory text, treated like a .txt file (or .md when `name` ends so)."""
    return from_bytes(text.encode("utf-8"), name)
