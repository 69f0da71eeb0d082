"""Assignments: who is asked to do what.

Two shapes occur: the implementation section (Tổ chức thực hiện) lists units, each with its tasks
("1. Phòng Văn hóa - Xã hội" then "- Chủ trì …"); and a task block anywhere lists
"- Đơn vị chủ trì: … - Đơn vị phối hợp: … - Thời gian thực hiện: …".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from khparse import similarity
from khparse.fields.common import tidy
from khparse.fold import fold
from khparse.headings import section_kind
from khparse.model import SectionKind
from khparse.model.drafts import Assignment
from khparse.outline import OutlineNode

_ROLE_LABELS: dict[str, tuple[str, ...]] = {
    "lead": ("donvichutri", "coquanchutri", "chutri", "donvithuchien", "coquanthuchien", "chutrithuchien",
             "donvichutrithuchien"),
    "partners": ("donviphoihop", "coquanphoihop", "phoihop", "phoihopthuchien", "donviphoihopthuchien"),
    "timeline": ("thoigianthuchien", "thoigianhoanthanh", "thoigian", "tiendothuchien", "thoihan"),
}
# Words a unit's name starts with (folded): offices, bodies, people in charge.
_UNIT_START = re.compile(  # only whether it matches is used: longer names starting with a listed word are left out
    r"^(?:cac |moi )?(so|phong|ban|van phong|uy ban|ubnd|hdnd|hoi dong|trung t\w*|cong chuc|can bo|dai|bao|"
    r"co quan|don vi|hoi|doan|mat tran|mttq|cong an|quan su|truong|bo phan|to|dang uy|chi bo|thu truong|"
    r"chu tich|pho chu tich|lanh dao|vien|toa an|kho bac|chi cuc|chi nhanh|buu dien|cong ty|thanh doan|"
    r"huyen doan|lien doan|nganh|khu dan cu|thon|ap|khu pho|giam doc|bi thu|the thao|bch|btv|thuong truc|"
    r"cuc|vu|bo|giao vien|hoc sinh|nhan vien|cong doan|chi doan|hieu truong|hieu pho|chanh|truong khoa|"
    r"pho hieu truong|pho giam doc|pho truong|pho chanh|tap chi|thanh tra|doi|chi uy|dang vien|tong phu trach|"
    r"tong cuc|tong cong ty|khoa|tram|benh vien|canh sat|ke toan|van thu|hai quan|chi hoi|thanh vien|tieu ban|"
    # "Đồn" alone folds as "Đôn đốc" does
    r"don bien phong|don cong an|hai doi|quan doc|chi huy truong|to truong|doi truong|xuong|"
    # people by their work ("Các cộng tác viên dư luận xã hội", "Báo cáo viên", "Tuyên truyền viên")
    r"cong tac vien|tuyen truyen vien|hoa giai vien|tinh nguyen vien|chuyen vien|giang vien|phong vien|"
    r"bien tap vien|kiem soat vien|thu ky|"
    # enterprises a province asks to take part ("Đề nghị các doanh nghiệp viễn thông …")
    r"doanh nghiep|hop tac xa|"
    # a school's Young Pioneers ("Liên đội", "Chi đội")
    r"lien doi|chi doi|"
    # forces by what they do ("Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở", "Lực lượng dân quân")
    r"luc luong)\b"
)
_REQUEST = re.compile(r"^(de nghi|giao(?! vien)|yeu cau|kinh de nghi)\s+")
_TASK_VERBS = re.compile(
    # "Hội đồng phối hợp phổ biến, giáo dục pháp luật" (Decree 28/2013) names a council: no task there
    r"\b(can cu|chu dong|chu tri|(?<!hoi dong )phoi hop|theo doi|to chuc thuc hien|thuc hien|co trach nhiem|xay dung|"
    r"tham muu|trien khai|huong dan|kiem tra|tong hop|cap nhat|day manh|tang cuong|tuyen truyen|"
    r"bao cao|nghien cuu|quan triet|lam dau moi|duy tri|phat huy|tiep tuc|van dong|lanh dao|dang ky|bo tri|"
    r"phat dong|"
    # "tổ chức" names bodies ("Các tổ chức chính trị - xã hội"); before another task it is one
    r"to chuc(?= (?:quan triet|trien khai|tuyen truyen|hoc tap|ra soat|kiem tra|giam sat)\b)|"
    r"dua(?= (?:noi dung|vao)\b))\b"  # "đưa nội dung … vào"; "dựa" folds the same, "dựa vào" is rarer
)


# "được kiểm tra", "bị xử lý": a verb after the passive marker describes the unit ("Các đơn vị được
# kiểm tra"), it does not start the unit's task.
_PASSIVE_BEFORE = re.compile(r"\b(duoc|bi)\s+$")


# A verb followed at once by "và" and a word that is no verb is a field in a list of fields ("quy
# hoạch, xây dựng và môi trường"), not a task: a task's verb has its object after it, or another
# verb ("xây dựng và triển khai …", "theo dõi, đôn đốc …").
_NAMED_FIELD = re.compile(r"\s*(?:va|&)\s+")


# A task verb printed with a capital inside a unit's name is a word of the name; after a sentence's or
# a clause's end it starts the task.
_SENTENCE_END = re.compile(r"[.:;!?]\s*$")


# A department named by the fields it covers lists them, the first and the one after "và" in capitals:
# "Phòng Xây dựng, kiểm tra và Theo dõi thi hành pháp luật" (blind40 read "Phòng" alone).
_LISTED_FIELDS = re.compile(r",[^:;.!?]*?\s(?:và|&)\s+[A-ZĐÀ-Ỹ]")
_MORE_FIELDS = re.compile(r"[^:;.!?]*?\s(?:và|&)\s+[A-ZĐÀ-Ỹ]")  # the rest of such a list, after a field in it


# A commune's civil servants are named by the fields they cover, joined by dashes: "Công chức Địa chính -
# Xây dựng - Đô thị và Môi trường" (blind45 read "Công chức Địa chính" and a task "Xây dựng …").
_JOINED_FIELD = re.compile(r"\s*[-–]\s+[A-ZĐÀ-Ỹ]")
# "Nhân dân" is printed with a capital wherever it stands ("Vận động Nhân dân tham gia …"): after a verb
# it is the task's object, not a word of the unit's name (blind46's "… Mặt trận Tổ quốc Việt Nam đặc khu"
# / "Vận động Nhân dân …" was read as one name).
_CAPITAL_BY_CUSTOM = re.compile(r"\s+Nhân dân\b")


def _name_goes_on(text: str, at: int) -> bool:
    """The name goes on with a capital after the verb ("Kiểm tra Đảng"), or lists more fields up to a
    capital after "và" (_LISTED_FIELDS) or after a dash (_JOINED_FIELD); a task starting a line after a
    unit's heading has small letters after its verb ("… đặc khu" / "Phối hợp tổ chức …")."""
    rest = text[at:]
    if _CAPITAL_BY_CUSTOM.match(rest):
        return False
    return (rest[:1].isspace() and rest.lstrip()[:1].isupper()) or bool(_LISTED_FIELDS.match(rest)) \
        or bool(_JOINED_FIELD.match(rest))


