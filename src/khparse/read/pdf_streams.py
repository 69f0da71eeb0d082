"""What a PDF's compressed streams inflate to, measured before pdfium opens the file.

pdfium inflates a page's content stream whole, in memory: a 4 MB stream that inflates to 4 GB took
5 GB of memory, and a larger one aborts the process (SIGABRT) with no message. So every Flate
stream is inflated here first, in chunks that are counted and thrown away, and the file is refused
once one stream, or all of them together, inflate past a limit. What counts is what really
inflates, not a declared /Length or /DL. Streams cannot sit inside object streams, so every
stream of the file is found in its raw bytes; an encrypted stream, or one whose data is not Flate
after all, stops counting where zlib stops.
"""

from __future__ import annotations

import re
import zlib

from khparse.errors import InputError

# One stream: a scanned A3 page at 600 dpi in colour is a 100 MB image; a content stream of text
# is kilobytes. pdfium needs about twice a stream's inflated size while it parses it.
MAX_STREAM_BYTES = 256 * 2**20
# All streams together: 200 pages of Flate-compressed grey scans at 300 dpi are 1.7 GB; inflating
# (and dropping) this much takes a few seconds, the bound on the time this check may take.
MAX_INFLATED_BYTES = 4 * 2**30
_CHUNK = 2**20

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_FIRST_FILTER = re.compile(rb"/Filter\s*\[?\s*/(\w+)")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")  # a direct length, not a reference
_DICT_REACH = 4096  # bytes before `stream` searched for its dictionary's /Filter and /Length


def _inflated_size(data: bytes, start: int, end: int, limit: int) -> int:
    """Bytes the Flate data in data[start:end] inflates to, counted up to just past `limit`."""
    inflater = zlib.decompressobj()
    total = 0
    pending = memoryview(data)[start:end]
    try:
        while pending and total <= limit:
            total += len(inflater.decompress(pending, _CHUNK))
            pending = memoryview(inflater.unconsumed_tail) if inflater.unconsumed_tail else pending[len(pending):]
            if inflater.eof:
                break
    except zlib.error:
        pass  # not Flate after all, encrypted or damaged: what pdfium can inflate stops here too
    return total


def check_streams(data: bytes, name: str) -> None:
    """Raise an InputError when a Flate stream of the PDF `data`, or all of them together, inflate
    past MAX_STREAM_BYTES or MAX_INFLATED_BYTES."""
    total = 0
    for found in _STREAM.finditer(data):
        head = data[max(0, found.start() - _DICT_REACH) : found.start()]
        head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary, not the one before
        first = _FIRST_FILTER.search(head)
        if first is None or first.group(1) not in (b"FlateDecode", b"Fl"):
            continue
        start = found.end()
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        end = len(data) if end < start or end > len(data) else end
        size = _inflated_size(data, start, end, min(MAX_STREAM_BYTES, MAX_INFLATED_BYTES - total))
        total += size
        if size > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            what = "one of its compressed streams" if size > MAX_STREAM_BYTES else "its compressed streams"
            limit = MAX_STREAM_BYTES if size > MAX_STREAM_BYTES else MAX_INFLATED_BYTES
            raise InputError(f"{name}: {what} would inflate to more than {limit // 2**20:,} MiB (a "
                             "decompression bomb, or a damaged PDF), so the PDF is not read.")
