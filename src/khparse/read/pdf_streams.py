"""What a PDF's compressed streams decode to, measured before pdfium opens the file.

pdfium decodes a page's content stream whole, in memory: a 4 MB stream that inflates to 4 GB took
5 GB of memory, and a larger one aborts the process (SIGABRT) with no message. So every stream is
decoded here first, through its whole chain of filters, in chunks that are counted and thrown away,
and the file is refused once one stream, or all of them together, decode past a limit. What counts
is what really comes out, not a declared /Length or /DL.

Every filter that can grow its data is decoded: FlateDecode, LZWDecode and RunLengthDecode, and the
ASCIIHexDecode and ASCII85Decode that may wrap them ([/ASCIIHexDecode /FlateDecode] hides a Flate
bomb behind hex digits). A chain is followed up to its first image codec (DCT, JPX, CCITT, JBIG2,
whose pixels the raster readers bound) or unknown filter, and what comes out there is counted.
Streams cannot sit inside object streams, so every stream of the file is found in its raw bytes;
a /Filter given by reference is looked up the same way. An encrypted stream, or one whose data is
not what its filter says, stops counting where its decoder stops, as pdfium's would.
"""

from __future__ import annotations

import contextlib
import re
import struct
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from khparse.errors import InputError

# One stream: a scanned A3 page at 600 dpi in colour is a 100 MB image; a content stream of text
# is kilobytes. pdfium needs about twice a stream's decoded size while it parses it.
MAX_STREAM_BYTES = 256 * 2**20
# All streams together: 200 pages of Flate-compressed grey scans at 300 dpi are 1.7 GB; decoding
# (and dropping) this much takes a few seconds, the bound on the time this check may take.
MAX_INFLATED_BYTES = 4 * 2**30
_CHUNK = 2**20

# The most each decoder below can make of n input bytes, to skip decoding a file whose streams could
# not pass the limits even at that (a text PDF's fonts and pages are a few hundred KB): Flate codes at
# best 258 bytes in 2 bits (a length and a distance code of one bit each), 1032 a byte; an LZW code
# of at least 9 bits gives at most one table entry, under 4096 bytes; a run-length pair of 2 bytes
# gives at most 128; hex digits halve; ASCII85 gives 4 bytes for 5 digits, or for one "z". Each
# bound is (a byte's most, what a stream's end may add).
_GROWTH = {"flate": (1032, 1024), "lzw": (4096, 4096), "run_length": (64, 128), "hex": (1, 1), "a85": (4, 4)}

_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_NAME = rb"/[^\s/\[\]<>()%]*"
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|" + _NAME + rb"|(\d+)\s+(\d+)\s+R)")
_NAMES = re.compile(_NAME)
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")  # /Fl#61teDecode is /FlateDecode to pdfium
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")  # a direct length, not a reference
_EARLY_CHANGE_0 = re.compile(rb"/EarlyChange\s+0")
_DICT_REACH = 4096  # bytes before `stream` searched for its dictionary's /Filter and /Length
_WHITE = b" \t\r\n\f\x00"

Chunks = Iterator[bytes]


# Each decoder imports its codec module as it runs (zlib, binascii, base64: about 1 ms a start): most
# files are never decoded (_largest_output).


def _flate(chunks: Chunks) -> Chunks:
    import zlib

    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            while chunk:
                out = inflater.decompress(chunk, _CHUNK)
                chunk = inflater.unconsumed_tail
                if out:
                    yield out
                if inflater.eof:
                    return
    except zlib.error:
        return  # not Flate after all, encrypted or damaged: what pdfium can inflate stops here too


def _hex(chunks: Chunks) -> Chunks:
    import binascii

    odd = b""
    for chunk in chunks:
        end = chunk.find(b">")
        digits = odd + (chunk if end < 0 else chunk[:end]).translate(None, _WHITE)
        whole = len(digits) - len(digits) % 2
        try:
            yield binascii.unhexlify(digits[:whole])
        except binascii.Error:
            return
        odd = digits[whole:]
        if end >= 0:
            break
    if odd:  # a last digit alone stands for its high half; a last character that is no digit ends it
        with contextlib.suppress(binascii.Error):
            yield binascii.unhexlify(odd + b"0")


# Base-85 digits "!" to "u" as their values 0 to 84 (the other bytes are never looked up).
_A85_VALUES = bytes(range(256)).translate(bytes((i - 33) % 256 for i in range(256)))
_A85_DIGITS = bytes(range(33, 118))


