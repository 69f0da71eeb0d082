"""Imitate tesseract's English model reading printed Vietnamese (a test helper).

``garble(text, seed)`` turns clean Vietnamese into the kind of text layer that archives hold
for scans OCR'd *without* the ``vie`` model, as in ``../shared/seeds/ben-tam-2025.txt`` and
``quang-ngai-vp-2024.txt``: most tone marks are lost, but base letters change systematically
(ê → é, Đ → P/B/D, ư → u/w/ir, ô with a tone → 6/b/d/é, ă → a/i, ủ → ti/i, l → 1 before a
toned vowel …), ``II.`` becomes ``I1.``, ``c)`` becomes ``¢)``, words are now and then glued
together or split, and lines pick up stray leading spaces.

The rates were calibrated by comparing the character statistics of
``garble(thuong-xuan-2025.md)`` with those of the two garbled seeds; run
``python tests/garble.py --calibrate`` to print the comparison.

Determinism: the output depends only on ``text`` and ``seed`` (``random.Random(seed)``,
no hashing of strings, no set iteration).

Command line::

    python tests/garble.py IN.txt [--seed N] [--markdown] > OUT.txt
    python tests/garble.py --calibrate [--seeds-dir DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

Choices = Sequence[tuple[str, float]]

_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_TONES = {_ACUTE: "acute", _GRAVE: "grave", _HOOK: "hook", _TILDE: "tilde", _DOT: "dot"}
_MODS = {"\u0302": "^", "\u0306": "(", "\u031b": "+"}  # circumflex, breve, horn

# --- lower-case readings: (vowel class, tone) -> weighted outputs ------------------------
# vowel class: base letter plus modifier: a a( a^ e e^ i o o^ o+ u u+ y.  tone: None or name.
_PLAIN = "plain"
_LOWER: dict[tuple[str, str], Choices] = {
    ("a", _PLAIN): [("a", 1.0)],
    ("a", "acute"): [("a", 0.975), ("4", 0.025)],
    ("a", "tilde"): [("a", 0.92), ("4", 0.04), ("3", 0.04)],
    ("a", "*"): [("a", 1.0)],
    ("a(", "*"): [("a", 0.62), ("i", 0.24), ("d", 0.07), ("ia", 0.04), ("é", 0.03)],
    ("a^", "*"): [("a", 0.74), ("i", 0.07), ("d", 0.07), ("A", 0.05), ("é", 0.04), ("4", 0.02),
                  ("ia", 0.01)],
    ("e", _PLAIN): [("e", 0.95), ("é", 0.05)],
    ("e", "*"): [("é", 0.88), ("e", 0.12)],
    ("e^", _PLAIN): [("é", 0.97), ("e", 0.03)],
    ("e^", "acute"): [("é", 0.935), ("&", 0.02), ("€", 0.015), ("e", 0.03)],
    ("e^", "dot"): [("é", 0.85), ("€", 0.07), ("¢", 0.04), ("e", 0.04)],
    ("e^", "*"): [("é", 0.955), ("€", 0.015), ("e", 0.03)],
    ("i", _PLAIN): [("i", 1.0)],
    ("i", "dot"): [("i", 0.89), ("j", 0.06), ("l", 0.03), ("1", 0.02)],
    ("i", "*"): [("i", 0.95), ("l", 0.03), ("1", 0.02)],
    ("o", _PLAIN): [("o", 0.995), ("0", 0.005)],
    ("o", "*"): [("o", 0.85), ("6", 0.06), ("é", 0.05), ("d", 0.03), ("0", 0.01)],
    ("o^", _PLAIN): [("o", 0.9), ("é", 0.06), ("6", 0.02), ("d", 0.015), ("0", 0.005)],
    ("o^", "acute"): [("6", 0.38), ("b", 0.28), ("é", 0.2), ("o", 0.06), ("§", 0.03),
                      ("0", 0.02), ("d", 0.03)],
    ("o^", "hook"): [("o", 0.4), ("6", 0.25), ("d", 0.15), ("é", 0.14), ("b", 0.04),
                     ("0", 0.02)],
    ("o^", "grave"): [("o", 0.5), ("6", 0.22), ("é", 0.15), ("d", 0.1), ("b", 0.03)],
    ("o^", "dot"): [("o", 0.58), ("é", 0.2), ("d", 0.12), ("6", 0.05), ("§", 0.02), ("b", 0.03)],
    ("o^", "*"): [("o", 0.5), ("d", 0.3), ("é", 0.2)],
    ("o+", _PLAIN): [("o", 0.93), ("6", 0.03), ("d", 0.02), ("é", 0.02)],
    ("o+", "acute"): [("d", 0.55), ("é", 0.3), ("o", 0.08), ("6", 0.03), ("&", 0.02),
                      ("0", 0.02)],
    ("o+", "grave"): [("o", 0.62), ("d", 0.27), ("é", 0.05), ("6", 0.04), ("0", 0.02)],
    ("o+", "dot"): [("o", 0.45), ("g", 0.33), ("d", 0.1), ("é", 0.05), ("og", 0.05),
                    ("0", 0.02)],
    ("o+", "hook"): [("o", 0.35), ("&", 0.25), ("é", 0.2), ("¢", 0.08), ("d", 0.12)],
    ("o+", "*"): [("o", 0.7), ("d", 0.3)],
    ("u", _PLAIN): [("u", 1.0)],
    ("u", "hook"): [("u", 0.5), ("ti", 0.14), ("i", 0.13), ("t", 0.1), ("ii", 0.1), ("li", 0.03)],
    ("u", "dot"): [("u", 0.85), ("y", 0.12), ("g", 0.03)],
    ("u", "acute"): [("u", 0.86), ("ii", 0.09), ("i", 0.05)],
    ("u", "*"): [("u", 0.95), ("i", 0.05)],
    ("u+", _PLAIN): [("u", 0.91), ("w", 0.05), ("ir", 0.02), ("i", 0.02)],
    ("u+", "acute"): [("ir", 0.6), ("u", 0.2), ("i", 0.1), ("tr", 0.05), ("y", 0.03),
                      ("w", 0.02)],
    ("u+", "grave"): [("ir", 0.45), ("u", 0.35), ("i", 0.1), ("tr", 0.05), ("w", 0.05)],
    ("u+", "hook"): [("t", 0.3), ("ir", 0.3), ("u", 0.3), ("i", 0.1)],
    ("u+", "tilde"): [("u", 0.5), ("it", 0.2), ("ir", 0.1), ("y", 0.1), ("i", 0.1)],
    ("u+", "dot"): [("u", 0.65), ("y", 0.16), ("ir", 0.07), ("w", 0.05), ("i", 0.05),
                    ("yu", 0.02)],
    ("y", _PLAIN): [("y", 1.0)],
    ("y", "acute"): [("y", 0.8), ("¥", 0.15), ("v", 0.05)],
    ("y", "*"): [("y", 1.0)],
}
_LOWER_D: Choices = [("d", 0.98), ("b", 0.02)]
_UPPER_D: Choices = [("P", 0.72), ("D", 0.12), ("B", 0.1), ("DP", 0.03), ("b", 0.03)]
# capital letters keep their base shape; a few recurrent oddities of the seeds:
_UPPER_SPECIAL: dict[tuple[str, str], Choices] = {
    ("u+", "*"): [("U", 0.88), ("U'", 0.12)],
    ("u+", _PLAIN): [("U", 0.95), ("W", 0.05)],
    ("o^", "dot"): [("O", 0.9), ("OQ", 0.1)],
    ("i", "acute"): [("I", 0.88), ("i", 0.12)],
    ("u", "hook"): [("U", 0.92), ("fJ", 0.08)],
}

# --- rates for everything that is not a single letter --------------------------------------
RATES = {
    "l_to_1": 0.36,  # 'l' before a toned a/e/o/y read as the digit one ("1ap", "1y", "16ng")
    "l_to_I": 0.06,  # … or as a capital I ("Iy")
    "long_digit": 0.85,  # digit-like readings (6, 4, 1 …) are rare in words of 5+ letters
    "final_c_to_e": 0.06,  # "thue" for thực, "dwge" for được
    "glue": 0.003,  # a space between two words disappears
    "glue_run": 0.0007,  # a run of 3-8 words glued together ("phananhvéchatluong…")
    "split": 0.004,  # a word of 5+ letters split by a space
    "lead_space": 0.03,  # a line starts with a stray space
    "noise_line": 0.006,  # a stray line of marks ("A A", ")")
    "roman_ii": 0.55,  # "II." misread (I1. / Il. / IT.)
    "roman_iii": 0.7,  # "III." misread (I11. / IT1. / Il1.)
    "c_paren": 0.6,  # "c)" read as "¢)"
    "noi_nhan_glued": 0.8,  # "Nơi nhận" glued into one word, as in both seeds
}
_NOISE_LINES = ["A A", ")", "A", "'", ". ."]


def _pick(rng: random.Random, choices: Choices) -> str:
    x = rng.random() * sum(w for _, w in choices)
    for out, w in choices:
        x -= w
        if x <= 0:
            return out
    return choices[-1][0]


def _analyse(ch: str) -> tuple[str, str, bool] | None:
    """(vowel class, tone, is_upper) of a Vietnamese vowel, or None for anything else."""
    nfd = unicodedata.normalize("NFD", ch)
    base = nfd[0]
    if base.lower() not in "aeiouy" or not base.isascii():
        return None
    mod = "".join(_MODS.get(c, "") for c in nfd[1:])
    tone = next((_TONES[c] for c in nfd[1:] if c in _TONES), _PLAIN)
    return base.lower() + mod, tone, base.isupper()


def _table(cls: str, tone: str, table: dict[tuple[str, str], Choices]) -> Choices | None:
    """The readings for a vowel class and tone; '*' stands for any tone not listed."""
    return table.get((cls, tone)) or table.get((cls, "*"))


def _has_tone(ch: str) -> bool:
    info = _analyse(ch)
    return info is not None and (info[1] != _PLAIN or info[0] in ("a(", "a^", "o^", "o+", "u+"))


def _garble_char(ch: str, rng: random.Random, all_caps: bool, short: bool = True) -> str:
    """One character's reading; in long words digit-like readings are mostly re-drawn."""
    out = _read_char(ch, rng, all_caps)
    tries = 0
    while not short and out in _DIGITLIKE and tries < 4 and rng.random() < RATES["long_digit"]:
        out = _read_char(ch, rng, all_caps)
        tries += 1
    return out


