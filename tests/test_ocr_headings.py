"""Structure that survives OCR errors: section numerals, subsection numbers and item letters read
from the titles and the sequence when OCR misread them, lost them, or put them at a page top; and
nothing invented where the document itself is so (real gaps, body text, the signature block)."""

from __future__ import annotations

import pytest

import khparse
from khparse.fold import nfc
from khparse.outline import Document, build_outline

from .garble import garble

SECTIONS = {
    "I": "MỤC ĐÍCH, YÊU CẦU",
    "II": "NỘI DUNG TUYÊN TRUYỀN",
    "III": "HÌNH THỨC TUYÊN TRUYỀN",
    "IV": "KINH PHÍ",
    "V": "TỔ CHỨC THỰC HIỆN",
}
KINDS = ["purpose_requirements", "content", "forms", "budget", "implementation"]
BODIES = {
    "I": ("1. Mục đích\nNâng cao nhận thức của cán bộ, công chức và người dân về cải cách hành chính.\n"
          "2. Yêu cầu\nTuyên truyền thiết thực, đúng đối tượng, tiết kiệm và hiệu quả."),
    "II": ("1. Các chủ trương của Đảng, chính sách của Nhà nước về cải cách hành chính.\n"
           "2. Kết quả cải cách thủ tục hành chính và dịch vụ công trực tuyến của xã.\n"
           "3. Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính."),
    "III": ("a) Trên hệ thống loa truyền thanh của xã.\nb) Qua hội nghị, tọa đàm ở thôn.\n"
            "c) Trên trang thông tin điện tử của xã.\nd) Qua tin nhắn và mạng xã hội.\n"
            "đ) Lồng ghép trong sinh hoạt chi bộ, đoàn thể.\ne) Qua các hình thức phù hợp khác."),
    "IV": "Kinh phí thực hiện từ ngân sách xã năm 2025 theo quy định.",
    "V": ("1. Văn phòng HĐND và UBND xã\nChủ trì, theo dõi và tổng hợp kết quả thực hiện Kế hoạch.\n"
          "2. Công chức Văn hóa - Xã hội\nPhối hợp tuyên truyền trên loa truyền thanh của xã."),
}
HEAD = ("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/KH-UBND\nAn Bình, ngày 10 tháng 01 năm 2025\nKẾ HOẠCH\n"
        "Tuyên truyền cải cách hành chính năm 2025\n"
        "Căn cứ Kế hoạch số 5/KH-UBND ngày 02/01/2025 của UBND huyện về cải cách hành chính năm 2025.\n")
TAIL = ("Trên đây là Kế hoạch tuyên truyền cải cách hành chính năm 2025 của UBND xã An Bình./.\n"
        "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n")


def plan(headings: dict[str, str] | None = None, bodies: dict[str, str] | None = None,
         page_top: tuple[str, ...] = ()) -> str:
    """A small plan; `headings` replaces the printed numeral of a section ("" drops it), and a
    section in `page_top` starts a new page (form feed and a page number line)."""
    parts = [HEAD]
    page = 1
    for numeral, title in SECTIONS.items():
        printed = (headings or {}).get(numeral, f"{numeral}.")
        if numeral in page_top:
            page += 1
            parts.append(f"\f- {page} -\n")
        parts.append(f"{printed} {title}\n" if printed else f"{title}\n")
        parts.append((bodies or {}).get(numeral, BODIES[numeral]) + "\n")
    parts.append(TAIL)
    return "".join(parts)


def outline(text: str) -> Document:
    return build_outline((n, nfc(page)) for n, page in enumerate(text.split("\f"), start=1))


def numerals(o: Document) -> list[str]:
    return [s.numeral for s in o.sections]


def repaired(o: Document) -> list[str]:
    return [i.message for i in o.issues if i.code == "numeral_repaired"]


ALL = ["I", "II", "III", "IV", "V"]


@pytest.mark.parametrize("printed", ["H.", "Il.", "1I.", "11.", "l.", "lI.", "I1.", "ll.", "IL."])
def test_second_section_misread(printed: str) -> None:
    o = outline(plan({"II": printed}))
    assert numerals(o) == ALL
    assert o.sections[1].title == "NỘI DUNG TUYÊN TRUYỀN"
    assert repaired(o) == [f"section heading read as '{printed}' taken as II (sequence and title)"]


@pytest.mark.parametrize("printed", ["IIl.", "I1I.", "Il1.", "IT1.", "IH.", "111.", "II."])
def test_third_section_misread(printed: str) -> None:
    o = outline(plan({"III": printed}))
    assert numerals(o) == ALL
    assert o.sections[2].title == "HÌNH THỨC TUYÊN TRUYỀN"
    assert [i.code for i in o.issues] == ["numeral_repaired"]


