"""What the network's portal shows about the payment: "Datos del pago" (step 7) and the receipt (step 10).

Each row is (label, element id, value), in the order of pse-coopcentral.md. Número de Factura is ACH's
`ticketId` (the merchant's invoice or order, pse.md §1.2), and so is Referencia de pago: Referencia1–3 carry the
payer's IP, document type and number as the sample screens show them, so the ticket is the one payment number ACH
knows; IP is the associate's address as the network saw it.
"""
from __future__ import annotations

from dataclasses import dataclass

from domain.network.account import NetworkAccount
from domain.network.member import NetworkDebit
from domain.network.payment import NetworkVisit
from domain.ach.transaction import PseTransaction
from simulator.coopcentral.formatting import network_amount, network_day, network_moment

Row = tuple[str, str, str]


def _references(t: PseTransaction) -> list[Row]:
    return [(f"Referencia{i}", f"referencia{i}", t.references[i - 1] if len(t.references) >= i else "")
            for i in (1, 2, 3)]


def payment_data(visit: NetworkVisit, t: PseTransaction) -> list[Row]:
    """Step 7's "Datos del pago"."""
    return [
        ("Fecha Solicitud", "fecha-solicitud", network_day(t.solicit_date)),
        ("Valor de la transacción", "valor", network_amount(t.amount)),
        ("IVA", "iva", network_amount(t.vat)),
        ("Nombre del comercio", "comercio", t.entity_name),
        ("Descripción del Pago", "descripcion", t.description),
        ("Número de Factura", "factura", t.ticket_id),
        ("CUS", "cus", t.cus),
        ("IP", "ip", visit.ip),
        *_references(t),
    ]


@dataclass(frozen=True)
class Receipt:
    rows: list[Row]

    def value(self, element_id: str) -> str:
        return next(value for _, key, value in self.rows if key == element_id)


def receipt_of(visit: NetworkVisit, t: PseTransaction, debit: NetworkDebit, account: NetworkAccount) -> Receipt:
    """Step 10: "Pago realizado exitosamente" with every field of the instruction."""
    return Receipt([
        ("Cuenta", "cuenta", account.label),
        ("Fecha Solicitud", "fecha-solicitud", network_day(t.solicit_date)),
        ("Valor de la transacción", "valor", network_amount(debit.amount)),
        ("IVA", "iva", network_amount(t.vat)),
        ("Nombre del comercio", "comercio", t.entity_name),
        ("Descripción del Pago", "descripcion", t.description),
        ("Referencia de pago", "referencia-pago", t.ticket_id),  # the merchant's payment as ACH knows it
        ("Número de Factura", "factura", t.ticket_id),
        ("CUS", "cus", t.cus),
        ("IP", "ip", visit.ip),
        *_references(t),
        ("Fecha pago", "fecha-pago", network_moment(debit.at)),
        ("No. Transacción", "transaccion", debit.transaction_number),
    ])
