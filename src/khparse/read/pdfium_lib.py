"""pdfium's C API bound directly: the few functions that reading a text layer needs (read/pdf.py,
read/pdf_tables.py), as a small PdfDocument / PdfPage / PdfiumError that behave, for those uses,
as pypdfium2's do.

pypdfium2 is how pdfium is installed (its wheel carries the library), but importing it cost ~20 ms
of a ~130 ms `khparse extract` of a text-layer PDF: its generated bindings declare all of pdfium's
~500 functions, and it imports logging, subprocess, tempfile, argparse and uuid on the way; loading
the library itself takes under 1 ms. So the library is loaded here from pypdfium2's own folder
(found without importing the package) and initialised with the configuration pypdfium2 gives it.
A process that also imports pypdfium2 (to render a page for OCR, read/pdf.py `render`) shares the
one library: the dynamic loader maps a file once, and pdfium initialises once (a second
FPDF_InitLibraryWithConfig returns at once). It is not destroyed at exit: pypdfium2 does that when
it is loaded, and the process's end frees it otherwise.

The failures raise PdfiumError with pypdfium2's messages, which khparse's own messages quote.
"""

from __future__ import annotations

import codecs
import ctypes
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_c_void_p, _c_int, _c_float = ctypes.c_void_p, ctypes.c_int, ctypes.c_float

# Page object types (fpdf_edit.h).
FPDF_PAGEOBJ_UNKNOWN, FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_PATH = 0, 1, 2
FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_SHADING, FPDF_PAGEOBJ_FORM = 3, 4, 5
# FPDF_GetLastError's codes as pypdfium2 names them (pypdfium2.internal.consts.ErrorToStr).
_ERRORS = {0: "Success", 1: "Unknown error", 2: "File access error", 3: "Data format error",
           4: "Incorrect password error", 5: "Unsupported security scheme error",
           6: "Page not found or content error"}


class PdfiumError(RuntimeError):
    """pdfium reported a failure (pypdfium2's PdfiumError, for the functions bound here)."""


def _library_path() -> Path:
    """libpdfium in the folder of pypdfium2_raw, where pypdfium2's bindings load it from."""
    spec = importlib.util.find_spec("pypdfium2_raw")  # finds the package, does not run it
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pypdfium2 is not installed (pypdfium2_raw, the package that carries pdfium)")
    if sys.platform.startswith(("win32", "cygwin", "msys")):
        name = "pdfium.dll"
    elif sys.platform.startswith(("darwin", "ios")):
        name = "libpdfium.dylib"
    else:
        name = "libpdfium.so"
    return Path(next(iter(spec.submodule_search_locations))) / name


def _load_library() -> ctypes.CDLL:
    path = _library_path()
    if path.exists():
        return ctypes.CDLL(str(path))
    # A pypdfium2 built against the system's pdfium carries no library of its own: the one its
    # bindings found (the slow import, but the same library).
    from pypdfium2_raw import bindings  # type: ignore[import-untyped]

    library: ctypes.CDLL = bindings._libs["pdfium"]
    return library


class _LibraryConfig(ctypes.Structure):
    """FPDF_LIBRARY_CONFIG, version 2 (the fields pdfium reads for that version)."""

    _fields_ = (("version", _c_int), ("m_pUserFontPaths", _c_void_p), ("m_pIsolate", _c_void_p),
                ("m_v8EmbedderSlot", ctypes.c_uint))


_lib = _load_library()


def _bind(name: str, restype: Any, *argtypes: Any) -> Any:
    function = getattr(_lib, name)
    function.restype, function.argtypes = restype, argtypes
    return function


class Handle(ctypes.c_void_p):
    """A pdfium handle (a text page, a page object) as a ctypes object, for the functions bound by
    _bind_plain: it goes to them as it is. Returned as it is, too (ctypes turns a c_void_p result
    into an int, but not a subclass's)."""


def _bind_plain(name: str, restype: Any = _c_int) -> Any:
    """`name` bound without argument types, for the calls made for every character or page object:
    ctypes then converts nothing (a Handle or a ctypes array goes as its address, an int as a C
    int), where converting each argument to its declared type cost as much as the call itself.
    Only for functions whose every parameter is a pointer or a C int."""
    function = _lib[name]  # a function object of its own: a _bind of the same name keeps its types
    function.restype = restype
    return function


