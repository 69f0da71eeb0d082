"""Split one line into the pieces repair may touch (words) and the ones it must keep.

A line is cut into spans that concatenate back to the line exactly. `word` spans are candidates
for repair; `keep` spans (URLs, e-mail addresses, numbers, dates, document symbols such as
76/NQ-CP or KH-UBND) are copied, except that a known acronym gets its Đ back (QD-UBND → QĐ-UBND);
`sep` spans are spaces and punctuation. A sep with anything but spaces in it ends a phrase for the
language model, as punctuation did when the model was counted.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Literal, NamedTuple

Kind = Literal["word", "keep", "sep"]

# Symbols English-model OCR prints inside Vietnamese words ("hi€u", "¥", "N§i"): part of the word.
_OCR_SYMBOLS = "€¢¥§©®µ"
_CHAR = rf"(?:[^\W_]|[{_OCR_SYMBOLS}])"
# An apostrophe inside a word is OCR's horn ("nguo'i" người).
_WORD = rf"{_CHAR}+(?:['’]{_CHAR}+)*'?"
_URL = r"(?:https?://|www\.)\S+[^\s.,;:)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
# Numbers, dates, symbols: alphanumerics joined by / - . : , where a part has a digit or is an
# upper-case code; "76/NQ-CP", "15/7/2021", "KH-UBND", "20/KH-" at a line end.
# A part may hold OCR's symbols ("phap-H¢" pháp-Hộ): such a part is a word, never a code.
_JOINED = rf"{_CHAR}+(?:[/\-.:,]{_CHAR}+)+[/\-]?|{_CHAR}+[/\-](?=\s|$)"
_SPAN = re.compile(rf"(?P<url>{_URL})|(?P<joined>{_JOINED})|(?P<word>{_WORD})")

# Acronyms whose Đ OCR or a stripped export lost; restored wherever they stand alone or in a symbol.
ACRONYM_D = {
    "HDND": "HĐND",
    "QD": "QĐ",
    "ND": "NĐ",
    "BCD": "BCĐ",
    "DTN": "ĐTN",
    "DHDCD": "ĐHĐCĐ",
    "TTDT": "TTĐT",
}


class Span(NamedTuple):
    kind: Kind
    text: str


def _is_code(part: str) -> bool:
    # "T/M", "K/T" (signature authorities) are codes even with one letter a part.
    return any(c.isdigit() for c in part) or (part.isupper() and not any(c in _OCR_SYMBOLS for c in part))


def restore_acronyms(text: str) -> str:
    """QD-UBND → QĐ-UBND: every upper-case part that is a known acronym missing its Đ."""
    return re.sub(r"[A-Z]+", lambda m: ACRONYM_D.get(m.group(0), m.group(0)), text)


# A list marker at the start of a line, as OCR prints it: a Roman numeral ("Il.", "IT1.", "I11.",
# "H." for II, "lV." or "TV." for IV, "v." for V, "V1." for VI), a subsection number read as letters ("l.",
# "Z.", "S.") or an item letter ("c)", "¢)", "c¢)"). Kept: the parser reads it from the sequence
# (outline.py), and a word in its place ("là." for "l.", "LƯ." for "lV.") would hide it.
_ROMAN_HEAD = re.compile(r"(\s*)([IVXHTlYv1|][IVXHTtlYv1|]{0,3}(?=\s*[.:,)\-])|[ZSB](?=\s*[.,]\s)"
                         r"|[a-zđ¢€]{1,2}(?=\s*\)))")


# English-model OCR also prints a mark or a whole letter as punctuation glued to the word: "ngu@i"
# người, "nh&t" nhất, "ng(li" người, "t]" từ, "thi)" thế, "co’" cơ, "ti?" từ. In a garbled text
# such a symbol between letters, or right after a word where it cannot be punctuation (a closing
# bracket nothing opened on the line, "?" before more of the sentence), belongs to the word.
_INNER_NOISE = frozenset("@&%([{|?’‘'*#$")
_INNER_NOISE_CHARS = "".join(sorted(_INNER_NOISE))
_TRAILING_NOISE = frozenset(")]}?’'&$@#")
_OPENER = {")": "(", "]": "[", "}": "{", "’": "‘", "'": "'"}


def split_line(line: str, garbled: bool = False) -> list[Span]:
    """Spans of one line. `garbled`: the text is English-model OCR output, whose words may hold
    the symbols it prints for Vietnamese letters (see _INNER_NOISE)."""
    spans = _split_line(line)
    return ocr_spans(spans, line) if garbled else spans


def ocr_spans(spans: list[Span], line: str) -> list[Span]:
    """The spans of `split_line(line)` as `split_line(line, garbled=True)` gives them."""
    return _split_glued(_join_ocr_noise(spans, line))


# OCR drops the space before an acronym ("truyénCCHC", "tacUBND"): a small letter, then capitals
# to the end of the word, is two words written together.
_GLUED_ACRONYM = re.compile(r"(?<=[^\W\d_A-ZĐ]{2})(?=[A-ZĐ]{2,}$)")


def _split_glued(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        cut = _GLUED_ACRONYM.search(span.text) if span.kind == "word" else None
        if cut is None or not span.text[: cut.start()].isalpha():
            out.append(span)
        else:  # two word spans with nothing between them: the line still reads back exactly
            out.extend((Span("word", span.text[: cut.start()]), Span("word", span.text[cut.start():])))
    return out


def _join_ocr_noise(spans: list[Span], line: str) -> list[Span]:
    out: list[Span] = []
    pos = 0  # offset of spans[i] in the line
    i = 0
    while i < len(spans):
        kind, text = spans[i]
        start = pos
        pos += len(text)
        if kind != "word":
            out.append(spans[i])
            i += 1
            continue
        # Inner: word, one or two noise symbols, word → one word.
        while (i + 2 < len(spans) and spans[i + 1].kind == "sep" and spans[i + 2].kind == "word"
               and (_inner_noise(spans[i + 1].text)
                    or _slash_in_word(text, spans[i + 1].text, spans[i + 2].text))):
            text += spans[i + 1].text + spans[i + 2].text
            pos += len(spans[i + 1].text) + len(spans[i + 2].text)
            i += 2
        # Trailing: one symbol that cannot be punctuation here.
        if i + 1 < len(spans) and spans[i + 1].kind == "sep":
            sep = spans[i + 1].text
            after = spans[i + 2].text if i + 2 < len(spans) else ""
            if (sep[0] in _TRAILING_NOISE and not text.isdigit()
                    and _is_noise(sep, line[:start], after)):
                out.append(Span("word", text + sep[0]))
                if sep[1:]:
                    out.append(Span("sep", sep[1:]))
                pos += len(sep)
                i += 2
                continue
        out.append(Span("word", text))
        i += 1
    return out


def _inner_noise(sep: str) -> bool:
    return len(sep) <= 2 and not sep.strip(_INNER_NOISE_CHARS)  # only noise (no set built per call)


def _slash_in_word(left: str, sep: str, right: str) -> bool:
    """"quy/t" quyết, "huyi/n" huyện: a slash OCR printed for a marked vowel, when what follows
    it is too short to be a word of its own and what precedes it has a vowel ("km/h", "s/n" and
    "va/hoac" stay apart)."""
    return (sep == "/" and right.isalpha() and right.islower() and len(right) <= 2
            and left.isalpha() and left.islower() and any(c in "aeiouy" for c in left))


def _is_noise(sep: str, before: str, after: str) -> bool:
    """Whether the symbol that starts `sep`, right after a word, is OCR noise: a closing bracket
    or quote nothing opened earlier on the line; a "?" with more of the sentence after it."""
    c = sep[0]
    if c == "?":
        return sep[1:].isspace() and after[:1].islower()
    return c not in _OPENER or _OPENER[c] not in before


def _split_line(line: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    roman = _ROMAN_HEAD.match(line)
    if roman:
        if roman.group(1):
            spans.append(Span("sep", roman.group(1)))
        spans.append(Span("keep", roman.group(2)))
        pos = roman.end()
    return _spans(line, pos, spans)


def _spans(line: str, pos: int, spans: list[Span]) -> list[Span]:
    """`spans` followed by the spans of line[pos:] (after a list marker, if the line has one)."""
    for match in _SPAN.finditer(line, pos):
        if match.start() > pos:
            spans.append(Span("sep", line[pos : match.start()]))
        text = match.group(0)
        if match.lastgroup == "url":
            spans.append(Span("keep", text))
        elif match.lastgroup == "joined":
            parts = re.split(r"[/\-.:,]", text)
            # Codes, and dotted names (gov.vn, "trif.gov.bd"): Vietnamese words never join by ".".
            if any(_is_code(p) for p in parts if p) or "." in text.strip("."):
                spans.append(Span("keep", restore_acronyms(text)))
            else:  # "Bà Rịa-Vũng Tàu", "hành chính-công": words joined by punctuation
                spans.extend(split_line_words(text))
        else:
            spans.append(Span("word", text))
        pos = match.end()
    if pos < len(line):
        spans.append(Span("sep", line[pos:]))
    return spans


def word_counts(text: str) -> Counter[str]:
    """How often each text is a word span of `split_line` over the lines of `text` (what measuring a
    text's quality needs, repair/quality.py), without splitting every line. No span holds whitespace
    and no pattern looks across it (a code's `(?=\\s|$)` sees a space as it sees a line's end), but
    for a list marker at a line's start: so a line without one has the words of its whitespace-
    separated tokens, and each token is read once however often it occurs (a page repeats most of
    its words). A token of letters only is one word: _WORD takes it whole, and a URL, a code or a
    joined word needs a character that is not a letter."""
    words: Counter[str] = Counter()
    tokens: Counter[str] = Counter()
    for line in text.split("\n"):
        if _ROMAN_HEAD.match(line):
            words.update(s.text for s in _split_line(line) if s.kind == "word")
        else:
            tokens.update(line.split())  # str.split's whitespace is str.isspace's, which is re's \s
    for token, n in tokens.items():
        if token.isalpha():
            words[token] += n
        else:
            for word in _token_words(token):
                words[word] += n
    return words


@lru_cache(maxsize=2**16)
def _token_words(token: str) -> tuple[str, ...]:
    """The word spans of a token (no whitespace) standing after a space in a line."""
    return tuple(s.text for s in _spans(token, 0, []) if s.kind == "word")


def split_line_words(text: str) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for match in re.finditer(_WORD, text):
        if match.start() > pos:
            out.append(Span("sep", text[pos : match.start()]))
        out.append(Span("word", match.group(0)))
        pos = match.end()
    if pos < len(text):
        out.append(Span("sep", text[pos:]))
    return out


def is_comma(sep: str) -> bool:
    return sep.strip() == ","


def breaks_phrase(sep: str) -> bool:
    """Whether punctuation in this separator ends a phrase: a lone comma does not (it stands in
    the phrase as the token <c>, and the words after it keep the words before it as context)."""
    mark = sep.strip()
    return bool(mark) and mark != ","
