"""A web page saved as text by a text browser (`lynx -dump`, `links -dump`): every link is numbered
in brackets before its text ("Căn cứ [11]Kế hoạch số 4120/KH-UBND …", "- [12]Trang TTĐT …") and
the addresses are listed under "References" at the end.

The numbers are no part of the plan: they are removed where a page carries enough of them to be
such a dump, so that citations, recipients and table cells read as printed.
"""

from __future__ import annotations

import re

# A link number glued to the link's text ("[11]Kế hoạch"): a footnote mark "[1]" is followed by a
# space or ends a word, not glued before one.
_LINK_MARK = re.compile(r"\[\d{1,4}\](?=[^\s\d\]])")
# A page is such a dump when it carries this many link numbers: a plan's own text has none.
MIN_LINK_MARKS = 5


def drop_link_marks(text: str) -> str:
    """`text` without a text browser's link numbers, when it has enough of them to be a dump."""
    if len(_LINK_MARK.findall(text, 0, 200_000)) < MIN_LINK_MARKS:
        return text
    return _LINK_MARK.sub("", text)
