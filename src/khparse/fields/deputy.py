"""A deputy's position put right from the office signed for, when a seal left only its end.

Under "KT. GIÁM ĐỐC" a deputy signs, and the position under it is "PHÓ GIÁM ĐỐC" (Decree 30/2020,
appendix I: the deputy's title is the head's with "Phó"). On black-and-white scans the seal's ring
runs through the left of the signature block and OCR keeps only the end of the position line
("Ó GIÁM ĐỐC", "' O C CỤC TRƯỞNG"), and sometimes of the authority's too ("KT. Om\" CỤC TRƯỞNG").
The end read is the evidence: when the position ends with the head's title, the position is the
deputy's title of that office; so is "PHÓ" and the title's first letters when the ring took the rest.
The head's title is the authority's when it reads whole (a known
title, or capitals that are all Vietnamese syllables), else the title the issuer's kind of body gives
its head, when the authority's end agrees with it.

"KT. BỘ TRƯỞNG" is signed by a "THỨ TRƯỞNG", and no position ends with the head's title there.
"""

from __future__ import annotations

import re

from khparse.cues import AUTHORITY
from khparse.fold import fold
from khparse.model import SignerAuthority
from khparse.model.drafts import Signer
from khparse.repair.inventory import is_vietnamese_syllable

# The head of each kind of body, by the issuer's first words (folded): the office a KT. signs for.
HEADS = (
    ("uy ban nhan dan", "CHỦ TỊCH"),
    ("ubnd", "CHỦ TỊCH"),
    ("tong cuc", "TỔNG CỤC TRƯỞNG"),
    ("chi cuc", "CHI CỤC TRƯỞNG"),
    ("cuc ", "CỤC TRƯỞNG"),
    ("so ", "GIÁM ĐỐC"),
    ("trung tam", "GIÁM ĐỐC"),
    ("benh vien", "GIÁM ĐỐC"),
    ("truong ", "HIỆU TRƯỞNG"),
    ("dang uy", "BÍ THƯ"),
    ("ban chi dao", "TRƯỞNG BAN"),
    ("ban quan ly", "TRƯỞNG BAN"),
    ("van phong", "CHÁNH VĂN PHÒNG"),
    ("phong ", "TRƯỞNG PHÒNG"),
    ("bao hiem xa hoi", "GIÁM ĐỐC"),
    ("kho bac", "GIÁM ĐỐC"),
    ("vien kiem sat", "VIỆN TRƯỞNG"),
    ("toa an", "CHÁNH ÁN"),
    ("ban chi huy quan su", "CHỈ HUY TRƯỞNG"),
)
# The head's title every head title is recognised by when read whole on the authority's line.
TITLES = {fold(title): title for _, title in HEADS}
# Words of the head's title that must end the position read (two: "GIÁM ĐỐC", "CỤC TRƯỞNG").
ENDING_WORDS = 2
# A seal's ring letter read as a word after the title ("NA" of "NHÂN DÂN").
SPECK_LETTERS = 2


def _ending(title: str) -> str:
    return " ".join(fold(title).split()[-ENDING_WORDS:])


def _ends_with(read: str, ending: str) -> bool:
    """`read` ends with `ending`, or with it and one speck of a seal's ring read as a word of up to
    SPECK_LETTERS letters ("GIÁM ĐỐC NA"); a title goes on in words of three letters or more."""
    words, wanted = read.split(), ending.split()
    if words[-len(wanted):] == wanted:
        return True
    return len(words) > len(wanted) and len(words[-1]) <= SPECK_LETTERS and words[-len(wanted) - 1:-1] == wanted


# Letters of the head's title's first word that must follow "PHÓ" when the seal took the rest.
CUT_LETTERS = 3


def _cut_short(read: str, head: str) -> bool:
    """`read` is "PHÓ" and the start of the head's title, the rest lost under the seal's ring and read as
    specks ("PHÓ HIỆ XE Akc “<< S" under "KT. HIỆU TRƯỞNG"); a word read whole is not cut short ("PHÓ
    GIÁM ĐỐC" under "KT. GIÁM ĐỐC CÔNG AN TỈNH" is the deputy's title as printed)."""
    words, title = read.split(), fold(head)
    first = title.split()[0]
    return (len(words) >= 2 and words[0] == "pho" and CUT_LETTERS <= len(words[1]) < len(first)
            and first.startswith(words[1]))


