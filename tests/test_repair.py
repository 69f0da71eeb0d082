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


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aeiouynghtdlCDTUH đươ06/()[]{}?’'&@$#%*|.,: -")),
               max_size=60))
def test_split_line_roundtrip_garbled(line: str) -> None:
    """However OCR symbols fall, the spans of a garbled line read back as the line, and no word
    span is empty."""
    spans = split_line(line, garbled=True)
    assert "".join(s.text for s in spans) == line
    assert all(s.text for s in spans)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxy ÀÁẢÃẠàáảãạ\n.,/-06€'@&)]?’CHTU")),
               max_size=80))
def test_never_crashes_and_keeps_line_count(text: str) -> None:
    out = repair_text(text).text
    assert out.count("\n") == text.count("\n")


def test_decoder_finds_the_best_reading() -> None:
    """The sparse lattice decoder agrees with brute force on small random phrases."""
    import itertools
    import random

    import numpy as np

    from khparse.repair.decode import Choice, decode
    from khparse.repair.inventory import load_inventory
    from khparse.repair.restore import load_lm
    from khparse.repair.vocab import BOS, EOS

    lm, inv = load_lm(), load_inventory()
    rng = random.Random(7)
    common = list(range(4, 300))
    phrases = []
    for _ in range(40):
        phrase = []
        for _ in range(rng.randint(1, 5)):
            k = rng.randint(1, 4)
            ids = np.array(rng.sample(common, k), dtype=np.int64)
            phrase.append(Choice(ids, np.array([-rng.random() * 3 for _ in range(k)])))
        phrases.append(phrase)

    def score(ids: list[int]) -> float:
        seq = [BOS, BOS, *ids, EOS]
        return sum(
            float(lm.logprob([np.array([seq[t - 2]]), np.array([seq[t - 1]])], np.array([seq[t]]))[0])
            for t in range(2, len(seq))
        )

    for phrase, (picked, conf) in zip(phrases, decode(lm, phrases), strict=True):
        best = max(
            itertools.product(*[range(len(c.ids)) for c in phrase]),
            key=lambda path: score([int(c.ids[k]) for c, k in zip(phrase, path, strict=True)])
            + sum(float(c.channel[k]) for c, k in zip(phrase, path, strict=True)),
        )
        got = score([int(c.ids[k]) for c, k in zip(phrase, picked, strict=True)]) + sum(
            float(c.channel[k]) for c, k in zip(phrase, picked, strict=True))
        want = score([int(c.ids[k]) for c, k in zip(phrase, best, strict=True)]) + sum(
            float(c.channel[k]) for c, k in zip(phrase, best, strict=True))
        assert got == pytest.approx(want, abs=1e-2)
        assert all(0.0 < c <= 1.0 + 1e-6 for c in conf)
    assert inv.forms[4]  # the inventory the ids come from


def test_place_names_from_gazetteer() -> None:
    out = repair_text("Ke hoach tuyen truyen tren dia ban phuong Ben Tam, thanh pho Chi Linh nam 2025").text
    assert "phường Bến Tắm" in out and "thành phố Chí Linh" in out
    garbled = "Uy ban nhan dan phudng Bén Tim xiy dung Ké hoach tuyén truyén cai cach hanh chinh"
    assert "phường Bến Tắm" in repair_text(garbled).text


def test_person_names_and_units_after_bodies() -> None:
    garbled = ("Tuyén truyén cii cich hanh chinh nha nwéc ctia Pang; Lanh dao UBND phuong;\n"
               "Poan Van Nam\n")
    assert text_quality(garbled).verdict == "garbled"
    out = repair_text(garbled).text
    assert "UBND phường" in out and "Đoàn Văn Nam" in out
    stripped = "Ong Nguyen Van Binh, Chu tich UBND xa, ba Tran Thi Lan va cac dong chi"
    out = repair_text(stripped).text
    assert "Nguyễn Văn" in out and "Trần Thị" in out and "UBND xã" in out


def test_dotted_names_kept() -> None:
    text = "xem trif.gov.bd va dichvucong.gov.vn tren Cong thong tin dien tu cua tinh"
    out = repair_text(text).text
    assert "trif.gov.bd" in out and "dichvucong.gov.vn" in out


def test_ocr_families() -> None:
    from khparse.repair.ocr import load_ocr

    model = load_ocr()
    assert model is not None and {f.name for f in model.fonts} == {"classic", "times"}
    # Tesseract on TeX Gyre Termes prints "Déc lap - Ty do", on Liberation Serif "Dic lp - Tl do".
    printed = ["Déc", "lap", "Ty", "do", "Hanh", "phtic", "nim", "ngudi", "phudng"]
    assert model.for_text(printed).fonts[0].name == "times"


def test_kept_spans_stay_in_their_phrase() -> None:
    """A symbol is <num> to the model, as when it was counted: "so 136/KH-UBND" is "số"."""
    out = repair_text("Ke hoach so 136/KH-UBND ngay 23/12/2021 cua Uy ban nhan dan thanh pho").text
    assert out.startswith("Kế hoạch số 136/KH-UBND ngày 23/12/2021 của")


