"""Plans issued with a Quyết định: the decision comes first (its header, "QUYẾT ĐỊNH / Ban hành Kế
hoạch …", the legal basis, Điều 1–3, its recipients and signature), then the plan itself under
its own "KẾ HOẠCH" heading and "(Ban hành kèm theo Quyết định số …)".

The decision's number, date and issuer identify the plan (it has none of its own), its "Căn cứ"
are the plan's legal basis and its signature is the plan's; the title is the plan's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from khparse.fields.header import is_decision_heading, is_plan_heading
from khparse.lines import Line

SEARCHED = 80  # front lines in which the decision's heading and the plan's are looked for


@dataclass(frozen=True)
class Wrapper:
    decision_at: int  # front index of the "QUYẾT ĐỊNH" heading
    plan_at: int  # front index of the plan's "KẾ HOẠCH" heading


def find_wrapper(front: list[Line]) -> Wrapper | None:
    """Where the decision and the plan start, when a plan follows a Quyết định heading."""
    decision_at = next((i for i, line in enumerate(front[:SEARCHED]) if is_decision_heading(line)), None)
    if decision_at is None:
        return None
    plan_at = next((i for i in range(decision_at + 1, min(len(front), SEARCHED))
                    if is_plan_heading(front[i])), None)
    return None if plan_at is None else Wrapper(decision_at, plan_at)


def is_attached_note(line: Line) -> bool:
    """"(Ban hành kèm theo Quyết định số 125/QĐ-UBND …)": says where the plan comes from; not a
    citation of its legal basis."""
    return line.key.lstrip("( ").startswith("ban hanh kem theo") or line.key.lstrip("( ").startswith("kem theo")