@pytest.mark.parametrize(("numeral", "printed"), [("IV", "TV."), ("IV", "lV."), ("IV", "1V."), ("IV", "IY."),
                                                  ("V", "Y."), ("V", "v."), ("V", "V,"), ("I", "l."),
                                                  ("I", "|."), ("I", "1.")])
def test_other_sections_misread(numeral: str, printed: str) -> None:
    o = outline(plan({numeral: printed}))
    assert numerals(o) == ALL
    assert o.sections[ALL.index(numeral)].title == SECTIONS[numeral]


@pytest.mark.parametrize("printed", ["V1.", "Vl.", "VT.", "Vv."])
def test_sixth_section_misread(printed: str) -> None:
    text = plan().replace("Trên đây là", f"{printed} CHẾ ĐỘ BÁO CÁO\nBáo cáo kết quả trước ngày 15/12/2025.\n"
                          "Trên đây là")
    o = outline(text)
    assert numerals(o) == [*ALL, "VI"]
    assert o.sections[5].title == "CHẾ ĐỘ BÁO CÁO"


def test_every_numeral_misread_at_once() -> None:
    o = outline(plan({"I": "l.", "II": "H.", "III": "IH.", "IV": "TV.", "V": "Y."}))
    assert numerals(o) == ALL
    assert len(repaired(o)) == 5


@pytest.mark.parametrize("lost", [("II",), ("II", "III"), ("I",), ("V",), ("III", "IV"), ("IV", "V")])
def test_numeral_lost(lost: tuple[str, ...]) -> None:
    o = outline(plan(dict.fromkeys(lost, "")))
    assert numerals(o) == ALL
    assert [s.title for s in o.sections] == list(SECTIONS.values())
    assert len(repaired(o)) == len(lost)
    assert "printed without a numeral" in repaired(o)[0]


@pytest.mark.parametrize("printed", ["II.", "H.", "ll.", ""])
def test_heading_at_the_top_of_a_page(printed: str) -> None:
    o = outline(plan({"II": printed}, page_top=("II", "IV")))
    assert numerals(o) == ALL
    assert (o.sections[1].line.page, o.sections[3].line.page) == (2, 3)


def test_whole_pipeline_kinds_and_warnings() -> None:
    text = plan({"II": "H.", "III": ""}, page_top=("III",))
    result = khparse.extract(text)
    assert [(s.numeral, s.kind.value) for s in result.sections] == list(zip(ALL, KINDS, strict=True))
    messages = [w.message for w in result.warnings if w.code == "numeral_repaired"]
    assert messages[0] == "section heading read as 'H.' taken as II (sequence and title)"
    assert result.warnings[1].page == 2


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_garbled_plan_with_misread_numerals(seed: int) -> None:
    """English-model OCR over the whole plan (tests/garble.py), numerals misread besides."""
    text = garble(plan({"II": "H.", "IV": "TV.", "V": ""}, page_top=("IV",)), seed)
    result = khparse.extract(text)
    assert [(s.numeral, s.kind.value) for s in result.sections] == list(zip(ALL, KINDS, strict=True))


# --- subsections and lettered items -------------------------------------------------------------


def children(o: Document, section: int) -> list[str]:
    return [n.label for n in o.sections[section].children]


@pytest.mark.parametrize(("body", "want", "warned"), [
    ("1. Một nội dung.\nZ. Hai nội dung.\n3. Ba nội dung.", ["1", "2", "3"], 1),
    ("l. Một nội dung.\n2. Hai nội dung.\n3. Ba nội dung.", ["1", "2", "3"], 1),
    ("1. Một nội dung.\n2. Hai nội dung.\n3, Ba nội dung.", ["1", "2", "3"], 1),
    ("1. Một nội dung.\n2. Hai nội dung.\n3 . Ba nội dung.\n4. Bốn nội dung.", ["1", "2", "3", "4"], 0),
    ("1. Một.\n2. Hai.\n3. Ba.\n4. Bốn.\nS. Năm nội dung.\n6. Sáu.", ["1", "2", "3", "4", "5", "6"], 1),
    ("I. Một nội dung.\n2. Hai nội dung.", ["1", "2"], 1),
    ("l. Một nội dung.\nZ. Hai nội dung.\n3. Ba nội dung.", ["1", "2", "3"], 2),
])
def test_subsection_numbers_misread(body: str, want: list[str], warned: int) -> None:
    o = outline(plan(bodies={"II": body}))
    assert numerals(o) == ALL
    assert children(o, 1) == want
    assert len(repaired(o)) == warned  # "3 ." is read as printed: a space is no misreading


def test_lettered_items_misread() -> None:
    body = ("a) Loa truyền thanh.\nb) Hội nghị.\ne) Trang thông tin.\nd) Tin nhắn.\n¢) Sinh hoạt chi bộ.\n"
            "e) Hình thức khác.")
    o = outline(plan(bodies={"III": body}))
    assert children(o, 2) == ["a", "b", "c", "d", "đ", "e"]
    assert repaired(o) == ["item read as 'e)' taken as c) (sequence)", "item read as '¢)' taken as đ) (sequence)"]


