"""Hostile inputs for the contract tests (tests/test_contract.py), generated on the spot: things that
are not regular files, links into loops and out of the tree, names that are not UTF-8, hold a newline
or are as long as a name may be, ZIP members that repeat a name, climb out with `..` or use
backslashes. Each entry says what its batch record must carry (status, error code, words of the
message); `None` for inputs that must convert."""

from __future__ import annotations

import base64
import io
import math
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from khparse.errors import ExitCode

from .conftest import ROOT, SAMPLES

LIMIT = 30  # seconds any one command may take here
# Peak memory (RSS) any one khparse process may reach on a hostile input: what a normal plan needs
# (models, pdfium, a page image at 300 dpi: 150-400 MB) with room to spare, far below what these
# inputs took before they were bounded (0.8 GB for 40 KB of text without punctuation, 5 GB for a
# PDF stream inflating to 4 GB).
MEMORY_LIMIT_MB = 700

# Runs the command given after the file name, then writes the largest peak RSS (KiB) of the
# processes it waited for (khparse and whatever it waited for in turn) to that file.
_MEASURE = """import resource, subprocess, sys
done = subprocess.run(sys.argv[2:])
with open(sys.argv[1], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(done.returncode if done.returncode >= 0 else 128 - done.returncode)
"""


class Run(subprocess.CompletedProcess[bytes]):
    """A finished khparse command, with its time and the peak memory of its processes."""

    seconds: float
    peak_mb: float


def khparse(*args: str, stdin: Any = None, stdout: Any = subprocess.PIPE, input: bytes | None = None,
            env: dict[str, str] | None = None, tmp: Path | None = None, limit: float = LIMIT) -> Run:
    """Run `python -m khparse ARGS` in a session of its own and check it is bounded: done within
    `limit` seconds, no process of its session left when it is, and, given `tmp`, nothing left in
    the temporary folder it was given (TMPDIR). Returns the result with its time and peak memory."""
    environ = dict(env if env is not None else os.environ)
    if tmp is not None:
        tmp.mkdir(parents=True, exist_ok=True)
        environ["TMPDIR"] = str(tmp)
    peak_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"khparse-test-peak-{os.getpid()}-{time.monotonic_ns()}"
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(peak_file), sys.executable, "-m", "khparse", *args],
                            stdin=subprocess.PIPE if input is not None else stdin, stdout=stdout,
                            stderr=subprocess.PIPE, cwd=ROOT, env=environ, start_new_session=True)
    try:
        out, err = proc.communicate(input, timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"khparse {' '.join(args)} took more than {limit:g} s") from None
    seconds = time.monotonic() - started
    try:
        peak_kib = int(peak_file.read_text())
    finally:
        peak_file.unlink(missing_ok=True)
    left = session_left(proc.pid)
    assert not left, f"processes left behind: {left}"
    if tmp is not None:
        assert not list(tmp.iterdir()), f"left in the temporary folder: {sorted(tmp.rglob('*'))}"
    result = Run(proc.args, proc.returncode, out, err)
    result.seconds, result.peak_mb = seconds, peak_kib / 1024
    return result


def session_left(sid: int, wait: float = 5.0) -> list[str]:
    """The processes still in session `sid` (its leader's pid) after up to `wait` seconds."""
    deadline = time.monotonic() + wait
    while True:
        left = []
        for stat_file in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat_file.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            if int(fields[3]) == sid and fields[0] != "Z":  # fields: state, ppid, pgrp, session
                left.append(stat_file.parent.name)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def one_sentence(result: subprocess.CompletedProcess[bytes], code: ExitCode, words: str) -> str:
    """The command failed with `code` and one line on stderr holding `words`, no traceback."""
    err = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == code, err
    assert err.startswith("khparse: error:") and err.count("\n") == 1, err
    assert words in err and "Traceback" not in err and "internal error" not in err, err
    return err


def no_temp_files(folder: Path) -> None:
    assert not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]

PLAN = (SAMPLES / "thuong-xuan-2025.md").read_bytes()


@dataclass(frozen=True)
class Expect:
    status: str  # ok, partial, failed
    code: str | None = None  # error.code when failed
    words: str = ""  # in error.message


OK = Expect("ok")
NOT_A_FILE_FIFO = Expect("failed", "input_unreadable", "named pipe (FIFO)")
NOT_A_FILE_DEVICE = Expect("failed", "input_unreadable", "character device")
NOT_A_FILE_SOCKET = Expect("failed", "input_unreadable", "socket")


