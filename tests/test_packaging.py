"""What the wheel and the sdist ship: khparse's licence (LICENSE, MIT) and the notice of the
language data's own licences (src/khparse/data/NOTICE.md: CC BY-SA 3.0 for the statistics derived
from Wikipedia and the law corpus, MIT for the gazetteer), which the share-alike terms require to
travel with the files. Both are built offline with setuptools' backend from a copy of the sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("wheel", reason="the dev extra installs it (make setup)")


def test_wheel_and_sdist_carry_the_licence_and_the_data_notice(tmp_path: Path) -> None:
    project, out = tmp_path / "project", tmp_path / "dist"
    project.mkdir()
    out.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "DATA.md", "MANIFEST.in"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src" / "khparse", project / "src" / "khparse",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    # build_sdist rewrites sys.argv: the folder is read from it first.
    build = ("import sys; from setuptools import build_meta as b; out = sys.argv[1]; "
             "b.build_sdist(out); b.build_wheel(out)")
    built = subprocess.run([sys.executable, "-c", build, str(out)],
                           cwd=project, capture_output=True, timeout=300, check=False)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    in_wheel = zipfile.ZipFile(wheel).namelist()
    with tarfile.open(sdist) as archive:
        in_sdist = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    notice = (ROOT / "src" / "khparse" / "data" / "NOTICE.md").read_text("utf-8")
    assert "CC BY-SA 3.0" in notice and "MIT" in notice
    # PEP 639 (setuptools >= 77): license-files land in .dist-info/licenses/.
    assert "khparse/data/NOTICE.md" in in_wheel
    assert {n.split(".dist-info/", 1)[1] for n in in_wheel if ".dist-info/licenses/" in n} == {
        "licenses/LICENSE", "licenses/DATA.md"}
    metadata = zipfile.ZipFile(wheel).read(next(n for n in in_wheel if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    warned = [line for line in built.stderr.decode().lower().splitlines() if "license" in line and "warn" in line]
    assert not warned, warned
    assert {"LICENSE", "DATA.md", "src/khparse/data/NOTICE.md"} <= set(in_sdist)
    shipped = {Path(n).name for n in in_wheel if n.startswith("khparse/data/")}
    assert shipped - {"NOTICE.md"} <= set(notice.replace(",", " ").split())  # every data file named in it
