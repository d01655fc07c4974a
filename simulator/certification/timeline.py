"""The report's picture: one line per payment, its state changes and the merchant's verifications on the
simulated clock. Positions only; the template draws them as inline SVG (escaped by Jinja)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.certification.finding import Finding, Verdict
from domain.certification.record import PaymentHistory, Rehearsal

WIDTH = 720
MARGIN = 40
LABEL_ROOM = 28  # px a state label needs


@dataclass(frozen=True)
class Mark:
    x: int
    kind: str  # estado | consulta | inicio
    label: str
    title: str
    flagged: bool = False  # named by a rule that is not met
    label_y: int = 14  # state labels close to the previous one go a line higher, so they never overlap


@dataclass(frozen=True)
class Timeline:
    payment_id: int
    reference: str
    span_minutes: int
    marks: list[Mark]


def _x(at: datetime, start: datetime, span_s: float) -> int:
    return MARGIN + round((at - start).total_seconds() / span_s * (WIDTH - 2 * MARGIN))


def timeline_of(payment: PaymentHistory, record: Rehearsal, flagged: set[int]) -> Timeline:
    verifications = record.verifications_of(payment.reference)
    start = payment.started_at
    end = max([payment.changes[-1].at, *(v.at for v in verifications), start])
    span = max((end - start).total_seconds(), 60.0)
    marks: list[Mark] = []
    previous: Mark | None = None
    for change in payment.changes:
        x = _x(change.at, start, span)
        crowded = previous is not None and x - previous.x < LABEL_ROOM and previous.label_y == 14
        previous = Mark(x, "estado", str(int(change.state)),
                        f"{change.at:%H:%M:%S} estado {int(change.state)} ({change.state.label})",
                        label_y=2 if crowded else 14)
        marks.append(previous)
    marks += [Mark(_x(v.at, start, span), "consulta", "",
                   f"{v.at:%H:%M:%S} consulta (entrada {v.entry_id})", v.entry_id in flagged)
              for v in verifications]
    return Timeline(payment.payment_id, payment.reference, round(span / 60), marks)


def timelines(record: Rehearsal, findings: list[Finding]) -> list[Timeline]:
    flagged = {entry for f in findings if f.verdict is Verdict.NOT_MET for e in f.evidence for entry in e.entries}
    return [timeline_of(p, record, flagged) for p in record.payments]
