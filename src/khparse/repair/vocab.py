"""How a text becomes language-model tokens: one function for the corpus build and for repair.

A word is lower-cased, put in NFC with classic tone placement, and looked up in the syllable
inventory; numbers become <num>, anything else (acronyms, foreign words, codes) becomes <o>.
Punctuation and line ends close a phrase (<s> … </s>).
"""

from __future__ import annotations

from collections.abc import Iterator

from khparse.repair.normalize import normalize_syllable
from khparse.repair.tokens import breaks_phrase, split_line

BOS, EOS, OTHER, NUM = 0, 1, 2, 3
SPECIALS = ("<s>", "</s>", "<o>", "<num>")


def lm_form(word: str) -> str:
    """The key a word has in the inventory and the model: lower case, NFC, classic tones."""
    return normalize_syllable(word.lower())


def phrases(line: str) -> Iterator[list[str]]:
    """Runs of word keys between punctuation; "<o>"/"<num>" stand for kept and non-word tokens."""
    current: list[str] = []
    for span in split_line(line):
        if span.kind == "sep":
            if breaks_phrase(span.text) and current:
                yield current
                current = []
        elif span.kind == "keep":
            current.append("<num>" if any(c.isdigit() for c in span.text) else "<o>")
        elif span.text.isdigit():
            current.append("<num>")
        else:
            current.append(lm_form(span.text))
    if current:
        yield current
