"""Positioned words become the lines of a page, in reading order.

Text layers and OCR both give words with boxes; both go through here, so a page reads the same
whichever way its text came. The Decree 30 header and the recipients/signature block are two
columns side by side; read row by row they would merge ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI …").
Rows split by one wide gap open a two-column block, which is read left column first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

# A gap wider than this share of the page width separates columns (justified body text at 12-14 pt
# stretches word gaps to at most about 2 %; the header columns stand 6-10 % apart).
COLUMN_GAP = 0.035
# A bullet that begins a row and stands alone before a gap wider than COLUMN_GAP ("-" then a tab; on
# a scan, a dash tesseract gave its own box left of a word whose box it got wrong) opens no column:
# it leads the words after it. (A dash alone further along a row is a speck or a stray mark.)
BULLETS = frozenset("-–•+*")
# Words whose centre lies this close to an edge are in the margin: page numbers, scanner stamps.
MARGIN_X, MARGIN_Y = 0.05, 0.07


# Punctuation a word may carry at its ends ("ĐÍCH,", "(TTHC).", "CẦU:"): what is inside is its core.
WORD_PUNCTUATION = ".,;:!?()\"'“”"


@dataclass(frozen=True)
class Word:
    """A word and its box on the page (a text layer's or OCR's), y growing downwards."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float | None = None  # OCR only, 0-100
    line: tuple[int, ...] | None = None  # OCR only: tesseract's (block, paragraph, line)


_TOP, _BOTTOM, _X0, _TEXT = attrgetter("top"), attrgetter("bottom"), attrgetter("x0"), attrgetter("text")
_TOP_LEFT = attrgetter("top", "x0")  # reading order: top to bottom, then left to right


@dataclass(frozen=True)
class _Row:
    """The words on one row of a page, left to right."""

    words: tuple[Word, ...]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    def segments(self, gap: float) -> list[tuple[Word, ...]]:
        out: list[list[Word]] = [[self.words[0]]]
        right = self.words[0].x1  # max(w.x1 for w in out[-1]), kept as words join (not rescanned)
        for word in self.words[1:]:
            if word.x0 - right > gap and not (len(out) == 1 and len(out[0]) == 1 and out[0][0].text in BULLETS):
                out.append([])
                right = word.x1
            elif word.x1 > right:
                right = word.x1
            out[-1].append(word)
        return [tuple(s) for s in out]


def body_words(words: Sequence[Word], width: float, height: float) -> list[Word]:
    """The words whose centre is not in the margins (MARGIN_X, MARGIN_Y), in one pass: a text-layer page
    has thousands (the bounds doubled, not each centre halved: the same comparisons, exactly)."""
    left, right = 2 * MARGIN_X * width, 2 * (1 - MARGIN_X) * width
    top, bottom = 2 * MARGIN_Y * height, 2 * (1 - MARGIN_Y) * height
    return [w for w in words if left < w.x0 + w.x1 < right and top < w.top + w.bottom < bottom]