_DIGITLIKE = {"6", "4", "3", "0", "1", "§"}


def _read_char(ch: str, rng: random.Random, all_caps: bool) -> str:
    if ch == "đ":
        return _pick(rng, _LOWER_D)
    if ch == "Đ":
        return _pick(rng, _UPPER_D)
    info = _analyse(ch)
    if info is None:
        return ch if ch.isascii() else unicodedata.normalize("NFD", ch)[0]
    cls, tone, upper = info
    if upper:
        special = _table(cls, tone, _UPPER_SPECIAL)
        if special is not None and (all_caps or cls == "u+"):
            return _pick(rng, special)
        return cls[0].upper()
    choices = _table(cls, tone, _LOWER) or [(cls[0], 1.0)]
    return _pick(rng, choices)


def _garble_word(word: str, rng: random.Random) -> str:
    if any(c.isdigit() for c in word):
        # numbers, dates and symbols such as 04-KH/ĐU survive; only their marks are lost
        return "".join(
            "D" if c == "Đ" else "d" if c == "đ" else unicodedata.normalize("NFD", c)[0]
            for c in word
        )
    letters = [c for c in word if c.isalpha()]
    all_caps = len(letters) > 1 and all(c.isupper() for c in letters)
    short = len(letters) <= 4
    out: list[str] = []
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if (
            ch == "l"
            and (i == 0 or not word[i - 1].isalpha())
            and nxt
            and _has_tone(nxt)
            and unicodedata.normalize("NFD", nxt)[0] in "aeoy"
        ):
            r = rng.random()
            if r < RATES["l_to_1"]:
                out.append("1")
                continue
            if r < RATES["l_to_1"] + RATES["l_to_I"]:
                out.append("I")
                continue
        if (
            ch == "c"
            and i == len(word) - 1
            and i > 0
            and _has_tone(word[i - 1])
            and rng.random() < RATES["final_c_to_e"]
        ):
            out.append("e")
            continue
        out.append(_garble_char(ch, rng, all_caps, short))
    result = "".join(out)
    alpha = sum(c.isalpha() for c in result)
    if alpha >= 5 and rng.random() < RATES["split"]:
        cut = rng.randrange(2, len(result) - 1)
        result = result[:cut] + " " + result[cut:]
    return result


