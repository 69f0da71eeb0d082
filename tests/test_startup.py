"""Start-up (issue 12): a command imports only what its input needs. Not a timed test: it checks,
in a fresh interpreter, which modules a run left in sys.modules (benchmarks/bench_speed.py times it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
TEXT_PLAN = ROOT / "samples" / "thuong-xuan-2025.md"
TEXT_PDF = ROOT / "samples" / "thuong-xuan-2025.pdf"

# Run the command in a child, then list the top-level packages and khparse modules it imported.
PROBE = """
import json, sys
from khparse.cli import main
try:
    main(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

OCR_AND_IMAGES = {"pytesseract", "cv2", "numpy", "PIL", "pdfplumber", "pdfminer", "multiprocessing",
                  "concurrent"}


# The same through the program's own entry (entry.py: `extract FILE` read without click), the
# modules listed as it leaves.
ENTRY_PROBE = """
import json, sys
from khparse import entry, run

def leave(code, command):
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")

run.leave = leave
entry.main()
"""


def imported(*args: str, probe: str = PROBE) -> set[str]:
    done = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, check=True,
                          cwd=ROOT)
    line = done.stderr.rsplit("MODULES ", 1)[1]
    return set(json.loads(line))


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_a_text_plan_imports_no_pdf_ocr_or_document_reader_nor_pydantic() -> None:
    found = imported("extract", str(TEXT_PLAN))
    # pydantic: the command line dumps the plan's drafts (model/drafts.py); a value a draft did not
    # take as it is would import it (a fallback that costs ~90 ms, so worth knowing about).
    # rapidfuzz: its package loads every metric; the parser's near matches are khparse/similarity.py.
    assert not tops(found) & (OCR_AND_IMAGES | {"pypdfium2", "pydantic", "rapidfuzz"})
    # Word and web-page readers are imported only for bytes that could be one of them.
    assert not found & {"khparse.read.html", "khparse.read.doc", "khparse.read.docx", "khparse.read.pdf",
                        "khparse.read.tesseract", "khparse.batch"}
    # Nor what positioned words need (a PDF's or a scan's): route.judge_layer imports it.
    assert not found & {"khparse.read.cells", "khparse.read.layout"}


def test_a_text_layer_pdf_imports_no_ocr_or_image_library() -> None:
    if not TEXT_PDF.exists():
        pytest.skip("sample PDF missing")
    found = imported("extract", str(TEXT_PDF))
    # pdfium itself, through read/pdfium_lib.py: pypdfium2's package (all of pdfium's bindings,
    # logging, subprocess, ...) is for rendering a page to OCR.
    assert "khparse.read.pdfium_lib" in found
    assert not tops(found) & (OCR_AND_IMAGES | {"pydantic", "pypdfium2", "pypdfium2_raw", "rapidfuzz"})
    assert not found & {"khparse.read.tesseract", "khparse.read.raster", "khparse.read.pdf_scan",
                        "khparse.read.prepare"}


def test_the_entry_reads_a_text_plan_or_a_text_layer_pdf_without_click_or_what_it_does_not_use() -> None:
    # inspect (with ast, dis, tokenize): dataclasses imports it only to write the docstring of a class
    # without one (khparse/stand_ins.py); give such a class a docstring. urllib.parse (with
    # ipaddress): pathlib imports it for Path.as_uri. pkgutil (with weakref): the inventory is read
    # where it lies (repair/inventory.py). signal (its enums): run.py sets its handlers through
    # _signal. The UTF-16 codec's module: pdfium's text is decoded by codecs.utf_16_le_decode.
    for path in (TEXT_PLAN, TEXT_PDF):
        found = imported("extract", str(path), probe=ENTRY_PROBE)
        assert "khparse.pipeline" in found
        assert not tops(found) & {"click", "inspect", "ast", "dis", "tokenize", "copy", "ipaddress", "pkgutil",
                                  "weakref", "signal"}
        assert not found & {"urllib.parse", "encodings.utf_16_le"}


