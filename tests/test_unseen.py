"""Plans the parser was not developed on at first (tests/fixtures/unseen, heldout, blind … blind49; clean and
garbled) and the seeds, scored field by field against hand-written expectations (see tests/field_score.py)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from benchmarks.score_fields import cases

import khparse
from khparse.output import plan_dict

from .field_score import Score, score

ALL_CASES = cases()  # every scored folder (benchmarks/score_fields.FOLDERS)
# A few misses are tolerated per document (a garbled verb can hide where a unit's name ends); the overall
# figure is reported by benchmarks/score_fields.py.
PER_DOCUMENT = 0.9
# Documents known to score below PER_DOCUMENT, each with the floor it must keep (a field below what it
# scored when this was written, for OCR's small differences between machines) and why. blind18's phone
# photo: a 184 dpi photo of a blurred page whose text OCR reads at 85% of characters; its number, parent
# and two citations are lost in the reading (0.517 when written, 0.643 at f9e51c5, 0.759 now that a quad
# that leaves part of the paper outside is no page's outline).
# blind21 (archive scans of real-world layouts, 74.4% blind) keeps two below the bar, each with
# what it still loses: a photocopy of a photocopy whose toner streak garbles the title's quotes, a
# unit, the first recipient's dash and the name under the seal (0.531 when written, 0.844 now: its
# five-line header, a Party resolution's symbol "NG/ĐỤ" and a speck before "III." read right); a phone
# photo of a one-page plan whose signer OCR reads as noise (0.759, 0.828 now).
# blind22 (archive and web scans of forms not tried before, 88.5% blind): its phone photos of a ruled
# task table are read whole since a corner in the phone's shadow is found where the sheet's sides meet.
# blind23 (everyday archive scans of bodies earlier sets met least, 90.2% blind) keeps two: a
# treasury's "KHU VỰC XIII" read "XII" in its name and number, on pages fed sideways (0.867); a
# certified copy at 200 dpi whose title and deputy's office OCR garbles (0.868). A third hovers at the bar:
# a 300 dpi black-and-white scan whose seal hides the signer's name, one of whose table cells OCR reads
# "số l1" or "số ]" by the pixel the cell's crop starts at (0.941 with "]", 0.886 with "l1").
# blind24 (Kế hoạch tuyên truyền CCHC as an archive holds them, 95.0% blind) keeps one: a 150 dpi grey
# scan whose received stamp's frame lies over the issuer and the number (tesseract reads nothing of
# that column), whose tail OCR reads column into column (0.781 blind, 0.871 now).
# blind26 (everyday plans of many kinds as archives scan them, 81.5% blind) keeps two: a photocopied
# cooperative's plan whose signature OCR garbles (0.484 blind, 0.871 now that toner dust is taken off and
# Part II's "HI." is read as III); a photocopy of a received copy whose stamp garbles the issuer and
# whose Phụ lục cells lose their spaces (0.279, 0.791 now). Its health station's phone photos are read
# whole (0.757 → 1.0) since the corner in the phone's shadow is found where the sheet's sides meet.
# blind27 (plans whose substance is in tables, 94.7% blind): its 200 dpi G4 scan's one-pixel rules are
# kept through the speckle median and bridged where they step, and its merged leads are read (0.865 → 1.0).
# blind28 (older plans from archives, 2016–2024, 91.7% blind) keeps none below the bar. blind29 (archive
# scans at the hard end of realistic, 94.1% blind) keeps two a field above it, floored a field below: a
# plan photographed lying on another sheet, whose "Sổ" OCR reads "Số" and whose position the seal and
# the sheet's edge garble (0.719 blind, 0.906 now); a Party plan photographed at a strong angle with a
# thumb over its edge, whose parent OCR loses (0.917 blind, 0.972 now that a signature's strokes read as
# letters are neither another signer's name nor more of the title). blind30 (plans as published today,
# digitally signed, 97.9% blind) keeps none below the bar, nor does blind31 (plans around administrative
# reform other than the yearly propaganda plan: inspections, contests, training, surveys; 99.8% blind)
# or blind33 (plans with their attachments: forms, templates, surveys; 98.1% blind). blind32 (archive
# forms not tried before, 48.9% blind) keeps three below the bar: a dot-matrix print whose dotted zeros
# OCR reads "9" and "8" in every number (its dates are read; "06/QĐ-TTg" is not: 0.432), a typewriter's
# carbon copy whose "l" reads "t" ("pháp tuật", "Điều tệ": 0.833), and a plan reprinted in a two-column
# bulletin over a halftone tint, whose columns stand closer than the header's and are read as one (0.387).
# blind34 (everyday phone captures, 77.6% blind) keeps two: a page photographed off a monitor in a dark
# room, its sheet a third of the picture (0.033 blind, taken for a negative; 0.80 now), and a crumpled
# sheet whose creases OCR reads as "N", "\\" and "-" beside its lines, one before its title (0.656 blind,
# 0.688 now that the specks beside "KẾ HOẠCH" leave it read; 0.719 now that a crease's "Ñ" and a dash
# before the title are no part of it).
# blind35 (image encodings scanners and converters write, 85.2% blind: the GIF refused, the BMP taken for
# text) keeps none below the bar; nor does blind38 (copies marked before they were scanned, 91.7% blind:
# a paperclip read "II" above a folded sheet's header, 0.312 blind, 0.969 now). blind36 (plans of
# 2005-2015, 91.0% blind) keeps one: a print whose inkjet banding runs through its header's letters,
# which tesseract drops whole ("UBND HUYỆN …", the national title; "KẾ HOẠCH" read "kKk HOẠCH": 0.50),
# and floors a faint photocopy a field or two below its 0.903 (its name under a grey seal is not read).
# blind37 (PDF structures of published plans, 89.3% blind) keeps none: the earlier draft hidden in white
# text under the final one is left out (0.811 → 0.917; the old signer's name clipped away under the new
# one is still read).
# blind39 (office files, 74.9% blind) and blind40 (long plans, 95.7% blind) keep none below the bar; nor do
# blind41 (plans of the Central Highlands, the Khmer areas and the northern mountains, 98.2% blind) and
# blind42 (PDFs whose text layer lies, 81.4% blind: a draft's, a swapped and an upside-down layer trusted),
# blind43 (outline forms offices type, 93.1% blind) or blind44 (headers and tails of real copies, 99.3%).
# blind45 (plans of domains met least, 97.1% blind), blind46 (the two-tier local government, 97.8%) and
# blind48 (tails under seals and signatures, 96.4%) keep none below the bar; blind49 (plans that follow
# from other documents, 96.7%) keeps its amending plan scanned at 250 dpi, whose basis's symbol OCR reads
# "CATT-PC06" and whose unit's "2." reads "P;" (0.70 blind, 0.77 now that its "ICT." is a KT.). blind47
# (plans received by fax, 84.5% blind) keeps three: a page sent in photo mode, halftoned whole, whose
# issuer, title and tail OCR garbles (0.79); a standard fax with black edge bars whose header OCR reads
# "NIIAN" and whose signer's name the halftoned seal hides (0.34 blind, 0.81 now that the bars no longer
# turn the page); a G3 fax with dropped scan lines whose recipients and signer's position OCR loses (0.87).
BELOW_THE_BAR = {
    "blind18 hoi-lhpn-phuong-tan-an-dong-ngay-phap-luat-2025-photo.jpg": 0.72,
    "blind21 mttq-phuong-khoai-chau-tay-cuoc-van-dong-2026-photocopy-scan.pdf": 0.81,
    "blind21 hoi-chu-thap-do-xa-phu-tan-dong-hien-mau-2026-photo.jpg": 0.79,
    "blind23 kbnn-khu-vuc-xiii-giao-dich-dien-tu-2026-landscape-scan.pdf": 0.83,
    "blind23 trung-tam-y-te-khu-vuc-son-duong-tay-phong-chong-dich-benh-2026-sao-y-grey200.pdf": 0.84,
    "blind23 thue-co-so-11-dong-nai-ho-kinh-doanh-ke-khai-2026-bw300-seal-name.pdf": 0.85,
    "blind24 ubnd-dac-khu-ly-son-tuyen-truyen-cchc-2026-mixed-grey150.pdf": 0.80,
    "blind26 htx-nong-nghiep-dich-vu-yen-lac-dong-ke-hoach-sxkd-2026-photocopy.pdf": 0.83,
    "blind26 ubnd-xa-chiem-hoa-tay-chuyen-doi-so-2026-phu-luc-copy-stamp.pdf": 0.76,
    "blind29 bhxh-co-so-tien-yen-tuyen-truyen-cchc-cds-2026-photo-on-second-sheet.pdf": 0.87,
    "blind29 dang-uy-xa-thach-ha-tay-lanh-dao-cchc-cds-de-an-06-2026-phone-keystone-thumb.pdf": 0.88,
    "blind32 cong-an-xa-dien-chau-bac-de-an-06-2026-may-in-kim-giay-lien-tuc.pdf": 0.38,
    "blind32 hoi-ccb-huyen-nong-cong-tay-pbgdpl-hoi-vien-2018-ban-than-danh-may.pdf": 0.76,
    "blind32 so-noi-vu-dong-thap-tuyen-truyen-cchc-2026-ban-tin-hai-cot-tram-cmyk.pdf": 0.32,
    "blind34 so-khcn-lao-cai-chuyen-doi-so-2026-chup-man-hinh-may-tinh.pdf": 0.73,
    "blind34 van-phong-dkdd-ninh-binh-kiem-soat-tthc-2026-giay-nhau-vuot-phang.pdf": 0.59,
    "blind36 bcd-cchc-huyen-ky-son-tay-hoa-binh-30c-2012-scan-in-phun-phu-luc-ke-bang.pdf": 0.47,
    "blind36 phong-noi-vu-huyen-binh-luc-dong-ha-nam-tuyen-truyen-cchc-2009-scan-ban-photo-mo.pdf": 0.84,
    "blind47 bcd-cchc-huyen-duc-tho-tuyen-truyen-cchc-2021-fax-che-do-anh-halftone.tif": 0.76,
    "blind47 ubnd-phuong-an-cuu-dong-chuyen-doi-so-2026-fax-standard-vien-den.tiff": 0.77,
    "blind47 hoi-lhpn-xa-que-phu-tay-pbgdpl-2020-fax-g3-loi-duong-truyen.tif": 0.83,
    "blind49 cong-an-tinh-nghe-an-sua-doi-bo-sung-ke-hoach-cap-cccd-2021-scan-250-trich-dan-muc-iii-moi.pdf": 0.73,
}


# The scanned plans (each is OCRed: about 2.5 s a page) would take the suite past 15 minutes read whole
# (347 pages in 167 scans at blind38: 7-8 minutes of a 12.5-minute suite). The suite reads every plan with
# text, every scan of the RECENT_SCAN_FOLDERS newest folders that have scans (the ones a session is working
# on) and of BELOW_THE_BAR, and the EARLIER_SCANS smallest scans (by bytes: about the fewest pages) of each
# earlier folder, so every archive form keeps a scan in the suite; benchmarks/score_fields.py reads them all
# and is run before a change is committed.
RECENT_SCAN_FOLDERS = 4
EARLIER_SCANS = 2
SCAN_SUFFIXES = {".pdf", ".jpg", ".png", ".tif", ".tiff", ".webp", ".gif", ".bmp"}


def is_scan(path: Path) -> bool:
    """An image, or a PDF without a font (image-only): a plan the suite must OCR."""
    suffix = path.suffix.lower()
    return suffix in SCAN_SUFFIXES and (suffix != ".pdf" or b"/Font" not in path.read_bytes())


def in_the_suite(all_cases: list[tuple[str, Path, dict]]) -> list[tuple[str, Path, dict]]:  # type: ignore[type-arg]
    folder = {label: label.split()[0] for label, _, _ in all_cases}
    scans = [(label, path) for label, path, _ in all_cases if is_scan(path)]
    folders = list(dict.fromkeys(folder[label] for label, _ in scans))  # in FOLDERS' order, oldest first
    recent = set(folders[-RECENT_SCAN_FOLDERS:])
    kept = {label for label, _ in scans if folder[label] in recent or label in BELOW_THE_BAR}
    for name in folders:
        smallest = sorted((path.stat().st_size, label) for label, path in scans
                          if folder[label] == name and label not in kept)
        kept.update(label for _, label in smallest[:EARLIER_SCANS])
    return [case for case in all_cases if case[0] in kept or not is_scan(case[1])]


CASES = in_the_suite(ALL_CASES)


def _read(path: Path) -> dict:  # type: ignore[type-arg]
    return plan_dict(khparse.extract(path))


# The scanned plans (most of this module's time) are read two at a time, one a core, in processes of their
# own started afresh (libtesseract's threads do not survive a fork); the rest here.
READERS = 2


@cache
def _plans() -> dict[Path, dict]:  # type: ignore[type-arg]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    paths = sorted({path for _, path, _ in CASES})
    slow = [p for p in paths if p.suffix.lower() in SCAN_SUFFIXES]
    with ProcessPoolExecutor(READERS, mp_context=multiprocessing.get_context("spawn")) as pool:
        plans = dict(zip(slow, pool.map(_read, slow), strict=True))
    plans.update({p: _read(p) for p in paths if p not in plans})
    return plans


@cache
def _scored(path: Path, label: str) -> Score:
    expected = next(e for lab, p, e in CASES if lab == label and p == path)
    return score(expected, _plans()[path])


@pytest.mark.parametrize(("label", "path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fields_match_hand_written_expectations(label: str, path: Path, expected: dict) -> None:  # type: ignore[type-arg]
    result = _scored(path, label)
    assert result.accuracy >= BELOW_THE_BAR.get(label, PER_DOCUMENT), "\n".join(result.misses)


def test_the_documents_below_the_bar_are_still_scored() -> None:
    assert set(BELOW_THE_BAR) <= {label for label, _, _ in CASES}


def test_the_suite_keeps_a_scan_of_every_folder_that_has_scans() -> None:
    scanned = {label.split()[0] for label, path, _ in ALL_CASES if is_scan(path)}
    assert {label.split()[0] for label, path, _ in CASES if is_scan(path)} == scanned
    assert len(CASES) < len(ALL_CASES)


def test_overall_accuracy() -> None:
    points = total = 0
    for label, path, _ in CASES:
        result = _scored(path, label)  # each plan read once for both tests (the scans' OCR is slow)
        points, total = points + result.points, total + result.total
    # 100% (5834/5834) when written (benchmarks/score_fields.py); when blind32's archive forms (48.9% blind,
    # 88.6% now) and blind34's phone captures (77.6%, 95.1%) came in, the sets before them stood at 99.2%
    # (15524/15649) and all at 98.9% (17098/17289); with blind35-blind38 (85.2%, 91.0%, 89.3%, 91.7% blind;
    # 99.0%, 94.6%, 98.2%, 98.0% now) the sets before them stand at 98.9% (16974/17163) and all at 98.8%
    # (18759/18991); with blind39's office files (74.9% blind, 100% now) and blind40's long plans (95.7%,
    # 99.9%) all stand at 98.9% (20173/20402); with blind41 (98.2%, 99.2%), blind42 (81.4%, 99.3%), blind43
    # (93.1%, 99.5%) and blind44 (99.3%, 100%) at 98.9% (21959/22194), the sets before blind39 at 98.8%
    # (18765/18990); with blind45-blind49 (97.1%, 97.8%, 84.5%, 96.4%, 96.7% blind; 100%, 99.0%, 91.6%,
    # 97.9%, 98.4% now) at 98.9% (24129/24402), the sets before them at 99.0% (21975/22191): the bar holds
    # the sets as a whole, the plans below 90% are held by their floors above.
    assert points / total >= 0.985
