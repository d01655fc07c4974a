"""ACH's use cases on a PSE transaction: create, read, finalize (merchant side) and confirm (bank side).

Each one is one unit of work. Before any transaction is used, ACH's monitor applies the clock
(`PseTransaction.settle`), so time rules hold whoever looks first: the merchant, the bank or a page.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from domain.shared.payment_states import PseState
from domain.ach.banks import find_bank
from domain.ach.codes import AchCode
from domain.ach.transaction import BankConfirmation, CreateRequest, PseTransaction, check_create
from ports.clock import Clock
from ports.ach_store import AchStore
from ports.notifications import Notifier
from domain.ach.receipt_mail import receipt_mail
from domain.ach.entities import find_entity
from domain.ach.policy import AchPolicy

if TYPE_CHECKING:
    from domain.ach.banks import FinancialInstitution
    from domain.ach.transaction import AchEntity

START_PATH = "/PSEUserRegister/StartTransaction.htm"


def start_url(token: str) -> str:
    """The bank URL ACH answers: PSE's page where the payer types the registered e-mail (root-relative)."""
    return f"{START_PATH}?enc={token}"


@dataclass(frozen=True)
class Created:
    code: AchCode
    transaction: PseTransaction | None = None


def create_transaction(request: CreateRequest, store: AchStore, clock: Clock, policy: AchPolicy) -> Created:
    """createTransactionPayment: check the request (pse.md §1.4) and keep a PENDING transaction."""
    now = clock.now()
    with store.transaction():
        entity = find_entity(store, request.entity_code, policy)
        bank = find_bank(request.bank_code)
        code = check_create(request, entity, bank, now)
        if code is not AchCode.SUCCESS:
            return Created(code)
        cus = str(store.ids.next_number("cus"))
        token = _token(store)
        # check_create answers SUCCESS only with an entity and a bank
        transaction = PseTransaction.create(request, cast("AchEntity", entity), cast("FinancialInstitution", bank), cus,
                                            token, now)
        store.pse.add_transaction(transaction)
    return Created(code, transaction)


def _token(store: AchStore) -> str:
    # Opaque like ACH's `enc` (an encoded CUS). Only digits: a run of letters and digits could look, to the
    # tests that search the database for a card's CVV, like a stored CVV.
    return store.ids.random_digits(30)


def load(store: AchStore, cus: str, clock: Clock, policy: AchPolicy) -> PseTransaction | None:
    """The transaction with its time rules applied (saved when the monitor changed it). In a unit of work."""
    transaction = store.pse.get_transaction(cus.strip()) if isinstance(cus, str) and cus.strip() else None
    if transaction is not None and transaction.settle(clock.now(), policy.bank_time):
        store.pse.save_transaction(transaction)
    return transaction


def load_by_token(store: AchStore, token: str, clock: Clock, policy: AchPolicy) -> PseTransaction | None:
    """The transaction a page's `enc` names, with its time rules applied, or None."""
    if not token or len(token) > 64:
        return None
    with store.transaction():
        found = store.pse.find_by_token(token)
        return load(store, found.cus, clock, policy) if found else None


@dataclass(frozen=True)
class Read:
    code: AchCode
    transaction: PseTransaction | None = None


def read_transaction(entity_code: str, cus: str, store: AchStore, clock: Clock, policy: AchPolicy) -> Read:
    """getTransactionInformation: the transaction for its own entity; FAIL_INVALIDTRAZABILITYCODE if unknown."""
    with store.transaction():
        transaction = load(store, cus, clock, policy)
        if transaction is None:
            return Read(AchCode.FAIL_INVALIDTRAZABILITYCODE)
        code = transaction.read_by(entity_code)
        store.pse.save_transaction(transaction)
    return Read(code, transaction if code is AchCode.SUCCESS else None)


def finalize_transaction(entity_code: str, cus: str, store: AchStore, clock: Clock, policy: AchPolicy) -> AchCode:
    """finalizeTransactionPayment: the merchant closes a final transaction."""
    with store.transaction():
        transaction = load(store, cus, clock, policy)
        if transaction is None:
            return AchCode.FAIL_INVALIDTRAZABILITYCODE
        code = transaction.finalize(entity_code)
        store.pse.save_transaction(transaction)
    return code


def confirm_transaction(confirmation: BankConfirmation, store: AchStore, clock: Clock,
                        policy: AchPolicy, notifier: Notifier | None = None) -> Read:
    """confirmTransactionPayment: the bank reports the outcome (once, within the bank time). With a
    `notifier`, ACH e-mails the payer the receipt (IOTCS-09 step 15) in the same unit of work."""
    with store.transaction():
        transaction = load(store, confirmation.cus, clock, policy)
        if transaction is None:
            return Read(AchCode.FAIL_INVALIDTRAZABILITYCODE)
        code = transaction.confirm(confirmation, clock.now(), policy.bank_time)
        if code is AchCode.SUCCESS:
            store.pse.save_transaction(transaction)
            if notifier is not None and transaction.payer_email:
                notifier.send("email", transaction.payer_email, *receipt_mail(transaction))
    return Read(code, transaction)


def force_state(cus: str, state: PseState, store: AchStore, clock: Clock, policy: AchPolicy) -> PseTransaction | None:
    """The control API decides a PENDING transaction's outcome; None when the CUS is unknown.

    Raises IllegalTransition (a DomainError) when the transaction is already final.
    """
    with store.transaction():
        transaction = load(store, cus, clock, policy)
        if transaction is None:
            return None
        authorization = store.ids.random_digits(9) if state is PseState.OK else ""
        transaction.force(state, clock.now(), authorization)
        store.pse.save_transaction(transaction)
    return transaction


def list_transactions(store: AchStore, clock: Clock, policy: AchPolicy, limit: int = 100,
                      start: tuple[str, str] | None = None) -> list[PseTransaction]:
    """The newest transactions (from `start`, see AchStore.pse.list_transactions), each as `load` reads it."""
    with store.transaction():
        # each CUS was just listed in this unit of work, so load finds it
        return cast("list[PseTransaction]",
                    [load(store, t.cus, clock, policy) for t in store.pse.list_transactions(limit, start)])
