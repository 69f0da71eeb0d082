"""What the outline stage hands on: one document split into zones, each section with its tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from khparse.lines import Line
from khparse.outline.paragraphs import Block, Measure


@dataclass
class OutlineNode:
    """A subsection, item or paragraph of a section, with the nodes under it."""

    kind: str  # "subsection" | "item" | "paragraph"
    label: str  # number, letter, "-" or "+"; "" for paragraphs
    text: str
    line: Line
    children: list[OutlineNode] = field(default_factory=list)


@dataclass
class SectionTree:
    """A Roman section: its heading, its tree of nodes, and its text as blocks."""

    numeral: str
    title: str
    line: Line
    children: list[OutlineNode]
    blocks: list[Block]


@dataclass(frozen=True)
class Issue:
    """Something the outline found amiss and kept as printed (a numbering gap): a warning."""

    code: str
    message: str
    line: Line | None



@dataclass(frozen=True)
class Document:
    """One document cut into zones, in reading order; every line is in exactly one of them.

    before    what stands before the document (a portal's title line, metadata, related links)
    header    issuer, national title, number, place and date, down to the document type (front.cut_front)
    wrapper   a Quyết định that issues the plan, with the plan's own header; empty for most plans
    front     the plan's title under its type, and the front matter with the legal basis
    sections  one per Roman section (I., II., … or PHẦN I / Phần thứ nhất), each with its tree
    tail      closing sentence, recipients (Nơi nhận) and signature
    appendix  Phụ lục, from its heading on
    after     what a portal prints after the document (the article's footer, lists of other documents)
    """

    before: tuple[Line, ...]
    front: tuple[Line, ...]
    sections: tuple[SectionTree, ...]
    tail: tuple[Line, ...]
    appendix: tuple[Line, ...]
    issues: tuple[Issue, ...]
    after: tuple[Line, ...] = ()
    header: tuple[Line, ...] = ()
    wrapper: tuple[Line, ...] = ()
    measure: Measure = field(default_factory=Measure)  # line width and indentation, to rejoin other zones' paragraphs
