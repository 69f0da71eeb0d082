"""The Plan: one validated, typed record per document (schema khparse.plan 1.x)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import Field

from khparse.model.base import Model
from khparse.model.kinds import SCHEMA_NAME, SCHEMA_VERSION, CitationKind, SectionKind, SignerAuthority
from khparse.model.source import SourceInfo


class Header(Model):
    """The Decree 30/2020/NĐ-CP header components, as printed (null where absent)."""

    issuer: Annotated[
        str | None,
        Field(description="Issuing body, its lines joined, e.g. 'ỦY BAN NHÂN DÂN PHƯỜNG BẾN TẮM'."),
    ] = None
    parent_issuer: Annotated[
        str | None,
        Field(description="Body above the issuer where the header prints one, e.g. 'UBND TỈNH QUẢNG NGÃI'."),
    ] = None
    number: Annotated[
        str | None,
        Field(description="Number and symbol without 'Số:', e.g. '86/KH-UBND'; '/KH-UBND' when the number is blank."),
    ] = None
    place: Annotated[str | None, Field(description="Place name before the date.")] = None
    date: Annotated[
        dt.date | None, Field(description="Date of issue, ISO 8601; null when day or month is blank.")
    ] = None
    date_text: Annotated[str | None, Field(description="The date as printed, e.g. 'ngày 04 tháng 02 năm 2025'.")] = None
    doc_type: Annotated[str | None, Field(description="Document type as printed, e.g. 'KẾ HOẠCH'.")] = None
    title: Annotated[str | None, Field(description="The summary line(s) under the document type, joined.")] = None


class Citation(Model):
    """One document cited as the plan's legal basis."""

    kind: Annotated[CitationKind, Field(description="Kind of the cited document.")]
    kind_text: Annotated[str, Field(description="The kind as printed, e.g. 'Nghị quyết'.")]
    number: Annotated[
        str | None, Field(description="Number and symbol, spaces removed, e.g. '76/NQ-CP', '13-NQ/TU'.")
    ] = None
    date: Annotated[dt.date | None, Field(description="Date of the cited document, ISO 8601.")] = None
    issuer: Annotated[str | None, Field(description="Who issued it, as printed after 'của'.")] = None
    summary: Annotated[str | None, Field(description="What it is about, as printed after 'về'.")] = None
    text: Annotated[str, Field(description="The whole citation as printed.")]


class Paragraph(Model):
    type: Literal["paragraph"] = "paragraph"
    text: Annotated[str, Field(description="Paragraph text, wrapped lines rejoined.")]


class Item(Model):
    type: Literal["item"] = "item"
    label: Annotated[
        str,
        Field(description="'a', 'b', … 'đ' for lettered items (OCR misreadings fixed from the sequence); "
        "'-' or '+' for bullets."),
    ]
    text: Annotated[str, Field(description="Item text, wrapped lines rejoined.")]
    children: Annotated[list[Node], Field(description="Nested items and paragraphs.")] = []


class Subsection(Model):
    type: Literal["subsection"] = "subsection"
    number: Annotated[str, Field(description="Arabic number as printed without the final dot: '1', '4.1'.")]
    title: Annotated[str, Field(description="Text of the numbered line (a heading or a whole first paragraph).")]
    children: Annotated[list[Node], Field(description="Nested subsections, items and paragraphs.")] = []


Node = Annotated[Union[Subsection, Item, Paragraph], Field(discriminator="type")]  # noqa: UP007


class Section(Model):
    numeral: Annotated[str, Field(description="Roman numeral, corrected from OCR misreadings ('I1.' → 'II').")]
    title: Annotated[str, Field(description="Section title as printed, without numeral and final colon.")]
    kind: Annotated[SectionKind, Field(description="What the section is about, whatever its wording.")]
    page: Annotated[int | None, Field(description="Page where the section starts.")] = None
    line: Annotated[int | None, Field(description="Line on that page where the section starts, 1-based.")] = None
    children: Annotated[list[Node], Field(description="The section's outline.")] = []


