"""The tesseract engine (read/engine.py's interface): word boxes and confidences (TSV) from the
Vietnamese model, orientation from the OSD model, pages in parallel.

The dependency check runs once, before the first page, so a missing `vie` model is reported at
once with the install command, not after minutes of work. Pages are OCRed in worker processes
(`jobs`); results come back in page order whatever order they finish in.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from khparse.errors import ExitCode, InputError, KhparseError, MissingDependencyError
from khparse.read import children, pdf, raster
from khparse.read.engine import OcrEngine, OcrPage, Orientation
from khparse.read.layout import WORD_PUNCTUATION, Word

if TYPE_CHECKING:
    from PIL import Image

LANG = "vie"
INSTALL = "sudo apt-get install tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd"


class OcrTimeoutError(KhparseError):
    """tesseract did not finish a page within its timeout."""

    exit_code = ExitCode.input_unreadable
    stage = "text"


@dataclass(frozen=True)
class PageJob:
    """Everything a worker needs for one page; plain data, so it crosses process boundaries."""

    kind: str  # "pdf" | "image"
    data: bytes
    name: str
    index: int  # 0-based
    dpi: int | None  # None: the scan's own resolution (see pdf.render)
    timeout: float
    engine: OcrEngine


def tesseract_cmd() -> str:
    """pytesseract's setting; its default, "tesseract", while nothing has imported it."""
    module = sys.modules.get("pytesseract.pytesseract")
    return str(module.tesseract_cmd) if module is not None else "tesseract"


@dataclass(frozen=True)
class Tesseract:
    """tesseract as an OcrEngine; `cmd` is the binary (pytesseract's setting when the job was made)."""

    cmd: str
    name: str = "tesseract"

    def missing(self) -> str | None:
        return tesseract_missing()

    def recognise(self, image: Image.Image, *, dpi: int | None, timeout: float, name: str, page: int,
                  block: bool = False) -> OcrPage:
        return ocr_image(image, dpi=dpi, timeout=timeout, cmd=self.cmd, name=name, page=page, block=block)

    def orientation(self, image: Image.Image, *, timeout: float) -> Orientation | None:
        return detect_orientation(image, cmd=self.cmd, timeout=timeout)

    def read_crops(self, crops: Sequence[Image.Image], *, word: bool, timeout: float) -> list[tuple[Word, ...]]:
        return read_crops(crops, word=word, timeout=timeout, cmd=self.cmd)


def default_engine() -> OcrEngine:
    """libtesseract in this process (read/tesseract_api.py: the model loads once, not per page) where
    it loads and is the library of the `tesseract` on PATH; the command itself where it does not,
    or where pytesseract's `tesseract_cmd` names another program (its user chose that one)."""
    from khparse.read import tesseract_api

    cmd = tesseract_cmd()
    if cmd == "tesseract" and tesseract_api.library(cmd) is not None:
        return tesseract_api.TesseractApi(cmd)
    return Tesseract(cmd)


# A language's name in `tesseract --list-langs` (the rule pytesseract.get_languages reads it by).
_LANGUAGE_NAME = re.compile(r"^[a-z_]+$")


