"""Near matches of short phrases: rapidfuzz's `fuzz.ratio`, `partial_ratio` and
`partial_ratio_alignment`, computed in Python, value for value.

The parser asks a few hundred of these per plan (is this line the motto, is this heading "TỔ CHỨC
THỰC HIỆN" with a letter garbled), on phrases of a few dozen letters: about a millisecond in all.
Importing rapidfuzz for them costs 10-25 ms a start, since its package loads every metric it has,
and people run one `khparse extract` per file. So the text path computes them here, and
rapidfuzz stays for what needs its speed: matching every word against an inventory (repair/).

The results are rapidfuzz's own, bit for bit (tests/test_similarity.py compares them on many
pairs): the same floating-point steps, the same cut-off rules, the same alignment among equally
good ones (rapidfuzz 3.x, C++ `fuzz_impl.hpp`, no processor: strings are compared as given).
Cut-offs are scores from 0 to 100, as rapidfuzz takes them.
"""

from __future__ import annotations

from math import ceil


class Alignment:
    """Where the shorter string matched: the score and the spans in the first (src) and second (dest)
    string, as rapidfuzz's ScoreAlignment. A plain class: a NamedTuple costs a millisecond to build."""

    __slots__ = ("dest_end", "dest_start", "score", "src_end", "src_start")

    def __init__(self, score: float, src_start: int, src_end: int, dest_start: int, dest_end: int) -> None:
        self.score, self.src_start, self.src_end = score, src_start, src_end
        self.dest_start, self.dest_end = dest_start, dest_end

    def __repr__(self) -> str:
        return (f"Alignment(score={self.score}, src_start={self.src_start}, src_end={self.src_end}, "
                f"dest_start={self.dest_start}, dest_end={self.dest_end})")


def _masks(s: str) -> dict[str, int]:
    """For each character of `s`, the bits of the positions where it stands."""
    masks: dict[str, int] = {}
    bit = 1
    for ch in s:
        masks[ch] = masks.get(ch, 0) | bit
        bit <<= 1
    return masks


def _lcs_steps(masks: dict[str, int], len1: int, s2: str) -> list[int]:
    """The longest common subsequence of the string of `masks` (`len1` long) with each prefix of `s2`
    (s2[:1], s2[:2], ...), by Hyyrö's bit-parallel recurrence (rapidfuzz's own): the zero bits of `v`
    count the subsequence; the carries that run above bit len1 never come back down."""
    full = (1 << len1) - 1
    v, steps = full, []
    for ch in s2:
        m = masks.get(ch)
        if m is not None:
            u = v & m
            v = (v + u) | (v - u)
        steps.append(len1 - (v & full).bit_count())
    return steps


def _lcs(masks: dict[str, int], len1: int, s2: str) -> int:
    """The longest common subsequence of the string of `masks` (`len1` long) with `s2`: the last of
    _lcs_steps, without the list."""
    v = (1 << len1) - 1
    for ch in s2:
        m = masks.get(ch)
        if m is not None:
            u = v & m
            v = (v + u) | (v - u)
    return len1 - (v & ((1 << len1) - 1)).bit_count()


def _out_of_reach(best: float, score_cutoff: float) -> bool:
    """No score up to `best` reaches the cut-off, whatever the rounding of its last bit."""
    return best + 1e-9 < score_cutoff


def _score(dist: int, maximum: int, score_cutoff: float) -> float:
    """rapidfuzz's normalized Indel similarity times 100, 0 below the cut-off."""
    cutoff = score_cutoff / 100
    norm_dist = dist / maximum if maximum else 0.0
    # rapidfuzz gives up on distances past the cut-off, with a little slack for rounding.
    if norm_dist > min(1.0, 1.0 - cutoff + 0.00001):
        return 0.0
    similarity = 1.0 - norm_dist
    return similarity * 100 if similarity >= cutoff else 0.0


def ratio(s1: str, s2: str, score_cutoff: float = 0.0) -> float:
    """`rapidfuzz.fuzz.ratio`: 100 less the share of insertions and deletions between the two."""
    if len(s1) < len(s2):  # the loop runs over the second string
        s1, s2 = s2, s1
    total = len(s1) + len(s2)
    if total and _out_of_reach(200 * len(s2) / total, score_cutoff):  # lengths too far apart
        return 0.0
    return _score(total - 2 * _lcs(_masks(s1), len(s1), s2), total, score_cutoff)


