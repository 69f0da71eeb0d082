"""All fields of a plan from its outline: the `fields` stage in one call."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khparse.fields.appendix import appendix_assignments, body_tables, parse_appendices
from khparse.fields.assignments import find_assignments
from khparse.fields.closing import Ending, parse_ending
from khparse.fields.deputy import mended
from khparse.fields.header import HeaderResult, parse_header
from khparse.fields.legal_basis import is_basis_paragraph, is_opener_alone, opens_with_citation, parse_citations
from khparse.fields.sections import to_section
from khparse.fields.wrapper import is_attached_note, merge_endings, read_wrapped
from khparse.fold import fold
from khparse.headings import is_basis_title, section_kind
from khparse.lines import Line
from khparse.model.drafts import Appendix, Assignment, Citation, Section
from khparse.outline import Document, paragraphs


@dataclass
class Fields:
    """Every field of the plan as read, before the Plan is assembled."""

    header: HeaderResult
    legal_basis: list[Citation]
    preamble: str | None
    sections: list[Section]
    assignments: list[Assignment]
    appendices: list[Appendix]
    ending: Ending
    year: int | None
    mentions_appendix: bool = False
    locations: dict[str, Line] = field(default_factory=dict)
    position_inferred: bool = False  # no position was read; the deputy's title was inferred (deputy.py)


_YEAR = re.compile(r"\bn\w{0,2}m\s+((?:19|20)\d{2})\b")
# A year the title names without "năm": not a date's ("26/3/2026"), not one end of a span ("2025 - 2030",
# "nhiệm kỳ …"), not a horizon ("đến 2030", "tầm nhìn 2045").
_BARE_YEAR = re.compile(
    r"(?<![/\d])(?<!\bden )(?<!\btoi )(?<!\bnhin )(?<!\bky )(?<!- )(?<!-)"
    r"((?:19|20)\d{2})\b(?!\s*-\s*(?:19|20)\d{2})(?!/)")


def _first_citations(citations: list[Citation]) -> list[Citation]:
    """Each numbered document once: a document cited again inside another's summary ("Chương trình
    số 15-CTr/TU … thực hiện Nghị quyết số 57-NQ/TW") or in the title is the same document."""
    seen: set[str] = set()
    out = []
    for citation in citations:
        key = fold(citation.number) if citation.number else None
        if key and key in seen:
            continue
        if key:
            seen.add(key)
        out.append(citation)
    return out


def _year(header: HeaderResult, texts: list[str | None]) -> int | None:
    """The year the plan is for: the one its title names ("… năm 2025", issued in November 2024),
    else the year of issue, else the first "năm YYYY" of the date line or the text."""
    title_years = [int(m.group(1)) for m in _YEAR.finditer(fold(header.header.title))] if header.header.title else []
    if title_years:
        # Two years named ("tổng kết … năm 2025, triển khai nhiệm vụ năm 2026", issued in January 2026):
        # the one it was issued in; else the first.
        issued = header.header.date.year if header.header.date else None
        # Only years before the one it was issued in ("Thực hiện Thông báo … tại Hội nghị đánh giá Chỉ số cải
        # cách hành chính năm 2025", issued in February 2026; blind49): the year of what it follows up,
        # the plan's own is the year of issue.
        if issued is not None and all(year < issued for year in title_years):
            return issued
        return issued if len(set(title_years)) > 1 and issued in title_years else title_years[0]
    named = {int(m.group(1)) for m in _BARE_YEAR.finditer(fold(header.header.title or ""))}
    if len(named) == 1:  # "Tết Sum vầy - Xuân Bính Ngọ 2026", issued in December 2025
        return named.pop()
    if header.header.date:
        return header.header.date.year
    for text in [header.header.date_text, header.header.title, *texts]:
        if text:
            m = _YEAR.search(fold(text))
            if m:
                return int(m.group(1))
    return None


def find_fields(outline: Document) -> Fields:
    wrapped = read_wrapped(outline.header, outline.wrapper, outline.front)
    if wrapped is None:
        # The header zone, and the title under its type at the head of the front zone (a header whose
        # type line the outline could not see is all in the front zone).
        header_and_front = [*outline.header, *outline.front]
        header = parse_header(header_and_front)
        own_lines, decision_blocks = header_and_front[header.consumed :], []
        if header.rest is not None:
            own_lines = [header.rest, *own_lines]
    else:  # a plan issued with a Quyết định: its legal basis is the decision's
        header, own_lines = wrapped.header, wrapped.own
        decision_blocks = paragraphs(wrapped.decision, outline.measure)
    front_paragraphs = paragraphs([line for line in own_lines if not is_attached_note(line)], outline.measure)
    legal_basis: list[Citation] = []
    under_opener = False  # after "Căn cứ:" alone on its line, its "- …" items are the basis
    open_basis = False  # the paragraph before was of the basis and ended with ";": more may follow
    for block in [*decision_blocks, *front_paragraphs]:
        key = fold(block.text)
        basis = is_basis_paragraph(block.text, key) or (under_opener and block.marker is not None) \
            or (open_basis and opens_with_citation(block.text, key))
        if basis:
            legal_basis.extend(parse_citations(block.text, key))
        under_opener = is_opener_alone(key) or (under_opener and block.marker is not None)
        open_basis = basis and block.text.rstrip().endswith(";")
    for tree in outline.sections:  # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" with one citation per item
        if is_basis_title(tree.title):
            # The items may share the heading's line ("I. CĂN CỨ LẬP KẾ HOẠCH - Quyết định số …").
            for text in (tree.title, *(block.text for block in tree.blocks)):
                legal_basis.extend(parse_citations(text, fold(text)))
    legal_basis = _first_citations(legal_basis)
    preamble = "\n".join(b.text for b in front_paragraphs) or None
    sections = [to_section(tree) for tree in outline.sections]
    assignments: list[Assignment] = []
    for tree in outline.sections:  # in document order: a section's units, then its task table's rows
        assignments += find_assignments([(section_kind(tree.title), tree.children)])
        assignments += appendix_assignments(body_tables([line for block in tree.blocks for line in block.lines]))
    appendices = parse_appendices(list(outline.appendix))
    assignments += appendix_assignments(appendices)
    ending = parse_ending(list(outline.tail))
    if wrapped is not None:  # the decision's signature and recipients are the plan's
        ending = merge_endings(ending, wrapped.ending)
    read_signer = ending.signer
    ending.signer = mended(ending.signer, header.header.issuer)
    # No position was read: the deputy's title is inferred (deputy.py), and a warning says so.
    inferred = read_signer is not None and read_signer.position is None and ending.signer is not None \
        and ending.signer.position is not None
    body_text = " ".join(b.text for t in outline.sections for b in t.blocks)
    mentions = bool(re.search(r"\bphu luc\b", fold(body_text)))
    locations = {**header.locations, **ending.locations}
    return Fields(
        header=header,
        legal_basis=legal_basis,
        preamble=preamble,
        sections=sections,
        assignments=assignments,
        appendices=appendices,
        ending=ending,
        year=_year(header, [ending.closing, preamble]),
        mentions_appendix=mentions,
        locations=locations,
        position_inferred=inferred,
    )
