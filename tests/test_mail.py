"""A plan forwarded by e-mail: its lines quoted with "> " read as printed."""

from __future__ import annotations

import khparse
from khparse.read.mail import MIN_QUOTED_LINES, unquote

PLAN = """UBND XÃ TÂN LẬP
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 12/KH-UBND
Tân Lập, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2025

Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức.
II. TỔ CHỨC THỰC HIỆN
1. Văn phòng
- Tham mưu.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
"""


def test_a_quoted_plan_under_the_mail_lines_reads_as_the_plan() -> None:
    mail = ("---------- Forwarded message ---------\nTừ: Văn phòng <vp@example.vn>\n"
            "Subject: Fwd: Kế hoạch số 12/KH-UBND\n\nKính gửi các đồng chí.\n\n"
            "On Tue, Mar 11, 2025 at 9:15 AM Phòng <p@example.vn> wrote:\n"
            + "".join(f"> {line}\n" if line else ">\n" for line in PLAN.split("\n")) + "\n--\nPhòng Tổng hợp\n")
    plan = khparse.extract(mail)
    direct = khparse.extract(PLAN)
    assert plan.header.number == direct.header.number == "12/KH-UBND"
    assert plan.header.title == direct.header.title
    assert [s.numeral for s in plan.sections] == ["I", "II"]
    assert plan.signer is not None and plan.signer.name == "Nguyễn Văn An"
    assert len(plan.recipients) == 2


def test_a_short_quote_stays_as_printed() -> None:
    text = "Ý kiến:\n> một dòng trích\n> hai dòng\nHết."
    assert unquote(text) == text
    many = "\n".join(["> > dòng"] * MIN_QUOTED_LINES)
    assert unquote(many) == "\n".join(["dòng"] * MIN_QUOTED_LINES)


def test_a_text_browser_dump_loses_its_link_numbers() -> None:
    from khparse.read.lynx import MIN_LINK_MARKS, drop_link_marks

    links = " ".join(f"[{n}]Mục" for n in range(MIN_LINK_MARKS))
    assert drop_link_marks(f"{links}\nCăn cứ [11]Kế hoạch số 4120/KH-UBND") == (
        " ".join(["Mục"] * MIN_LINK_MARKS) + "\nCăn cứ Kế hoạch số 4120/KH-UBND")
    few = "Điều 5 [1] của Luật; xem [2]Phụ lục."
    assert drop_link_marks(few) == few  # not a dump: footnote marks stay


def test_tracked_changes_accepted_and_footnotes_dropped_in_markdown() -> None:
    from khparse.read.markdown import strip_markdown

    text = ("[góp ý]{.comment-start id=\"0\" author=\"A\"}**DỰ THẢO**[]{.comment-end id=\"0\"}\n"
            "Căn cứ Kế hoạch số 03/KH-BCĐ ngày [02/01/2026]{.deletion author=\"B\"}"
            "[05/01/2026]{.insertion author=\"B\"};\n"
            "**4. Trung tâm Công nghệ thông tin**[^3]\n\n[^3]: Đơn vị sự nghiệp.\n    tiếp theo\n")
    out = strip_markdown(text)
    assert "ngày 05/01/2026;" in out and "02/01/2026" not in out and "góp ý" not in out
    assert "4. Trung tâm Công nghệ thông tin\n" in out and "Đơn vị sự nghiệp" not in out and "[^3]" not in out