def test_unit_that_named_a_place_is_favoured() -> None:
    text = ("Uy ban nhan dan phuong Ben Tam xay dung ke hoach tuyen truyen cai cach hanh chinh; "
            "cac nganh, doan the cua phuong phoi hop thuc hien tai dia phuong theo phuong an da de ra.")
    out = repair_text(text).text
    assert "phường Bến Tắm" in out and "của phường" in out
    assert "địa phương" in out and "phương án" in out


def test_printed_syllable_survives_in_ocr_text() -> None:
    # OCR printed "giao" for "giao" nearly always: no reading by letters ("gạo" with an inserted
    # "i", "giáo" with a lost mark) outweighs that in an ordinary context.
    text = "2. Giao Trung tdm Phuc vu - Kiém so4t TTHC tinh theo doi, téng hop bao cáo"
    assert repair_text(text).text.startswith("2. Giao Trung tâm Phục vụ - Kiểm soát TTHC")


def test_comma_stays_in_phrase_as_token() -> None:
    """A comma keeps the words before it as context, as the token <c> (counted and decoded alike);
    other punctuation still ends a phrase."""
    from khparse.repair.vocab import phrases

    assert list(phrases("các phòng, ban, đơn vị. Kế hoạch")) == [
        ["các", "phòng", "<c>", "ban", "<c>", "đơn", "vị"], ["kế", "hoạch"]]
    assert repair_text("cac phong, ban, don vi").text == "các phòng, ban, đơn vị"


def test_ocr_symbols_glued_to_words() -> None:
    """In OCR output a symbol between letters, or a closing bracket nothing opened, is a letter
    OCR misread; elsewhere it stays punctuation."""
    line = "ngu@i nh&t thi) (ngay) t] co’ ti? tiep, 76/NQ-CP ok?"
    spans = split_line(line, garbled=True)
    assert "".join(s.text for s in spans) == line
    words = [s.text for s in spans if s.kind == "word"]
    assert words == ["ngu@i", "nh&t", "thi)", "ngay", "t]", "co’", "ti?", "tiep", "ok"]
    # A slash OCR printed for a marked vowel; units and word pairs stay apart.
    slashed = [s.text for s in split_line("quy/t dinh km/h s/n va/hoac", garbled=True)
               if s.kind == "word"]
    assert slashed == ["quy/t", "dinh", "km", "h", "s", "n", "va", "hoac"]
    # An acronym OCR glued to the word before it is a word of its own.
    glued = [s.text for s in split_line("truyénCCHC tacUBND iPhone", garbled=True) if s.kind == "word"]
    assert glued == ["truyén", "CCHC", "tac", "UBND", "iPhone"]
    # Not in a good or stripped text: there they are punctuation.
    assert [s.text for s in split_line(line) if s.kind == "word"][:2] == ["ngu", "i"]
    fixed = repair_text("Cac co quan huéng dan ngu@i dan thuc hién nh&t quan.").text
    assert fixed == "Các cơ quan hướng dẫn người dân thực hiện nhất quán."


def test_ocr_capitals_only_where_plausible() -> None:
    from khparse.repair.render import OcrContext, ocr_case

    inside = OcrContext(starts_sentence=False, heading=False, name_share=0.0)
    start = OcrContext(starts_sentence=True, heading=False, name_share=0.0)
    heading = OcrContext(starts_sentence=True, heading=True, name_share=0.0)
    assert ocr_case("cá", "cA", inside) == "cá"  # A printed for á
    assert ocr_case("ứng", "Ung", inside) == "ứng"
    assert ocr_case("ứng", "Ung", start) == "Ứng"
    assert ocr_case("lịch", "Ich", inside) == "lịch"  # I printed for l
    assert ocr_case("lịch", "Ich", start) == "Lịch"
    assert ocr_case("tổ", "TU", start) == "Tổ"  # U printed for ổ
    assert ocr_case("tổ", "TU", heading) == "TỔ"
    assert ocr_case("chủ", "CHD", inside) == "CHỦ"
    assert ocr_case("đích", "PiCH", inside) == "ĐÍCH"
    assert ocr_case("an", "An", OcrContext(False, False, 0.6)) == "An"  # a name: An Giang


def test_short_numbers_in_ocr_text() -> None:
    """A one- or two-digit word in OCR output may be a misread syllable ("6" ở); a number where
    a number belongs stays."""
    text = ("Nguoi dan 6 dia phuong duge tham gia theo quy dinh tai Diéu 6 cia Luat nay.\n"
            "Thoi han la 14 ngay ké tir ngay nhan du hé so hop 1é.")
    fixed = repair_text(text).text.split("\n")
    assert fixed[0] == "Người dân ở địa phương được tham gia theo quy định tại Điều 6 của Luật này."
    assert " 14 ngày " in fixed[1]


