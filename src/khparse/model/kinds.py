"""The fixed vocabularies of a Plan (str enums). Kept apart from the pydantic models so that the
parser and the readers can use them without importing pydantic: a command that only reads or
repairs text never needs it."""

from __future__ import annotations

from enum import Enum
from typing import Literal

SCHEMA_NAME: Literal["khparse.plan"] = "khparse.plan"
SCHEMA_VERSION = "1.3.0"  # 1.1: citation kinds submission, report; page preparation fields. 1.2: signer.honorific.
# 1.3: source kinds odt, rtf


class SourceKind(str, Enum):
    pdf = "pdf"
    image = "image"
    text = "text"
    docx = "docx"  # Word 2007 and later
    doc = "doc"  # Word 97-2003, read through antiword or LibreOffice
    html = "html"  # a saved web page (.html, .htm, .mhtml)
    odt = "odt"  # OpenDocument text (LibreOffice, OpenOffice)
    rtf = "rtf"  # Rich Text Format


class TextSource(str, Enum):
    """Where the text of a page was taken from."""

    plain_text = "plain_text"  # a .txt/.md file or stdin; a Word file or web page, read as text
    text_layer = "text_layer"  # the PDF's own text layer
    ocr = "ocr"  # tesseract with the Vietnamese model
    repaired = "repaired"  # a stripped or garbled text repaired by khparse


class CitationKind(str, Enum):
    """Kind of a cited document."""

    resolution = "resolution"  # Nghị quyết
    decree = "decree"  # Nghị định
    decision = "decision"  # Quyết định
    directive = "directive"  # Chỉ thị
    plan = "plan"  # Kế hoạch
    circular = "circular"  # Thông tư
    conclusion = "conclusion"  # Kết luận
    guidance = "guidance"  # Hướng dẫn
    official_letter = "official_letter"  # Công văn
    law = "law"  # Luật, Bộ luật
    notice = "notice"  # Thông báo
    scheme = "scheme"  # Đề án
    program = "program"  # Chương trình
    submission = "submission"  # Tờ trình (a body's proposal the plan or decision answers)
    report = "report"  # Báo cáo
    other = "other"  # Quy định, Quy chế, Điều lệ, Hiến chương, Công điện …


class SectionKind(str, Enum):
    purpose_requirements = "purpose_requirements"  # Mục đích, yêu cầu
    content = "content"  # Nội dung
    forms = "forms"  # Hình thức
    audience = "audience"  # Đối tượng
    content_forms = "content_forms"  # Nội dung, hình thức (and đối tượng) together
    budget = "budget"  # Kinh phí
    implementation = "implementation"  # Tổ chức thực hiện
    other = "other"


class SignerAuthority(str, Enum):
    """How the signer signs (Decree 30): on behalf of a body, deputising, by order, ..."""

    TM = "TM"  # thay mặt
    KT = "KT"  # ký thay
    TL = "TL"  # thừa lệnh
    TUQ = "TUQ"  # thừa ủy quyền
    Q = "Q"  # quyền
