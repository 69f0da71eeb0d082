"""Plans issued with a Quyết định: the decision comes first (its header, "QUYẾT ĐỊNH / Ban hành Kế
hoạch …", the legal basis, Điều 1–3, its recipients and signature), then the plan itself under
its own "KẾ HOẠCH" heading and "(Ban hành kèm theo Quyết định số …)".

The decision's number, date and issuer identify the plan (it has none of its own), its "Căn cứ"
are the plan's legal basis and its signature is the plan's; the title is the plan's own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from khparse.fields.closing import Ending, parse_ending
from khparse.fields.header import HeaderResult, parse_header
from khparse.lines import Line
from khparse.outline import tail_start
from khparse.outline.front import find_header


@dataclass(frozen=True)
class Wrapped:
    """A plan issued by a Quyết định: the decision's parts around the plan's own front."""

    header: HeaderResult  # the decision's header, with the plan's own doc_type and title
    decision: list[Line]  # the decision's text between its header and its closing block
    own: list[Line]  # the plan's own front lines after its title
    ending: Ending  # the decision's recipients and signer


def read_wrapped(header: Sequence[Line], wrapper: Sequence[Line], front: Sequence[Line]) -> Wrapped | None:
    """The parts of a plan issued by a Quyết định, from the outline's zones (outline.front.cut_front):
    the decision's header, the wrapper (from "QUYẾT ĐỊNH" to the line before the plan's "KẾ HOẠCH")
    and the plan's front; None for a plan published on its own (no wrapper)."""
    if not wrapper:
        return None
    lines = [*header, *wrapper, *front]
    decision_at, plan_at = len(header), len(header) + len(wrapper)
    decision_header = parse_header(lines[:decision_at])
    plan = parse_header(lines[plan_at:])
    update = {"doc_type": plan.header.doc_type, "title": plan.header.title}
    decision_header.header = decision_header.header.model_copy(update={k: v for k, v in update.items() if v})
    for name in ("header.doc_type", "header.title"):
        if name in plan.locations:
            decision_header.locations[name] = plan.locations[name]
    decision = lines[:plan_at]
    closing_at = tail_start(decision, decision_header.consumed)  # the closing paragraph, Nơi nhận, signature
    plan_header = find_header(decision[closing_at:])  # the plan's own header after the signature
    if plan_header:
        decision = decision[: closing_at + plan_header]
    return Wrapped(decision_header, lines[decision_header.consumed : closing_at], lines[plan_at + plan.consumed :],
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
