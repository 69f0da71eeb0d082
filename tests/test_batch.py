"""`khparse batch` as a user meets it: one record per input in input order, hostile inputs failed
with their codes while the batch goes on, exit codes, ZIP members, a list on stdin, -o DIR with its
manifest, --fail-fast, and resume after a kill -9 ending equal to an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from khparse.cli import main
from khparse.errors import ExitCode

from .batch_inputs import HOSTILE_CODES, PARTIAL, write_clean, write_hostile, write_zip
from .conftest import ROOT


def batch(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    # `python -m khparse.batch` is the batch command itself, with or without its registration in cli.py.
    return subprocess.run([sys.executable, "-m", "khparse.batch", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=120, check=False)


def records(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_batch_is_a_khparse_command() -> None:
    assert "batch" in main.commands, "add `main.add_command(batch_command)` to cli.py"


def test_order_kept_and_hostile_inputs_fail_with_their_codes(tmp_path: Path) -> None:
    write_clean(tmp_path / "a", 6)
    write_hostile(tmp_path / "b")
    write_clean(tmp_path / "c", 6, start=6)
    result = batch(str(tmp_path), "--jobs", "2")
    assert result.returncode == ExitCode.batch_partial, result.stderr
    got = records(result.stdout)
    expected = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert [str(Path(r["input"]).relative_to(tmp_path)) for r in got] == expected  # one each, in order
    for r in got:
        name = Path(r["input"]).name
        if name in HOSTILE_CODES:
            assert r["status"] == "failed" and r["plan"] is None
            assert r["error"]["code"] == HOSTILE_CODES[name], r["error"]
            assert r["error"]["message"] and r["error"]["stage"]
        else:
            assert r["status"] == "ok", r["error"]
            assert r["plan"]["schema"] == "khparse.plan" and r["error"] is None
            assert r["plan"]["source"]["path"] == r["input"] and r["sha256"] == r["plan"]["source"]["sha256"]
    assert b"5 failed" in result.stderr and b"input_unreadable" in result.stderr


def test_all_ok_exits_0_and_partial_is_not_a_failure(tmp_path: Path) -> None:
    write_clean(tmp_path, 3)
    (tmp_path / "z-headless.txt").write_bytes(PARTIAL.read_bytes())
    result = batch(str(tmp_path), "-q")
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""  # -q: no summary
    assert [r["status"] for r in records(result.stdout)] == ["ok", "ok", "ok", "partial"]


def test_zip_members_and_a_list_on_stdin(tmp_path: Path) -> None:
    plans = write_clean(tmp_path / "src", 3)
    write_zip(tmp_path / "archive.zip", {"x/one.txt": plans[1].read_bytes(), "x/empty.txt": b"",
                                         "notes/readme.md": b"# not a plan\n", ".hidden": b"skip me"})
    listing = f"{plans[0]}\n{tmp_path / 'archive.zip'}\n\n{tmp_path / 'missing.txt'}\n".encode()
    result = batch("-", "--glob", "*.txt", stdin=listing)
    got = {Path(r["input"]).relative_to(tmp_path).as_posix(): r for r in records(result.stdout)}
    assert list(got) == ["src/plan-000.md", "archive.zip/x/one.txt", "archive.zip/x/empty.txt", "missing.txt"]
    assert got["archive.zip/x/one.txt"]["status"] == "ok"
    assert got["archive.zip/x/empty.txt"]["error"]["code"] == "input_unreadable"
    assert got["missing.txt"]["error"]["code"] == "input_unreadable" and got["missing.txt"]["sha256"] is None
    assert result.returncode == ExitCode.batch_partial


def test_output_dir_mirrors_the_tree_and_writes_a_manifest(tmp_path: Path) -> None:
    src = tmp_path / "archive"
    write_clean(src / "2024", 2)
    write_hostile(src / "bad")
    result = batch(str(src), "-o", str(tmp_path / "out"), "-q", cwd=tmp_path)
    assert result.returncode == ExitCode.batch_partial and result.stdout == b""
    manifest = [json.loads(line) for line in (tmp_path / "out" / "manifest.jsonl").read_text("utf-8").splitlines()]
    assert len(manifest) == 7 and all("plan" not in r for r in manifest)
    ok = [r for r in manifest if r["status"] == "ok"]
    # Relative to the PATH given: nothing of the machine's tree is copied into the output.
    assert [r["output"] for r in ok] == ["2024/plan-000.md.json", "2024/plan-001.txt.json"]
    plan = json.loads((tmp_path / "out" / ok[0]["output"]).read_text("utf-8"))
    assert plan["schema"] == "khparse.plan" and plan["source"]["path"] == ok[0]["input"]
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_fail_fast_stops_and_gives_the_rest_skipped_records(tmp_path: Path) -> None:
    write_clean(tmp_path / "a", 2)
    write_hostile(tmp_path / "b")
    write_clean(tmp_path / "c", 3)
    result = batch(str(tmp_path), "--fail-fast", "--jobs", "2", "-q")
    assert result.returncode == ExitCode.batch_partial
    statuses = [r["status"] for r in records(result.stdout)]
    assert statuses == ["ok", "ok", "failed"] + ["skipped"] * 7
    assert records(result.stdout)[-1]["error"]["code"] == "not_run"


def _comparable(out: Path) -> dict[str, Any]:
    """The final output of a run, minus timings."""
    lines = (out / "manifest.jsonl").read_text("utf-8").splitlines()
    files = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.json")}
    return {"manifest": [{k: v for k, v in json.loads(line).items() if k != "seconds"} for line in lines],
            "files": files}


def test_resume_after_kill_9_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_clean(src, 40)
    write_hostile(src / "zz")
    # Same bytes under several names: each name keeps its own record.
    (src / "zz" / "empty-again.txt").write_bytes(b"")
    (src / "zz" / "copy.txt").write_bytes((src / "plan-003.txt").read_bytes())
    whole = batch(str(src), "-o", str(tmp_path / "whole"), "-q", "--jobs", "1")
    assert whole.returncode == ExitCode.batch_partial

    out = tmp_path / "cut"
    command = [sys.executable, "-m", "khparse.batch", str(src), "-o", str(out), "-q", "--jobs", "1"]
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    manifest = out / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, mid-run
    proc.wait()
    written = manifest.read_bytes().count(b"\n")
    assert 5 <= written < 47, "the kill should land mid-run"

    resumed = batch(str(src), "-o", str(out), "--jobs", "2")
    assert resumed.returncode == ExitCode.batch_partial
    assert f"{written}".encode() in resumed.stderr or b"taken from the manifest" in resumed.stderr
    assert _comparable(out) == _comparable(tmp_path / "whole")


def test_resume_skips_done_inputs_by_content(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_clean(src, 3)
    assert batch(str(src), "-o", str(tmp_path / "out"), "-q").returncode == 0
    (src / "plan-001.txt").rename(src / "renamed.txt")  # same bytes, new name
    again = batch(str(src), "-o", str(tmp_path / "out"))
    assert again.returncode == 0
    assert b"3 done before" in again.stderr
    plan = json.loads((tmp_path / "out" / "renamed.txt.json").read_text("utf-8"))
    assert plan["source"]["path"] == str(src / "renamed.txt")


def test_expand_walks_sorted_skips_hidden_and_its_own_output(tmp_path: Path) -> None:
    from khparse.batch.inputs import expand

    for name in ("b/2.txt", "b/1.pdf", "a/x.md", ".git/config", "b/.DS_Store", "out/a.json", "b/sub/3.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    write_zip(tmp_path / "b" / "z.zip", {"in/4.txt": b"x", "__MACOSX/in/._4.txt": b"x", "5.pdf": b"x"})
    names = [Path(i.name).relative_to(tmp_path).as_posix() for i in expand([str(tmp_path)], skip=tmp_path / "out")]
    assert names == ["a/x.md", "b/1.pdf", "b/2.txt", "b/sub/3.txt", "b/z.zip/in/4.txt", "b/z.zip/5.pdf"]
    only_txt = [Path(i.name).name for i in expand([str(tmp_path)], ["*.txt"], skip=tmp_path / "out")]
    assert only_txt == ["2.txt", "3.txt", "4.txt"]
    nested = [Path(i.name).name for i in expand([str(tmp_path / "b")], ["sub/*"])]
    assert nested == ["3.txt"]


def test_a_finished_batch_rerun_changes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_clean(src, 2)
    write_hostile(src)
    (src / "empty-again.txt").write_bytes(b"")  # same bytes as empty.txt, its own message
    assert batch(str(src), "-o", str(tmp_path / "out"), "-q").returncode == ExitCode.batch_partial
    first = _comparable(tmp_path / "out")
    again = batch(str(src), "-o", str(tmp_path / "out"))
    assert b"8 done before" in again.stderr
    assert _comparable(tmp_path / "out") == first