def _plan(i: int) -> bytes:
    """A distinct plan (its hash differs), quick to parse."""
    return PLAN + f"\n<!-- bản {i} -->\n".encode()


def make_hostile_tree(root: Path, outside: Path) -> tuple[list[tuple[bytes, Expect]], list[socket.socket]]:
    """A folder of hostile entries under `root` (and a folder `outside` it, linked in twice).
    Returns the expected record per input (its path bytes relative to `root`, in no order) and the
    sockets to close afterwards."""
    root.mkdir(parents=True)
    outside.mkdir(parents=True)
    expect: list[tuple[bytes, Expect]] = []

    def plan(relative: bytes, i: int) -> None:
        path = Path(os.fsdecode(os.fsencode(root) + b"/" + relative))  # bytes: names that are not UTF-8
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_plan(i))
        expect.append((relative, OK))

    plan(b"a-plan.md", 0)
    plan(b"sub/b-plan.md", 1)
    os.mkfifo(root / "fifo.md")
    expect.append((b"fifo.md", NOT_A_FILE_FIFO))
    (root / "zero.md").symlink_to("/dev/zero")
    expect.append((b"zero.md", NOT_A_FILE_DEVICE))
    (root / "urandom.md").symlink_to("/dev/urandom")
    expect.append((b"urandom.md", NOT_A_FILE_DEVICE))
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(root / "socket.md"))
    expect.append((b"socket.md", NOT_A_FILE_SOCKET))
    (root / "sub" / "up").symlink_to("..")  # a loop: never walked
    (root / "sub" / "self").symlink_to(".")  # a loop too
    (outside / "c-outside.md").write_bytes(_plan(2))
    (root / "out1").symlink_to(outside)  # out of the tree: walked once …
    (root / "out2").symlink_to(outside)  # … not twice
    expect.append((b"out1/c-outside.md", OK))
    plan(b"latin-\xe9\xff.md", 3)  # not UTF-8
    plan(b"new\nline.md", 4)  # a newline in the name: one input
    plan(b"x" * 243 + b".md", 5)  # 246 bytes: legal, but "<name>.json" and a temp name would not be
    plan("tên-tiếng-việt-".encode() * 12 + b".md", 6)  # long in UTF-8 bytes, not in characters
    (root / "dangling.md").symlink_to(root / "nothing-here.md")
    expect.append((b"dangling.md", Expect("failed", "input_unreadable", "no such file")))
    with zipfile.ZipFile(root / "members.zip", "w") as archive, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": that is the point
        for n, name in enumerate(["d/x.md", "d\\x.md", "../climb.md", "/abs.md", "dup.md", "dup.md"]):
            archive.writestr(name, _plan(10 + n))
            expect.append((f"members.zip/{name}".encode(), OK))
    return expect, [sock]


# --- Inputs that once grew memory, time or processes without bound -----------------------------

def text_without_punctuation(size: int) -> bytes:
    """`size` bytes of garbled Vietnamese (the garbled seed's words) with no punctuation, digit or
    blank line: one phrase for the repair decoder however long, as a table-like page can be."""
    words = re.sub(r"[^\w\s]|\d", " ", (SAMPLES / "ben-tam-2025.txt").read_text("utf-8"))
    lines = "\n".join(line for line in (" ".join(raw.split()) for raw in words.split("\n")) if line) + "\n"
    return (lines * (size // len(lines.encode()) + 1)).encode()[:size].decode("utf-8", "ignore").encode()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; object 1 the catalogue) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(data), extra, data)


def pdf_stream_bomb(inflated_mib: int) -> bytes:
    """One page whose content stream is `inflated_mib` MiB of spaces, Flate-compressed ~1,000:1."""
    packer = zlib.compressobj(9)
    mib = b" " * 2**20
    packed = b"".join(packer.compress(mib) for _ in range(inflated_mib)) + packer.flush()
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 _stream(packed, b"/Filter /FlateDecode ")])


def _lzw_pack(codes: list[int], early: int = 1) -> bytes:
    """LZW codes after a clear code, each as wide as PDF's reader expects it: after its i-th code
    (from 0) it holds 258 + i entries (at most 4,096), and widens one code early (EarlyChange 1)."""
    out = bytearray()
    held = number = 0
    bits = 9
    for i, code in enumerate([256, *codes, 257]):
        number, held = (number << bits) | code, held + bits
        while held >= 8:
            held -= 8
            out.append(number >> held)
            number &= (1 << held) - 1
        size = min(258 + max(i - 1, 0), 4096) + early
        bits = 12 if size >= 2048 else 11 if size >= 1024 else 10 if size >= 512 else 9
    if held:
        out.append(number << (8 - held))
    return bytes(out)


