"""Plans issued with a Quyết định: the decision comes first (its header, "QUYẾT ĐỊNH / Ban hành Kế
hoạch …", the legal basis, Điều 1–3, its recipients and signature), then the plan itself under
its own "KẾ HOẠCH" heading and "(Ban hành kèm theo Quyết định số …)".

The decision's number, date and issuer identify the plan (it has none of its own), its "Căn cứ"
are the plan's legal basis and its signature is the plan's; the title is the plan's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from khparse.fields.closing import Ending, parse_ending
from khparse.fields.header import HeaderResult, parse_header
from khparse.lines import Line
from khparse.outline import tail_start
from khparse.outline.front import find_header, is_decision_heading, is_plan_heading

SEARCHED = 80  # front lines in which the decision's heading and the plan's are looked for


@dataclass(frozen=True)
class Wrapped:
    header: HeaderResult  # the decision's header, with the plan's own doc_type and title
    decision: list[Line]  # the decision's text between its header and its closing block
    own: list[Line]  # the plan's own front lines after its title
    ending: Ending  # the decision's recipients and signer


def read_wrapped(front: list[Line]) -> Wrapped | None:
    """The parts of a plan that follows a Quyết định heading, or None for any other plan."""
    decision_at = next((i for i, line in enumerate(front[:SEARCHED]) if is_decision_heading(line)), None)
    if decision_at is None:
        return None
    plan_at = next((i for i in range(decision_at + 1, min(len(front), SEARCHED))
                    if is_plan_heading(front[i])), None)
    if plan_at is None:
        return None
    header = parse_header(front[:decision_at])
    plan = parse_header(front[plan_at:])
    update = {"doc_type": plan.header.doc_type, "title": plan.header.title}
    header.header = header.header.model_copy(update={k: v for k, v in update.items() if v})
    for name in ("header.doc_type", "header.title"):
        if name in plan.locations:
            header.locations[name] = plan.locations[name]
    decision = front[:plan_at]
    closing_at = tail_start(decision, header.consumed)  # the closing paragraph, Nơi nhận, signature
    plan_header = find_header(decision[closing_at:])  # the plan's own header after the signature
    if plan_header:
        decision = decision[: closing_at + plan_header]
    return Wrapped(header, front[header.consumed:closing_at], front[plan_at + plan.consumed:],
                   parse_ending(decision[closing_at:]))


def is_attached_note(line: Line) -> bool:
    """"(Ban hành kèm theo Quyết định số 125/QĐ-UBND …)": says where the plan comes from; not a
    citation of its legal basis."""
    return line.key.lstrip("( ").startswith(("ban hanh kem theo", "kem theo"))


def merge_endings(plan: Ending, decision: Ending) -> Ending:
    """The plan's own ending, with what only the decision has (signer, recipients)."""
    for name in ("signer", "recipients"):
        if not getattr(plan, name) and getattr(decision, name):
            setattr(plan, name, getattr(decision, name))
            for key, line in decision.locations.items():
                if key.startswith(name):
                    plan.locations.setdefault(key, line)
    return plan
