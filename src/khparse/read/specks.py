"""What OCR reads as words but is none: the dots a fax or a photocopy leaves before a line's first
word; words tesseract reads twice (echoes); lines of junk and the sheet's edge read as strokes on a
photo. And a quotation's closing mark read in the wrong style (paired_quotes), on the page's text.

A 150 dpi fax is speckled; tesseract reads a dot before a heading as a word ("-_ I. NỘI DUNG …"), and
the heading's numeral no longer starts its line: the section is lost, and every later one renumbered.
Such a word has no letter or digit and a box far smaller than its line's letters, while a dash
bullet, however thin, is as wide as a letter ("-" at 12 pt and 300 dpi: 17 × 4 pixels).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import replace
from statistics import median

from khparse.read.layout import Word
from khparse.repair.normalize import TONES

# A dash bullet as OCR may read it off a fax or a grey scan ("ˆ Đơn vị phối hợp: …", "~ Các chi đoàn …"):
# alone before a line's first word, one of these is the line's "-".
DASH_LOOKALIKES = frozenset("ˆ˜~¬")
# ...or a few of them, an underscore among them ("_~ Đơn vị chủ trì: …" off a 204 x 98 dpi fax).
MAX_DASH_LOOKALIKE = 3
# A speck's box, on its longer side, is at most this share of its line's letter height (a dot of a
# 150 dpi fax scaled to 300 dpi: 2-6 pixels beside letters 50-70 pixels tall).
SPECK_SIZE = 0.2


def _by_line(words: tuple[Word, ...]) -> dict[tuple[int, ...], list[int]]:
    """The indices of the OCR words of each tesseract line, in the order read."""
    lines: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for i, word in enumerate(words):
        if word.line is not None:
            lines[word.line].append(i)
    return lines


def _speck(word: Word, letter_height: float) -> bool:
    return not any(c.isalnum() for c in word.text) and \
        max(word.x1 - word.x0, word.bottom - word.top) <= SPECK_SIZE * letter_height


def drop_leading_specks(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """`words` without the specks that stand before the first real word of an OCR line, and with a
    dash bullet read as a look-alike put right."""
    lines = _by_line(words)
    dropped: set[int] = set()
    dashes: set[int] = set()  # a dash bullet read as a look-alike (DASH_LOOKALIKES)
    for members in lines.values():
        heights = [words[i].bottom - words[i].top for i in members if any(c.isalnum() for c in words[i].text)]
        if not heights:
            continue
        letter_height = median(heights)
        ordered = sorted(members, key=lambda i: words[i].x0)
        for i in ordered[:-1]:  # the line's last word is never dropped: something must stay
            if 0 < len(words[i].text) <= MAX_DASH_LOOKALIKE and set(words[i].text) <= DASH_LOOKALIKES | {"_"} \
                    and set(words[i].text) & DASH_LOOKALIKES:  # a lone "_" is a speck
                dashes.add(i)
                break
            if not _speck(words[i], letter_height):
                break
            dropped.add(i)
    if not (dropped or dashes):
        return words
    return tuple(replace(w, text="-") if i in dashes else w for i, w in enumerate(words) if i not in dropped)


# An echo covers this share of its height of the line above's band (its words' tops to bottoms).
ECHO_OVERLAP = 0.8


def drop_echoes(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """`words` without the echoes of a line read twice. Where a short line ("- Lưu: VPĐU.") stands a
    little above the line beside it ("Phan Thị Thu Hiền", the signer's name, across the page),
    tesseract may give one paragraph two lines: the short line, then its words read again ("ưu:
    VEĐU", confidence 26-65) before the words beside it. An echo is a word of the next line of the
    same paragraph that lies at the height of the line above (ECHO_OVERLAP of its own height) and
    within its width, read less surely than that line's words are on the median: a word of another
    line never lies there. The line above is measured by its words read at least that surely: a
    signature's strokes read at its end ("- Các tổ công tác; : j5...", confidence 20-40) stretched its
    height down over the next line, whose "- Lưu: HSKH." went as an echo (blind45)."""
    lines = _by_line(words)
    echoes: set[int] = set()
    for key, line in lines.items():
        above = [words[i] for i in lines.get((*key[:-1], key[-1] - 1), ())]
        if not above:
            continue
        sure = median(w.confidence or 0.0 for w in above)
        solid = [w for w in above if (w.confidence or 0.0) >= sure]
        top, bottom = min(w.top for w in solid), max(w.bottom for w in solid)
        left, right = min(w.x0 for w in solid), max(w.x1 for w in solid)
        for i in line:
            word = words[i]
            height = word.bottom - word.top
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if (height > 0 and overlap >= ECHO_OVERLAP * height and left <= (word.x0 + word.x1) / 2 <= right
                    and word.confidence is not None and word.confidence < sure):
                echoes.add(i)
    if not echoes:
        return words
    return tuple(w for i, w in enumerate(words) if i not in echoes)


# A quotation in a plan names a movement or a model ("Dân vận khéo", "Bình dân học vụ số"): it closes
# within this many characters, two lines at most.
QUOTATION_REACH = 200


def paired_quotes(text: str) -> str:
    """OCR text with each quotation closed in the style it was opened in. A plan prints straight
    quotes or curly ones; tesseract reads a Times straight quote that closes a word as "”"
    ('"Bình dân học vụ số”' in two blind scans' titles), rarely the opening one."""
    out: list[str] = []
    opened: str | None = None  # the style of the quotation open: '"' or "“"
    since = 0  # where it opened
    for at, char in enumerate(text):
        if opened is not None and at - since > QUOTATION_REACH:
            opened = None  # a stray mark, no quotation: it decides nothing after it
        if char == '"' or char == "“":
            if opened is None:
                opened, since = char, at
            else:
                char, opened = ('"' if opened == '"' else "”"), None
        elif char == "”":
            if opened == '"':
                char = '"'
            opened = None
        out.append(char)
    return "".join(out)


# A line tesseract read this badly (its words' median confidence) is no text: the grain of a desk
# or the edge of the sheet on a phone photo ("ƒ— —-Ÿ—_ Ác _.ÍÁm— GÌ …", confidences 0-40, median 5).
# Text read at all, even off a fax, measures 60-95.
JUNK_CONFIDENCE = 20.0
JUNK_MIN_WORDS = 3


def drop_junk_lines(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """`words` without the OCR lines of JUNK_MIN_WORDS words or more read below JUNK_CONFIDENCE."""
    sure = {key: [c for i in members if (c := words[i].confidence) is not None]
            for key, members in _by_line(words).items()}
    junk = {key for key, found in sure.items() if len(found) >= JUNK_MIN_WORDS and median(found) < JUNK_CONFIDENCE}
    if not junk:
        return words
    return tuple(w for w in words if w.line not in junk)


# The edge of the sheet or a ruled margin, read down the page as strokes ("|", "I", "i" at one x on
# line after line of a phone photo): this many such one-glyph words, each within EDGE_SPREAD of the
# page's width of the next across, over EDGE_SPAN of its height, are a line, not letters.
STROKES = frozenset("|Iil1![]")
EDGE_WORDS, EDGE_SPREAD, EDGE_SPAN = 3, 0.015, 0.2


def drop_edge_strokes(words: tuple[Word, ...], width: float, height: float) -> tuple[Word, ...]:
    """`words` without the one-stroke words that stand one under another along a vertical line."""
    strokes = sorted((i for i, w in enumerate(words) if w.text in STROKES), key=lambda i: words[i].x0)
    edge: set[int] = set()
    start = 0
    for end in range(len(strokes) + 1):
        # Chained, each within EDGE_SPREAD of the one before: an edge a photo left slanted drifts.
        if end == len(strokes) or (end > start and words[strokes[end]].x0 - words[strokes[end - 1]].x0
                                   > EDGE_SPREAD * width):
            group = strokes[start:end]
            tops = [words[i].top for i in group]
            if len(group) >= EDGE_WORDS and max(tops) - min(tops) >= EDGE_SPAN * height:
                edge.update(group)
            start = end
    if not edge:
        return words
    return tuple(w for i, w in enumerate(words) if i not in edge)


# Letters Vietnamese writes: the Latin alphabet, đ, and the vowels a ă â e ê i o ô ơ u ư y under any of
# the five tones. A word that is one letter outside them ("Ñ", "Ä"), read below FOREIGN_DOUBT, is a
# crease, a fold or a stain tesseract matched to a glyph of its Latin set (blind34's crumpled sheet:
# "… năm 2026 Ñ" closing the title at 28, "Ä" at 0). Read with more confidence, such a letter is a
# printed one misread ("đợt ï" for "đợt I" at 53, "š" at 70 on blind21's photo) and stays.
VIETNAMESE_LETTERS = frozenset(
    "abcdefghijklmnopqrstuvwxyzđ"
    + "".join(unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in ("", *TONES)))
FOREIGN_DOUBT = 50.0


def foreign_letter(word: Word) -> bool:
    """`word` is one letter Vietnamese does not write, read below FOREIGN_DOUBT (a modifier such as "ˆ",
    a dash bullet's look-alike, is no letter)."""
    text = word.text
    return (len(text) == 1 and unicodedata.category(text) in ("Lu", "Ll") and text.lower() not in VIETNAMESE_LETTERS
            and word.confidence is not None and word.confidence < FOREIGN_DOUBT)


def drop_foreign_letters(words: tuple[Word, ...]) -> tuple[Word, ...]:
    """`words` without the one-letter words a crease or a stain made (foreign_letter)."""
    if not any(foreign_letter(w) for w in words):
        return words
    return tuple(w for w in words if not foreign_letter(w))
