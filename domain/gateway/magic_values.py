"""Magic amounts: the centavos of a total force an outcome (spec README, "Magic values").

No real payment in pesos uses centavos, so a realistic amount never hits these by accident.
"""
from __future__ import annotations

from enum import Enum

from domain.shared.money import Money
from domain.shared.payment_states import PaymentState, PseState


class ForcedOutcome(Enum):
    """What a magic amount makes the simulator do, with the states it ends in (None: not a state)."""

    APPROVE = (1, PaymentState.APPROVED, PseState.OK, "Aprobado de inmediato, sin pasar por el banco")
    REJECT = (2, PaymentState.REJECTED, PseState.NOT_AUTHORIZED, "Rechazado")
    PENDING_THEN_APPROVE = (
        3, PaymentState.APPROVED, PseState.OK,
        "Pendiente (999) hasta que pase el tiempo del banco; después aprobado",
    )
    BANK_ERROR = (4, PaymentState.BANK_ERROR, PseState.FAILED, "Error entre PSE y la entidad bancaria")
    START_ERROR = (5, None, None, "El inicio del pago responde -1 con un mensaje de error")
    FIRST_VERIFY_INDETERMINATE = (
        6, None, None, "La primera verificación responde -1 (indeterminado); las siguientes el estado real",
    )
    REVIEW_PENDING = (7, PaymentState.REVIEW_PENDING, None, "Pago con tarjeta retenido en revisión (4001)")
    REVIEW_REJECTED = (8, PaymentState.REVIEW_REJECTED, None, "Pago con tarjeta rechazado en revisión (4000)")
    REVIEW_ERROR = (9, PaymentState.REVIEW_ERROR, None, "Error en la revisión del pago con tarjeta (4003)")

    def __init__(
        self, cents: int, final_state: PaymentState | None, pse_state: PseState | None, description: str
    ):
        self.cents = cents
        self.final_state = final_state  # the state the attempt ends in, when the outcome forces one
        self.pse_state = pse_state  # what PSE reports for it, when PSE is involved
        self.description = description


MAGIC_CENTS: dict[int, ForcedOutcome] = {outcome.cents: outcome for outcome in ForcedOutcome}


def forced_outcome_for(total: Money) -> ForcedOutcome | None:
    """The outcome a total's centavos force (`,01` … `,09`), or None for any other amount."""
    if total.is_negative:
        return None
    return MAGIC_CENTS.get(total.cents)
