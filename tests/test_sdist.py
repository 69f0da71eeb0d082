"""The sdist can test itself: it carries every tracked file the suite reads (tests and fixtures,
samples and golden files, schemas, the scripts and benchmarks tests import, the Makefile), and a test
run from the unpacked sdist passes. Built offline with setuptools' backend from a copy of the
repository's tracked files (MANIFEST.in decides what goes in)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from .conftest import ROOT

NEEDED = ("tests/", "samples/", "schemas/", "benchmarks/", "scripts/", "src/", "Makefile", "pyproject.toml",
          "README.md", "LICENSE", "DATA.md")


def _tracked() -> list[str]:
    """Files git tracks, or would (new files not ignored): what a clean checkout holds."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (already an sdist?)")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout
    return [name for name in listed.decode().split("\0") if name and (ROOT / name).is_file()]


def test_the_sdist_carries_its_tests_and_runs_them(tmp_path: Path) -> None:
    tracked = _tracked()
    project, out = tmp_path / "project", tmp_path / "dist"
    for name in tracked:
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, project / name)
    out.mkdir()
    # gzip at level 1: at tarfile's level 9 the language data take 20 s to compress, for nothing here.
    build = ("import sys, zlib; level9 = zlib.compressobj; zlib.compressobj = lambda level=9, *a: level9(1, *a); "
             "from setuptools import build_meta as b; b.build_sdist(sys.argv[1])")
    built = subprocess.run([sys.executable, "-c", build, str(out)], cwd=project, capture_output=True, timeout=300,
                           check=False)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    (sdist,) = out.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python 3.10.12+
        archive.extractall(tmp_path / "unpacked", **safe)  # type: ignore[arg-type]
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    missing = sorted(n for n in tracked if n.startswith(NEEDED) and n not in shipped)
    assert not missing, f"tracked files the sdist lacks (MANIFEST.in): {missing[:20]}"
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in shipped)

    # Quick tests of the unpacked sdist, against its own sources (PYTHONPATH) and files (conftest's ROOT).
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked / "src")}
    ran = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_schema.py",
                          "tests/test_golden.py"], cwd=unpacked, env=env, capture_output=True, timeout=300,
                         check=False)
    assert ran.returncode == 0, ran.stdout.decode()[-3000:]
    assert b" passed" in ran.stdout and b"skipped" not in ran.stdout
