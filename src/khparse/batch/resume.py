"""-o DIR: one plan file per input mirroring the input tree, a manifest, and resume from both.

Layout: DIR/<input path>.json holds the plan exactly as `khparse extract` prints it (ok and partial
inputs only); DIR/manifest.jsonl holds one record per input (without the plan; `output` names the
plan file). The manifest is the state of the batch.

Crash safety: a plan file is written to a temporary name and renamed, so it is whole or absent; then
its record is appended to the manifest in one write. A run killed at any moment (kill -9 included)
leaves every record it appended, plus at most one torn last line, which the next run drops. When a
run completes, the manifest is rewritten (temporary file, rename) in input order, so an interrupted
and resumed batch ends with the same manifest and files as an uninterrupted one (`seconds` aside).

Resume is by content: an input whose SHA-256 has a stored record is not converted again; its stored
record is taken over as it was (same status and plan file; a renamed or copied file gets the plan
under its new name, with `source.path` updated).
Failures that depend on the run rather than the document (timeout, worker death, missing
tesseract, not run) are converted again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from khparse.batch.inputs import Input, mirror
from khparse.batch.records import RETRY_ON_RESUME, Record, Status, from_line, to_line
from khparse.errors import KhparseError
from khparse.output import atomic_write

MANIFEST = "manifest.jsonl"


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)  # the input tree is mirrored
    atomic_write(target, text)


class OutputDir:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.manifest = self.root / MANIFEST
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            stored = self._load()
            self._log = self.manifest.open("a", encoding="utf-8")
        except OSError as exc:
            raise KhparseError(f"{root}: cannot write the output directory ({exc.strerror or exc}).") from None
        # The same bytes may sit under several names (copies, empty files): the record made for this
        # very name is preferred, so each keeps its own messages; by content alone is the fallback.
        self._by_content = {r.sha256: r for r in stored}
        self._by_name = {(r.sha256, r.input): r for r in stored}

    def _load(self) -> list[Record]:
        """Stored records, oldest first; a torn last line (a kill mid-write) is cut off."""
        if not self.manifest.exists():
            return []
        raw = self.manifest.read_bytes()
        if raw and not raw.endswith(b"\n"):
            raw = raw[: raw.rfind(b"\n") + 1]
            with self.manifest.open("r+b") as f:
                f.truncate(len(raw))
        stored = []
        for line in raw.decode("utf-8", errors="replace").splitlines():
            try:
                record = from_line(line)
            except ValueError:
                continue  # not ours, or damaged: that input is simply converted again
            if record.sha256:
                stored.append(record)
        return stored

    @staticmethod
    def plan_path(name: str) -> str:
        return f"{mirror(name)}.json"

    def lookup(self, item: Input, sha256: str) -> Record | None:
        """The stored record for these bytes, under `item`'s name, or None if they need converting."""
        old = self._by_name.get((sha256, item.name))
        if old is None:
            old = self._by_content.get(sha256)
            if old is not None and old.output is None:
                return None  # a failure stored under another name: its message names that file
        if old is None or old.status is Status.skipped:
            return None
        if old.error is not None and old.error.code in RETRY_ON_RESUME:
            return None
        if old.output is None:
            return old
        output = self.plan_path(item.name)
        if old.input == item.name and old.output == output:
            return old if (self.root / output).is_file() else None
        # Same content under another name (a renamed or copied file): reuse the plan, renamed.
        try:
            plan = json.loads((self.root / old.output).read_text(encoding="utf-8"))
            plan["source"]["path"] = item.name
        except (OSError, ValueError, KeyError, TypeError):
            return None  # the plan file is gone or damaged: convert again
        _write(self.root / output, json.dumps(plan, ensure_ascii=False) + "\n")
        return old.model_copy(update={"input": item.name, "output": output})

    def write(self, record: Record) -> Record:
        """Persist a new record: plan file first, then its manifest line. Returns it with `output` set."""
        if record.plan is not None:
            record = record.model_copy(update={"output": self.plan_path(record.input)})
            assert record.output is not None
            _write(self.root / record.output, json.dumps(record.plan, ensure_ascii=False) + "\n")
        self.append(record)
        return record

    def append(self, record: Record) -> None:
        self._log.write(to_line(record, with_plan=False))
        self._log.flush()  # in the kernel now: survives kill -9 of this process

    def finish(self, records: list[Record]) -> None:
        """Rewrite the manifest in input order: this run's records, then older ones for other content."""
        self._log.close()
        mine = {r.sha256 for r in records if r.sha256}
        others = [r for sha, r in self._by_content.items() if sha not in mine]
        _write(self.manifest, "".join(to_line(r, with_plan=False) for r in [*records, *others]))

    def close(self) -> None:
        if not self._log.closed:
            self._log.close()
