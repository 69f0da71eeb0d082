"""tesseract in-process (read/engine.py's interface): libtesseract's C API through ctypes.

Why: the command (read/tesseract.py) loads the `vie` model for every page and every batch of crops
(~60 ms even for a blank image), and each page is written out as a BMP and its TSV parsed back.
Here one initialised API per language stays in the process (a worker's, or the parent's) and pages
are handed over as raw pixels; the model loads once. The readings are the command's: the API is
set up as `tesseract FILE stdout -l vie --psm N [--dpi D] tsv` sets it up (tesseract.cpp: Init with
the `tsv` config and OEM_DEFAULT, the page mode, `user_defined_dpi`; OSD with the `osd` model, as
`--psm 0` without `-l` takes), its TSV is the one the command prints, and it goes through the same
parsing and error handling (tesseract._read_page), so the JSON is the same.

Each reading runs in its own thread: ctypes lets go of the GIL during a call, so a page read early
(read/early.py) or beside its table cells (read/grid.py) runs on another core while Python
prepares the page, as the command did; a reading past its timeout is stopped by its monitor's
deadline (TessMonitorSetDeadlineMSecs), and the caller is not kept waiting for it. Readings that
run at once take separate APIs (an API reads one image at a time); a freed API is kept for the next.

The engine is plain data (`cmd`): the library is loaded in the process that reads, when it first
reads. Where it cannot be loaded, is not tesseract 5, or is not the library of the `tesseract` the
command engine would run, the command engine does the work (tesseract.default_engine chooses).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from khparse.read import tesseract

if TYPE_CHECKING:
    from PIL import Image

    from khparse.read.engine import OcrPage, Orientation
    from khparse.read.layout import Word

_SONAME = "libtesseract.so.5"
_OEM_DEFAULT = 3  # as the command: the LSTM model where the traineddata has one
_PSM_OSD_ONLY = 0
_L_SEVERITY_ERROR = 5  # leptonica's messages: errors only, as the command sets them
# The header TessTsvRenderer prints before the pages' records (GetTsvText gives the records only).
_TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
_FAILED_INIT = "Failed loading language '{lang}'\nCould not initialize tesseract."  # the command's words
_PR_SET_NAME = 15
_prctl = ctypes.CDLL(None).prctl if sys.platform.startswith("linux") else None


def _declare(lib: ctypes.CDLL) -> None:
    """The C API's signatures; AttributeError when the library lacks one (another version)."""
    p, i, s = ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p
    for name, res, args in (
        ("TessVersion", s, []),
        ("TessBaseAPICreate", p, []),
        ("TessBaseAPIInit1", i, [p, s, s, i, ctypes.POINTER(s), i]),
        ("TessBaseAPISetVariable", i, [p, s, s]),
        ("TessBaseAPISetPageSegMode", None, [p, i]),
        ("TessBaseAPISetImage", None, [p, s, i, i, i, i]),
        ("TessBaseAPIRecognize", i, [p, p]),
        ("TessBaseAPIGetTsvText", p, [p, i]),
        ("TessDeleteText", None, [p]),
        ("TessBaseAPIDetectOrientationScript", i, [p, ctypes.POINTER(i), ctypes.POINTER(ctypes.c_float),
                                                  ctypes.POINTER(s), ctypes.POINTER(ctypes.c_float)]),
        ("TessBaseAPIClear", None, [p]),
        ("TessBaseAPIEnd", None, [p]),
        ("TessBaseAPIDelete", None, [p]),
        ("TessMonitorCreate", p, []),
        ("TessMonitorDelete", None, [p]),
        ("TessMonitorSetDeadlineMSecs", None, [p, i]),
    ):
        function = getattr(lib, name)
        function.restype, function.argtypes = res, args


def _same_install(lib_path: str, cmd: str) -> bool:
    """The library is the one `cmd` runs on: both under one prefix (/usr/lib/… and /usr/bin/tesseract),
    not a tesseract built into /usr/local beside the distribution's library, whose readings may differ."""
    program = shutil.which(cmd)
    if program is None:
        return False
    prefix = Path(os.path.realpath(program)).parent.parent
    return Path(os.path.realpath(lib_path)).is_relative_to(prefix)


def _loaded_path(name: str) -> str:
    """Where the dynamic linker found `name` (this process's memory map)."""
    with contextlib.suppress(OSError), Path("/proc/self/maps").open() as maps:
        for line in maps:
            if name in line:
                return line.split(maxsplit=5)[-1].strip()
    return ""


