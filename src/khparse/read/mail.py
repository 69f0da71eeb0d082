"""Text forwarded or replied to by e-mail: every line of the plan quoted with "> " ("> > " when
forwarded twice), under the mail's own lines ("Từ:", "Subject:", "On … wrote:").

The quote marks are no part of the plan: a run of quoted lines loses them, so that the header, the
outline and the tables read as printed. The mail's own lines stay, before and after the document,
where the outline leaves them out like a portal's banner.
"""

from __future__ import annotations

import re

# A quoted line: one or more ">" (each maybe followed by one space), or a bare ">" for a blank line.
_QUOTE = re.compile(r"^(?:>[ ]?)+")
# A quoted run counts from this many lines: a Markdown blockquote of a line or two, or a "> note"
# in a plan, is left as it is; an e-mail quotes the whole document.
MIN_QUOTED_LINES = 8


def unquote(text: str) -> str:
    """`text` with the quote marks of every run of at least MIN_QUOTED_LINES quoted lines removed."""
    if ">" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _QUOTE.match(lines[j]):
            j += 1
        if j - i >= MIN_QUOTED_LINES:
            out.extend(_QUOTE.sub("", line, count=1) for line in lines[i:j])
            i = j
        else:
            out.extend(lines[i : max(j, i + 1)])
            i = max(j, i + 1)
    return "\n".join(out)
