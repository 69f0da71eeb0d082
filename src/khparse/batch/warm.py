"""Imported once by the process the local workers are forked from (runner.py): loads khparse and its
lazily loaded language data by converting one tiny stripped plan, so every worker forked from it
starts warm (no per-worker load after each recycling) and shares those pages copy-on-write."""

from khparse.batch.convert import convert

_TINY = ("UY BAN NHAN DAN XA TAN LAP\nSo: 12/KH-UBND\nKE HOACH\nTuyen truyen cai cach hanh chinh nam 2025\n"
         "I. MUC DICH, YEU CAU\n1. Nang cao nhan thuc cua can bo, cong chuc ve cai cach hanh chinh.\n")

convert("warm-up.txt", _TINY.encode("utf-8"))
