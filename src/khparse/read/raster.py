"""Raster input (PNG, JPEG, TIFF with any number of pages, WebP, GIF, BMP) through Pillow, errors wrapped here."""

from __future__ import annotations

import io
import math
import warnings
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from khparse.errors import InputError
from khparse.read.limits import MAX_PAGES, check_page_count

# How Pillow reports damaged data: OSError ("image file is truncated"), EOFError, ValueError,
# SyntaxError, and TypeError ("Missing dimensions": a TIFF frame without width or height).
_DAMAGED = (OSError, EOFError, ValueError, SyntaxError, TypeError)
# Pillow's own guard against decompression bombs, made an input error rather than a warning.
MAX_PIXELS = 200_000_000


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on stderr about damage it works around
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise InputError(f"{name}: not a readable image ({exc}).") from None
    except (OSError, TypeError, ValueError, SyntaxError) as exc:  # TypeError: a TIFF without dimensions
        raise InputError(f"{name}: the image is damaged ({exc}).") from None
    if image.width * image.height > MAX_PIXELS:
        raise InputError(f"{name}: the image is too large ({image.width} x {image.height} pixels).")
    return image


def frame_count(data: bytes, name: str, max_pages: int = MAX_PAGES) -> int:
    """Pages of the image (TIFF may hold many, at most `max_pages`); checks that every frame decodes."""
    image = _open(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n = int(getattr(image, "n_frames", 1))
    except _DAMAGED as exc:  # a chain of frames that breaks off, a frame without dimensions
        raise InputError(f"{name}: the image's list of pages is damaged ({exc}).") from None
    check_page_count(n, max_pages, name)
    for index in range(n):
        _load(image, index, name)
    return n


def frame(data: bytes, name: str, index: int) -> Image.Image:
    """Page `index` (0-based) as an RGB image if it has colour, else greyscale, turned upright by
    its EXIF orientation (colour stamps are dropped by their colour before OCR, read/stamps.py)."""
    image = _open(data, name)
    _load(image, index, name)
    try:
        page = _eight_bit(_on_white(ImageOps.exif_transpose(image) or image))
        colour = page.mode in ("RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV") or (
            page.mode == "P" and page.palette is not None and page.palette.mode == "RGB")
        dpi: Any = image.info.get("dpi")
        converted = page.convert("RGB" if colour else "L")
        try:
            across, down = float(dpi[0]), float(dpi[1])
        except (TypeError, ValueError, IndexError):
            return converted
        return squared(converted, across, down)
    except _DAMAGED as exc:
        raise _damaged(name, index, exc) from None


# Greyscale of more than eight bits: 16-bit samples (an archive's master scan as a 16-bit TIFF), 32-bit
# integers or floats. Made eight bits by the range the samples use: Pillow's own conversion to "L"
# clips every value over 255, and a 16-bit page came out white (a blind 16-bit TIFF: no text at all).
_WIDE_GREY = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


def _eight_bit(page: Image.Image) -> Image.Image:
    """`page` in eight-bit greyscale when its samples are wider (see _WIDE_GREY); as it is otherwise."""
    if page.mode not in _WIDE_GREY:
        return page
    wide = page.convert("F")
    top = float(wide.getextrema()[1])  # type: ignore[arg-type]  # one band: (low, high)
    # Samples that fit in eight bits stay as they are; wider ones are scaled from the full 16-bit range.
    scale = 1.0 if top <= 255 else 255 / 65535 if top <= 65535 else 255 / top
    return wide.point(lambda v: v * scale).convert("L")


def _on_white(page: Image.Image) -> Image.Image:
    """`page` laid on white paper where it is transparent (a screenshot's PNG with an alpha channel,
    its window's shadow see-through): a transparent pixel's colour is no ink, whatever it holds."""
    if page.mode not in ("RGBA", "LA", "PA") and not (page.mode == "P" and "transparency" in page.info):
        return page
    rgba = page.convert("RGBA")
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")


# A fax sent at "standard" resolution has half as many lines as columns: 204 x 98 dpi (TIFF class F,
# a fax server's PDF). Read as it is stored, its letters are half their height: nothing of a plan
# read right (a blind standard fax: 3% of its fields). Pixels more than this far from square are
# made square, by adding lines.
SQUARE_TOLERANCE = 0.05


def squared(image: Image.Image, across: float, down: float) -> Image.Image:
    """`image` whose pixels stand `across` per inch in a row and `down` per inch in a column, with
    square pixels at the finer of the two (as the page looks); as it is when they are square."""
    if not (math.isfinite(across) and math.isfinite(down)) or across <= 0 or down <= 0 \
            or abs(across / down - 1) <= SQUARE_TOLERANCE:
        return image
    finer = max(across, down)
    size = (round(image.width * finer / across), round(image.height * finer / down))
    return (image.convert("L") if image.mode == "1" else image).resize(size, Image.Resampling.BICUBIC)


def _load(image: Image.Image, index: int, name: str) -> None:
    """Decode frame `index`, or an InputError when its data is truncated or corrupt."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on stderr about damage it works around
            image.seek(index)
            if image.width * image.height > MAX_PIXELS:  # Pillow checks the first frame only
                raise Image.DecompressionBombError(f"{image.width} x {image.height} pixels")
            image.load()
    except Image.DecompressionBombError as exc:
        raise InputError(f"{name}: page {index + 1} of the image is too large to decode ({exc}; a "
                         "decompression bomb?).", page=index + 1) from None
    except _DAMAGED as exc:
        # Pillow reports truncated or corrupt data as OSError ("image file is truncated") or worse.
        raise _damaged(name, index, exc) from None


def _damaged(name: str, index: int, exc: BaseException) -> InputError:
    return InputError(f"{name}: page {index + 1} of the image is damaged or truncated ({exc}).", page=index + 1)


def frame_dpi(data: bytes, name: str) -> int | None:
    dpi = _open(data, name).info.get("dpi")
    try:
        value = float(dpi[0]) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    # Stored as a rational or a double, so it may be nan or infinite (a zero denominator): unknown.
    return round(value) if value is not None and math.isfinite(value) and 70 <= value <= 1200 else None
