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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any, cast

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from khparse.fold import fold
from khparse.repair.data import data_bytes
from khparse.repair.inventory import Inventory, load_inventory
from khparse.repair.normalize import strip_marks
from khparse.repair.ocr_readings import Readings, load_readings

FORMS_PER_KEY = 4
LOG_UNSEEN_SAME_LETTER = math.log(0.02)  # a mark misread in a way never seen in training
LOG_UNSEEN = math.log(0.001)
LOG_MISSING_CHAR = math.log(0.5)  # a character never met in training printed as itself
# Scanned Times-like faces make tesseract read a word-initial "Đ" as "P" ("Pang" Đảng, "Poan"
# Đoàn, "MUC PiCH"); rendered training text rarely shows it, and a Vietnamese word never starts
# with "p" + vowel, so that reading gets a fixed, generous probability.
LOG_D_AS_P = math.log(0.3)
# Scans also show "b" for a word-initial "đ" ("bang" Đảng, "Bon vi" Đơn vị), which rendered text
# never does: a fixed, smaller probability.
LOG_D_AS_B = math.log(0.02)
_D_READINGS = {"p": LOG_D_AS_P, "P": LOG_D_AS_P, "b": LOG_D_AS_B, "B": LOG_D_AS_B}
# Weight, in printed words, of the letter-by-letter estimate against the whole-word counts when
# the printed word is itself a syllable (FontChannel.score).
WHOLE_PRIOR = 20.0
# Weight, in printed characters, of the back-off estimate of a printed string against its counts.
STRING_PRIOR = 20.0
# A string printed for one letter this share of the time is tried as that letter in the search for
# readings (OcrModel.unprinted).
MIN_STRING_SHARE = 0.03
KEYS_SEARCHED = 30  # unmarked keys within the edit distance, nearest first, scored by the channel
PROPOSED = 20
# Keys searched ahead kept by a model (`OcrModel.search`), and queries searched at once.
_NEAR_KEPT = 100_000
_SEARCH_CHUNK = 2000
# Events a channel keeps computed (`FontChannel._events`): a few thousand occur in real text; the
# bound only stops a long-running worker fed garbage from growing without end.
_EVENTS_KEPT = 65536
# Digits OCR prints for letters ("s6" số, "x4y" xây), as khparse.fold reads them.
_DIGIT_LETTER = {"0": "o", "1": "l", "3": "a", "4": "a", "6": "o", "8": "o"}


@cache
def _letter(printed: str) -> str:
    """The plain letter a printed character stands for: "6" → o, "€" → e, "ế" → e."""
    return strip_marks(_DIGIT_LETTER.get(printed) or fold(printed))


