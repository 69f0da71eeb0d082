"""Stage `load`: a path, bytes or stdin become a Source (bytes, hash, kind), or a clear InputError."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from khparse.errors import InputError, NotARegularFileError, TooLargeError
from khparse.model import SourceKind

# Larger inputs are refused rather than read into memory (`--max-input-size` raises it): no real
# plan comes near this, and parsing holds a few copies of the input in memory.
MAX_INPUT_BYTES = 256 * 2**20
# Text a plan may hold, as UTF-8, whatever file it comes from. The longest plan seen is 34 KB;
# 4 MiB is some 2,000 pages. Parsing costs about 15 MB of memory per MiB of clean text, repairing
# garbled text about 150 MB per MiB (4 MiB: 41 s and 660 MB): a 256 MiB text file would need tens
# of gigabytes, so text is held to this lower limit (--max-text-size).
MAX_TEXT_BYTES = 4 * 2**20
_CHUNK = 2**20
# A Windows bitmap: "BM", the file's size, two reserved words, the pixels' offset, then the size of its
# info header, one of the sizes the format's versions have (OS/2 12 and 64; Windows 40, 52, 56, 108, 124):
# two letters alone would take a text starting "BM…" for an image.
_BMP_INFO_SIZES = {12, 40, 52, 56, 64, 108, 124}
# Inputs up to this size are hashed by the interpreter's own SHA-256 (under 2 ms at ~8 ms/MiB);
# larger ones by OpenSSL's (hashlib, ~1.5 ms/MiB), whose import alone costs ~3 ms a start.
_SMALL_HASH = 256 * 2**10

_MAGIC: tuple[tuple[bytes, SourceKind, str], ...] = (
    (b"%PDF", SourceKind.pdf, "PDF"),
    (b"\x89PNG\r\n\x1a\n", SourceKind.image, "PNG"),
    (b"\xff\xd8\xff", SourceKind.image, "JPEG"),
    (b"II*\x00", SourceKind.image, "TIFF"),
    (b"MM\x00*", SourceKind.image, "TIFF"),
    # Old portals stored scanned pages as GIF; old scanner software saves BMP (blind35).
    (b"GIF87a", SourceKind.image, "GIF"),
    (b"GIF89a", SourceKind.image, "GIF"),
)
_KNOWN_BINARY: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an Excel, PowerPoint or OpenDocument file, or other), not a Word document"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (Excel or PowerPoint?), not a Word document"),
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
    # "PDF", "PNG", "JPEG", "TIFF", "WEBP", "GIF", "BMP", "DOCX", "DOC", "HTML", "MHTML", "text" or "markdown"
    format: str


_BINARY_SUFFIXES = {".pdf": "PDF", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF",
                    ".webp": "WebP", ".gif": "GIF", ".bmp": "BMP", ".docx": "Word (.docx)", ".doc": "Word (.doc)",
                    ".odt": "OpenDocument text (.odt)"}
READS = ("PDF, PNG, JPEG, TIFF, WebP, GIF, BMP, Word (.docx, .doc), OpenDocument (.odt), RTF, web pages (.html, .htm, "
         ".mhtml), .txt and .md files")


def _sniff_document(data: bytes, suffix: str) -> tuple[SourceKind, str] | None:
    """Word files and web pages, by content (a .txt holding HTML is a web page; a misnamed .docx
    works). A damaged ZIP named .docx is taken as Word, so the reader says what is wrong with it."""
    # Each reader is imported only when the bytes could be its kind (a plain text plan, the common
    # case, needs none of them): a ZIP, an OLE2 file, or markup ('<') or a MIME message near the start.
    if data.startswith(b"PK\x03\x04"):
        from khparse.read import docx

        if suffix == ".docx" or docx.is_docx(data):
            return SourceKind.docx, "DOCX"
        from khparse.read import odt

        return (SourceKind.odt, "ODT") if suffix in {".odt", ".ott"} or odt.is_odt(data) else None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        from khparse.read import doc

        if data.startswith(doc.OLE2_MAGIC):
            return (SourceKind.doc, "DOC") if doc.is_word97(data) else None
    # is_html needs a '<' in the first 2048 bytes (in UTF-16 too), is_mhtml 'multipart/related' in
    # the first 4096; without either the answer is no, and html.py is not imported.
    if b"<" not in data[:4096] and b"multipart/related" not in data[:8192].lower():
        return None
    from khparse.read import html

    if html.is_mhtml(data) or (suffix in {".mht", ".mhtml"} and b"multipart/related" in data[:8192].lower()):
        return SourceKind.html, "MHTML"
    if html.is_html(data) or (suffix in {".html", ".htm", ".xhtml"} and b"<" in data[:4096]):
        return SourceKind.html, "HTML"
    return None


def _is_bmp(data: bytes) -> bool:
    return data.startswith(b"BM") and len(data) >= 18 and int.from_bytes(data[14:18], "little") in _BMP_INFO_SIZES


def _sniff(data: bytes, path: str | None) -> tuple[SourceKind, str]:
    for magic, kind, name in _MAGIC:
        if data.startswith(magic):
            return kind, name
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":  # a RIFF container's kind stands after its size
        return SourceKind.image, "WEBP"
    if _is_bmp(data):
        return SourceKind.image, "BMP"
    if data[:16].lstrip().startswith(b"{\\rtf"):  # Rich Text Format: markup in ASCII, Word's or WordPad's
        return SourceKind.rtf, "RTF"
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
    return Source(path, data, _sha256(data), kind, fmt)


def _sha256(data: bytes) -> str:
    """The input's SHA-256, as hex; the same digest whichever implementation computes it."""
    if len(data) <= _SMALL_HASH:
        with contextlib.suppress(ImportError):
            from _sha256 import sha256  # type: ignore[import-not-found]  # CPython <= 3.11's own

            return str(sha256(data).hexdigest())
        with contextlib.suppress(ImportError):
            from _sha2 import sha256  # type: ignore[import-not-found]  # CPython >= 3.12's own

            return str(sha256(data).hexdigest())
    import hashlib

    return hashlib.sha256(data).hexdigest()