@functools.cache
def library(cmd: str = "tesseract") -> ctypes.CDLL | None:
    """libtesseract 5 with the C API khparse calls, the library of `cmd`; None when there is none."""
    # One thread per tesseract (OpenMP reads its limit once, when libgomp loads), as the command's
    # environment has it (tesseract._env): the page workers are the parallelism.
    limit = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = limit or "1"
    try:
        lib = ctypes.CDLL(_SONAME)
        _declare(lib)
    except (OSError, AttributeError):
        return None
    finally:
        if limit is None:
            del os.environ["OMP_THREAD_LIMIT"]
    version = (lib.TessVersion() or b"").decode("ascii", "replace")
    if not version.startswith("5.") or not _same_install(_loaded_path(_SONAME) or _SONAME, cmd):
        return None
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("liblept.so.5").setMsgSeverity(_L_SEVERITY_ERROR)
    return lib


class _Apis:
    """Initialised APIs kept for reuse, by language: taken for one reading, given back after it.
    A forked worker starts with none of its parent's (they are the parent's, maybe mid-reading)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.free: dict[str, list[int]] = {}

    def take(self, lib: ctypes.CDLL, lang: str) -> int | None:
        with self.lock:
            if self.free.get(lang):
                return self.free[lang].pop()
        api = lib.TessBaseAPICreate()
        # As tesseract.cpp's Init: the `tsv` config for pages (TSV output: tessedit_create_tsv), none for OSD.
        configs = (ctypes.c_char_p * 1)(b"tsv") if lang != "osd" else None
        if lib.TessBaseAPIInit1(api, None, lang.encode(), _OEM_DEFAULT, configs, 1 if configs else 0) != 0:
            lib.TessBaseAPIDelete(api)
            return None
        # tesseract's messages ("Estimating resolution as …") went to the command's stderr, which
        # khparse read only when it failed; in-process they would reach khparse's stderr.
        lib.TessBaseAPISetVariable(api, b"debug_file", os.devnull.encode())
        return int(api)

    def give(self, lib: ctypes.CDLL, lang: str, api: int) -> None:
        lib.TessBaseAPIClear(api)  # the image and its results go; the model stays
        with self.lock:
            self.free.setdefault(lang, []).append(api)


_APIS = _Apis()
_RUNNING: set[Reading] = set()  # stopped and waited for at exit: the library must not be mid-page then


def _forget_parents() -> None:
    global _APIS
    _APIS = _Apis()  # a new lock too: the parent's may have been held by one of its threads
    _RUNNING.clear()


os.register_at_fork(after_in_child=_forget_parents)


class Reading:
    """One reading on its own thread, as tesseract.children.Running is one run of the command:
    `wait` gives its output as the command's (TSV on stdout) or raises subprocess.TimeoutExpired;
    `kill` stops it at its next word. Neither waits for a stopped reading to end."""

    def __init__(self, lib: ctypes.CDLL, lang: str, work: Callable[[int, int], bytes | None]) -> None:
        self.lib, self.lang, self.work = lib, lang, work
        self.monitor = lib.TessMonitorCreate()
        self.lock = threading.Lock()  # the monitor is not deleted while `kill` sets its deadline
        self.done: subprocess.CompletedProcess[bytes] | None = None
        self.thread = threading.Thread(target=self._run, name="khparse-ocr", daemon=True)
        _RUNNING.add(self)
        self.thread.start()

    def _run(self) -> None:
        if _prctl is not None:  # seen as "tesseract" (top -H, /proc/PID/task/*/comm), as the command was
            _prctl(_PR_SET_NAME, b"tesseract")
        api = _APIS.take(self.lib, self.lang)
        try:
            if api is None:
                out = subprocess.CompletedProcess([], 1, b"", _FAILED_INIT.format(lang=self.lang).encode())
            else:
                read = self.work(api, self.monitor)
                out = subprocess.CompletedProcess([], 0 if read is not None else 1, read or b"",
                                                  b"" if read is not None else b"Error during processing.")
            self.done = out
        finally:
            if api is not None:
                _APIS.give(self.lib, self.lang, api)
            with self.lock:
                self.lib.TessMonitorDelete(self.monitor)
                self.monitor = None
            _RUNNING.discard(self)

    def wait(self, timeout: float) -> subprocess.CompletedProcess[bytes]:
        try:
            self.thread.join(max(0.0, timeout))
        finally:
            if self.thread.is_alive():
                self.kill()
        if self.done is None:
            raise subprocess.TimeoutExpired(["tesseract"], timeout)
        return self.done

    def kill(self) -> None:
        # The deadline is the only way to stop a reading from outside (a cancel callback would
        # need the GIL at every word); 1 ms, since 0 means none.
        with self.lock:
            if self.monitor is not None:
                self.lib.TessMonitorSetDeadlineMSecs(self.monitor, 1)


@atexit.register
def _stop_all() -> None:
    for reading in list(_RUNNING):
        reading.kill()
        reading.thread.join(5)


def _pixels(image: Image.Image) -> tuple[bytes, int, int]:
    """`image` as TessBaseAPISetImage takes it: the pixels, bytes per pixel (0: one bit, 1 white,
    rows to the byte, as PIL's mode "1" holds them) and bytes per line; other modes as RGB, as the
    command's BMP has them (tesseract._image_bytes)."""
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    depth = {"1": 0, "L": 1, "RGB": 3}[image.mode]
    return image.tobytes(), depth, (image.width + 7) // 8 if depth == 0 else image.width * depth


def _set_image(lib: ctypes.CDLL, api: int, image: Image.Image) -> None:
    data, depth, line = _pixels(image)
    lib.TessBaseAPISetImage(api, data, image.width, image.height, depth, line)


def _tsv(lib: ctypes.CDLL, api: int, page: int) -> str:
    text = lib.TessBaseAPIGetTsvText(api, page)
    if not text:
        return ""
    try:
        return ctypes.string_at(text).decode("utf-8", "replace")
    finally:
        lib.TessDeleteText(text)


def _read_images(lib: ctypes.CDLL, images: Sequence[Image.Image], psm: int, dpi: int | None
                 ) -> Callable[[int, int], bytes | None]:
    """A reading of `images` as the command reads a file of them (one page each): its TSV."""

    def work(api: int, monitor: int) -> bytes | None:
        # user_defined_dpi as --dpi sets it; reset where none is given (the API is reused).
        lib.TessBaseAPISetVariable(api, b"user_defined_dpi", str(dpi or 0).encode())
        lib.TessBaseAPISetPageSegMode(api, psm)
        records = [_TSV_HEADER]
        for page, image in enumerate(images):
            _set_image(lib, api, image)
            if lib.TessBaseAPIRecognize(api, monitor) < 0:
                return None  # stopped (its deadline) or failed: the command's "Error during processing."
            records.append(_tsv(lib, api, page))
        return "".join(records).encode()

    return work


def _psm(options: list[str]) -> int:
    return int(options[options.index("--psm") + 1])


@dataclass(frozen=True)
class TesseractApi:
    """libtesseract in this process as an OcrEngine; the command `cmd` where the library is missing."""

    cmd: str = "tesseract"
    name: str = "tesseract"

    @property
    def command(self) -> tesseract.Tesseract:
        return tesseract.Tesseract(self.cmd, self.name)

    def missing(self) -> str | None:
        return tesseract.tesseract_missing()

    def start(self, image: Image.Image, *, dpi: int | None) -> tesseract.StartedPage | None:
        """The page's reading started (read/early.py, read/grid.py), as tesseract.start_page starts the command."""
        lib = library(self.cmd)
        if lib is None:
            return tesseract.start_page(image, dpi=dpi, engine=self.command)
        psm = _psm(tesseract._page_options(dpi, False))
        return tesseract.StartedPage(image, dpi, Reading(lib, tesseract.LANG, _read_images(lib, [image], psm, dpi)))

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        lib = library(self.cmd)
        if lib is None:
            return self.command.recognise(image, dpi=dpi, timeout=timeout, name=name, page=page, block=block)
        psm = _psm(tesseract._page_options(dpi, block))
        reading = Reading(lib, tesseract.LANG, _read_images(lib, [image], psm, dpi))
        return tesseract._read_page(lambda: reading.wait(timeout), image, timeout=timeout, name=name, page=page)

    def read_crops(self, crops: Sequence[Image.Image], *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        """As tesseract.read_crops: each crop one page (--psm 8 or 7, --dpi 300), all in one reading."""
        lib = library(self.cmd)
        if lib is None:
            return self.command.read_crops(crops, word=word, timeout=timeout)
        if not crops:
            return []
        frames = [c if c.mode in ("1", "L") else c.convert("L") for c in crops]  # as the command's TIFF
        try:
            done = Reading(lib, tesseract.LANG, _read_images(lib, frames, 8 if word else 7, 300)).wait(timeout)
        except subprocess.TimeoutExpired:
            return [() for _ in crops]
        return tesseract.crops_words(done, len(crops))

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        lib = library(self.cmd)
        if lib is None:
            return self.command.orientation(image, timeout=timeout)

        def work(api: int, monitor: int) -> bytes | None:
            lib.TessBaseAPISetPageSegMode(api, _PSM_OSD_ONLY)
            _set_image(lib, api, image)
            degrees, confidence = ctypes.c_int(), ctypes.c_float()
            script, script_confidence = ctypes.c_char_p(), ctypes.c_float()
            if not lib.TessBaseAPIDetectOrientationScript(api, ctypes.byref(degrees), ctypes.byref(confidence),
                                                          ctypes.byref(script), ctypes.byref(script_confidence)):
                return None
            # TessOsdRenderer's figures (GetOsdText): "Rotate" is the clockwise turn that sets the
            # page upright, its confidence printed with two decimals.
            rotate = (360 - degrees.value) % 360
            return f"Rotate: {rotate}\nOrientation confidence: {confidence.value:.2f}\n".encode()

        try:
            done = Reading(lib, "osd", work).wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        return tesseract.osd_orientation(done)
