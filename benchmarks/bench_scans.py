"""Archive-grade scans: structure, orientation, table cells, time and memory per variant (issue 9).

    nice -n 10 .venv/bin/python benchmarks/bench_scans.py --quick          # one plan, five scans: a few minutes
    nice -n 10 .venv/bin/python benchmarks/bench_scans.py                  # every default plan and variant
    .venv/bin/python benchmarks/bench_scans.py --plans xa-ha-nha-2025 --variants clean text fax -v

The variants come from scripts/make_scans.py (made in --dir, build/scans by default, when missing or
made with another seed or resolution). Each document is read by `khparse.extract` in a fresh
worker process (one core: OMP_THREAD_LIMIT=1, jobs=1), then its page images by the bare command
`tesseract IMG - -l vie`, one page at a time, in the same run, interleaved. Printed per variant:

  struct       tests/field_score.score against the variant's expectation; a refused document
               ("no part of a plan") scores 0 of the points its expectation holds
  clean, text  the same plan's figure for its clean scan and for its text-layer PDF (for the table
               variants: the same table document's scan and text PDF)
  turned       pages turned in the scan that khparse reports turning back / pages turned; "n/a"
               while source.pages[] records no rotation
  upright      upright pages khparse reports turning / upright pages
  cells        table cells right: exactly (after NFC and white space) and at a rapidfuzz ratio
               >= 90, header row included, rows aligned by content (a lost row costs its cells)
  s/page       khparse (inside the worker, extract() only) and bare tesseract, seconds per page,
               and their ratio
  peak MB      peak resident memory of the khparse worker with its tesseract children, and of the
               largest bare tesseract run (os.wait4 rusage: the largest one process, not their sum;
               with libtesseract in the worker, read/tesseract_api.py, the worker's own holds it)

The summary adds the time per page over upright clean pages (variants where no page needed
preparation) and over pages that needed preparation (variants where every page did).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.field_score import score  # noqa: E402

MAKE_SCANS = ROOT / "scripts" / "make_scans.py"
DEFAULT_DIR = ROOT / "build" / "scans"
QUICK_PLAN = "truong-thcs-ky-lien-2024-2025"
QUICK_VARIANTS = ("text", "clean", "upside_down", "skew", "seal_signature", "table_landscape",
                  "table_landscape_text")
ROTATION_KEYS = ("rotation", "rotation_applied", "rotated", "orientation", "turned")
SKEW_KEYS = ("skew", "skew_corrected", "deskew", "deskewed", "skew_angle")
EMPTY_PLAN: dict[str, Any] = {"header": {}, "year": None, "legal_basis": [], "sections": [], "assignments": [],
                              "recipients": [], "signer": None, "appendices": []}


# --- the worker: one document through khparse --------------------------------------------------------

def worker(path: str, src: str) -> None:
    sys.path.insert(0, src)
    import khparse
    from khparse.errors import KhparseError
    from khparse.output import plan_dict

    started = time.perf_counter()
    try:
        plan = plan_dict(khparse.extract(path))
        out: dict[str, Any] = {"plan": plan}
    except KhparseError as exc:
        out = {"plan": None, "error": exc.message, "exit_code": int(exc.exit_code)}
    out["seconds"] = time.perf_counter() - started
    out["khparse"] = str(Path(khparse.__file__).parent)
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


def run_measured(cmd: list[str], capture: bool) -> tuple[str, float, int, int]:
    """Run `cmd`; (stdout, wall seconds, peak RSS in kB of it and its waited-for children, exit code)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=err, env=env)
        out = proc.stdout.read().decode("utf-8") if proc.stdout is not None else ""
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so that rusage is this run's
        if proc.stdout is not None:
            proc.stdout.close()
        if proc.returncode and not capture:
            err.seek(0)
            sys.stderr.write(err.read().decode("utf-8", "replace")[-500:])
    return out, seconds, int(usage.ru_maxrss), proc.returncode


# --- scoring ------------------------------------------------------------------------------------------