def _a85_groups(text: bytes) -> bytes:
    """base64.a85decode of whole five-digit groups, with the same result and the same errors, about
    ten times faster: the standard one loops over every character in Python, and the ASCII85
    streams of a scanned PDF are megabytes."""
    import base64

    if text.translate(None, _A85_DIGITS):  # "z", ignored spaces or a bad digit: the exact decoder
        return base64.a85decode(text)
    digits = iter(text.translate(_A85_VALUES))
    groups = [(((a * 85 + b) * 85 + c) * 85 + d) * 85 + e for a, b, c, d, e in zip(*[digits] * 5, strict=True)]
    try:
        return struct.pack(f">{len(groups)}I", *groups)
    except struct.error:
        raise ValueError("Ascii85 overflow") from None


def _a85(chunks: Chunks) -> Chunks:
    import base64

    rest = b""
    for chunk in chunks:
        end = chunk.find(b"~")
        text = rest + (chunk if end < 0 else chunk[:end]).translate(None, _WHITE).replace(b"z", b"!!!!!")
        whole = len(text) - len(text) % 5
        try:
            yield _a85_groups(text[:whole])
        except ValueError:
            return
        rest = text[whole:]
        if end >= 0:
            break
    if rest:
        try:
            yield base64.a85decode(rest)
        except ValueError:
            return


def _lzw(chunks: Chunks, early: int) -> Chunks:
    table: list[bytes] = []
    prev = b""
    bits = buffer = held = 0
    out = bytearray()

    def reset() -> None:
        nonlocal prev, bits
        table[:] = [bytes([i]) for i in range(256)] + [b"", b""]  # 256 clear table, 257 end of data
        prev, bits = b"", 9

    reset()
    for chunk in chunks:
        for byte in chunk:
            buffer, held = (buffer << 8) | byte, held + 8
            while held >= bits:
                held -= bits
                code, buffer = buffer >> held, buffer & ((1 << held) - 1)
                if code == 256:
                    reset()
                    continue
                if code == 257:
                    yield bytes(out)
                    return
                if code < len(table):
                    entry = table[code]
                    if prev and len(table) < 4096:
                        table.append(prev + entry[:1])
                elif code == len(table) and prev:
                    entry = prev + prev[:1]
                    if len(table) < 4096:
                        table.append(entry)
                else:
                    yield bytes(out)
                    return  # damaged
                out += entry
                prev = entry
                bits = 12 if len(table) + early >= 2048 else 11 if len(table) + early >= 1024 else \
                    10 if len(table) + early >= 512 else 9
                if len(out) >= _CHUNK:
                    yield bytes(out)
                    out.clear()
    yield bytes(out)


def _run_length(chunks: Chunks) -> Chunks:
    pending = b""
    for chunk in chunks:
        data, at, out = pending + chunk, 0, bytearray()
        while at < len(data):
            length = data[at]
            if length == 128:  # end of data
                yield bytes(out)
                return
            if length < 128:
                if at + length + 2 > len(data):
                    break  # the run goes on in the next chunk
                out += data[at + 1 : at + length + 2]
                at += length + 2
            else:
                if at + 2 > len(data):
                    break
                out += data[at + 1 : at + 2] * (257 - length)
                at += 2
            if len(out) >= _CHUNK:
                yield bytes(out)
                out.clear()
        pending = data[at:]
        yield bytes(out)


_KINDS = {b"FlateDecode": "flate", b"Fl": "flate", b"ASCIIHexDecode": "hex", b"AHx": "hex",
          b"ASCII85Decode": "a85", b"A85": "a85", b"LZWDecode": "lzw", b"LZW": "lzw",
          b"RunLengthDecode": "run_length", b"RL": "run_length"}
_DECODERS: dict[bytes, Callable[[Chunks, int], Chunks]] = {
    b"FlateDecode": lambda c, _: _flate(c), b"Fl": lambda c, _: _flate(c),
    b"ASCIIHexDecode": lambda c, _: _hex(c), b"AHx": lambda c, _: _hex(c),
    b"ASCII85Decode": lambda c, _: _a85(c), b"A85": lambda c, _: _a85(c),
    b"LZWDecode": _lzw, b"LZW": _lzw,
    b"RunLengthDecode": lambda c, _: _run_length(c), b"RL": lambda c, _: _run_length(c),
}


