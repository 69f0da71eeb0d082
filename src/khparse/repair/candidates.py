"""Candidate syllables for one word, each with its channel log-probability.

A word that is plainly not Vietnamese (digits, acronyms, names such as Zalo, mixed case) gets only
itself. Otherwise the candidates are the accented forms of its stripped key ("tuyen" → tuyên,
tuyến, tuyền, tuyển), scored by the marks channel, plus — for OCR-garbled text — the syllables the
OCR channel (ocr.py) says could have printed it. The word itself is always a candidate: as its
syllable when it is one, else as the out-of-inventory token <o>.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from khparse.fold import fold
from khparse.repair.decode import Choice
from khparse.repair.inventory import Inventory
from khparse.repair.marks import channel_logp
from khparse.repair.normalize import strip_marks
from khparse.repair.tokens import ACRONYM_D
from khparse.repair.vocab import NUM, OTHER, lm_form

# Candidates a word may have (the decoder takes any number), the word kept as is included.
MAX_K = 11
# OCR-garbled words have many more plausible readings ("ni": nơi, nối, nổi, nữ, nội, nại, …):
# they get more room.
MAX_K_OCR = 16
# Words kept as written whatever the text around them looks like.
FOREIGN = frozenset((
    "zalo", "facebook", "tiktok", "youtube", "google", "internet", "website", "web", "email",
    "online", "fanpage", "wifi", "smartphone", "video", "livestream", "hotline",
    "logo", "slogan", "pano", "poster", "radio",
))
# Section numerals ("VI. TỔ CHỨC THỰC HIỆN"): "VI" is also the stripped "VÌ".
ROMAN = re.compile(r"(?=[IVXL])X{0,3}(?:IX|IV|V?I{0,3})|L")
# How likely a non-Vietnamese token is to look exactly like a stripped Vietnamese syllable.
LOG_OTHER_LOOKALIKE = math.log(1e-4)
# In English-model OCR output a lower-case word that is no syllable ("tite", "xim", "chive") is
# nearly always a garbled one: keeping it as printed must cost more than a plausible reading.
LOG_OCR_KEEP_LOWER = math.log(1e-7)
# English-model OCR mostly drops the marks of capital letters ("ĐỘC LẬP" → "DOC LAP", "NHỮNG" →
# "NHUNG"), so a word printed in capitals is also read as a stripped one, with this share lost.
P_CAPS_LOST = 0.8
# A number of at most this many digits in OCR output may be a misread word ("6" ở, "14" là), but
# numbers are common in plans: such a reading pays this much besides its channel probability.
MAX_DIGIT_WORD = 2
LOG_DIGITS_A_WORD = math.log(0.3)
# A capitalised word a foreign name could be ("Newton", "Nokia"): plain letters, none of them the
# f j w z that English-model OCR prints for Vietnamese letters.
_FOREIGN_SHAPE = re.compile(r"[A-Z][a-eg-ik-vxy]+")
# How far, in log-probability without context, a reading of an OCR word may fall below the best.
OCR_BEAM = 12.0
# Accented forms of a stripped key offered, most frequent first, leaving out those rarer than
# MIN_SHARE of the commonest. "doi" has nine forms above it, the ninth being "dõi" (theo dõi):
# with 8 forms (and MAX_K 9) it could never be restored. 10 forms, MAX_K 11 and 3e-3 (was 8, 9,
# 1e-3): stripped dev plans 98.43% → 98.48% (benchmarks/bench_stripped_plans.py), held-out law
# text 98.57% → 98.62%, Wikipedia 96.93% → 96.97%; 1e-3 let rare forms in ("sô", "đẻ") and lost
# as much, 1e-2 dropped real ones ("cổng", "vướng", "mắc") and lost 0.2 points.
MAX_FORMS = 10
MIN_SHARE = 3e-3



class OcrChannel(Protocol):
    """The English-OCR channel (ocr.py): proposals and scores for an observed lower-case word. A
    proposal's log-probability is the reading's `score` (`candidates` takes one for the other)."""

    def __call__(self, observed: str) -> list[tuple[int, float]]: ...

    def score(self, intended: str, observed: str) -> float: ...

    def seen(self, observed: str) -> dict[int, float]: ...


@dataclass(frozen=True)
class Candidates:
    choice: Choice
    forms: tuple[str | None, ...]  # the syllable of each candidate; None: keep the word as is


def is_protected(word: str, garbled: bool = False) -> bool:
    """Words repair never rewrites (an acronym may still get its Đ back, see tokens.py)."""
    if word.isdigit() or word.lower() in FOREIGN or ROMAN.fullmatch(word):
        return True
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word in ACRONYM_D or not any(c in "AEIOUY" for c in strip_marks(word).upper())
    # Inner capitals (TikTok, McNaught) mark names and brands, except in OCR output ("PiCH").
    return not garbled and any(c.isupper() for c in word[1:]) and not word.isupper()


def _digits(word: str, inv: Inventory, ocr: OcrChannel) -> Candidates:
    """A short number in OCR output is a number, unless the model finds a syllable OCR printed
    exactly so ("6" ở, "14" là, "0" ở) much likelier where it stands."""
    seen = sorted(ocr.seen(word).items(), key=lambda kv: -kv[1])[: MAX_K - 1]
    ids = [NUM] + [i for i, _ in seen]
    channel = [0.0] + [logp + LOG_DIGITS_A_WORD for _, logp in seen]
    forms: list[str | None] = [None] + [inv.forms[i] for i, _ in seen]
    return Candidates(Choice(np.array(ids, dtype=np.int64), np.array(channel)), tuple(forms))


def keep_only(word: str) -> Candidates:
    ident = NUM if word.isdigit() else OTHER
    return Candidates(Choice(np.array([ident]), np.zeros(1)), (None,))


def asks_ocr(word: str) -> bool:
    """Whether `candidates` of this word of OCR output asks the channel for its readings."""
    return not (word.isdigit() and len(word) <= MAX_DIGIT_WORD) and not is_protected(word, True)


def candidates(
    word: str, inv: Inventory, p_lost: float, ocr: OcrChannel | None = None
) -> Candidates:
    if ocr is not None and word.isdigit() and len(word) <= MAX_DIGIT_WORD:
        return _digits(word, inv, ocr)
    if is_protected(word, ocr is not None):
        return keep_only(word)
    form = lm_form(word)
    own = inv.ids.get(form)
    scored: dict[int, float] = {}
    group = inv.by_key.get(strip_marks(form), ())
    # For OCR text the OCR channel scores these readings below: the marks channel is not asked.
    by_marks = ocr is None
    if group:
        floor = inv.counts[group[0]] * MIN_SHARE
        for i in group[:MAX_FORMS]:
            if inv.counts[i] >= floor or i == own:
                scored[i] = channel_logp(form, inv.forms[i], p_lost) if by_marks else 0.0
    if own is not None:
        scored[own] = channel_logp(form, form, p_lost) if by_marks else 0.0
    if ocr is not None:
        # OCR output: marks and letters alike are unreliable, so one channel scores every reading.
        observed = word.lower()
        # The accented forms the channel proposed have their score already (most of them), and
        # the other proposals join them (the best of two equal scores is either).
        proposed = ocr(observed)
        known = dict(proposed)
        scored = {i: known[i] if i in known else ocr.score(inv.forms[i], observed) for i in scored}
        for i, logp in proposed:
            scored.setdefault(i, logp)
        if len(word) > 1 and word.isupper():
            for i in group[:MAX_FORMS]:
                caps = channel_logp(form, inv.forms[i], P_CAPS_LOST)
                scored[i] = max(scored.get(i, -math.inf), caps)
    # The decoder has MAX_K slots: the word's own reading, then the likeliest without context.
    room = (MAX_K if ocr is None else MAX_K_OCR) - (1 if own is None else 0)
    prior = {i: scored[i] + math.log(inv.counts[i] + 1) for i in scored}
    ids = sorted(scored, key=lambda i: (i != own, -prior[i], i))[:room]
    if ocr is not None and ids:
        # Readings far less likely than the best one without context never win with it: leaving
        # them out keeps the decoder's work (cubic in the readings per word) down.
        best = max(prior[i] for i in ids)
        ids = [i for i in ids if i == own or prior[i] >= best - OCR_BEAM]
    forms: list[str | None] = [inv.forms[i] for i in ids]
    channel = [scored[i] for i in ids]
    if own is None:
        ids.append(OTHER)
        forms.append(None)
        if not scored:
            channel.append(0.0)
        elif ocr is not None and (word[:1].islower() or not word.isalpha() or (
                not word.isupper() and (
                    fold(word) in inv.by_key or not _FOREIGN_SHAPE.fullmatch(word)))):
            # Lower case, or with a symbol or digit ("S&", "T6"), or capitalised with the letters
            # of a syllable ("Viéc", "Lich") or with what no foreign name has ("Newoi", "Quyfn"):
            # garbled.
            channel.append(LOG_OCR_KEEP_LOWER)
        else:
            channel.append(LOG_OTHER_LOOKALIKE)
    return Candidates(Choice(np.array(ids, dtype=np.int64), np.array(channel)), tuple(forms))