_load_document = _bind("FPDF_LoadMemDocument64", _c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p)
_last_error = _bind("FPDF_GetLastError", ctypes.c_ulong)
_page_count = _bind("FPDF_GetPageCount", _c_int, _c_void_p)
_close_document = _bind("FPDF_CloseDocument", None, _c_void_p)
_load_page = _bind("FPDF_LoadPage", _c_void_p, _c_void_p, _c_int)
_close_page = _bind("FPDF_ClosePage", None, _c_void_p)
_page_width = _bind("FPDF_GetPageWidthF", _c_float, _c_void_p)
_page_height = _bind("FPDF_GetPageHeightF", _c_float, _c_void_p)
page_rotation = _bind("FPDFPage_GetRotation", _c_int, _c_void_p)  # (page): 0-3 quarter turns clockwise
_load_text = _bind("FPDFText_LoadPage", _c_void_p, _c_void_p)
_close_text = _bind("FPDFText_ClosePage", None, _c_void_p)
_count_chars = _bind("FPDFText_CountChars", _c_int, _c_void_p)
_text_index = _bind("FPDFText_GetTextIndexFromCharIndex", _c_int, _c_void_p, _c_int)
_get_text = _bind("FPDFText_GetText", _c_int, _c_void_p, _c_int, _c_int, _c_void_p)
# Called for every character of a page (read/pdf.py) and every object on it (read/pdf_tables.py).
# (text page Handle, char index, an FS_RECTF: four floats, left, top, right, bottom)
loose_char_box = _bind_plain("FPDFText_GetLooseCharBox")
# (text page Handle, char index): the character's angle in radians, anticlockwise, 0 for text across the
# page; -1 on error. Called once a word (read/pdf.py).
char_angle = _bind_plain("FPDFText_GetCharAngle", _c_float)
count_objects = _bind("FPDFPage_CountObjects", _c_int, _c_void_p)
get_object = _bind_plain("FPDFPage_GetObject", Handle)  # (page Handle, index)
count_form_objects = _bind("FPDFFormObj_CountObjects", _c_int, _c_void_p)
get_form_object = _bind("FPDFFormObj_GetObject", Handle, _c_void_p, ctypes.c_ulong)  # an unsigned long index
object_type = _bind_plain("FPDFPageObj_GetType")  # (page object Handle)
object_bounds = _bind("FPDFPageObj_GetBounds", _c_int, _c_void_p, *[ctypes.POINTER(_c_float)] * 4)
# (text page Handle, char index, four pointers to unsigned int: red, green, blue, alpha 0-255): a character's
# fill colour; 0 on error. Called once a word (read/pdf_hidden.py).
char_fill = _bind_plain("FPDFText_GetFillColor")
# (page object Handle, four pointers to unsigned int): a text's or a path's fill colour.
object_fill = _bind_plain("FPDFPageObj_GetFillColor")
# (path object Handle, pointer to int fill mode (0: not filled), pointer to int stroked).
path_draw_mode = _bind_plain("FPDFPath_GetDrawMode")



def _objects(parent: Any, form: bool, kinds: tuple[int, ...], level: int, max_depth: int) -> Iterator[Any]:
    count = count_form_objects if form else count_objects
    get = get_form_object if form else get_object
    n = count(parent)
    if n < 0:
        raise PdfiumError("Failed to get number of pageobjects.")
    for i in range(n):
        obj = get(parent, i)
        if not obj:
            raise PdfiumError("Failed to get pageobject.")
        found = object_type(obj)
        if found == FPDF_PAGEOBJ_UNKNOWN:
            raise PdfiumError("Failed to determine pageobject type, did you pass in a valid FPDF_PAGEOBJECT handle?")
        if found in kinds:
            yield obj
        if found == FPDF_PAGEOBJ_FORM and level < max_depth - 1:
            yield from _objects(obj, True, kinds, level + 1, max_depth)


def page_objects(page: PdfPage, kinds: tuple[int, ...], max_depth: int = 2) -> Iterator[Any]:
    """The raw objects of `kinds` on a page (and inside its forms, down to `max_depth` levels), in the
    order and with the errors of pypdfium2's `PdfPage.get_objects`, without the Python object it makes for
    each (text objects included): a third of what read/pdf_tables.ruled cost. Each object is a Handle,
    passed on unconverted."""
    return _objects(Handle(page.raw), False, kinds, 0, max_depth)