# The entry's modules as it leaves, written without json (the probe must not import it itself).
ENTRY_PROBE_NO_JSON = """
import sys
from khparse import entry, run

def leave(code, command):
    sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")

run.leave = leave
entry.main()
"""


def test_the_entry_writes_the_plan_without_importing_json() -> None:
    # output.compact_json: json's C encoder, without the decoder and scanner `import json` brings.
    for path in (TEXT_PLAN, TEXT_PDF):
        done = subprocess.run([sys.executable, "-c", ENTRY_PROBE_NO_JSON, "extract", str(path)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        assert json.loads(done.stdout)["schema"] == "khparse.plan"
        found = set(done.stderr.rsplit("MODULES ", 1)[1].split())
        assert not found & {"json", "json.decoder", "json.scanner", "json.encoder"}


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4), max_leaves=20)


@given(_JSON_VALUES)
@settings(max_examples=300, deadline=None)
@example({"a": [1.5, float("nan"), float("-inf"), "\ud800 \x00 ế \u2028", None, True]})
def test_compact_json_is_json_dumps(value: Any) -> None:
    from khparse.output import compact_json

    assert compact_json(value) == json.dumps(value, ensure_ascii=False)


def test_compact_json_refuses_what_json_dumps_refuses() -> None:
    from khparse.output import compact_json

    for value in ({"a": {1, 2}}, [b"bytes"]):
        with pytest.raises(TypeError) as mine:
            compact_json(value)
        with pytest.raises(TypeError) as theirs:
            json.dumps(value, ensure_ascii=False)
        assert str(mine.value) == str(theirs.value)


