"""Pandoc's plain-text multiline tables (read/plain_tables.py): a Word original's header, signature
block and appendix table as `pandoc -t plain` writes them."""

from __future__ import annotations

import khparse
from khparse.fold import nfc
from khparse.read.plain_tables import multiline_tables

PLAN = """  ------------------------------------ ----------------------------------------
  SỞ TÀI CHÍNH TỈNH AN GIANG           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  TRUNG TÂM DỊCH VỤ TÀI CHÍNH          Độc lập - Tự do - Hạnh phúc
  -------                              ---------------

  Số: 27/KH-TTDV                       An Giang, ngày 05 tháng 3 năm 2025
  ------------------------------------ ----------------------------------------

KẾ HOẠCH

Cải cách hành chính năm 2025

Căn cứ Kế hoạch số 40/KH-STC ngày 20/01/2025 của Sở Tài chính;

I. MỤC ĐÍCH, YÊU CẦU

1. Nâng cao chất lượng phục vụ.

II. TỔ CHỨC THỰC HIỆN

1. Phòng Hành chính tổng hợp

Chủ trì theo dõi.

  ------------------------------------ ----------------------------------------
  Nơi nhận:                            GIÁM ĐỐC
  - Sở Tài chính;
  - Lưu: VT.                           Trịnh Văn Lộc
  ------------------------------------ ----------------------------------------

PHỤ LỤC

  ----------------------------------------------------------------------
  TT   Nhiệm vụ                    Đơn vị chủ     Thời gian
                                   trì            hoàn thành
  ---- --------------------------- -------------- --------------------
  1    Rà soát quy trình nội bộ    Phòng Hành     Quý I
       giải quyết công việc        chính tổng
                                   hợp

  2    Số hóa hồ sơ lưu trữ        Phòng Nghiệp   Quý III
                                   vụ
  ----------------------------------------------------------------------
"""


def test_two_column_tables_are_read_column_by_column_and_wide_ones_as_pipe_rows() -> None:
    text = multiline_tables(nfc(PLAN))
    assert "SỞ TÀI CHÍNH TỈNH AN GIANG\nTRUNG TÂM DỊCH VỤ TÀI CHÍNH\n-------\nSố: 27/KH-TTDV" in text
    assert "| TT | Nhiệm vụ | Đơn vị chủ trì | Thời gian hoàn thành |" in text
    assert "| 1 | Rà soát quy trình nội bộ giải quyết công việc | Phòng Hành chính tổng hợp | Quý I |" in text


def test_plan_in_pandoc_plain_text() -> None:
    plan = khparse.extract(nfc(PLAN))
    assert (plan.header.issuer, plan.header.parent_issuer, plan.header.number) == (
        "TRUNG TÂM DỊCH VỤ TÀI CHÍNH", "SỞ TÀI CHÍNH TỈNH AN GIANG", "27/KH-TTDV")
    assert plan.signer is not None and (plan.signer.position, plan.signer.name) == ("GIÁM ĐỐC", "Trịnh Văn Lộc")
    assert len(plan.recipients) == 2
    assert [row[2] for row in plan.appendices[0].rows] == ["Phòng Hành chính tổng hợp", "Phòng Nghiệp vụ"]


def test_dashes_without_a_closing_rule_are_left_alone() -> None:
    text = "  ------------------------------\n  Một dòng\n\nmột đoạn văn\n"
    assert multiline_tables(text) == text
