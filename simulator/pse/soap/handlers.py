"""MainServices' operations: decoded request → ACH use case → response values. Thin on purpose.

Values the wire could not give as ACH needs them (another currency, more than two decimals, a
missing date or state) reach the use cases as None, so every refusal is ACH's in-band returnCode
in the order of its rules, never a fault.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Any, Callable

from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.shared.payment_states import PseState
from domain.ach.banks import enabled_banks
from domain.ach.codes import AchCode
from domain.ach.transaction import BankConfirmation, CreateRequest, PseTransaction
from ports.clock import Clock
from ports.notifications import Notifier
from ports.store import SimulatorStore
from domain.ach.policy import AchPolicy
from simulator.pse.soap.codec import Amount
from domain.ach.usecases.transactions import (
    confirm_transaction, create_transaction, finalize_transaction, read_transaction, start_url,
)

Values = dict[str, Any]
Handler = Callable[[Values | None, str], Values | list[Values]]


def _money(amount: Amount | None, missing: Money | None = None) -> Money | None:
    """A COP amount with at most two decimals, `missing` when absent, None when unusable."""
    if amount is None:
        return missing
    if amount.currency and amount.currency.upper() != "COP":
        return None
    try:
        return Money.of(amount.value)
    except DomainError:
        return None


def _text(values: Values, name: str) -> str:
    value = values.get(name)
    return value if isinstance(value, str) else ""


class MainServicesHandlers:
    def __init__(self, store: SimulatorStore, clock: Clock, policy: AchPolicy, notifier: Notifier | None = None):
        self.store = store
        self.clock = clock
        self.policy = policy
        self.notifier = notifier  # ACH's receipt e-mail to the payer once the bank confirms (IOTCS-09 step 15)

    def table(self) -> dict[str, Handler]:
        return {
            "getBankList": self.get_bank_list,
            "createTransactionPayment": self.create,
            "getTransactionInformation": self.information,
            "finalizeTransactionPayment": self.finalize,
            "confirmTransactionPayment": self.confirm,
        }

    def get_bank_list(self, values: Values | None, base_url: str) -> list[Values]:
        """The same list for every entity: the banks are public and ACH answers no code here."""
        return [{"financialInstitutionCode": b.code, "financialInstitutionName": b.name} for b in enabled_banks()]

    def create(self, values: Values | None, base_url: str) -> Values:
        values = values or {}
        amount = _money(values.get("transactionValue"))
        vat = _money(values.get("vatValue"), Money.zero())
        references = [r or "" for r in values.get("referenceNumber") or []]
        request = CreateRequest(
            bank_code=_text(values, "financialInstitutionCode"), entity_code=_text(values, "entityCode"),
            service_code=_text(values, "serviceCode"), amount=amount if vat is not None else None,
            vat=vat or Money.zero(), ticket_id=_text(values, "ticketId"), entity_url=_text(values, "entityurl").strip(),
            user_type=_text(values, "userType"),
            # ACH reads three references; more are ignored.
            references=tuple((references + ["", "", ""])[:3]), solicit_date=values.get("soliciteDate"),
            description=_text(values, "paymentDescription"),
        )
        created = create_transaction(request, self.store, self.clock, self.policy)
        t = created.transaction
        if t is None:
            return {"returnCode": created.code.value}
        return {"trazabilityCode": t.cus, "returnCode": created.code.value,
                "bankurl": base_url + start_url(t.token), "transactionCycle": t.cycle}

    def information(self, values: Values | None, base_url: str) -> Values:
        values = values or {}
        cus = _text(values, "trazabilityCode").strip()
        read = read_transaction(_text(values, "entityCode"), cus, self.store, self.clock, self.policy)
        t = read.transaction
        if t is None:
            return {"trazabilityCode": cus, "returnCode": read.code.value}
        return {**_described(t), "returnCode": read.code.value}

    def finalize(self, values: Values | None, base_url: str) -> Values:
        values = values or {}
        cus = _text(values, "trazabilityCode").strip()
        code = finalize_transaction(_text(values, "entityCode"), cus, self.store, self.clock, self.policy)
        return {"trazabilityCode": cus, "returnCode": code.value}

    def confirm(self, values: Values | None, base_url: str) -> Values:
        values = values or {}
        cus = _text(values, "trazabilityCode").strip()
        state = values.get("transactionState")
        confirmation = BankConfirmation(
            cus=cus, bank_code=_text(values, "financialInstitutionCode"), entity_code=_text(values, "entityCode"),
            amount=_money(values.get("transactionValue")), vat=_money(values.get("vatValue")),
            ticket_id=_text(values, "ticketId"), solicit_date=_date(values.get("soliciteDate")),
            bank_process_date=_date(values.get("bankProcessDate")), state=PseState(state) if state else None,
            authorization_id=_text(values, "authorizationId"),
        )
        read = confirm_transaction(confirmation, self.store, self.clock, self.policy, self.notifier)
        answer: Values = {"trazabilityCode": cus, "returnCode": read.code.value}
        if read.transaction is not None and read.code is not AchCode.FAIL_ACCESSDENIED:
            answer["transactionState"] = read.transaction.state.value
        return answer


def _date(value: Any) -> date | datetime | None:
    return value if isinstance(value, (date, datetime)) else None


def _described(t: PseTransaction) -> Values:
    return {
        "ticketId": t.ticket_id, "trazabilityCode": t.cus, "entityCode": t.entity_code,
        "transactionValue": t.amount.amount, "vatValue": t.vat.amount, "soliciteDate": t.solicit_date,
        "bankProcessDate": t.bank_process_date, "transactionCycle": t.cycle, "transactionState": t.state.value,
    }

