"""The pipeline's repair stage: pages whose text reads as stripped or garbled Vietnamese are
repaired; every page gets its measured quality. The text as read stays in `PageText.original`."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from khparse.model import TextSource
from khparse.read.pages import PageText
from khparse.repair.quality import Quality, words_quality

if TYPE_CHECKING:
    from khparse.repair.ocr import OcrModel

# Quality is a share of words: an even sample of ~6,000 characters measures it to a few percent,
# which is all the stripped/garbled/good decision needs, at a fraction of the cost on long pages.
_SAMPLE_CHARS = 6000
# Words as the quality measure sees them (OCR symbols inside a word keep it one word, as in
# repair's own tokenizer); a plain regex is ten times faster than the repair tokenizer.
_WORDS = re.compile(r"[^\W_]+(?:[€¢¥§©®µ'’][^\W_]+)*")


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE_CHARS:
        return text
    lines = text.split("\n")
    step = -(-len(text) // _SAMPLE_CHARS)
    return "\n".join(lines[::step])


# A page whose quality the read stage measured and that is never repaired here: OCR with the Vietnamese
# model, text already repaired, a text layer the read stage judged good (read/route.measure, the same
# measure on the page's body): measured again it would cost ~0.3 ms a page, a tenth of a text-layer
# PDF's whole reading.
_SETTLED = Quality(0, 1.0, 1.0, 1.0, "good")


def _settled(page: PageText) -> bool:
    return page.quality is not None and (page.source in (TextSource.ocr, TextSource.repaired)
                                         or page.verdict == "good")


def repair_pages(pages: tuple[PageText, ...], *, enabled: bool = True) -> tuple[PageText, ...]:
    words = [[] if _settled(page) else _WORDS.findall(_sample(page.text)) for page in pages]
    qualities = [_SETTLED if _settled(page) else words_quality(w) for page, w in zip(pages, words, strict=True)]
    # OCR with the Vietnamese model and text already repaired are not repaired again.
    todo = [enabled and q.verdict != "good" and page.source not in (TextSource.ocr, TextSource.repaired)
            for page, q in zip(pages, qualities, strict=True)]
    channel = _document_channel([w for page_words, q, t in zip(words, qualities, todo, strict=True)
                                 if t and q.verdict == "garbled" for w in page_words])
    out = []
    for page, quality, repair in zip(pages, qualities, todo, strict=True):
        measured = replace(page, quality=page.quality if page.quality is not None else round(quality.valid, 4))
        if not repair:
            out.append(measured)
            continue
        from khparse.repair.restore import repair_text  # numpy and the model: only when needed

        why = (f"the text reads as {quality.verdict} Vietnamese ({quality.valid:.0%} valid syllables, "
               f"{quality.marked:.0%} with marks): repaired")
        out.append(replace(measured, text=repair_text(page.text, ocr=channel).text, source=TextSource.repaired,
                           original=page.text, reason=f"{page.reason}; {why}" if page.reason else why))
    return tuple(out)


def _document_channel(garbled_words: list[str]) -> OcrModel | None:
    """The English-OCR channel of the family of faces the whole document was printed in: one
    choice from the words of all its garbled pages, not a noisier one per page (a signature page
    has 30 words)."""
    if not garbled_words:
        return None
    from khparse.repair.ocr import load_ocr

    model = load_ocr()
    return model.for_text(garbled_words) if model is not None else None
