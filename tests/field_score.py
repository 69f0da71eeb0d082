"""Field-by-field accuracy of a Plan against a hand-written expectation file (NAME.expected.json).

The expectation holds the *correct* values as printed in the document, written by hand — not
copied from khparse's output — so the score measures the parser, mistakes included:

    {"header": {"issuer", "parent_issuer", "number", "place", "date", "doc_type", "title"},
     "year", "legal_basis": [{"kind", "number", "date"}], "sections": [{"numeral", "kind"}],
     "assignment_units": [...], "recipients_count", "signer": {"authority_kind", "position", "name"},
     "appendix_rows": N}

Every scalar is one point; each expected citation, section and unit is one point per attribute;
citations and units khparse invents cost a point each. Keys absent from the expectation are not
scored. Text is compared after NFC and white-space normalisation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    return value


@dataclass
class Score:
    points: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, name: str, expected: Any, actual: Any) -> None:
        self.total += 1
        if _norm(expected) == _norm(actual):
            self.points += 1
        else:
            self.misses.append(f"{name}: expected {expected!r}, got {actual!r}")

    @property
    def accuracy(self) -> float:
        return self.points / self.total if self.total else 1.0


def score(expected: dict[str, Any], plan: dict[str, Any]) -> Score:
    s = Score()
    for key, value in expected.get("header", {}).items():
        s.check(f"header.{key}", value, plan["header"].get(key))
    if "year" in expected:
        s.check("year", expected["year"], plan["year"])
    if "legal_basis" in expected:
        got = list(plan["legal_basis"])
        for i, want in enumerate(expected["legal_basis"]):
            match = next((c for c in got if want.get("number") and _norm(c["number"]) == _norm(want["number"])),
                         None)
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
                s.check(f"sections[{i}].{attr}", value, have.get(attr))
        for extra in plan["sections"][len(expected["sections"]) :]:
            s.check("sections (invented)", None, extra["numeral"])
    if "assignment_units" in expected:
        units = [_norm(a["unit"]) for a in plan["assignments"]]
        for unit in expected["assignment_units"]:
            found = _norm(unit) in units
            s.check(f"assignment unit {unit!r}", True, found)
            if found:
                units.remove(_norm(unit))
        for extra in units:
            s.check("assignment unit (invented)", None, extra)
    if "recipients_count" in expected:
        s.check("recipients_count", expected["recipients_count"], len(plan["recipients"]))
    for key, value in (expected.get("signer") or {}).items():
        s.check(f"signer.{key}", value, (plan["signer"] or {}).get(key))
    if "appendix_rows" in expected:
        s.check("appendix_rows", expected["appendix_rows"], sum(len(a["rows"]) for a in plan["appendices"]))
    return s
