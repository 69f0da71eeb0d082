"""Build src/khparse/data/gazetteer.tsv: Vietnamese administrative unit names, before and after
the 2025 reorganisation, from the dataset of the vietnamadminunits package (MIT).

    .venv/bin/python scripts/gazetteer_build.py [--wheel vietnamadminunits-1.0.4-py3-none-any.whl]

Without --wheel the pinned release is fetched with `pip download` (no dependencies; nothing is
installed or imported: the wheel is only opened as a zip file and its SQLite dataset read with the
standard library). Output, one name a line: the short name ("Bến Tắm", "Chí Linh"), the kinds of
unit bearing it (tỉnh, thành phố, quận, huyện, thị xã, thị trấn, phường, xã, đặc khu), and how many
units bear it; names with digits ("Phường 1") and one-syllable names are left out.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from khparse.repair.normalize import nfc, normalize_syllable

DATA = Path(__file__).resolve().parents[1] / "src" / "khparse" / "data"
PACKAGE = "vietnamadminunits"
VERSION = "1.0.4"
DB = "vietnamadminunits/data/dataset.db"
# Full names carry their kind as a prefix: "Thành phố Chí Linh", "Tỉnh Hải Dương".
PROVINCE_KINDS = ("Thành phố", "Tỉnh")
# Not administrative units, but names a plan writes often and some unit name is one edit from.
EXTRA = (("quốc gia", "Việt Nam"),)


def fetch_wheel(tmp: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
         "--only-binary", ":all:", "-d", str(tmp), "-q"],
        check=True,
    )
    return next(tmp.glob(f"{PACKAGE}-{VERSION}-*.whl"))


def clean(name: str) -> str:
    """NFC, classic tone placement per syllable, single spaces."""
    return " ".join(normalize_syllable(w) for w in nfc(name).split())


def province_kind(full: str) -> tuple[str, str]:
    for kind in PROVINCE_KINDS:
        if full.startswith(kind + " "):
            return kind.lower(), full[len(kind) + 1 :]
    return "tỉnh", full


def read_units(db: Path) -> list[tuple[str, str]]:
    """(kind, short name) of every unit, legacy (to mid-2025) and from 2025."""
    con = sqlite3.connect(db)
    units: list[tuple[str, str]] = []
    for table in ("admin_units", "admin_units_legacy"):
        for (province,) in con.execute(f"SELECT DISTINCT province FROM {table}"):
            units.append(province_kind(province))
    for ward_type, ward_short in con.execute("SELECT wardType, wardShort FROM admin_units"):
        units.append((ward_type.lower(), ward_short))
    legacy = con.execute(
        "SELECT DISTINCT district, districtType, districtShort, ward, wardType, wardShort "
        "FROM admin_units_legacy"
    )
    seen_district: set[str] = set()
    for district, d_type, d_short, ward, w_type, w_short in legacy:
        if district not in seen_district:
            seen_district.add(district)
            units.append((d_type.lower(), d_short))
        if ward and w_type and w_short:
            units.append((w_type.lower(), w_short))
    con.close()
    return units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wheel", type=Path, help=f"a {PACKAGE} {VERSION} wheel already at hand")
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.tsv")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        wheel = args.wheel or fetch_wheel(tmp)
        with zipfile.ZipFile(wheel) as zf:
            db = tmp / "dataset.db"
            db.write_bytes(zf.read(DB))
        units = read_units(db) + list(EXTRA)
    kinds: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for kind, short in units:
        name = clean(short)
        if any(c.isdigit() for c in name) or len(name.split()) < 2:
            continue
        kinds[name].add(kind)
        counts[name] += 1
    with args.out.open("w", encoding="utf-8") as f:
        f.write(f"# Vietnamese administrative unit names from {PACKAGE} {VERSION} (MIT licence,\n"
                f"# Copyright (c) 2025 Tran Ngoc Minh Hieu), built by scripts/gazetteer_build.py.\n"
                "# name<TAB>kinds<TAB>units bearing the name\n")
        for name in sorted(kinds):
            f.write(f"{name}\t{','.join(sorted(kinds[name]))}\t{counts[name]}\n")
    print(f"{len(units)} units, {len(kinds)} names → {args.out}")


if __name__ == "__main__":
    main()
