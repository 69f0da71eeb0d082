"""Place names: the administrative units of Vietnam (data/gazetteer.tsv, see DATA.md).

The language model knows few of the ~7,500 commune, ward, district and province names, so a
stripped or garbled name comes out as common words ("Bén Tim" → "Bốn Năm", "Chi Linh" → "Chỉ
Định"). Before decoding, a run of two to four capitalised words whose unmarked keys spell a name
of the gazetteer — exactly for stripped text; for English-OCR text, through the OCR channel
(folded key, the word's candidates, or a key one edit away) with every syllable plausible — is
fixed to that name, and a unit word just before it ("phuong", "xa", "thi tran") to the kind of
unit the name is ("phường Bến Tắm"). Good text is never touched.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import product

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from khparse.fold import fold
from khparse.repair.data import data_bytes
from khparse.repair.marks import mark_changes
from khparse.repair.normalize import nfc, strip_marks
from khparse.repair.vocab import lm_form

MAX_WORDS = 4
MAX_KEYS = 6  # readings tried per garbled word
# Words whose near keys a gazetteer keeps (`Gazetteer.search`), and queries searched at once.
_NEAR_KEPT = 16384
_SEARCH_CHUNK = 2000
# A garbled word read as a name's syllable: at least this likely to have printed as OCR gave it,
# and at most this much less likely than the word's likeliest reading ("Tim" may be "Tắm", whose
# ắ tesseract reads as i; "Ban" is not "An", nor "Nam" "Am" or "Lâm").
LOG_MIN_SYLLABLE = math.log(1e-3)
LOG_MAX_DROP = math.log(1e-2)
UNIT_WORDS = {
    ("phuong",): "phường",
    ("xa",): "xã",
    ("huyen",): "huyện",
    ("tinh",): "tỉnh",
    ("quan",): "quận",
    ("thi", "xa"): "thị xã",
    ("thi", "tran"): "thị trấn",
    ("thanh", "pho"): "thành phố",
    ("dac", "khu"): "đặc khu",
}


@dataclass(frozen=True)
class Place:
    syllables: tuple[str, ...]  # model forms: lower case, classic tone placement
    key: tuple[str, ...]  # the syllables without marks
    kinds: frozenset[str]
    units: int


class _Forms(dict[str, tuple[str, str]]):
    """A name's syllable as written → (model form, key), each worked out when first asked for: a
    text asks for a few dozen of the 2,000 (normalising them all cost ~20 ms of every start that
    repairs)."""

    def __init__(self, words: frozenset[str]) -> None:
        super().__init__()
        self.words = words

    def __missing__(self, word: str) -> tuple[str, str]:
        if word not in self.words:
            raise KeyError(word)
        form = lm_form(word)
        self[word] = found = (form, strip_marks(form))
        return found


@dataclass(frozen=True, eq=False)  # hashed by identity, for the caches below
class Gazetteer:
    """The names, indexed by the keys of their first two syllables. Loaded on every start that
    repairs, so a name's line is only filed at load; its Place is built when a text asks for its
    first two syllables (a few hundred of the 11,000 names), and a syllable is normalised when a
    Place first needs it."""

    rows_by_pair: dict[tuple[str, str], list[str]]  # first two syllables' keys → lines
    forms: dict[str, tuple[str, str]]  # a name's syllable as written → (model form, key)
    syllable_keys: tuple[str, ...]

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> Gazetteer:
        rows = [line for line in lines if line and not line.startswith("#")]
        names = "\n".join(row.split("\t", 1)[0] for row in rows)
        # The keys of every name at once: a syllable's key, strip_marks(lm_form(w)), is that of
        # nfc(w.lower()) wherever the tone is placed (tests/test_repair_speed.py checks the file).
        keys = strip_marks(nfc(names.lower())).split("\n")
        grouped: dict[tuple[str, str], list[str]] = {}
        for key, row in zip(keys, rows, strict=True):
            first, second = key.split(maxsplit=2)[:2]  # every name has two syllables or more
            grouped.setdefault((first, second), []).append(row)
        syllable_keys = tuple(sorted(set(" ".join(keys).split())))
        return cls(grouped, _Forms(frozenset(names.split())), syllable_keys)

    def starts(self, first: frozenset[str], second: frozenset[str]) -> list[Place]:
        """Places whose first two syllables' keys are among these. (A garbled word has a dozen
        keys or more and most pairs of them name nothing: those are passed over.)"""
        rows = self.rows_by_pair
        return [p for a in first for b in second if (a, b) in rows for p in self._places(a, b)]

    @lru_cache(maxsize=16384)  # noqa: B019 - one gazetteer per process
    def _places(self, first: str, second: str) -> tuple[Place, ...]:
        out = []
        for row in self.rows_by_pair.get((first, second), ()):
            name, kinds, units = row.split("\t")
            words = name.split()
            out.append(Place(tuple(self.forms[w][0] for w in words), tuple(self.forms[w][1] for w in words),
                             frozenset(kinds.split(",")), int(units)))
        return tuple(out)

    def near_keys(self, key: str) -> tuple[str, ...]:
        """Syllable keys of the gazetteer one edit from `key` (for OCR-garbled words), nearest
        first, then in their order."""
        if len(key) < 3:
            return ()
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = tuple(match for match, _, _ in process.extract(
                key, self.syllable_keys, scorer=Levenshtein.distance, score_cutoff=1, limit=MAX_KEYS))
        return found

    def search(self, keys: Iterable[str]) -> None:
        """`near_keys` of all these keys found at once: rapidfuzz's `extract` prepares the
        2,000 syllable keys on every call (~35 us, most of the search), `cdist` once for all."""
        near = self._near
        if len(near) > _NEAR_KEPT:
            near.clear()
        todo = list(dict.fromkeys(k for k in keys if len(k) >= 3 and k not in near))
        for start in range(0, len(todo), _SEARCH_CHUNK):  # bounded memory: queries × keys bytes
            chunk = todo[start : start + _SEARCH_CHUNK]
            distances = process.cdist(chunk, self.syllable_keys, scorer=Levenshtein.distance,
                                      score_cutoff=1, dtype=np.int8)
            for key, row in zip(chunk, distances, strict=True):
                within = np.flatnonzero(row <= 1)  # as `extract` ranks them: distance, then order
                ranked = within[np.argsort(row[within], kind="stable")[:MAX_KEYS]]
                near[key] = tuple(self.syllable_keys[i] for i in ranked.tolist())

    @cached_property
    def _near(self) -> dict[str, tuple[str, ...]]:
        return {}


@cache
def load_gazetteer() -> Gazetteer | None:
    data = data_bytes("gazetteer.tsv")
    if data is None:
        return None
    return Gazetteer.from_lines(data.decode("utf-8").splitlines())


@dataclass(frozen=True)
class PlaceMatch:
    start: int  # first word of the name in the phrase
    place: Place
    unit: tuple[int, str] | None  # first word and text of the unit word before it, if any
    scores: tuple[float, ...]  # channel log-probability of each syllable


# Scores one observed word (as written) against one intended syllable (model form), log P.
Channel = Callable[[str, str], float]


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and any(c.isalpha() for c in word)


def find_places(
    words: Sequence[str], exact: Sequence[frozenset[str]], wide: Sequence[frozenset[str]],
    floors: Sequence[float], channel: Channel, gaz: Gazetteer,
) -> list[PlaceMatch]:
    """Place names in a phrase. After a unit word ("phuong", "thanh pho") a name is read through
    `wide[i]`, every unmarked reading tried for words[i], and must be of that kind of unit;
    elsewhere only through `exact[i]`, the word's own key, and only as a whole capitalised run
    not in capitals. A name's syllable must score at least `floors[i]` under `channel` as
    words[i]."""
    found: list[PlaceMatch] = []
    i = 0
    while i < len(words):
        match = None
        if (_capitalised(words[i]) and i + 1 < len(words) and _capitalised(words[i + 1])
                and gaz.starts(wide[i], wide[i + 1])):
            unit = _unit_before(wide, i)
            match = _best(words, wide, floors, i, channel, gaz, unit[1]) if unit else None
            if match is None:  # no unit word, or no name of its kind: the word's own keys only
                unit = None
                match = _best(words, exact, floors, i, channel, gaz, None)
            if match is not None and (unit or _alone(words, i, len(match[0].syllables))):
                found.append(PlaceMatch(i, match[0], unit, match[1]))
            else:
                match = None
        i += len(match[0].syllables) if match else 1
    return found


def _alone(words: Sequence[str], i: int, n: int) -> bool:
    """Whether words[i:i+n] is a whole run of capitalised words, not in capitals ("UY BAN NHAN
    DAN PHUONG" holds "Đan Phượng"; "Bén Tam, ngày" is a name)."""
    if any(len(w) > 1 and w.isupper() for w in words[i : i + n]):
        return False
    before = i > 0 and _capitalised(words[i - 1])
    after = i + n < len(words) and _capitalised(words[i + n])
    return not before and not after


def _best(words: Sequence[str], keys: Sequence[frozenset[str]], floors: Sequence[float], i: int,
          channel: Channel, gaz: Gazetteer,
          kind: str | None) -> tuple[Place, tuple[float, ...]] | None:
    """The longest, then likeliest, name starting at word i (of the given kind)."""
    run = 1
    while run < MAX_WORDS and i + run < len(words) and _capitalised(words[i + run]):
        run += 1
    if run < 2:
        return None
    best: tuple[int, float, Place, tuple[float, ...]] | None = None
    for place in gaz.starts(keys[i], keys[i + 1]):
        n = len(place.key)
        if n > run or (kind and kind not in place.kinds):
            continue
        if not all(place.key[j] in keys[i + j] for j in range(2, n)):
            continue
        scores = tuple(channel(words[i + j], place.syllables[j]) for j in range(n))
        if any(score < floors[i + j] for j, score in enumerate(scores)):
            continue
        rank = (n, sum(scores) + math.log(place.units), place, scores)
        if best is None or rank[:2] > best[:2]:
            best = rank
    return (best[2], best[3]) if best else None


def _unit_before(keys: Sequence[frozenset[str]], i: int) -> tuple[int, str] | None:
    for n in (2, 1):
        if i - n < 0:
            continue
        for combo in product(*[sorted(k) for k in keys[i - n : i]]):
            unit = UNIT_WORDS.get(combo)
            if unit is not None:
                return i - n, unit
    return None


# Person names ("Poan Van Nam" Đoàn Văn Nam, "NGUYEN THI HA"): a capitalised run of three or four
# words whose first is a common surname and whose second is the middle name Văn or Thị gets those
# two written as such; the given name is left to the language model.
SURNAMES = {
    "nguyen": "nguyễn", "tran": "trần", "le": "lê", "pham": "phạm", "hoang": "hoàng",
    "huynh": "huỳnh", "phan": "phan", "vu": "vũ", "vo": "võ", "dang": "đặng", "bui": "bùi",
    "do": "đỗ", "ho": "hồ", "ngo": "ngô", "duong": "dương", "ly": "lý", "doan": "đoàn",
    "dinh": "đinh", "truong": "trương", "luong": "lương", "trinh": "trịnh", "mai": "mai",
    "cao": "cao", "lam": "lâm", "ta": "tạ", "quach": "quách", "tong": "tống", "kieu": "kiều",
}
MIDDLE = {"van": "văn", "thi": "thị"}


_SURNAME_KEYS = frozenset(SURNAMES)


def find_person(words: Sequence[str], keys: Sequence[frozenset[str]], i: int) -> tuple[str, str] | None:
    """Surname and middle name of a person name starting at word i, if it looks like one."""
    if i + 2 >= len(words) or keys[i].isdisjoint(_SURNAME_KEYS):
        return None
    if not all(_capitalised(w) for w in words[i : i + 3]):
        return None
    surname = next((SURNAMES[k] for k in sorted(keys[i]) if k in SURNAMES), None)
    middle = next((MIDDLE[k] for k in sorted(keys[i + 1]) if k in MIDDLE), None)
    return (surname, middle) if surname and middle else None


# After the name of a council or committee a unit word is the level it sits at: "UBND phuong"
# is "UBND phường", never "phương"; "HĐND tinh" is "tỉnh", not "tính".
BODIES = frozenset(("UBND", "HĐND", "HDND", "UBMTTQ", "MTTQ", "BCĐ", "BCD"))
UNIT_AFTER_BODY = frozenset(("phường", "xã", "huyện", "tỉnh", "quận"))
# Two-word units after a body ("UBND thị trấn", "HĐND thành phố"): "UBND thi tran" is not "thì tràn".
UNITS2_AFTER_BODY = (("thị", "trấn"), ("thị", "xã"), ("thành", "phố"))


def unit_after_body(previous: str, forms: Sequence[str | None]) -> str | None:
    if previous not in BODIES:
        return None
    return next((f for f in forms if f in UNIT_AFTER_BODY), None)


def unit2_after_body(previous: str, first: Sequence[str | None],
                     second: Sequence[str | None]) -> tuple[str, str] | None:
    """The two-word unit the two words after a body can be read as, if any."""
    if previous not in BODIES:
        return None
    return next((u for u in UNITS2_AFTER_BODY if u[0] in first and u[1] in second), None)


def floor(channel: Sequence[float], garbled: bool) -> float:
    """The least score a name's syllable may have as a word whose candidates score `channel`."""
    if not garbled:
        return -1.0  # the stripped channel says 0 or -inf
    return max(LOG_MIN_SYLLABLE, max(channel, default=0.0) + LOG_MAX_DROP)


@lru_cache(maxsize=65536)
def stripped_channel(word: str, syllable: str) -> float:
    """Marks may be lost, not changed: 0 when `word` is `syllable` with marks lost, else -inf."""
    _, _, wrong = mark_changes(lm_form(word), syllable)
    return 0.0 if wrong == 0 and strip_marks(lm_form(word)) == strip_marks(syllable) else -math.inf


def near_searched(word: str) -> str | None:
    """The key whose near keys `word_keys` looks up for a garbled word, if it does."""
    return fold(word) if _searches_near(word) else None


def _searches_near(word: str) -> bool:
    """Whether `word_keys` looks up the near keys of a garbled word: not for a word in capitals,
    whose marks OCR drops, and little else."""
    return not (len(word) > 1 and word.isupper())


def word_keys(word: str, forms: Sequence[str | None], gaz: Gazetteer,
              garbled: bool) -> tuple[frozenset[str], frozenset[str]]:
    """Unmarked readings of a word: exact (its own key; for OCR text also its folded key) and
    wide (for OCR text also its candidates' keys and gazetteer keys one edit away)."""
    own = strip_marks(lm_form(word))
    if not garbled:
        return frozenset((own,)), frozenset((own,))
    folded = fold(word)
    exact = frozenset((own, folded))
    if not _searches_near(word):
        return exact, exact
    wide = {own, folded, *(strip_marks(f) for f in forms if f)}
    wide.update(gaz.near_keys(folded))
    return exact, frozenset(wide)
