"""ACH's magic amounts: centavos `,11`–`,18` of `transactionValue` force an ACH failure (README table).

The gateway's own magic values are `,01`–`,09` (domain/gateway/magic_values.py); ACH ignores those and the
gateway ignores these, so a payment can carry exactly one forced behaviour. Codes that ordinary input
reaches (unknown entity, bank or service, amount ≤ 0, over the limit, bad dates, forbidden characters,
mismatched confirmations, late confirmations) have no magic value: the rules produce them.
"""
from __future__ import annotations

from enum import Enum

from domain.shared.money import Money
from domain.ach.codes import AchCode


class AchOperation(Enum):
    CREATE = "createTransactionPayment"
    INFORMATION = "getTransactionInformation"
    FINALIZE = "finalizeTransactionPayment"


class AchMagic(Enum):
    """One row per magic amount: cents, the operation it affects, the code, and when."""

    BANK_UNREACHABLE = (11, AchOperation.CREATE, AchCode.FAIL_BANKUNREACHEABLE, "el banco no responde al iniciar")
    CREATE_TIMEOUT = (12, AchOperation.CREATE, AchCode.FAIL_TIMEOUT, "ACH no responde a tiempo al iniciar")
    NOT_CONFIRMED_BY_BANK = (
        13, AchOperation.CREATE, AchCode.FAIL_NOTCONFIRMEDBYBANK, "el banco no confirma el inicio",
    )
    NO_CURRENT_CYCLE = (
        14, AchOperation.CREATE, AchCode.FAIL_CANNOTGETCURRENTCYCLE, "ACH no obtiene el ciclo de compensación",
    )
    CREATE_ACCESS_DENIED = (
        15, AchOperation.CREATE, AchCode.FAIL_ACCESSDENIED, "ACH niega el acceso a la empresa",
    )
    FIRST_INFORMATION_TIMEOUT = (
        16, AchOperation.INFORMATION, AchCode.FAIL_TIMEOUT,
        "la primera consulta responde FAIL_TIMEOUT; las siguientes, el estado real",
    )
    FIRST_INFORMATION_UNKNOWN = (
        17, AchOperation.INFORMATION, AchCode.FAIL_INVALIDTRAZABILITYCODE,
        "la primera consulta responde FAIL_INVALIDTRAZABILITYCODE (recién creada, pse.md §4); "
        "las siguientes, el estado real",
    )
    FIRST_FINALIZE_TIMEOUT = (
        18, AchOperation.FINALIZE, AchCode.FAIL_TIMEOUT,
        "la primera finalización responde FAIL_TIMEOUT; la siguiente finaliza",
    )

    def __init__(self, cents: int, operation: AchOperation, code: AchCode, description: str):
        self.cents = cents
        self.operation = operation
        self.code = code
        self.description = description

    @property
    def first_call_only(self) -> bool:
        """Create failures hold for every call; the others only for the first call of the operation."""
        return self.operation is not AchOperation.CREATE


ACH_MAGIC_CENTS: dict[int, AchMagic] = {magic.cents: magic for magic in AchMagic}


def ach_magic_for(amount: Money) -> AchMagic | None:
    """The ACH behaviour an amount's centavos force, or None."""
    if amount.is_negative:
        return None
    return ACH_MAGIC_CENTS.get(amount.cents)
