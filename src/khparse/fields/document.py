"""All fields of a plan from its outline: the `fields` stage in one call."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khparse.fields.appendix import appendix_assignments, parse_appendices
from khparse.fields.assignments import find_assignments
from khparse.fields.closing import Ending, parse_ending
from khparse.fields.header import HeaderResult, parse_header
from khparse.fields.legal_basis import is_basis_paragraph, parse_citations
from khparse.fields.sections import to_section
from khparse.fields.wrapper import Wrapper, find_wrapper, is_attached_note
from khparse.fold import fold
from khparse.headings import is_basis_title, section_kind
from khparse.lines import Line
from khparse.model import Appendix, Assignment, Citation, Section
from khparse.outline import Outline, paragraphs


@dataclass
class Fields:
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


_YEAR = re.compile(r"\bn\w{0,2}m\s+((?:19|20)\d{2})\b")


def _year(header: HeaderResult, texts: list[str | None]) -> int | None:
    if header.header.date:
        return header.header.date.year
    for text in [header.header.date_text, header.header.title, *texts]:
        if text:
            m = _YEAR.search(fold(text))
            if m:
                return int(m.group(1))
    return None


def _wrapped_header(front: list[Line], wrapper: Wrapper) -> tuple[HeaderResult, list[Line], list[Line]]:
    """A plan issued with a Quyết định: the decision's header with the plan's own type and title;
    the lines holding the legal basis (the decision's, and any before the plan's sections); the
    lines of the plan's own preamble."""
    header = parse_header(front)
    plan = parse_header(front[wrapper.plan_at :])
    update = {"doc_type": plan.header.doc_type, "title": plan.header.title}
    header.header = header.header.model_copy(update={k: v for k, v in update.items() if v})
    for name in ("header.doc_type", "header.title"):
        if name in plan.locations:
            header.locations[name] = plan.locations[name]
    own = [line for line in front[wrapper.plan_at + plan.consumed :] if not is_attached_note(line)]
    decision = front[header.consumed : wrapper.plan_at]
    return header, decision + own, own


def _decision_tail(decision: list[Line]) -> list[Line]:
    """The decision's closing block: from "Nơi nhận" (or its signing authority) to the plan."""
    start = next((i for i, line in enumerate(decision) if re.match(r"^noi\s*nh", line.key)), None)
    return decision[start:] if start is not None else []


def _merge_endings(plan: Ending, decision: Ending) -> Ending:
    """The plan's own ending, with what only the decision has (signer, recipients)."""
    for name in ("signer", "recipients"):
        if not getattr(plan, name) and getattr(decision, name):
            setattr(plan, name, getattr(decision, name))
            for key, line in decision.locations.items():
                if key.startswith(name):
                    plan.locations.setdefault(key, line)
    return plan


def find_fields(outline: Outline) -> Fields:
    wrapper = find_wrapper(outline.front)
    decision_ending: Ending | None = None
    if wrapper is None:
        header = parse_header(outline.front)
        basis_lines = own_lines = outline.front[header.consumed :]
    else:
        header, basis_lines, own_lines = _wrapped_header(outline.front, wrapper)
        decision_ending = parse_ending(_decision_tail(outline.front[: wrapper.plan_at]))
    front_paragraphs = paragraphs(own_lines, outline.width)
    legal_basis: list[Citation] = []
    for block in paragraphs(basis_lines, outline.width):
        key = fold(block.text)
        if is_basis_paragraph(block.text, key):
            legal_basis.extend(parse_citations(block.text, key))
    for tree in outline.sections:  # "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH" with one citation per item
        if is_basis_title(tree.title):
            for block in tree.blocks:
                legal_basis.extend(parse_citations(block.text, fold(block.text)))
    preamble = "\n".join(b.text for b in front_paragraphs) or None
    sections = [to_section(tree) for tree in outline.sections]
    assignments = find_assignments([(section_kind(t.title), t.children) for t in outline.sections])
    appendices = parse_appendices(outline.appendix)
    assignments += appendix_assignments(appendices)
    ending = parse_ending(outline.tail)
    if decision_ending is not None:  # the decision's signature and recipients are the plan's
        ending = _merge_endings(ending, decision_ending)
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
    )