# --- never invent structure ----------------------------------------------------------------------


def test_clean_plan_has_nothing_to_repair() -> None:
    o = outline(plan())
    assert numerals(o) == ALL
    assert not o.issues


def test_real_gaps_are_kept() -> None:
    o = outline(plan(bodies={"II": "1. Một.\n2. Hai.\n3. Ba.\n5. Năm.", "III": "a) Một.\nb) Hai.\nd) Bốn."}))
    assert children(o, 1) == ["1", "2", "3", "5"]
    assert children(o, 2) == ["a", "b", "d"]
    assert not repaired(o)
    assert [i.code for i in o.issues] == ["numbering_gap", "numbering_gap"]
    # a section missing from the print: I, II, III, V stays so (nothing fills the gap)
    gapped = outline(plan().replace("IV. KINH PHÍ\n", "").replace(BODIES["IV"] + "\n", ""))
    assert numerals(gapped) == ["I", "II", "III", "V"]
    assert [i.code for i in gapped.issues] == ["numbering_gap"]


def test_body_lines_like_numerals_stay_text() -> None:
    body = ("1. Các chủ trương của Đảng về cải cách hành chính.\n"
            "H. Nguyễn Văn Bình, công chức Văn hóa - Xã hội, phụ trách nội dung này.\n"
            "l. cán bộ và người dân được tuyên truyền đầy đủ.\n"
            "2. Kết quả cải cách thủ tục hành chính.\n"
            "I. Ông ấy đã đi học về muộn hôm qua.\n"
            "Nội dung tuyên truyền\n"
            "3. Việc số hóa hồ sơ.")
    o = outline(plan(bodies={"II": body}))
    assert numerals(o) == ALL
    assert children(o, 1) == ["1", "2", "3"]


def test_capital_subsections_are_not_sections() -> None:
    o = outline(plan(bodies={"I": "1. MỤC ĐÍCH\nNâng cao nhận thức.\n2. YÊU CẦU\nThiết thực, hiệu quả.",
                             "V": "\n".join(f"{n}. Phòng số {n}\nThực hiện." for n in range(1, 12))}))
    assert numerals(o) == ALL
    assert children(o, 0) == ["1", "2"]
    assert children(o, 4) == [str(n) for n in range(1, 12)]


def test_capital_title_inside_a_section_is_not_a_new_one() -> None:
    o = outline(plan(bodies={"V": BODIES["V"] + "\nTỔ CHỨC THỰC HIỆN\nCác đơn vị báo cáo kết quả về UBND xã."}))
    assert numerals(o) == ALL
    # "KINH PHÍ" in capitals inside section II, where "IV. KINH PHÍ" is printed, even with III lost
    o = outline(plan({"III": ""}, bodies={"II": BODIES["II"] + "\nKINH PHÍ THỰC HIỆN\nTừ ngân sách xã."}))
    assert numerals(o) == ALL
    assert o.sections[2].title == "HÌNH THỨC TUYÊN TRUYỀN"


def test_signature_block_numerals_untouched() -> None:
    text = plan().replace("CHỦ TỊCH\nNguyễn Văn An", "II. Người ký\nH. NGUYỄN VĂN AN")
    o = outline(text)
    assert numerals(o) == ALL
    assert not o.issues
    assert any(line.text == "II. Người ký" for line in o.tail)


def test_numeral_after_the_name_of_the_part() -> None:
    text = plan().replace("I. MỤC ĐÍCH", "PHẦN I. MỤC ĐÍCH").replace("II. NỘI DUNG", "PHẦN II. NỘI DUNG")
    o = outline(text)
    assert numerals(o) == ALL
    assert o.sections[1].title == "NỘI DUNG TUYÊN TRUYỀN"
    assert not o.issues


def test_a_section_of_targets_is_a_section_when_its_numeral_and_the_next_are_misread() -> None:
    # A fax: "I." read as "IL.", "II. CHỈ TIÊU" as "IH.", "III." as "II."; a section of targets has no
    # kind of its own, but its title is a section's, so the sequence takes it rather than a gap.
    text = (HEAD + "IL. MỤC ĐÍCH, YÊU CẦU\n" + BODIES["I"] + "\nIH. CHỈ TIÊU\n"
            "Phấn đấu 95% hồ sơ được giải quyết đúng hạn.\nII. NHIỆM VỤ CỤ THỂ\n" + BODIES["II"] +
            "\nIV. TỔ CHỨC THỰC HIỆN\n" + BODIES["V"] + "\n" + TAIL)
    o = outline(text)
    assert numerals(o) == ["I", "II", "III", "IV"]
    assert [s.title for s in o.sections][1] == "CHỈ TIÊU"
