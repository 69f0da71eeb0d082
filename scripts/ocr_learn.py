"""Learn the English-OCR channel from (clean line, OCR line) pairs made by ocr_pairs.py.

    .venv/bin/python scripts/ocr_learn.py classic=/tmp/ocr_train.tsv,/tmp/ocr_classic_a.tsv,… \
        times=/tmp/ocr_times_a.tsv,/tmp/ocr_times_b.tsv --out src/khparse/data/ocr_channel.json
    (exact commands in DATA.md)

Each NAME=FILE[,FILE…] argument is one family of faces (ocr_pairs.py --fonts) and gets its own
channel: families garble differently, and pooling them blurs both (repair uses the family whose
printed words a text resembles most). A bare FILE belongs to the family "default".

Lines whose word counts agree are aligned word by word, the printed word cut as repair cuts
garbled text (symbols glued to it kept: "ngu@i", "t]"). For every clean word that is an inventory
syllable we count (1) what OCR printed for it, whole ("nước" → "nuéc": 12) and (2) for each of its
characters the string printed for it along a Levenshtein alignment ("ư" → "u", "ir" or "il";
"ơ" → "6"; "đ" → "d"; "ủ" → nothing: khparse.repair.ocr.char_events), from which repair scores
readings it never saw whole. Only training-part text is ever rendered.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from khparse.repair.inventory import Inventory, load_inventory
from khparse.repair.normalize import nfc
from khparse.repair.ocr import char_events
from khparse.repair.tokens import split_line
from khparse.repair.vocab import lm_form

# Readings kept per printed word: "ding" (Liberation Serif) was printed for eleven syllables.
READINGS_KEPT = 12
EDGE = ".,;:!?()[]\"'“”‘’«»…-–—/*"


def observed_words(read: str) -> list[str | None]:
    """For each space-separated token of an OCR line, the one word repair will see in it (as
    tokens.split_line cuts garbled text: "ngu@i", "thi)" keep their symbols, "ngay)." loses the
    full stop), or None when it holds no word or several."""
    found: list[list[str]] = [[] for _ in read.split()]
    starts = [m.start() for m in re.finditer(r"\S+", read)]
    pos = 0
    for span in split_line(read, garbled=True):
        if span.kind == "word":
            found[bisect.bisect_right(starts, pos) - 1].append(span.text)
        pos += len(span.text)
    return [words[0] if len(words) == 1 else None for words in found]


def learn(paths: list[Path], inv: Inventory) -> tuple[dict[str, Any], int, int]:
    words: dict[str, Counter[str]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    chars: dict[str, Counter[str]] = defaultdict(Counter)
    lines = aligned = 0
    for path in paths:
        for row in path.read_text(encoding="utf-8").splitlines():
            clean, read = row.split("\t")
            lines += 1
            truth, seen = nfc(clean).split(), observed_words(nfc(read))
            if len(truth) != len(seen):
                continue
            aligned += 1
            for t, s in zip(truth, seen, strict=True):
                form = lm_form(t.strip(EDGE))
                if form not in inv.ids or not s:
                    continue
                obs = s.lower()
                totals[form] += 1
                words[obs][form] += 1
                for c, o in char_events(form, obs):
                    chars[c][o] += 1
    data = {
        "source": f"{lines} rendered lines, {aligned} aligned word for word",
        "intended_totals": dict(sorted(totals.items())),
        "words": {obs: dict(c.most_common(READINGS_KEPT)) for obs, c in sorted(words.items())},
        "chars": {c: dict(o.most_common(40)) for c, o in sorted(chars.items())},
    }
    return data, lines, aligned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pairs", nargs="+", help="NAME=FILE[,FILE…] or FILE")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    inv = load_inventory()
    families: dict[str, list[Path]] = defaultdict(list)
    for arg in args.pairs:
        name, _, files = arg.rpartition("=")
        families[name or "default"].extend(Path(f) for f in files.split(","))
    channels = []
    for name, paths in families.items():
        data, lines, aligned = learn(paths, inv)
        channels.append({"name": name, **data})
        print(f"{name}: {lines} lines, {aligned} aligned, {len(data['words'])} observed words, "
              f"{len(data['intended_totals'])} syllables")
    args.out.write_text(json.dumps({"channels": channels}, ensure_ascii=False, indent=0),
                        encoding="utf-8")


if __name__ == "__main__":
    main()
