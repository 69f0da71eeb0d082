"""A certified copy's own block ("SAO Y BẢN CHÍNH") taken out of the plan's tail.

An archive keeps plans as the body that received them copied them: under the plan's signature the
copier prints its own block (Circular 01/2011/TT-BNV, form of a copy): its name, "Số: 09/SY-UBND",
"SAO Y BẢN CHÍNH" (or "SAO Y", "SAO LỤC", "TRÍCH SAO"), its place and date, its own "Nơi nhận:" and
its own signer ("TL. CHỦ TỊCH" / "CHÁNH VĂN PHÒNG"). Every field is the plan's: the copy's signer is
no signer of the plan, its recipients no recipients of it.

On a scan the block's two columns come out of OCR in any order and mixed with the plan's signature
(the copier's name and number before the plan's signer's name, "SAO Y BẢN CHÍNH" after it). So the
block is taken out by its marks, not by a cut: the copy's number and the name lines just above it,
the "SAO Y" line and the date line after it or after the number, a second "Nơi nhận:" after one of
those, and everything after the last of them (the copy's signer and recipients).
"""

from __future__ import annotations

import re

from khparse.cues import RECIPIENT_BULLETS, RECIPIENTS
from khparse.fields.common import upper_share
from khparse.lines import Line

# "Số: 09/SY-UBND": a copy's number (SY: sao y; SL: sao lục; TS: trích sao).
_COPY_NUMBER = re.compile(r"\b\d{1,5}\s*/\s*(?:sy|sl|ts)\s*-")
# "SAO Y BẢN CHÍNH", "SAO Y", "SAOY" as OCR runs it together, "SAO LỤC", "TRÍCH SAO" (folded).
_COPY_FORM = re.compile(r"(?:^|\s|[-.,])(?:sao\s*y\b|sao luc\b|trich sao\b)")
_DATE = re.compile(r"\bngay\s+\d{1,2}\s+thang\b")
# The form opens its line ("SAO Y BẢN CHÍNH", "- SAOY", "TRÍCH SAO"), as a sentence never does.
_FORM_STARTS = ("SAO", "TRÍ")
# The copier's name stands on at most this many lines above its number.
NAME_LINES = 2
# A recipient entry's line, by its bullet.
_ENTRY = re.compile(rf"\s*{RECIPIENT_BULLETS}")
# The copy's date line follows its number or its form within this many lines.
DATE_REACH = 2


def without_copy_block(tail: list[Line]) -> list[Line]:
    """`tail` without a certified copy's block (see the module's docstring)."""
    marks: set[int] = set()
    form_at: int | None = None
    for k, line in enumerate(tail):
        if _COPY_NUMBER.search(line.key):
            marks.add(k)
            marks |= {j for j in range(k + 1, min(len(tail), k + 1 + DATE_REACH)) if _DATE.search(tail[j].key)}
            for above in range(k - 1, max(-1, k - 1 - NAME_LINES), -1):
                if upper_share(tail[above].text) <= 0.75 or RECIPIENTS.match(tail[above].key):
                    break
                marks.add(above)
        elif form_at is None and _COPY_FORM.search(line.key) and line.text.lstrip(" -.,").upper()[:3] in _FORM_STARTS:
            form_at = k
    if not marks and form_at is None:
        return tail
    first = min([*marks, *([form_at] if form_at is not None else [])])
    heads = [k for k, line in enumerate(tail) if RECIPIENTS.match(line.key)]
    second_head = next((k for k in heads[1:] if k > first), None)
    if second_head is not None and form_at is not None and second_head < form_at:
        # The copy's "Nơi nhận:" and its entries read before the form line, the plan's signature between
        # them and it (a signed PDF whose text layer runs the copy's left column first): the entries go,
        # the plan's signature stays.
        entries = second_head + 1
        while entries < form_at and _ENTRY.match(tail[entries].text):
            entries += 1
        marks |= set(range(second_head, entries))
        cut = form_at
    else:
        ends = [k for k in (form_at, second_head) if k is not None]
        cut = min(ends) if ends else len(tail)
    return [line for k, line in enumerate(tail[:cut]) if k not in marks]
