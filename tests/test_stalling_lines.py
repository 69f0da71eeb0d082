"""Lines that once made the parser backtrack for minutes (issue 11): long runs of blanks in a date
or number, thousands of kind words after "Căn cứ". Each must parse in linear time; the guard is a
generous wall-clock bound on a child process (a hang, not a speed target: quadratic took 40 s to
forever on these sizes, linear takes well under a second)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAD = "ỦY BAN NHÂN DÂN\nXÃ TÂN LẬP\n"
BODY = "KẾ HOẠCH\nTuyên truyền cải cách hành chính\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức.\n"
CASES = {
    "date blanks of dots": HEAD + "Số: 12/KH-UBND\nTân Lập, ngày " + "." * 50_000 + " tháng " + "." * 50_000
    + " năm 2025\n" + BODY,
    "date blanks of underscores": HEAD + "Tân Lập, ngày " + "_" * 50_000 + " tháng " + "_" * 50_000
    + " năm 2025\n" + BODY,
    "number blank of dots": HEAD + "Số: " + "." * 50_000 + "/KH-UBND\n" + BODY,
    "Căn cứ and 20,000 Luật": HEAD + BODY.replace("I. MỤC", "Căn cứ " + "Luật " * 20_000 + "\nI. MỤC"),
}
BOUND_SECONDS = 30


@pytest.mark.parametrize("text", list(CASES.values()), ids=list(CASES))
def test_line_parses_in_bounded_time(text: str) -> None:
    code = "import sys, khparse; khparse.extract(sys.stdin.read(), repair=False)"
    done = subprocess.run([sys.executable, "-c", code], input=text, text=True, capture_output=True,
                          timeout=BOUND_SECONDS, check=False)
    assert done.returncode == 0, done.stderr[-500:]
