"""The quick entry (khparse/entry.py): `khparse extract` in its everyday forms read without click.
Whenever it reads a command line, click would give the command the very same values; whatever it
does not read goes to the click app; the program's output, messages and exit codes are those of the
click app, and a text plan or a text-layer PDF does not import click."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.cli import main as app
from khparse.entry import quick_extract
from khparse.options import ExtractOptions

ROOT = Path(__file__).resolve().parent.parent
TEXT_PLAN = ROOT / "samples" / "thuong-xuan-2025.md"
TEXT_PDF = ROOT / "samples" / "thuong-xuan-2025.pdf"

OPTIONS = ["-o", "--output", "-j", "--jobs", "--ocr", "--ocr-timeout", "--max-input-size", "--max-pages",
           "--max-text-size", "--pretty", "--no-repair"]
# Values that read and values that do not, for every option; and words the quick entry leaves to click.
VALUES = ["1", "2", "007", "0", "-1", " 3", "3 ", "+4", "1_000", "²", "x", "", "auto", "always", "never", "AUTO",
          "1.5", "0.5", "1e3", "nan", "inf", "180", "300M", "2G", "512KiB", "1x", "0M", "-", "out.json"]
OTHER = ["--", "-j2", "-oout.json", "--pretty=1", "--output=out.json", "--ocr=never", "-h", "--help", "--version",
         "-x", "--no-such-flag", "plan.txt", "other.txt"]


def clicks_reading(args: list[str]) -> dict[str, Any] | None:
    """What the click app hands `extract` for `args` (sys.argv[1:]), None when it refuses them."""
    command = app.commands["extract"]
    try:
        with command.make_context("extract", args[1:]) as ctx:
            params = dict(ctx.params)
    except (click.exceptions.ClickException, click.exceptions.Exit):
        return None
    options = ExtractOptions(repair=not params.pop("no_repair"), ocr=params.pop("ocr"),
                             ocr_timeout=params.pop("ocr_timeout"), max_input_size=params.pop("max_input_size"),
                             max_pages=params.pop("max_pages"), max_text_size=params.pop("max_text_size"))
    return {**params, "options": options}


def same(quick: dict[str, Any], clicks: dict[str, Any] | None) -> bool:
    """Equal values of equal types (click's 180.0 is not the quick entry's 180)."""
    if clicks is None or quick.keys() != clicks.keys():
        return False
    return all(quick[k] == clicks[k] and type(quick[k]) is type(clicks[k]) for k in quick) and all(
        type(getattr(quick["options"], f)) is type(getattr(clicks["options"], f))
        for f in ExtractOptions.__dataclass_fields__)


@pytest.mark.parametrize("args", [
    ["extract", "plan.txt"],
    ["extract", "-", "--pretty"],
    ["extract", "--pretty", "plan.txt", "-o", "out.json", "-j", "2", "--no-repair"],
    ["extract", "plan.txt", "--ocr", "never", "--ocr-timeout", "30", "--max-pages", "12"],
    ["extract", "plan.txt", "--max-input-size", "300M", "--max-text-size", "512KiB", "-o", "-"],
])
def test_everyday_command_lines_are_read_quickly_and_as_click_reads_them(args: list[str]) -> None:
    quick = quick_extract(args)
    assert quick is not None
    assert same(quick, clicks_reading(args))


@pytest.mark.parametrize("args", [
    ["extract"], ["extract", "a", "b"], ["extract", "a", "--help"], ["extract", "a", "-j", "0"],
    ["extract", "a", "--jobs=2"], ["extract", "a", "-j2"], ["extract", "a", "--pretty", "-o"],
    ["extract", "a", "--ocr", "AUTO"], ["extract", "a", "--ocr-timeout", "nan"], ["extract", "a", "-j", "2", "-j", "3"],
    ["extract", "--", "a"], ["extract", "a", "-o", "--pretty"], ["repair", "a"], ["--version"], ["batch", "a"],
])
def test_anything_else_goes_to_the_click_app(args: list[str]) -> None:
    assert quick_extract(args) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(OPTIONS + VALUES + OTHER), max_size=7))
def test_whenever_the_quick_entry_reads_a_command_line_click_reads_the_same(words: list[str]) -> None:
    args = ["extract", *words]
    quick = quick_extract(args)
    if quick is not None:
        assert same(quick, clicks_reading(args)), args


def run(entry: str, args: list[str], cwd: Path, stdin: bytes = b"") -> tuple[int, bytes, bytes]:
    code = {"quick": "import sys; sys.argv[0] = 'khparse'; from khparse.entry import main; main()",
            "click": "import sys; sys.argv[0] = 'khparse'; from khparse.cli import main; main()"}[entry]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, input=stdin, cwd=cwd,
                          env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


def test_the_program_says_and_exits_as_the_click_app_does(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "prose.txt").write_text("Hôm nay trời đẹp. Chúng tôi đi chơi công viên.\n", "utf-8")
    (tmp_path / "folder").mkdir()
    cases: list[tuple[list[str], bytes]] = [
        (["extract", str(TEXT_PLAN)], b""),
        (["extract", str(TEXT_PLAN), "--pretty", "--no-repair"], b""),
        (["extract", "-"], TEXT_PLAN.read_bytes()),
        (["extract", "missing.txt"], b""),
        (["extract", "empty.txt"], b""),
        (["extract", "prose.txt"], b""),
        (["extract", "folder"], b""),
        (["extract", str(TEXT_PLAN), "-o", "folder"], b""),
        (["extract", str(TEXT_PLAN), "--max-input-size", "1K"], b""),
        (["extract", str(TEXT_PLAN), "-j", "0"], b""),
        (["extract", str(TEXT_PLAN), "--ocr", "sometimes"], b""),
    ]
    for args, stdin in cases:
        assert run("quick", args, tmp_path, stdin) == run("click", args, tmp_path, stdin), args
    written = {}
    for entry in ("quick", "click"):
        assert run(entry, ["extract", str(TEXT_PLAN), "-o", f"{entry}.json"], tmp_path)[0] == 0
        written[entry] = (tmp_path / f"{entry}.json").read_bytes()
    assert written["quick"] == written["click"] != b""


def imported_by_the_program(*args: str) -> set[str]:
    """The modules a run of `python -m khparse ARGS` imported (from -X importtime's report: the
    program leaves with os._exit, so it cannot be asked afterwards)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "khparse", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=True)
    return {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}


def test_a_text_plan_and_a_text_layer_pdf_run_without_click() -> None:
    for plan in (TEXT_PLAN, TEXT_PDF):
        found = imported_by_the_program("extract", str(plan))
        assert "khparse.pipeline" in found  # the report was read
        assert not {m for m in found if m.split(".")[0] == "click"}
        # Nor what only a large input's hash (OpenSSL) needs; pypdfium2 imports the others itself.
        assert "_hashlib" not in found
        if plan == TEXT_PLAN:  # nor what only writing to a file (tempfile) or a traceback needs
            assert not found & {"tempfile", "traceback"}


def test_the_console_script_is_the_quick_entry() -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")  # (tomllib is 3.11+; khparse runs on 3.10)
    scripts = text.split("[project.scripts]", 1)[1].split("\n[", 1)[0]
    assert scripts.strip() == 'khparse = "khparse.entry:main"'
