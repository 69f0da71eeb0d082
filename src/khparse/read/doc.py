"""Old binary Word files (.doc, Word 97-2003) through a converter installed on the machine.

antiword first (small and fast: about 10 ms a plan), reading its DocBook output so tables arrive as
cells (the header and signature tables then read column by column, as from .docx); then LibreOffice
(`soffice --headless --convert-to docx`, about 2 s a file) whose .docx goes through read/docx.py.
antiword drops Word's automatic list numbering (the "I.", "1.", "a)" the outline needs): a file
that has any is read with LibreOffice where it is installed, and with antiword, numbers lost and
said so in the page's reason, where it is not. Neither is a Python package, so where none is
installed the user gets exit code 4 with the install command. Both run in a fresh temporary
folder, with a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from khparse.errors import InputError, MissingDependencyError
from khparse.read import docx
from khparse.read.markup_tables import Cell, table_lines

CONVERT_TIMEOUT = 120.0  # seconds; LibreOffice's first start on a cold machine takes 10-20 s
INSTALL = "sudo apt-get install antiword (or: sudo apt-get install libreoffice-writer-nogui)"

# An OLE2 compound file (also .xls, .ppt, .msg); a Word one holds a "WordDocument" stream, whose
# name is in the directory as UTF-16LE.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def is_word97(data: bytes) -> bool:
    return data.startswith(OLE2_MAGIC) and _WORD_STREAM in data


def converters() -> list[str]:
    """The converters installed, in the order they are tried."""
    found = []
    if shutil.which("antiword"):
        found.append("antiword")
    if shutil.which("soffice") or shutil.which("libreoffice"):
        found.append("soffice")
    return found


def _run(command: list[str], name: str, cwd: str) -> bytes:
    env = {**os.environ, "HOME": cwd, "ANTIWORDHOME": "/usr/share/antiword"}
    try:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=CONVERT_TIMEOUT,
                              check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InputError(f"{name}: {command[0]} took longer than {CONVERT_TIMEOUT:.0f} s to convert it.") from None
    except OSError as exc:
        raise InputError(f"{name}: {command[0]} could not be run ({exc.strerror or exc}).") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{name}: {command[0]} cannot read this .doc file"
                         f" ({message[-1] if message else f'exit {done.returncode}'}).")
    return done.stdout


def _lines(element: ElementTree.Element) -> list[str]:
    return [line.strip() for line in "".join(element.itertext()).split("\n") if line.strip()]


def _docbook_blocks(element: ElementTree.Element) -> list[str]:
    """antiword's DocBook: paragraphs a line each, tables (which it puts inside a <para>) by cells."""
    out: list[str] = []
    for child in element:
        if child.tag in ("informaltable", "table"):
            rows = [[Cell(tuple(_lines(entry))) for entry in row.iter("entry")] for row in child.iter("row")]
            out.extend(table_lines(rows))
        elif child.tag in ("para", "title", "simpara") and child.find(".//informaltable") is None:
            out.extend(_lines(child))
        elif child.tag not in ("bookinfo", "colspec"):  # chapter, sect1, lists, a para holding a table
            out.extend(line.strip() for line in (child.text or "").split("\n") if line.strip())
            out.extend(_docbook_blocks(child))
    return out


def _antiword(path: Path, name: str, cwd: str) -> tuple[str, bool]:
    """The text, and whether Word's automatic list numbering was in it (antiword drops the numbers)."""
    output = _run(["antiword", "-x", "db", str(path)], name, cwd)
    # antiword's DocBook names an external DTD; expat does not fetch it, and it declares no entity.
    try:
        root = ElementTree.fromstring(output)
    except ElementTree.ParseError:  # not XML after all: its plain text
        text = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)], name, cwd).decode("utf-8", "replace")
        return text, False
    return "\n".join(_docbook_blocks(root)), root.find(".//orderedlist") is not None


def _soffice(path: Path, name: str, cwd: str) -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"
    _run([binary, f"-env:UserInstallation=file://{cwd}/profile", "--headless", "--norestore",
          "--convert-to", "docx", "--outdir", cwd, str(path)], name, cwd)
    converted = Path(cwd) / (path.stem + ".docx")
    if not converted.is_file():
        raise InputError(f"{name}: LibreOffice did not convert this .doc file.")
    return docx.document_text(converted.read_bytes(), name)


def document_text(data: bytes, name: str) -> tuple[str, str]:
    """The document's text, and how it was read (the first converter that could)."""
    found = converters()
    if not found:
        raise MissingDependencyError(f"{name}: reading an old Word .doc file needs antiword or LibreOffice. "
                                     f"Install one: {INSTALL}; or save the file as .docx.")
    problem: InputError | None = None
    with tempfile.TemporaryDirectory(prefix="khparse-doc-") as cwd:
        path = Path(cwd) / "input.doc"
        path.write_bytes(data)
        for converter in found:
            how = converter
            try:
                if converter == "antiword":
                    text, numbered = _antiword(path, name, cwd)
                    if numbered and "soffice" in found:
                        continue  # automatic numbering ("I.", "1.", "a)") is kept by LibreOffice only
                    if numbered:
                        how += "; Word's automatic list numbers are lost (LibreOffice would keep them)"
                else:
                    text = _soffice(path, name, cwd)
            except InputError as exc:
                problem = exc  # antiword refuses some files (Word 6, fast-saved); LibreOffice may not
                continue
            if text.strip():
                return text, how
    raise problem or InputError(f"{name}: the .doc file holds no text.")
