"""Archive-like page images: how a page looks when an archive scanned, photographed or faxed it.

Each function takes a page image (PIL, any mode) and returns a new one; nothing touches the disk.
scripts/make_scans.py builds its variants from these same functions, and tests can call them to
make one degraded page quickly:

    from tests.scan_variants import sample_page, turned, skewed, with_seal, phone_photo, fax
    page = sample_page(0, dpi=150)               # page 1 of samples/thuong-xuan-2025.pdf
    turned(page, 180); skewed(page, 4.0); fax(page, dpi=150)
    with_seal(sample_page(6), signature_box(6))   # red seal and blue signature over the signer

Conventions (the truth files of make_scans.py use the same ones):
- `turned(image, d)`: the printed page lies turned d degrees **clockwise** in the image (90: its top
  is at the right of the image, lines read top to bottom); turning the image d degrees
  counter-clockwise makes it upright again. d is 0, 90, 180 or 270.
- `skewed(image, d)`: the page is rotated d degrees **counter-clockwise** (PIL's and OpenCV's sign)
  inside a frame of the same size; rotating by -d straightens it.
- Sizes given in millimetres are converted with the `dpi` argument (300 unless said).
- Everything is deterministic for a given seed.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PDF = ROOT / "samples" / "thuong-xuan-2025.pdf"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y downwards

SEAL_RED = (205, 30, 45)
SIGNATURE_BLUE = (25, 50, 165)
STAMP_PURPLE = (105, 45, 150)
PEN_BLUE = (30, 60, 150)


def mm(value: float, dpi: int) -> int:
    return round(value * dpi / 25.4)


def _font(size: int, bold: bool = False, oblique: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans" + ("-" if bold or oblique else "") + ("Bold" if bold else "") + ("Oblique" if oblique else "")
    return ImageFont.truetype(str(FONT_DIR / f"{name}.ttf"), size)


def _grey(image: Image.Image) -> Image.Image:
    return image if image.mode == "L" else image.convert("L")


def _rgb(image: Image.Image) -> np.ndarray:
    """The image as float32 RGB in 0..1."""
    return np.asarray(image.convert("RGB"), dtype=np.float32) / 255.0


def _image(pixels: np.ndarray, dpi: int | None = None) -> Image.Image:
    out = Image.fromarray(np.clip(pixels * 255.0 + 0.5, 0, 255).astype(np.uint8))
    if dpi:
        out.info["dpi"] = (dpi, dpi)
    return out


def _keep_dpi(image: Image.Image, source: Image.Image) -> Image.Image:
    if "dpi" in source.info:
        image.info["dpi"] = source.info["dpi"]
    return image


def paper_level(image: Image.Image) -> int:
    """The paper's grey level: the brightest common value of the page."""
    return int(np.percentile(np.asarray(_grey(image)), 90))


# --- geometry -------------------------------------------------------------------------------------

def turned(image: Image.Image, degrees: int) -> Image.Image:
    """The page turned `degrees` clockwise (0, 90, 180, 270), as a scanner fed it."""
    ops = {0: None, 90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    if degrees % 360 not in ops:
        raise ValueError(f"turned: {degrees}° is not a quarter turn")
    op = ops[degrees % 360]
    return _keep_dpi(image.copy() if op is None else image.transpose(op), image)


def skewed(image: Image.Image, degrees: float) -> Image.Image:
    """The page rotated `degrees` counter-clockwise on the scanner glass, frame size unchanged.

    The corners that come into view are filled with the paper colour, as a scanner lid shows them."""
    fill: int | tuple[int, ...] = paper_level(image)
    if image.mode == "RGB":
        fill = (fill, fill, fill)
    out = image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill)
    return _keep_dpi(out, image)


def landscape_rotated(image: Image.Image) -> Image.Image:
    """A landscape page as a portrait scanner delivers it: turned 90° counter-clockwise (= 270 cw)."""
    return turned(image, 270)


# --- scanner and paper ----------------------------------------------------------------------------

def scanned(image: Image.Image, seed: int = 0, blur: float = 0.6, noise: float = 4.0) -> Image.Image:
    """A flatbed scan of a clean print: slightly grey paper, optics blur, sensor noise, clean-up."""
    rng = np.random.default_rng(seed)
    colour = image.mode == "RGB"
    soft = image.filter(ImageFilter.GaussianBlur(blur)) if blur else image
    pixels = np.asarray(soft if colour else _grey(soft), dtype=np.float32)
    shape = pixels.shape[:2]
    grain = rng.normal(0.0, noise, shape).astype(np.float32)
    pixels = pixels * 0.93 + 6 + (grain[..., None] if colour else grain)
    pixels[pixels > 228] = 246  # the background clean-up most scanner drivers apply
    return _keep_dpi(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), image)


