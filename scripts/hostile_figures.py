"""The figures of issue 11: every hostile input of tests/hostile.py (and the few the contract tests
build inline) run through the real command line, each judged on its own.

    nice .venv/bin/python scripts/hostile_figures.py            # about 3 minutes on a loaded core
    nice .venv/bin/python scripts/hostile_figures.py --fuzz 300

For each input: the exit code and the words of its message (a failed record's code and message
in a batch), no traceback and no "internal error" (else a crash), done within 30 s (else a hang),
the peak memory of its processes (over 1 GB is counted), nothing left in its temporary folder and no
process left (hostile.khparse asserts both), inputs untouched and nothing written outside the
output folder (checked by hashing the whole working folder before and after). The fuzz runs the
readers in-process on mutated samples and counts anything but a KhparseError as a crash.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import socket
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import hostile  # noqa: E402
from tests.test_stalling_lines import CASES as STALLING  # noqa: E402

SAMPLE = ROOT / "samples" / "thuong-xuan-2025.md"
GB = 1024


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (not following links) and a hash of its bytes."""
    found = {}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            found[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.notes: list[str] = []

    def judge(self, name: str, run: Callable[[], tuple[hostile.Run, int, str]], work: Path,
              outputs: tuple[Path, ...] = ()) -> None:
        """`run` gives the result, the exit code it must have and the words its message must hold.
        Files may change only under `outputs`."""
        self.counts["tried"] += 1
        before = snapshot(work)
        try:
            result, code, words = run()
        except AssertionError as exc:
            kind = "hangs" if "took more than" in str(exc) else "left_behind"
            self.counts[kind] += 1
            self.notes.append(f"{name}: {kind}: {str(exc)[:200]}")
            return
        after = snapshot(work)
        changed = {p for p in before if before[p] != after.get(p)}  # inputs changed or removed
        added = {p for p in after if p not in before}
        outside = {p for p in added if not any(Path(p).is_relative_to(o) for o in outputs)}
        err = result.stderr.decode("utf-8", "replace")
        text = err + (result.stdout or b"").decode("utf-8", "replace")
        if changed:
            self.counts["inputs_overwritten"] += 1
            self.notes.append(f"{name}: changed {sorted(changed)[:3]}")
        if outside:
            self.counts["written_outside"] += 1
            self.notes.append(f"{name}: wrote outside the output folder {sorted(outside)[:3]}")
        if result.peak_mb > GB:
            self.counts["memory_over_1GB"] += 1
            self.notes.append(f"{name}: peak {result.peak_mb:.0f} MB")
        if "Traceback" in err or "internal error" in text or result.returncode < 0:
            self.counts["crashes"] += 1
            self.notes.append(f"{name}: crash, exit {result.returncode}: {err[-300:]}")
        elif result.returncode == code and words in text:
            self.counts["handled"] += 1
        else:
            self.notes.append(f"{name}: exit {result.returncode} (want {code}), want {words!r}: {err[:300]}")
        print(f"  {name}: exit {result.returncode}, {result.seconds:.1f} s, {result.peak_mb:.0f} MB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzz", type=int, default=300, help="mutated samples for the in-process fuzz")
    args = parser.parse_args()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="khparse-hostile-") as folder:
        work = Path(folder)
        tmp = work / "tmp"
        inputs = work / "inputs"
        inputs.mkdir()
        out = work / "out"

        def extract(name: str, data: bytes | None, code: int, words: str, *extra: str, command: str = "extract",
                    path: Path | None = None, **run: Any) -> None:
            target = path or inputs / name
            if data is not None:
                target.write_bytes(data)
            tally.judge(name, lambda: (hostile.khparse(command, str(target), *extra, tmp=tmp, **run), code, words),
                        work, (tmp,))

        # 2. Inputs that are not files, or never end.
        os.mkfifo(inputs / "fifo.txt")
        extract("fifo", None, 3, "named pipe (FIFO)", path=inputs / "fifo.txt")
        extract("/dev/zero", None, 3, "character device", path=Path("/dev/zero"))
        extract("/dev/urandom", None, 3, "character device", path=Path("/dev/urandom"))
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(inputs / "socket.txt"))
            extract("socket", None, 3, "is a socket", path=inputs / "socket.txt")
        extract("a directory", None, 3, "is a directory", path=inputs)
        with Path("/dev/zero").open("rb") as zero:
            tally.judge("stdin from /dev/zero", lambda: (hostile.khparse("extract", "-", stdin=zero, tmp=tmp), 3,
                                                         "larger than the 256 MiB input limit"), work, (tmp,))
        sparse = inputs / "huge.txt"
        with sparse.open("wb") as f:
            f.truncate(300 * 2**20)
        extract("300 MiB file", None, 3, "--max-input-size", path=sparse)
        sparse.unlink()
        with (inputs / "huge-text.txt").open("wb") as f:  # text over the 64 KiB that tell its kind, then a hole
            f.write(SAMPLE.read_bytes() * 8)
            f.truncate(250 * 2**20)
        extract("250 MiB of text", None, 3, "--max-text-size", path=inputs / "huge-text.txt")
        extract("250 MiB of text, repair", None, 3, "--max-text-size", path=inputs / "huge-text.txt",
                command="repair")
        with (inputs / "huge-text.txt").open("rb") as stdin:
            tally.judge("250 MiB of text on stdin", lambda: (hostile.khparse("extract", "-", stdin=stdin, tmp=tmp), 3,
                                                             "--max-text-size"), work, (tmp,))
        (inputs / "huge-text.txt").unlink()
        extract("empty.txt", b"", 3, "")
        extract("latin1.txt", "Kế hoạch".encode("cp1258", "replace") + b"\xe9\xff" * 100, 3, "not UTF-8")
        extract("elf.pdf", b"\x7fELF\x02\x01\x01" + bytes(500), 3, "")
        extract("english.txt", b"Meeting notes. The committee discussed the budget.\n" * 30, 5, "no part of a plan")
        for name, make in [("page-tree-loop.pdf", hostile.pdf_page_tree_loop),
                           ("stream-bomb-1GiB.pdf", lambda: hostile.pdf_stream_bomb(1024)),
                           *[(f"bomb-{c.replace(' ', '-')}.pdf", lambda c=c: hostile.pdf_filter_bomb(c))
                             for c in ("AHx Fl", "A85 Fl", "LZW", "RL")],
                           ("2000-blank-pages.pdf", lambda: hostile.pdf_blank_pages(2000)),
                           ("tiff-second-frame-bomb.tif", hostile.tiff_second_frame_bomb)]:
            extract(name, make(), 3, "")
        extract("tiff-infinite-dpi.tif", hostile.tiff_infinite_resolution(), 3, "no page has any text")
        # 3. Lines that stalled the parser, and a phrase that grew the decoder.
        for name, text in STALLING.items():
            extract(f"{name}.txt", text.encode(), 0, "")
        extract("100 KB without punctuation", hostile.text_without_punctuation(100_000), 0, "", command="repair")
        # 1. Outputs that are not regular files, full, read-only, missing, closed.
        plan = inputs / "plan.md"
        plan.write_bytes(SAMPLE.read_bytes())
        for name, target, code, words in [("-o /dev/full", "/dev/full", 7, "disk is full"),
                                          ("-o a directory", str(inputs), 7, ""),
                                          ("-o /sys (read-only)", "/sys/khparse-figure.json", 7, "permission denied"),
                                          ("-o missing folder", str(work / "no" / "x.json"), 7, "does not exist")]:
            extract(name, None, code, words, "-o", target, path=plan)
        read_end, write_end = os.pipe()
        os.close(read_end)
        tally.judge("broken stdout pipe", lambda: (hostile.khparse("extract", str(plan), stdout=write_end, tmp=tmp),
                                                   7, "broken pipe"), work, (tmp,))
        os.close(write_end)
        for name, extra in [("--jobs 10000", ["--jobs", "10000"]), ("--ocr-timeout nan", ["--ocr-timeout", "nan"]),
                            ("--max-pages 0", ["--max-pages", "0"]),
                            ("--max-text-size lots", ["--max-text-size", "x"])]:
            code = 0 if "jobs" in name else 2
            extract(name, None, code, "lowered to" if code == 0 else "Invalid value", *extra, path=plan)
        # 2 and 3 in a batch: the hostile tree, ZIP members, lying ZIP sizes; records judged one by one.
        root = work / "tree"
        expect, sockets = hostile.make_hostile_tree(root, work / "elsewhere")
        hostile.zip_member_lying_about_size(root / "lying.zip", 1024, declared=1024)
        try:
            batch = hostile.khparse("batch", str(root), "-o", str(out), "-j", "2", tmp=tmp)
        finally:
            for s in sockets:
                s.close()
        records = {r["input_bytes"] or r["input"]: r for r in map(json.loads, (out / "manifest.jsonl").read_text(
            "utf-8").splitlines())}
        for relative, want in [*expect, (b"lying.zip/plan.txt", hostile.Expect("failed", "input_unreadable",
                                                                               "cannot be read from the ZIP"))]:
            full = os.fsencode(root) + b"/" + relative
            key = base64.b64encode(full).decode() if any(b > 127 for b in full) else os.fsdecode(full)
            record = records.get(key) or next((r for r in records.values() if r["input"] == os.fsdecode(full)), None)
            tally.counts["tried"] += 1
            if record is None:
                tally.counts["never_read"] += 1
                tally.notes.append(f"batch {relative!r}: no record")
            elif record["status"] == want.status and (not want.code or (record["error"]["code"] == want.code
                                                                        and want.words in record["error"]["message"])):
                tally.counts["handled"] += 1
            else:
                tally.notes.append(f"batch {relative!r}: {record['status']} {record.get('error')}")
        plans = [r["output"] for r in records.values() if r.get("output")]
        if len(plans) != len(set(plans)):
            tally.counts["inputs_overwritten"] += 1
        print(f"  hostile tree batch: exit {batch.returncode}, {batch.seconds:.1f} s, {batch.peak_mb:.0f} MB, "
              f"{len(records)} records", flush=True)
        if batch.peak_mb > GB:
            tally.counts["memory_over_1GB"] += 1
        outside = [p for p in work.rglob("*") if p.name.endswith(".json") and out not in p.parents]
        if outside:
            tally.counts["written_outside"] += 1
            tally.notes.append(f"plan files outside the output folder: {outside[:3]}")
        # `batch D -o D`, twice: its own output is never read back.
        own = work / "own"
        own.mkdir()
        (own / "A.MD").write_bytes(SAMPLE.read_bytes())
        for _ in range(2):
            hostile.khparse("batch", str(own), "-o", str(own), "-q", tmp=tmp)
        tally.counts["tried"] += 1
        lines = len((own / "manifest.jsonl").read_text("utf-8").splitlines())
        tally.counts["handled" if lines == 1 else "never_read"] += 1
    # The fuzz, in-process (OCR off): anything but a KhparseError is a crash.
    from khparse.errors import KhparseError
    from khparse.load import from_bytes
    from khparse.pipeline import extract_source

    for name, data in hostile.mutants(args.fuzz):
        tally.counts["tried"] += 1
        try:
            extract_source(from_bytes(data, name), ocr="never")
            tally.counts["handled"] += 1
        except KhparseError:
            tally.counts["handled"] += 1
        except Exception as exc:
            tally.counts["crashes"] += 1
            tally.notes.append(f"fuzz {name}: {type(exc).__name__}: {exc}")
    print()
    for note in tally.notes:
        print("NOTE", note)
    c = tally.counts
    print(f"hostile inputs tried {c['tried']} / handled with the right exit code and message {c['handled']} / "
          f"crashes {c['crashes']} / hangs {c['hangs']} / memory over 1 GB {c['memory_over_1GB']} / inputs never "
          f"read or outputs overwritten {c['never_read'] + c['inputs_overwritten']} / files written outside the "
          f"output folder {c['written_outside']} / processes or temporary files left {c['left_behind']}")


if __name__ == "__main__":
    main()