def test_ocr_channel_prints_strings_for_letters() -> None:
    """The channel maps each letter to the string OCR printed for it ("ứ" → "ir"), and searches
    readings with such strings put back, so "chire" (chức, two edits from its key) is found."""
    from khparse.repair.ocr import char_events, load_ocr

    assert char_events("chức", "chirc") == [("c", "c"), ("h", "h"), ("ứ", "ir"), ("c", "c")]
    assert char_events("ủy", "y") == [("ủ", ""), ("y", "y")]
    assert char_events("ngày", "ngay)") == [("n", "n"), ("g", "g"), ("à", "a"), ("y", "y)")]
    model = load_ocr()
    assert model is not None
    assert "chue" in model.families["times"].unprinted("chire")
    text = "Nang cao nang luc cho doi ngil can bd, cong chire, vién chirc cia co quan, don vi."
    assert repair_text(text).text == (
        "Nâng cao năng lực cho đội ngũ cán bộ, công chức, viên chức của cơ quan, đơn vị.")


def test_document_pages_share_one_family_of_faces() -> None:
    """The pipeline picks the OCR family once from all garbled pages of a document."""
    from khparse.model import TextSource
    from khparse.read.pages import PageText
    from khparse.repair.stage import _document_channel, repair_pages

    seed = (Path(__file__).resolve().parents[1] / "samples" / "ben-tam-2025.txt").read_text(encoding="utf-8")
    lines = seed.split("\n")
    pages = (PageText(1, "\n".join(lines[:140]), TextSource.text_layer),
             PageText(2, "\n".join(lines[270:]), TextSource.text_layer))
    channel = _document_channel([w for page in pages for w in page.text.split()])
    assert channel is not None and len(channel.fonts) == 1
    repaired = repair_pages(pages)
    assert all(p.source is TextSource.repaired and p.original for p in repaired)
    assert "nhân dân phường Bến Tắm" in repaired[0].text


@pytest.mark.parametrize(
    ("stripped", "fixed"),
    [
        # The ninth form of "doi" (MAX_FORMS) and the plan vocabulary of scripts/lm_admin_phrases.txt.
        ("Cong chuc la dau moi theo doi, don doc viec thuc hien.",
         "Công chức là đầu mối theo dõi, đôn đốc việc thực hiện."),
        ("Day manh chuyen doi so trong hoat dong cua co quan nha nuoc.",
         "Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan nhà nước."),
        ("Nop ho so truc tuyen tai Bo phan Mot cua phuong va tren Cong Dich vu cong quoc gia.",
         "Nộp hồ sơ trực tuyến tại Bộ phận Một cửa phường và trên Cổng Dịch vụ công quốc gia."),
    ],
)
def test_plan_vocabulary_restored(stripped: str, fixed: str) -> None:
    assert repair_text(stripped).text == fixed


def test_plan_tail_restored() -> None:
    text = "Noi nhan:\n- Nhu tren;\n- Luu: VT, VP."
    assert repair_text(text).text == "Nơi nhận:\n- Như trên;\n- Lưu: VT, VP."


def test_two_word_unit_after_body() -> None:
    out = repair_text("giai quyet cua UBND thi tran va HDND thanh pho trong nam").text
    assert out == "giải quyết của UBND thị trấn và HĐND thành phố trong năm"


def test_long_phrases_decoded_in_windows_read_as_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase past the window bound is decoded in windows cut after two fixed words: the same
    readings as the whole phrase decoded at once, and no window over the bound."""
    import itertools
    import random

    import numpy as np

    from khparse.repair import decode as dec
    from khparse.repair.restore import load_lm

    lm = load_lm()
    rng = random.Random(11)
    common = list(range(4, 400))
    phrase = []
    for t in range(400):
        k = 1 if t % 12 in (0, 1) else rng.randint(2, 6)  # now and then two fixed words (a number, a code)
        phrase.append(dec.Choice(np.array(rng.sample(common, k), dtype=np.int64),
                                 np.array([-rng.random() * 3 for _ in range(k)])))
    whole = dec.decode(lm, [phrase])
    sizes = [len(c.ids) for c in phrase]
    bound = dec._triples(sizes) // 4
    monkeypatch.setattr(dec, "WINDOW_TRIPLES", bound)
    windows = dec._windows(sizes)
    assert len(windows) >= 4 and windows[0][2] == 0 and windows[-1][3] == len(phrase)
    assert all(b == a2 for (_, _, _, b), (_, _, a2, _) in itertools.pairwise(windows))  # cores tile
    assert all(sum(dec._cell_triples(sizes[s:e])) <= bound for s, e, _, _ in windows)
    assert all(len(phrase[b - 1].ids) == len(phrase[b - 2].ids) == 1 for _, _, _, b in windows[:-1])
    windowed = dec.decode(lm, [phrase])
    assert windowed[0][0] == whole[0][0]
    # The confidences are a window's marginals, not the whole phrase's: close, not equal (at most 1.1e-4
    # apart with the model rebuilt with plan texts, 1e-4 before).
    assert windowed[0][1] == pytest.approx(whole[0][1], abs=2e-4)


def test_words_joined_by_a_hyphen_with_ocr_symbols_are_words_not_a_code() -> None:
    from khparse.repair.tokens import split_line

    spans = split_line("Cong chirc Tw phap-H¢ tich:", garbled=True)
    assert ("word", "H¢") in spans and ("word", "phap") in spans
    assert ("keep", "KH-UBND") in split_line("so 12/KH-UBND va KH-UBND")
