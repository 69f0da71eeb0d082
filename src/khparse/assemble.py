"""Stage `model`: the fields become a validated Plan, with provenance and warnings."""

from __future__ import annotations

from khparse.fields.document import Fields
from khparse.load import Source
from khparse.model.drafts import Location, PageInfo, Plan, SourceInfo, Warning
from khparse.outline import Document
from khparse.read.pages import PageText


def _warnings(fields: Fields, outline: Document) -> list[Warning]:
    out: list[Warning] = []

    def warn(code: str, message: str, page: int | None = None, line: int | None = None, at: str = "") -> None:
        where = fields.locations.get(at)
        if where is not None:
            page, line = where.page, where.number
        out.append(Warning(code=code, message=message, page=page, line=line))

    header = fields.header.header
    before = outline.before
    if before:
        warn("text_before_document", f"{len(before)} line(s) before the document's header (such as a portal's "
             f"title or metadata, from '{before[0].text[:60]}') are not part of the plan and were skipped.",
             page=before[0].page, line=before[0].number)
    if fields.header.missing:
        warn("header_missing", "No Decree 30 header (issuer, number, date) was found: "
             "the first page may be missing; header fields are null.", page=1)
    else:
        if header.issuer is None:
            warn("issuer_missing", "The header names no issuing body.")
        if header.number is None:
            warn("number_missing", "No 'Số: …' number was found in the header.")
        elif header.number.startswith(("/", "-")):
            warn("number_blank", f"The number is left blank ('{header.number}'), as in a draft or an "
                 "unregistered copy.", at="header.number")
        if header.date_text is None:
            warn("date_missing", "No place and date line was found in the header.")
        elif header.date is None:
            warn("date_incomplete", f"The date is printed incomplete ('{header.date_text}'); date is null.",
                 at="header.date")
    for issue in outline.issues:
        warn(issue.code, issue.message, issue.line.page if issue.line else None,
             issue.line.number if issue.line else None)
    if not fields.sections:
        warn("no_sections", "No Roman-numbered sections (I., II., …) were found.")
    if fields.mentions_appendix and not fields.appendices:
        warn("appendix_missing", "The text refers to an appendix (Phụ lục) that is not in the input.")
    if fields.ending.closing is None:
        warn("closing_missing", "No closing sentence ('Trên đây là …') was found.")
    if not fields.ending.recipients:
        warn("recipients_missing", "No recipients list ('Nơi nhận') was found.")
    signer = fields.ending.signer
    if signer is None or signer.name is None:
        warn("signer_missing", "No signer name was found.")
    elif signer.position and fields.position_inferred:
        warn("position_inferred", f"The signer's position was not read; '{signer.position}' is the deputy's "
             f"title under '{signer.authority}' (Decree 30).", at="signer.authority")
    return out


def build_plan(source: Source, pages: tuple[PageText, ...], outline: Document, fields: Fields) -> Plan:
    info = SourceInfo(
        path=source.path,
        sha256=source.sha256,
        kind=source.kind,
        pages=[
            PageInfo(number=p.number, text_source=p.source, quality=p.quality,
                     ocr_confidence=p.ocr_confidence, reason=p.reason,
                     **({"rotation": p.preparation.rotation, "skew": p.preparation.skew,
                         "dpi": p.preparation.dpi, "cleaned": list(p.preparation.cleaned)}
                        if p.preparation else {}))
            for p in pages
        ],
    )
    return Plan(
        source=info,
        header=fields.header.header,
        year=fields.year,
        legal_basis=fields.legal_basis,
        preamble=fields.preamble,
        sections=fields.sections,
        assignments=fields.assignments,
        appendices=fields.appendices,
        closing=fields.ending.closing,
        recipients=fields.ending.recipients,
        signer=fields.ending.signer,
        provenance={name: Location(page=line.page, line=line.number)
                    for name, line in sorted(fields.locations.items())},
        warnings=_warnings(fields, outline),
    )
