"""Repair: restores marks, keeps lines, symbols, acronyms and good text as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khparse.repair import is_vietnamese_syllable, repair_text, text_quality
from khparse.repair.normalize import detect_style, normalize_syllable, place_tone, strip_marks
from khparse.repair.tokens import split_line

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("garbled", "fixed"),
    [
        ("ke hoach tuyen truyen", "kế hoạch tuyên truyền"),
        ("Tuyén truyén cii cich hanh chinh nha nwéc", "Tuyên truyền cải cách hành chính nhà nước"),
        ("KE HOACH tuyen truyen cai cach hanh chinh", "KẾ HOẠCH tuyên truyền cải cách hành chính"),
    ],
)
def test_known_phrases_restored(garbled: str, fixed: str) -> None:
    assert repair_text(garbled).text == fixed


def test_line_breaks_kept() -> None:
    text = "ke hoach\n\ntuyen truyen cai cach\r\nhanh chinh  nam 2025\n"
    out = repair_text(text).text
    assert out.split("\n") == ["kế hoạch", "", "tuyên truyền cải cách\r", "hành chính  năm 2025", ""]


def test_symbols_numbers_acronyms_kept() -> None:
    text = (
        "Thuc hien Nghi quyet so 76/NQ-CP ngay 15/7/2021 cua Chinh phu, Ke hoach so 20/KH-UBND "
        "cua UBND va HDND tinh ve CCHC, TTHC, PAR INDEX, SIPAS; xem https://dichvucong.gov.vn "
        "tren Zalo, Facebook, TikTok theo Quyet dinh 1879/QD-UBND"
    )
    out = repair_text(text).text
    for kept in ("76/NQ-CP", "15/7/2021", "20/KH-UBND", "UBND", "CCHC", "TTHC", "PAR INDEX",
                 "SIPAS", "https://dichvucong.gov.vn", "Zalo", "Facebook", "TikTok"):
        assert kept in out
    assert "HĐND" in out and "1879/QĐ-UBND" in out
    assert out.startswith("Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ")


def test_good_text_unchanged() -> None:
    text = (
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể "
        "cải cách hành chính nhà nước giai đoạn 2021 - 2030, Ủy ban nhân dân xã xây dựng Kế hoạch "
        "tuyên truyền cải cách hành chính năm 2025 như sau: nâng cao nhận thức của cán bộ, công "
        "chức, viên chức và Nhân dân về vai trò, ý nghĩa của công tác cải cách hành chính."
    )
    result = repair_text(text)
    assert result.text == text
    assert result.quality.verdict == "good"


def test_modern_tone_style_kept() -> None:
    text = "Cộng hoà xã hội chủ nghĩa, hoà nhập, thuỷ lợi, khoẻ mạnh và quản lý hành chính"
    assert repair_text(text).text == text
    assert detect_style(text.split()) == "modern"


def test_confidence_per_word() -> None:
    result = repair_text("ke hoach tuyen truyen 2025")
    assert [t.text for t in result.tokens] == ["kế", "hoạch", "tuyên", "truyền", "2025"]
    assert all(0.0 < t.confidence <= 1.0 for t in result.tokens)


def test_tone_placement() -> None:
    assert normalize_syllable("hoà") == "hòa" and normalize_syllable("thuỷ") == "thủy"
    assert place_tone("hòa", "modern") == "hoà"
    assert normalize_syllable("HOÀN") == "HOÀN" and normalize_syllable("người") == "người"
    assert strip_marks("Đường") == "Duong"


def test_syllables_and_quality() -> None:
    assert is_vietnamese_syllable("tuyên") and is_vietnamese_syllable("HOÀ")
    assert not is_vietnamese_syllable("UBND") and not is_vietnamese_syllable("nwéc")
    assert text_quality("kế hoạch tuyên truyền cải cách hành chính").verdict == "good"
    assert text_quality("ke hoach tuyen truyen cai cach hanh chinh").verdict == "stripped"
    assert text_quality("Tuyén truyén cii cich hanh chinh nha nwéc ctia").verdict == "garbled"


@pytest.mark.skipif(not SEEDS.exists(), reason="needs ../shared/seeds")
def test_seed_keeps_lines_and_improves() -> None:
    text = (SEEDS / "ben-tam-2025.txt").read_text(encoding="utf-8")
    result = repair_text(text)
    assert len(result.text.split("\n")) == len(text.split("\n"))
    assert text_quality(result.text).valid > text_quality(text).valid + 0.2


def test_split_line_roundtrip() -> None:
    line = "Số: 86/KH-UBND (PAR INDEX) nguo'i hi€u 2021 - 2030; www.abc.vn"
    assert "".join(s.text for s in split_line(line)) == line


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxy ÀÁẢÃẠàáảãạ\n.,/-06€'")),
               max_size=80))
def test_never_crashes_and_keeps_line_count(text: str) -> None:
    out = repair_text(text).text
    assert out.count("\n") == text.count("\n")