def _partial(s1: str, s2: str, score_cutoff: float, masks: dict[str, int]) -> Alignment:
    """The best ratio of `s1` (`masks`: its _masks) against the substrings of `s2` of its length, then
    against the shorter ones at either end of `s2`. len(s1) <= len(s2), neither empty."""
    len1, len2 = len(s1), len(s2)
    score, dest_start, dest_end = 0.0, 0, len1
    if len2 > len1:
        # The windows of s2 as a binary search tree, breadth first: a window's distance differs from
        # its neighbour's by at most 2, so a span whose ends are far from the best found is skipped.
        maximum = 2 * len1
        cutoff_dist = ceil(maximum * min(1.0, 1.0 - score_cutoff / 100 + 0.00001))
        best: int | None = None
        scores = [-1] * (len2 - len1)  # -1: not computed yet
        windows = [(0, len2 - len1 - 1)]
        while windows:
            split: list[tuple[int, int]] = []
            for first, last in windows:
                for start in (first, last):
                    if scores[start] < 0:
                        dist = scores[start] = 2 * (len1 - _lcs(masks, len1, s2[start : start + len1]))
                        if dist < cutoff_dist:
                            cutoff_dist = best = dist
                            dest_start, dest_end = start, start + len1
                            if dist == 0:
                                return Alignment(100.0, 0, len1, dest_start, dest_end)
                a, b = scores[first], scores[last]
                cells = last - first
                if cells == 1:
                    continue
                improvement = (cells - abs(a - b) // 2) // 2 * 2
                if min(a, b) - improvement < cutoff_dist:
                    centre = first + cells // 2
                    split += [(first, centre), (centre, last)]
            windows = split
        if best is not None:
            found = (1.0 - best / maximum) * 100
            if found >= score_cutoff:
                score_cutoff = score = found
    # s1 overhanging the start of s2, then its end: the common subsequences of all those ends of s2
    # in one pass each (the ends of s2 read backwards against s1 backwards).
    starts = _lcs_steps(masks, len1, s2[: len1 - 1])
    ends = _lcs_steps(_masks(s1[::-1]), len1, s2[len2 - len1 :][::-1])
    overhangs = [(0, i, starts[i - 1]) for i in range(1, len1) if s2[i - 1] in masks]
    overhangs += [(i, len2, ends[len2 - i - 1]) for i in range(len2 - len1, len2) if s2[i] in masks]
    for start, end, lcs in overhangs:
        found = _score(len1 + end - start - 2 * lcs, len1 + end - start, score_cutoff)
        if found > score:
            score_cutoff = score = found
            dest_start, dest_end = start, end
            if score == 100.0:
                break
    return Alignment(score, 0, len1, dest_start, dest_end)


def _swapped(found: Alignment) -> Alignment:
    return Alignment(found.score, found.dest_start, found.dest_end, found.src_start, found.src_end)


def _best_alignment(s1: str, s2: str, score_cutoff: float) -> Alignment:
    len1, len2 = len(s1), len(s2)
    if len1 > len2:
        return _swapped(_best_alignment(s2, s1, score_cutoff))
    if score_cutoff > 100:
        return Alignment(0.0, 0, len1, 0, len1)
    if not len1:
        return Alignment(100.0 if len1 == len2 else 0.0, 0, len1, 0, len1)
    # Most phrases asked about are nowhere in the line. No alignment shares more with s1 than the whole
    # of s2 does (lcs): when even that would score below the cut-off, rapidfuzz finds 0 too.
    masks = _masks(s1)
    lcs = _lcs(masks, len1, s2)
    if _out_of_reach(200 * lcs / (len1 + lcs), score_cutoff):
        return Alignment(0.0, 0, len1, 0, len1)
    found = _partial(s1, s2, score_cutoff, masks)
    if found.score != 100 and len1 == len2:  # equal lengths: either may overhang the other
        other = _partial(s2, s1, max(score_cutoff, found.score), _masks(s2))
        if other.score > found.score:
            return _swapped(other)
    return found


def partial_ratio(s1: str, s2: str, score_cutoff: float = 0.0) -> float:
    """`rapidfuzz.fuzz.partial_ratio`: the ratio of the shorter string where it best matches in the
    longer one; 0 below the cut-off."""
    return _best_alignment(s1, s2, score_cutoff).score


def partial_ratio_alignment(s1: str, s2: str, score_cutoff: float = 0.0) -> Alignment | None:
    """`rapidfuzz.fuzz.partial_ratio_alignment`: partial_ratio and where it matched; None below the
    cut-off."""
    found = _best_alignment(s1, s2, score_cutoff)
    return found if found.score >= score_cutoff else None
