"""Text typed in the legacy TCVN3 (ABC) fonts, read back as Unicode Vietnamese.

Before Unicode (and in many offices long after it), plans were typed in the `.VnTime` / `.VnTimeH`
fonts of the TCVN3 (TCVN 5712:1993, "ABC") encoding: each Vietnamese letter is one 8-bit code,
which any tool that reads the text without the font shows as a Western letter: "KÕ ho¹ch" for
"Kế hoạch", "Uû ban nh©n d©n" for "Ủy ban nhân dân", "§" for "Đ". Archives hold such text in old
.doc files, in PDFs printed from them (their text layer: words_from_tcvn3) and in text copied out of
either. Three quirks:
- the capitals font (`.VnTimeH`) draws the lowercase codes as capitals, so a capital with a tone
  mark comes back lowercase inside its word ("HUYÖN" → "HUYệN"): such a word, or one of a line of
  capitals, is set in capitals again;
- code 0xAD ("ư") is a soft hyphen in Windows' encodings, which PDF tools print as "-": a hyphen
  between two letters, one of them small ("Tr-êng", "L-u"), is "ư"; one between capitals
  ("KH-UBND") or with spaces around ("2011 - 2020") stays a hyphen;
- the codes are also Western letters (0xE1 "á" is "ỏ"), so text is converted only when most of
  its marked letters are TCVN3-only codes and the conversion makes far more of its words
  Vietnamese syllables.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khparse.read.layout import Word

# TCVN3 code (as Windows-1252 shows it) → letter. Capitals with a tone mark have no code of their own.
_TCVN3 = dict(zip(
    "¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉÊËÌÎÏÐÑÒÓÔÕÖ×ØÜÝÞßáâãäåæçèéêëìíîïñòóôõö÷øùúûüýþ",
    "ĂÂÊÔƠƯĐăâêôơưđàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    strict=True))
# Codes that a Unicode Vietnamese text never holds (its own letters such as "á", "ê", "Ô" left out):
# their share of a text's marked letters says whether it is TCVN3.
_TCVN3_ONLY = frozenset("¡¢£¤¥¦§¨©ª«¬\xad®µ¶·¸¹»¼½¾ÆÇÈÉËÎÏÐÑÖ×ØÜÞßäåæçëîïñö÷øûüþ")
# At least this many TCVN3-only codes, making at least this share of the text's non-ASCII letters.
MIN_CODES, MIN_CODE_SHARE = 20, 0.5
# The conversion is kept when it makes at least this much larger a share of the words that hold a
# non-ASCII letter into Vietnamese syllables (measured: 0.05 → 0.97 on a TCVN3 plan).
MIN_GAIN = 0.4

_WORD = re.compile(r"(?:[^\W\d_]|[¡-þ\xad])+")  # letters and codes (some codes are not letters: "¹", "·")
_TOKEN = re.compile(r"\S+")


_ANY_CODE = re.compile("[" + re.escape("".join(sorted(_TCVN3_ONLY))) + "]")


# A non-ASCII letter, or a code (some codes are no letters: "·", "§", "¬").
_MARKED = re.compile(r"[^\x00-\x7f\W\d_]|" + _ANY_CODE.pattern)


def looks_like_tcvn3(text: str) -> bool:
    # Counted by regular expressions, in C: every plain text and PDF page is asked.
    codes = len(_ANY_CODE.findall(text))
    return codes >= MIN_CODES and codes >= MIN_CODE_SHARE * len(_MARKED.findall(text))


def from_tcvn3(text: str) -> str | None:
    """`text` read as TCVN3, in Unicode with its capitals restored; None when it is not TCVN3."""
    if not looks_like_tcvn3(text):
        return None
    converted = "\n".join(_line(line) for line in text.split("\n"))
    if _syllable_share(converted) - _syllable_share(text) < MIN_GAIN:
        return None
    return converted


def _syllable_share(text: str) -> float:
    from khparse.repair.inventory import is_vietnamese_syllable

    words = [w for w in _WORD.findall(text) if any(ord(c) > 127 for c in w)]
    return sum(is_vietnamese_syllable(w.lower()) for w in words) / len(words) if words else 0.0


# Two columns of a layout merged on one line ("HUYỆN SƠN HÀ      Độc lập - …") are this many spaces apart:
# a word's capitals are judged by its neighbours in its own column.
_COLUMN_GAP = re.compile(r"( {3,}|\t)")


def _line(line: str) -> str:
    """One line converted, column by column (see _segment)."""
    return "".join(part if _COLUMN_GAP.fullmatch(part) else _segment(part) for part in _COLUMN_GAP.split(line))


def _segment(line: str) -> str:
    """Codes to letters, "-" inside a word to "ư", words of capitals in capitals."""
    matches = list(_TOKEN.finditer(line))
    tokens = [_token(m.group()) for m in matches]
    says = [_capitals(t) for t in tokens]
    out, pos = [], 0
    for k, (match, token) in enumerate(zip(matches, tokens, strict=True)):
        out.append(line[pos:match.start()])
        text = "".join(c for c, _ in token)
        plain = [c for c, coded in token if c.isalpha() and not coded]
        # A word with one letter of its own ("KÕ", "Uû") is in capitals between capitals: the nearest
        # words on either side that say anything.
        left = next((said for said in reversed(says[:k]) if said is not None), None)
        right = next((said for said in says[k + 1:] if said is not None), None)
        between_capitals = True in (left, right) and False not in (left, right)
        if says[k] is True or (len(plain) == 1 and plain[0].isupper() and between_capitals):
            text = text.upper()
        out.append(text)
        pos = match.end()
    out.append(line[pos:])
    return "".join(out)


def _token(raw: str) -> list[tuple[str, bool]]:
    """The token's characters converted, each with whether it came from a small-letter code. A "-"
    beside a small letter, with a letter or the word's end on its other side, is "ư" ("Tr-êng",
    "nh-"); between capitals ("KH-UBND") or digits it stays."""
    chars = [(_TCVN3.get(c, c), c in _TCVN3 and _TCVN3[c].islower()) for c in raw]
    for i, (c, _) in enumerate(chars):
        if c != "-":
            continue
        before = chars[i - 1][0] if i > 0 else ""
        after = chars[i + 1][0] if i + 1 < len(chars) else ""
        if (before.islower() and (after.isalpha() or not after.isalnum())) or \
                (after.islower() and (before.isalpha() or not before)):
            chars[i] = ("ư", True)
    return chars


def _capitals(token: list[tuple[str, bool]]) -> bool | None:
    """True: the token's own (not coded) letters are two or more capitals; False: one is small;
    None: it says nothing (a number, a code with digits, a word with one plain letter)."""
    if any(c.isdigit() for c, _ in token):
        return None
    plain = [c for c, coded in token if c.isalpha() and not coded]
    if any(c.islower() for c in plain):
        return False
    return True if len(plain) >= 2 else None


# Words of one line of a PDF's text layer further apart than this many times their height stand in
# different columns (a header's two columns, recipients beside the signature).
_WORD_COLUMN_GAP = 2.0


def words_from_tcvn3(words: Sequence[Word]) -> list[Word] | None:
    """A PDF page's words (its text layer, from a document typed in the TCVN3 fonts) read as
    Unicode, each line converted as a line of text is (capitals judged by their column's
    neighbours); None when the page is not TCVN3 (see from_tcvn3)."""
    text = " ".join(w.text for w in words)
    if not looks_like_tcvn3(text):
        return None
    from khparse.read.layout import word_lines

    read: dict[int, str] = {}
    for line in (sorted(ln, key=lambda w: w.x0) for ln in word_lines(words)):
        joined = line[0].text
        for before, word in itertools.pairwise(line):
            far = word.x0 - before.x1 > _WORD_COLUMN_GAP * max(1.0, before.bottom - before.top)
            joined += ("    " if far else " ") + word.text
        tokens = _line(joined).split()
        if len(tokens) != len(line):  # a word holding white space: left as it is
            continue
        read.update((id(word), token) for word, token in zip(line, tokens, strict=True))
    out = [replace(w, text=read.get(id(w), w.text)) for w in words]
    if _syllable_share(" ".join(w.text for w in out)) - _syllable_share(text) < MIN_GAIN:
        return None
    return out