def tesseract_languages(cmd: str) -> list[str]:
    """The language models `cmd` has, as pytesseract.get_languages lists them, without importing
    pytesseract and numpy (about 0.1 s before a scan's first page could start; read/early.py).
    Raises OSError when the program does not run."""
    done = subprocess.run([cmd, "--list-langs"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if done.returncode not in (0, 1):  # tesseract 3 exits 1 after listing
        raise OSError(f"`{cmd} --list-langs` exited with code {done.returncode}")
    lines = done.stdout.decode("utf-8", "replace").splitlines()
    return [line.strip() for line in lines if _LANGUAGE_NAME.match(line.strip())]


def tesseract_missing(lang: str = LANG) -> str | None:
    """Why OCR cannot run (None when it can): the binary or the language data is absent."""
    cmd = tesseract_cmd()
    if shutil.which(cmd) is None:
        return f"tesseract is not installed (no `{cmd}` on PATH). Install it: {INSTALL}"
    try:
        languages = tesseract_languages(cmd)
    except OSError as exc:
        return f"tesseract does not run ({exc}). Reinstall it: {INSTALL}"
    if lang not in languages:
        have = ', '.join(languages) or 'none'
        return f"tesseract has no '{lang}' language data (it has: {have}). Install it: {INSTALL}"
    return None


# tesseract's Vietnamese model prints the Icelandic eth "Ð" (U+00D0) for "Đ" (U+0110), which Vietnamese
# never uses, and sometimes both for one letter: "QĐÐ-BNV" for "QĐ-BNV" (in 3 of 5 fax scans).
_ETH_TWICE = re.compile("ĐÐ|ÐĐ|ÐÐ")


# tesseract prints a capital for a small marked letter inside a word ("dÂn", "CÁc"): a word of letters
# mixing capitals and small letters after its first letter, whose capitals there are all marked, is
# one word in small letters (its first letter kept). All-capital words are acronyms or headings and stay.
_MIXED_CASE = re.compile(r"^[^\W\d_]+$")
# A Roman numeral with a "1" read for an "I" before a year ("Quý II1/2022", "Quý I1/2022"); a month
# ("11/2022") has no letter I in it and stays.
_ROMAN_WITH_ONE = re.compile(r"^([I1]*I[I1]*)(?=/\d{4}\b)")


def _case_put_right(word: str) -> str:
    core = word.strip(WORD_PUNCTUATION)
    if len(core) < 3 or not _MIXED_CASE.match(core) or core.isupper() or core.islower():
        return word
    rest = core[1:]
    capitals = [c for c in rest if c.isupper()]
    # Only marked capitals are misprints ("dÂn", "CÁc"); "VNeID", "ThS.", "iPhone" are written so.
    if capitals and any(c.islower() for c in rest) and all(unicodedata.normalize("NFD", c) != c or c == "Đ"
                                                         for c in capitals):
        return word.replace(core, core[0] + rest.lower(), 1)
    return word


# Underscores or a stray quote before a word: a fax's specks or a rule's end read into it ("__IH. NỘI
# DUNG", "'KẾ HOẠCH"), which hides a heading's numeral or the document's kind; no word of a plan
# starts so.
_LEADING_NOISE = re.compile(r"^[_'`]+(?=[^\W_])")


# Whole words OCR misreads that no plan prints. "TM." (signing for a collective body) as a fax or a
# seal's shadow leaves it: the T read "7" or, its bar faded on a yellowed sheet, "1" (blind36), or the
# bar of the T and the M read "TIM". A dash read as a tilde, alone ("Phòng Văn hóa ~ Xã hội" in a marked
# Phụ lục's cell, blind38).
_WORD_MISREAD = {"7M.": "TM.", "TIM.": "TM.", "1M.": "TM.", "7/M": "T/M", "1/M": "T/M", "~": "-", "˜": "-"}


# A typewriter's or a dot-matrix printer's slashed zero read as "Ø" and its slash as the fraction slash
# "⁄" ("Ø5⁄KH-CCB" for "05/KH-CCB"): in a word with a digit or a slash they are those; "Ø" is no
# Vietnamese letter.
_SLASHED_ZERO = re.compile(r"[Øø](?=[\dØø⁄/.-])|(?<=[\d⁄/])[Øø]")


def ocr_letters(text: str) -> str:
    """A word as tesseract printed it, with what it misprints put right: the look-alike "Ð" for "Đ",
    a capital inside a small word, a "1" inside a Roman numeral, underscores read before it, "TM."
    misread, a slashed zero and the fraction slash."""
    text = _LEADING_NOISE.sub("", text)
    if "⁄" in text or "Ø" in text or "ø" in text:
        text = _SLASHED_ZERO.sub("0", text).replace("⁄", "/")
    text = _WORD_MISREAD.get(text, text)
    if "Ð" in text:
        text = _ETH_TWICE.sub("Đ", text).replace("Ð", "Đ")
    text = _ROMAN_WITH_ONE.sub(lambda m: m.group(1).replace("1", "I"), text)
    return _case_put_right(text)


def _words(tsv: str) -> tuple[list[Word], float | None]:
    """The words of tesseract's TSV output (one record a line, named by its header) and their mean
    confidence; block, paragraph and line records (confidence -1) and empty words are left out."""
    lines = tsv.strip().split("\n")
    column = {name: i for i, name in enumerate(lines[0].split("\t"))} if lines and lines[0] else {}
    words: list[Word] = []
    confidences: list[float] = []
    for line in lines[1:] if "text" in column else []:
        cells = line.split("\t")
        text = cells[column["text"]].strip() if len(cells) > column["text"] else ""
        try:
            conf = float(int(float(cells[column["conf"]])))  # whole numbers, as pytesseract gave them
            left, top, width, height, *key = (int(float(cells[column[k]])) for k in (
                "left", "top", "width", "height", "page_num", "block_num", "par_num", "line_num"))
        except (ValueError, IndexError, KeyError):
            continue  # a record cut short: nothing to place
        if conf < 0 or not text:
            continue
        words.append(Word(ocr_letters(cells[column["text"]]), left, top, left + width, top + height, conf, tuple(key)))
        confidences.append(conf)
    return words, (sum(confidences) / len(confidences) if confidences else None)


def _image_bytes(image: Image.Image) -> bytes:
    """The page as an uncompressed BMP: writing it costs milliseconds (a PNG ~0.3 s), and tesseract
    (leptonica) reads it ~0.2 s a page faster than the same pixels as a PGM (8% of a 300 dpi A4 page's
    OCR; the same words, measured interleaved on two plans' pages). It states no resolution (0), as a
    PGM states none: PIL would write 96 dpi, which tesseract believes where --dpi is not given (OSD)."""
    import io

    buffer = io.BytesIO()
    (image if image.mode in ("1", "L", "RGB") else image.convert("RGB")).save(buffer, format="BMP", dpi=(0, 0))
    return buffer.getvalue()


def _tesseract(cmd: str, image: Image.Image, options: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """tesseract on `image` (an in-memory file), its result on stdout: no temporary file to leave
    behind, and the process is not left running however the call ends (read/children.py)."""
    return children.run([cmd, children.INPUT, "stdout", *options], _image_bytes(image), timeout, _env())


def _page_options(dpi: int | None, block: bool) -> list[str]:
    """block: one uniform block of lines (--psm 6; a table's cells stacked) rather than a page to
    lay out (--psm 3, which drops a lone digit such as a row's number as noise)."""
    return ["-l", LANG, "--psm", "6" if block else "3", *(["--dpi", str(dpi)] if dpi else []), "tsv"]


def _env() -> dict[str, str]:
    # One thread per tesseract: pages run in parallel instead, and OpenMP threads would fight the
    # page workers (and the rest of the machine) for cores. OCRmyPDF does the same.
    return {**os.environ, "OMP_THREAD_LIMIT": os.environ.get("OMP_THREAD_LIMIT", "1")}


def ocr_image(image: Image.Image, *, dpi: int | None, timeout: float, cmd: str, name: str = "input",
              page: int = 1, block: bool = False) -> OcrPage:
    """The words tesseract reads on `image` (`block`: see _page_options)."""
    return _read_page(lambda: _tesseract(cmd, image, _page_options(dpi, block), timeout),
                      image, timeout=timeout, name=name, page=page)


class Running(Protocol):
    """A reading under way: the command (children.Running) or the library (tesseract_api.Reading)."""

    def wait(self, timeout: float) -> subprocess.CompletedProcess[bytes]:
        """Its output, as the command prints it; raises subprocess.TimeoutExpired after `timeout` s."""

    def kill(self) -> None:
        """Stop it (safe at any time, any number of times)."""


@dataclass(frozen=True)
class StartedPage:
    """A page whose OCR was started and not yet waited for (read/early.py): `result` is what
    ocr_image gives for `image` at `dpi`; `cancel` stops it (safe at any time, and after `result`)."""

    image: Image.Image
    dpi: int | None
    running: Running
    started: float = field(default_factory=time.monotonic)

    def result(self, *, timeout: float, name: str, page: int) -> OcrPage:
        """Its reading; `timeout` counts from when it was started, as a page's OCR time (--ocr-timeout)."""
        left = max(0.0, timeout - (time.monotonic() - self.started))
        return _read_page(lambda: self.running.wait(left), self.image, timeout=timeout, name=name, page=page)

    def cancel(self) -> None:
        self.running.kill()


def start_page(image: Image.Image, *, dpi: int | None, engine: OcrEngine) -> StartedPage | None:
    """`engine`'s reading of `image` started, returning at once, when the engine is tesseract: as
    ocr_image runs it. None for another engine, where a program cannot be left running
    (read/children.py), or when tesseract does not start (ocr_image, run in its place, then says why)."""
    from khparse.read.tesseract_api import TesseractApi

    if isinstance(engine, TesseractApi):
        return engine.start(image, dpi=dpi)
    if not isinstance(engine, Tesseract) or not children.CAN_START:
        return None
    try:
        running = children.start([engine.cmd, children.INPUT, "stdout", *_page_options(dpi, False)],
                                 _image_bytes(image), _env())
    except OSError:
        return None
    return StartedPage(image, dpi, running)


def _read_page(call: Callable[[], subprocess.CompletedProcess[bytes]], image: Image.Image, *, timeout: float,
               name: str, page: int) -> OcrPage:
    """The words of the TSV tesseract gives in `call`; its failures said as khparse errors."""
    try:
        done = call()
    except subprocess.TimeoutExpired:
        raise OcrTimeoutError(
            f"{name}: OCR of page {page} did not finish within {timeout:g} s; "
            "allow more time (--ocr-timeout) or check the page image.", page=page) from None
    except FileNotFoundError:
        raise MissingDependencyError(f"tesseract is not installed. Install it: {INSTALL}") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines() or [f"exit code {done.returncode}"]
        if any("language" in line.lower() for line in why):
            raise MissingDependencyError(f"tesseract cannot load '{LANG}' ({why[-1]}). Install it: {INSTALL}")
        raise InputError(f"{name}: tesseract failed on page {page} ({why[-1]}).", page=page)
    words, confidence = _words(done.stdout.decode("utf-8", "replace"))
    return OcrPage(tuple(words), image.width, confidence, image.height)


def read_crops(crops: Sequence[Image.Image], *, word: bool, timeout: float, cmd: str) -> list[tuple[Word, ...]]:
    """The words of each crop (read/codes.py), read as one word (--psm 8) or one line (--psm 7): the
    crops go as the pages of one multi-page TIFF, so the model loads once for all of them. A crop
    whose reading fails reads as nothing: it only ever confirms what the page read."""
    import io

    if not crops:
        return []
    buffer = io.BytesIO()
    frames = [c if c.mode in ("1", "L") else c.convert("L") for c in crops]
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:])
    options = ["-l", LANG, "--psm", "8" if word else "7", "--dpi", "300", "tsv"]
    try:
        done = children.run([cmd, children.INPUT, "stdout", *options], buffer.getvalue(), timeout, _env())
    except (subprocess.TimeoutExpired, OSError):
        return [() for _ in crops]
    return crops_words(done, len(crops))


def crops_words(done: subprocess.CompletedProcess[bytes], count: int) -> list[tuple[Word, ...]]:
    """The words of each of `count` crops read as the pages of one run (their TSV's page numbers)."""
    words, _ = _words(done.stdout.decode("utf-8", "replace")) if done.returncode == 0 else ([], None)
    out: list[list[Word]] = [[] for _ in range(count)]
    for w in words:
        page = w.line[0] - 1 if w.line else -1
        if 0 <= page < len(out):
            out[page].append(w)
    return [tuple(ws) for ws in out]


def detect_orientation(image: Image.Image, *, cmd: str, timeout: float) -> Orientation | None:
    """tesseract's OSD (`--psm 0`, package tesseract-ocr-osd): how far to turn the page so its text
    stands upright; None when OSD is not installed or finds too little text to tell."""
    try:
        done = _tesseract(cmd, image, ["--psm", "0"], timeout)
    except (subprocess.TimeoutExpired, OSError):
        return None  # a timeout, or no tesseract: the caller keeps the page as is
    return osd_orientation(done)


def osd_orientation(done: subprocess.CompletedProcess[bytes]) -> Orientation | None:
    """The orientation OSD's report (`--psm 0` on stdout) gives; None when it gives none."""
    report = dict(line.split(":", 1) for line in done.stdout.decode("utf-8", "replace").splitlines() if ":" in line)
    try:
        rotate, confidence = int(report["Rotate"]), float(report["Orientation confidence"])
    except (KeyError, ValueError):
        return None  # too few characters, or no osd data
    # OSD's "Rotate" turns the image clockwise; Orientation counts counter-clockwise (PIL, OpenCV).
    return Orientation(-rotate % 360, confidence)


def page_image(job: PageJob) -> tuple[Image.Image, int | None]:
    """The page to OCR, in colour where it has colour (read/prepare.py drops stamps by it), and its
    resolution (None: unknown; read/prepare.py estimates it)."""
    if job.kind == "pdf":
        return pdf.render(job.data, job.name, job.index, job.dpi)
    return raster.frame(job.data, job.name, job.index), job.dpi


@dataclass(frozen=True)
class BegunPage:
    """A page taken out of its document, with its OCR started where read/early.py can (`started`)."""

    image: Image.Image
    dpi: int | None
    started: StartedPage | None

    def cancel(self) -> None:
        if self.started is not None:
            self.started.cancel()


def begin(job: PageJob) -> BegunPage:
    from khparse.read import early

    image, dpi = page_image(job)
    return BegunPage(image, dpi, early.start(image, dpi, job.engine))  # before numpy and OpenCV are imported


def run_job(job: PageJob, begun: BegunPage | None = None, on_read: Callable[[], None] | None = None) -> OcrPage:
    """The page's words. `begun`: the page already taken out (begin); `on_read`: called once its
    first reading is in, before the words are re-read (ocr_pages begins the next page there)."""
    page = begun if begun is not None else begin(job)
    try:
        from khparse.read.grid import TableReading  # OpenCV loads with these: only on the OCR path
        from khparse.read.prepare import recognise

        # Around the engine, ruled tables are read cell by cell on the prepared page (read/grid.py).
        return recognise(page.image, page.dpi, engine=TableReading(job.engine), timeout=job.timeout,
                         name=job.name, page=job.index + 1, started=page.started, on_read=on_read)
    finally:
        page.cancel()


def _in_turn(jobs_list: list[PageJob]) -> list[OcrPage]:
    """The pages one after another, each begun while the one before is re-read: its crops and marks
    (read/codes.py, ocr_marks.py) take 0.1-0.4 s after tesseract is done with a page, in which the next
    page's tesseract runs on the other core instead of waiting (and its rendering is done by then)."""
    out: list[OcrPage] = []
    ahead: dict[int, BegunPage] = {}

    def begin_next(i: int) -> None:
        if i < len(jobs_list) and i not in ahead:
            ahead[i] = begin(jobs_list[i])

    try:
        for i, job in enumerate(jobs_list):
            out.append(run_job(job, ahead.pop(i, None), on_read=functools.partial(begin_next, i + 1)))
    finally:
        for page in ahead.values():  # an error on a page: the next one's reading is stopped
            page.cancel()
    return out


def ocr_pages(jobs_list: list[PageJob], jobs: int = 1) -> list[OcrPage]:
    """OCR the pages, in parallel when jobs > 1; results in the order of `jobs_list`. Workers and
    their tesseract are gone when this returns or raises (read/children.py)."""
    if jobs <= 1 or len(jobs_list) <= 1:
        return _in_turn(jobs_list)
    # The pages of one document: its bytes go to each worker once, when it starts, not with every
    # page (a 50 MB scan of 100 pages would otherwise cross the pipes 100 times).
    document = jobs_list[0].data
    light = [replace(job, data=b"") if job.data is document else job for job in jobs_list]
    with children.page_pool(min(jobs, len(jobs_list)), _keep_document, (document,)) as pool:
        return list(pool.map(_run_in_worker, light))  # map keeps input order: deterministic output


_document = b""  # in a worker of ocr_pages: the document its jobs come from


def _keep_document(data: bytes) -> None:
    global _document
    _document = data


def _run_in_worker(job: PageJob) -> OcrPage:
    return run_job(replace(job, data=_document) if not job.data else job)
