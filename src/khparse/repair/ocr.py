"""The English-OCR channel learned by scripts/ocr_learn.py (data/ocr_channel.json).

For an observed word that is not a syllable ("nwéc", "ctia", "Pang", "x4y") it proposes syllables
with log P(observed | syllable), from two sources:
- whole words OCR printed for a syllable in the rendered training text (count / syllable total);
- syllables whose unmarked key is within a small edit distance of the word's folded key
  (rapidfuzz), scored character by character with the learned confusion probabilities.
Statistics are kept per family of faces (FontChannel); a text is repaired with the family whose
printed words it resembles most (`OcrModel.for_text`).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from khparse.fold import fold
from khparse.repair.inventory import Inventory, load_inventory
from khparse.repair.normalize import strip_marks

FORMS_PER_KEY = 4
LOG_UNSEEN_SAME_LETTER = math.log(0.02)  # a mark misread in a way never seen in training
LOG_UNSEEN = math.log(0.001)
LOG_MISSING_CHAR = math.log(0.5)  # a character never met in training printed as itself
# Scanned Times-like faces make tesseract read a word-initial "Đ" as "P" ("Pang" Đảng, "Poan"
# Đoàn, "MUC PiCH"); rendered training text rarely shows it, and a Vietnamese word never starts
# with "p" + vowel, so that reading gets a fixed, generous probability.
LOG_D_AS_P = math.log(0.3)
# Weight, in printed words, of the letter-by-letter estimate against the whole-word counts when
# the printed word is itself a syllable (FontChannel.score).
WHOLE_PRIOR = 20.0
KEYS_SEARCHED = 30  # unmarked keys within the edit distance, nearest first, scored by the channel
PROPOSED = 16
# Digits OCR prints for letters ("s6" số, "x4y" xây), as khparse.fold reads them.
_DIGIT_LETTER = {"0": "o", "1": "l", "3": "a", "4": "a", "6": "o", "8": "o"}


def _letter(printed: str) -> str:
    """The plain letter a printed character stands for: "6" → o, "€" → e, "ế" → e."""
    return strip_marks(_DIGIT_LETTER.get(printed) or fold(printed))


@dataclass(frozen=True, eq=False)
class FontChannel:
    """What tesseract printed for Vietnamese set in one family of faces."""

    name: str
    words: dict[str, dict[str, int]]  # printed word → intended syllable → count
    totals: dict[str, int]
    chars: dict[str, dict[str, float]]  # intended char ("" = insertion) → printed → log P

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FontChannel:
        chars: dict[str, dict[str, float]] = {}
        # An inserted character ("" → "i") is counted per character printed, not per insertion:
        # P(insert "i") is its count over all the characters seen, so a reading that needs an
        # insertion ("gạo" printed "giao") pays for the insertion happening at all.
        positions = sum(sum(printed.values()) for c, printed in data["chars"].items() if c)
        for c, printed in data["chars"].items():
            total = sum(printed.values()) if c else max(positions, 1)
            chars[c] = {o: math.log(n / total) for o, n in printed.items()}
        words = {k: dict(v) for k, v in data["words"].items()}
        totals = {k: int(v) for k, v in data["intended_totals"].items()}
        return cls(str(data.get("name", "default")), words, totals, chars)

    def char_logp(self, intended: str, observed: str) -> float:
        score = 0.0
        for i, (c, o) in enumerate(char_events(intended, observed)):
            if not c:  # a character OCR inserted
                score += self.chars.get("", {}).get(o, LOG_UNSEEN)
                continue
            table = self.chars.get(c)
            if i == 0 and c == "đ" and o in ("p", "P"):
                score += max(LOG_D_AS_P, table.get(o, LOG_UNSEEN) if table else LOG_UNSEEN)
            elif table is None:
                score += LOG_MISSING_CHAR if o == c else LOG_UNSEEN
            elif o in table:
                score += table[o]
            else:
                same = o and _letter(o) == _letter(c)
                score += LOG_UNSEEN_SAME_LETTER if same else LOG_UNSEEN
        return score

    @cached_property
    def printed(self) -> tuple[dict[str, int], int]:
        """How often each word was printed, and the total."""
        counts = {obs: sum(by.values()) for obs, by in self.words.items()}
        return counts, sum(counts.values())

    def text_logp(self, observed: list[str]) -> float:
        """log-likelihood of a text's printed words under this family (add-one-half smoothing)."""
        counts, total = self.printed
        denominator = math.log(total + 0.5 * (len(counts) + 1))
        return sum(math.log(counts.get(w, 0) + 0.5) - denominator for w in observed)

    def score(self, intended: str, observed: str, is_syllable: bool = False) -> float:
        """log P(observed | intended): the whole-word count if OCR printed it so, else by letter.

        When the printed word is itself a syllable, OCR printed it for many syllables in training
        and those counts are the better evidence: the letter-by-letter estimate is then only a
        prior of weight WHOLE_PRIOR, updated with them. "giao", which OCR printed for "giao" 33
        times in 33 and for "giáo" twice in 55 (Times-like faces), stays "giao" however likely
        the letters alone make "giáo" or "gạo"."""
        n = self.words.get(observed, {}).get(intended, 0)
        by_letter = self.char_logp(intended, observed)
        if not is_syllable or WHOLE_PRIOR <= 0:
            return max(math.log(n / self.totals[intended]) if n else -math.inf, by_letter)
        total = self.totals.get(intended, 0)
        return math.log((n + WHOLE_PRIOR * math.exp(by_letter)) / (total + WHOLE_PRIOR))


