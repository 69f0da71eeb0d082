"""The legal basis: every document cited in the opening "Căn cứ / Thực hiện / Tiếp tục thực hiện …"
paragraphs, as {kind, number, date, issuer, summary}."""

from __future__ import annotations

import re

from khparse import similarity
from khparse.fields.common import find_date, tidy
from khparse.model import CitationKind
from khparse.model.drafts import Citation

# Folded kind names, longest first so "nghi quyet lien tich" wins over "nghi quyet". OCR reads the
# "i" of "Nghị" as "l" or "1" ("Nghl quyet").
_KINDS: tuple[tuple[str, CitationKind], ...] = (
    (r"ngh[il1] quyet lien tich", CitationKind.resolution),
    (r"thong tu lien tich", CitationKind.circular),
    (r"ngh[il1] quyet", CitationKind.resolution),
    (r"ngh[il1] dinh", CitationKind.decree),
    (r"quyet dinh", CitationKind.decision),
    (r"chi th[il1]", CitationKind.directive),
    (r"ke hoach", CitationKind.plan),
    (r"thong tu", CitationKind.circular),
    (r"thong bao ket luan", CitationKind.notice),  # a notice that conveys a body's conclusions
    (r"ket luan", CitationKind.conclusion),
    (r"huong dan", CitationKind.guidance),
    (r"cong van", CitationKind.official_letter),
    (r"bo luat|luat", CitationKind.law),
    (r"thong bao", CitationKind.notice),
    (r"de an", CitationKind.scheme),
    (r"chuong trinh", CitationKind.program),
    (r"hien phap", CitationKind.law),
    (r"to trinh", CitationKind.submission),
    (r"bao cao", CitationKind.report),
    # "Văn bản số 1234/UBND-NC" is how a Công văn is cited when its type is not named.
    (r"van ban", CitationKind.official_letter),
    (r"cong dien|phap lenh|quy dinh|quy che|dieu le", CitationKind.other),
)
# Kind names for a fuzzy look-up when OCR garbled the words before "số" ("Huéng dan sé 02/HD-NV").
_KIND_NAMES = tuple((re.sub(r"\W", "", p.split("|")[0].replace("[il1]", "i")), k) for p, k in _KINDS)
# What a document's number looks like ahead (folded): digits, maybe a year, then a symbol with letters
# ("76/NQ-CP", "30/2018/QĐ-UBND", "04-NQ/TU"); never a date.
_SYMBOL_AHEAD = r"(?=\d{1,5}[a-z]?\s*(?:/\s*(?:19|20)\d{2}\s*)?[/-]\s*[a-z])"
_SO_NUMBER = re.compile(r"\bs\w{0,2}\s*[:.]?\s*" + _SYMBOL_AHEAD)  # "số." too: a speck read as a stop
# A document's number a few words after its kind with its "số" lost: OCR glued it to the word before
# ("Luật Ngân sách nhà nudesb 89/2025/QH15").
_BARE_NUMBER = re.compile(r"\s" + _SYMBOL_AHEAD)
# The kind words as one alternation, group k<i> naming _KINDS[i] (read back by _kind_of).
_KIND_WORDS = r"(?:" + "|".join(f"(?P<k{i}>{p})" for i, (p, _) in enumerate(_KINDS)) + r")\b"
_KIND_RE = re.compile(r"\b" + _KIND_WORDS)
# "số", and OCR's "s6", "sé", "sb", "s": a short word starting with s before the number.
_SO = re.compile(r"\s*(?:s\w{0,2}\s*[:.]?\s*)?")
# Document numbers: 76/NQ-CP, 30/2018/QĐ-UBND, 04-NQ/TU, 13- NQ/TU, 1494/TTr-SNV, 35/2023/UBTVQH15,
# and a letter after the number where a series was split (30c/NQ-CP).
NUMBER = re.compile(
    r"\d{1,5}[a-zđ]?(?:\s*/\s*(?:19|20)\d{2})?\s*[/-]\s*[A-ZĐ][A-ZĐa-z0-9&]*(?:\s*[-/&]\s*[A-ZĐ0-9][A-ZĐa-z0-9&]*)*"
)
_OF = re.compile(r"\s*,?\s*c\w{0,3}a\s+")  # "của", OCR "ctia", "cta", "cia", "clia", "ciia"
_ISSUER_END = re.compile(r"\s+(?:ve|v/v|ban hanh|phe duyet|quy dinh|huong dan)\b|[;,(]|\.\s|\.$")
_ABOUT = re.compile(r"\s*(?:ve viec|ve|v/v)\s+")
# Where a basis paragraph turns into the plan's own purpose: ", UBND … xây dựng Kế hoạch …". A comma
# before a citation's date ("138/NQ-CP, ngày 16/5/2025 của Chính phủ ban hành Kế hoạch hành động …",
# as Party documents write it) opens no such turn: the words after it are the cited one's.
_OWN_PLAN = re.compile(r",(?!\s*ngay\b)[^,;]{0,80}?\b(?:xay dung|ban hanh|trien khai)\s+ke hoach\b")


