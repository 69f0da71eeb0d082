"""A unit's name that OCR misread in one place, spelled as the plan itself spells it elsewhere.

A plan names its units many times: in the body ("2. Phòng Tiếp nhận và Trả kết quả …: …"), in a task
table's lead and partner columns, in the recipients. On a faxed or photographed page OCR misreads a
letter or a mark of one of those mentions ("Phòng Tiếp nhận và TYả kết quả", "Ủy ban phân dân các
huyện", "Sở Thông tin và Truyền thẳng", "Phòng Hành chính - Tống hợp" four times in one table's
cells) while the others read right. The plan's own text is the best dictionary of its names: a
unit read on a page that was OCRed or repaired takes the spelling of a run of the plan's words that
differs from it in a few near words only, when the language model finds that spelling the likelier
Vietnamese by a clear margin. Where the plan spells it no other way, only a mark the model is far
surer of is changed ("Tố Văn phòng"), and a marked capital inside a word in small letters is put
right ("Phòng Văn hóa - XÃ hội"). Text read from a good layer is never respelled (a name printed
two ways is printed two ways); text the repair stage restored has only its marks respelled.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from khparse.fold import fold
from khparse.model.drafts import Assignment, Header
from khparse.repair.inventory import is_vietnamese_syllable, load_inventory
from khparse.repair.normalize import cased_like, strip_marks

if TYPE_CHECKING:
    from khparse.fields.document import Fields

_distance = Levenshtein.distance

# Characters a word carries at its ends that are not part of it.
_PUNCTUATION = ".,;:!?()[]\"'“”‘’"
# What ends a clause after a word, and the closing quotes and brackets that may follow it.
_CLAUSE_END = ",;:.!?"
_CLOSING = ")]\"'”’"
# At most one word in three may differ (one in a name of two words): a different name ("Phòng Kinh
# tế" / "Phòng Y tế") differs in most of its distinctive words, a misread one in a letter or two.
MAX_DIFFERING_SHARE = 1 / 3
# A differing word is near its spelling elsewhere when, without marks, it is at most this many
# letters away (insertions, deletions, substitutions): one in a short word ("rỉnh" / "tỉnh", "Phá" /
# "Phát"), two in a longer one; a read word that is no Vietnamese syllable at all ("nrung" for
# tượng, "TYả" for Trả) may be three away.
NEAR_SHORT, NEAR_LONG, NEAR_NOT_A_SYLLABLE = 1, 2, 3
SHORT_WORD = 3
# How much likelier (natural log) the plan's other spelling must be for the name to take it. Between
# a misread and the right spelling the language model puts 8-20 ("Tống hợp" -32.4 / "Tổng hợp"
# -21.4; "Truyền thẳng" -26.8 / "Truyền thông" -16.2). Two real names differing in a mark, both in
# the plan ("xã Hòa An" / "xã Hòa Ân", 7.5), would be one: a plan OCR read has the one name misread
# far more often than two such names.
LIKELIER_BY = 5.0
# … or as likely, with the plan writing the spelling's words together this many times as often as the
# read ones (see _better).
ATTESTED_TIMES = 2
# A name the plan spells nowhere else takes other marks on one word (its first, or one in small letters:
# never a proper name's) when the model finds them this much likelier (natural log; see _remarks: 12.0
# and 7.9 on a photocopy's "Tố Văn phòng", "Các tố chuyên môn"), among the REMARK_FORMS likeliest
# spellings of its letters.
REMARKED_BY = 7.5
REMARK_FORMS = 6


def _core(word: str) -> str:
    return word.strip(_PUNCTUATION)


def _letter_read_as_figure(read: str) -> bool:
    """A word with a letter OCR read as a figure ("T6" for "Tổ"): a capital then figures, no number."""
    return len(read) >= 2 and read[0].isalpha() and read[0].isupper() and any(c.isdigit() for c in read[1:])


def _case_of(read: str) -> str:
    """The case a respelled word takes from `read`: "T6" is a capital and small letters ("Tổ")."""
    return read[0] + re.sub(r"\d", "x", read[1:]) if _letter_read_as_figure(read) else read


def _near(read: str, other: str) -> bool:
    if any(c.isdigit() for c in other) or (any(c.isdigit() for c in read) and not _letter_read_as_figure(read)):
        return False  # "Tổ 1" / "Tổ 2": different bodies
    if (len(read) > 1 and read.isupper() and not _letter_read_as_figure(read)) != (len(other) > 1 and other.isupper()):
        return False  # an abbreviation ("UBND", "HĐND") is never a word's misreading, nor a word one's
    a, b = fold(read), fold(other)
    limit = NEAR_SHORT if max(len(a), len(b)) <= SHORT_WORD else NEAR_LONG
    if not is_vietnamese_syllable(read):
        limit = NEAR_NOT_A_SYLLABLE
    return _distance(a, b) <= limit


def _merged_cells_once(texts: Sequence[str]) -> list[str]:
    """The lines of `texts`, a table row's cell left out where it repeats the cell above it in its
    column: a cell merged over several rows is printed once, and its text stands in each row it spans
    (read/cells.py), so its words would count as the plan writing them again and again (a 200 dpi
    scan's "Ban Thường vụ Đoạn xã" merged over three rows outnumbered the plan's own "Đoàn xã")."""
    out: list[str] = []
    above: list[str] = []
    for line in (line for text in texts for line in text.split("\n")):
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
            above = []
            out.append(line)
            continue
        cells = [c.strip() for c in stripped[1:-1].split("|")]
        out.append(" | ".join(c if not c or k >= len(above) or c != above[k] else "" for k, c in enumerate(cells)))
        above = cells
    return out


class PlanWords:
    """The plan's words in order, with an index of where each (lower case) stands."""

    def __init__(self, texts: Sequence[str], *, letters: bool = True) -> None:
        # Whether a name's letters may be respelled, or only its marks (text the repair stage restored).
        self.letters = letters
        tokens = [(core, token) for line in _merged_cells_once(texts) for token in line.split()
                  if (core := _core(token))]
        self.words = [core for core, _ in tokens]
        self.lowered = [w.lower() for w in self.words]
        # Where a clause ends after a word ("an ninh nội bộ, an ninh …"): no name runs on across it,
        # and "Tổ An ninh" is no misread "bộ, an ninh".
        self.breaks = {i for i, (_, token) in enumerate(tokens) if token.rstrip(_CLOSING)[-1:] in _CLAUSE_END}
        self.at: dict[str, list[int]] = {}
        self.at_key: dict[str, list[int]] = {}  # by the word's letters without marks
        for i, w in enumerate(self.lowered):
            self.at.setdefault(w, []).append(i)
            self.at_key.setdefault(fold(w), []).append(i)
        # How often each two words stand together, and the words that follow and precede each word.
        self.pairs: Counter[tuple[str, str]] = Counter(
            pair for i, pair in enumerate(zip(self.lowered, self.lowered[1:], strict=False)) if i not in self.breaks)
        self.after: dict[str, set[str]] = {}
        self.before: dict[str, set[str]] = {}
        for a, b in self.pairs:
            self.after.setdefault(a, set()).add(b)
            self.before.setdefault(b, set()).add(a)

    def spellings(self, name: list[str], name_breaks: frozenset[int] = frozenset()) -> dict[tuple[str, ...], int]:
        """Runs of the plan's words as long as `name` that differ from it in a few near words, each
        respelled in the case of the name's own words, with how far it is from the name (letters
        without marks, summed over the words)."""
        lowered = [w.lower() for w in name]
        n = len(name)
        allowed = max(1, int(n * MAX_DIFFERING_SHARE))
        # Words that differ in their marks only count apart: up to half the name's words may differ
        # so (a 200 dpi scan's "Ban Thường vụ Đoạn xa" for the plan's "… Đoàn xã").
        allowed_marks = max(allowed, n // 2)
        starts: Counter[int] = Counter()  # words the same, at each start
        letters: Counter[int] = Counter()  # words with the same letters
        for j, word in enumerate(lowered):
            for i in self.at.get(word, ()):
                if i - j >= 0:
                    starts[i - j] += 1
            for i in self.at_key.get(fold(word), ()):
                if i - j >= 0:
                    letters[i - j] += 1
        out: dict[tuple[str, ...], int] = {}
        for start, same_letters in letters.items():
            same = starts[start]
            if not (n - allowed <= same_letters and n - allowed_marks <= same < n) or start + n > len(self.words):
                continue
            if any((start + k in self.breaks) != (k in name_breaks) for k in range(n - 1)):
                continue
            run = self.words[start : start + n]
            differing = [j for j in range(n) if run[j].lower() != lowered[j]]
            if all(_near(name[j], run[j]) for j in differing):
                spelling = tuple(cased_like(run[j], _case_of(name[j])) if j in differing else name[j] for j in range(n))
                out[spelling] = sum(_distance(fold(name[j]), fold(run[j])) for j in differing)
        # One word of the name spelled as the plan spells it beside the same neighbour ("Các chỉ đoàn khu
        # phố", where the plan has "Mỗi chi đoàn khu phố" but no run as long as the name).
        for j in range(n):
            beside = (self.after.get(lowered[j - 1], set()) if j > 0 else set()) | \
                     (self.before.get(lowered[j + 1], set()) if j + 1 < n else set())
            for word in beside - {lowered[j]}:
                # One neighbour is little context: a syllable only a letter away (or marks), not a real
                # word two letters off ("thu khác" is no misread "thu nhập").
                if _near(name[j], word) and (_distance(fold(name[j]), fold(word)) <= NEAR_SHORT
                                             or not is_vietnamese_syllable(name[j])):
                    spelling = (*name[:j], cased_like(word, _case_of(name[j])), *name[j + 1 :])
                    out.setdefault(spelling, _distance(fold(name[j]), fold(word)))
        return out


def _syllables(words: Sequence[str]) -> list[str]:
    return [w for w in words if any(c.isalpha() for c in w)]


def respelled(name: str, plan: PlanWords, depth: int = 0) -> str:
    """`name` as the plan spells it elsewhere (see the module's doc), or as it is."""
    words = name.split()
    if len(words) < 2:
        return name
    # A speck read as a letter before the name ("l Phòng Kiểm tra"), the rest standing in the plan.
    if len(words) > 2 and len(words[0]) == 1 and not words[0].isupper() and _stands(words[1:], plan):
        return respelled(" ".join(words[1:]), plan, depth)
    cores = [_core(w) for w in words]
    if not all(cores):
        return name
    clause_ends = frozenset(j for j, w in enumerate(words) if w.rstrip(_CLOSING)[-1:] in _CLAUSE_END)
    spellings = plan.spellings(cores, clause_ends)
    remarks = _remarks(cores) if plan.letters else []
    if not spellings and not remarks:
        return name
    from khparse.repair.phrase_score import phrase_logprobs  # numpy and the model: only for a name

    # The name as read, the plan's spellings and the other marks, scored in one batch.
    scores = phrase_logprobs([_syllables(t) for t in (cores, *spellings, *remarks)])
    read, scored, remarked = scores[0], scores[1 : 1 + len(spellings)], scores[1 + len(spellings) :]
    taken = [(score, s, d) for score, (s, d) in zip(scored, spellings.items(), strict=True)
             if _better(s, cores, score - read, plan)]
    if not taken:
        surer = max(((score, s) for score, s in zip(remarked, remarks, strict=True) if score - read >= REMARKED_BY),
                    default=None)
        taken = [(surer[0], surer[1], 0)] if surer else []
    # A spelling the plan prints whole ("Các sở, ban, ngành tỉnh") before one word respelled beside a
    # neighbour ("… ngành lĩnh", of "lĩnh vực"); then the nearest: "Sở Thông tin và Truyền thẳng" is
    # "Sở … Truyền thông" (one letter), not the "Bộ … Truyền thông" (two) the plan names too.
    whole = [t for t in taken if _stands(t[1], plan)]
    taken = whole or taken
    if not taken:
        return name
    nearest = min(d for _, _, d in taken)
    ranked = sorted(((score, s) for score, s, d in taken if d == nearest), reverse=True)
    if len(ranked) > 1 and ranked[1][0] > ranked[0][0] - LIKELIER_BY:
        return name  # two spellings and no clear choice
    best = ranked[0][1]
    spelled = " ".join(w.replace(c, b, 1) if c != b else w for w, c, b in zip(words, cores, best, strict=True))
    # One word respelled, another may follow ("Phá triển đối nrung" → "Phát triển đối nrung" → "… đối tượng").
    return respelled(spelled, plan, depth + 1) if depth < len(words) else spelled


def _remarks(cores: list[str]) -> list[tuple[str, ...]]:
    """The name with one word's marks changed, for a name the plan spells nowhere else: taken where the
    language model finds it far likelier (REMARKED_BY). A 300 dpi photocopy's thickened strokes read
    every "tổ" as "tố" ("Tố Văn phòng" -24.8, "Tổ Văn phòng" -12.8; "Các tố chuyên môn" -26.8 / -18.9)."""
    inventory = load_inventory()
    out = []
    for j, word in enumerate(cores):
        if not word.isalpha() or (len(word) > 1 and word.isupper()) or not is_vietnamese_syllable(word) \
                or (j > 0 and word[0].isupper() and (j + 1 == len(cores) or cores[j + 1][:1].isupper())):
            # An abbreviation, or a proper name's word ("xã Hòa Ân" is no misread "Hòa An"): a name's
            # words are all capitals. A capital before a small word starts a unit's own words ("Đội
            # Kiếm tra thuế", "Khoa Kiếm soát bệnh tật": a blurred "ể" read "ế").
            continue
        for form_id in inventory.by_key.get(strip_marks(word.lower()), ())[:REMARK_FORMS]:
            form = inventory.forms[form_id]
            if form != word.lower():
                out.append((*cores[:j], cased_like(form, word), *cores[j + 1 :]))
    return out


def _better(spelling: tuple[str, ...], read: list[str], gain: float, plan: PlanWords) -> bool:
    """Whether the plan's `spelling` beats the name as `read`: the language model finds it likelier by
    LIKELIER_BY, or at least as likely while the plan writes its changed words beside the same
    neighbours ATTESTED_TIMES as often as the read ones. The model alone cannot tell "Chỉ đoàn" from
    "Chi đoàn" at the start of a name (chỉ opens many sentences; -29.4 / -29.0 for "… Trường THCS"),
    the plan can: "chi đoàn" four times, "chỉ đoàn" only in the two misread units."""
    changed = [j for j in range(len(read)) if spelling[j] != read[j]]

    def beside(words: Sequence[str], at: Sequence[int]) -> int:
        low = [w.lower() for w in words]
        return sum(plan.pairs[(low[j - 1], low[j])] for j in at if j > 0) + \
            sum(plan.pairs[(low[j], low[j + 1])] for j in at if j + 1 < len(low))

    for j in (j for j in changed if fold(spelling[j]) != fold(read[j])):  # a letter changed, not a mark
        # Repaired text had its letters from the page, only its marks from the model; and a real word
        # that the plan writes beside the same neighbour elsewhere is no misreading ("UBND cấp xã"
        # beside "UBND các xã": both the plan's).
        this_mention = 2 if 0 < j < len(read) - 1 else 1  # the pairs the name itself makes with the word
        if not plan.letters or (is_vietnamese_syllable(read[j]) and beside(read, [j]) > this_mention):
            return False
    if gain >= LIKELIER_BY:
        return True
    if gain < 0:
        return False
    if changed == [0] and fold(spelling[0]) == fold(read[0]):
        # The unit's head noun with other marks ("Tố tư vấn tâm lý học đường", the plan's "Tổ tư vấn
        # tâm lý" once): a head noun is no proper name, and the plan writing it so as often will do.
        return beside(spelling, changed) >= max(1, beside(read, changed))
    return beside(spelling, changed) >= ATTESTED_TIMES * max(1, beside(read, changed))


def _runs(lowered: list[str], plan: PlanWords) -> int:
    """How often the words `lowered` (in small letters) stand as a run in the plan."""
    return sum(plan.lowered[i : i + len(lowered)] == lowered for i in plan.at.get(lowered[0], ()))


def _stands(words: Sequence[str], plan: PlanWords) -> bool:
    return _runs([w.lower() for w in words], plan) > 0


def _case_slips(name: str) -> str:
    """A short word of a name in small letters printed with a marked capital, as tesseract does on a
    fax ("Phòng Văn hóa - XÃ hội", "Đoàn Thanh niên xÃ"): an abbreviation never carries a tone or a
    vowel's mark (only Đ), so such a word is the word in small letters, its first letter kept."""
    words = name.split()
    if not any(w.islower() for w in words):
        return name  # a name printed in capitals stays

    def marked(c: str) -> bool:
        return c.isupper() and c not in "Đ" and unicodedata.normalize("NFD", c) != c

    out = []
    for word in words:
        if len(word) > 1 and word[1:].lower() != word[1:] and any(marked(c) for c in word[1:]):
            word = word[0] + word[1:].lower()
        out.append(word)
    return " ".join(out)


# The plan names itself (its issuer's place: "XÃ MỸ LỆ TRUNG", "Hội Nông dân xã Mỹ Lệ Trung") in its
# header, title, body and closing: a name in the header OCR read with other marks takes the plan's
# spelling where the plan writes that spelling at least this many times, and more often than the read one.
OWN_NAME_TIMES = 2


def respelled_own_name(name: str, plan: PlanWords) -> str:
    """The header's `name` (issuer, place) with the marks the plan gives it elsewhere; only marks."""
    words = name.split()
    cores = [_core(w) for w in words]
    if len(words) < 2 or not all(cores):
        return name
    lowered = [c.lower() for c in cores]
    # The name's runs of words, the longest first, its last words before others of a length: its place
    # ("MỸ LỆ TRUNG"), then its kind of body ("HỘI CHỮ THẬP ĐÓ" of "BCH HỘI CHỮ THẬP ĐỎ XÃ …").
    for size in range(len(cores), 1, -1):
        for start in range(len(cores) - size, -1, -1):
            part = lowered[start:start + size]
            keys = [fold(w) for w in part]
            options: Counter[tuple[str, ...]] = Counter()
            for i in plan.at_key.get(keys[0], ()):
                run = plan.lowered[i : i + size]
                if len(run) == size and run != part and [fold(w) for w in run] == keys:
                    options[tuple(run)] += 1
            if not options:
                continue
            (best, times), *others = options.most_common()
            if times < OWN_NAME_TIMES or (others and others[0][1] == times) or _runs(part, plan) >= times:
                continue  # not clear at this length ("dân xã Mỹ Lệ Trung" once): perhaps with fewer words
            if _read_likelier(part, list(best)):
                # The header's large print read right and the body's small print misread the same way
                # each time ("CHI CỤC KIỂM LÂM", the body's "Hạt Kiếm lâm" three times: -14.5 / -30.5).
                continue
            spelt = [cased_like(w, c) for w, c in zip(best, cores[start:start + size], strict=True)]
            changed = [w.replace(c, b, 1) for w, c, b in zip(words[start:start + size], cores[start:start + size],
                                                             spelt, strict=True)]
            return " ".join([*words[:start], *changed, *words[start + size:]])
    return name


def _read_likelier(read: list[str], other: list[str]) -> bool:
    """Whether the language model finds the words as read likelier than `other` by LIKELIER_BY."""
    from khparse.repair.phrase_score import phrase_logprobs

    as_read, as_other = phrase_logprobs([_syllables(read), _syllables(other)])
    return bool(as_read - as_other >= LIKELIER_BY)


# A word of a title is weighed with this many words on each side (the model's context and a little).
TITLE_WINDOW = 2


def remarked_title(title: str) -> str:
    """A title OCR read with a small word's marks wrong ("ký niệm 95 năm" for "kỷ niệm"): each word in
    small letters takes other marks where the model, on the word and TITLE_WINDOW words each side,
    finds them far likelier (REMARKED_BY, as for a unit the plan names once); a capital's word is a
    proper name's and stays. The changes are taken surest first, none within a window of another."""
    from khparse.repair.phrase_score import phrase_logprobs

    words = title.split()
    cores = [_core(w) for w in words]
    inventory = load_inventory()
    asked: list[tuple[int, str, int, int]] = []  # (word, form, the window as read, the window with the form)
    phrases: list[list[str]] = []
    for j, word in enumerate(cores):
        # The title's first word has its capital from the sentence ("Kiếm soát thủ tục hành chính", a
        # fax's "Kiểm"), not from a name.
        sentence_start = j == 0 and word[:1].isupper() and word[1:].islower()
        if not word.isalpha() or not (word.islower() or sentence_start) or not is_vietnamese_syllable(word):
            continue
        lo, hi = max(0, j - TITLE_WINDOW), min(len(cores), j + TITLE_WINDOW + 1)
        read_at = len(phrases)
        phrases.append(_syllables(cores[lo:hi]))
        for form_id in inventory.by_key.get(strip_marks(word.lower()), ())[:REMARK_FORMS]:
            form = cased_like(inventory.forms[form_id], word)
            if form != word:
                asked.append((j, form, read_at, len(phrases)))
                phrases.append(_syllables([*cores[lo:j], form, *cores[j + 1:hi]]))
    if not asked:
        return _ordinals(words)
    scores = phrase_logprobs(phrases)
    gains = sorted(((scores[at] - scores[read_at], j, form) for j, form, read_at, at in asked), reverse=True)
    taken: dict[int, str] = {}
    for gain, j, form in gains:
        if gain >= REMARKED_BY and all(abs(j - t) > TITLE_WINDOW for t in taken):
            taken[j] = form
    return _ordinals([w.replace(cores[j], taken[j], 1) if j in taken else w for j, w in enumerate(words)])


# A Roman numeral after the words that count rounds and periods ("đợt I", "quý II", "giai đoạn III",
# "khóa XV"), which OCR may read in small letters ("đợt i"): a lone "i" is no Vietnamese word.
_ORDINAL_AFTER = {"đợt", "quý", "đoạn", "khóa", "khoá", "kỳ", "lần", "phần", "chương"}
_SMALL_ROMAN = re.compile(r"[ivx]{1,4}")


def _ordinals(words: list[str]) -> str:
    return " ".join(w.upper() if k and words[k - 1].lower() in _ORDINAL_AFTER and _SMALL_ROMAN.fullmatch(_core(w))
                    else w for k, w in enumerate(words))


def respell_header(header: Header, plan: PlanWords) -> Header:
    """The header's issuer and place with the marks the plan gives them elsewhere (OWN_NAME_TIMES), and
    the title's small words with the marks the model is far surer of (remarked_title)."""
    update = {key: respelled_own_name(value, plan) for key, value in
              (("issuer", header.issuer), ("place", header.place)) if value}
    if header.title and plan.letters:
        update["title"] = remarked_title(header.title)
    return header.model_copy(update=update) if any(update[k] != getattr(header, k) for k in update) else header


_QUERY_SPECK = re.compile(r"\?+")
_NAME_HYPHEN = re.compile(r"(?<=\w)[-–—](?=[A-ZĐÀ-Ỹ])")


def respelled_signer(name: str) -> str:
    """A signer's surname OCR misread into no Vietnamese syllable, a letter away from exactly one of the
    common surnames (repair/gazetteer.SURNAMES): "Hbang Văn Khánh" on a photocopy is Hoàng Văn Khánh.
    A person's name is written nowhere else in a plan, so the closed list of surnames is its dictionary."""
    from khparse.repair.gazetteer import SURNAMES

    # A name holds no "?": OCR prints one for a speck it cannot make out ("K'? Tuấn Ân", a seal's dot);
    # no hyphen between its words: a ballpoint signature's stroke across the line ("Võ-Minh Trí").
    name = " ".join(_NAME_HYPHEN.sub(" ", _QUERY_SPECK.sub("", name)).split()) or name
    words = name.split()
    if len(words) >= 3 and words[0].isalpha() and words[0] == fold(words[0]).capitalize():
        # A surname read without its marks ("Le Thị Quỳnh Anh" on a fax): the one common surname it folds to.
        spelt = SURNAMES.get(fold(words[0]))
        if spelt is not None and spelt != words[0].lower():
            return " ".join([spelt[:1].upper() + spelt[1:], *words[1:]])
    # Three letters or more: "H Yăm Byă", "Y Khuê Niê" open with the Ê Đê's one-letter H and Y.
    if len(words) < 3 or len(words[0]) < 3 or not words[0].isalpha() or is_vietnamese_syllable(words[0]):
        return name
    near = [spelt for key, spelt in SURNAMES.items() if _distance(fold(words[0]), key) <= NEAR_SHORT]
    if len(near) != 1:
        return name
    surname = near[0].upper() if words[0].isupper() else near[0][:1].upper() + near[0][1:]
    return " ".join([surname, *words[1:]])


# A unit's number OCR read as a stroke ("Đội Quản lý hộ kinh doanh, cá nhân số ]", "Tổ công tác số |"): after
# "số" a lone stroke is the figure one.
_STROKE_FOR_ONE = re.compile(r"(?<=\b[Ss]ố )[\]|l!I](?=$|[\s,;:.)])")


def _figure_slips(name: str) -> str:
    return _STROKE_FOR_ONE.sub("1", name)


# The branch of a body ("Chi hội", "Chi bộ", "Chi đoàn", "Chi cục", "Chi nhánh") opens a unit's name
# with "Chi"; OCR gives its i a tone mark ("Chỉ hội Chữ thập đỏ các ấp" on a phone photo), and no unit
# is named "Chỉ hội". ("Chỉ huy trưởng", "Chỉ đạo" are other words.)
_BRANCH = re.compile(r"\b(?:Chỉ|CHỈ|Chí|CHÍ|Chì|CHÌ|Chị|CHỊ|chỉ|chí|chì)"
                     r"(?= (?:hội|bộ|đoàn|cục|nhánh|HỘI|BỘ|ĐOÀN|CỤC|NHÁNH)\b)")


def _branch_slips(name: str) -> str:
    """Each branch's "Chi" in `name` ("Các chi đoàn thôn, chỉ đoàn trường học")."""
    return _BRANCH.sub(lambda m: {"C": "Chi", "c": "chi"}.get(m.group(0)[:1], "CHI")
                       if not m.group(0).isupper() else "CHI", name)


def respell_units(assignments: list[Assignment], plan: PlanWords) -> list[Assignment]:
    """Each assignment's unit, lead and partners as the plan spells them."""

    def spell(name: str | None) -> str | None:
        return respelled(_branch_slips(_figure_slips(_case_slips(name))) if plan.letters else name, plan) \
            if name else name

    out = []
    for a in assignments:
        unit = spell(a.unit) or a.unit
        out.append(a.model_copy(update={"unit": unit, "lead": spell(a.lead),
                                        "partners": [spell(p) or p for p in a.partners]}))
    return out


def respell(fields: Fields, texts: Sequence[str], *, ocr: bool) -> None:
    """The names of `fields` as the plan (`texts`: its pages) spells them. ocr: some of the text was read
    by OCR, whose letters may be misread: the units, and the header's and signer's names; else it was
    restored by the repair stage, whose letters are the page's: only the units' marks."""
    plan = PlanWords(texts, letters=ocr)
    fields.assignments = respell_units(fields.assignments, plan)
    if ocr:
        fields.header.header = respell_header(fields.header.header, plan)
        signer = fields.ending.signer
        if signer is not None and signer.name:
            fields.ending.signer = signer.model_copy(update={"name": respelled_signer(signer.name)})
