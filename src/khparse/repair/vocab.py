"""How a text becomes language-model tokens: one function for the corpus build and for repair.

A word is lower-cased, put in NFC with classic tone placement, and looked up in the syllable
inventory; numbers become <num>, anything else (acronyms, foreign words, codes) becomes <o>.
Punctuation and line ends close a phrase (<s> … </s>), except a comma, which stays in it as <c>.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from khparse.repair.normalize import normalize_syllable
from khparse.repair.tokens import breaks_phrase, is_comma, split_line

BOS, EOS, OTHER, NUM, COMMA = 0, 1, 2, 3, 4
SPECIALS = ("<s>", "</s>", "<o>", "<num>", "<c>")


@lru_cache(maxsize=262144)
def lm_form(word: str) -> str:
    """The key a word has in the inventory and the model: lower case, NFC, classic tones."""
    return normalize_syllable(word.lower())


_SENTENCE_END = frozenset(".!?:…")


def ends_sentence(sep: str) -> bool:
    """Whether a word after this separator may be capitalised for starting a sentence or item."""
    return not _SENTENCE_END.isdisjoint(sep)


def is_capitalised(word: str) -> bool:
    """"Bắc", "Việt": a capital then small letters (not "UBND", not "iPhone")."""
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def phrases(line: str, capitalised: Counter[str] | None = None) -> Iterator[list[str]]:
    """Runs of word keys between punctuation; "<o>"/"<num>" stand for kept and non-word tokens.
    `capitalised` counts the keys of words capitalised inside a sentence (names: "Việt", "Bắc")."""
    current: list[str] = []
    inside = False  # a word of the line's current sentence has been seen
    for span in split_line(line):
        if span.kind == "sep":
            if breaks_phrase(span.text) and current:
                yield current
                current = []
            elif is_comma(span.text) and current:
                current.append("<c>")
            if ends_sentence(span.text):
                inside = False
        elif span.kind == "keep":
            current.append("<num>" if any(c.isdigit() for c in span.text) else "<o>")
        elif span.text.isdigit():
            current.append("<num>")
        else:
            form = lm_form(span.text)
            current.append(form)
            if capitalised is not None and inside and is_capitalised(span.text):
                capitalised[form] += 1
            inside = True
    if current:
        yield current