def _task_verb(key: str, start: int, text: str = "") -> re.Match[str] | None:
    """The first task verb at or after `start` that starts a task: not passive, not the last word of
    a unit's name ("Phòng Kế hoạch tổng hợp", "Ban Tuyên truyền": a task has an object), and not
    capitalised after "và" (`text`, printed as `key` folds it: "Phòng Quản lý đào tạo và Nghiên cứu
    khoa học" names a unit), not a field in a list of fields (_NAMED_FIELD)."""
    end = len(key.rstrip(" .:;"))
    for m in _TASK_VERBS.finditer(key, start):
        if _PASSIVE_BEFORE.search(key[: m.start()]) or m.end() >= end:
            continue
        if key[: m.start()].endswith((" va ", " & ")) and text[m.start() : m.start() + 1].isupper():
            continue
        if key[: m.start()].endswith(", ") and _MORE_FIELDS.match(text, m.end()):
            continue  # "…, kiểm tra và Theo dõi …": a field in a department's name (_LISTED_FIELDS)
        if m.start() > 0 and text[m.start() : m.start() + 1].isupper() and _name_goes_on(text, m.end()) \
                and not _SENTENCE_END.search(text[: m.start()]) and m.group(1) != "can cu":  # no name says "Căn cứ"
            continue  # capitalised words of the unit's name: "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Đảng ủy"
        field = _NAMED_FIELD.match(key, m.end())
        if field and not _TASK_VERBS.match(key, field.end()):
            continue  # "Phòng Quản lý quy hoạch, xây dựng và môi trường": a field the unit is named by
        return m
    return None


def _role(text: str) -> tuple[str, str] | None:
    """('lead' | 'partners' | 'timeline', value) for a labelled line such as 'Đơn vị chủ trì: …'."""
    if ":" not in text:
        return None
    label, value = text.split(":", 1)
    squashed = re.sub(r"[^a-z]", "", fold(label))
    if not squashed or len(squashed) > 24:
        return None
    for role, names in _ROLE_LABELS.items():
        if any(similarity.ratio(squashed, name) >= 82 for name in names):
            return role, tidy(value)
    return None


def _flatten(nodes: list[OutlineNode]) -> Iterator[str]:
    for node in nodes:
        yield tidy(node.text)
        yield from _flatten(node.children)


