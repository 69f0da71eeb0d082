"""Text typed in the legacy TCVN3 (.VnTime / .VnTimeH) fonts is read back as Unicode Vietnamese."""

from __future__ import annotations

from khparse import load
from khparse.pipeline import extract_source
from khparse.read.legacy_fonts import from_tcvn3, looks_like_tcvn3

# A plan's opening as a .VnTime document's text comes out of a PDF or an old .doc: each letter's
# 8-bit code shown as a Western letter, "ư" (0xAD, a soft hyphen) printed "-".
HEADER = """\
      Uû BAN NH¢N D¢N                 CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM
       HUYÖN S¥N Hµ                        §éc lËp - Tù do - H¹nh phóc

      Sè: 15/KH-UBND                  S¬n Hµ, ngµy 20 th¸ng 02 n¨m 2014

                                  KÕ HO¹CH
             Tuyªn truyÒn c¶i c¸ch hµnh chÝnh n¨m 2014

   C¨n cø QuyÕt ®Þnh sè 1201/Q§-UBND ngµy 10/01/2014 cña Uû ban nh©n d©n tØnh;
   Uû ban nh©n d©n huyÖn x©y dùng KÕ ho¹ch nh- sau:

   I. MôC §ÝCH, Y£U CÇU
   - N©ng cao nhËn thøc cña c¸n bé, c«ng chøc vµ ng-êi d©n vÒ c¶i c¸ch hµnh chÝnh.
   II. NéI DUNG TUY£N TRUYÒN
   - Ch-¬ng tr×nh tæng thÓ c¶i c¸ch hµnh chÝnh nhµ n-íc giai ®o¹n 2011 - 2020.
   III. Tæ CHøC THùC HIÖN
   1. Phßng Néi vô
   - Tham m-u Uû ban nh©n d©n huyÖn triÓn khai KÕ ho¹ch.

N¬i nhËn:                                            TM. Uû BAN NH¢N D¢N
- Së Néi vô (b/c);                                         CHñ TÞCH
- L-u: VT.
                                                          NguyÔn V¨n H¶i
"""


def test_tcvn3_text_is_read_as_unicode_with_its_capitals_restored() -> None:
    text = from_tcvn3(HEADER)
    assert text is not None
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0].split("   ")[0] == "UỶ BAN NHÂN DÂN"  # "Uû": one plain capital beside capitals
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[0]
    assert lines[1].startswith("HUYỆN SƠN HÀ") and "Độc lập - Tự do - Hạnh phúc" in lines[1]
    assert lines[3].startswith("Số: 15/KH-UBND") and "Sơn Hà, ngày 20 tháng 02 năm 2014" in lines[3]
    assert "KẾ HOẠCH" in lines and "Tuyên truyền cải cách hành chính năm 2014" in lines
    assert "Căn cứ Quyết định số 1201/QĐ-UBND ngày 10/01/2014 của Uỷ ban nhân dân tỉnh;" in lines
    assert "Uỷ ban nhân dân huyện xây dựng Kế hoạch như sau:" in lines  # "nh-": "ư" at a word's end
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines and "III. TỔ CHỨC THỰC HIỆN" in lines
    assert "giai đoạn 2011 - 2020." in text  # a spaced hyphen stays
    assert "- Lưu: VT." in lines and "Nguyễn Văn Hải" in lines
    assert "TM. UỶ BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text


def test_unicode_and_western_text_are_left_alone() -> None:
    assert from_tcvn3("Kế hoạch tuyên truyền cải cách hành chính năm 2025 của Ủy ban nhân dân xã.\n" * 20) is None
    assert from_tcvn3("Café à la crème, ½ litre × 2 · déjà vu §3 « citation » ®.\n" * 3) is None
    assert looks_like_tcvn3(HEADER) and not looks_like_tcvn3("Kế hoạch số 15/KH-UBND")
    assert from_tcvn3("Số: 15/KH-UBND; 2011-2020; a - b.\n" * 30) is None


def test_a_tcvn3_plan_is_parsed_and_its_page_says_it_was_converted() -> None:
    plan = extract_source(load.from_bytes(HEADER.encode("utf-8"), "plan.txt"))
    assert plan.header.issuer == "UỶ BAN NHÂN DÂN HUYỆN SƠN HÀ"
    assert plan.header.number == "15/KH-UBND"
    assert str(plan.header.date) == "2014-02-20"
    assert plan.header.title == "Tuyên truyền cải cách hành chính năm 2014"
    assert plan.legal_basis[0].number == "1201/QĐ-UBND"
    assert plan.signer is not None and plan.signer.name == "Nguyễn Văn Hải"
    assert all(p.reason and "TCVN3" in p.reason for p in plan.source.pages)


def _tcvn3_pdf() -> bytes:
    """A PDF whose text layer holds the TCVN3 codes, as one printed from a .VnTime document does (the
    codes drawn as the Western letters a font without its own encoding maps them to)."""
    import io

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("Legacy", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), invariant=True)
    page.setFont("Legacy", 11)
    y = 800.0
    for line in HEADER.splitlines():
        page.drawString(40, y, line)
        y -= 16
    page.save()
    return buffer.getvalue()


def test_a_pdf_text_layer_typed_in_tcvn3_is_read_as_unicode() -> None:
    plan = extract_source(load.from_bytes(_tcvn3_pdf(), "plan.pdf"))
    assert plan.header.issuer == "UỶ BAN NHÂN DÂN HUYỆN SƠN HÀ"
    assert plan.header.number == "15/KH-UBND"
    assert str(plan.header.date) == "2014-02-20"
    assert plan.header.title == "Tuyên truyền cải cách hành chính năm 2014"
    assert plan.signer is not None and plan.signer.name == "Nguyễn Văn Hải"
    page = plan.source.pages[0]
    assert page.text_source.value == "text_layer" and page.reason and "TCVN3" in page.reason