_ROMAN = re.compile(r"^(\s*)(III|II)\.")
_C_ITEM = re.compile(r"^(\s*)c\)")
_NOI_NHAN = re.compile(r"N[ơo]i\s+nh[ậa]n", re.IGNORECASE)


def _garble_line(line: str, rng: random.Random, glue_left: list[int]) -> str:
    prefix = ""
    m = _ROMAN.match(line)
    if m:
        numeral = m.group(2)
        if numeral == "II" and rng.random() < RATES["roman_ii"]:
            numeral = _pick(rng, [("I1", 0.6), ("Il", 0.2), ("IT", 0.2)])
        elif numeral == "III" and rng.random() < RATES["roman_iii"]:
            numeral = _pick(rng, [("I11", 0.4), ("IT1", 0.3), ("Il1", 0.25), ("IIl", 0.05)])
        prefix = m.group(1) + numeral + "."
        line = line[m.end():]
    else:
        m = _C_ITEM.match(line)
        if m and rng.random() < RATES["c_paren"]:
            prefix = m.group(1) + _pick(rng, [("¢)", 0.85), ("c¢)", 0.15)])
            line = line[m.end():]
    if _NOI_NHAN.search(line) and rng.random() < RATES["noi_nhan_glued"]:
        line = _NOI_NHAN.sub(lambda mm: re.sub(r"\s+", "", mm.group(0)), line, count=1)
    parts = re.split(r"( +)", line)
    out: list[str] = []
    for j, part in enumerate(parts):
        if j % 2 == 0:
            out.append(_garble_word(part, rng) if part else part)
            continue
        left, right = parts[j - 1], parts[j + 1] if j + 1 < len(parts) else ""
        wordy = (
            len(part) == 1
            and (left[-1:].isalpha() or left[-1:] in ",;")
            and right[:1].isalpha()
            and not any(c.isdigit() for c in left + right)
        )
        if wordy and glue_left[0] > 0:
            glue_left[0] -= 1
            continue
        if wordy and rng.random() < RATES["glue_run"]:
            glue_left[0] = rng.randint(2, 7)
            continue
        if wordy and rng.random() < RATES["glue"]:
            continue
        out.append(part)
    text = prefix + "".join(out)
    if text.strip() and not text.startswith(" ") and rng.random() < RATES["lead_space"]:
        text = " " + text
    return text


