"""Raster input (PNG, JPEG, TIFF with any number of pages) through Pillow, errors wrapped here."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from khparse.errors import InputError

# Pillow's own guard against decompression bombs, made an input error rather than a warning.
MAX_PIXELS = 200_000_000


def _open(data: bytes, name: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise InputError(f"{name}: not a readable image ({exc}).") from None
    except OSError as exc:
        raise InputError(f"{name}: the image is damaged ({exc}).") from None
    if image.width * image.height > MAX_PIXELS:
        raise InputError(f"{name}: the image is too large ({image.width} x {image.height} pixels).")
    return image


def frame_count(data: bytes, name: str) -> int:
    """Pages of the image (TIFF may hold many); checks that every frame decodes."""
    image = _open(data, name)
    n = int(getattr(image, "n_frames", 1))
    for index in range(n):
        _load(image, index, name)
    return n


def frame(data: bytes, name: str, index: int) -> Image.Image:
    """Page `index` (0-based) as an RGB image if it has colour, else greyscale, turned upright by
    its EXIF orientation (colour stamps are dropped by their colour before OCR, read/stamps.py)."""
    image = _open(data, name)
    _load(image, index, name)
    try:
        page = ImageOps.exif_transpose(image) or image
        colour = page.mode in ("RGB", "RGBA", "CMYK", "YCbCr", "LAB", "HSV") or (
            page.mode == "P" and page.palette is not None and page.palette.mode == "RGB")
        return page.convert("RGB" if colour else "L")
    except (OSError, EOFError, ValueError, SyntaxError) as exc:
        raise _damaged(name, index, exc) from None


def _load(image: Image.Image, index: int, name: str) -> None:
    """Decode frame `index`, or an InputError when its data is truncated or corrupt."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on stderr about damage it works around
            image.seek(index)
            image.load()
    except (OSError, EOFError, ValueError, SyntaxError) as exc:
        # Pillow reports truncated or corrupt data as OSError ("image file is truncated") or worse.
        raise _damaged(name, index, exc) from None


def _damaged(name: str, index: int, exc: BaseException) -> InputError:
    return InputError(f"{name}: page {index + 1} of the image is damaged or truncated ({exc}).", page=index + 1)


def frame_dpi(data: bytes, name: str) -> int | None:
    dpi = _open(data, name).info.get("dpi")
    try:
        value = round(float(dpi[0])) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    return value if value and 70 <= value <= 1200 else None
