"""The archive-scan generator itself (tests/scan_variants.py, scripts/make_scans.py): deterministic,
right sizes and conventions, truth files written. Nothing here runs khparse or tesseract."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")
pytest.importorskip("reportlab")
if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf").exists():
    pytest.skip("fonts-dejavu is not installed", allow_module_level=True)

from PIL import Image  # noqa: E402

from . import scan_variants as sv  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import make_scans  # noqa: E402

DPI = 100
SMALL_DPI = 72  # for whole documents: quick, and enough to check the files


@pytest.fixture(scope="module")
def page() -> Image.Image:
    return sv.sample_page(0, dpi=DPI)


def test_turns_are_clockwise_quarter_turns(page: Image.Image) -> None:
    marked = page.convert("L").copy()
    marked.paste(0, (0, 0, 20, 20))  # a black square at the page's top left
    right = np.asarray(sv.turned(marked, 90))
    assert right.shape == (page.width, page.height)
    assert right[:20, -20:].max() == 0  # turned clockwise: the top left is now at the top right
    assert np.asarray(sv.turned(marked, 180))[-20:, -20:].max() == 0
    assert np.asarray(sv.turned(marked, 270))[-20:, :20].max() == 0
    assert np.array_equal(np.asarray(sv.turned(sv.turned(marked, 90), 270)), np.asarray(marked))
    with pytest.raises(ValueError):
        sv.turned(page, 45)


def test_skew_keeps_the_frame_and_the_paper(page: Image.Image) -> None:
    tilted = sv.skewed(page, 4.0)
    assert tilted.size == page.size
    assert np.asarray(tilted)[:3, :3].min() >= sv.paper_level(page) - 1  # corners filled with paper
    assert not np.array_equal(np.asarray(tilted), np.asarray(page))


def test_degradations_are_deterministic_for_a_seed(page: Image.Image) -> None:
    small, dpi = page.reduce(2), DPI // 2
    box = sv.signature_box(6, dpi)
    for make in (lambda s: sv.scanned(small, s), lambda s: sv.fax(small, s, dpi=dpi),
                 lambda s: sv.photograph(small, s, long_side=500)[0],
                 lambda s: sv.with_seal(small, box, seed=s, dpi=dpi),
                 lambda s: sv.with_received_stamp(small, (25, 75), seed=s, dpi=dpi)):
        assert np.array_equal(np.asarray(make(3)), np.asarray(make(3)))
        assert not np.array_equal(np.asarray(make(3)), np.asarray(make(4)))


def test_fax_is_binary_at_half_the_resolution(page: Image.Image) -> None:
    faxed = sv.fax(page, dpi=DPI, out_dpi=DPI // 2)
    assert faxed.mode == "1" and faxed.info["dpi"] == (DPI // 2, DPI // 2)
    assert abs(faxed.width - page.width / 2) <= 1 and abs(faxed.height - page.height / 2) <= 1


def test_standard_fax_has_pixels_twice_as_tall_as_wide(page: Image.Image) -> None:
    faxed = sv.standard_fax(page, dpi=DPI)
    assert faxed.mode == "1" and faxed.info["dpi"] == (204, 98)
    assert abs(faxed.width - page.width * 204 / DPI) <= 1 and abs(faxed.height - page.height * 98 / DPI) <= 1


def test_a_dim_photo_is_darker_than_a_lit_one(page: Image.Image) -> None:
    lit, dim = (np.asarray(sv.photograph(page, seed=1, long_side=600, dim=d)[0].convert("L")) for d in (False, True))
    assert np.percentile(dim, 90) < 150 < np.percentile(lit, 90)


def test_phone_photo_corners_frame_the_page(page: Image.Image) -> None:
    photo, corners = sv.photograph(page, seed=1, long_side=1200)
    assert photo.mode == "RGB" and max(photo.size) == 1200
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    assert 0 < min(xs) < max(xs) < photo.width and 0 < min(ys) < max(ys) < photo.height
    pixels = np.asarray(photo, dtype=float)
    centre = pixels[photo.height // 2 - 20 : photo.height // 2 + 20, photo.width // 2 - 20 : photo.width // 2 + 20]
    assert pixels[:10, :10].mean() < centre.mean()  # the desk is darker than the paper
    assert centre[..., 2].mean() < centre[..., 0].mean()  # a warm colour cast


def test_seal_and_stamp_are_coloured_and_keep_black_text(page: Image.Image) -> None:
    signer = sv.sample_page(6, dpi=DPI)
    box = sv.signature_box(6, DPI)
    sealed = np.asarray(sv.with_seal(signer, box, dpi=DPI), dtype=int)
    red = (sealed[..., 0] - sealed[..., 1] > 60) & (sealed[..., 0] > 120)
    assert red.sum() > 500
    blue = (sealed[..., 2] - sealed[..., 0] > 50)
    assert blue.sum() > 50
    grey = np.asarray(signer)
    black = grey < 60
    assert (sealed[black].max(axis=1) < 90).mean() > 0.97  # print under the ink stays dark
    stamped = np.asarray(sv.with_received_stamp(page, (40, 120), dpi=DPI), dtype=int)
    purple = (stamped[..., 2] - stamped[..., 1] > 40) & (stamped[..., 0] - stamped[..., 1] > 20)
    assert purple.sum() > 300


def test_plan_text_is_read_into_columns_and_blocks() -> None:
    name = "so-noi-vu-lam-dong-2024"
    text, _ = make_scans.plan_sources()[name]
    plan = make_scans.parse_plan(text.read_text("utf-8"), markdown=False)
    assert plan.left == ["UBND TỈNH LÂM ĐỒNG", "SỞ NỘI VỤ"] and plan.number == "Số: 18/KH-SNV"
    assert plan.right[0].startswith("CỘNG HÒA") and plan.date.startswith("Lâm Đồng, ngày 29")
    headings = [b.text for b in plan.blocks if b.kind == "heading" and b.text[:2] in {"I.", "II", "IV", "V."}]
    assert headings[0] == "I. MỤC ĐÍCH, YÊU CẦU"
    assert any(h.endswith("TẠI SỞ NỘI VỤ VÀ TRÊN ĐỊA BÀN TỈNH") for h in headings)  # wrapped heading joined
    assert len(plan.recipients) == 6 and plan.signature[-1] == "Trần Thị Mai Hương"


def test_pandoc_recipients_and_a_rule_less_laid_out_phu_luc_are_read() -> None:
    plan = make_scans.parse_plan(
        "ỦY BAN NHÂN DÂN XÃ AN LẠC          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 7/KH-UBND                       An Lạc, ngày 2 tháng 1 năm 2026\n\nKẾ HOẠCH\nTuyên truyền\n\n"
        "I. MỤC ĐÍCH\nNâng cao nhận thức./.\n\nNơi nhận:\n-   Đảng ủy xã;\n-   Lưu: VT.\n"
        "                                                  CHỦ TỊCH\n\n                            PHỤ LỤC\n\n"
        " TT   Nội dung nhiệm vụ          Cơ quan chủ trì      Thời gian hoàn\n"
        "                                                      thành\n\n"
        " 1    Xây dựng chuyên mục trên   Văn phòng HĐND và    Hằng tháng\n"
        "      Trang thông tin điện tử    UBND xã\n\n"
        " 2    Phát thanh hằng tuần       Công an xã           Thứ Sáu\n", markdown=False)
    assert plan.recipients == ["- Đảng ủy xã;", "- Lưu: VT."] and plan.signature == ["CHỦ TỊCH"]
    assert plan.table is not None and plan.table.columns[-1] == "Thời gian hoàn thành"
    assert plan.table.rows == [["1", "Xây dựng chuyên mục trên Trang thông tin điện tử", "Văn phòng HĐND và UBND xã",
                                "Hằng tháng"], ["2", "Phát thanh hằng tuần", "Công an xã", "Thứ Sáu"]]


def test_made_up_table_extends_the_expectation() -> None:
    plan = make_scans.load_plan("xa-ha-nha-2025")
    assert plan.own_table is None and len(plan.table.rows) == 8
    expected = make_scans.with_table(plan.expected, plan.table)
    assert expected["appendix_rows"] == 8
    assert expected["assignment_units"][-8:] == [row[2] for row in plan.table.rows]
    assert plan.expected.get("appendix_rows", 0) == 0  # the plan's own expectation is untouched


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_variants_and_truth_files_are_written_deterministically(tmp_path: Path) -> None:
    variants = ["text", "upside_down", "fax", "fax_standard", "table_two_pages"]
    for run in ("a", "b"):
        make_scans.main([str(tmp_path / run), "--plans", "xa-ha-nha-2025", "--variants", *variants,
                         "--dpi", str(SMALL_DPI), "--seed", "7"])
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first == second
    folder = tmp_path / "a" / "xa-ha-nha-2025"
    for variant in variants:
        for suffix in (".pdf", ".expected.json", ".pages.json", ".truth.txt"):
            assert (folder / f"{variant}{suffix}").exists(), variant + suffix
    assert (folder / "fax.tiff").exists() and Image.open(folder / "fax.tiff").n_frames == 3
    standard = Image.open(folder / "fax_standard.tiff")
    assert standard.n_frames == 3 and standard.info["dpi"] == (204, 98)
    pages = json.loads((folder / "upside_down.pages.json").read_text("utf-8"))["pages"]
    assert sorted(p["rotation"] for p in pages) == [0, 0, 180]
    assert [p["needs_preparation"] for p in pages] == [p["rotation"] == 180 for p in pages]
    images = sorted((folder / "upside_down.pages").iterdir())
    assert len(images) == 3 and abs(Image.open(images[0]).height - 842) <= 1  # A4 at 72 dpi
    table = json.loads((folder / "table_two_pages.cells.json").read_text("utf-8"))
    assert table["columns"][0] == "TT" and len(table["rows"]) == 8 and table["pages"] == [4, 5]
    two = json.loads((folder / "table_two_pages.pages.json").read_text("utf-8"))["pages"]
    assert [p["landscape"] for p in two] == [False, False, False, True, True]
    assert not any(p["needs_preparation"] for p in two)
    assert json.loads((folder / "table_two_pages.expected.json").read_text("utf-8"))["appendix_rows"] == 8
    assert not (folder / "upside_down.cells.json").exists()
    index = json.loads((tmp_path / "a" / "index.json").read_text("utf-8"))
    assert index["seed"] == 7 and index["plans"]["xa-ha-nha-2025"] == variants


def test_plans_of_every_layout_are_read_or_refused_with_a_reason() -> None:
    # A table laid out with spaces (pandoc's multiline table, blind2's hospital plan), a signature
    # above "Nơi nhận", a number spaced out ("Số:   27 /KH-PGDĐT"): read. A text that is no plan
    # parse_plan can lay out: PlanLayoutError, and make_scans skips it with that reason.
    sources = make_scans.plan_sources()
    hospital_text = sources["benh-vien-da-khoa-ha-nam-cchc-2024"][0].read_text("utf-8")
    hospital = make_scans.parse_plan(hospital_text, markdown=False)
    assert hospital.table is not None and hospital.table.columns[2] == "Đơn vị chủ trì"
    assert len(hospital.table.rows) == 5 and hospital.table.rows[0][2] == "Phòng Tổ chức cán bộ"
    office = make_scans.parse_plan(sources["phong-gddt-kim-bang-cchc-2024"][0].read_text("utf-8"), markdown=False)
    assert office.number == "Số: 27 /KH-PGDĐT" and office.signature[0] == "Q. TRƯỞNG PHÒNG"
    assert len(office.recipients) == 4
    for name, (text, expected) in sources.items():
        if name == "thuong-xuan-2025":
            continue
        try:
            plan = make_scans.parse_plan(make_scans.plan_text(text), markdown=text.suffix == ".md")
        except make_scans.PlanLayoutError:
            continue
        rows = json.loads(expected.read_text("utf-8")).get("appendix_rows", 0)
        assert plan.blocks, name
        assert (len(plan.table.rows) if plan.table else 0) in (0, rows), name
