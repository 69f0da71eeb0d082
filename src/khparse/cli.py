"""The command line: parse flags, call the library, format output. stdout carries data only."""

from __future__ import annotations

import sys
from typing import Any

import click

from khparse import run

# Before the modules below compile their patterns and dataclasses, and before numpy (run.py).
run.set_up_process()

from khparse import __version__, load  # noqa: E402
from khparse.cli_options import Size, extract_options  # noqa: E402
from khparse.errors import InputError  # noqa: E402
from khparse.model import SourceKind  # noqa: E402
from khparse.options import DEFAULT_MAX_INPUT_SIZE, DEFAULT_MAX_TEXT_SIZE, ExtractOptions  # noqa: E402
from khparse.output import guard_standard_streams, schema_json  # noqa: E402
from khparse.run import handle_errors as _handle_errors  # noqa: E402
from khparse.run import stdout_guard as _stdout_guard  # noqa: E402
from khparse.run import write as _write  # noqa: E402


class _Commands(click.Group):
    """The command group. `batch` (its pool, records and resume code) is imported only when it
    is run or listed, and a finished `extract`, `repair` or `schema` leaves the process at once
    (run.leave)."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        try:
            return super().main(args, *rest, **kwargs)
        except SystemExit as done:
            if args is None:  # not under a test runner (args given)
                run.leave(done.code, sys.argv[1] if len(sys.argv) > 1 else None)
            raise


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khparse")
def main() -> None:
    """Turn Vietnamese administrative plans (Kế hoạch tuyên truyền CCHC) into validated JSON.

    \b
    Examples:
      khparse extract plan.txt --pretty
      cat plan.md | khparse extract - > plan.json
      khparse repair garbled.txt > fixed.txt
      khparse batch archive/ --jobs 2 > plans.jsonl
      khparse schema > plan.schema.json

    Exit codes: 0 ok, 1 internal error, 2 usage, 3 input unreadable, 4 missing dependency,
    5 not a plan, 6 batch partly failed, 7 output cannot be written, 130 interrupted.
    """
    guard_standard_streams()


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the JSON to FILE instead of stdout.")
@click.option("--pretty", is_flag=True, help="Indent the JSON for reading.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Pages to OCR in parallel (at most 4 per CPU).")
@extract_options
@_handle_errors
def extract_cmd(file: str, output: str | None, pretty: bool, jobs: int, options: ExtractOptions) -> None:
    """Parse one plan and print it as one JSON object.

    FILE is a PDF (with or without a text layer), a PNG, JPEG or TIFF scan, a .txt or .md file
    with the plan's text, or - for stdin.

    \b
    Examples:
      khparse extract samples/thuong-xuan-2025.md --pretty
      khparse extract samples/thuong-xuan-2025-scan.pdf --jobs 2
      khparse extract samples/ben-tam-2025.txt | jq '.header.number'
      khparse extract - -o plan.json < plan.txt

    Text that reads as stripped or OCR-garbled Vietnamese is repaired before it is parsed
    (source.pages[].text_source says "repaired"); --no-repair keeps it as printed. When a page
    needed OCR and tesseract cannot run, the plan is still printed, with the warning
    ocr_unavailable, and the exit code is 4 (--ocr never: 0).
    """
    run.extract(file, output, pretty, jobs, options)


extract_cmd.name = "extract"


@main.command()
@click.argument("file", metavar="FILE|-")
@click.option("-o", "--output", metavar="FILE", help="Write the repaired text to FILE instead of stdout.")
@click.option("--max-input-size", type=Size(), default=DEFAULT_MAX_INPUT_SIZE, show_default=True,
              metavar="SIZE", help="Refuse inputs larger than SIZE (e.g. 300M, 2G).")
@click.option("--max-text-size", type=Size(), default=DEFAULT_MAX_TEXT_SIZE, show_default=True,
              metavar="SIZE", help="Refuse text larger than SIZE: repair needs about 150 MB of memory per MB of "
              "garbled text.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object instead: the text, its quality, and every word repair changed "
                   "or was unsure of (confidence below 0.6), with line, column and confidence.")
@_handle_errors
def repair(file: str, output: str | None, max_input_size: int, max_text_size: int, as_json: bool) -> None:
    """Restore the diacritics of stripped or OCR-garbled Vietnamese text.

    Line i of the output is the repair of line i of the input. Numbers, dates, document
    symbols (76/NQ-CP), acronyms (UBND; HDND becomes HĐND), URLs and foreign names are kept.

    \b
    Examples:
      khparse repair samples/ben-tam-2025.txt
      echo "ke hoach tuyen truyen cai cach hanh chinh" | khparse repair -
      khparse repair --json samples/quang-ngai-vp-2024.txt | jq '.words[] | select(.confidence < 0.6)'
    """
    import gc

    from khparse.read.pages import decode_plain
    from khparse.repair import repair_text

    # The process ends once the text is written (run.QUICK_EXIT): the collection that repair's end
    # would set off over the models' ~60,000 objects (5-8 ms) frees nothing the exit does not. (On
    # again after, for a caller that goes on: the click app run in a test.)
    enabled = gc.isenabled()
    gc.disable()
    try:
        with _stdout_guard():
            source = load.from_path(file, max_bytes=max_input_size, max_text=max_text_size)
            if source.kind is not SourceKind.text:
                raise InputError(f"{file}: `khparse repair` takes text; use `khparse extract` for "
                                 f"{source.format} files.")
            load.check_text_size(source.path or file, len(source.data), max_text_size)
            result = repair_text(decode_plain(source.data, file))
        _write(_repair_json(result) if as_json else result.text, output)
    finally:
        if enabled:
            gc.enable()


UNSURE = 0.6  # `repair --json` lists the words whose chosen reading has less than this confidence


def _repair_json(result: Any) -> str:
    """The `repair --json` object: text, quality, and the words changed or unsure (line and column
    are 1-based, as editors count them)."""
    import json

    quality = result.quality
    words = [
        {"line": t.line + 1, "column": t.column + 1, "original": t.original, "repaired": t.text,
         "confidence": round(t.confidence, 3)}
        for t in result.tokens if t.text != t.original or t.confidence < UNSURE
    ]
    return json.dumps({
        "text": result.text,
        "quality": {"verdict": quality.verdict, "words": quality.words, "valid": round(quality.valid, 4),
                    "marked": round(quality.marked, 4)},
        "words": words,
    }, ensure_ascii=False)


@main.command()
@click.option("-o", "--output", metavar="FILE", help="Write the schema to FILE instead of stdout.")
@click.option("--batch-record", is_flag=True, help="The schema of one `khparse batch` record instead.")
@_handle_errors
def schema(output: str | None, batch_record: bool) -> None:
    """Print the JSON Schema of the Plan objects khparse emits (or of batch records).

    \b
    Examples:
      khparse schema > plan.schema.json
      khparse schema --batch-record > batch-record.schema.json
    """
    if batch_record:
        from khparse.batch.records import record_schema_json

        _write(record_schema_json(), output)
    else:
        _write(schema_json(), output)


class _LazyCommands(dict[str, click.Command]):
    """The group's commands, `batch` imported the first time it is looked up."""

    def _load(self, name: str) -> click.Command:
        command = dict.__getitem__(self, name)
        if command is _BATCH_PLACEHOLDER:
            from khparse.batch.command import batch_command

            command = batch_command
            dict.__setitem__(self, name, command)
        return command

    def __getitem__(self, name: str) -> click.Command:
        return self._load(name)

    def get(self, name: str, default: Any = None) -> Any:
        return self._load(name) if name in self else default

    def items(self) -> Any:
        return [(name, self._load(name)) for name in self]

    def values(self) -> Any:
        return [self._load(name) for name in self]


_BATCH_PLACEHOLDER = click.Command("batch")
main.commands = _LazyCommands({**main.commands, "batch": _BATCH_PLACEHOLDER})
