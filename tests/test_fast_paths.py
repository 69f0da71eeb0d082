"""Functions rewritten for speed (issue 12) give what the library functions they replace give."""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

import numpy as np
import pytest

from khparse.read.pdf_streams import _a85_groups
from khparse.repair.decode import _unique


def _decoded(decode: Callable[[bytes], bytes], text: bytes) -> bytes | str:
    try:
        return decode(text)
    except ValueError:
        return "ValueError"


def test_ascii85_groups_decode_as_base64_does() -> None:
    rnd = random.Random(12)
    for _ in range(400):
        text = base64.a85encode(rnd.randbytes(4 * rnd.randrange(0, 60))).replace(b"z", b"!!!!!")
        text = text[: len(text) - len(text) % 5]
        if text and rnd.random() < 0.4:  # a byte no ASCII85 group holds, an ignored one, an overflow
            pos = rnd.randrange(len(text))
            text = text[:pos] + bytes([rnd.choice(b"uuv{~z \x0b\x7f!")]) + text[pos + 1:]
        assert _decoded(_a85_groups, text) == _decoded(base64.a85decode, text)


@pytest.mark.parametrize("values", [[], [3], [5, 5, 5], [9, 1, 4, 1, 9, 0, 2], list(range(50, 0, -3)) * 2])
def test_unique_is_numpy_unique(values: list[int]) -> None:
    array = np.array(values, dtype=np.int64)
    found, expected = _unique(array), np.unique(array)
    assert found.dtype == expected.dtype and np.array_equal(found, expected)
