"""Field-by-field accuracy of a Plan against a hand-written expectation file (NAME.expected.json).

The expectation holds the *correct* values as printed in the document, written by hand — not
copied from khparse's output — so the score measures the parser, mistakes included:

    {"header": {"issuer", "parent_issuer", "number", "place", "date", "doc_type", "title"},
     "year", "legal_basis": [{"kind", "number", "date"}], "sections": [{"numeral", "kind"}],
     "assignment_units": [...], "recipients_count", "signer": {"authority_kind", "position", "name"},
     "appendix_rows": N}

For garbled inputs the expectation holds the document's true Vietnamese and `"fuzzy_text": 90`:
text fields (names, titles, units) then pass at a rapidfuzz ratio of 90 or more; numbers, dates
and kinds stay exact. Every scalar is one point; each expected citation, section and unit is one point per attribute;
citations and units khparse invents cost a point each. Keys absent from the expectation are not
scored. Text is compared after NFC and white-space normalisation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    return value


@dataclass
class Score:
    points: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)
    lenient_d: bool = False
    fuzzy_text: float = 0.0  # for text read from a garbled source: rapidfuzz ratio needed, 0 = exact

    def same(self, expected: Any, actual: Any, text: bool = False) -> bool:
        a, b = _norm(expected), _norm(actual)
        if text and self.fuzzy_text and isinstance(a, str) and isinstance(b, str):
            return bool(fuzz.ratio(a, b) >= self.fuzzy_text)
        if self.lenient_d and isinstance(a, str) and isinstance(b, str):
            a, b = a.replace("Đ", "D"), b.replace("Đ", "D")
        return bool(a == b)

    def check(self, name: str, expected: Any, actual: Any, text: bool = False) -> None:
        self.total += 1
        if self.same(expected, actual, text):
            self.points += 1
        else:
            self.misses.append(f"{name}: expected {expected!r}, got {actual!r}")

    @property
    def accuracy(self) -> float:
        return self.points / self.total if self.total else 1.0


def score(expected: dict[str, Any], plan: dict[str, Any]) -> Score:
    """With `"lenient_d": true` in the expectation (garbled inputs), Đ and D compare equal."""
    s = Score(lenient_d=bool(expected.get("lenient_d")), fuzzy_text=float(expected.get("fuzzy_text", 0)))
    for key, value in expected.get("header", {}).items():
        s.check(f"header.{key}", value, plan["header"].get(key), text=key not in {"number", "date"})
    if "year" in expected:
        s.check("year", expected["year"], plan["year"])
    if "legal_basis" in expected:
        got = list(plan["legal_basis"])
        for i, want in enumerate(expected["legal_basis"]):
            match = next((c for c in got if want.get("number") and s.same(want["number"], c["number"])), None)
            if match is None and not want.get("number"):
                match = next((c for c in got if c["number"] is None and c["kind"] == want["kind"]), None)
            if match is not None:
                got.remove(match)
            for attr in ("kind", "number", "date"):
                if attr in want:
                    s.check(f"legal_basis[{i}].{attr}", want[attr], match and match[attr])
        for extra in got:
            s.check("legal_basis (invented)", None, extra["number"] or extra["text"][:60])
    if "sections" in expected:
        for i, want in enumerate(expected["sections"]):
            have = plan["sections"][i] if i < len(plan["sections"]) else {}
            for attr, value in want.items():
                s.check(f"sections[{i}].{attr}", value, have.get(attr), text=attr == "title")
        for extra in plan["sections"][len(expected["sections"]) :]:
            s.check("sections (invented)", None, extra["numeral"])
    if "assignment_units" in expected:
        units = [_norm(a["unit"]) for a in plan["assignments"]]
        for unit in expected["assignment_units"]:
            found = next((u for u in units if s.same(unit, u, text=True)), None)
            s.check(f"assignment unit {unit!r}", True, found is not None)
            if found is not None:
                units.remove(found)
        for extra in units:
            s.check("assignment unit (invented)", None, extra)
    if "recipients_count" in expected:
        s.check("recipients_count", expected["recipients_count"], len(plan["recipients"]))
    for key, value in (expected.get("signer") or {}).items():
        s.check(f"signer.{key}", value, (plan["signer"] or {}).get(key), text=key != "authority_kind")
    if "appendix_rows" in expected:
        s.check("appendix_rows", expected["appendix_rows"], sum(len(a["rows"]) for a in plan["appendices"]))
    return s
