"""Section headings: what a Roman section is about, from its title in any case or garbling."""

from __future__ import annotations

import re

from khparse import similarity
from khparse.fold import fold
from khparse.model import SectionKind

# What a plan of events calls its content: "CÁC HOẠT ĐỘNG CHÍNH", "CHƯƠNG TRÌNH NGÀY HỘI" (a health
# station's and a festival's plan, blind45); as the title's first words only (squashed, exact): "hoạt
# động" and "chương trình" stand inside titles of other kinds ("KINH PHÍ HOẠT ĐỘNG").
_CONTENT_OPENINGS = ("cachoatdong", "hoatdong", "chuongtrinh")


def section_kind(title: str) -> SectionKind:
    """The kind of a section from its title; folded and squashed, so OCR spacing does not matter."""
    key = re.sub(r"[^a-z]", "", fold(title))

    def has(phrase: str) -> bool:
        target = phrase.replace(" ", "")
        # OCR garbles a letter or two ("NQI DUNG"): a near match of the whole phrase counts too.
        return target in key or similarity.partial_ratio(target, key, score_cutoff=83) > 0

    # "HÌNH THỨC THỰC HIỆN" is a near match of "TỔ CHỨC THỰC HIỆN" (one letter pair apart): spelled
    # out, it is the forms of a "NỘI DUNG VÀ HÌNH THỨC THỰC HIỆN" section, not its implementation.
    near_implementation = has("tochucthuchien") and ("tochuc" in key or "hinhthucthuchien" not in key)
    # "NHIỆM VỤ CỤ THỂ VÀ PHÂN CÔNG THỰC HIỆN": the tasks, each with its unit (a task table), named first.
    assigned = has("phancong") and not key.startswith(("nhiemvu", "noidung"))
    if near_implementation or assigned or (has("trachnhiem") and "thuchien" in key):
        return SectionKind.implementation
    if has("kinhphi"):
        return SectionKind.budget
    # "CHỈ TIÊU" (targets) is one letter pair from "MỤC TIÊU" (objectives) for the near match: spelled
    # out, it is a section of its own kind.
    if "chitieu" in key and not any(word in key for word in ("mucdich", "yeucau", "muctieu", "noidung", "nhiemvu")):
        return SectionKind.other
    if has("mucdich") or has("yeucau") or has("muctieu"):
        return SectionKind.purpose_requirements
    # "PHƯƠNG PHÁP GIÁM SÁT" (how a supervision is done) is its forms; spelled out, since "phương pháp"
    # is a near match of words such as "pháp luật".
    forms = has("hinhthuc") or has("phuongthuc") or "phuongphap" in key
    if has("noidung") and (forms or has("doituong")):
        return SectionKind.content_forms
    if has("noidung") or has("nhiemvu") or key.startswith(_CONTENT_OPENINGS):
        return SectionKind.content
    if forms and not _named_before("doituong", ("hinhthuc", "phuongthuc", "phuongphap"), key):
        return SectionKind.forms
    if has("doituong"):
        return SectionKind.audience
    return SectionKind.other


def _named_before(word: str, others: tuple[str, ...], key: str) -> bool:
    """Whether `word` stands in `key` before each of `others` found there ("ĐỐI TƯỢNG, HÌNH THỨC THI":
    a contest's entrants are named first, and the section is theirs)."""
    at = key.find(word)
    found = [i for i in (key.find(other) for other in others) if i >= 0]
    return at >= 0 and bool(found) and at < min(found)


def is_basis_title(title: str) -> bool:
    """A section that holds the legal basis ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH")."""
    return bool(re.match(r"^(can cu|co so phap ly)", fold(title)))


def is_known_title(title: str) -> bool:
    """A title that names a section: one of a known kind, or the legal basis's."""
    return section_kind(title) is not SectionKind.other or is_basis_title(title)


# Titles of sections that have no kind of their own, yet head sections of their own in many plans
# ("II. CHỈ TIÊU" between the purpose and the tasks; "GIẢI PHÁP", "CHẾ ĐỘ BÁO CÁO", "TIẾN ĐỘ THỰC HIỆN").
_SECTION_OF_NO_KIND = re.compile(r"^(?:chi tieu|giai phap|che do (?:thong tin,? )?bao cao|tien do thuc hien)\b")


def heads_a_section(title: str) -> bool:
    """A title that heads a section: a known one, or one of the sections that have no kind."""
    return is_known_title(title) or _SECTION_OF_NO_KIND.match(fold(title)) is not None