class Assignment(Model):
    """A unit and what the plan asks of it."""

    unit: Annotated[str, Field(description="The unit (agency, office, person) assigned.")]
    tasks: Annotated[list[str], Field(description="Its tasks, one string each.")] = []
    lead: Annotated[str | None, Field(description="'Đơn vị chủ trì' where the plan names one.")] = None
    partners: Annotated[list[str], Field(description="'Đơn vị phối hợp', split at ';'.")] = []
    timeline: Annotated[str | None, Field(description="'Thời gian thực hiện' as printed.")] = None


class Appendix(Model):
    title: Annotated[str, Field(description="Appendix heading, e.g. 'PHỤ LỤC'.")]
    caption: Annotated[
        str | None, Field(description="Lines under the heading, e.g. '(Kèm theo Kế hoạch số …)'.")
    ] = None
    columns: Annotated[list[str], Field(description="Table column headers.")] = []
    rows: Annotated[list[list[str]], Field(description="Table rows, cells as text.")] = []


class Signer(Model):
    authority: Annotated[
        str | None, Field(description="The authority line as printed, e.g. 'TM. ỦY BAN NHÂN DÂN'.")
    ] = None
    authority_kind: Annotated[SignerAuthority | None, Field(description="TM, KT, TL, TUQ or Q.")] = None
    position: Annotated[str | None, Field(description="Position, e.g. 'PHÓ CHỦ TỊCH'.")] = None
    name: Annotated[str | None, Field(description="The signer's name, without rank or academic title.")] = None
    honorific: Annotated[
        str | None,
        Field(description="Rank or academic title printed before the name ('Thượng tá', 'TS.', 'PGS.TS.'), "
                          "else null. Added in 1.2.0."),
    ] = None


class Warning(Model):
    code: Annotated[str, Field(description="Stable machine-readable code, e.g. 'numbering_gap'.")]
    message: Annotated[str, Field(description="What looks wrong, in a sentence.")]
    page: Annotated[int | None, Field(description="Page concerned, where known.")] = None
    line: Annotated[int | None, Field(description="Line on that page, where known.")] = None


class Location(Model):
    page: Annotated[int, Field(ge=1, description="Page, 1-based.")]
    line: Annotated[int, Field(ge=1, description="Line on the page, 1-based.")]


class Plan(Model):
    """A Kế hoạch (plan) as structured data."""

    schema_: Annotated[
        Literal["khparse.plan"], Field(alias="schema", description="Schema name: always 'khparse.plan'.")
    ] = SCHEMA_NAME
    schema_version: Annotated[str, Field(description="Semantic version of the schema this follows.")] = SCHEMA_VERSION
    source: Annotated[SourceInfo, Field(description="The input and its pages.")]
    header: Annotated[Header, Field(description="Decree 30 header components.")]
    year: Annotated[int | None, Field(description="The year the plan is for.")] = None
    legal_basis: Annotated[list[Citation], Field(description="Documents cited in the opening paragraph.")] = []
    preamble: Annotated[str | None, Field(description="Opening text between the title and section I.")] = None
    sections: Annotated[list[Section], Field(description="Sections I, II, … with their outlines.")] = []
    assignments: Annotated[list[Assignment], Field(description="Units and their tasks.")] = []
    appendices: Annotated[list[Appendix], Field(description="Appendix tables (Phụ lục).")] = []
    closing: Annotated[str | None, Field(description="The closing sentence ('Trên đây là …./.').")] = None
    recipients: Annotated[list[str], Field(description="'Nơi nhận' entries, bullets and final ';' removed.")] = []
    signer: Annotated[Signer | None, Field(description="The signature block.")] = None
    provenance: Annotated[
        dict[str, Location],
        Field(description="Where each header, closing and signer field was found: 'header.number' → page, line."),
    ] = {}
    warnings: Annotated[list[Warning], Field(description="What looks wrong but was kept as printed.")] = []
