"""A PSE transaction as ACH keeps it, and ACH's rules for creating, confirming and finalizing it.

pse.md §1.4 "Simulator semantics" and §4. The transaction is created PENDING by the merchant
(createTransactionPayment); the bank confirms it once (confirmTransactionPayment) within the bank
time; the merchant reads it (getTransactionInformation) and finalizes it once it is final. When the
bank never confirms, ACH's monitor resolves it after the bank time ("TransactionsSolvedByMonitor"):
with the outcome the bank holds (the test bank's "Debug Sonda" holds OK: the debit happened but the
confirmation never reached ACH) or, when the bank holds nothing, FAILED (the payer never finished at
the bank, rejection cause 00015).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import cast

from domain.shared.errors import DomainError
from domain.shared.identity import nit_check_digit
from domain.shared.money import Money
from domain.shared.payment_states import PseState, check_pse_transition
from domain.ach.banks import FinancialInstitution
from domain.ach.codes import AchCode
from domain.ach.magic import AchMagic, AchOperation, ach_magic_for

COLOMBIA = timezone(timedelta(hours=-5), "America/Bogota")
BANK_TIME = timedelta(minutes=7)  # ACH cause 00015: the bank's maximum time (pse.md §4)
FORBIDDEN_CHARACTERS = ("|", '"')  # break ACH's Monitor Plus anti-fraud engine (pse.md §4)
USER_TYPES = {"0": "Persona natural", "1": "Persona jurídica"}
DEFAULT_ENTITY_LIMIT = Money.of("100000000")  # per transaction, unless the entity has its own
_AUTHORIZATION_ID = re.compile(r"[A-Za-z0-9]{1,30}", re.ASCII)
_TICKET = re.compile(r"\d{1,20}", re.ASCII)


def bogota_date(moment: datetime) -> date:
    """The calendar day in Colombia; a naive datetime is taken as Colombian time already."""
    if moment.tzinfo is None:
        return moment.date()
    return moment.astimezone(COLOMBIA).date()


def transaction_cycle(at: datetime) -> str:
    """ACH clears in cycles through the day; the cycle number follows the hour in Colombia (1–8)."""
    local = at.astimezone(COLOMBIA) if at.tzinfo else at
    return str(1 + local.hour // 3)


def entity_key(code: str) -> str:
    """How ACH matches an entityCode: a NIT with or without DV, hyphen or dots is one entity.

    `890203088-9`, `8902030889`, `890.203.088-9` and `890203088` give `890203088`; a ten-digit code
    whose last digit is not the DV, or anything not shaped like a NIT, is compared as typed.
    """
    text = (code or "").strip()
    digits = text.replace(".", "").replace("-", "")
    if digits.isascii() and digits.isdigit():
        if len(digits) == 9:
            return digits
        if len(digits) == 10 and nit_check_digit(digits[:9]) == int(digits[9]):
            return digits[:9]
    return text


@dataclass(frozen=True)
class AchEntity:
    """A company registered at ACH to collect with PSE (in the simulator: a ZonaPAGOS merchant)."""

    code: str  # entityCode: the NIT
    name: str
    service_code: str
    enabled: bool = True
    limit: Money = DEFAULT_ENTITY_LIMIT  # the most one transaction may collect ("topes" per entity)

    def owns(self, entity_code: str) -> bool:
        return entity_key(entity_code) == entity_key(self.code)


@dataclass(frozen=True)
class CreateRequest:
    """createTransactionPayment's data (pse.md §1.3)."""

    bank_code: str
    entity_code: str
    service_code: str
    amount: Money | None  # None: missing or unreadable (another currency, more than 2 decimals)
    vat: Money
    ticket_id: str
    entity_url: str
    user_type: str
    references: tuple[str, str, str]
    solicit_date: datetime | date | None
    description: str
    suggested_email: str = ""  # the payer's e-mail when the merchant knows it (REST `email`): PSE offers it


def check_create(
    request: CreateRequest, entity: AchEntity | None, bank: FinancialInstitution | None, now: datetime
) -> AchCode:
    """The returnCode ACH gives a createTransactionPayment, before any transaction exists.

    Order: entity, service, bank, amounts, limit, date, description, ACH's content rules, then the
    magic amounts (which stand for failures of the network, so they come after every data check).
    """
    if entity is None or not entity.enabled:
        return AchCode.FAIL_ENTITYNOTEXISTSORDISABLED
    if request.service_code.strip() != entity.service_code:
        return AchCode.FAIL_SERVICENOTEXISTS
    if bank is None or not bank.enabled:
        return AchCode.FAIL_BANKNOTEXISTSORDISABLED
    amount, vat = request.amount, request.vat
    if amount is None or amount.amount <= 0 or vat.is_negative or vat > amount:
        return AchCode.FAIL_INVALIDAMOUNT
    if amount > entity.limit:
        return AchCode.FAIL_EXCEEDEDLIMIT
    if request.solicit_date is None or abs((_day(request.solicit_date) - bogota_date(now)).days) > 1:
        return AchCode.FAIL_INVALIDSOLICITDATE
    if not request.description.strip():
        return AchCode.FAIL_DESCRIPTIONNOTFOUND
    if content_problem(request):
        return AchCode.FAIL_TRANSACTIONNOTALLOWED
    magic = ach_magic_for(amount)
    if magic is not None and magic.operation is AchOperation.CREATE:
        return magic.code
    return AchCode.SUCCESS


