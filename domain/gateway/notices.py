"""What the gateway tells a merchant's server (zonapagos-ws.md §12): the NotificarPagos body of a payment
attempt that reached its final state, and the Notificar body of a registered card token."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.gateway.merchant import Merchant
from domain.gateway.payment import Attempt, Payment

INVOICE_ID_MAX = 20  # Facturas[].IdFactura ≤ 20


def _date(at: datetime) -> str:
    return at.strftime("%d/%m/%Y")


def _date_time(at: datetime) -> str:
    return at.strftime("%d/%m/%Y %H:%M:%S")


def payment_key(payment: Payment, attempt: Attempt) -> str:
    """One notification per payment attempt reaching its final state."""
    return f"pago:{payment.identifier}:{attempt.number}"


def token_key(merchant_id: int, token: str) -> str:
    return f"token:{merchant_id}:{token}"


def payment_notice(payment: Payment, attempt: Attempt, merchant: Merchant) -> dict[str, Any]:
    """The §12 NotificarPagos body for a final attempt. `EstadoPago` 1 approved / 0 not; the amounts paid
    are the payment's total when approved and 0 otherwise (docs/decisions.md)."""
    approved = attempt.state.is_approved
    paid: Decimal = payment.paid_by(attempt).amount if approved else Decimal(0)  # a split payment's fraction
    decided_at = attempt.history[-1].at if attempt.history else attempt.started_at
    pse, card = attempt.pse, attempt.card
    ticket = pse.ticket_id if pse else card.ticket_id if card else ""
    return {
        "IdComercio": merchant.id,
        "Password": merchant.notification_password,
        "IdCliente": payment.payer.document_number,
        "Facturas": [{"IdFactura": payment.reference[:INVOICE_ID_MAX], "ValorPagado": paid,
                      "FechaVencimiento": _date(payment.created_at), "Orden": 1}],
        "EstadoPago": 1 if approved else 0,
        "FormaPago": int(attempt.method) if attempt.method is not None else 0,
        "ValorTotalPagado": paid,
        "FechaPago": _date_time(decided_at),
        "IdPago": payment.reference,
        "TicketID": ticket,
        "CUS": pse.cus if pse else "",
        "CodigoServicio": payment.service_code,
        "CicloTransaccion": pse.cycle if pse else "",
        "CodigoBanco": pse.bank_code if pse else "",
        "NombreBanco": pse.bank_name if pse else "",
        "Franquicia": card.franchise if card else "",
        "CodAprobacion": card.approval_code if card else "",
        "Campo1": payment.optional_fields[0],
        "Campo2": payment.optional_fields[1],
        "Campo3": payment.optional_fields[2],
        "NumeroPago": attempt.number,
    }


def token_notice(merchant: Merchant, customer_id: str, token: str) -> dict[str, Any]:
    """The §12 Notificar body: the merchant's user and shared password, the customer and the token."""
    return {"int_id_comercio": merchant.id, "str_usuario": merchant.verify_user,
            "str_clave": merchant.notification_password, "str_id_cliente": customer_id, "str_token": token}