# A law cited by name starts a clause: at the paragraph's start, after ";" or ",", or after the opener.
_CLAUSE_START = re.compile(r"(?:^|[;,]|can cu|thuc hien|^(?:\d{1,2}[.)]|[-+•]))\s*$")  # or a list item's mark
_CLAUSE_LOOKBACK = 16
# An unnumbered document right after the opener, or opening a basis item of its own ("Căn cứ:" then
# "- Chương trình công tác năm 2024 của …"), or the next in a list after ";" ("…; Chương trình công tác
# năm 2026 của Ban Chấp hành …"), and the "của" that names its issuer soon after.
_UNNUMBERED = re.compile(r"^$|.*(?:^|[;,.]\s*|\s)(?:can cu|thuc hien)\s+$|.*;\s*$")
# The "của" that names its issuer, or the year it is for ("căn cứ Chương trình công tác Đoàn … năm 2025, Ban
# Thường vụ … xây dựng Kế hoạch": a body's own yearly programme, cited without an issuer).
_OF_ISSUER = re.compile(r"\bcua\s|\bnam \d{4}\b")
_CONGRESS = re.compile(r"\s+dai hoi\b")
# A law's name and date ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015") fit in this.
MAX_CITATION_CHARS = 400

# How a basis paragraph opens; a decision's preamble ends with the proposal it answers ("Theo đề
# nghị của Giám đốc Sở Nội vụ tại Tờ trình số …", "Xét đề nghị …").
_OPENER = re.compile(r"(can cu|thuc hien|tiep tuc thuc hien|trien khai|quan triet|thuc hien chi dao|"
                     r"theo de nghi|xet de nghi)\b")
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|[-+•])\s*")
# The opener alone on its line ("Căn cứ:"): its documents are listed under it as items.
_OPENER_ALONE = re.compile(r"^(?:can cu|thuc hien)\s*:?\s*$")


# "… ngày 29/6/2006" or "… ngày 19 tháng 6 năm 2015" inside a law's item.
_LAW_DATE = re.compile(r"\bngay\s+\d{1,2}\s*(?:/|thang)")


def is_opener_alone(key: str) -> bool:
    return _OPENER_ALONE.match(key) is not None


def opens_with_citation(text: str, key: str) -> bool:
    """A paragraph that begins by naming a document, numbered or not ("Chương trình công tác năm 2026 của
    … và Kế hoạch số 09/KH-UBND …"): after a basis paragraph that ended with ";", the same run-on basis
    (a text layer's paragraphs broke it where a line began with the document's name)."""
    mark = _LIST_MARK.match(key)
    start = mark.end() if mark else 0
    return any(begin == start for begin, _, _, _ in _starts(text[: start + 60], key[: start + 60]))


def is_basis_paragraph(text: str, key: str) -> bool:
    """A paragraph of the legal basis: it opens with "Căn cứ / Thực hiện / …", or — with the opener
    garbled ("Cdn cir", "Thuc hi¢n") or absent in a list — cites a numbered document at once."""
    mark = _LIST_MARK.match(key)
    start = mark.end() if mark else 0
    if _OPENER.match(key, start):
        return True
    head = key[: start + 60]
    starts = _starts(text[: len(head)], head)
    if any(begin <= start + 24 and number is not None for begin, _, _, number in starts):
        return True
    # A paragraph or list item that opens with a law and its date ("- Luật Công nghệ thông tin ngày
    # 29/6/2006;"): laws are cited by name and date, without a number, in a basis listed without "Căn cứ".
    return any(begin == start and kind is CitationKind.law for begin, _, kind, _ in starts) \
        and _LAW_DATE.search(key, start) is not None


def _kind_of(match: re.Match[str]) -> CitationKind:
    for i, (_, kind) in enumerate(_KINDS):
        if match.group(f"k{i}"):
            return kind
    return CitationKind.other


def _fuzzy_kind(key: str, end: int) -> tuple[int, CitationKind] | None:
    """The kind named by the 1-3 words before `end` (a garbled "số"), by a near match."""
    words = list(re.finditer(r"\S+", key[max(0, end - 40) : end]))
    offset = max(0, end - 40)
    for n in (2, 3, 1):
        if len(words) < n:
            continue
        squashed = re.sub(r"\W", "", " ".join(w.group(0) for w in words[-n:]))
        for name, kind in _KIND_NAMES:
            if len(name) >= 4 and similarity.ratio(squashed, name) >= 75:
                return offset + words[-n].start(), kind
    return None