def test_the_stand_ins_do_what_the_modules_they_stand_for_do() -> None:
    code = """
import sys
from khparse import stand_ins
stand_ins.install()
assert not {"inspect", "copy", "urllib.parse"} & set(sys.modules)
import dataclasses, pathlib
@dataclasses.dataclass
class Point:
    x: int
    tags: list = dataclasses.field(default_factory=list)
p = Point(1, [[2]])
copied = dataclasses.asdict(p)  # copy.deepcopy
assert copied == {"x": 1, "tags": [[2]]} and copied["tags"][0] is not p.tags[0]
import inspect, urllib.parse
assert sys.modules["inspect"] is inspect and not isinstance(inspect, stand_ins._StandIn)
print(Point.__doc__, pathlib.PurePosixPath("/tmp/kế hoạch.md").as_uri(), urllib.parse.quote("ế"))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["Point(x:", "int,", "tags:", "list", "=", "<factory>)",
                                   "file:///tmp/k%E1%BA%BF%20ho%E1%BA%A1ch.md", "%E1%BA%BF"]


@pytest.mark.parametrize("args", [("--version",), ("repair", "--help"), ("extract", "no-such-file.txt")])
def test_commands_that_build_no_plan_do_not_import_pydantic(args: tuple[str, ...]) -> None:
    assert "pydantic" not in tops(imported(*args))


def test_the_package_and_its_errors_import_without_pydantic() -> None:
    code = "import sys, khparse, khparse.errors, khparse.model; print('pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_good_layer_or_text_plan_leaves_the_legacy_converters_and_resources_unimported() -> None:
    # read/legacy.py is for layers that do not read as good Vietnamese; the inventory is read
    # through pkgutil (importlib.resources imports tempfile, shutil and the compressors).
    for args in (("extract", str(TEXT_PLAN)), ("extract", str(TEXT_PDF))):
        found = imported(*args)
        assert not found & {"khparse.read.legacy", "importlib.resources"}


def test_judging_quality_builds_only_the_inventorys_sets_and_they_match_it() -> None:
    code = ("from khparse.repair import inventory, text_quality; text_quality('kế hoạch tuyên truyền cải cách "
            "hành chính năm 2025'); print(inventory.load_inventory.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"  # the whole Inventory (ids, counts, each key's forms) not built

    from khparse.repair.inventory import load_inventory, load_syllables

    sets, inv = load_syllables(), load_inventory()
    assert sets.forms == set(inv.ids) and sets.keys == set(inv.by_key)


def _reference_lines(words: list[object]) -> list[list[object]]:
    """layout.word_lines as plain loops: each line's extent is its words' (rescanned for every word), bar
    the words taller than layout.TALLER times the line, which join without stretching it."""
    from khparse.read.layout import TALLER

    lines: list[list[Any]] = []
    stretching: list[list[Any]] = []  # each line's words that set its extent
    for w in sorted(words, key=lambda w: (w.top, w.x0)):  # type: ignore[attr-defined]
        centre = (w.top + w.bottom) / 2  # type: ignore[attr-defined]
        for line, own in zip(reversed(lines[-3:]), reversed(stretching[-3:]), strict=True):
            top, bottom = min(x.top for x in own), max(x.bottom for x in own)
            if top <= centre <= bottom:
                line.append(w)
                if w.bottom - w.top <= TALLER * (bottom - top):  # type: ignore[attr-defined]
                    own.append(w)
                break
        else:
            lines.append([w])
            stretching.append([w])
    return lines


def _reference_rows(words: list[Any]) -> list[tuple[Any, ...]]:
    """layout._rows as plain loops: a line's span is its words' middle top and bottom; a line joins the
    row above when it overlaps the row's first line by half its height."""
    def middle(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    spans = sorted(((middle([w.top for w in ln]), middle([w.bottom for w in ln]), ln)
                    for ln in _reference_lines(words) if ln),
                   key=lambda s: (s[0], min(w.x0 for w in s[2])))
    rows: list[tuple[float, float, list[Any]]] = []
    for top, bottom, line in spans:
        if rows:
            rtop, rbottom, rwords = rows[-1]
            if min(bottom, rbottom) - max(top, rtop) > 0.5 * min(bottom - top, rbottom - rtop):
                rows[-1] = (rtop, rbottom, rwords + line)
                continue
        rows.append((top, bottom, list(line)))
    return [tuple(sorted(r[2], key=lambda w: w.x0)) for r in rows]


_coordinate = st.integers(0, 400).map(lambda v: v / 4)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_coordinate, _coordinate, _coordinate, st.integers(-10, 30).map(float)), max_size=40),
       st.integers(1, 40).map(float))
# Boxes upside down (bottom above top) too: only then can a word's centre lie above the lines read
# before it, and join the second or third line back.
@example([(0.0, 0.0, 5.0, 30.0), (0.0, 31.0, 5.0, 2.0), (0.0, 34.0, 5.0, 2.0), (0.0, 37.0, 5.0, -20.0)], 10.0)
@example([(0.0, 0.0, 5.0, 30.0), (0.0, 31.0, 5.0, 2.0), (0.0, 34.0, 5.0, 2.0), (0.0, 38.0, 5.0, 2.0),
          (0.0, 41.0, 5.0, -30.0)], 10.0)  # the fourth line back holds its centre: not joined
def test_layout_lines_and_segments_keep_their_extents_as_the_plain_loops_did(
        boxes: list[tuple[float, float, float, float]], gap: float) -> None:
    from khparse.read.layout import Word, _Row, _rows, word_lines

    words = [Word(f"w{i}", x0, top, x0 + width, top + height)
             for i, (x0, top, width, height) in enumerate(boxes)]
    assert word_lines(words) == _reference_lines(list(words))
    assert [row.words for row in _rows(words)] == _reference_rows(list(words))
    if words:
        row = _Row(tuple(sorted(words, key=lambda w: w.x0)))
        expected: list[list[Word]] = [[row.words[0]]]
        for word in row.words[1:]:
            if word.x0 - max(w.x1 for w in expected[-1]) > gap:
                expected.append([])
            expected[-1].append(word)
        assert row.segments(gap) == [tuple(s) for s in expected]


