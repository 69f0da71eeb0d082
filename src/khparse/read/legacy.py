"""Legacy Vietnamese font encodings (TCVN3/ABC, VNI) read as Latin-1, converted to Unicode.

Before Unicode, Vietnamese documents were typed in fonts such as .VnTime (TCVN3, the national
standard TCVN 5712:1993 "VN3" table, used by the ABC input method) or VNI-Times (VNI Software's
table). A PDF made from them shows, without a ToUnicode map, the Latin-1 letters at those code
points: "Thùc hiÖn" for "Thực hiện" (TCVN3), "Thöïc hieän" (VNI). The tables below are transcribed
from the published charts, one row per base vowel, tones in the order
  grave, hook above, tilde, acute, dot below  (huyền, hỏi, ngã, sắc, nặng).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_TONED = {  # Unicode: the base vowel's five toned letters in the order above
    "a": "àảãáạ", "ă": "ằẳẵắặ", "â": "ầẩẫấậ", "e": "èẻẽéẹ", "ê": "ềểễếệ", "i": "ìỉĩíị",
    "o": "òỏõóọ", "ô": "ồổỗốộ", "ơ": "ờởỡớợ", "u": "ùủũúụ", "ư": "ừửữứự", "y": "ỳỷỹýỵ",
}

# TCVN 5712:1993, VN3 (.VnTime): each letter one byte. Row: plain vowel, then its five tones.
# Capitals with tones are not in the table: .VnTimeH fonts draw these same bytes as capitals.
_TCVN3_ROWS = {
    "a": "aµ¶·¸¹", "ă": "¨»¼½¾Æ", "â": "©ÇÈÉÊË", "e": "eÌÎÏÐÑ", "ê": "ªÒÓÔÕÖ", "i": "i×ØÜÝÞ",
    "o": "oßáâãä", "ô": "«åæçèé", "ơ": "¬êëìíî", "u": "uïñòóô", "ư": "\xadõö÷øù", "y": "yúûüýþ",
}
_TCVN3_OTHER = {"®": "đ", "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ"}

# VNI-Windows (VNI-Times): base letter followed by one or two marks. Marks for the five tones:
_VNI_TONES = "øûõùï"  # huyền, hỏi, ngã, sắc, nặng
_VNI_SHAPES = {  # (base, shape mark) → Unicode base; ơ and ư are one byte of their own (ô, ö)
    ("a", "â"): "â", ("e", "â"): "ê", ("o", "â"): "ô", ("a", "ê"): "ă", ("", "ô"): "ơ", ("", "ö"): "ư",
}
_VNI_SHAPE_TONED = {  # circumflex or breve marks with a tone built in
    "â": "àåãáä", "ê": "èúüéë",
}
_VNI_SINGLE = {"ì": "ì", "æ": "ỉ", "ó": "ĩ", "í": "í", "ò": "ị", "ñ": "đ"}


def _build_tcvn3() -> dict[str, str]:
    table = dict(_TCVN3_OTHER)
    for vowel, row in _TCVN3_ROWS.items():
        letters = vowel + _TONED[vowel]
        for code, letter in zip(row, letters, strict=True):
            if code != letter:
                table[code] = letter
    return table


TCVN3 = _build_tcvn3()
_TCVN3_RE = re.compile("[" + re.escape("".join(TCVN3)) + "]")


def tcvn3_to_unicode(text: str) -> str:
    return _TCVN3_RE.sub(lambda m: TCVN3[m.group(0)], text)


def _build_vni() -> dict[str, str]:
    """Every base+marks sequence of VNI, lower and upper case, to its Unicode letter."""
    table: dict[str, str] = {}
    for base in "aeiouy":
        for tone, mark in enumerate(_VNI_TONES):
            table[base + mark] = _TONED[base][tone]
    for (base, shape), letter in _VNI_SHAPES.items():
        table[base + shape] = letter
        for tone, mark in enumerate(_VNI_TONES):
            table[base + shape + mark] = _TONED[letter][tone]
        for tone, mark in enumerate(_VNI_SHAPE_TONED.get(shape, "")):
            table[base + mark] = _TONED[letter][tone]
    table.update(_VNI_SINGLE)
    upper = {k.upper(): v.upper() for k, v in table.items()}
    # Capital base with lower-case marks occurs too (mixed fonts); keep only unambiguous keys.
    mixed = {k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in table.items() if len(k) > 1}
    return {**mixed, **upper, **table}


VNI = _build_vni()
_VNI_RE = re.compile("|".join(re.escape(k) for k in sorted(VNI, key=len, reverse=True)))


def vni_to_unicode(text: str) -> str:
    return _VNI_RE.sub(lambda m: VNI[m.group(0)], text)


CONVERTERS: dict[str, Callable[[str], str]] = {"TCVN3 (ABC)": tcvn3_to_unicode, "VNI": vni_to_unicode}


def legacy_share(text: str) -> float:
    """Share of letters in the Latin-1 range that Vietnamese Unicode text never uses."""
    letters = [c for c in text if c.isalpha() or "\xa0" <= c <= "\xff"]
    if not letters:
        return 0.0
    odd = sum("\xa0" <= c <= "\xff" and unicodedata.normalize("NFC", c) not in _VIETNAMESE_LATIN1 for c in letters)
    return odd / len(letters)


# Latin-1 letters that are also Vietnamese letters (so their presence proves nothing).
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
