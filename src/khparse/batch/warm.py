"""Imported once by the process the local workers are forked from (runner.py): loads khparse and its
lazily loaded language data by converting one tiny stripped plan (and the OCR channel), so every worker forked from it
starts warm (no per-worker load after each recycling) and shares those pages copy-on-write."""

import gc

# No collection while all this is imported and loaded: it lives until the end, so each collection
# (about 60 of them here) would find nothing and only cost time (~10 ms of every batch's start,
# serial however many workers follow); it is set aside from the collector below instead.
_collecting = gc.isenabled()
gc.disable()
try:
    from khparse.batch.convert import convert
    from khparse.repair.ocr import load_ocr

    _TINY = ("UY BAN NHAN DAN XA TAN LAP\nSo: 12/KH-UBND\nKE HOACH\nTuyen truyen cai cach hanh chinh nam 2025\n"
             "I. MUC DICH, YEU CAU\n1. Nang cao nhan thuc cua can bo, cong chuc ve cai cach hanh chinh.\n")

    convert("warm-up.txt", _TINY.encode("utf-8"))
    _channel = load_ocr()  # the English-OCR channel too (~0.3 s): garbled plans are common in archives
    if _channel is not None:
        _channel.families  # noqa: B018 - built once here, shared by every worker

    # Everything loaded so far lives until the end: set it aside from the collector (gc.freeze). A
    # worker's collections then no longer walk the language data (nor write to its pages, which would
    # unshare them), and this process's exit no longer collects it (~40 ms of a batch's end).
    gc.freeze()
finally:
    if _collecting:
        gc.enable()  # before any worker is forked: they collect the garbage their documents make