def garble(text: str, seed: int = 0) -> str:
    """Return ``text`` as tesseract's English model would read it from a print of it."""
    rng = random.Random(seed)
    text = unicodedata.normalize("NFC", text)
    glue_left = [0]
    lines_out: list[str] = []
    for line in text.split("\n"):
        ff = ""
        while line.startswith("\f"):
            ff += "\f"
            line = line[1:]
        lines_out.append(ff + _garble_line(line, rng, glue_left))
        if line.strip() and rng.random() < RATES["noise_line"]:
            lines_out.append(_pick(rng, [(s, 1.0) for s in _NOISE_LINES]))
    return "\n".join(lines_out)


# --- calibration ------------------------------------------------------------------------------


def strip_markdown(text: str) -> str:
    """Plain text of a Markdown plan (headings, emphasis and table pipes removed)."""
    out = []
    for line in text.split("\n"):
        line = re.sub(r"^#+\s*", "", line)
        line = line.replace("**", "").replace("__", "")
        line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)
        if re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line) and "|" in line:
            continue
        line = line.strip().strip("|").replace(" | ", "   ")
        out.append(line.rstrip())
    return "\n".join(out)


_WORD = re.compile(r"\S+")


def stats(text: str) -> dict[str, float]:
    """Character statistics used to compare garbled text with the garbled seeds."""
    letters = sum(c.isalpha() for c in text) or 1
    tokens = _WORD.findall(text)
    n_tok = len(tokens) or 1
    per_k = 1000.0 / letters
    lower_ascii = Counter(c for c in text if c.isascii() and c.islower())
    e_plain, e_acute = lower_ascii["e"], text.count("é")
    digit_words = [
        w for w in tokens
        if re.search(r"[^\W\d_]", w) and re.search(r"\d", w)
        and not re.search(r"\d[/.:-]|[/-]\d|^\(?\d+[.)]", w)
    ]
    return {
        "é per 1000 letters": text.count("é") * per_k,
        "€ ¢ ¥ § & per 1000 letters": sum(text.count(c) for c in "€¢¥§&") * per_k,
        "w per 1000 letters": lower_ascii["w"] * per_k,
        "plain e / (e + é)": e_plain / ((e_plain + e_acute) or 1),
        "words with a digit inside, %": 100.0 * len(digit_words) / n_tok,
        "P/B/D-initial words (Đ) per 1000 words": 1000.0 * sum(
            1 for w in tokens if re.fullmatch(r"(P|DP|DB)[a-zé€]+[,.;:]?", w)
        ) / n_tok,
        "glued words (>=15 letters) per 1000 words": 1000.0 * sum(
            1 for w in tokens if sum(c.isalpha() for c in w) >= 15
        ) / n_tok,
        "lines with a leading space, %": 100.0 * sum(
            1 for ln in text.split("\n") if ln.startswith(" ") and ln.strip()
        ) / (sum(1 for ln in text.split("\n") if ln.strip()) or 1),
    }


