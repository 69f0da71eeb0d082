"""What Word (.docx) and OpenDocument (.odt) files share: a ZIP archive of XML parts, opened and read
safely, and the lines read from them made pages.

Safety: each part is inflated with a cap (a ZIP bomb stops at the cap, whatever its header claims) and a
part that declares a DTD is refused before parsing (Word and LibreOffice never write one; so no entity
expansion can happen, which is what defusedxml would guard against).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree import ElementTree

from khparse.errors import InputError

# Uncompressed size allowed for a part: a 300-page plan with its tables is about 10 MiB of document.xml.
MAX_PART_BYTES = 64 * 2**20


@contextmanager
def opened(data: bytes, name: str, kind: str) -> Iterator[zipfile.ZipFile]:
    """The archive, or an InputError naming the `kind` of file it should have been."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{name}: not a readable {kind} file (damaged ZIP: {exc}).") from None
    with archive:
        yield archive


def read_part(archive: zipfile.ZipFile, part: str, name: str, *, limit: int = MAX_PART_BYTES) -> bytes | None:
    """A member's bytes, inflated at most to `limit` (whatever size its header claims)."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > limit:
        raise InputError(f"{name}: {part} would unpack to {info.file_size // 2**20} MiB, over the "
                         f"{limit // 2**20} MiB limit (a damaged file or a ZIP bomb).")
    try:
        with archive.open(info) as stream:
            data = stream.read(limit + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, RuntimeError, NotImplementedError, OSError) as exc:
        raise InputError(f"{name}: the file is damaged ({part}: {exc}).") from None
    except Exception as exc:  # zlib.error and friends from a corrupt deflate stream
        raise InputError(f"{name}: the file is damaged ({part}: {exc}).") from None
    if len(data) > limit:
        raise InputError(f"{name}: {part} unpacks to more than {limit // 2**20} MiB (a damaged file or a ZIP bomb).")
    return data


def parse_part(data: bytes, part: str, name: str) -> ElementTree.Element:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise InputError(f"{name}: {part} declares a DTD, which Word and LibreOffice never write; refused.")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise InputError(f"{name}: {part} is not well-formed XML ({exc}).") from None


def required_part(archive: zipfile.ZipFile, part: str, name: str, missing: str) -> ElementTree.Element:
    """Member `part` parsed, or an InputError saying `missing` when the archive has none."""
    data = read_part(archive, part, name)
    if data is None:
        raise InputError(f"{name}: {missing}")
    return parse_part(data, part, name)


_NOT_A_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError)


def member_head(data: bytes, part: str, count: int) -> bytes | None:
    """The first `count` bytes of member `part` of the ZIP archive `data`; None when it is no readable
    archive or has no such member (a sniffer's look: errors are the reader's to report)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if part not in archive.namelist():
                return None
            with archive.open(part) as stream:
                return stream.read(count)
    except _NOT_A_ZIP:
        return None
    except Exception:  # zlib.error and friends from a corrupt deflate stream
        return None


def int_or(text: str | None, default: int) -> int:
    """An attribute's integer value ("2", "restart"…), or `default` when it is none."""
    try:
        return int(text or default)
    except ValueError:
        return default


def pages_text(lines: list[str]) -> str:
    """The lines as a document's text: a form feed between pages. A page break followed by the
    renderer's own ("last rendered page break", text:soft-page-break) is one new page."""
    return re.sub(r"\f[\s\f]*\f", "\f", "\n".join(lines)).strip("\f")