def display_name(name: str) -> str:
    """A path as it can be printed and written to JSON: a file name that is not UTF-8 (decoded by
    Python with surrogate escapes) shows its undecodable bytes as \\xNN, as `ls -b` does."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")
    return name


def from_path(path: str | os.PathLike[str], *, max_bytes: int = MAX_INPUT_BYTES, max_text: int | None = None
              ) -> Source:
    """Read a regular file, or stdin when the path is '-', at most `max_bytes` of it; a text file
    larger than `max_text` is refused before it is read (read_path)."""
    name = os.fspath(path)
    if name == "-":
        return from_bytes(read_stream(sys.stdin.buffer, "stdin", max_bytes, max_text), "-")
    return from_bytes(read_path(name, max_bytes=max_bytes, max_text=max_text), display_name(name))


_HEAD = 2**16  # enough of a file to tell plain text from every other kind (_sniff)


def _plain_text(head: bytes, name: str) -> bool:
    """Do the first bytes of a file make it plain text whatever follows? (A ZIP or OLE2 file is
    told apart only by its end, so it never is.)"""
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return False
    if b"\0" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # binary (UTF-16 text has a BOM)
        return False
    try:
        return _sniff(head, name)[0] is SourceKind.text
    except InputError:
        return False


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB" if n >= 2**20 else f"{n:,} bytes"


def too_large(name: str, limit: int, size: int | None = None) -> TooLargeError:
    what = f"{_size(size)} is" if size is not None else "it is"
    return TooLargeError(f"{name}: {what} larger than the {_size(limit)} input limit; if it really is a "
                         f"plan, raise the limit with --max-input-size (e.g. --max-input-size {2 * limit // 2**20}M).")


def text_too_large(name: str, limit: int, size: int | None = None) -> TooLargeError:
    what = f"{_size(size)} of text, more than" if size is not None else "more than"  # a stream's size is unknown
    size = size if size is not None else limit
    return TooLargeError(f"{name}: {what} the {_size(limit)} limit for the text of one "
                         "plan (a plan is rarely over 100 KB, and repairing this much text would take minutes and "
                         f"gigabytes); if it really is one plan, raise the limit with --max-text-size (e.g. "
                         f"--max-text-size {-(-2 * size // 2**20)}M).")


def check_text_size(name: str, size: int, limit: int = MAX_TEXT_BYTES) -> None:
    """Raise a TooLargeError when `size` bytes of text are over `limit`."""
    if size > limit:
        raise text_too_large(name, limit, size)


def read_stream(stream: BinaryIO, name: str, max_bytes: int = MAX_INPUT_BYTES, max_text: int | None = None) -> bytes:
    """At most `max_bytes` of a stream (stdin, an archive member), or a TooLargeError: a stream
    that never ends (`< /dev/zero`) costs at most the limit, never all the memory. A stream whose
    first 64 KiB make it plain text is read only up to `max_text`."""
    chunks: list[bytes] = []
    total, limit, text = 0, max_bytes, False
    checked = max_text is None or max_text >= max_bytes
    while total <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if not checked and total >= _HEAD:
            checked = True
            head = chunks[0] if len(chunks[0]) >= _HEAD else b"".join(chunks)
            if max_text is not None and _plain_text(head[:_HEAD], name):
                text, limit = True, max_text
    if total > limit:
        raise text_too_large(name, limit) if text else too_large(name, limit)
    return b"".join(chunks)


_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _not_a_file(shown: str, mode: int) -> NotARegularFileError:
    kind = next((what for test, what in _NOT_FILES if test(mode)), "not a regular file")
    if stat.S_ISFIFO(mode):
        hint = f"to read what a pipe carries, send it to stdin: cat {shown} | khparse extract -"
    else:
        hint = "a device or a socket may never end; give the document's file"
    return NotARegularFileError(f"{shown}: is {kind}, not a regular file, and khparse reads only files; {hint}.")


def read_path(name: str, *, max_bytes: int = MAX_INPUT_BYTES, max_text: int | None = None) -> bytes:
    """The bytes of a regular file, or an InputError that says why it cannot be read.

    Only regular files are read: a FIFO, a device (/dev/zero, /dev/urandom) or a socket may never
    end, so it is refused with its own message; opening does not block (O_NONBLOCK) and the file's
    type is checked on the descriptor opened, so a file swapped for a FIFO in between is caught too.
    At most `max_bytes` are read, whatever the size the file system reports; a file over `max_text`
    whose first bytes make it plain text is refused from those bytes alone (load.MAX_TEXT_BYTES)."""
    shown = display_name(name)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(f"{shown}: no such file.") from None
    except PermissionError:
        raise InputError(f"{shown}: permission denied.") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: is a directory; to convert many files use `khparse batch`.") from None
    except OSError as exc:  # a socket cannot be opened (ENXIO): say what it is
        try:
            mode = Path(name).stat().st_mode
        except OSError:
            mode = stat.S_IFREG
        if not stat.S_ISREG(mode):
            raise _not_a_file(shown, mode) from None
        raise InputError(f"{shown}: cannot be read ({exc.strerror or exc}).") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{shown}: is a directory; to convert many files use `khparse batch`.")
        if not stat.S_ISREG(st.st_mode):
            raise _not_a_file(shown, st.st_mode)
        if st.st_size > max_bytes:
            raise too_large(shown, max_bytes, st.st_size)
        os.set_blocking(fd, True)
        if max_text is not None and st.st_size > max_text and _plain_text(os.pread(fd, _HEAD, 0), name):
            raise text_too_large(shown, max_text, st.st_size)
        with os.fdopen(fd, "rb", buffering=0) as f:
            fd = -1  # closed by the file object from here on
            # The size the file system reports, in one read: chunks joined would hold it twice.
            data = f.read(st.st_size + 1) if 0 < st.st_size <= max_bytes else b""
            if len(data) <= st.st_size:
                rest = read_stream(f, shown, max_bytes - len(data))  # a file still growing, or /proc's size 0
                data = data + rest if rest else data
            if len(data) > max_bytes:
                raise too_large(shown, max_bytes)
            return data
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({exc.strerror or exc}).") from None
    finally:
        if fd >= 0:
            os.close(fd)


def from_text(text: str, name: str | None = None) -> Source:
    """An in-memory text, treated like a .txt file (or .md when `name` ends so)."""
    return from_bytes(text.encode("utf-8"), name)
