"""repair_text: the noisy-channel restorer, from text to repaired text line by line.

Recipe: judge the text (quality.py) → cut every line into spans (tokens.py) → candidates per word
(candidates.py) → phrases decoded with the n-gram model (decode.py) → each chosen syllable written
back with the word's capitalisation and the text's tone convention. A phrase runs across a line
break when no punctuation ends the line, since plans wrap sentences over lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from khparse.repair.candidates import Candidates, OcrChannel, candidates
from khparse.repair.decode import decode
from khparse.repair.inventory import Inventory, load_inventory
from khparse.repair.lm import NgramLM
from khparse.repair.marks import lost_rate
from khparse.repair.normalize import Style, detect_style, nfc, place_tone
from khparse.repair.ocr import load_ocr
from khparse.repair.quality import Quality, words_quality
from khparse.repair.tokens import breaks_phrase, restore_acronyms, split_line


@dataclass(frozen=True)
class RepairedToken:
    line: int  # 0-based line of the input
    column: int  # offset of the word in its line
    original: str
    text: str
    confidence: float  # probability the model gives its choice, 1.0 when there was no choice


@dataclass(frozen=True)
class RepairResult:
    text: str
    original: str
    quality: Quality
    tokens: tuple[RepairedToken, ...]

    @property
    def changed(self) -> tuple[RepairedToken, ...]:
        return tuple(t for t in self.tokens if t.text != t.original)


@cache
def load_lm() -> NgramLM:
    with resources.as_file(resources.files("khparse").joinpath("data", "lm.npz")) as path:
        return NgramLM.load(path)


def match_case(form: str, like: str) -> str:
    letters = [c for c in like if c.isalpha()]
    # Mostly capitals is a capitalised word that OCR garbled ("PiCH" ĐÍCH).
    if len(letters) > 1 and 2 * sum(c.isupper() for c in letters) > len(letters):
        return form.upper()
    if like[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


@dataclass
class _Word:
    line: int
    column: int
    text: str
    cands: Candidates


def _render(word: _Word, pick: int, style: Style, good: bool) -> str:
    form = word.cands.forms[pick]
    if form is None:  # kept as written; in a damaged text an acronym gets its Đ back
        return restore_acronyms(word.text) if word.text.isupper() and not good else word.text
    if form == nfc(word.text).lower() or form == place_tone(nfc(word.text).lower()):
        return word.text
    return match_case(place_tone(form, style), word.text)


def repair_text(text: str, ocr: OcrChannel | None = None) -> RepairResult:
    """Repair stripped or OCR-garbled Vietnamese; output line i is the repair of input line i."""
    inv: Inventory = load_inventory()
    lm = load_lm()
    lines = text.split("\n")
    spans = [split_line(line) for line in lines]
    all_words = [s.text for line_spans in spans for s in line_spans if s.kind == "word"]
    quality = words_quality(all_words)
    p_lost = lost_rate(quality.marked)
    channel = (ocr or load_ocr()) if quality.verdict == "garbled" else None
    cache: dict[str, Candidates] = {}  # plans repeat their words; candidates depend on the word only
    pieces: list[list[str]] = []
    phrases: list[list[tuple[int, int]]] = [[]]  # (line, piece index) of each word
    words: dict[tuple[int, int], _Word] = {}
    for li, line in enumerate(lines):
        out: list[str] = []
        column = 0
        for span in spans[li]:
            if span.kind == "word":
                cands = cache.get(span.text) or cache.setdefault(
                    span.text, candidates(span.text, inv, p_lost, channel)
                )
                words[(li, len(out))] = _Word(li, column, span.text, cands)
                phrases[-1].append((li, len(out)))
            elif span.kind == "keep" or breaks_phrase(span.text):
                phrases.append([])
            out.append(span.text)
            column += len(span.text)
        if not line.strip():
            phrases.append([])
        pieces.append(out)
    style = detect_style(all_words)
    tokens = []
    phrases = [p for p in phrases if p]
    decoded = decode(lm, [[words[key].cands.choice for key in phrase] for phrase in phrases])
    for phrase, (picked, conf) in zip(phrases, decoded, strict=True):
        for key, pick, c in zip(phrase, picked, conf, strict=True):
            word = words[key]
            new = _render(word, pick, style, quality.verdict == "good")
            pieces[key[0]][key[1]] = new
            tokens.append(RepairedToken(word.line, word.column, word.text, new, c))
    tokens.sort(key=lambda t: (t.line, t.column))
    repaired = "\n".join("".join(p) for p in pieces)
    return RepairResult(repaired, text, quality, tuple(tokens))