def content_problem(request: CreateRequest) -> str | None:
    """Why ACH refuses the content of a request (FAIL_TRANSACTIONNOTALLOWED), or None."""
    texts = (request.description, *request.references)
    if any(ch in text for text in texts for ch in FORBIDDEN_CHARACTERS):
        return 'La descripción y las referencias no pueden tener los caracteres | ni "'
    if request.user_type not in USER_TYPES:
        return "El tipo de usuario debe ser 0 (persona natural) o 1 (persona jurídica)"
    if not _TICKET.fullmatch(request.ticket_id.strip()):
        return "El ticketId debe ser un número de máximo 20 dígitos"
    if not request.entity_url.startswith(("http://", "https://")) or any(c.isspace() for c in request.entity_url):
        return "La URL de retorno de la empresa debe ser http o https"
    if len(request.description) > 255 or any(len(r) > 60 for r in request.references):
        return "La descripción admite máximo 255 caracteres y cada referencia 60"
    return None


@dataclass(frozen=True)
class BankConfirmation:
    """confirmTransactionPayment's data: what the bank reports to ACH (pse.md §1.3)."""

    cus: str
    bank_code: str
    entity_code: str
    amount: Money | None  # None: missing or unreadable
    vat: Money | None
    ticket_id: str
    solicit_date: datetime | date | None
    bank_process_date: datetime | date | None
    state: PseState | None
    authorization_id: str


@dataclass(frozen=True)
class PseStateChange:
    state: PseState
    at: datetime
    reason: str = ""