def _names(value: bytes) -> list[bytes]:
    return [_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), n[1:]) for n in _NAMES.findall(value)]


def _filters(head: bytes, data: bytes, start: int) -> list[bytes]:
    """The stream's filters, in the order they decode; a reference is looked up in the raw bytes,
    and a filter that cannot be found is taken for Flate when the data starts like zlib's."""
    found = _FILTER.search(head)
    if found is None:
        return []
    if found.group(2) is None:
        return _names(found.group(1))
    target = re.search(rb"(?<!\d)%s\s+%s\s+obj\s*(\[[^\]]*\]|%s)" % (found.group(2), found.group(3), _NAME), data)
    if target is not None:
        return _names(target.group(1))
    return [b"FlateDecode"] if data[start : start + 1] == b"x" else []


def _decoded_size(data: bytes, start: int, end: int, filters: list[bytes], early: int, limit: int) -> int:
    """Bytes data[start:end] decodes to through `filters` (up to the first that is not a known
    general-purpose filter), counted up to just past `limit`."""
    view = memoryview(data)
    chunks: Chunks = (bytes(view[at : min(at + _CHUNK, end)]) for at in range(start, end, _CHUNK))
    for name in filters:
        decoder = _DECODERS.get(name)
        if decoder is None:
            break  # an image codec or an unknown filter: its input is what is counted
        chunks = decoder(chunks, early)
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            break
    return total


def _largest_output(data: bytes, start: int, end: int, filters: list[bytes]) -> int:
    """The most data[start:end] can decode to through `filters` (_decoded_size's count), by _GROWTH;
    ASCII85 first in the chain by its own digits: 4 bytes a "z", 4 for every 5 other bytes."""
    size = end - start
    for i, name in enumerate(filters):
        kind = _KINDS.get(name)
        if kind is None:
            break
        if kind == "a85" and i == 0:
            zeros = data.count(b"z", start, end)
            size = 4 * zeros + 4 * (size - zeros) // 5 + 4
        else:
            per_byte, more = _GROWTH[kind]
            size = per_byte * size + more
    return size


def _compressed_streams(data: bytes) -> Iterator[tuple[int, int, list[bytes], int]]:
    """Each stream whose first filter can grow its data: where its data starts and ends, its filters
    and LZW's EarlyChange."""
    for found in _STREAM.finditer(data):
        head = data[max(0, found.start() - _DICT_REACH) : found.start()]
        head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary, not the one before
        start = found.end()
        filters = _filters(head, data, start)
        if not filters or filters[0] not in _DECODERS:
            continue  # stored as is, or an image codec: nothing here grows
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        end = len(data) if end < start or end > len(data) else end
        early = 0 if _EARLY_CHANGE_0.search(head) else 1
        yield start, end, filters, early


def check_streams(data: bytes, name: str) -> None:
    """Raise an InputError when a stream of the PDF `data`, or all of them together, decode past
    MAX_STREAM_BYTES or MAX_INFLATED_BYTES. Streams are decoded only from where the most they could
    make (_largest_output) passes a limit: then every stream is decoded, from the first, and counted."""
    streams = _compressed_streams(data)
    seen: list[tuple[int, int, list[bytes], int]] = []
    most = 0
    for stream in streams:
        seen.append(stream)
        largest = _largest_output(data, *stream[:3])
        most += largest
        if largest > MAX_STREAM_BYTES or most > MAX_INFLATED_BYTES:
            _count_decoded(data, name, chain(seen, streams))
            return


def _count_decoded(data: bytes, name: str, streams: Iterable[tuple[int, int, list[bytes], int]]) -> None:
    total = 0
    for start, end, filters, early in streams:
        size = _decoded_size(data, start, end, filters, early, min(MAX_STREAM_BYTES, MAX_INFLATED_BYTES - total))
        total += size
        if size > MAX_STREAM_BYTES or total > MAX_INFLATED_BYTES:
            what = "one of its compressed streams" if size > MAX_STREAM_BYTES else "its compressed streams"
            limit = MAX_STREAM_BYTES if size > MAX_STREAM_BYTES else MAX_INFLATED_BYTES
            raise InputError(f"{name}: {what} would inflate to more than {limit // 2**20:,} MiB (a "
                             "decompression bomb, or a damaged PDF), so the PDF is not read.")
