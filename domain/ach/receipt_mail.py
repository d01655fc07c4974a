"""Step 15 of IOTCS-09: once the bank has answered, ACH e-mails the payer the transaction's receipt.

The e-mail carries what the payer needs to follow the payment up: the CUS, the bank, the company paid, the
amount and the state ACH now holds (recaudo-portal.md step 15, "ACH Colombia e-mails the receipt to the payer").
"""
from __future__ import annotations

from domain.shared.payment_states import PseState
from domain.ach.transaction import COLOMBIA, PseTransaction

SUBJECT = "PSE - Comprobante de su transacción"
STATE_WORDS = {
    PseState.OK: "Aprobada", PseState.NOT_AUTHORIZED: "Rechazada", PseState.FAILED: "Fallida",
    PseState.PENDING: "Pendiente",
}


def receipt_mail(transaction: PseTransaction) -> tuple[str, str]:
    """The subject and the body of the receipt e-mail for `transaction` as ACH holds it now."""
    moment = transaction.bank_process_date or transaction.solicit_date
    local = moment.astimezone(COLOMBIA) if moment.tzinfo else moment
    lines = (
        "PSE Pagos Seguros en Línea - ACH Colombia",
        "Comprobante de su transacción",
        f"CUS: {transaction.cus}",
        f"Banco: {transaction.bank_name}",
        f"Empresa: {transaction.entity_name}",
        f"Descripción: {transaction.description}",
        f"Valor: {transaction.amount.format()}",
        f"Estado: {STATE_WORDS[transaction.state]}",
        f"Fecha: {local.strftime('%d/%m/%Y %H:%M:%S')}",
        "Conserve este correo como constancia. Para cualquier reclamo comuníquese con la empresa.",
    )
    return SUBJECT, "\n".join(lines)
