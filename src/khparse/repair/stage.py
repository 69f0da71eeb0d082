"""The pipeline's repair stage: pages whose text reads as stripped or garbled Vietnamese are
repaired; every page gets its measured quality. The text as read is kept in `PageText.original`
by the caller (see khparse.pipeline), so nothing is lost."""

from __future__ import annotations

from dataclasses import replace

from khparse.model import TextSource
from khparse.repair.quality import text_quality
from khparse.repair.restore import repair_text
from khparse.text import PageText


def repair_pages(pages: tuple[PageText, ...], *, enabled: bool = True) -> tuple[PageText, ...]:
    out = []
    for page in pages:
        quality = text_quality(page.text)
        measured = replace(page, quality=page.quality if page.quality is not None else round(quality.valid, 4))
        # OCR with the Vietnamese model and text already repaired are not repaired again.
        if not enabled or quality.verdict == "good" or page.source in (TextSource.ocr, TextSource.repaired):
            out.append(measured)
            continue
        why = (f"the text reads as {quality.verdict} Vietnamese ({quality.valid:.0%} valid syllables, "
               f"{quality.marked:.0%} with marks): repaired")
        out.append(replace(measured, text=repair_text(page.text).text, source=TextSource.repaired,
                           reason=f"{page.reason}; {why}" if page.reason else why))
    return tuple(out)