@dataclass(frozen=True, eq=False)  # hashed by identity, for the cache below
class OcrModel:
    """One channel per family of faces: each face garbles differently (Liberation Serif prints
    "Dic" for "Độc", TeX Gyre Termes "Déc"), and pooling them blurs both. A text is repaired with
    the family whose printed words it resembles most (`for_text`); a model holding several
    families scores a reading with the one that makes it likeliest."""

    inv: Inventory
    fonts: tuple[FontChannel, ...]
    keys: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any], inv: Inventory) -> OcrModel:
        channels = data.get("channels", [data])
        return cls(inv, tuple(FontChannel.from_json(c) for c in channels), tuple(inv.by_key))

    @cached_property
    def families(self) -> dict[str, OcrModel]:
        return {f.name: OcrModel(self.inv, (f,), self.keys) for f in self.fonts}

    def for_text(self, words: list[str]) -> OcrModel:
        """The one-family model that best explains these printed words (lower-cased)."""
        if len(self.fonts) == 1:
            return self
        sample = [w.lower() for w in words[:: max(1, len(words) // 2000)]]
        best = max(self.fonts, key=lambda f: f.text_logp(sample))
        return self.families[best.name]

    @lru_cache(maxsize=262144)  # noqa: B019 - one model per process, kept for its lifetime
    def score(self, intended: str, observed: str) -> float:
        """log P(observed | intended) under the family that makes it likeliest."""
        is_syllable = observed in self.inv
        return max(f.score(intended, observed, is_syllable) for f in self.fonts)

    def seen(self, observed: str) -> dict[int, float]:
        """The syllables OCR printed exactly this word for in training, with log P(word | syllable)."""
        found: dict[int, float] = {}
        for font in self.fonts:
            for form in font.words.get(observed, {}):
                if form in self.inv.ids:
                    found[self.inv.ids[form]] = self.score(form, observed)
        return found

    @lru_cache(maxsize=65536)  # noqa: B019 - one model per process, kept for its lifetime
    def __call__(self, observed: str) -> list[tuple[int, float]]:
        found = self.seen(observed)
        key = fold(observed)
        limit = 1 if len(key) <= 3 else 2
        for match, _, _ in process.extract(
            key, self.keys, scorer=Levenshtein.distance, score_cutoff=limit, limit=KEYS_SEARCHED
        ):
            for i in self.inv.by_key[match][:FORMS_PER_KEY]:
                if i not in found:
                    found[i] = self.score(self.inv.forms[i], observed)
        # Most probable first without context: channel times how common the syllable is.
        ranked = sorted(found.items(), key=lambda kv: -(kv[1] + math.log(self.inv.counts[kv[0]])))
        return ranked[:PROPOSED]


@cache
def load_ocr() -> OcrModel | None:
    path = resources.files("khparse").joinpath("data", "ocr_channel.json")
    if not path.is_file():
        return None
    return OcrModel.from_json(json.loads(path.read_text(encoding="utf-8")), load_inventory())


def char_events(intended: str, observed: str) -> list[tuple[str, str]]:
    """(intended char, what was printed for it) along one minimal alignment, intended characters in
    order first, then ("", c) for each character OCR inserted. Shared by learning and scoring."""
    printed = dict(enumerate(intended))
    inserted: list[tuple[str, str]] = []
    for op in Levenshtein.editops(intended, observed):
        if op.tag == "replace":
            printed[op.src_pos] = observed[op.dest_pos]
        elif op.tag == "delete":
            printed[op.src_pos] = ""
        else:
            inserted.append(("", observed[op.dest_pos]))
    return [(c, printed[i]) for i, c in enumerate(intended)] + inserted
