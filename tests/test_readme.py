"""The README cannot go stale: every example marked `<!-- readme-example -->` is run and its output
compared with what the README shows (scripts/readme_examples.py; `--update` rewrites them), and
`make demo > plan.json` gives valid JSON on a fresh machine, however chatty the set-up."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("readme_examples", ROOT / "scripts" / "readme_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


readme = _script()
EXAMPLES = readme.examples(readme.README.read_text("utf-8"))


def test_the_readme_marks_its_examples() -> None:
    assert {e.lang for e in EXAMPLES} == {"console", "json", "pycon"}
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_readme_example_is_current(example: Any) -> None:
    if shutil.which("jq") is None and "jq " in example.body:
        pytest.skip("jq is not installed (make setup installs it)")
    problem = readme.stale(example)
    assert problem is None, f"{problem}\n(after an intended change: python scripts/readme_examples.py --update)"


def test_abridging_shows_nothing_khparse_does_not_print() -> None:
    real = {"a": 1, "b": [{"x": 1, "y": 2}, {"x": 3, "y": 4}], "c": [5, 6], "d": {"e": None}}
    assert readme.abridge(real, {"b": [{"x": 0}], "c": []}) == {"b": [{"x": 1}], "c": [5, 6]}
    with pytest.raises(ValueError, match="no z"):
        readme.abridge(real, {"d": {"z": 1}})


def test_the_readme_still_opens_with_make_demo_and_make_test() -> None:
    first = readme.README.read_text("utf-8").splitlines()[:5]
    assert any(line.lstrip().startswith("make demo") for line in first)
    assert any(line.lstrip().startswith("make test") for line in first)


CHATTY_PYTHON = """#!/bin/sh
# Stands in for python3 during `make setup`: says a lot on stdout, as venv and pip do.
echo "python: $*"
if [ "$1" = -m ] && [ "$2" = venv ]; then
    mkdir -p "$3/bin"
    printf '#!/bin/sh\\necho "Collecting everything... Successfully installed khparse"\\n' > "$3/bin/pip"
    printf '#!/bin/sh\\nexec %s -m khparse "$@"\\n' > "$3/bin/khparse"
    chmod +x "$3/bin/pip" "$3/bin/khparse"
fi
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_prints_only_json_on_a_fresh_machine(tmp_path: Path) -> None:
    python = tmp_path / "python3"
    python.write_text(CHATTY_PYTHON.replace("%s", sys.executable, 1), encoding="utf-8")
    python.chmod(0o755)
    # As typed in a shell: not as a sub-make (under `make test`), which prints "Entering directory".
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    # -o system-deps: apt is not run here (it is silent on stdout too: all its output goes to stderr).
    done = subprocess.run(["make", "-o", "system-deps", "demo", f"PY={python}", f"VENV={tmp_path / 'venv'}"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Successfully installed" in done.stderr and "python: -m venv" in done.stderr  # set-up did run
    assert done.stdout.lstrip().startswith("{"), (done.stdout[:500], done.stderr[-2000:])
    plan = json.loads(done.stdout)
    assert plan["schema"] == "khparse.plan" and plan["source"]["path"] == "samples/thuong-xuan-2025.md"


def test_the_dask_recipe_installs_this_version() -> None:
    from khparse import __version__

    text = readme.README.read_text("utf-8")
    assert f"pip install 'dist/khparse-{__version__}-py3-none-any.whl[dask]'" in text
    assert "pip install 'khparse[dask]'" not in text  # no index holds khparse
