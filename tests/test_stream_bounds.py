"""read/pdf_streams.py decodes a PDF's streams only where the most they could make (_GROWTH) passes
a limit: each decoder's bound holds on its worst inputs and on any, and the guard decides at any
limits as decoding and counting every stream does."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.errors import InputError
from khparse.read import pdf_streams

from . import hostile

ROOT = Path(__file__).resolve().parent.parent
NAMES = {"Fl": b"/FlateDecode", "AHx": b"/ASCIIHexDecode", "A85": b"/ASCII85Decode", "LZW": b"/LZWDecode",
         "RL": b"/RunLengthDecode", "DCT": b"/DCTDecode"}


def _counted_and_bound(pdf: bytes) -> list[tuple[int, int]]:
    """Each stream's decoded size (all of it) and its bound."""
    return [(pdf_streams._decoded_size(pdf, start, end, filters, early, 2**62),
             pdf_streams._largest_output(pdf, start, end, filters))
            for start, end, filters, early in pdf_streams._compressed_streams(pdf)]


def _raw(encoded: bytes, *chain: str) -> bytes:
    return hostile.pdf_filtered_page_raw(encoded, b"[%s]" % b" ".join(NAMES[c] for c in chain))


WORST = {  # the most each decoder makes of its input
    "Flate of 64 MiB of spaces": hostile.pdf_stream_bomb(64),
    "Flate of zeros, one call": _raw(zlib.compress(bytes(2**24), 9), "Fl"),
    "LZW of spaces": _raw(hostile.lzw_of_spaces(20_000), "LZW"),
    "run-length pairs": _raw(b"\x81 " * 100_000 + b"\x80", "RL"),
    "ASCII85 z": _raw(b"z" * 100_000 + b"~>", "A85"),
    "ASCII85 of Flate": _raw(base64.a85encode(zlib.compress(bytes(2**22), 9)) + b"~>", "A85", "Fl"),
    "hex of run-length": _raw(bytes(b"\x81 " * 50_000 + b"\x80").hex().encode() + b">", "AHx", "RL"),
    "ASCII85 of LZW": _raw(base64.a85encode(hostile.lzw_of_spaces(5_000)) + b"~>", "A85", "LZW"),
    "Flate of run-length": _raw(zlib.compress(b"\x81 " * 100_000 + b"\x80", 9), "Fl", "RL"),
}


@pytest.mark.parametrize("pdf", WORST.values(), ids=WORST.keys())
def test_the_bound_holds_on_each_decoders_worst_input(pdf: bytes) -> None:
    for counted, bound in _counted_and_bound(pdf):
        assert 0 < counted <= bound


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000), st.lists(st.sampled_from(["Fl", "AHx", "A85", "LZW", "RL"]), min_size=1, max_size=3),
       st.booleans())
def test_the_bound_holds_on_any_stream(content: bytes, chain: list[str], encoded: bool) -> None:
    """Content encoded through the chain, or the bytes as they are behind it (damaged data)."""
    pdf = (hostile.pdf_filtered_page(content, " ".join(chain)) if encoded
           else _raw(content.replace(b"endstream", b""), *chain, "DCT"))
    for counted, bound in _counted_and_bound(pdf):
        assert counted <= bound


def _outcome(pdf: bytes, exact: bool) -> str:
    try:
        if exact:
            pdf_streams._count_decoded(pdf, "x.pdf", pdf_streams._compressed_streams(pdf))
        else:
            pdf_streams.check_streams(pdf, "x.pdf")
    except InputError as exc:
        return str(exc)
    return "read"


def test_the_guard_decides_as_counting_every_stream_does(monkeypatch: pytest.MonkeyPatch) -> None:
    """At limits from far below to above what the files' streams make, one by one and together."""
    pdfs = [p.read_bytes() for p in sorted(ROOT.glob("samples/*.pdf")) + sorted(ROOT.glob("tests/fixtures/*/*.pdf"))]
    pdfs += [*WORST.values(), hostile.pdf_filtered_page(b"BT (x) Tj ET" * 500, "A85 Fl")]
    decided = set()
    for pdf in pdfs:
        sizes = [counted for counted, _ in _counted_and_bound(pdf)]
        for stream_limit in {1, *sizes, *(s - 1 for s in sizes), max(sizes, default=0) * 4, 256 * 2**20}:
            for total_limit in {1, sum(sizes), sum(sizes) - 1, sum(sizes) * 8, 4 * 2**30}:
                monkeypatch.setattr(pdf_streams, "MAX_STREAM_BYTES", stream_limit)
                monkeypatch.setattr(pdf_streams, "MAX_INFLATED_BYTES", total_limit)
                outcome = _outcome(pdf, exact=False)
                assert outcome == _outcome(pdf, exact=True)
                decided.add(outcome == "read")
    assert decided == {True, False}
