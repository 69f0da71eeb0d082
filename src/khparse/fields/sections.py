"""Sections: each Roman section's kind, whatever its numbering or wording, and its outline as the
contract's nodes (subsection / item / paragraph)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from khparse.fold import fold
from khparse.model import Item, Node, Paragraph, Section, SectionKind, Subsection
from khparse.outline import OutlineNode, SectionTree


def section_kind(title: str) -> SectionKind:
    """The kind of a section from its title; folded and squashed, so OCR spacing does not matter."""
    key = re.sub(r"[^a-z]", "", fold(title))

    def has(phrase: str) -> bool:
        target = phrase.replace(" ", "")
        # OCR garbles a letter or two ("NQI DUNG"): a near match of the whole phrase counts too.
        return target in key or fuzz.partial_ratio(target, key, score_cutoff=83) > 0

    if has("tochucthuchien") or has("phancong") or (has("trachnhiem") and "thuchien" in key):
        return SectionKind.implementation
    if has("kinhphi"):
        return SectionKind.budget
    if has("mucdich") or has("yeucau"):
        return SectionKind.purpose_requirements
    forms = has("hinhthuc") or has("phuongthuc")
    if has("noidung") and (forms or has("doituong")):
        return SectionKind.content_forms
    if has("noidung") or has("nhiemvu") or has("giaiphap"):
        return SectionKind.content
    if forms:
        return SectionKind.forms
    if has("doituong"):
        return SectionKind.audience
    return SectionKind.other


def to_nodes(nodes: list[OutlineNode]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if node.kind == "subsection":
            out.append(Subsection(number=node.label, title=node.text, children=to_nodes(node.children)))
        elif node.kind == "item":
            out.append(Item(label=node.label, text=node.text, children=to_nodes(node.children)))
        else:
            out.append(Paragraph(text=node.text))
    return out


def to_section(tree: SectionTree) -> Section:
    return Section(
        numeral=tree.numeral,
        title=tree.title,
        kind=section_kind(tree.title),
        page=tree.line.page,
        line=tree.line.number,
        children=to_nodes(tree.children),
    )
