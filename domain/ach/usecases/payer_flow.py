"""The payer's way through PSE: the e-mail page ("Ir al Banco") and the bank's decision.

Steps 14–15 of recaudo-portal.md and steps 3–4 of the PSE payment in pse-coopcentral.md: the payer
types the registered e-mail, goes to the bank of the transaction, and the bank page reports the
outcome to ACH with confirmTransactionPayment (the same use case the SOAP operation runs) before
sending the browser back to the entity's URL.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import cast

from domain.shared.contact import validate_email
from domain.shared.errors import DomainError
from domain.shared.payment_states import PseState
from domain.ach.banks import BankPage, find_bank
from domain.ach.codes import AchCode
from domain.ach.payer import PersonKind
from domain.ach.transaction import BankConfirmation, PseTransaction
from ports.clock import Clock
from ports.ach_store import AchStore
from ports.notifications import Notifier
from domain.ach.policy import AchPolicy
from domain.ach.usecases.transactions import confirm_transaction, load


def bank_page_url(transaction: PseTransaction) -> str:
    return f"/banco/{transaction.bank_code}?enc={transaction.token}"


class NotRegistered(DomainError):
    """The e-mail is not registered at PSE: the page offers "Quiero registrarme ahora"."""


def _other_kind_label(kind: PersonKind) -> str:
    return next(k.label.lower() for k in PersonKind if k is not kind)


def go_to_bank(token: str, email: str, store: AchStore, clock: Clock, policy: AchPolicy) -> str:
    """"Ir al Banco": a registered e-mail takes the payer to the bank of the transaction (its URL).

    Raises DomainError (field "email") for a malformed e-mail, NotRegistered for an unknown one, and
    DomainError when the transaction is unknown or no longer pending.
    """
    address = validate_email(email, "email").lower()
    with store.transaction():
        found = store.pse.find_by_token(token)
        transaction = load(store, found.cus, clock, policy) if found else None
        if transaction is None:
            raise DomainError("La transacción no existe o el enlace no es válido")
        if transaction.state.is_final:
            raise DomainError("Esta transacción ya fue procesada; regrese al comercio para ver el resultado")
        registered = store.pse.get_payer(address)
        if registered is None:
            raise NotRegistered(f"El correo {address} no está registrado en PSE", "email")
        if registered.kind.user_type != transaction.user_type:
            raise DomainError(f"El correo {address} está registrado como {registered.kind.label.lower()}; "
                              "regrese al comercio y elija ese tipo de persona, o use el correo registrado "
                              f"como {_other_kind_label(registered.kind)}", "email")
        transaction.payer_email = address
        store.pse.save_transaction(transaction)
    return bank_page_url(transaction)


class BankAction(Enum):
    """The buttons of the bank pages and what each one reports to ACH."""

    PAY = ("pay", PseState.OK, BankPage.TEST_BANK)  # "Pay"
    CANCEL = ("cancel", PseState.NOT_AUTHORIZED, BankPage.TEST_BANK)  # "Cancel"
    DEBUG_SONDA = ("sonda", None, BankPage.TEST_BANK)  # "Debug Sonda": no confirmation at all
    APPROVE = ("aprobar", PseState.OK, BankPage.GENERIC)  # "Aprobar"
    REJECT = ("rechazar", PseState.NOT_AUTHORIZED, BankPage.GENERIC)  # "Rechazar"

    def __init__(self, slug: str, reported: PseState | None, page: BankPage):
        self.slug = slug
        self.reported = reported
        self.page = page

    @property
    def debits(self) -> bool:
        """Pay, Debug Sonda (the debit happened, only the confirmation is missing) and Aprobar need an account."""
        return self in (BankAction.PAY, BankAction.DEBUG_SONDA, BankAction.APPROVE)

    @classmethod
    def for_page(cls, slug: str, page: BankPage) -> BankAction | None:
        for action in cls:
            if action.slug == slug and action.page is page:
                return action
        return None


@dataclass(frozen=True)
class BankOutcome:
    code: AchCode  # what ACH answered the bank (SUCCESS when nothing was sent: Debug Sonda)
    transaction: PseTransaction


def bank_decides(transaction: PseTransaction, action: BankAction, store: AchStore, clock: Clock,
                 policy: AchPolicy, notifier: Notifier | None = None, confirm: bool = True) -> BankOutcome:
    """The bank acts on the payer's button: confirmTransactionPayment with the transaction's own data,
    or, for Debug Sonda, keep the approved debit for ACH's monitor and confirm nothing. With `confirm` False
    (the test bank's "Call ConfirmTransactionPayment" unticked) the bank decides but tells ACH nothing: the
    outcome waits for ACH's monitor, as Debug Sonda's does. ACH e-mails the payer the receipt (`notifier`)."""
    bank = find_bank(transaction.bank_code)
    if bank is None or bank.page is not action.page:
        raise DomainError("Esta acción no existe en la página de este banco")
    now = clock.now()
    if action.reported is None or not confirm:
        with store.transaction():
            # the caller's transaction exists, so load finds it
            current = cast(PseTransaction, load(store, transaction.cus, clock, policy))
            if current.state.is_final:
                return BankOutcome(AchCode.FAIL_INVALIDSTATE, current)
            current.hold_for_monitor(action.reported or PseState.OK)
            store.pse.save_transaction(current)
        return BankOutcome(AchCode.SUCCESS, current)
    confirmation = BankConfirmation(
        cus=transaction.cus, bank_code=transaction.bank_code, entity_code=transaction.entity_code,
        amount=transaction.amount, vat=transaction.vat, ticket_id=transaction.ticket_id,
        solicit_date=transaction.solicit_date, bank_process_date=now, state=action.reported,
        authorization_id=store.ids.random_digits(9) if action.reported is PseState.OK else "",
    )
    read = confirm_transaction(confirmation, store, clock, policy, notifier)
    return BankOutcome(read.code, read.transaction or transaction)


BANK_ANSWERS: dict[AchCode, str] = {
    AchCode.FAIL_TIMEOUT: "El tiempo máximo del banco para esta transacción terminó; ACH ya no recibe su confirmación.",
    AchCode.FAIL_INVALIDSTATE: "Esta transacción ya fue procesada por el banco.",
}


def bank_answer_text(code: AchCode) -> str:
    """What the bank page tells the payer when ACH did not take its confirmation."""
    return BANK_ANSWERS.get(code, f"ACH no aceptó la confirmación del banco ({code.value}).")