def word_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped into lines: by tesseract's own line ids when there are any (robust to skew),
    else by vertical position."""
    if words and all(w.line is not None for w in words):
        by_id: dict[tuple[int, ...], list[Word]] = {}
        for w in words:
            assert w.line is not None
            by_id.setdefault(w.line, []).append(w)
        return list(by_id.values())
    lines: list[list[Word]] = []
    # Each line's top and bottom (min and max over its words), kept as words join rather than
    # rescanned for every word that follows: a text-layer page has thousands of words. A word joins
    # the latest of the last three lines whose extent holds its centre.
    extents: list[list[float]] = []
    for w in sorted(words, key=_TOP_LEFT):
        top, bottom = w.top, w.bottom
        centre = (top + bottom) / 2
        k = len(lines) - 1
        oldest = k - 2 if k > 2 else 0
        while k >= oldest:
            extent = extents[k]
            if extent[0] <= centre <= extent[1]:
                lines[k].append(w)
                # A taller word (the signer's title in a larger font beside a recipient) joins the
                # line without stretching it over the next line's words.
                if bottom - top <= TALLER * (extent[1] - extent[0]):
                    if top < extent[0]:
                        extent[0] = top
                    if bottom > extent[1]:
                        extent[1] = bottom
                break
            k -= 1
        else:
            lines.append([w])
            extents.append([top, bottom])
    return lines


# A word this many times the height of the line it joins is taller than its words (another column's
# larger font).
TALLER = 1.1


def _middle(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def _rows(words: Sequence[Word]) -> list[_Row]:
    """Lines side by side (two header columns) merged into one row, rows top to bottom."""
    # A line's span is its words' middle top and bottom: one taller word beside it (see word_lines) does not
    # make it reach the next line.
    spans = sorted(
        ((_middle(list(map(_TOP, ln))), _middle(list(map(_BOTTOM, ln))), ln) for ln in word_lines(words) if ln),
        key=lambda s: (s[0], min(map(_X0, s[2]))),
    )
    # Each row's first line decides what joins it, not the row grown so far.
    rows: list[tuple[float, float, list[Word]]] = []
    for top, bottom, line in spans:
        if rows:
            rtop, rbottom, rwords = rows[-1]
            overlap = min(bottom, rbottom) - max(top, rtop)
            if overlap > 0.5 * min(bottom - top, rbottom - rtop) and not _stacked(rwords, line):
                rwords.extend(line)
                continue
        rows.append((top, bottom, list(line)))
    return [_Row(tuple(sorted(r[2], key=_X0))) for r in rows]


def _stacked(row: list[Word], line: list[Word]) -> bool:
    """Whether `line` is the next line of a paragraph of `row`, under it, not beside it: OCR put them in
    one paragraph (tesseract's block and paragraph ids) as two lines, and they overlap across the page.
    On a 150 dpi fax scaled up, tesseract may give a line's words boxes reaching far into the line
    below ("cập nhật cơ" 619-734 px over "sở dữ liệu …" at 685-761): by height alone the two would be
    one row and their words interleaved."""
    paragraph = line[0].line[:-1] if line[0].line is not None else None
    if paragraph is None:
        return False
    x0, x1 = min(map(_X0, line)), max(w.x1 for w in line)
    return any(w.line is not None and w.line[:-1] == paragraph and w.line != line[0].line
               and w.x0 < x1 and w.x1 > x0 for w in row)


def _text(words: Iterable[Word]) -> str:
    return " ".join(map(_TEXT, words))


# A two-column block (Nơi nhận beside the signature) ends at a row on one side that stands more than this
# many of its own heights below the block's last row: a blank line's gap. A browser's print of a portal
# page ran the links under the plan ("Tệp đính kèm: …", "TIN LIÊN QUAN") into the recipients' column,
# before the signature (blind37). (Ending a block at any row so set apart changed the lines of 46 text
# PDFs, read the same, and did not part a running head from the tail under it: not kept.)
BLOCK_GAP = 1.0


def page_lines(words: Sequence[Word], width: float) -> list[str]:
    """The page's lines in reading order, two-column blocks read column by column."""
    gap = COLUMN_GAP * width
    rows = _rows([w for w in words if w.text.strip()])
    out: list[str] = []
    i = 0
    while i < len(rows):
        segments = rows[i].segments(gap)
        if len(segments) != 2:
            # One segment is ordinary text; more are a table row: keep its cells apart.
            out.append("    ".join(_text(s) for s in segments))
            i += 1
            continue
        # The columns' extents so far: where the left column ends and the right one begins.
        left_end, right_start = max(w.x1 for w in segments[0]), segments[1][0].x0
        left, right = [_text(segments[0])], [_text(segments[1])]
        above = max(w.bottom for w in rows[i].words)  # the foot of the block's last row
        i += 1
        while i < len(rows):
            row = rows[i]
            parts = row.segments(gap)
            top = min(w.top for w in row.words)
            if len(parts) == 1 and top - above > BLOCK_GAP * (max(w.bottom for w in row.words) - top):
                break  # a row on one side after a blank line's gap: the block has ended
            above = max(above, max(w.bottom for w in row.words))
            if len(parts) == 2 and max(w.x1 for w in parts[0]) < right_start and parts[1][0].x0 > left_end:
                left.append(_text(parts[0]))
                right.append(_text(parts[1]))
                left_end = max(left_end, max(w.x1 for w in parts[0]))
                right_start = min(right_start, parts[1][0].x0)
            elif len(parts) == 1 and row.x1 < right_start:
                left.append(_text(row.words))
                left_end = max(left_end, row.x1)
            elif len(parts) == 1 and row.x0 > left_end:
                right.append(_text(row.words))
                right_start = min(right_start, row.x0)
            else:
                break
            i += 1
        out += left + right
    return out
