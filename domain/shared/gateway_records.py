"""What a merchant and ZonaPAGOS say to each other about a payment: who pays, and what ACH or the card
network reported about an attempt (the V4 extras of `str_res_pago`).

Part of the shared kernel: the gateway keeps them on its payments, and the recaudo portal sends and reads
them through its payment-gateway port, so both contexts speak this one published language.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Payer:
    """Who pays, as the merchant sent it. Fields are free text on this wire; validation is per entry point."""

    document_number: str = ""
    document_type: str = ""  # the wire's tipo_id code as sent ("1", "3", ...)
    first_names: str = ""
    last_names: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class PseTrace:
    """What ACH PSE reports about a PSE attempt (the V4 extras for method 29)."""

    ticket_id: str
    service_code: str
    bank_code: str
    bank_name: str
    cus: str
    cycle: str


@dataclass(frozen=True)
class CardTrace:
    """What the card network reports about a card attempt (the V4 extras for method 32). Never the full number."""

    ticket_id: str
    last_four: str
    franchise: str
    approval_code: str
    receipt_number: str
