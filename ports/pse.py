"""The PSE network port: what the ZonaPAGOS gateway (and the ACH MainServices SOAP) need from ACH PSE.

The simulated ACH implements it in simulator/pse/; the gateway page calls it to send the payer to
PSE and to read the outcome, so the same PSE logic serves the pages and the SOAP service.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.shared.money import Money
from domain.shared.payment_states import PseState


@dataclass(frozen=True)
class Bank:
    code: str  # financialInstitutionCode, 4 digits ("1022")
    name: str  # financialInstitutionName ("BANCO UNION COLOMBIANO")


@dataclass(frozen=True)
class PseTransactionRequest:
    """createTransactionPayment's fields (pse.md §1.3)."""

    bank_code: str
    entity_code: str  # the merchant's NIT as ACH knows it
    service_code: str
    amount: Money
    vat: Money
    ticket_id: str
    entity_url: str  # where the bank sends the payer back (entityurl)
    user_type: str  # "0" persona natural, "1" persona jurídica
    references: tuple[str, str, str]
    solicit_date: datetime
    description: str
    payer_email: str = ""


@dataclass(frozen=True)
class PseTransactionCreated:
    return_code: str  # SUCCESS or FAIL_* (pse.md §1.4)
    cus: str = ""  # trazabilityCode
    bank_url: str = ""  # where to send the payer's browser (the PSE e-mail page, then the bank)
    cycle: str = ""


@dataclass(frozen=True)
class PseTransactionInfo:
    """getTransactionInformation's answer."""

    return_code: str
    cus: str
    ticket_id: str = ""
    entity_code: str = ""
    bank_code: str = ""
    bank_name: str = ""
    amount: Money | None = None
    vat: Money | None = None
    solicit_date: datetime | None = None
    bank_process_date: datetime | None = None
    cycle: str = ""
    state: PseState | None = None
    authorization_id: str = ""


class PseNetwork(Protocol):
    def banks(self, entity_code: str) -> list[Bank]:
        """getBankList: the banks a payer may choose (the test bank 1022 included)."""
        ...

    def create_transaction(self, request: PseTransactionRequest) -> PseTransactionCreated:
        """createTransactionPayment: a PENDING transaction and the URL the payer goes to."""
        ...

    def information(self, entity_code: str, cus: str) -> PseTransactionInfo:
        """getTransactionInformation (applies ACH's time rules from the clock first)."""
        ...

    def finalize(self, entity_code: str, cus: str) -> str:
        """finalizeTransactionPayment: return code (FAIL_INVALIDSTATE unless the state is final)."""
        ...