def jpeg(image: Image.Image, quality: int = 85) -> bytes:
    out = io.BytesIO()
    dpi = image.info.get("dpi", (300, 300))
    image.save(out, "JPEG", quality=quality, dpi=tuple(round(d) for d in dpi), optimize=True)
    return out.getvalue()


def fax(image: Image.Image, seed: int = 0, dpi: int = 300, out_dpi: int = 150, speckle: float = 0.0015) -> Image.Image:
    """A fax-like page: resampled to `out_dpi`, strokes slightly thickened, binarised, speckled.

    Returns a mode "1" image with its dpi in `info`."""
    rng = np.random.default_rng(seed)
    grey = _grey(image)
    grey = grey.filter(ImageFilter.MinFilter(3))  # toner spread: strokes about 1 px (at 300 dpi) bolder
    size = (round(grey.width * out_dpi / dpi), round(grey.height * out_dpi / dpi))
    small = np.asarray(grey.resize(size, Image.Resampling.BOX), dtype=np.float32)
    small += rng.normal(0.0, 12.0, small.shape).astype(np.float32)  # line noise before the threshold
    ink = small < 165
    # Speckle: isolated black dots and a few 2x2 clusters, white drop-outs inside strokes.
    dots = rng.random(ink.shape) < speckle
    ink |= dots
    clusters = rng.random(ink.shape) < speckle / 8
    ink |= clusters | np.roll(clusters, 1, 0) | np.roll(clusters, 1, 1) | np.roll(np.roll(clusters, 1, 0), 1, 1)
    ink &= ~(rng.random(ink.shape) < speckle * 2)
    out = Image.fromarray(np.where(ink, 0, 255).astype(np.uint8)).convert("1", dither=Image.Dither.NONE)
    out.info["dpi"] = (out_dpi, out_dpi)
    return out


# A standard-mode fax (ITU-T T.4): 204 dots an inch across the line, 98 lines an inch down the page.
STANDARD_FAX_DPI = (204, 98)


def standard_fax(image: Image.Image, seed: int = 0, dpi: int = 300) -> Image.Image:
    """A fax sent in standard mode: pixels twice as tall as wide (STANDARD_FAX_DPI), otherwise as
    `fax` (thickened, binarised, speckled). Mode "1", its dpi (204, 98) in `info`."""
    across, down = STANDARD_FAX_DPI
    squat = image.resize((round(image.width * across / dpi), round(image.height * down / dpi)), Image.Resampling.BOX)
    # fax() resamples by one factor: give it the page already at 204 × 98 and ask for the same.
    page = fax(squat, seed, dpi=across, out_dpi=across)
    page.info["dpi"] = STANDARD_FAX_DPI
    return page


# --- ink: seals, signatures, stamps ---------------------------------------------------------------

def _blend_ink(base: np.ndarray, mask: np.ndarray, colour: tuple[int, int, int], x: int, y: int) -> None:
    """Multiply `colour` into `base` (float RGB) through `mask` (0..1) placed with its corner at x, y.

    Multiplying is how ink on ink looks: black print under red ink stays black."""
    h, w = mask.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, base.shape[1]), min(y + h, base.shape[0])
    if x0 >= x1 or y0 >= y1:
        return
    m = mask[y0 - y : y1 - y, x0 - x : x1 - x, None]
    tint = np.array(colour, dtype=np.float32) / 255.0
    base[y0:y1, x0:x1] *= 1.0 - m * (1.0 - tint)


