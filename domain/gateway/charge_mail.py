"""The receipt ZonaPAGOS e-mails the payer after a card charge made with the tokenization service.

`Tokentc_crear` carries the payer's `email` (zonapagos-ws.md: "recommended; receipt e-mail"); when it is given
and a charge was made, the payer receives what was charged, to which card and how it ended.
"""
from __future__ import annotations

from datetime import datetime

from domain.gateway.usecases.card_charge import CardCharge, ChargeResult

SUBJECT = "ZonaPAGOS - Comprobante de su pago con tarjeta"


def charge_mail(charge: CardCharge, result: ChargeResult, at: datetime) -> tuple[str, str]:
    """The subject and body of the receipt of one card charge."""
    lines = (
        "ZonaPAGOS - Comprobante de su pago",
        f"Comercio: {charge.merchant.name}",
        f"Referencia: {charge.reference}",
        f"Número de pago: {result.attempt.number}",
        f"Descripción: {charge.description}",
        f"Tarjeta: {charge.brand.label} ****{charge.last_four}",
        f"Valor: {charge.total.format()} (IVA {charge.vat.format()})",
        f"Estado: {result.detail}",
        f"Fecha: {at.strftime('%d/%m/%Y %H:%M:%S')}",
    )
    return SUBJECT, "\n".join(lines)
