"""Where a plan came from: the input file and what was done with each of its pages."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from khparse.model.base import Model
from khparse.model.kinds import SourceKind, TextSource


class PageInfo(Model):
    number: Annotated[int, Field(ge=1, description="Page number, 1-based, in input order.")]
    text_source: Annotated[TextSource, Field(description="Where this page's text came from.")]
    quality: Annotated[
        float | None,
        Field(
            ge=0.0,
            le=1.0,
            description="Share of tokens that read as valid Vietnamese syllables with their marks; "
            "null where it was not measured.",
        ),
    ] = None
    ocr_confidence: Annotated[
        float | None,
        Field(ge=0.0, le=100.0, description="Mean tesseract word confidence, 0-100; null without OCR."),
    ] = None
    reason: Annotated[
        str | None, Field(description="Why this text source was chosen for the page.")
    ] = None
    rotation: Annotated[
        int | None,
        Field(description="Degrees the page image was turned counter-clockwise before OCR to stand "
              "upright (0, 90, 180, 270); null without OCR. Added in 1.1.0."),
    ] = None
    skew: Annotated[
        float | None,
        Field(description="Degrees of lean corrected before OCR (positive: turned counter-clockwise); "
              "null without OCR. Added in 1.1.0."),
    ] = None
    dpi: Annotated[
        int | None,
        Field(ge=1, description="Resolution the page image was OCRed at, in dots per inch (after any "
              "scaling); null without OCR. Added in 1.1.0."),
    ] = None
    cleaned: Annotated[
        list[str],
        Field(description="What was corrected or removed on the page image before OCR: 'perspective' "
              "(a photo's page edges), 'colour stamps' (seals, signatures, stamps), 'uneven light', "
              "'resolution A → B dpi'. Added in 1.1.0."),
    ] = []


class SourceInfo(Model):
    path: Annotated[
        str | None, Field(description="The input path as given; '-' for stdin; null for a string.")
    ]
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the input bytes.")]
    kind: Annotated[SourceKind, Field(description="What kind of input it was.")]
    pages: Annotated[list[PageInfo], Field(description="One record per page, in order.")]