def _specks_then_end(read: str, head: str) -> bool:
    """`read` is the head's title's last word after specks only ("l0 BAN" under "KT. TRƯỞNG BAN"): what
    the ring left of the words before it is no syllable; "THỨ TRƯỞNG" under "KT. BỘ TRƯỞNG" is one."""
    words = read.split()  # as printed: folding reads a "0" as an "o" ("l0" would be "lo")
    return len(words) >= 2 and fold(words[-1]) == fold(head).split()[-1] \
        and not any(is_vietnamese_syllable(w.lower()) for w in words[:-1])


def _head(authority: str, issuer: str | None) -> str | None:
    """The head's title the authority line signs for: as read, or the issuer's when the end agrees."""
    key = fold(authority)
    m = AUTHORITY.match(key)
    signed_for = key[m.end():].strip() if m else key
    if signed_for in TITLES:
        return TITLES[signed_for]
    printed = authority[m.end():].strip() if m and len(key) == len(authority) else ""
    words = printed.split()
    if len(words) >= ENDING_WORDS and printed.isupper() \
            and all(w.isalpha() and is_vietnamese_syllable(w) for w in words):
        return printed  # "KT. TRƯỞNG CÔNG AN XÃ", read whole
    if not issuer:
        return None
    body = fold(issuer)
    title = next((title for start, title in HEADS if body.startswith(start)), None)
    # The authority's end agrees ("KT. Om\" CỤC TRƯỞNG"), or its start when the ring took the rest
    # ("KT. HIÊ" of a school's "KT. HIỆU TRƯỞNG").
    agrees = title is not None and (signed_for.endswith(_ending(title)) or (
        len(signed_for) >= CUT_LETTERS and fold(title).startswith(signed_for)))
    return title if agrees else None


# Heads whose deputy is always titled "PHÓ" and the head's title (a Bộ trưởng's deputy is a Thứ trưởng).
_DEPUTY_IS_PHO = frozenset(fold(t) for t in ("CHỦ TỊCH", "GIÁM ĐỐC", "HIỆU TRƯỞNG", "CHI CỤC TRƯỞNG", "CỤC TRƯỞNG",
                                              "TRƯỞNG BAN", "CHÁNH VĂN PHÒNG", "TRƯỞNG PHÒNG", "BÍ THƯ"))


# A people's committee's deputy chair signs for the committee through its chair (Decree 30: "TM. ỦY BAN
# NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"); a Front's or a union's deputy signs "TM. BAN THƯỜNG TRỰC"
# / "PHÓ CHỦ TỊCH" with no KT. line.
_COMMITTEE_AUTHORITY = re.compile(r"^t/?m\.?\s*(?:uy ban nhan dan|ubnd)\b")


def _kt_line_lost(signer: Signer) -> Signer:
    """"TM. ỦY BAN NHÂN DÂN" over "PHÓ CHỦ TỊCH", the "KT. CHỦ TỊCH" between them lost (a seal, a
    highlighter's band): the deputy signed KT."""
    if _COMMITTEE_AUTHORITY.match(fold(signer.authority or "")) and fold(signer.position or "") == "pho chu tich":
        return signer.model_copy(update={"authority": f"{signer.authority} KT. CHỦ TỊCH",
                                         "authority_kind": SignerAuthority.KT})
    return signer


def mended(signer: Signer | None, issuer: str | None) -> Signer | None:
    """`signer` with a deputy's position whose start the scan lost put right (the module's docstring)."""
    if signer is not None and signer.authority_kind is SignerAuthority.TM:
        return _kt_line_lost(signer)
    if signer is None or signer.authority_kind is not SignerAuthority.KT or not signer.authority:
        return signer
    head = _head(signer.authority, issuer)
    if head is None:
        return signer
    deputy = f"PHÓ {head}"
    if signer.position is None and signer.name and fold(head) in _DEPUTY_IS_PHO:
        # No position read at all between "KT. CHỦ TỊCH" and the name (a ballpoint signature across the
        # line, a seal's red taken off with it): the deputy's title is the head's with "PHÓ".
        return signer.model_copy(update={"position": deputy})
    read = " ".join(re.sub(r"[^\w\s]", " ", fold(signer.position or "")).split())  # '-GIÁM ĐỐC' read on a speck
    if not read or read == fold(deputy) or not (_ends_with(read, _ending(head)) or _cut_short(read, head)
                                                or _specks_then_end(signer.position or "", head)):
        return signer  # "PHÓ CHỦ TỊCH THƯỜNG TRỰC" does not end with the head's title
    # The authority's line is the head's title after "KT." when its end agreed with it ("KT. Om\" CỤC
    # TRƯỞNG" under a Chi cục's seal): that line is put right with the position.
    return signer.model_copy(update={"position": deputy, "authority": f"KT. {head}"})
