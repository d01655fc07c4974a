"""The payment state machine: ZonaPAGOS states, PSE states, and the mapping between them.

ZonaPAGOS reports `int_estado_pago`; ACH PSE reports `transactionState`. A payment attempt only
moves along the legal edges below, and a final state is final.
"""
from __future__ import annotations

from enum import Enum, IntEnum

from domain.shared.errors import IllegalTransition


class PaymentState(IntEnum):
    """`int_estado_pago` codes (zonapagos-ws.md §11). 777 is the seed's, 1001 the current docs'."""

    APPROVED = 1
    DECLINED = 777
    PENDING_START = 888
    PENDING_FINISH = 999
    REJECTED = 1000
    BANK_ERROR = 1001
    REVIEW_REJECTED = 4000
    REVIEW_PENDING = 4001
    REVIEW_ERROR = 4003

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES

    @property
    def is_approved(self) -> bool:
        return self is PaymentState.APPROVED

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    def can_move_to(self, target: PaymentState) -> bool:
        return target in LEGAL_NEXT.get(self, frozenset())


FINAL_STATES = frozenset({
    PaymentState.APPROVED, PaymentState.DECLINED, PaymentState.REJECTED, PaymentState.BANK_ERROR,
    PaymentState.REVIEW_REJECTED, PaymentState.REVIEW_ERROR,
})

# Where each non-final state may go. 888: the payer has not finished choosing; 999: PSE is at the bank;
# 4001: a card payment held by the risk review ("CR").
LEGAL_NEXT: dict[PaymentState, frozenset[PaymentState]] = {
    PaymentState.PENDING_START: frozenset({
        PaymentState.PENDING_FINISH, PaymentState.APPROVED, PaymentState.DECLINED, PaymentState.REJECTED,
        PaymentState.BANK_ERROR, PaymentState.REVIEW_PENDING, PaymentState.REVIEW_REJECTED,
        PaymentState.REVIEW_ERROR,
    }),
    PaymentState.PENDING_FINISH: frozenset({
        PaymentState.APPROVED, PaymentState.REJECTED, PaymentState.BANK_ERROR,
    }),
    PaymentState.REVIEW_PENDING: frozenset({
        PaymentState.APPROVED, PaymentState.REVIEW_REJECTED, PaymentState.REVIEW_ERROR,
    }),
}

STATE_LABELS: dict[PaymentState, str] = {
    PaymentState.APPROVED: "Pago aprobado",
    PaymentState.DECLINED: "Pago declinado",
    PaymentState.PENDING_START: "Pago pendiente por iniciar",
    PaymentState.PENDING_FINISH: "Pago pendiente por finalizar",
    PaymentState.REJECTED: "Pago rechazado",
    PaymentState.BANK_ERROR: "Rechazado. Error entre PSE y la Entidad Bancaria",
    PaymentState.REVIEW_REJECTED: "Pago rechazado CR",
    PaymentState.REVIEW_PENDING: "Pago pendiente por CR",
    PaymentState.REVIEW_ERROR: "Pago rechazado. Error CR",
}


def check_transition(current: PaymentState, target: PaymentState) -> None:
    """Raise IllegalTransition unless `current → target` is a legal edge."""
    if current.is_final:
        raise IllegalTransition(f"El pago ya está en estado final {int(current)} ({current.label})")
    if not current.can_move_to(target):
        raise IllegalTransition(f"Transición no permitida: {int(current)} → {int(target)}")


class PseState(str, Enum):
    """ACH PSE `transactionState` (pse.md §1.4)."""

    OK = "OK"
    NOT_AUTHORIZED = "NOT_AUTHORIZED"
    PENDING = "PENDING"
    FAILED = "FAILED"

    @property
    def is_final(self) -> bool:
        return self is not PseState.PENDING

    def to_zonapagos(self) -> PaymentState:
        return PSE_TO_ZONAPAGOS[self]

    def can_move_to(self, target: PseState) -> bool:
        return self is PseState.PENDING and target is not PseState.PENDING


PSE_TO_ZONAPAGOS: dict[PseState, PaymentState] = {
    PseState.OK: PaymentState.APPROVED,
    PseState.NOT_AUTHORIZED: PaymentState.REJECTED,
    PseState.PENDING: PaymentState.PENDING_FINISH,
    PseState.FAILED: PaymentState.BANK_ERROR,
}


def check_pse_transition(current: PseState, target: PseState) -> None:
    """Raise IllegalTransition unless a PSE transaction may go from `current` to `target`."""
    if not current.can_move_to(target):
        raise IllegalTransition(f"Transición PSE no permitida: {current.value} → {target.value}")


class PaymentMethod(IntEnum):
    """`int_id_forma_pago` codes (zonapagos-ws.md §11); the simulator accepts them all."""

    PSE = 29
    CARD = 32
    PDF = 41
    GANA = 42
    TUYA = 45
    DAVIPLATA = 46
    SISTECREDITO = 47
    BANCOLOMBIA = 48
    NEQUI = 49
    CODENSA = 51
    MEFIA = 77