def test_folds_table_worked_out_as_met_is_the_whole_table() -> None:
    # fold._TABLE fills itself as characters are met (a start no longer works out ~1,000 of them);
    # every entry is the one the whole table had, and a character outside it stays as it is.
    from khparse import fold

    ranges = (range(0x250), range(0x1E00, 0x1F00), range(0x2000, 0x2070))
    for code in (c for c in range(0x3000) if not 0xD800 <= c < 0xE000):
        ch = chr(code)
        if ch in fold._OCR_SYMBOLS:
            expected = fold._OCR_SYMBOLS[ch]
        elif any(code in r for r in ranges):
            expected = fold._fold_char(ch)
        else:
            expected = ch
        assert ch.translate(fold._TABLE) == expected, hex(code)


# The start-up cache (khparse/startup_cache.py) in a child: patterns compiled, then what its file keeps.
CACHE_PROBE = """
import fnmatch, json, marshal, re, sys
from khparse import startup_cache

startup_cache.MAX_ENTRIES = int(sys.argv[1])
startup_cache.install()
for pattern in sys.argv[2:]:
    re.compile(pattern)
fnmatch.fnmatch("plan.md", "*.md")  # a pattern the standard library builds and compiles
startup_cache.save()
store = startup_cache._stores[0]
print(json.dumps([key[0] for key in marshal.loads(store.path.read_bytes())]))
"""


def _kept_patterns(cache: Path, limit: int, *patterns: str) -> list[str]:
    env = {**os.environ, "KHPARSE_CACHE_DIR": str(cache)}
    done = subprocess.run([sys.executable, "-c", CACHE_PROBE, str(limit), *patterns], capture_output=True,
                          text=True, check=True, env=env)
    kept: list[str] = json.loads(done.stdout)
    return kept


def test_the_start_up_cache_keeps_the_patterns_used_last_and_none_of_the_standard_librarys(tmp_path: Path) -> None:
    # The standard library's patterns are left out (email's header parser builds some from sets: a
    # new text in every process, which filled the file with entries no run asks for again).
    assert _kept_patterns(tmp_path, 3, "a+", "b+") == ["a+", "b+"]
    # Beyond the limit the entries used longest ago go: "b+" was not used by the last run.
    assert _kept_patterns(tmp_path, 3, "a+", "c+", "d+") == ["a+", "c+", "d+"]
    assert _kept_patterns(tmp_path, 3, "c+") == ["a+", "c+", "d+"]  # nothing new: the file is left as it is
    assert _kept_patterns(tmp_path, 3, "e+", "c+") == ["d+", "e+", "c+"]


def test_the_syllable_sets_kept_between_runs_are_those_built(tmp_path: Path) -> None:
    # repair/inventory.py keeps the two sets with startup_cache.kept on the command line.
    code = ("import json; from khparse import startup_cache; startup_cache.install(); "
            "from khparse.repair.inventory import load_syllables; s = load_syllables(); startup_cache.save(); "
            "print(json.dumps([sorted(s.forms), sorted(s.keys), [type(s.forms).__name__, type(s.keys).__name__]]))")

    def sets(cache: str) -> object:
        env = {**os.environ, "KHPARSE_CACHE_DIR": cache}
        return json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                         env=env).stdout)

    built = sets("")  # no cache
    assert sets(str(tmp_path)) == built  # built, then kept
    assert any(p.name.startswith("data-") for p in tmp_path.iterdir())
    assert sets(str(tmp_path)) == built  # read back


def test_every_inventory_form_is_its_own_key() -> None:
    # repair/quality.py takes a word whose lower case is an inventory form as its own key (lm_form)
    # without normalizing it, which holds only while every form is what lm_form makes of it.
    from khparse.repair.inventory import load_syllables
    from khparse.repair.vocab import SPECIALS, lm_form

    assert all(lm_form(form) == form for form in load_syllables().forms - set(SPECIALS))