def _norm(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        match = re.search(r"-?\d+(?:\.\d+)?", value)
        return float(match.group()) if match else None
    return None


_REASON_TURN = re.compile(r"turned (90|180|270)°(?: (counter-clockwise|clockwise))?")
_REASON_SKEW = re.compile(r"deskewed (-?\d+(?:\.\d+)?)°")


def reason_decisions(page: dict[str, Any]) -> tuple[float | None, float | None]:
    """Fallback while no field holds them: the rotation (counter-clockwise, to stand upright) and the
    skew a page's `reason` states ("…; turned 90° clockwise, deskewed 4.2°")."""
    reason = str(page.get("reason") or "")
    rotation = skew = None
    if match := _REASON_TURN.search(reason):
        degrees = int(match.group(1))
        rotation = float(360 - degrees if match.group(2) == "clockwise" else degrees)
    if match := _REASON_SKEW.search(reason):
        skew = float(match.group(1))
    return rotation, skew


def page_decision(page: Any, keys: tuple[str, ...]) -> float | None:
    """The first number found under one of `keys` in a page record (nested records searched too)."""
    if isinstance(page, dict):
        for key in keys:
            if key in page and _number(page[key]) is not None:
                return _number(page[key])
        for value in page.values():
            if isinstance(value, (dict, list)) and (found := page_decision(value, keys)) is not None:
                return found
    elif isinstance(page, list):
        for value in page:
            if (found := page_decision(value, keys)) is not None:
                return found
    return None


@dataclass
class Orientation:
    recorded: bool = False  # khparse records a rotation for at least one page
    from_reason: bool = False  # … only in the page's reason text
    turned: int = 0
    detected: int = 0
    right_angle: int = 0  # turned back by exactly the angle the page was turned
    upright: int = 0
    wrongly_turned: int = 0
    skewed: int = 0
    deskewed: int = 0
    skew_recorded: bool = False

    def add(self, other: Orientation) -> None:
        for name in ("turned", "detected", "right_angle", "upright", "wrongly_turned", "skewed", "deskewed"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.recorded |= other.recorded
        self.from_reason |= other.from_reason
        self.skew_recorded |= other.skew_recorded


def orientation(truth_pages: list[dict[str, Any]], plan: dict[str, Any] | None) -> Orientation:
    pages = (plan or {}).get("source", {}).get("pages", [])
    out = Orientation()
    for i, truth in enumerate(truth_pages):
        record = pages[i] if i < len(pages) else {}
        rotation = page_decision(record, ROTATION_KEYS)
        skew = page_decision(record, SKEW_KEYS)
        if rotation is None and skew is None and isinstance(record, dict):
            rotation, skew = reason_decisions(record)
            if rotation is not None or skew is not None:
                out.from_reason = True
                rotation = rotation or 0.0
        out.recorded |= rotation is not None
        out.skew_recorded |= skew is not None
        turned_back = rotation is not None and round(rotation) % 360 != 0
        if truth["rotation"]:
            out.turned += 1
            out.detected += turned_back
            out.right_angle += turned_back and round(rotation or 0) % 360 == truth["rotation"]
        else:
            out.upright += 1
            out.wrongly_turned += turned_back
        if abs(float(truth.get("skew") or 0)) >= 1.0:
            out.skewed += 1
            out.deskewed += skew is not None and abs(skew) >= 0.5
    return out


def cells(truth: dict[str, Any], appendices: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(cells exactly right, cells at ratio >= 90, truth cells): header row by position, body rows
    aligned to the rows read (all appendices in order) by content."""
    from rapidfuzz import fuzz

    columns = next((a["columns"] for a in appendices if a.get("columns")), [])
    got_rows = [row for a in appendices for row in a.get("rows", [])]
    want_rows = truth["rows"]
    exact = fuzzy = 0

    def compare(want: list[str], got: list[str]) -> None:
        nonlocal exact, fuzzy
        for k, cell in enumerate(want):
            have = _norm(got[k]) if k < len(got) else ""
            exact += _norm(cell) == have
            fuzzy += fuzz.ratio(_norm(cell), have) >= 90

    def similarity(want: list[str], got: list[str]) -> float:
        return sum(fuzz.ratio(_norm(c), _norm(got[k]) if k < len(got) else "") for k, c in enumerate(want)) / (
            100 * max(len(want), 1))

    compare(truth["columns"], columns)
    n, m = len(want_rows), len(got_rows)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            sim = similarity(want_rows[i - 1], got_rows[j - 1])
            best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + sim if sim >= 0.5 else 0.0)
    i, j = n, m
    while i and j:
        sim = similarity(want_rows[i - 1], got_rows[j - 1])
        if sim >= 0.5 and best[i][j] == best[i - 1][j - 1] + sim:
            compare(want_rows[i - 1], got_rows[j - 1])
            i, j = i - 1, j - 1
        elif best[i][j] == best[i - 1][j]:
            i -= 1
        else:
            j -= 1
    total = len(truth["columns"]) + sum(len(r) for r in want_rows)
    return exact, fuzzy, total


# --- running ------------------------------------------------------------------------------------------

@dataclass
class Result:
    plan: str
    variant: str
    pages: int
    points: int
    total: int
    error: str | None
    misses: list[str]
    orientation: Orientation
    cells: tuple[int, int, int] | None
    khparse_seconds: float
    khparse_rss_kb: int
    tesseract_seconds: float | None
    tesseract_rss_kb: int
    upright_clean: bool  # no page needed preparation
    all_prepared: bool  # every page needed preparation

    @property
    def accuracy(self) -> float:
        return self.points / self.total if self.total else 0.0


def page_images(folder: Path, variant: str) -> list[Path]:
    return sorted((folder / f"{variant}.pages").glob("*.*"))


def measure(folder: Path, plan: str, variant: str, tesseract: bool, src: Path) -> Result:
    document = folder / f"{variant}.pdf"
    expected = json.loads((folder / f"{variant}.expected.json").read_text("utf-8"))
    truth_pages = json.loads((folder / f"{variant}.pages.json").read_text("utf-8"))["pages"]
    out, _, rss, code = run_measured([sys.executable, __file__, "--worker", str(document), "--khparse-src", str(src)],
                                     capture=True)
    try:
        answer = json.loads(out)
    except json.JSONDecodeError:
        answer = {"plan": None, "error": f"worker failed (exit {code})", "seconds": float("nan")}
    got = answer["plan"]
    s = score(expected, got or EMPTY_PLAN)
    points = s.points if got else 0
    table = None
    cells_file = folder / f"{variant}.cells.json"
    if cells_file.exists():
        table = cells(json.loads(cells_file.read_text("utf-8")), (got or EMPTY_PLAN).get("appendices", []))
    tess_seconds, tess_rss = None, 0
    images = page_images(folder, variant)
    if tesseract and images:
        tess_seconds = 0.0
        for image in images:
            _, seconds, peak, _ = run_measured(["tesseract", str(image), "-", "-l", "vie"], capture=False)
            tess_seconds += seconds
            tess_rss = max(tess_rss, peak)
    prepared = [bool(p["needs_preparation"]) for p in truth_pages]
    turns = orientation(truth_pages, got) if images else Orientation()  # a text layer is never turned
    return Result(plan, variant, len(truth_pages), points, s.total, answer.get("error"), s.misses,
                  turns, table, float(answer["seconds"]), rss, tess_seconds, tess_rss,
                  upright_clean=bool(images) and not any(prepared), all_prepared=bool(images) and all(prepared))


def ensure_variants(folder: Path, plans: list[str], variants: list[str], seed: int, dpi: int, force: bool,
                    font: str | None = None) -> None:
    """Make the missing variants. A folder keeps the font it was made in (index.json) unless `font` says
    otherwise: a plan added to a folder of Times scans is printed in Times too."""
    index_path = folder / "index.json"
    index = json.loads(index_path.read_text("utf-8")) if index_path.exists() else {}
    font = font or index.get("font", "dejavu")
    same = index.get("seed") == seed and index.get("dpi") == dpi and index.get("font", "dejavu") == font
    for plan in plans:
        have = set(index.get("plans", {}).get(plan, [])) | set(index.get("skipped", {}).get(plan, []))
        if not same or force:
            have = set()
        missing = [v for v in variants if v not in have]
        if missing:
            print(f"making {plan}: {' '.join(missing)}", file=sys.stderr)
            subprocess.run([sys.executable, str(MAKE_SCANS), str(folder), "--plans", plan, "--variants", *missing,
                            "--seed", str(seed), "--dpi", str(dpi), "--font", font], check=True)


# --- printing -----------------------------------------------------------------------------------------

def family(variant: str) -> tuple[str, str]:
    """The clean-scan and text-layer variants a variant is compared with."""
    for name in ("table_landscape", "table_two_pages"):
        if variant.startswith(name):
            return name, f"{name}_text"
    return "clean", "text"


def pct(value: float | None) -> str:
    return "    -" if value is None else f"{100 * value:5.1f}"


def ratio(a: int, b: int, recorded: bool) -> str:
    if not b:
        return "    -"
    return f"{a:2d}/{b:<2d}" if recorded else "  n/a"


HEAD = (f"{'variant':22s} {'pages':>5s} {'struct':>6s} {'clean':>5s} {'text':>5s} | {'turned':>6s} {'upright':>7s}"
        f" | {'cells':>5s} {'>=90':>5s} | {'khparse':>7s} {'tess.':>6s} {'ratio':>5s} | {'peak MB':>7s} {'tess.':>5s}")


def print_plan(results: list[Result], verbose: bool, recorded: bool) -> None:
    """One plan's table; `recorded`: some page of the run has a rotation record, so a page without
    one was left as it was."""
    by_variant = {r.variant: r for r in results}
    first = results[0]
    print(f"\n## {first.plan}  ({by_variant.get('clean', first).pages} pages)")
    print(HEAD)
    for r in results:
        clean_ref, text_ref = family(r.variant)
        clean = by_variant[clean_ref].accuracy if clean_ref in by_variant else None
        text = by_variant[text_ref].accuracy if text_ref in by_variant else None
        o = r.orientation
        if r.cells:
            cells_exact, cells_fuzzy = pct(r.cells[0] / r.cells[2]), pct(r.cells[1] / r.cells[2])
        else:
            cells_exact = cells_fuzzy = "    -"
        k = r.khparse_seconds / r.pages
        if r.tesseract_seconds:
            t = r.tesseract_seconds / r.pages
            timing = f"{k:7.2f} {t:6.2f} {k / t:5.2f}"
        else:
            timing = f"{k:7.2f} {'-':>6s} {'-':>5s}"
        tess_mb = f"{r.tesseract_rss_kb / 1024:5.0f}" if r.tesseract_rss_kb else "    -"
        struct = f"{100 * r.accuracy:5.1f}" + ("!" if r.error else " ")
        print(f"{r.variant:22s} {r.pages:5d} {struct:>6s} {pct(clean)} {pct(text)} | "
              f"{ratio(o.detected, o.turned, recorded):>6s} {ratio(o.wrongly_turned, o.upright, recorded):>7s} | "
              f"{cells_exact} {cells_fuzzy} | {timing} | {r.khparse_rss_kb / 1024:7.0f} {tess_mb}")
        if verbose:
            if r.error:
                print(f"    ! {r.error}")
            for miss in r.misses:
                print(f"    - {miss}")


def print_summary(results: list[Result]) -> None:
    print("\n## Summary")
    refused = [f"{r.plan}/{r.variant}" for r in results if r.error]
    print("'!' after a figure: khparse refused the document (" + (", ".join(refused) or "none") + ")")
    total = Orientation()
    for r in results:
        total.add(r.orientation)
    where = ("read from source.pages[].reason: no field holds them yet" if total.from_reason else
             "read from source.pages[]" if total.recorded else
             f"source.pages[] has none of {', '.join(ROTATION_KEYS)} and its reasons say nothing of turning")
    print(f"orientation ({where}): turned pages turned back "
          f"{ratio(total.detected, total.turned, total.recorded).strip()} (by the right angle: "
          f"{ratio(total.right_angle, total.turned, total.recorded).strip()}), upright pages turned "
          f"{ratio(total.wrongly_turned, total.upright, total.recorded).strip()}; skewed pages with a recorded skew "
          f"{ratio(total.deskewed, total.skewed, total.skew_recorded or total.from_reason).strip()}")
    for label, chosen in (("upright clean pages", [r for r in results if r.upright_clean]),
                          ("pages that needed preparation", [r for r in results if r.all_prepared])):
        timed = [r for r in chosen if r.tesseract_seconds]
        pages = sum(r.pages for r in timed)
        if not pages:
            print(f"time, {label}: not measured")
            continue
        ours = sum(r.khparse_seconds for r in timed)
        theirs = sum(r.tesseract_seconds or 0.0 for r in timed)
        names = ", ".join(sorted({r.variant for r in timed}))
        print(f"time, {label} ({pages} pages: {names}): khparse {ours / pages:.2f} s/page, "
              f"tesseract {theirs / pages:.2f} s/page, ratio {ours / theirs:.2f}")
    print(f"peak RSS: khparse worker with its tesseract children {max(r.khparse_rss_kb for r in results) / 1024:.0f} MB"
          f"; bare tesseract {max(r.tesseract_rss_kb for r in results) / 1024:.0f} MB")
    tables = [r for r in results if r.cells]
    for r in tables:
        exact, fuzzy, n = r.cells or (0, 0, 1)
        print(f"table cells, {r.plan}/{r.variant}: {exact}/{n} exact ({100 * exact / n:.1f}%), "
              f"{fuzzy}/{n} at ratio >= 90 ({100 * fuzzy / n:.1f}%)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="where the variants are (made if missing)")
    parser.add_argument("--plans", nargs="+", help="default: make_scans.py's default plans")
    parser.add_argument("--variants", nargs="+", help="default: every variant")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_PLAN} and {', '.join(QUICK_VARIANTS)}")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--regenerate", action="store_true", help="make the variants again even if present")
    parser.add_argument("--font", choices=("dejavu", "times"),
                        help="the face to print missing variants in (default: the folder's own, else dejavu)")
    parser.add_argument("--no-tesseract", action="store_true", help="skip the bare tesseract runs")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument("--khparse-src", type=Path, default=ROOT / "src",
                        help="the source tree of the khparse to measure (default: this checkout's src/), e.g. "
                        "one exported with `git archive HEAD src | tar -x -C /tmp/head`")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, str(args.khparse_src))
        return
    sys.path.insert(0, str(MAKE_SCANS.parent))
    import make_scans

    plans = [QUICK_PLAN] if args.quick and not args.plans else args.plans or list(make_scans.DEFAULT_PLANS)
    variants = list(QUICK_VARIANTS if args.quick and not args.variants else args.variants or make_scans.VARIANTS)
    for name in ("clean", "text"):  # the reference figures
        if name not in variants:
            variants.insert(0, name)
    ensure_variants(args.dir, plans, variants, args.seed, args.dpi, args.regenerate, args.font)
    print(f"khparse from {args.khparse_src.resolve()} on archive-like scans: {args.dir} (seed {args.seed}, "
          f"{args.dpi} dpi), one core, "
          f"tesseract {'not run' if args.no_tesseract else 'run alone on the same page images'}")
    everything: list[Result] = []
    tables: list[list[Result]] = []
    for plan in plans:
        folder = args.dir / plan
        results = []
        for variant in variants:
            if not (folder / f"{variant}.pdf").exists():
                continue  # e.g. table_landscape of a plan that prints its own table everywhere
            print(f"  {plan} {variant} …", file=sys.stderr, flush=True)
            results.append(measure(folder, plan, variant, not args.no_tesseract, args.khparse_src.resolve()))
        if results:  # a plan make_scans could not lay out has no variants (it says why)
            tables.append(results)
        everything += results
    recorded = any(r.orientation.recorded for r in everything)
    for results in tables:
        print_plan(results, args.verbose, recorded)
    print_summary(everything)
    if args.json:
        rows = []
        for r in everything:
            row = {k: v for k, v in r.__dict__.items() if k not in {"orientation", "misses"}}
            row["orientation"] = r.orientation.__dict__
            row["accuracy"] = r.accuracy
            row["misses"] = r.misses
            rows.append(row)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
