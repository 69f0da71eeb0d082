"""Tables ruled with one-pixel lines on bi-level scans (a 200 dpi G4 office scan): the rules survive
the speckle median and close every cell, and a merged cell's text counts once in the plan's words."""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image

from khparse.fields.spelling import PlanWords, respelled
from khparse.read import grid, speckle
from khparse.read.engine import Recorded
from khparse.read.prepare import prepare

DPI = 200
COLUMNS = (200, 290, 800, 1060, 1340, 1520)  # TT, task, lead, partners, deadline (pixels at 200 dpi)
ROWS = (300, 352, 404, 560, 730, 860)


def _thin_ruled_page(seed: int = 5) -> np.ndarray:
    """A bi-level page at 200 dpi with a 5 x 5 table ruled in one-pixel lines, turned 0.7° the way a
    sheet fed crooked is (each rule a staircase of one-pixel steps), with the drop-outs and specks a
    G4 scan has."""
    rng = np.random.default_rng(seed)
    height, width = 2339, 1654
    ink = np.zeros((height, width), bool)
    turn = np.radians(0.7)

    def rule(x0: float, y0: float, x1: float, y1: float) -> None:
        t = np.linspace(0, 1, 4 * int(max(abs(x1 - x0), abs(y1 - y0))))
        x, y = x0 + t * (x1 - x0) - COLUMNS[0], y0 + t * (y1 - y0) - ROWS[0]
        turned_x = COLUMNS[0] + x * np.cos(turn) - y * np.sin(turn)
        turned_y = ROWS[0] + x * np.sin(turn) + y * np.cos(turn)
        ink[np.round(turned_y).astype(int), np.round(turned_x).astype(int)] = True

    for y in ROWS:
        rule(COLUMNS[0], y, COLUMNS[-1], y)
    for x in COLUMNS:
        rule(x, ROWS[0], x, ROWS[-1])
    # Text-like strokes in the cells (two pixels and more: what the median keeps) and the scan's noise.
    for top in ROWS[:-1]:
        for left, right in itertools.pairwise(COLUMNS):
            for x in range(left + 15, right - 30, 12):
                ink[top + 15:top + 33, x:x + 3] = True  # a letter's stem
    lost = rng.random(ink.shape) < 0.04
    lost[1::2, :] = lost[:, 1::2] = False  # one-pixel drop-outs (never two side by side): rules broken here and there
    ink &= ~lost
    ink |= rng.random(ink.shape) < 0.002  # isolated specks
    return np.where(ink, 0, 255).astype(np.uint8)


def test_one_pixel_rules_survive_the_median_and_close_every_cell() -> None:
    page = _thin_ruled_page()
    assert speckle.is_bilevel(page)
    prepared = prepare(Image.fromarray(page), DPI, engine=Recorded(), timeout=10)
    assert speckle.SPECKLE in prepared.preparation.cleaned  # the rules are no stroke the median eats
    found = grid.find(prepared.image, prepared.preparation.dpi)
    assert len(found.grids) == 1
    assert len(found.grids[0].cells) == (len(ROWS) - 1) * (len(COLUMNS) - 1)  # no cell run into the next
    # The median alone (the rules not put back) leaves dashes: the table is lost or its cells run together.
    import cv2

    dashes = Image.fromarray(np.asarray(cv2.medianBlur(page, speckle.MEDIAN_WINDOW)))
    lost = grid.find(dashes, DPI)
    assert not lost.grids or len(lost.grids[0].cells) < (len(ROWS) - 1) * (len(COLUMNS) - 1)


def test_only_a_tables_rules_are_put_back_after_the_median() -> None:
    page = _thin_ruled_page()
    page[100, 200:600] = 0  # a one-pixel underline, in no table: left to the median (a fax's issuer line)
    page[1500, 800] = page[1600, 300] = 0  # specks far from the table
    cleaned = speckle.despeckle(page, DPI)
    assert (cleaned[100, 200:600] == 255).all()
    assert cleaned[1500, 800] == cleaned[1600, 300] == 255
    ink = page < 128
    table = np.zeros_like(ink)
    table[ROWS[0] - 5:ROWS[-1] + 25, COLUMNS[0] - 10:COLUMNS[-1] + 5] = True
    kept = np.count_nonzero(ink & table & (cleaned < 128)) / np.count_nonzero(ink & table)
    assert kept > 0.9  # the rules and the strokes in the cells
    assert speckle.despeckle(page, None)[ROWS[1], COLUMNS[0] + 50] == 255  # the median alone takes a rule


PLAN = [
    "Ban Thường vụ Đoàn xã Yên Định xây dựng Kế hoạch tổ chức Tháng Thanh niên.",
    "| TT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp |",
    "| --- | --- | --- | --- |",
    "| 1 | Lễ ra quân | Ban Thường vụ Đoạn xa | Các chi đoàn thôn |",
    "| 2 | Ngày Chủ nhật xanh | Ban Thường vụ Đoạn xa | Các chi đoàn thôn |",
    "| 3 | Hiến máu tình nguyện | Ban Thường vụ Đoạn xa | Trạm Y tế xã |",
    "1. Ban Thường vụ Đoàn xã: phân công đồng chí Ủy viên phụ trách từng hoạt động.",
    "TM. BAN THƯỜNG VỤ ĐOÀN XÃ",
]


def test_a_merged_cell_counts_once_and_marks_misread_in_two_words() -> None:
    # The lead cell merged over three rows stands in each row; printed once, it does not outweigh the
    # plan's own spelling, which differs from it in two words' marks.
    assert respelled("Ban Thường vụ Đoạn xa", PlanWords(PLAN)) == "Ban Thường vụ Đoàn xã"
    # Three cells printed apart, each with the same reading, are the plan's writing: kept.
    apart = [line.replace("Đoạn xa", "Đoạn xa") for line in PLAN]
    apart[4] = "| 2 | Ngày Chủ nhật xanh | Các chi đoàn thôn | Ban Thường vụ Đoạn xa |"
    assert PlanWords(apart).pairs[("vụ", "đoạn")] == 3
    assert PlanWords(PLAN).pairs[("vụ", "đoạn")] == 1