@dataclass(frozen=True, eq=False)
class FontChannel:
    """What tesseract printed for Vietnamese set in one family of faces."""

    name: str
    words: dict[str, dict[str, int]]  # printed word → intended syllable → count
    totals: dict[str, int]
    chars: dict[str, dict[str, int]]  # intended char → printed string → count

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FontChannel:
        # The parsed JSON's own dicts, not copies (~10 ms of every start that repairs garbled
        # text): its counts are integers, as scripts/ocr_learn.py writes them.
        return cls(str(data.get("name", "default")), data["words"], data["intended_totals"], data["chars"])

    @cached_property
    def singles(self) -> dict[str, dict[str, float]]:
        """Intended char → single printed char → log P: a longer string counts for its best
        character; the back-off for strings never printed for it in training ("ứ" → "tlt")."""
        singles: dict[str, dict[str, float]] = {}
        for c, printed in self.chars.items():
            one: Counter[str] = Counter()
            for o, n in printed.items():
                one[o if len(o) <= 1 else max(o, key=lambda x: x == c or _letter(x) == _letter(c))] += n
            singles[c] = {o: math.log(n / self.char_totals[c]) for o, n in one.items()}
        return singles

    @cached_property
    def inserted(self) -> float:
        """log P(an extra character): OCR's extra characters per intended one, for printed strings
        never seen."""
        extra = sum(n * (len(o) - 1) for printed in self.chars.values() for o, n in printed.items() if o)
        return math.log(max(extra, 1) / max(sum(self.char_totals.values()), 1))

    def _one(self, c: str, o: str, first: bool) -> float:
        """log P(OCR printed the one character (or nothing) `o` for the intended `c`)."""
        table = self.singles.get(c)
        if first and c == "đ" and o in _D_READINGS:
            return max(_D_READINGS[o], table.get(o, LOG_UNSEEN) if table else LOG_UNSEEN)
        if table is None:
            return LOG_MISSING_CHAR if o == c else LOG_UNSEEN
        if o in table:
            return table[o]
        same = o and _letter(o) == _letter(c)
        return LOG_UNSEEN_SAME_LETTER if same else LOG_UNSEEN

    def _backoff(self, c: str, o: str, first: bool) -> float:
        if len(o) <= 1:
            return self._one(c, o, first)
        return max(self._one(c, x, first) for x in o) + self.inserted * (len(o) - 1)

    def char_logp(self, intended: str, observed: str) -> float:
        """Per intended character: how often OCR printed exactly this string for it, smoothed
        towards the back-off (its best single character, the rest inserted)."""
        if not intended:
            return sum([self._event(c, o, True) for c, o in char_events(intended, observed)])
        known = self._events
        if len(known) > _EVENTS_KEPT:
            known.clear()
        # The events' log-probabilities summed in the order of the characters, as one list: the
        # same float as ever (~100 of these a new word: the whole cost of proposing its readings).
        logps = []
        first = True
        for c, o in zip(intended, printed_for(intended, observed), strict=True):
            logp = known.get((c, o, first))
            if logp is None:
                logp = known[c, o, first] = self._event(c, o, first)
            logps.append(logp)
            first = False
        return sum(logps)

    @cached_property
    def _events(self) -> dict[tuple[str, str, bool], float]:
        """(intended char, printed string, first) → `_event`: the same few thousand events recur
        in every word, so each is computed once (a plain dict: lru_cache's lookup of a method
        with three arguments cost as much as the rest of a word's sum)."""
        return {}

    def _event(self, c: str, o: str, first: bool) -> float:
        """log P(OCR printed the string `o` for the intended character `c`)."""
        printed = self.chars.get(c)
        backoff = self._backoff(c, o, first)
        if printed is None:
            return backoff
        n, total = printed.get(o, 0), self.char_totals[c]
        logp = math.log((n + STRING_PRIOR * math.exp(backoff)) / (total + STRING_PRIOR))
        if first and c == "đ" and o in _D_READINGS:  # scans do it, rendered text rarely
            logp = max(logp, _D_READINGS[o])
        return logp

    @cached_property
    def char_totals(self) -> dict[str, int]:
        """How often each intended character was seen."""
        return {c: sum(printed.values()) for c, printed in self.chars.items()}

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
        return self.scores((intended,), observed, is_syllable)[0]

    def scores(self, intended: Sequence[str], observed: str, is_syllable: bool = False) -> list[float]:
        """`score` of each of `intended` for one printed word: the ~100 readings proposed for a
        word in one call, the word's own counts looked up once."""
        counts, totals, char_logp, log = self.words.get(observed, {}), self.totals, self.char_logp, math.log
        if not is_syllable:
            return [max(log(n / totals[i]) if n else -math.inf, char_logp(i, observed))
                    for i in intended for n in (counts.get(i, 0),)]
        return [log((counts.get(i, 0) + WHOLE_PRIOR * math.exp(char_logp(i, observed)))
                    / (totals.get(i, 0) + WHOLE_PRIOR)) for i in intended]


