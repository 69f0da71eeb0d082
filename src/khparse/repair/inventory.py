"""The syllable inventory shipped in data/syllables.tsv, and the questions asked of it.

The inventory is every syllable-shaped word seen at least three times in the training corpus (see
DATA.md), most frequent first, with how often it was capitalised inside a sentence; a syllable's
position + 5 is its id in the language model (ids 0–4 are <s>, </s>, <o>, <num>, <c>). Lookups go
through `lm_form`, so case and tone placement do not matter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from khparse.repair.normalize import strip_marks
from khparse.repair.phonology import is_syllable_shape
from khparse.repair.vocab import SPECIALS, lm_form


@dataclass(frozen=True)
class Inventory:
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
        for i, key in enumerate(map(strip_marks, forms[first:]), start=first):  # most frequent first
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


@cache
def load_inventory() -> Inventory:
    text = resources.files("khparse").joinpath("data", "syllables.tsv").read_text(encoding="utf-8")
    return Inventory.from_lines(text.splitlines())


def is_vietnamese_syllable(word: str) -> bool:
    """True when `word` is a syllable of the inventory (any case, either tone convention)."""
    try:
        return word in load_inventory()
    except FileNotFoundError:  # data not built: fall back to the shape rules
        return is_syllable_shape(word)