def lzw(data: bytes) -> bytes:
    """`data` encoded as PDF's LZWDecode reads it (a clear code first, EarlyChange 1)."""
    table = {bytes([i]): i for i in range(256)}
    codes, word = [], b""
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        if len(table) + 2 < 4096:
            table[longer] = len(table) + 2
        word = bytes([byte])
    if word:
        codes.append(table[word])
    return _lzw_pack(codes)


def lzw_of_spaces(repeats: int) -> bytes:
    """LZW of one byte repeated: codes for runs of 1, 2, … 3,839 spaces until the table is full,
    then `repeats` times the longest: about 3.8 KB of output per 12-bit code."""
    return _lzw_pack([32, *range(258, 4096), *[4095] * repeats])


def run_length(data: bytes) -> bytes:
    """RunLengthDecode's encoding: runs of one byte as (257 - n, byte), the rest literally."""
    out, at = bytearray(), 0
    while at < len(data):
        run = 1
        while at + run < len(data) and run < 128 and data[at + run] == data[at]:
            run += 1
        if run > 1:
            out += bytes([257 - run, data[at]])
        else:
            out += bytes([0, data[at]])
        at += run
    return bytes(out + b"\x80")


def pdf_filtered_page(content: bytes, chain: str) -> bytes:
    """One page whose content stream is `content` encoded by a chain of filters, the first listed
    decoding first: "AHx Fl" is hex digits of Flate data."""
    encode = {"Fl": zlib.compress, "AHx": lambda d: d.hex().encode() + b">",
              "A85": lambda d: base64.a85encode(d, wrapcol=80) + b"~>", "LZW": lzw, "RL": run_length}
    names = {"Fl": b"/FlateDecode", "AHx": b"/ASCIIHexDecode", "A85": b"/ASCII85Decode", "LZW": b"/LZWDecode",
             "RL": b"/RunLengthDecode"}
    steps = chain.split()
    for step in reversed(steps):
        content = encode[step](content)
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 _stream(content, b"/Filter [%s] " % b" ".join(names[s] for s in steps))])


def pdf_filter_bomb(chain: str) -> bytes:
    """A content stream of spaces that decodes to 384 MiB to 1 GiB, behind a chain of filters that
    does not start with Flate ("AHx Fl", "A85 Fl", "LZW", "RL")."""
    if chain.endswith("Fl"):
        flate = pdf_stream_bomb(384)  # past the 256 MiB limit of one stream, quicker to make than 1 GiB
        packed = flate[flate.index(b"stream\n") + 7 : flate.index(b"\nendstream")]
        encode = {"AHx": lambda d: d.hex().encode() + b">", "A85": lambda d: base64.a85encode(d) + b"~>"}
        names = {"AHx": b"/ASCIIHexDecode", "A85": b"/ASCII85Decode"}
        head = chain.split()[0]
        return _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                     _stream(encode[head](packed), b"/Filter [%s /FlateDecode] " % names[head])])
    if chain == "RL":  # 128 spaces per two bytes: 8 MiB of runs make 512 MiB
        return pdf_filtered_page_raw(b"\x81 " * (4 * 2**20) + b"\x80", b"/RunLengthDecode")
    return pdf_filtered_page_raw(lzw_of_spaces(2**18), b"/LZWDecode")  # 2**18 x 3,839 bytes: 960 MiB


def pdf_filtered_page_raw(encoded: bytes, filters: bytes) -> bytes:
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", _PAGE,
                 _stream(encoded, b"/Filter %s " % filters)])


def pdf_page_tree_loop() -> bytes:
    """A page tree whose second node names the root as its child (found 16 times in 3,000 fuzzed PDFs)."""
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [5 0 R 3 0 R] /Count 2 >>", _PAGE, _stream(b""),
                 b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>"])


