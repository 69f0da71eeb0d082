"""Sections: each Roman section's kind, whatever its numbering or wording, and its outline as the
contract's nodes (subsection / item / paragraph)."""

from __future__ import annotations

from khparse.headings import section_kind
from khparse.model.drafts import Item, Node, Paragraph, Section, Subsection
from khparse.outline import OutlineNode, SectionTree


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
