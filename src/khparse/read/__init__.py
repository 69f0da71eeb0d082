"""Stage `read`: a Source becomes the text of each of its pages, each with where it came from and why.

One module per step of page reading:

    pages.py      the stage itself: per page, text layer, OCR or repair (PageText, read_pages)
    pdf.py        a PDF's text layers (word boxes) and its pages rendered as images
    raster.py     image files (PNG, JPEG, TIFF frames) opened and checked
    route.py      the per-page decision: trust the layer, OCR the page, or hand it to repair — and why
    legacy.py     TCVN3/VNI legacy font encodings found and converted
    layout.py     positioned words → lines in reading order (two header columns read one after the other)
    markdown.py   Markdown markup removed from text input
    docx.py       Word .docx: paragraphs, tables in place, list numbering written out
    doc.py        old Word .doc through antiword or LibreOffice
    html.py       saved web pages (.html, .mhtml): blocks as lines, boilerplate dropped
    markup_tables.py  Word/HTML tables: header and signature tables by column, data tables as rows
    prepare.py    a page image made ready for OCR: turned upright, straightened, cleaned; each step recorded
    engine.py     the OCR engine interface (tesseract behind it; tests replay recorded output)
    tesseract.py  tesseract `vie`: word boxes and confidences, pages in parallel
"""

from khparse.read.pages import DEFAULT_OCR_TIMEOUT, PageText, read_pages

__all__ = ["DEFAULT_OCR_TIMEOUT", "PageText", "read_pages"]