@dataclass(frozen=True, eq=False)  # hashed by identity, for the cache below
class OcrModel:
    """One channel per family of faces: each face garbles differently (Liberation Serif prints
    "Dic" for "Độc", TeX Gyre Termes "Déc"), and pooling them blurs both. A text is repaired with
    the family whose printed words it resembles most (`for_text`); a model holding several
    families scores a reading with the one that makes it likeliest."""

    inv: Inventory
    fonts: tuple[FontChannel, ...]
    keys: tuple[str, ...]
    # Family name → the readings of the words it printed in training, computed ahead from the
    # shipped data (ocr_readings.py); only the shipped channel has them.
    tables: Mapping[str, Readings] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any], inv: Inventory,
                  tables: Mapping[str, Readings] | None = None) -> OcrModel:
        channels = data.get("channels", [data])
        return cls(inv, tuple(FontChannel.from_json(c) for c in channels), tuple(inv.by_key), tables or {})

    @cached_property
    def families(self) -> dict[str, OcrModel]:
        return {f.name: OcrModel(self.inv, (f,), self.keys, self.tables) for f in self.fonts}

    def for_text(self, words: list[str]) -> OcrModel:
        """The one-family model that best explains these printed words (lower-cased)."""
        if len(self.fonts) == 1:
            return self
        sample = [w.lower() for w in words[:: max(1, len(words) // 2000)]]
        best = max(self.fonts, key=lambda f: f.text_logp(sample))
        return self.families[best.name]

    @cached_property
    def _strings(self) -> tuple[tuple[str, str], ...]:
        """(printed string, plain letter): strings of two or more characters OCR printed for one
        letter at least MIN_STRING_SHARE of the time, in any family ("ir" → u, "if" → u)."""
        found: dict[str, str] = {}
        for font in self.fonts:
            for c, printed in font.chars.items():
                for o, n in printed.items():
                    if len(o) > 1 and n >= MIN_STRING_SHARE * font.char_totals[c]:
                        found.setdefault(fold(o), strip_marks(fold(c)))
        return tuple(sorted(found.items()))

    def unprinted(self, key: str) -> list[str]:
        """`key` with one printed string put back to the letter it stood for, every way."""
        out = []
        for printed, letter in self._strings:
            start = key.find(printed)
            while start >= 0:
                out.append(key[:start] + letter + key[start + len(printed):])
                start = key.find(printed, start + 1)
        return out

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

    @cached_property
    def _table(self) -> Readings | None:
        """The readings computed ahead for this model's one family, if it has them."""
        return self.tables.get(self.fonts[0].name) if len(self.fonts) == 1 else None

    @lru_cache(maxsize=65536)  # noqa: B019 - one model per process, kept for its lifetime
    def __call__(self, observed: str) -> list[tuple[int, float]]:
        table = self._table
        ahead = table.get(observed) if table is not None else None
        return ahead if ahead is not None else self.propose(observed)

    @cached_property
    def _near(self) -> dict[tuple[str, int], list[str]]:
        """(key variant, edit limit) → the inventory keys `propose` searches, found ahead (`search`)."""
        return {}

    def search(self, observed: Iterable[str]) -> None:
        """Find the nearest keys of the printed words `propose` will be asked about, all at once:
        rapidfuzz's `extract` prepares the inventory's 1,600 keys on every call (~70 us, half of
        the search), `cdist` once for all the queries. Words read ahead (`Readings`) need none."""
        near, table = self._near, self._table
        if len(near) > _NEAR_KEPT:
            near.clear()
        queries: dict[tuple[str, int], None] = {}
        for word in observed:
            if table is None or word not in table.index:
                key = fold(word)
                limit = _edit_limit(key)
                queries.update(((v, limit), None) for v in (key, *self.unprinted(key)) if (v, limit) not in near)
        todo = list(queries)
        for start in range(0, len(todo), _SEARCH_CHUNK):  # bounded memory: queries × keys bytes
            chunk = todo[start : start + _SEARCH_CHUNK]
            distances = process.cdist([v for v, _ in chunk], self.keys, scorer=Levenshtein.distance,
                                      score_cutoff=max(limit for _, limit in chunk), dtype=np.int8)
            for query, row in zip(chunk, distances, strict=True):
                near[query] = _nearest(row, query[1], self.keys)

    def _nearest_keys(self, variant: str, limit: int) -> list[str]:
        found = self._near.get((variant, limit))
        if found is not None:
            return found
        return [match for match, _, _ in process.extract(variant, self.keys, scorer=Levenshtein.distance,
                                                         score_cutoff=limit, limit=KEYS_SEARCHED)]

    def propose(self, observed: str) -> list[tuple[int, float]]:
        """The likeliest syllables to have been printed as `observed`, with log P(observed | syllable)."""
        found = self.seen(observed)
        key = fold(observed)
        limit = _edit_limit(key)
        matches: dict[str, None] = {}
        # The key as printed, and with one string OCR prints for a single letter put back
        # ("chire": "ir" is how it prints ư, so "chue" too, one edit from "chuc" chức).
        for variant in [key, *self.unprinted(key)]:
            matches.update(dict.fromkeys(self._nearest_keys(variant, limit)))
        # The hundred or so scores of one word, in one call per family (`FontChannel.scores`).
        forms, by_key = self.inv.forms, self.inv.by_key
        todo = list(dict.fromkeys(i for match in matches for i in by_key[match][:FORMS_PER_KEY] if i not in found))
        intended = [forms[i] for i in todo]
        is_syllable = observed in self.inv
        if len(self.fonts) == 1:  # one family (the text's, `for_text`): its score is the max
            found.update(zip(todo, self.fonts[0].scores(intended, observed, is_syllable), strict=True))
        else:
            by_font = [f.scores(intended, observed, is_syllable) for f in self.fonts]
            found.update(zip(todo, map(max, zip(*by_font, strict=True)), strict=True))
        # Most probable first without context: channel times how common the syllable is.
        ranked = sorted(found.items(), key=lambda kv: -(kv[1] + math.log(self.inv.counts[kv[0]])))
        return ranked[:PROPOSED]


def _edit_limit(key: str) -> int:
    """Edits a printed word's key may be from the keys of its readings."""
    return 1 if len(key) <= 2 else 2 if len(key) <= 5 else 3


def _nearest(distances: npt.NDArray[np.int8], limit: int, keys: Sequence[str]) -> list[str]:
    """The KEYS_SEARCHED keys nearest a query within `limit` edits, from its distances to every
    key: as rapidfuzz's `extract` ranks them, by distance and, among equals, by their order."""
    within = np.flatnonzero(distances <= limit)
    ranked = within[np.argsort(distances[within], kind="stable")[:KEYS_SEARCHED]]
    return [keys[i] for i in ranked.tolist()]


@cache
def load_ocr() -> OcrModel | None:
    data = data_bytes("ocr_channel.json")
    if data is None:
        return None
    return OcrModel.from_json(json.loads(data.decode("utf-8")), load_inventory(), load_readings())


def char_events(intended: str, observed: str) -> list[tuple[str, str]]:
    """(intended char, what OCR printed for it) along one minimal alignment: a string of any
    length, characters OCR inserted going with the intended character they stand before (the last
    one for insertions at the end): "chức" → "chirc" gives ("ứ", "ir"), "cứ" → "ctt" ("ứ", "tt"),
    "ủy" → "y" ("ủ", ""). Shared by learning and scoring."""
    if not intended:
        return [("", observed)] if observed else []
    return list(zip(intended, printed_for(intended, observed), strict=True))


def printed_for(intended: str, observed: str) -> list[str]:
    """What OCR printed for each character of `intended` (not empty): the second halves of
    `char_events`."""
    if intended == observed:  # printed as intended: the common case for the word's own reading
        return list(intended)
    printed = list(intended)
    before: dict[int, list[str]] = {}
    ops = cast("list[tuple[str, int, int]]", Levenshtein.editops(intended, observed).as_list())
    for tag, src, dest in ops:  # as plain tuples: a third faster than Editop objects
        if tag == "replace":
            printed[src] = observed[dest]
        elif tag == "delete":
            printed[src] = ""
        else:
            before.setdefault(src, []).append(observed[dest])
    if len(intended) in before:  # inserted after the last character
        printed[-1] += "".join(before.pop(len(intended)))
    for i, inserted in before.items():
        printed[i] = "".join(inserted) + printed[i]
    return printed