def letter_similarity(a: str, b: str) -> float:
    """Cosine similarity of the lower-case letter distributions (ASCII letters and é)."""
    def dist(t: str) -> Counter[str]:
        return Counter(c for c in t.lower() if (c.isascii() and c.isalpha()) or c == "é")
    da, db = dist(a), dist(b)
    dot = sum(da[k] * db[k] for k in da)
    na = sum(v * v for v in da.values()) ** 0.5
    nb = sum(v * v for v in db.values()) ** 0.5
    return dot / (na * nb) if na and nb else 0.0


# how a few frequent words come out: the word, and a pattern for its readings in the seeds
_WORD_FAMILIES = {
    "của": r"c(?:u|ti|i|t|ii|li|tu|ui|tii|l)a",
    "nước": r"nu?w?(?:d|é|o|6)c",
    "năm": r"n(?:a|i|d|ia|A)m",
    "công": r"c(?:o|é|6|oé|d)ng",
    "chức": r"ch(?:ir|u|i|tr|it|ia|ue|tu)c",
    "thực": r"th(?:u|y|yu|ir|tr|t|yu|i|ud)(?:c|e)",
    "số": r"s(?:6|b|é|§|0)",
}


def word_readings(text: str, word: str) -> Counter[str]:
    """Readings of ``word`` in a garbled text, found by the pattern of its family."""
    pattern = re.compile(r"(?<![\w€¢§&])(" + _WORD_FAMILIES[word] + r")(?![\w€¢§&])")
    return Counter(m.group(1) for m in pattern.finditer(text))


def simulated_readings(word: str, n: int = 2000) -> Counter[str]:
    """Readings garble() gives ``word`` over ``n`` seeds."""
    return Counter(_garble_word(word, random.Random(i)).strip() for i in range(n))


def _share_line(readings: Counter[str]) -> str:
    total = sum(readings.values()) or 1
    top = readings.most_common(4)
    return ", ".join(f"{w} {100 * c / total:.0f}%" for w, c in top)


def _default_seeds_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "shared" / "seeds"


def calibrate(seeds_dir: Path, seed: int = 0) -> str:
    """A table comparing garble(clean seed) with the garbled seeds."""
    garbled = {
        name: (seeds_dir / name).read_text(encoding="utf-8")
        for name in ("ben-tam-2025.txt", "quang-ngai-vp-2024.txt")
    }
    clean = strip_markdown((seeds_dir / "thuong-xuan-2025.md").read_text(encoding="utf-8"))
    runs = [garble(clean, s) for s in range(seed, seed + 5)]
    stripped = "".join(
        "d" if c == "đ" else "D" if c == "Đ" else unicodedata.normalize("NFD", c)[0] for c in clean
    )
    ours = f"garble(thuong-xuan) seeds {seed}-{seed + 4}"
    columns = {**garbled, ours: runs[0], "marks stripped (baseline)": stripped}
    table = {name: stats(t) for name, t in columns.items()}
    per_run = [stats(t) for t in runs]
    table[ours] = {k: sum(r[k] for r in per_run) / len(runs) for k in per_run[0]}
    ref = garbled["ben-tam-2025.txt"] + garbled["quang-ngai-vp-2024.txt"]
    width = max(len(k) for k in next(iter(table.values())))
    rows = ["metric".ljust(width) + "".join(f" | {n[:26]:>26}" for n in columns)]
    rows.append(" " * width + "".join(f" | {n[26:52]:>26}" for n in columns))
    for key in next(iter(table.values())):
        rows.append(key.ljust(width) + "".join(f" | {table[n][key]:26.2f}" for n in columns))
    rows.append(
        "letter cosine vs seeds".ljust(width)
        + "".join(f" | {letter_similarity(columns[n], ref):26.4f}" for n in columns)
    )
    rows.append(f"(the garble column is the mean over {len(runs)} seeds; cosine is for the first)")
    rows.append("")
    rows.append("readings of frequent words: seeds (both) | garble()")
    for word in _WORD_FAMILIES:
        rows.append(
            f"  {word:5} {_share_line(word_readings(ref, word)):44} | "
            f"{_share_line(simulated_readings(word))}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", nargs="?", help="clean text file ('-' for stdin)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", action="store_true", help="strip Markdown first")
    parser.add_argument("--calibrate", action="store_true", help="print calibration figures")
    parser.add_argument("--seeds-dir", type=Path, default=_default_seeds_dir())
    args = parser.parse_args(argv)
    if args.calibrate:
        print(calibrate(args.seeds_dir, args.seed))
        return 0
    if not args.input:
        parser.error("an input file is needed (or --calibrate)")
    raw = sys.stdin.read() if args.input == "-" else Path(args.input).read_text(encoding="utf-8")
    if args.markdown:
        raw = strip_markdown(raw)
    sys.stdout.write(garble(raw, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
