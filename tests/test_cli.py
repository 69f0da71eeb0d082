"""The command line as a user meets it: stdout is JSON and nothing else; every bad input gets a
clear one-line message and its documented exit code, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from khparse.cli import main
from khparse.errors import ExitCode

from .conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "thuong-xuan-2025.md"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real console entry point in a subprocess, so stdout is the process's own stdout."""
    return subprocess.run([sys.executable, "-m", "khparse", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=120, check=False)


def test_extract_prints_one_json_object_and_nothing_else() -> None:
    result = run("extract", str(SAMPLE))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.endswith("\n") and out.count("\n") == 1  # one line, one object
    plan = json.loads(out)
    assert plan["schema"] == "khparse.plan"
    assert plan["header"]["title"] == "Tuyên truyền Cải cách hành chính trên địa bàn xã năm 2025"
    assert "\\u" not in out  # UTF-8, not ASCII escapes


def test_extract_reads_stdin_and_writes_output_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    result = run("extract", "-", "-o", str(target), "--pretty", stdin=SAMPLE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    plan = json.loads(target.read_text(encoding="utf-8"))
    assert plan["source"]["path"] == "-"
    assert plan["header"]["number"] == "/KH-UBND"


def test_crlf_and_bom_input_parse_like_lf(tmp_path: Path) -> None:
    text = (SAMPLES / "ben-tam-2025.txt").read_text(encoding="utf-8")
    variant = tmp_path / "crlf.txt"
    variant.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    a = json.loads(run("extract", str(variant)).stdout)
    b = json.loads(run("extract", str(SAMPLES / "ben-tam-2025.txt")).stdout)
    for part in ("header", "legal_basis", "sections", "assignments", "recipients", "signer"):
        assert a[part] == b[part]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("name", "data", "code", "words"),
    [
        ("empty.txt", b"", ExitCode.input_unreadable, "empty"),
        ("blank.txt", b"  \n\n \t\n", ExitCode.input_unreadable, "empty"),
        ("binary.txt", bytes(range(256)) * 8, ExitCode.input_unreadable, "binary"),
        ("latin1.txt", "Kế hoạch".encode("utf-16-le") + b"\xff\xfe\x00", ExitCode.input_unreadable, "binary"),
        # Neither UTF-8 nor Vietnamese in a legacy code page (Windows-1258, TCVN3): French in Latin-1.
        ("latin1-fr.txt", "Les élèves étudient la géographie européenne.\n".encode("latin-1"),
         ExitCode.input_unreadable, "UTF-8"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 40, ExitCode.input_unreadable, "ZIP"),
        ("english.txt", b"The quick brown fox jumps over the lazy dog.\n" * 20, ExitCode.not_a_plan, "no part"),
    ],
)
def test_bad_input_gets_message_and_exit_code(tmp_path: Path, name: str, data: bytes, code: ExitCode,
                                              words: str) -> None:
    result = run("extract", _write(tmp_path, name, data))
    assert result.returncode == code, result.stderr
    err = result.stderr.decode("utf-8")
    assert words in err and "Traceback" not in err
    assert err.startswith("khparse: error:") and err.count("\n") == 1
    assert result.stdout == b""


def test_missing_file_and_directory(tmp_path: Path) -> None:
    missing = run("extract", str(tmp_path / "nope.txt"))
    assert missing.returncode == ExitCode.input_unreadable
    assert b"no such file" in missing.stderr
    directory = run("extract", str(tmp_path))
    assert directory.returncode == ExitCode.input_unreadable
    assert b"directory" in directory.stderr


def test_usage_error_exit_code() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["extract"]).exit_code == ExitCode.usage
    assert runner.invoke(main, ["extract", "a", "--no-such-flag"]).exit_code == ExitCode.usage


def test_schema_command_matches_checked_in_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads((ROOT / "schemas" / "plan.schema.json").read_text("utf-8"))


def test_every_command_is_documented_with_an_example() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        help_text = runner.invoke(main, [name, "--help"]).output
        assert "Example" in help_text, f"`khparse {name} --help` has no example"
        assert f"khparse {name}" in (ROOT / "README.md").read_text("utf-8"), f"README does not show `{name}`"
        assert command.help


def test_a_chatty_library_cannot_corrupt_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    import khparse.pipeline as pipeline  # the command imports parse_source from here when it runs

    real_extract = pipeline.parse_source

    def chatty(source, **options):  # type: ignore[no-untyped-def]
        print("debug: a library printing to stdout")
        return real_extract(source, **options)

    monkeypatch.setattr(pipeline, "parse_source", chatty)
    result = CliRunner().invoke(main, ["extract", str(SAMPLE)])
    assert result.exit_code == 0
    json.loads(result.stdout)  # stdout is still exactly one JSON object
    assert "debug:" in result.stderr


def test_internal_error_is_reported_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    import khparse.pipeline as pipeline

    def broken(source: object, **options: object) -> None:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "parse_source", broken)
    monkeypatch.delenv("KHPARSE_DEBUG", raising=False)
    result = CliRunner().invoke(main, ["extract", str(SAMPLE)])
    assert result.exit_code == ExitCode.internal_error
    assert "internal error" in result.stderr and "Traceback" not in result.stderr


def test_python_dash_m_and_console_script_agree() -> None:
    script = Path(sys.executable).with_name("khparse")
    if not script.exists():
        pytest.skip("console script not installed in this environment")
    a = subprocess.run([str(script), "extract", str(SAMPLE)], capture_output=True, check=True, env=os.environ)
    assert json.loads(a.stdout) == json.loads(run("extract", str(SAMPLE)).stdout)


def test_repair_json_lists_changed_and_unsure_words() -> None:
    text = "Can ctt Nghi quyét s6 76/NQ-CP ngay 15/7/2021 ctia Chinh phu\nke hoach tuyen truyen\n"
    result = run("repair", "--json", "-", stdin=text.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")
    assert out.count("\n") == 1  # one JSON object on one line
    report = json.loads(out)
    assert report["text"].split("\n")[0] == "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ"
    assert report["quality"]["verdict"] == "garbled"
    changed = {(w["line"], w["column"]): w for w in report["words"]}
    assert changed[(1, 5)]["original"] == "ctt" and changed[(1, 5)]["repaired"] == "cứ"
    assert changed[(2, 1)]["repaired"] == "kế"
    assert all(0 < w["confidence"] <= 1 for w in report["words"])
    assert not any(w["original"] == "76/NQ-CP" for w in report["words"])  # kept spans are not words
