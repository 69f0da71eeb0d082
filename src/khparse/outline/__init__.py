"""Stage `outline`: the lines of all pages → one Document cut into zones, each Roman section with its
heading tree.

    front.py       lines that mark where the document and its parts begin (issuer, national title,
                   number, document type): the `before` zone ends at the first header, which is cut
                   from a Quyết định's wrapper and the plan's front matter
    zones.py       where the tail (closing, Nơi nhận, signature) and the appendix begin
    sections.py    Roman sections (or lettered A., B., or in figures 1., 2. where no Roman numeral is
                   printed) from their titles and their place in the sequence, misread or lost
                   numerals repaired
    paragraphs.py  wrapped lines rejoined into paragraphs
    tree.py        a section's paragraphs → its tree (1. / 4.1. / a) / - / +)
    document.py    the Document and the tree's node types
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from khparse.fold import fold
from khparse.lines import document_lines
from khparse.markers import MarkerKind, heading_head, parse_marker, to_roman
from khparse.outline.document import Document, Issue, OutlineNode, SectionTree
from khparse.outline.front import cut_front, document_start
from khparse.outline.paragraphs import Block, measure, paragraphs
from khparse.outline.sections import section_candidates, section_issue, section_path, section_title
from khparse.outline.tree import build_tree, number_markers
from khparse.outline.zones import appendix_start, document_end, tail_start

__all__ = ["Block", "Document", "Issue", "OutlineNode", "SectionTree", "build_outline", "paragraphs", "tail_start"]


def build_outline(pages: Iterable[tuple[int, str]]) -> Document:
    lines = document_lines(pages)
    layout = measure(lines)
    issues: list[Issue] = []
    printed = [i for i, line in enumerate(lines)
               if (m := parse_marker(line)) is not None and m.kind is MarkerKind.roman]
    tail_at = tail_start(lines, printed[0] if printed else 0) if lines else 0
    candidates, labelled = section_candidates(lines, tail_at)
    if labelled is not None:
        issues.append(labelled)
    path = section_path(candidates)
    if path:
        tail_at = tail_start(lines, path[0][0].at)
        path = [step for step in path if step[0].at < tail_at]
    if path and tail_at == len(lines):
        # No closing, recipients or signature after the sections (a plan issued by a Quyết định signs
        # there): an appendix after the last section still ends it.
        tail_at = appendix_start(lines, path[-1][0].at + 1)
    ends_at = document_end(lines, tail_at)
    appendix_at = min(appendix_start(lines, tail_at), ends_at)
    sections: list[SectionTree] = []
    previous = 0
    for n, (cand, value, reading) in enumerate(path):
        end = path[n + 1][0].at if n + 1 < len(path) else tail_at
        line = lines[cand.at]
        issue = section_issue(cand, value, reading, previous, line)
        if issue is not None:
            issues.append(issue)
        previous = value
        head = heading_head(cand.rest)
        title, body_from = section_title(head, lines, cand.at + cand.spans, end)
        body = lines[body_from:end]
        if head != cand.rest:  # the items that ran on after the title: the section's first line
            items = cand.rest[len(head):].strip(" -–:")
            body = [replace(line, text=items, raw=items, key=fold(items), blank_before=True), *body]
        blocks = paragraphs(body, layout, number_markers(body, issues))
        sections.append(SectionTree(to_roman(value), title, line, build_tree(blocks, issues), blocks))
    first = path[0][0].at if path else len(lines)
    start, letter_at = document_start(lines[:first])  # a portal's lines before the document's header
    if letter_at is not None:
        issues.append(Issue("covering_letter", "a covering letter comes before the plan; the plan is read from "
                            "its own header (the letter's number, date, recipients and signer are not the plan's)",
                            lines[letter_at]))
    header, wrapper, front = cut_front(lines[start:first])
    return Document(
        before=tuple(lines[:start]),
        header=tuple(header),
        wrapper=tuple(wrapper),
        front=tuple(front),
        sections=tuple(sections),
        tail=tuple(lines[tail_at:appendix_at] if path else lines[max(first, tail_at) : appendix_at]),
        appendix=tuple(lines[appendix_at:ends_at]),
        after=tuple(lines[ends_at:]),
        issues=tuple(issues),
        measure=layout,
    )
