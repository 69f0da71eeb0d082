"""The syllable inventory shipped in data/syllables.tsv, and the questions asked of it.

The inventory is every syllable-shaped word seen at least three times in the training corpus (see
DATA.md), most frequent first, with how often it was capitalised inside a sentence; a syllable's
position + 5 is its id in the language model (ids 0–4 are <s>, </s>, <o>, <num>, <c>). Lookups go
through `lm_form`, so case and tone placement do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from khparse import startup_cache
from khparse.repair.normalize import strip_marks
from khparse.repair.phonology import is_syllable_shape
from khparse.repair.vocab import SPECIALS, lm_form


@dataclass(frozen=True)
class Inventory:
    """The syllable inventory by id (form, count, how often capitalised), and its lookups."""

    forms: tuple[str, ...]  # by id; the first five are the special tokens
    counts: tuple[int, ...]
    ids: dict[str, int] = field(repr=False)
    # Stripped key ("tuyen") → ids of its accented forms, most frequent first.
    by_key: dict[str, tuple[int, ...]] = field(repr=False)
    # How often each syllable was capitalised inside a sentence (a name: "Việt", "Bắc").
    capitalised: tuple[int, ...] = ()

    @classmethod
    def from_lines(cls, lines: list[str]) -> Inventory:
        # Built on every start that judges a text's quality: whole-list operations, not a loop.
        rows = [line.split("\t") for line in lines]
        forms = [*SPECIALS, *(row[0] for row in rows)]
        counts = [0] * len(SPECIALS) + [int(row[1]) for row in rows]
        capitalised = [0] * len(SPECIALS) + [int(row[2]) if len(row) > 2 else 0 for row in rows]
        ids = {form: i for i, form in enumerate(forms)}
        grouped: dict[str, list[int]] = {}
        first = len(SPECIALS)
        # One strip_marks of all the forms (a character for a character: the lines stay aligned).
        keys = strip_marks("\n".join(forms[first:])).split("\n")
        for i, key in enumerate(keys, start=first):  # most frequent first
            group = grouped.get(key)
            if group is None:
                grouped[key] = [i]
            else:
                group.append(i)
        by_key = {key: tuple(group) for key, group in grouped.items()}
        return cls(tuple(forms), tuple(counts), ids, by_key, tuple(capitalised))

    def id_of(self, word: str) -> int | None:
        return self.ids.get(lm_form(word))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and lm_form(word) in self.ids


_FILE = Path(__file__).parent.parent / "data" / "syllables.tsv"


def _inventory_data() -> bytes:
    # Read where it lies in a package installed as files (as pip installs it); pkgutil for any
    # other (zipped), imported only then (with weakref: ~0.8 ms a start). Not importlib.resources:
    # its readers, tempfile, shutil and the compressors cost ~7 ms a start.
    try:
        return _FILE.read_bytes()
    except OSError:
        import pkgutil

        data = pkgutil.get_data("khparse", "data/syllables.tsv")
    if data is None:  # a loader that cannot read data: as if the file were missing
        raise FileNotFoundError("khparse/data/syllables.tsv")
    return data


def _inventory_text() -> str:
    return _inventory_data().decode("utf-8")


@cache
def load_inventory() -> Inventory:
    return Inventory.from_lines(_inventory_text().splitlines())


@dataclass(frozen=True)
class Syllables:
    """What judging a text's quality asks of the inventory, and no more: whether a form has an id
    (`Inventory.ids`, the special tokens included) and whether a stripped key has accented forms
    (`Inventory.by_key`)."""

    forms: frozenset[str]
    keys: frozenset[str]


@cache
def load_syllables() -> Syllables:
    """The inventory's forms and keys as sets. Every extract judges its pages' quality, and few
    repair them: building the whole Inventory (ids, counts, each key's forms in order) cost ~15 ms a
    start, these two sets ~4 ms (the first column of the file, and one strip_marks of it all)."""
    if load_inventory.cache_info().currsize:  # the inventory is built already (repair ran)
        inv = load_inventory()
        return Syllables(frozenset(inv.ids), frozenset(inv.by_key))
    data = _inventory_data()
    # On the command line the two sets are kept between runs (startup_cache.kept: ~1 ms, not ~3).
    forms, keys = startup_cache.kept("syllable sets", data, lambda: _syllable_sets(data.decode("utf-8")))
    return Syllables(forms, keys)


def _syllable_sets(text: str) -> tuple[frozenset[str], frozenset[str]]:
    forms = [line.split("\t", 1)[0] for line in text.splitlines()]
    keys = strip_marks("\n".join(forms)).split("\n")  # one character for one: the lines stay aligned
    return frozenset((*SPECIALS, *forms)), frozenset(keys)


def is_vietnamese_syllable(word: str) -> bool:
    """True when `word` is a syllable of the inventory (any case, either tone convention)."""
    try:  # the sets, not the whole Inventory: header_zone asks this of a plan's header words
        return lm_form(word) in load_syllables().forms
    except FileNotFoundError:  # data not built: fall back to the shape rules
        return is_syllable_shape(word)
