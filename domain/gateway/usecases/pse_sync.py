"""The gateway asks ACH how a PSE attempt ended (getTransactionInformation) and records the answer.

The payer's return from the bank, the receipt page and the merchant's verification all use it, so a
transaction the bank left PENDING ("Debug Sonda") is settled as soon as ACH knows its outcome, the
way the real gateway's own sonda does it.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentMethod, PaymentState, PseState
from ports.clock import Clock
from ports.pse import PseNetwork
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.resolution import resolve

if TYPE_CHECKING:
    from domain.shared.gateway_records import PseTrace

log = logging.getLogger("pasarela.gateway")

OUTCOME_REASONS = {
    PseState.OK: "PSE informó la transacción aprobada (OK)",
    PseState.NOT_AUTHORIZED: "PSE informó la transacción no autorizada (NOT_AUTHORIZED)",
    PseState.FAILED: "PSE informó un error entre PSE y la entidad financiera (FAILED)",
}


def entity_code(merchant: Merchant) -> str:
    """How ACH knows the merchant: its NIT (the simulated ACH accepts it with or without the DV)."""
    return merchant.nit


def awaits_pse(payment: Payment) -> bool:
    """True when the current attempt is a PSE debit still pending at ACH (999 with a CUS)."""
    attempt = payment.current_attempt
    return (attempt.state is PaymentState.PENDING_FINISH and attempt.method is PaymentMethod.PSE
            and attempt.pse is not None and bool(attempt.pse.cus))


def settle_from_pse(payment: Payment, merchant: Merchant, store: GatewayStore, clock: Clock,
                    pse: PseNetwork) -> Payment:
    """Ask ACH about the pending PSE attempt and move it to 1 / 1000 / 1001; the payment as it is now.

    PENDING, or an ACH that does not know the CUS (a magic amount's made-up trace), leaves it 999.
    An approved transaction is finalized at ACH, as a merchant must do after reading OK. ACH runs its
    own units of work, so it is called outside the gateway's.
    """
    if not awaits_pse(payment):
        return payment
    cus = cast("PseTrace", payment.current_attempt.pse).cus  # awaits_pse: the attempt has a PSE trace
    info = pse.information(entity_code(merchant), cus)
    if str(info.return_code) != "SUCCESS" or info.state is None or info.state is PseState.PENDING:
        return payment
    with store.transaction():
        current = store.payments.get(payment.identifier)
        if current is None or not awaits_pse(current) or cast("PseTrace", current.current_attempt.pse).cus != cus:
            return current or payment  # someone else settled it meanwhile
        now = clock.now()
        resolve(current, info.state.to_zonapagos(), now, store.ids, OUTCOME_REASONS[info.state])
        record_payment(current, store, now)
    if info.state is PseState.OK:
        answer = pse.finalize(entity_code(merchant), cus)
        if str(answer) != "SUCCESS":
            log.warning("finalizeTransactionPayment del CUS %s respondió %s", cus, answer)
    return current
