"""The command line's cache of compiled patterns, dataclass methods and annotations
(khparse/startup_cache.py): what is built from it is what `re`, `dataclasses` and `typing` compile,
and a missing, damaged or switched-off cache changes nothing.

Each case runs in a child process: installing the cache replaces `re`'s compiler and the `exec` of
`dataclasses` for the process."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

PROBE = r"""
import re, sys
if sys.argv[1] == "cached":
    from khparse import startup_cache
    startup_cache.install()
import dataclasses
text = "Số: 86/KH-UBND ngày 04/02/2025\nII. NỘI DUNG\nTuyên  truyền cải cách"
found = []
for pattern, flags in [(r"(?P<num>\d+)/(?P<kind>[A-ZĐ]+)-(\w+)", 0), (r"tuyên\s+truyền", re.I),
                       (r"^\s*(?:[IVX]+)\.\s*(.+)$", re.M), (r"(?<=ngày )\d\d", 0)]:
    c = re.compile(pattern, flags)
    found.append((c.pattern, c.flags, c.groups, dict(c.groupindex), c.findall(text),
                  c.sub("_", text), [m.span() for m in c.finditer(text)]))
b = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
found.append((b.pattern, b.flags, b.findall(b"<< /Length 5 >>stream\r\nabc")))

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: "list[str]" = dataclasses.field(default_factory=list)

p = Point(1, ["a"])
try:
    p.x = 2
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
found.append((repr(p), p == Point(1, ["a"]), p < Point(2), hash(Point(1, ())), frozen,
              {k: repr(v) for k, v in Point.__init__.__annotations__.items()}, Point.__init__.__code__.co_filename))
import typing

class Later:
    pass

class Hinted:
    a: "typing.Annotated[int | None, 'meta']"
    b: "list[Later]"
    c: "dict[str, typing.Literal['x']]"

try:
    typing.ForwardRef("not valid (")
    bad = None
except SyntaxError as exc:
    bad = str(exc)
found.append(({k: repr(v) for k, v in typing.get_type_hints(Hinted, include_extras=True).items()}, bad))
if sys.argv[1] == "cached":
    found.append(("compiled afresh", [s.added for s in startup_cache._stores]))
    startup_cache.save()
print(repr(found))
"""


def _probe(mode: str, cache: str) -> list[object]:
    env = {**os.environ, "KHPARSE_CACHE_DIR": cache, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", PROBE, mode], env=env, capture_output=True, text=True, check=True)
    result: list[object] = ast.literal_eval(out.stdout)
    return result


def test_cached_patterns_and_classes_are_those_compiled_afresh(tmp_path: Path) -> None:
    plain = _probe("plain", str(tmp_path))
    first = _probe("cached", str(tmp_path))  # empty cache: compiles, then writes the files
    assert first[:-1] == plain and first[-1] == ("compiled afresh", [True, True])
    assert len(list(tmp_path.iterdir())) == 2
    again = _probe("cached", str(tmp_path))  # everything from the files
    assert again[:-1] == plain and again[-1] == ("compiled afresh", [False, False])


def test_damaged_or_switched_off_cache_compiles_as_usual(tmp_path: Path) -> None:
    plain = _probe("plain", str(tmp_path))
    _probe("cached", str(tmp_path))
    for cache_file in tmp_path.iterdir():
        cache_file.write_bytes(cache_file.read_bytes()[:100])  # truncated
    assert _probe("cached", str(tmp_path))[:-1] == plain
    assert _probe("cached", "")[:-1] == plain  # KHPARSE_CACHE_DIR="": no cache


def test_extract_output_is_the_same_cold_and_warm(tmp_path: Path) -> None:
    def extract(cache: str) -> bytes:
        env = {**os.environ, "KHPARSE_CACHE_DIR": cache}
        return subprocess.run([sys.executable, "-m", "khparse", "extract", str(SAMPLES / "thuong-xuan-2025.md")],
                              env=env, capture_output=True, check=True).stdout

    off = extract("")
    assert extract(str(tmp_path)) == off  # cold: compiles and writes the cache
    assert any(tmp_path.iterdir())
    assert extract(str(tmp_path)) == off  # warm: every pattern and dataclass method from the cache


JSON_PROBE = r"""
from khparse import startup_cache
startup_cache.install()
import json
store = next(s for s in startup_cache._stores if s.path.name.startswith("regex-"))
kept = {pattern for pattern, flags in store.used}
print(all(p.pattern in kept for p in (json.decoder.WHITESPACE, json.scanner.NUMBER_RE, json.encoder.ESCAPE)))
startup_cache.save()
"""


def test_jsons_patterns_are_kept_though_the_standard_librarys_are_not(tmp_path: Path) -> None:
    """`extract` writes the plan with json, whose patterns are literals: they are kept and read back
    (STANDARD_KEPT), as khparse's own are."""
    env = {**os.environ, "KHPARSE_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    runs = [subprocess.run([sys.executable, "-c", JSON_PROBE], env=env, capture_output=True, text=True,
                           check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "True"]  # compiled and kept by the first, read back by the second