# "- Chủ trì: Phòng A; phối hợp: Văn phòng; thời gian: Quý I/2026.": the roles of a task on one line,
# each label after a semicolon.
_ROLE_CLAUSE = re.compile(r";\s*(?=[^:;]{1,30}:)")


def _roles(text: str) -> list[tuple[str, str]]:
    """The roles a line names: one ("Đơn vị chủ trì: …"), or several on one line, split at the
    semicolons before their labels, when each clause is a role."""
    clauses = _ROLE_CLAUSE.split(text)
    if len(clauses) > 1:
        roles = [_role(clause) for clause in clauses]
        if all(roles):
            return [r for r in roles if r]
    role = _role(text)
    return [role] if role else []


def _with_roles(node: OutlineNode) -> Assignment | None:
    """A task block: the node's text is the task, its items name lead, partners and timeline."""
    roles = [_roles(c.text) for c in node.children]
    found = dict(r for named in roles for r in named)
    if "lead" not in found:
        return None
    others = [tidy(c.text) for c, named in zip(node.children, roles, strict=True) if not named]
    return Assignment(
        unit=found["lead"],
        tasks=[t for t in [tidy(node.text), *others] if t],
        lead=found["lead"],
        partners=split_partners(found.get("partners", "")),
        timeline=found.get("timeline") or None,
    )


def split_partners(text: str) -> list[str]:
    return [tidy(p) for p in text.split(";") if tidy(p)]


def _sibling_blocks(nodes: list[OutlineNode]) -> list[Assignment]:
    """Task blocks whose role items stand beside the task, not under it (an unnumbered task line,
    then "- Đơn vị chủ trì: …" / "- Đơn vị phối hợp: …" / "- Thời gian thực hiện: …" at its level)."""
    is_role = [bool(_roles(node.text)) for node in nodes]
    out: list[Assignment] = []
    for at, node in enumerate(nodes):
        end = at + 1
        while end < len(nodes) and is_role[end]:
            end += 1
        if is_role[at] or end == at + 1:
            continue
        block = _with_roles(OutlineNode(node.kind, node.label, node.text, node.line, nodes[at + 1 : end]))
        if block:
            out.append(block)
    return out


def task_blocks(nodes: list[OutlineNode]) -> Iterator[Assignment]:
    """Blocks whose items name a lead unit, partners and a timeline, at any depth."""
    beside = _sibling_blocks(nodes)
    if beside:
        yield from beside
        return
    for node in nodes:
        block = _with_roles(node)
        if block:
            yield block
        else:
            yield from task_blocks(node.children)


def looks_like_unit(text: str) -> bool:
    key = _REQUEST.sub("", fold(text))
    return bool(_UNIT_START.match(key))


# A sentence whose colon brings in what follows ("Các Đội thuộc Thuế cơ sở thực hiện nhiệm vụ theo bảng
# phân công sau:", "… như sau:", "… dưới đây:") names no unit before its colon, whatever it starts with.
_INTRODUCES = re.compile(r"\b(?:sau|duoi day|sau day)\s*$")


def _unit_label(text: str) -> bool:
    """Whether `text`, the words before a colon, is a unit's name (see _INTRODUCES)."""
    return looks_like_unit(text) and not _INTRODUCES.search(fold(text))


def _split_unit(title: str) -> tuple[str, str | None]:
    """(unit, task in the same sentence) from a unit heading such as '1. Phòng Kinh tế' or
    '2. Giao Trung tâm … theo dõi, tổng hợp …'."""
    key = fold(title)
    request = _REQUEST.match(key)
    # "Giao Trung tâm …" asks a unit; "Giáo viên chủ nhiệm" is one (the folded words are the same).
    start = request.end() if request and _UNIT_START.match(key[request.end() :]) else 0
    text, key = title[start:], key[start:]
    colon = text.find(":")
    if 0 < colon < 90 and _unit_label(text[:colon]):
        return tidy(text[:colon]), tidy(text[colon + 1 :]) or None
    if len(text.split()) <= 15 and not _task_verb(key, min(len(key), 12), text):
        return tidy(text), None
    verb = _task_verb(key, 3, text)
    if verb and verb.start() > 0:
        return tidy(text[: verb.start()]), tidy(text[verb.start() :])
    return tidy(text), None


# A heading that names a group of bodies rather than one ("Các sở, ban, ngành tỉnh", "Cấp xã").
_GROUP = re.compile(r"^(?:cac|cap)\s")


