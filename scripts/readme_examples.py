"""Check, or regenerate, the examples in README.md, so what the README shows is what khparse prints.

    python scripts/readme_examples.py            # check: every example current? (exit 1 if not)
    python scripts/readme_examples.py --update   # rewrite the examples' output from a real run

An example is a fenced block right after a marker comment (the marker is invisible on GitHub):

    <!-- readme-example -->                       a ```console block: each `$ COMMAND` line is run
                                                  by bash in the repository, with the venv's bin/
                                                  first on PATH, and must exit 0; the lines after
                                                  it, up to the next `$`, are its stdout, exactly
    <!-- readme-example -->                       a ```pycon block: each `>>> ` line is run in one
                                                  namespace, in the repository, as the interactive
                                                  interpreter would; the lines after it are what it
                                                  prints (or the repr of its value)
    <!-- readme-example: abridged COMMAND -->     a ```json block: COMMAND's JSON output, abridged
                                                  to the keys and list items the block shows

Abridging is the one normalisation (tests/test_readme.py runs the check): the block is a template —
a key it shows is taken from the real output (a key the output lacks is an error); a list of n
items shows the real list's first n (an empty list shows the whole real list); every value shown
is the real value. So the README may leave things out, but never show anything khparse does not
print. Pretty JSON (2 spaces, UTF-8), as `khparse extract --pretty` prints it.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MARKER = re.compile(r"^<!-- readme-example(?::\s*abridged\s+`(?P<command>[^`]+)`)?\s*-->\n```(?P<lang>\w+)\n",
                    re.MULTILINE)


@dataclass(frozen=True)
class Example:
    line: int  # of the marker, 1-based
    lang: str  # console or json
    command: str | None  # the abridged command of a json block
    body: str  # the fenced text (without the fences)
    start: int  # offsets of `body` in the README
    end: int

    @property
    def name(self) -> str:
        return f"README.md:{self.line}"


def examples(text: str) -> list[Example]:
    found = []
    for m in MARKER.finditer(text):
        end = text.index("```\n", m.end())
        found.append(Example(text.count("\n", 0, m.start()) + 1, m.group("lang"), m.group("command"),
                             text[m.end():end], m.end(), end))
    return found


def run(command: str) -> str:
    """COMMAND's stdout, run as a user would from the repository, with this venv's khparse."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               KHPARSE_DEBUG="")
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"`{command}` exited with {done.returncode}: {done.stderr.strip()[-500:]}")
    return done.stdout


def abridge(real: Any, shown: Any, where: str = "") -> Any:
    """`real` cut down to what `shown` holds (see the module's docstring)."""
    if isinstance(shown, dict):
        if not isinstance(real, dict):
            raise ValueError(f"{where or 'the output'} is no longer an object")
        missing = [k for k in shown if k not in real]
        if missing:
            raise ValueError(f"{where or 'the output'} has no {', '.join(missing)} any more")
        return {k: abridge(real[k], v, f"{where}.{k}") for k, v in shown.items()}
    if isinstance(shown, list) and shown:
        if not isinstance(real, list):
            raise ValueError(f"{where} is no longer a list")
        return [abridge(r, s, f"{where}[{i}]") for i, (r, s) in enumerate(zip(real, shown, strict=False))]
    return real


def session(body: str) -> list[str]:
    """A pycon block replayed: its `>>> ` lines, each followed by what it printed or echoed."""
    namespace: dict[str, Any] = {"__name__": "__readme__"}
    lines: list[str] = []
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        for line in body.splitlines():
            if line.startswith(">>> "):
                lines.append(line)
                echo = io.StringIO()
                with contextlib.redirect_stdout(echo):
                    exec(compile(line[4:], "<README>", "single"), namespace)
                lines.extend(echo.getvalue().rstrip("\n").splitlines())
    except Exception as exc:
        raise RuntimeError(f"`{lines[-1]}` raised {type(exc).__name__}: {exc}") from None
    finally:
        os.chdir(here)
    return lines


def current(example: Example) -> str:
    """The body the example should have."""
    if example.lang == "pycon":
        return "".join(f"{line}\n" for line in session(example.body))
    if example.lang == "json":
        assert example.command is not None
        shown = json.loads(example.body)
        real = json.loads(run(example.command))
        return json.dumps(abridge(real, shown), ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for line in example.body.splitlines():
        if line.startswith("$ "):
            lines.append(line)
            lines.extend(run(line[2:]).rstrip("\n").splitlines())
    return "".join(f"{line}\n" for line in lines)


def stale(example: Example) -> str | None:
    """None if the example is current, else a diff of README against a real run."""
    try:
        want = current(example)
    except (RuntimeError, ValueError) as exc:
        return f"{example.name}: {exc}"
    if want == example.body:
        return None
    diff = difflib.unified_diff(example.body.splitlines(), want.splitlines(), "README", "khparse", lineterm="")
    return f"{example.name}:\n" + "\n".join(diff)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite stale examples with real output")
    args = parser.parse_args()
    text = README.read_text("utf-8")
    found = examples(text)
    problems = [p for p in map(stale, found) if p]
    if args.update and problems:
        for example in reversed(found):
            text = text[:example.start] + current(example) + text[example.end:]
        README.write_text(text, "utf-8")
        print(f"README.md: {len(problems)} of {len(found)} examples rewritten; review the diff", file=sys.stderr)
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"README.md: {len(found) - len(problems)} of {len(found)} examples current", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
