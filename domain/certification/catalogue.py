"""The certification's rules, in the order a report lists them, and grading a rehearsal against them all."""
from __future__ import annotations

from domain.certification import (
    credentials, final_verification, payer_data, pending_block, polling_end, polling_frequency, result_page, retry,
)
from domain.certification.finding import Finding, Rule, Verdict
from domain.certification.record import Rehearsal

RULES: tuple[Rule, ...] = (
    payer_data.RULE, polling_frequency.RULE, polling_end.RULE, final_verification.RULE, retry.RULE,
    pending_block.RULE, credentials.RULE, result_page.RULE,
)


def grade(record: Rehearsal, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every rule's finding for `record`."""
    return [rule.grade(record) for rule in rules]


def passed(findings: list[Finding]) -> bool:
    """A rehearsal passes when no rule is `no_cumple` (`sin_evidencia` is not a failure)."""
    return all(f.verdict is not Verdict.NOT_MET for f in findings)