# "Căn cứ các Quyết định của Ủy ban nhân dân tỉnh: số 15/QĐ-UBND …; số 402/QĐ-UBND …": a group word
# gives its kind to each "số" that opens a clause after it.
_GROUP = re.compile(r"\bcac\s+" + _KIND_WORDS)
_CLAUSE_SO = re.compile(r"[;:,]\s*$")


def _group_kind(key: str, at: int) -> tuple[int, CitationKind] | None:
    if not _CLAUSE_SO.search(key[max(0, at - 4) : at]):
        return None
    groups = list(_GROUP.finditer(key, 0, at))
    return (at, _kind_of(groups[-1])) if groups else None


def _kind_between(key: str, start: int, end: int, kind: CitationKind | None = None) -> bool:
    """A kind word (of `kind`, or any) between a kind and a number: the number is that document's
    ("Luật Thanh niên (16/6/2020), Luật Lâm nghiệp 16/2017/QH14"). Not "pháp luật", a word of many laws'
    names ("Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13")."""
    return any(not key[: m.start()].endswith("phap ") and kind in (None, _kind_of(m))
               for m in _KIND_RE.finditer(key, start, end))


_AMENDING = re.compile(r"\s+sua doi,? bo sung\b")
# The number of a law or a resolution of the National Assembly (folded): "64/2025/qh15".
_ASSEMBLY_NUMBER = re.compile(r"\d{1,5}\s*/\s*(?:19|20)\d{2}\s*/\s*qh[\dl]")  # fold reads "15" after letters as "l5"


