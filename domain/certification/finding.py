"""A rule and what it found: a code, a Spanish title, its source, a verdict and the evidence behind it."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from domain.certification.record import Rehearsal


class Verdict(Enum):
    MET = "cumple"
    NOT_MET = "no_cumple"
    NO_EVIDENCE = "sin_evidencia"  # nothing the rule could be judged on happened


@dataclass(frozen=True)
class Evidence:
    """Why: a Spanish note and what it points at (journal entries, simulated times, payments)."""

    note: str
    entries: tuple[int, ...] = ()
    times: tuple[datetime, ...] = ()
    payments: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    source: str
    verdict: Verdict
    evidence: tuple[Evidence, ...] = ()


Check = Callable[[Rehearsal], tuple[Verdict, list[Evidence]]]


@dataclass(frozen=True)
class Rule:
    """One certification rule as data: what it is called, where it comes from, how it is checked."""

    code: str
    title: str
    source: str
    check: Check

    def grade(self, record: Rehearsal) -> Finding:
        verdict, evidence = self.check(record)
        return Finding(self.code, self.title, self.source, verdict, tuple(evidence))


def judged(violations: list[Evidence], met: list[Evidence], no_evidence: str) -> tuple[Verdict, list[Evidence]]:
    """The common verdict: any violation fails the rule; else what it met, or nothing to judge."""
    if violations:
        return Verdict.NOT_MET, violations
    if met:
        return Verdict.MET, met
    return Verdict.NO_EVIDENCE, [Evidence(no_evidence)]