@dataclass
class PseTransaction:
    """One PSE transaction (its CUS), from creation to finalization."""

    cus: str  # trazabilityCode
    token: str  # the `enc` of the bank URL: where the payer's browser finds the transaction
    entity_code: str  # as the merchant sent it
    entity_name: str
    service_code: str
    bank_code: str
    bank_name: str
    amount: Money
    vat: Money
    ticket_id: str
    entity_url: str
    user_type: str
    references: tuple[str, str, str]
    description: str
    solicit_date: datetime
    created_at: datetime
    cycle: str
    state: PseState = PseState.PENDING
    bank_process_date: datetime | None = None
    authorization_id: str = ""
    finalized: bool = False
    payer_email: str = ""  # the registered PSE e-mail the payer typed
    suggested_email: str = ""  # what the merchant sent, offered on the PSE page
    held_outcome: PseState | None = None  # what the bank will tell ACH's monitor (Debug Sonda)
    information_calls: int = 0
    finalize_calls: int = 0
    history: list[PseStateChange] = field(default_factory=list)

    @classmethod
    def create(cls, request: CreateRequest, entity: AchEntity, bank: FinancialInstitution, cus: str,
               token: str, now: datetime) -> PseTransaction:
        """A new PENDING transaction; `check_create` must have answered SUCCESS."""
        transaction = cls(
            cus=cus, token=token, entity_code=request.entity_code.strip(), entity_name=entity.name,
            service_code=request.service_code.strip(), bank_code=bank.code, bank_name=bank.name,
            amount=cast(Money, request.amount), vat=request.vat, ticket_id=request.ticket_id.strip(),
            entity_url=request.entity_url, user_type=request.user_type, references=request.references,
            description=request.description.strip(),
            solicit_date=_moment(cast("datetime | date", request.solicit_date), None), created_at=now,
            cycle=transaction_cycle(now), suggested_email=request.suggested_email.strip()[:70],
        )
        transaction.history.append(PseStateChange(PseState.PENDING, now, "creada por la empresa"))
        return transaction

    @property
    def magic(self) -> AchMagic | None:
        return ach_magic_for(self.amount)

    def bank_time_over(self, now: datetime, bank_time: timedelta = BANK_TIME) -> bool:
        return now - self.created_at >= bank_time

    # -- the merchant side ------------------------------------------------------------------------
    def read_by(self, entity_code: str) -> AchCode:
        """getTransactionInformation: count the call; SUCCESS or the code ACH answers instead."""
        if entity_key(entity_code) != entity_key(self.entity_code):
            return AchCode.FAIL_ACCESSDENIED
        self.information_calls += 1
        magic = self.magic
        if magic and magic.operation is AchOperation.INFORMATION and self.information_calls == 1:
            return magic.code
        return AchCode.SUCCESS

    def finalize(self, entity_code: str) -> AchCode:
        """finalizeTransactionPayment: only a final transaction; finalizing again is harmless."""
        if entity_key(entity_code) != entity_key(self.entity_code):
            return AchCode.FAIL_ACCESSDENIED
        self.finalize_calls += 1
        magic = self.magic
        if magic and magic.operation is AchOperation.FINALIZE and self.finalize_calls == 1:
            return magic.code
        if not self.state.is_final:
            return AchCode.FAIL_INVALIDSTATE
        self.finalized = True
        return AchCode.SUCCESS

    # -- the bank side ----------------------------------------------------------------------------
    def confirm(self, confirmation: BankConfirmation, now: datetime, bank_time: timedelta = BANK_TIME) -> AchCode:
        """confirmTransactionPayment: check the bank's report against the creation, then apply it.

        Order: the bank's access, the bank time, the state, then each field against the creation.
        A PENDING report is accepted and changes nothing: the bank may still confirm within its time.
        """
        if confirmation.bank_code.strip() != self.bank_code:
            return AchCode.FAIL_ACCESSDENIED
        if self.bank_time_over(now, bank_time):
            return AchCode.FAIL_TIMEOUT
        if self.state.is_final:
            return AchCode.FAIL_INVALIDSTATE
        if entity_key(confirmation.entity_code) != entity_key(self.entity_code) or confirmation.state is None:
            return AchCode.FAIL_INCONSISTENTDATA
        if confirmation.amount != self.amount:
            return AchCode.FAIL_INVALIDAUTHORIZEDAMOUNT
        if confirmation.vat != self.vat:
            return AchCode.FAIL_INVALIDVATVALUE
        if confirmation.ticket_id.strip() != self.ticket_id:
            return AchCode.FAIL_INVALIDTICKETID
        if confirmation.solicit_date is None or _day(confirmation.solicit_date) != _day(self.solicit_date):
            return AchCode.FAIL_INVALIDSOLICITEDATE
        processed = _day(confirmation.bank_process_date) if confirmation.bank_process_date else None
        if processed is None or processed < bogota_date(self.created_at) or processed > bogota_date(now):
            return AchCode.FAIL_INVALIDBANKPROCESSINGDATE
        authorization = confirmation.authorization_id.strip()
        if authorization and not _AUTHORIZATION_ID.fullmatch(authorization):
            return AchCode.FAIL_INVALIDAUTHORIZATIONID
        if confirmation.state is PseState.OK and not authorization:
            return AchCode.FAIL_INVALIDAUTHORIZATIONID
        if confirmation.state is PseState.PENDING:
            return AchCode.SUCCESS
        self._move(confirmation.state, now, "confirmada por el banco")
        # `processed` was checked above, so the bank process date is there
        self.bank_process_date = _moment(cast("datetime | date", confirmation.bank_process_date), now)
        self.authorization_id = authorization
        return AchCode.SUCCESS

    def hold_for_monitor(self, outcome: PseState) -> None:
        """The bank decided but never told ACH (the test bank's "Debug Sonda"): only the monitor learns it."""
        if self.state.is_final:
            raise DomainError("La transacción ya tiene un estado final")
        if outcome is PseState.PENDING:
            raise DomainError("El banco solo puede retener un estado final")
        self.held_outcome = outcome

    # -- ACH itself -------------------------------------------------------------------------------
    def settle(self, now: datetime, bank_time: timedelta = BANK_TIME) -> bool:
        """ACH's monitor: once the bank time is over, resolve a PENDING transaction. True if it changed."""
        if self.state.is_final or not self.bank_time_over(now, bank_time):
            return False
        outcome = self.held_outcome or PseState.FAILED
        reason = ("resuelta por el monitor de ACH con el estado que reporta el banco" if self.held_outcome
                  else "resuelta por el monitor de ACH: el pagador no terminó en el banco (causa 00015)")
        self._move(outcome, now, reason)
        self.bank_process_date = now
        return True

    def force(self, state: PseState, now: datetime, authorization_id: str = "") -> None:
        """The simulator's control API decides the outcome (only from PENDING)."""
        self._move(state, now, "forzada desde la API de control")
        self.bank_process_date = now
        self.authorization_id = authorization_id

    def _move(self, target: PseState, now: datetime, reason: str) -> None:
        check_pse_transition(self.state, target)
        self.state = target
        self.history.append(PseStateChange(target, now, reason))


def _day(value: datetime | date) -> date:
    return bogota_date(value) if isinstance(value, datetime) else value


def _moment(value: datetime | date, now: datetime | None) -> datetime:
    """A date as a Colombian moment: a bare date takes `now`'s time of day, or midnight without `now`."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=COLOMBIA)
    if now is None:
        return datetime(value.year, value.month, value.day, tzinfo=COLOMBIA)
    local = now.astimezone(COLOMBIA)
    return datetime(value.year, value.month, value.day, local.hour, local.minute, local.second, tzinfo=COLOMBIA)
