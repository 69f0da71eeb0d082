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
under its new name, with `source.path` updated). A stored record is trusted only if it was made
by this khparse version, with the same language data and the same output-changing options (its
`khparse_version`, `data_version`, `options`); else the input is converted again. An input refused
as unreadable stores the limits it was refused under (`options.max_pages`, `max_text_size`): a
resume with another --max-pages or --max-text-size converts it again (the refusal may have been the
limit's), while a plan made under one limit stays valid under another. Failures that
depend on the run rather than the document (timeout, worker death, missing tesseract, a plan file
that could not be written, not run) and plans degraded by the run (`degraded`: OCR wanted but
impossible) are converted again. `--retry-failed` converts every failed input again, `--force`
everything.

Writing: a plan file that cannot be written (a name the file system refuses, a full disk) makes
that input's record failed (`output_failed`) and the batch goes on; a manifest line that cannot be
written stops the batch with exit code 7 (output_failed), since nothing after it could be resumed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from khparse.batch.inputs import MANIFEST, Input
from khparse.batch.records import RETRY_ON_RESUME, ErrorCode, Record, RecordError, Status, from_line, to_line
from khparse.output import atomic_write, output_error


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)  # the input tree is mirrored
    atomic_write(target, text)


class OutputDir:
    def __init__(self, root: str | os.PathLike[str], *, stamp: dict[str, Any] | None = None, force: bool = False,
                 retry_failed: bool = False, limits: dict[str, Any] | None = None) -> None:
        self.root = Path(root)
        self.manifest = self.root / MANIFEST
        self.stamp, self.force, self.retry_failed = stamp or {}, force, retry_failed
        self.limits = limits or {}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            stored = self._load()
            self._log = self.manifest.open("a", encoding="utf-8")
        except OSError as exc:
            raise output_error(f"{root} (the output directory)", exc) from None
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
    def plan_path(item: Input) -> str:
        return f"{item.out}.json"

    def _current(self, record: Record) -> bool:
        """Made by this khparse, with these language data and options (and these limits, if it stored
        the ones it was refused under)?"""
        for key, value in self.stamp.items():
            if key == "options":
                value = {**value, **{k: v for k, v in self.limits.items() if k in record.options}}
            if getattr(record, key) != value:
                return False
        return True

    def lookup(self, item: Input, sha256: str) -> Record | None:
        """The stored record for these bytes, under `item`'s name, or None if they need converting."""
        if self.force:
            return None
        old = self._by_name.get((sha256, item.name))
        if old is None:
            old = self._by_content.get(sha256)
            if old is not None and old.output is None:
                return None  # a failure stored under another name: its message names that file
        if old is None or old.status is Status.skipped or not self._current(old) or old.degraded:
            return None
        if old.error is not None and (self.retry_failed or old.error.code in RETRY_ON_RESUME):
            return None
        if old.output is None:
            return old
        output = self.plan_path(item)
        if old.input == item.name and old.output == output:
            return old if (self.root / output).is_file() else None
        # Same content under another name (a renamed or copied file): reuse the plan, renamed.
        try:
            plan = json.loads((self.root / old.output).read_text(encoding="utf-8"))
            plan["source"]["path"] = item.name
            _write(self.root / output, json.dumps(plan, ensure_ascii=False) + "\n")
        except (OSError, ValueError, KeyError, TypeError):
            return None  # the plan file is gone, damaged or cannot be copied: convert again
        return old.model_copy(update={"input": item.name, "output": output})

    def write(self, record: Record, item: Input, plan: str | None = None) -> Record:
        """Persist a new record: plan file first (`plan`, its JSON text), then its manifest line.
        Returns it with `output` set, or failed (output_failed) when its plan file cannot be written."""
        if plan is not None:
            output = self.plan_path(item)
            try:
                _write(self.root / output, plan + "\n")
                record = record.model_copy(update={"output": output})
            except OSError as exc:
                record = record.model_copy(update={"status": Status.failed, "plan": None, "degraded": [],
                                                   "error": RecordError(code=ErrorCode.output_failed, stage="output",
                                                                        message=output_error(output, exc).message)})
        self.append(record)
        return record

    def append(self, record: Record) -> None:
        try:
            self._log.write(to_line(record, with_plan=False))
            self._log.flush()  # in the kernel now: survives kill -9 of this process
        except OSError as exc:
            raise output_error(str(self.manifest), exc) from None

    def finish(self, records: list[Record]) -> None:
        """Rewrite the manifest in input order: this run's records, then older ones for other content."""
        try:
            self._log.close()
            mine = {r.sha256 for r in records if r.sha256}
            others = [r for sha, r in self._by_content.items() if sha not in mine]
            _write(self.manifest, "".join(to_line(r, with_plan=False) for r in [*records, *others]))
        except OSError as exc:
            raise output_error(str(self.manifest), exc) from None

    def close(self) -> None:
        if not self._log.closed:
            try:
                self._log.close()
            except OSError as exc:  # its last flush (a full disk)
                raise output_error(str(self.manifest), exc) from None
