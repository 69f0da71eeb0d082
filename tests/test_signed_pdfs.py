"""What a digitally signed PDF carries besides the plan (văn bản điện tử ký số): the e-office line printed
up the left margin, and an electronic certified copy's block whose text layer runs its left column (the
copier's name, number and recipients) before the plan's signature."""

from __future__ import annotations

import io

from khparse import load
from khparse.pipeline import extract_source
from khparse.read.layout import page_lines
from khparse.read.pdf import text_layers

BODY = ("2. Không để xảy ra hồ sơ trễ hạn không có lý do; xin lỗi người dân bằng văn",
        "bản khi để trễ hạn.", "II. NỘI DUNG", "1. Công khai đầy đủ, kịp thời thủ tục hành chính tại Trung tâm",
        *[f"{n}. Rà soát, đề xuất đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, đất đai." for n in range(2, 22)])


def _page_with_a_margin_line(angle: float = 90, at: tuple[float, float] = (40, 560), mark: str = "") -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=True)
    page.setFont("Body", 12)
    y = 780.0
    for text in BODY:
        page.drawString(70, y, text)
        y -= 18
    page.saveState()  # the e-office line, up the left margin across the body's lines
    page.translate(*at)
    page.rotate(angle)
    page.setFont("Body", 40 if mark else 8)
    page.drawString(0, 0, mark or "Văn bản điện tử được quản lý tại https://vbdt.hue.gov.vn - Mã văn bản: HTN26-0021")
    page.restoreState()
    page.save()
    return buffer.getvalue()


def test_the_e_office_line_up_the_margin_is_no_part_of_the_page_lines() -> None:
    (layer,) = text_layers(_page_with_a_margin_line(), "signed.pdf")
    assert [line.strip() for line in page_lines(layer.words, layer.width)] == list(BODY)


def test_a_watermark_set_diagonally_over_the_body_is_no_part_of_the_page_lines() -> None:
    # blind37: "BẢN SAO" drawn as text at 45° across the body ran two of its lines into one of words in
    # no order, and the sections under them were lost.
    (layer,) = text_layers(_page_with_a_margin_line(45, (150, 350), "BẢN SAO"), "watermarked.pdf")
    assert [line.strip() for line in page_lines(layer.words, layer.width)] == list(BODY)


COPY = """\
SỞ TƯ PHÁP
TỈNH NGHỆ AN
Số: 12/KH-STP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 13 tháng 01 năm 2026
KẾ HOẠCH
Phổ biến, giáo dục pháp luật năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao ý thức chấp hành pháp luật.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Phổ biến, giáo dục pháp luật: chủ trì.
Trên đây là Kế hoạch phổ biến, giáo dục pháp luật năm 2026 của Sở Tư pháp./.
Nơi nhận:
- UBND tỉnh (để b/c);
- Giám đốc, các PGĐ Sở;
- Lưu: VT, PBGDPL.
ỦY BAN NHÂN DÂN
XÃ DIỄN CHÂU NAM
Số: 07/SY-UBND
Nơi nhận:
- Các cơ quan, đơn vị thuộc UBND xã;
- Lưu: VT.
KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC
Ký bởi: Nguyễn Thị Hải Yến
Thời gian ký: 13.01.2026 09:52:03 +07:00
Nguyễn Thị Hải Yến
SAO Y
Diễn Châu Nam, ngày 16 tháng 01 năm 2026
TL. CHỦ TỊCH
CHÁNH VĂN PHÒNG
Hồ Sỹ Tuấn
"""


def test_an_electronic_copys_block_read_before_the_plans_signature() -> None:
    plan = extract_source(load.from_bytes(COPY.encode(), "copy.txt"))
    assert plan.signer is not None
    assert (plan.signer.authority_kind, plan.signer.position, plan.signer.name) == (
        "KT", "PHÓ GIÁM ĐỐC", "Nguyễn Thị Hải Yến")
    assert len(plan.recipients) == 3  # the plan's, not the copy's


def _page_with_stamped_fields() -> bytes:
    """A plan's head whose number and day are a FreeText annotation over the printed blanks, and a
    signer's name in a filled form field, as an e-office system and a template leave them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=True)
    page.setFont("Body", 12)
    page.drawString(70, 760, "Số:        /KH-UBND")
    page.drawString(300, 760, "Hòa Khánh, ngày       tháng 01 năm 2026")
    page.drawString(70, 700, "KẾ HOẠCH")
    page.freeTextAnnotation("26", "/Helv 12 Tf 0 g", Rect=(93, 756, 118, 772))
    # reportlab writes a field's value in Latin-1 only
    page.acroForm.textfield(name="signer", value="Nguyen Van An", x=350, y=500, width=150, height=16,
                            borderWidth=0, fontName="Helvetica", fontSize=11)
    page.drawString(300, 600, "TM. ỦY BAN NHÂN DÂN")
    page.drawString(70, -40, "Dự thảo lần 1 - Số: 12/KH-UBND")  # below the page: no viewer shows it
    page.save()
    return buffer.getvalue()


def test_text_stamped_in_annotations_and_form_fields_is_read_with_the_page() -> None:
    # blind37: the number and day stamped as FreeText over the blanks, a template's fields filled in; a
    # draft's note drawn outside the page is not read.
    (layer,) = text_layers(_page_with_stamped_fields(), "stamped.pdf")
    lines = [" ".join(line.split()) for line in page_lines(layer.words, layer.width)]
    assert any(line.startswith("Số: 26 /KH-UBND") for line in lines)
    assert "Nguyen Van An" in " ".join(lines)
    assert "12/KH-UBND" not in " ".join(lines)


def _turned_pages() -> bytes:
    """Two portrait pages stored with /Rotate 90: the first drawn turned, so that it shows a landscape
    table's lines across; the second drawn upright, so that it shows them running down."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Body", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=True)
    for turned in (True, False):
        page.setPageRotation(90)
        page.saveState()
        if turned:  # the landscape page's origin at the portrait page's bottom right, x running up it
            page.translate(595, 0)
            page.rotate(90)
        page.setFont("Body", 12)
        for k, text in enumerate(("PHỤ LỤC II", "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026", "1. Tỷ lệ hồ sơ trực tuyến")):
            page.drawString(60, 500 - 20 * k, text)
        page.restoreState()
        page.showPage()
    page.save()
    return buffer.getvalue()


def test_a_page_stored_turned_is_read_in_the_frame_its_text_runs_across() -> None:
    # blind37: a landscape Phụ lục on a portrait page turned by /Rotate 90 was read as scattered words.
    for layer in text_layers(_turned_pages(), "turned.pdf"):
        assert [line.strip() for line in page_lines(layer.words, layer.width)] == [
            "PHỤ LỤC II", "CHỈ TIÊU CHUYỂN ĐỔI SỐ NĂM 2026", "1. Tỷ lệ hồ sơ trực tuyến"]
