"""repair_text: the noisy-channel restorer, from text to repaired text line by line.

Recipe: judge the text (quality.py) → cut every line into spans (tokens.py) → candidates per word
(candidates.py; for OCR text with the channel of the family of faces it was printed in, ocr.py),
a capitalised word inside a sentence weighted towards the readings names take → place names,
unit words and person names from the gazetteer (gazetteer.py) → phrases decoded with the n-gram
model (decode.py) → each chosen syllable written back with the word's capitalisation and the
text's tone convention. A phrase runs across a line break when no punctuation ends the line,
since plans wrap sentences over lines; kept spans (numbers, symbols) stay in their phrase as
<num> or <o>, as the model was counted.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np

from khparse.repair.candidates import MAX_K, MAX_K_OCR, Candidates, OcrChannel, asks_ocr, candidates
from khparse.repair.data import load_data_file
from khparse.repair.decode import Choice, decode
from khparse.repair.gazetteer import (
    BODIES,
    UNIT_AFTER_BODY,
    Gazetteer,
    find_person,
    find_places,
    floor,
    load_gazetteer,
    near_searched,
    stripped_channel,
    unit2_after_body,
    unit_after_body,
    word_keys,
)
from khparse.repair.inventory import Inventory, load_inventory
from khparse.repair.lm import NgramLM
from khparse.repair.marks import lost_rate
from khparse.repair.normalize import detect_style
from khparse.repair.ocr import OcrModel, load_ocr
from khparse.repair.quality import Quality, words_quality
from khparse.repair.render import OcrContext, looks_capital, render
from khparse.repair.tokens import Span, breaks_phrase, is_comma, ocr_spans, split_line
from khparse.repair.vocab import COMMA, NUM, OTHER, ends_sentence, is_capitalised, lm_form


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


# A gazetteer name read where no unit word announces it ("Bén Tam, ngày 04"; "Thành ủy Chi
# Linh") is offered to the decoder with this much extra log-probability per syllable: the model
# has rarely seen the name, but a proper name that is also a common phrase keeps its reading.
LOG_PLACE_BONUS = math.log(30)
# A unit word that named a place in the text ("phường Bến Tắm") is this much likelier wherever
# else the text may say it.
LOG_UNIT_BONUS = math.log(30)
# In OCR output the printed word says less ("phudng" is phường or phương), so the document's own
# unit counts for more.
LOG_UNIT_BONUS_OCR = math.log(300)
# Weight of the capitalised-inside-a-sentence prior (`_as_name`) against the model.
NAME_WEIGHT = 0.5


@cache
def load_lm() -> NgramLM:
    lm = load_data_file("lm.npz", NgramLM.load)
    if lm is None:
        raise FileNotFoundError("khparse/data/lm.npz")
    return lm


def _as_name(cands: Candidates, inv: Inventory) -> Candidates:
    """Readings of a word capitalised inside a sentence, weighted by how often each was so
    capitalised in the corpus: "Viet" there is "Việt", not "Viết"; "Bac" "Bắc", not "Bác"."""
    ids = cands.choice.ids
    caps = np.array([inv.capitalised[i] if i < len(inv.capitalised) else 0 for i in ids.tolist()],
                    dtype=np.float64)
    if caps.sum() == 0:
        return cands
    share = np.log((caps + 0.5) / (caps.sum() + 0.5 * len(caps)))
    known = np.array([f is not None for f in cands.forms])
    prior = np.where(known, NAME_WEIGHT * share, 0.0)
    return Candidates(Choice(ids, cands.choice.channel + prior), cands.forms)


_KEEP_NUM = Candidates(Choice(np.array([NUM]), np.zeros(1)), (None,))
_KEEP_OTHER = Candidates(Choice(np.array([OTHER]), np.zeros(1)), (None,))
_COMMA = Candidates(Choice(np.array([COMMA]), np.zeros(1)), (None,))


def _forced(syllable: str, inv: Inventory) -> Candidates:
    """The one reading a word may take: `syllable` (a model form)."""
    ident = inv.ids.get(syllable, OTHER)
    return Candidates(Choice(np.array([ident]), np.zeros(1)), (syllable,))


def _boosted(cands: Candidates, syllable: str, logp: float, inv: Inventory,
             room: int) -> Candidates:
    """`cands` with `syllable` among them, its channel log-probability raised to `logp` + bonus."""
    forms = list(cands.forms)
    ids = cands.choice.ids.tolist()
    channel = cands.choice.channel.tolist()
    score = logp + LOG_PLACE_BONUS
    if syllable in forms:
        k = forms.index(syllable)
        channel[k] = max(channel[k], score)
    else:
        if len(ids) >= room:  # drop the least likely syllable reading (the last one listed)
            k = max(i for i, f in enumerate(forms) if f is not None)
            del forms[k], ids[k], channel[k]
        forms.append(syllable)
        ids.append(inv.ids.get(syllable, OTHER))
        channel.append(score)
    return Candidates(Choice(np.array(ids, dtype=np.int64), np.array(channel)), tuple(forms))


def _fix_places(phrases: list[list[int]], texts: list[str], cands: list[Candidates],
                inv: Inventory, gaz: Gazetteer, ocr: OcrChannel | None) -> None:
    """Gazetteer names: after a unit word, the name (and the unit word) are fixed; elsewhere the
    name's reading is offered to the decoder with a bonus. Person names get their surname and
    middle name; a unit word after UBND, HĐND is that unit."""
    garbled = ocr is not None
    room = MAX_K_OCR if garbled else MAX_K  # candidates a word may have

    def channel(word: str, syllable: str) -> float:
        plain = stripped_channel(word, syllable)
        if ocr is None or (len(word) > 1 and word.isupper()):  # OCR drops the marks of capitals
            return plain
        return max(plain, ocr.score(syllable, word.lower()))

    keys_of: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    if garbled:  # the gazetteer keys near the words names may be, searched at once
        named = {texts[w] for phrase in phrases if sum(texts[w][:1].isupper() for w in phrase) >= 2 for w in phrase}
        gaz.search(key for key in map(near_searched, named) if key is not None)
    units: set[str] = set()  # one-word units that named a place ("phường Bến Tắm")
    for phrase in phrases:
        for i, (prev, w) in enumerate(pairwise(phrase)):
            if texts[prev] in BODIES:
                unit = unit_after_body(texts[prev], cands[w].forms)
                if unit is not None:
                    cands[w] = _forced(unit, inv)
                elif i + 2 < len(phrase):
                    unit2 = unit2_after_body(texts[prev], cands[w].forms,
                                             cands[phrase[i + 2]].forms)
                    if unit2 is not None:
                        cands[w], cands[phrase[i + 2]] = (_forced(u, inv) for u in unit2)
        if sum(texts[w][:1].isupper() for w in phrase) < 2:
            continue
        words = [texts[w] for w in phrase]
        keys = []
        for w in phrase:
            k = keys_of.get(texts[w])
            if k is None:
                k = keys_of[texts[w]] = word_keys(texts[w], cands[w].forms, gaz, garbled)
            keys.append(k)
        exact, wide = [k[0] for k in keys], [k[1] for k in keys]
        floors = ([floor(cands[w].choice.channel.tolist(), garbled) for w in phrase] if garbled
                  else [floor([], garbled)] * len(phrase))
        for match in find_places(words, exact, wide, floors, channel, gaz):
            for j, syllable in enumerate(match.place.syllables):
                w = phrase[match.start + j]
                if match.unit is not None:
                    cands[w] = _forced(syllable, inv)
                else:
                    cands[w] = _boosted(cands[w], syllable, match.scores[j], inv, room)
            if match.unit is not None:
                first, unit = match.unit
                units.add(unit)
                for j, syllable in enumerate(unit.split()):
                    cands[phrase[first + j]] = _forced(lm_form(syllable), inv)
        for i in range(len(phrase) - 2):
            person = find_person(words, exact, i)
            if person is not None:
                cands[phrase[i]], cands[phrase[i + 1]] = (_forced(p, inv) for p in person)
    # A plan of a phường says "phường" wherever it says "phuong" alone ("UBND phuong", "của
    # phuong"): the unit that named a place is favoured everywhere its reading is offered.
    favoured_units = units & UNIT_AFTER_BODY
    if not favoured_units:
        return
    bonus = LOG_UNIT_BONUS_OCR if garbled else LOG_UNIT_BONUS
    # Words repeat, and so do their candidates: each is favoured once (kept beside its favoured
    # copy, so that its id stays its own).
    favoured: dict[int, tuple[Candidates, Candidates]] = {}
    for w, c in enumerate(cands):
        if len(c.forms) > 1 and not favoured_units.isdisjoint(c.forms):
            done = favoured.get(id(c))
            if done is None:
                raised = c.choice.channel.copy()
                for unit in favoured_units:
                    if unit in c.forms:
                        raised[c.forms.index(unit)] += bonus
                done = favoured[id(c)] = (c, Candidates(Choice(c.choice.ids, raised), c.forms))
            cands[w] = done[1]


def _is_heading(spans: list[Span]) -> bool:
    """A line mostly of words in capitals ("QUỐC HỘI", "TUYEN TRUYEN CAI CACH", "Tl CHUC")."""
    words = [t for kind, t in spans if kind == "word" and sum(map(str.isalnum, t)) > 1]
    return bool(words) and 2 * sum(looks_capital(w) for w in words) > len(words)


def _ocr_context(form: str, starts_sentence: bool, heading: bool, inv: Inventory) -> OcrContext:
    i = inv.ids.get(form)
    share = inv.capitalised[i] / inv.counts[i] if i is not None and inv.counts[i] else 0.0
    return OcrContext(starts_sentence, heading, share)


# Candidates of OCR-garbled words by channel (one per family of faces), kept for the process's
# lifetime: the channel's scores (about a hundred per distinct word) are most of the work, and a
# batch worker meets the same words in every plan. Under this many words a channel, ~40 MB.
_OCR_CACHE_WORDS = 100_000
_ocr_cache: dict[OcrModel, dict[str, Candidates]] = {}


def _ocr_candidates(channel: OcrModel) -> dict[str, Candidates]:
    """The lasting cache of the candidates of garbled words printed in `channel`'s faces. Sound
    because for OCR text `candidates` depends on the word and the channel alone (every reading is
    scored by the channel, whatever share of marks the text lost)."""
    cache = _ocr_cache.setdefault(channel, {})
    if len(cache) > _OCR_CACHE_WORDS:
        cache.clear()
    return cache


def repair_text(text: str, ocr: OcrChannel | None = None) -> RepairResult:
    """Repair stripped or OCR-garbled Vietnamese; output line i is the repair of input line i."""
    with _collector_paused():
        return _repair(text, ocr)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a text is repaired. Repair allocates a
    few hundred thousand short-lived containers (spans, readings, candidates, the channel's
    events) and leaves no cycles (gc.collect() after a garbled plan finds none), yet they set off
    ~150 collections of the youngest objects and one of every object, the loaded models' ~100,000
    dicts and lists among them: ~30 ms of the ~250 a fresh process spends on a garbled plan.
    Reference counting frees the same objects; the collector runs again afterwards, unless it
    was off before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _repair(text: str, ocr: OcrChannel | None) -> RepairResult:
    inv: Inventory = load_inventory()
    lm = load_lm()
    lines = text.split("\n")
    spans = [split_line(line) for line in lines]
    all_words = [s.text for line_spans in spans for s in line_spans if s.kind == "word"]
    quality = words_quality(all_words)
    p_lost = lost_rate(quality.marked)
    channel = (ocr or load_ocr()) if quality.verdict == "garbled" else None
    if channel is not None:  # OCR output: symbols glued to a word are letters it misread
        spans = [ocr_spans(line_spans, line) for line_spans, line in zip(spans, lines, strict=True)]
    if isinstance(channel, OcrModel):  # the family of faces the text was printed in
        channel = channel.for_text(all_words)
    # Plans repeat their words; candidates depend on the word only (and the channel: for OCR
    # text, on nothing else, so a batch worker keeps them across documents, _ocr_candidates).
    cache: dict[str, Candidates] = _ocr_candidates(channel) if isinstance(channel, OcrModel) else {}
    if isinstance(channel, OcrModel):  # the nearest keys of the new words, searched at once
        words = dict.fromkeys(s.text for line_spans in spans for s in line_spans if s.kind == "word")
        channel.search([w.lower() for w in words if w not in cache and asks_ocr(w)])
    pieces: list[list[str]] = []
    # Each word: its line, column, piece index in its line and candidates; phrases hold word numbers.
    where: list[tuple[int, int, int]] = []
    texts: list[str] = []
    word_cands: list[Candidates] = []
    phrases: list[list[int]] = [[]]
    good = quality.verdict == "good"
    named: dict[str, Candidates] = {}  # candidates of capitalised words inside a sentence
    starts: list[bool] = []  # whether each word starts a sentence
    headings = [_is_heading(line_spans) for line_spans in spans]
    for li, line in enumerate(lines):
        out: list[str] = []
        column = 0
        inside = False  # as the model was counted (vocab.phrases), a line starts a sentence
        for kind, span_text in spans[li]:
            if kind == "sep" and inside:
                inside = not ends_sentence(span_text)
            if kind == "word" or kind == "keep":
                # A kept span (76/NQ-CP, 15/7/2021) stays in its phrase as <num> or <o>, as the
                # model was counted: "số 76/NQ-CP" is what makes "so" số.
                if kind == "keep":
                    cands = _KEEP_NUM if any(c.isdigit() for c in span_text) else _KEEP_OTHER
                elif span_text in cache:
                    cands = cache[span_text]
                else:
                    cands = cache[span_text] = candidates(span_text, inv, p_lost, channel)
                if (inside and kind == "word" and not good and is_capitalised(span_text)
                        and len(cands.forms) > 1):
                    if span_text not in named:
                        named[span_text] = _as_name(cands, inv)
                    cands = named[span_text]
                starts.append(not inside)
                inside = True
                phrases[-1].append(len(word_cands))
                where.append((li, column, len(out)) if kind == "word" else (-1, -1, -1))
                texts.append(span_text)
                word_cands.append(cands)
            elif breaks_phrase(span_text) and phrases[-1]:
                phrases.append([])
            elif kind == "sep" and is_comma(span_text) and phrases[-1]:
                # A comma stays in its phrase as <c>, as the model was counted (vocab.phrases).
                phrases[-1].append(len(word_cands))
                where.append((-1, -1, -1))
                texts.append(span_text)
                word_cands.append(_COMMA)
                starts.append(False)
            out.append(span_text)
            column += len(span_text)
        if not line.strip() and phrases[-1]:
            phrases.append([])
        pieces.append(out)
    style = detect_style(all_words)
    phrases = [p for p in phrases if p]
    gaz = None if good else load_gazetteer()
    if gaz is not None:
        _fix_places(phrases, texts, word_cands, inv, gaz, channel)
    decoded = decode(lm, [[word_cands[w].choice for w in phrase] for phrase in phrases])
    picks = [0] * len(word_cands)
    confs = [1.0] * len(word_cands)
    for phrase, (picked, conf) in zip(phrases, decoded, strict=True):
        for w, pick, c in zip(phrase, picked, conf, strict=True):
            picks[w] = pick
            confs[w] = c
    rendered: dict[tuple[str, str | None], str] = {}
    rendered_ocr: dict[tuple[str, str, bool, bool], str] = {}  # and where it stands, for OCR text
    tokens = []
    for w, (li, column, piece) in enumerate(where):
        if li < 0:  # a kept span, not a word
            continue
        original = pieces[li][piece]
        form = word_cands[w].forms[picks[w]]
        if channel is not None and form is not None:  # OCR capitals depend on the context
            key = (original, form, starts[w], headings[li])
            new = rendered_ocr.get(key)
            if new is None:
                context = _ocr_context(form, starts[w], headings[li], inv)
                new = rendered_ocr[key] = render(original, form, style, good, context)
        else:
            cached = rendered.get((original, form))
            new = cached if cached is not None else render(original, form, style, good)
            rendered[(original, form)] = new
        pieces[li][piece] = new
        tokens.append(RepairedToken(li, column, original, new, confs[w]))
    repaired = "\n".join("".join(p) for p in pieces)
    return RepairResult(repaired, text, quality, tuple(tokens))
