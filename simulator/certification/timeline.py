"""The report's picture: one line per payment, its state changes and the merchant's verifications on the
simulated clock. Positions only; the template draws them as inline SVG (escaped by Jinja)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.certification.finding import Finding, Verdict
from domain.certification.record import PaymentHistory, Rehearsal

WIDTH = 720
MARGIN = 40


@dataclass(frozen=True)
class Mark:
    x: int
    kind: str  # estado | consulta | inicio
    label: str
    title: str
    flagged: bool = False  # named by a rule that is not met


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
    marks = [Mark(_x(c.at, start, span), "estado", str(int(c.state)),
                  f"{c.at:%H:%M:%S} estado {int(c.state)} ({c.state.label})") for c in payment.changes]
    marks += [Mark(_x(v.at, start, span), "consulta", "",
                   f"{v.at:%H:%M:%S} consulta (entrada {v.entry_id})", v.entry_id in flagged)
              for v in verifications]
    return Timeline(payment.payment_id, payment.reference, round(span / 60), marks)


def timelines(record: Rehearsal, findings: list[Finding]) -> list[Timeline]:
    flagged = {entry for f in findings if f.verdict is Verdict.NOT_MET for e in f.evidence for entry in e.entries}
    return [timeline_of(p, record, flagged) for p in record.payments]