def _starts(text: str, key: str) -> list[tuple[int, int, CitationKind, re.Match[str] | None]]:
    """(start, end of number or kind, kind, number match) of each citation in a paragraph."""
    found: list[tuple[int, int, CitationKind, re.Match[str] | None]] = []
    for m in _KIND_RE.finditer(key):
        if found and found[-1][1] > m.start():
            continue  # a kind word inside a citation already found ("Chương trình hành động")
        so = _SO.match(key, m.end())
        at = so.end() if so else m.end()
        # "Chương trình hành động số 12-CTr/TU": a few words may stand between the kind and "số".
        window = key[: m.end() + 90]
        later = _SO_NUMBER.search(window, m.end()) or _BARE_NUMBER.search(window, m.end())
        # Not across a clause's end: "… quy định chức năng …; số 402/QĐ-UBND" is another citation.
        # An amending law's name names the laws it amends, and its own number follows them ("Luật sửa đổi,
        # bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14"; blind40 lost it).
        amending = _kind_of(m) is CitationKind.law and _AMENDING.match(key, m.end()) is not None
        # A law's name may hold another kind's words ("Luật Ban hành văn bản quy phạm pháp luật số
        # 64/2025/QH15": "văn bản", blind46); a number the National Assembly gave is the law's own.
        law = _kind_of(m) is CitationKind.law and not key[: m.start()].endswith("phap ")
        assembly = law and later is not None and _ASSEMBLY_NUMBER.match(key, later.end()) \
            and not _kind_between(key, m.end(), later.start(), CitationKind.law)
        named_on = amending or assembly or (later is not None and not _kind_between(key, m.end(), later.start()))
        if not NUMBER.match(text, at) and later and named_on and ";" not in key[m.end() : later.start()]:
            at = later.end()
        number = NUMBER.match(text, at)
        if number:
            found.append((m.start(), number.end(), _kind_of(m), number))
            continue
        # A law or charter is cited by name ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015",
        # "Điều lệ Đảng") at the start of a clause; its name may name other laws.
        # Any other document cited without a number right after the opener, with its issuer
        # ("Thực hiện Chương trình công tác năm 2023 của Ban Pháp chế HĐND tỉnh").
        if _UNNUMBERED.match(key[max(0, m.start() - _CLAUSE_LOOKBACK) : m.start()]) and _OF_ISSUER.search(
                key, m.end(), min(len(key), m.end() + MAX_CITATION_CHARS // 4)):
            found.append((m.start(), m.end(), _kind_of(m), None))
            continue
        # "Nghị quyết Đại hội đại biểu Đảng bộ … lần thứ XXII": a Party congress's resolution has no
        # number; it is cited by the congress's name.
        congress = _kind_of(m) is CitationKind.resolution and _CONGRESS.match(key, m.end()) is not None
        if _kind_of(m) not in (CitationKind.law, CitationKind.other) and not congress:
            continue
        # Both looked for within a window: a paragraph of thousands of kind words must stay linear.
        clause_start = _CLAUSE_START.search(key, max(0, m.start() - _CLAUSE_LOOKBACK), m.start())
        clause_end = key.find(";", m.end(), m.end() + MAX_CITATION_CHARS)
        clause_end = min(len(key), m.end() + MAX_CITATION_CHARS) if clause_end < 0 else clause_end
        date = find_date(key, m.end(), clause_end)
        # A charter or working rules are cited by name however long it is ("Căn cứ Quy chế làm việc
        # của Ban Chấp hành Đảng bộ … nhiệm kỳ 2025 - 2030").
        by_name = m.group(0) in ("dieu le", "quy che") or congress
        if clause_start and (date or by_name or len(key[m.end() : clause_end].split()) <= 14) \
                and (_kind_of(m) is CitationKind.law or by_name):
            found.append((m.start(), m.end(), _kind_of(m), None))
    # "số 02/HD-NV" after a kind OCR garbled beyond the patterns: find the kind by a near match.
    for so in _SO_NUMBER.finditer(key):
        if any(start <= so.start() < end for start, end, _, _ in found):
            continue
        number = NUMBER.match(text, so.end())
        kind = _group_kind(key, so.start()) or _fuzzy_kind(key, so.start())
        if number and kind:
            found.append((kind[0], number.end(), kind[1], number))
    return sorted(found, key=lambda f: f[0])


# What a summary says it carries out, right before a document it names: that document is mentioned.
# Also what it amends or details ("Nghị định 107/2021/NĐ-CP … sửa đổi, bổ sung một số điều của Nghị định
# số 61/2018/NĐ-CP", "Thông tư … hướng dẫn thi hành Luật …"): the amended document is named, not cited.
_MENTIONED = re.compile(r"\b(?:thuc hien|trien khai|so ket|tong ket|sua doi,? bo sung(?: mot so dieu cua)?|"
                        r"huong dan(?: thi hanh)?|quy dinh chi tiet(?: mot so dieu cua)?)\s+(?:viec\s+)?$")
MENTION_REACH = 45  # chars before a citation in which the verb is looked for
# The "và" that joins the last two documents of a list: it belongs to neither.
_JOINED = re.compile(r"\s+va\s+$")


def parse_citations(text: str, key: str) -> list[Citation]:
    starts = _starts(text, key)
    # What follows is about this plan itself, not its basis; unless a citation starts inside the match
    # (", Quyết định 385/QĐ-KBNN … ban hành Kế hoạch cải cách hành chính": that decision's summary).
    own_plan = next((m for m in _OWN_PLAN.finditer(key)
                     if not any(m.start() < start < m.end() for start, *_ in starts)), None)
    if own_plan:
        starts = [s for s in starts if s[0] < own_plan.start()]
    # A document named in another's summary ("Chương trình hành động số 22-CTr/TU … thực hiện Nghị
    # quyết số 57-NQ/TW"): a mention, not a document of the basis.
    starts = [s for n, s in enumerate(starts)
              if not (n and _MENTIONED.search(key, max(starts[n - 1][1], s[0] - MENTION_REACH), s[0])
                      and ";" not in key[starts[n - 1][1] : s[0]])]
    citations = []
    for n, (start, after, kind, number) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(key)
        sentence = re.search(r"\.\s+(?=[A-ZĐ])|\.$", text[after:end])
        if sentence:
            end = after + sentence.start()
        joined = _JOINED.search(key, after, end)  # "… của Ban Chấp hành Hội Nông dân xã và Kế hoạch số …"
        if joined and n + 1 < len(starts):  # "$" stands at `end`: the "và" right before the next one
            end = joined.start()
        own = _OWN_PLAN.search(key, after, end)
        if own:
            end = own.start()
        pos = after
        date = None
        name = None
        found = find_date(key, pos)
        if number is None and found and found[2] <= end:  # a law: its name, then its date
            ngay = key.rfind("ngay", pos, found[1] + 1)
            name = tidy(text[pos : ngay if ngay >= 0 else found[1]]) or None
            date, pos = found[0], found[2]
        elif found and found[1] - pos < 12 and found[2] <= end:
            date, pos = found[0], found[2]
        issuer = None
        of = _OF.match(key, pos)
        if of:
            stop = _ISSUER_END.search(key, of.end(), end)
            issuer_end = stop.start() if stop else end
            issuer = tidy(text[of.end() : issuer_end]) or None
            pos = issuer_end
        about = _ABOUT.match(key, pos)
        # What it is about: after "về (việc)"; else what follows the issuer ("phê duyệt Đề án …").
        summary = name or tidy(text[about.end() if about else pos : end]) or None
        named = _KIND_RE.match(key, start)
        kind_text = text[start : start + len(named.group(0))] if named else tidy(text[start:after].split(" s")[0])
        citations.append(
            Citation(
                kind=kind,
                kind_text=kind_text,
                number=re.sub(r"\s+", "", number.group(0)) if number else None,
                date=date,
                issuer=issuer,
                summary=summary,
                text=tidy(text[start:end]),
            )
        )
    return citations