def pdf_blank_pages(pages: int) -> bytes:
    """`pages` blank pages (each would be OCRed: there is no text layer)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return _pdf([_CATALOG, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), b"<< >>", _stream(b""),
                 *[page] * pages])


def _tiff_pages(*pages: Image.Image, **save: Any) -> bytearray:
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=list(pages[1:]), **save)
    return bytearray(buffer.getvalue())


def _ifd_entries(data: bytearray, ifd: int) -> list[int]:
    """Offsets of the 12-byte entries of the IFD at `ifd` (little-endian TIFF)."""
    count = struct.unpack_from("<H", data, ifd)[0]
    return [ifd + 2 + 12 * i for i in range(count)]


def tiff_second_frame_bomb() -> bytes:
    """Two small pages, the second's header rewritten to claim 60,000 x 60,000 pixels (3.6 gigapixels)."""
    data = _tiff_pages(Image.new("L", (600, 300), 255), Image.new("L", (600, 300), 255), compression="tiff_deflate")
    first = struct.unpack_from("<I", data, 4)[0]
    second = struct.unpack_from("<I", data, first + 2 + 12 * struct.unpack_from("<H", data, first)[0])[0]
    for entry in _ifd_entries(data, second):
        tag, kind = struct.unpack_from("<HH", data, entry)
        if tag in (256, 257, 278):  # width, length, rows per strip
            struct.pack_into("<H" if kind == 3 else "<I", data, entry + 8, 60000)
    return bytes(data)


def tiff_infinite_resolution() -> bytes:
    """A page whose resolution is stored as a double holding infinity."""
    data = _tiff_pages(Image.new("L", (600, 300), 255), dpi=(300, 300))
    for entry in _ifd_entries(data, struct.unpack_from("<I", data, 4)[0]):
        tag, _, _, where = struct.unpack_from("<HHII", data, entry)
        if tag in (282, 283):  # XResolution, YResolution: RATIONAL → DOUBLE
            struct.pack_into("<H", data, entry + 2, 12)
            struct.pack_into("<d", data, where, math.inf)
    return bytes(data)


def zip_member_lying_about_size(path: Path, inflated_mib: int, declared: int) -> None:
    """An archive of one member, `inflated_mib` MiB of text, whose headers declare `declared` bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("plan.txt", b"ke hoach " * (inflated_mib * 2**20 // 9))
    data = bytearray(path.read_bytes())
    real = struct.pack("<I", inflated_mib * 2**20 // 9 * 9)
    for at in (m.start() for m in re.finditer(re.escape(real), bytes(data))):  # local header and directory
        data[at : at + 4] = struct.pack("<I", declared)
    path.write_bytes(bytes(data))


def scan_pages(pages: int) -> bytes:
    """A scan of `pages` pages (the sample scan's two, repeated): OCR keeps workers busy a while."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    sample = pdfium.PdfDocument(str(SAMPLES / "thuong-xuan-2025-scan.pdf"))
    document = pdfium.PdfDocument.new()
    while len(document) < pages:
        document.import_pages(sample, [len(document) % len(sample)])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def mutants(count: int, seed: int = 0) -> list[tuple[str, bytes]]:
    """`count` damaged copies of the samples (PDF, PNG, TIFF, text): bytes flipped, cut, repeated,
    or PDF tokens that break structure (a reference to the page tree, a huge /Count, a broken
    stream length) written over the original, as a fuzzer finds them."""
    import random

    rng = random.Random(seed)
    sources = [(p.name, p.read_bytes()) for p in sorted(SAMPLES.iterdir())
               if p.suffix in (".pdf", ".png", ".txt", ".md") and p.stat().st_size < 2**20]
    sources.append(("pages.tif", _tiff_pages(Image.new("L", (300, 200), 255), Image.new("L", (300, 200), 0))))
    tokens = [b"2 0 R", b"/Count 999999999", b"/Length 99999999", b"/Kids [2 0 R]", b"/Parent 3 0 R",
              b"/FlateDecode", b"<<", b">>", b"endstream", b"\x00" * 16, b"\xff" * 8, b"1 0 obj"]
    out = []
    for n in range(count):
        name, data = sources[n % len(sources)]
        buffer = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(buffer))
            how = rng.randrange(4)
            if how == 0:
                buffer[at] ^= 1 << rng.randrange(8)
            elif how == 1:
                del buffer[at : at + rng.randint(1, 4096)]
            elif how == 2:
                buffer[at:at] = buffer[at : at + rng.randint(1, 512)] * rng.randint(2, 8)
            else:
                token = rng.choice(tokens)
                buffer[at : at + len(token)] = token
        out.append((f"{n}-{name}", bytes(buffer)))
    return out


def fuzz(count: int, seed: int = 0) -> None:
    """Extract every mutant (OCR off: the fuzz is of the readers, not of tesseract) and print each
    one that fails otherwise than with a KhparseError, as `name<TAB>error`."""
    from khparse.errors import KhparseError
    from khparse.load import from_bytes
    from khparse.pipeline import extract_source

    for name, data in mutants(count, seed):
        try:
            extract_source(from_bytes(data, name), ocr="never")
        except KhparseError:
            pass
        except Exception as exc:
            print(f"{name}\t{type(exc).__name__}: {exc}", flush=True)