def _ink_texture(mask: np.ndarray, rng: np.random.Generator, strength: float = 0.35) -> np.ndarray:
    """Uneven inking: density varies in blotches, with small drop-outs; edges softened."""
    h, w = mask.shape
    blotch = cv2.resize(rng.random((max(h // 24, 2), max(w // 24, 2))).astype(np.float32), (w, h),
                        interpolation=cv2.INTER_CUBIC)
    density = np.clip(1.0 - strength * blotch - 0.25 * (rng.random((h, w)) < 0.04), 0.0, 1.0)
    return np.asarray(cv2.GaussianBlur(mask * density, (0, 0), 0.8), dtype=np.float32)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def seal_mask(radius: int, ring_text: str, seed: int = 0) -> np.ndarray:
    """A round seal (two rings, text round the ring, a star in the middle) as an ink mask 0..1."""
    size = 2 * radius + 8
    canvas = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(canvas)
    c = size / 2
    outer = max(radius // 22, 3)
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=255, width=outer)
    inner = radius * 0.66
    draw.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(outer // 2, 2))
    draw.polygon(_star(c, c, radius * 0.3), fill=255)
    text = " ".join(ring_text.split())
    ring = (radius + inner) / 2
    font = _font(max(int((radius - inner) * 0.62), 8), bold=True)
    step = 2 * math.pi / max(len(text), 1)
    for i, char in enumerate(text):
        if char == " ":
            continue
        angle = i * step  # clockwise from the top
        box = font.getbbox(char)
        glyph = Image.new("L", (box[2] + 4, font.size + 6), 0)
        ImageDraw.Draw(glyph).text((2, 1), char, fill=255, font=font)
        glyph = glyph.rotate(-math.degrees(angle), resample=Image.Resampling.BICUBIC, expand=True)
        gx = c + ring * math.sin(angle) - glyph.width / 2
        gy = c - ring * math.cos(angle) - glyph.height / 2
        canvas.paste(255, (round(gx), round(gy)), glyph)
    rng = np.random.default_rng(seed)
    canvas = canvas.rotate(float(rng.uniform(-25, 25)), resample=Image.Resampling.BICUBIC)
    return _ink_texture(np.asarray(canvas, dtype=np.float32) / 255.0, rng)


def signature_mask(width: int, height: int, seed: int = 0, pen: int = 4) -> np.ndarray:
    """A handwritten-looking signature: a looping cursive stroke and a flourish, ink mask 0..1."""
    rng = np.random.default_rng(seed)
    canvas = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(canvas)
    loops = int(rng.integers(3, 6))
    t = np.linspace(0.0, 1.0, 400)
    r = height * rng.uniform(0.16, 0.24)
    # Loops of uneven size and slant: a smooth random radius and a drifting phase.
    wobble = np.interp(t, np.linspace(0, 1, loops * 2 + 2), rng.uniform(0.45, 1.15, loops * 2 + 2))
    phase = 2 * np.pi * loops * t + 0.6 * np.sin(2 * np.pi * rng.uniform(0.5, 1.5) * t)
    x = width * (0.08 + 0.7 * t) + r * 0.8 * wobble * np.cos(phase + rng.uniform(0, np.pi))
    y = height * 0.45 + r * wobble * np.sin(phase) * (0.6 + 0.4 * np.sin(np.pi * t)) - height * 0.15 * t
    stroke = list(zip(x.tolist(), y.tolist(), strict=True))
    draw.line(stroke, fill=255, width=pen, joint="curve")
    # The flourish: a long, slightly rising sweep under the name.
    u = np.linspace(0.0, 1.0, 120)
    fx = width * (0.05 + 0.9 * u)
    fy = height * (0.78 - 0.18 * u) + height * 0.06 * np.sin(np.pi * u * rng.uniform(1.0, 2.0))
    draw.line(list(zip(fx.tolist(), fy.tolist(), strict=True)), fill=255, width=max(pen - 1, 2), joint="curve")
    return _ink_texture(np.asarray(canvas, dtype=np.float32) / 255.0, rng, strength=0.15)


def with_seal(image: Image.Image, box: Box, ring_text: str = "ỦY BAN NHÂN DÂN * XÃ THƯỜNG XUÂN *",
              seed: int = 0, dpi: int = 300, signature: bool = True) -> Image.Image:
    """A red seal over the left part of the signature block `box`, a blue signature across it.

    `box` spans the signature block (authority line to the signer's name). The seal (36 mm across)
    is centred on the block's left edge at the height of its upper lines, so it covers part of the
    authority and position lines, as a seal does; the signature runs over the gap above the name
    and touches the name and the position line."""
    rng = np.random.default_rng(seed)
    base = _rgb(image)
    x0, y0, x1, y1 = box
    radius = mm(18, dpi)
    mask = seal_mask(radius, ring_text, seed)
    cx = x0 + (x1 - x0) * rng.uniform(0.05, 0.2)
    cy = y0 + (y1 - y0) * rng.uniform(0.3, 0.45)
    _blend_ink(base, mask * 0.9, SEAL_RED, round(cx - mask.shape[1] / 2), round(cy - mask.shape[0] / 2))
    if signature:
        w, h = round((x1 - x0) * 0.75), round((y1 - y0) * 0.65)
        sig = signature_mask(w, h, seed + 1, pen=max(mm(0.35, dpi), 2))
        _blend_ink(base, sig, SIGNATURE_BLUE, round(x0 + (x1 - x0) * 0.15), round(y1 - h * 1.05))
    return _image(base, dpi)


def received_stamp_mask(number: str, date: str, unit: str = "VĂN PHÒNG UBND", seed: int = 0,
                        dpi: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """The "CÔNG VĂN ĐẾN" stamp (printed part) and its pen-written number and date, as two masks."""
    w, h = mm(56, dpi), mm(27, dpi)
    frame = Image.new("L", (w, h), 0)
    pen = Image.new("L", (w, h), 0)
    d, p = ImageDraw.Draw(frame), ImageDraw.Draw(pen)
    line = max(mm(0.6, dpi), 2)
    d.rectangle((0, 0, w - 1, h - 1), outline=255, width=line)
    d.rectangle((line * 3, line * 3, w - 1 - line * 3, h - 1 - line * 3), outline=255, width=max(line // 2, 1))
    small, big = _font(mm(2.6, dpi), bold=True), _font(mm(4.2, dpi), bold=True)
    label, hand = _font(mm(3.0, dpi), bold=True), _font(mm(3.6, dpi), oblique=True)
    y = mm(2.8, dpi)
    for text, font in ((unit, small), ("CÔNG VĂN ĐẾN", big)):
        d.text(((w - d.textlength(text, font=font)) / 2, y), text, fill=255, font=font)
        y += font.size + mm(1.2, dpi)
    x = mm(4, dpi)
    for name, value in (("Số:", number), ("Ngày:", date), ("Chuyển:", "")):
        d.text((x, y), name, fill=255, font=label)
        start = x + d.textlength(name, font=label) + mm(1, dpi)
        d.line((start, y + label.size, w - mm(4, dpi), y + label.size), fill=255, width=1)
        if value:
            p.text((start + mm(2, dpi), y - mm(0.8, dpi)), value, fill=255, font=hand)
        y += label.size + mm(1.0, dpi)
    rng = np.random.default_rng(seed)
    angle = float(rng.uniform(-4, 4))
    masks = []
    for layer in (frame, pen):
        turned_layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
        masks.append(np.asarray(turned_layer, dtype=np.float32) / 255.0)
    return _ink_texture(masks[0], rng, strength=0.45), _ink_texture(masks[1], rng, strength=0.1)


def with_received_stamp(image: Image.Image, at: tuple[float, float], number: str = "1247",
                        date: str = "16/9/2025", seed: int = 0, dpi: int = 300) -> Image.Image:
    """A purple "CÔNG VĂN ĐẾN" received stamp with its top-left corner at `at` (pixels)."""
    base = _rgb(image)
    frame, pen = received_stamp_mask(number, date, seed=seed, dpi=dpi)
    x, y = round(at[0]), round(at[1])
    _blend_ink(base, frame * 0.85, STAMP_PURPLE, x, y)
    _blend_ink(base, pen * 0.9, PEN_BLUE, x, y)
    return _image(base, dpi)


# --- phone photographs ----------------------------------------------------------------------------

# A photo taken under a weak yellow lamp: the light's level and the sensor's noise at that level.
DIM_LIGHT = 0.55
DIM_NOISE = 0.035


def photograph(image: Image.Image, seed: int = 0, long_side: int = 4000,
               dim: bool = False) -> tuple[Image.Image, list[list[float]]]:
    """A phone photo of the page lying on a desk, and the page's corners in it (TL, TR, BR, BL).

    The page (warm paper tint) is warped in perspective onto a darker, textured background, lit
    unevenly (a gradient and a vignette), colour cast, slightly out of focus, with sensor noise;
    the whole frame is scaled so its long side is `long_side` pixels. `dim`: under a weak yellow
    lamp (DIM_LIGHT, a stronger yellow cast, DIM_NOISE): the paper comes out about grey 120."""
    rng = np.random.default_rng(seed)
    page = _rgb(image) * np.array([1.0, 0.985, 0.95], dtype=np.float32)  # warm paper
    h, w = page.shape[:2]
    margin_x, margin_y = w * 0.14, h * 0.09
    out_w, out_h = round(w + 2 * margin_x), round(h + 2 * margin_y)
    jitter = lambda span: float(rng.uniform(-span, span))  # noqa: E731
    jx, jy = w * 0.06, h * 0.035
    corners = np.array([
        [margin_x + jitter(jx), margin_y + jitter(jy)],
        [margin_x + w + jitter(jx), margin_y + jitter(jy)],
        [margin_x + w + jitter(jx), margin_y + h + jitter(jy)],
        [margin_x + jitter(jx), margin_y + h + jitter(jy)],
    ], dtype=np.float32)
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, corners)
    warped = cv2.warpPerspective(page, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0))
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (out_w, out_h), flags=cv2.INTER_LINEAR)
    # A desk: dark brownish grey with a coarse texture.
    desk_colour = np.array([0.36, 0.30, 0.25], dtype=np.float32) * rng.uniform(0.8, 1.15)
    grain = cv2.resize(rng.random((out_h // 40, out_w // 40)).astype(np.float32), (out_w, out_h),
                       interpolation=cv2.INTER_CUBIC)
    desk = desk_colour[None, None, :] * (0.85 + 0.3 * grain)[..., None]
    frame = warped * inside[..., None] + desk * (1 - inside[..., None])
    # A soft shadow of the page on the desk's side.
    # Light: a linear gradient across the frame and a vignette.
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(angle) * (xx / out_w - 0.5) + np.sin(angle) * (yy / out_h - 0.5))
    light = 0.9 + 0.35 * ramp
    light *= 1.0 - 0.28 * (((xx / out_w - 0.5) ** 2 + (yy / out_h - 0.5) ** 2) / 0.5)
    cast = np.array([1.0 + rng.uniform(0.0, 0.06), 1.0, 1.0 - rng.uniform(0.06, 0.14)], dtype=np.float32)
    if dim:
        light *= DIM_LIGHT
        cast *= np.array([1.0, 0.93, 0.7], dtype=np.float32)
    frame = frame * light[..., None] * cast[None, None, :]
    frame = cv2.GaussianBlur(frame, (0, 0), 1.3)
    frame += rng.normal(0.0, DIM_NOISE if dim else 0.018, frame.shape).astype(np.float32)
    scale = long_side / max(out_w, out_h)
    size = (round(out_w * scale), round(out_h * scale))
    frame = cv2.resize(frame, size, interpolation=cv2.INTER_AREA)
    photo = _image(frame)
    photo.info["dpi"] = (round(300 * scale), round(300 * scale))
    return photo, (corners * scale).round(1).tolist()


def phone_photo(image: Image.Image, seed: int = 0) -> Image.Image:
    """A phone photo of the page (see `photograph`), without the corners."""
    return photograph(image, seed)[0]


# --- pages of the committed sample, for tests -----------------------------------------------------

def sample_page(index: int = 0, dpi: int = 150, pdf: Path = SAMPLE_PDF) -> Image.Image:
    """Page `index` of a text PDF (by default samples/thuong-xuan-2025.pdf) as a clean greyscale image."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        image = document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image.info["dpi"] = (dpi, dpi)
    return image


def text_box(pdf: Path, index: int, text: str, dpi: int, last: bool = False) -> Box | None:
    """Where `text` is printed on page `index` of a text PDF, in pixels at `dpi`: the first (or last)
    occurrence, or None."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    try:
        page = document[index]
        height = page.get_size()[1]
        textpage = page.get_textpage()
        searcher = textpage.search(text, match_case=True)
        found = None
        while (hit := searcher.get_next()) is not None:
            found = hit
            if not last:
                break
        if found is None:
            return None
        rects = [textpage.get_rect(i) for i in range(textpage.count_rects(*found))]
    finally:
        document.close()
    k = dpi / 72
    left, bottom = min(r[0] for r in rects), min(r[1] for r in rects)
    right, top = max(r[2] for r in rects), max(r[3] for r in rects)
    return (left * k, (height - top) * k, right * k, (height - bottom) * k)


def signature_box(index: int = 6, dpi: int = 150, authority: str = "KT. CHỦ TỊCH", name: str = "Lê Hữu Giang",
                  pdf: Path = SAMPLE_PDF) -> Box:
    """The signature block on a page of a text PDF (the sample's by default), authority line to name."""
    top, bottom = text_box(pdf, index, authority, dpi, last=True), text_box(pdf, index, name, dpi, last=True)
    if top is None or bottom is None:
        raise ValueError(f"no signature block on page {index + 1} of {pdf.name}")
    cx = (top[0] + top[2] + bottom[0] + bottom[2]) / 4
    half = max(top[2] - top[0], bottom[2] - bottom[0], mm(60, dpi)) / 2
    return (cx - half, top[1], cx + half, bottom[3])