def _listed_units(node: OutlineNode) -> list[OutlineNode]:
    """The units a heading naming a group and nothing more lists under it as bullets, each with its task
    after its name and a colon ("1. Các sở, ban, ngành tỉnh:" over "+ Sở Nội vụ: là cơ quan thường trực
    …", blind43): the heading names the group, the bullets its units."""
    if not _GROUP.match(fold(node.text)) or _split_unit(node.text)[1] is not None:
        return []
    return [c for c in node.children
            if ":" in c.text and _unit_label(c.text.split(":", 1)[0]) and not _role(c.text)]


def _unit_nodes(nodes: list[OutlineNode]) -> list[OutlineNode]:
    numbered = [n for n in nodes if n.kind == "subsection" or (n.kind == "item" and n.label not in "-+")]
    out: list[OutlineNode] = []
    for node in numbered:
        inner = [c for c in node.children if c.kind == "subsection" or (c.kind == "item" and c.label not in "-+")]
        # "1. Trách nhiệm của các cơ quan" over "a) Sở Nội vụ", "b) …": the units are one level down.
        listed = _listed_units(node)
        if len(inner) >= 2 and sum(looks_like_unit(c.text) for c in inner) >= len(inner) / 2:
            out.extend(_unit_nodes(node.children))
        elif len(listed) >= 2:
            out.extend(listed)
        else:
            out.append(node)
    if not out:  # "- Phòng Nội vụ: chủ trì …" bullets (not "- Đơn vị chủ trì: …", a task block's role)
        out = [n for n in nodes if ":" in n.text and _unit_label(n.text.split(":", 1)[0]) and not _role(n.text)]
    return out


# A unit's name standing as a heading of its own, without number (Markdown "### Văn phòng Bộ" from a
# Word file whose numbering the converter lost): a short paragraph with no sentence end.
UNIT_HEADING_MAX_WORDS = 10


def _unit_heading(node: OutlineNode) -> bool:
    text = node.text.strip()
    return node.kind == "paragraph" and len(text.split()) <= UNIT_HEADING_MAX_WORDS \
        and text[-1:] not in ".;:" and looks_like_unit(text)


def _unnumbered_units(nodes: list[OutlineNode]) -> Iterator[Assignment]:
    """Units named by unnumbered headings, each with the paragraphs and items under it."""
    starts = [i for i, node in enumerate(nodes) if _unit_heading(node)]
    for at, end in zip(starts, [*starts[1:], len(nodes)], strict=True):
        tasks = [t for t in _flatten(nodes[at + 1 : end]) if t]
        yield Assignment(unit=_split_unit(nodes[at].text)[0], tasks=tasks)


# The parts of a plan a numbered heading may name inside "KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN" ("1. Kinh phí",
# "3. Chế độ báo cáo"): no unit.
_SECTION_PART = re.compile(r"^(?:kinh phi|muc dich|yeu cau|muc tieu|noi dung|hinh thuc|thoi gian|tien do|"
                           r"che do bao cao|khen thuong)\b")


def implementation_units(nodes: list[OutlineNode]) -> Iterator[Assignment]:
    units = _unit_nodes(nodes)
    if not units:
        blocks = list(task_blocks(nodes))  # tasks, each with "- Đơn vị chủ trì: …" under it or beside it
        if blocks:
            yield from blocks
            return
        if sum(_unit_heading(n) for n in nodes) >= 2:
            yield from _unnumbered_units(nodes)
            return
    for node in units:
        block = _with_roles(node)
        if block:
            yield block
            continue
        unit, first_task = _split_unit(node.text)
        # "3. Trong quá trình thực hiện, nếu có vướng mắc …" is an instruction, not a unit; "1. Kinh phí"
        # inside "KINH PHÍ VÀ TỔ CHỨC THỰC HIỆN" is a part of the section.
        if not unit or not (looks_like_unit(unit) or (len(unit.split()) <= 10 and unit[:1].isupper()
                                                      and not _SECTION_PART.match(fold(unit)))):
            continue
        tasks = [t for t in [first_task, *_flatten(node.children)] if t]
        yield Assignment(unit=unit, tasks=tasks)


def _roman_part(node: OutlineNode) -> bool:
    """A Roman heading inside a section ("III. TỔ CHỨC THỰC HIỆN" inside "PHẦN II"): a part of its own."""
    return node.kind == "subsection" and node.label.isalpha()


def find_assignments(sections: list[tuple[SectionKind, list[OutlineNode]]]) -> list[Assignment]:
    out: list[Assignment] = []
    for kind, nodes in sections:
        if kind is SectionKind.implementation:
            out.extend(implementation_units(nodes))
            continue
        for node in nodes:
            # Parts numbered I., II. inside a lettered or "PHẦN" section: the implementation part
            # lists units as the implementation section does.
            if _roman_part(node) and section_kind(node.text) is SectionKind.implementation:
                out.extend(implementation_units(node.children))
            else:
                out.extend(task_blocks([node]))
    return out