# Annotations (fpdf_annot.h): what a page shows over its content (read/pdf_annotations.py).
FPDF_ANNOT_FREETEXT, FPDF_ANNOT_WIDGET = 3, 20
FPDF_OBJECT_STRING = 3
FPDF_ANNOT_FLAG_HIDDEN = 2
annot_count = _bind("FPDFPage_GetAnnotCount", _c_int, _c_void_p)
get_annot = _bind("FPDFPage_GetAnnot", _c_void_p, _c_void_p, _c_int)
close_annot = _bind("FPDFPage_CloseAnnot", None, _c_void_p)
annot_subtype = _bind("FPDFAnnot_GetSubtype", _c_int, _c_void_p)
annot_flags = _bind("FPDFAnnot_GetFlags", _c_int, _c_void_p)
annot_rect = _bind("FPDFAnnot_GetRect", _c_int, _c_void_p, ctypes.POINTER(_c_float * 4))  # left, top, right, bottom
annot_value_type = _bind("FPDFAnnot_GetValueType", _c_int, _c_void_p, ctypes.c_char_p)
# (annotation, key, UTF-16LE buffer or None, its size in bytes): the bytes the value needs, with its NUL.
annot_string = _bind("FPDFAnnot_GetStringValue", ctypes.c_ulong, _c_void_p, ctypes.c_char_p, _c_void_p,
                     ctypes.c_ulong)

_bind("FPDF_InitLibraryWithConfig", None, ctypes.POINTER(_LibraryConfig))(
    ctypes.byref(_LibraryConfig(version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0)))


class TextPage:
    """A page's text (pdfium's FPDF_TEXTPAGE): `raw` is its handle (Handle(raw) for loose_char_box)."""

    def __init__(self, page: PdfPage) -> None:
        self.raw = _load_text(page.raw)
        if not self.raw:
            raise PdfiumError("Failed to load text page.")

    def count_chars(self) -> int:
        n = int(_count_chars(self.raw))
        if n == -1:
            raise PdfiumError("Failed to get character count.")
        return n

    def get_text_range(self, index: int, count: int) -> str:
        """The text of chars index … index+count-1, as pypdfium2's PdfTextPage.get_text_range reads it:
        chars without text at either end left out (pdfium would read past the range), UTF-16
        decoded with errors ignored."""
        first, last = index, index + count - 1
        while first <= last and _text_index(self.raw, first) == -1:
            first += 1
        if first > last:
            return ""
        while _text_index(self.raw, last) == -1:
            last -= 1
        start, end = _text_index(self.raw, first), _text_index(self.raw, last)
        size = end + 2 - start  # with the terminating NUL
        buffer = (ctypes.c_ushort * size)()
        written = _get_text(self.raw, first, last - first + 1, buffer)
        assert size >= written, f"Buffer too small: {size} vs {written}"
        # What codecs.decode(..., "utf-16-le", errors="ignore") calls, without looking the codec up
        # (importing its module).
        return codecs.utf_16_le_decode(memoryview(buffer)[: written - 1], "ignore", True)[0]

    def close(self) -> None:
        if self.raw:
            _close_text(self.raw)
            self.raw = None


class PdfPage:
    """A loaded page (FPDF_PAGE): `raw` is its handle."""

    def __init__(self, raw: int) -> None:
        self.raw: int | None = raw

    def get_size(self) -> tuple[float, float]:
        return float(_page_width(self.raw)), float(_page_height(self.raw))

    def get_textpage(self) -> TextPage:
        return TextPage(self)

    def close(self) -> None:
        if self.raw:
            _close_page(self.raw)
            self.raw = None


class PdfDocument:
    """A document opened from bytes (kept referenced while it is open: pdfium reads them in place)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.raw = _load_document(data, len(data), None)
        if _page_count(self.raw) < 1:  # as pypdfium2: no document, or one without pages
            code = int(_last_error())
            self.close()
            raise PdfiumError(f"Failed to load document (PDFium: {_ERRORS.get(code, f'Unhandled constant {code}')}).")

    def __len__(self) -> int:
        return int(_page_count(self.raw))

    def __getitem__(self, index: int) -> PdfPage:
        raw = _load_page(self.raw, index)
        if not raw:
            raise PdfiumError("Failed to load page.")
        return PdfPage(raw)

    def close(self) -> None:
        if self.raw:
            _close_document(self.raw)
            self.raw = None
