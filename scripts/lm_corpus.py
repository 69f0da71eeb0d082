"""Read ../shared/corpus into documents and split them, deterministically, into train and held-out.

Shared by scripts/build_language_data.py (trains on `train` only) and benchmarks/bench_repair.py
(scores on `heldout` only). A document is held out by a hash of its name, so the split never
changes when files are added and never depends on the order files are read in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LAW_HELDOUT_MOD = 8  # one law file in eight
WIKI_HELDOUT_MOD = 40  # one article in forty


@dataclass(frozen=True)
class Document:
    source: str  # "laws" | "wiki"
    name: str
    lines: list[str]


def _held_out(name: str, mod: int) -> bool:
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % mod == 0


def law_documents(corpus: Path = CORPUS) -> Iterator[Document]:
    for path in sorted((corpus / "laws").glob("*.txt")):
        yield Document("laws", path.name, path.read_text(encoding="utf-8").splitlines())


def wiki_documents(corpus: Path = CORPUS) -> Iterator[Document]:
    for path in sorted((corpus / "wiki").glob("viwiki_*.txt")):
        name, lines = "", list[str]()
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("### viwiki/"):
                if name:
                    yield Document("wiki", name, lines)
                name, lines = line[4:], []
            elif not line.startswith("=="):  # section markers are not prose
                lines.append(line)
        if name:
            yield Document("wiki", name, lines)


def is_heldout(doc: Document) -> bool:
    mod = LAW_HELDOUT_MOD if doc.source == "laws" else WIKI_HELDOUT_MOD
    return _held_out(doc.name, mod)


def is_dev(doc: Document) -> bool:
    """A development slice of the training part (never held out): with `--part train-dev` the
    build leaves it out, so settings can be tried on text the model has not seen without
    touching the held-out part. The shipped model is built on all of `train`."""
    mod = 2 * LAW_HELDOUT_MOD if doc.source == "laws" else WIKI_HELDOUT_MOD
    return _held_out(doc.name + "#dev", mod)  # documents() asks only of documents not held out


def documents(part: str, corpus: Path = CORPUS) -> Iterator[Document]:
    """`part` is "train", "heldout", "dev" (part of train) or "train-dev" (train without dev)."""
    for source in (law_documents(corpus), wiki_documents(corpus)):
        for doc in source:
            if part == "heldout":
                if is_heldout(doc):
                    yield doc
            elif not is_heldout(doc) and (part == "train" or is_dev(doc) == (part == "dev")):
                yield doc
