"""The Red Coopcentral's use cases: an associate pays a PSE transaction from a cooperative account.

pse-coopcentral.md "Paying through PSE with a cooperative account", steps 4–10. Each function is one
unit of work on the store. The debit, its ledger row (one per CUS) and the bank's confirmation to ACH
(`confirmTransactionPayment`, the same use case the SOAP operation runs) commit together: if ACH does
not take the confirmation, nothing is debited. A cancellation reports NOT_AUTHORIZED to ACH.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.network.account import DeclineReason, NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import CancelCause, NetworkVisit, VisitStep
from domain.shared.otp import OtpChallenge, OtpError, OtpLocked, OtpPolicy
from domain.shared.payment_states import PseState
from domain.ach.banks import BankPage, find_bank
from domain.ach.codes import AchCode
from domain.ach.transaction import BankConfirmation, PseTransaction, bogota_date
from ports.clock import Clock
from ports.coopcentral import DuplicateDebit
from ports.notifications import Notifier
from ports.store import SimulatorStore
from simulator.coopcentral.formatting import network_amount
from domain.ach.policy import AchPolicy
from domain.ach.usecases.transactions import confirm_transaction, load

# Step 4 offers the documents of natural persons (PSE's persona natural; NIT is for companies).
DOCUMENT_TYPES = (DocumentType.CC, DocumentType.CE, DocumentType.TI, DocumentType.PP)
TRANSACTION_SEQUENCE = "network_transaction"


class VisitGone(DomainError):
    """No visit for this browser (no cookie, or an unknown one)."""


@dataclass(frozen=True)
class Outcome:
    """What a step led to: the visit as it is now, and why it did not move forward when it did not."""

    visit: NetworkVisit
    decline: DeclineReason | None = None  # step 8: the chosen account was declined
    problem: str = ""  # a refused input (wrong password or code…), to show on the same page


class NetworkFlow:
    """The network's side of a PSE payment, on the simulated world's store, clock and ACH."""

    def __init__(self, store: SimulatorStore, clock: Clock, ach_policy: AchPolicy, notifier: Notifier,
                 otp_policy: OtpPolicy | None = None):
        self.store = store
        self.repo = store.coopcentral
        self.clock = clock
        self.ach_policy = ach_policy
        self.notifier = notifier
        self.otp_policy = otp_policy or OtpPolicy()

    # -- reading ----------------------------------------------------------------------------------

    def transaction_for(self, token: str) -> PseTransaction | None:
        """The PSE transaction of a link (`enc`) when it belongs to the network's bank, 1066."""
        if not token or len(token) > 64:
            return None
        with self.store.transaction():
            found = self.store.pse.find_by_token(token)
            transaction = load(self.store, found.cus, self.clock, self.ach_policy) if found else None
        if transaction is None or not _is_network_bank(transaction.bank_code):
            return None
        return transaction

    def visit(self, visit_id: str) -> tuple[NetworkVisit, PseTransaction]:
        """The visit and its transaction, ACH's clock applied; a visit whose transaction was decided
        meanwhile (the bank time ran out, or another visit paid it) is closed here."""
        if not visit_id or len(visit_id) > 64:
            raise VisitGone("Su sesión en la Red Coopcentral no es válida o terminó")
        with self.store.transaction():
            visit = self.repo.visit(visit_id)
            if visit is None:
                raise VisitGone("Su sesión en la Red Coopcentral no es válida o terminó")
            transaction = load(self.store, visit.cus, self.clock, self.ach_policy)
            if not visit.step.is_final and transaction.state.is_final:
                visit.cancel(self._closed_cause(transaction))
                self.repo.save_visit(visit)
        return visit, transaction

    def listed_entities(self, document: IdentityDocument) -> list[NetworkEntity]:
        """Step 5: the active entities where the associate has at least one active account."""
        with self.store.transaction():
            listed = []
            for membership in self.repo.memberships(document):
                entity = self.repo.entity(membership.entity_code)
                if entity and entity.active and any(a.active for a in self.repo.accounts(entity.code, document)):
                    listed.append(entity)
        return sorted(listed, key=lambda e: e.name)

    def entity(self, code: str) -> NetworkEntity | None:
        with self.store.transaction():
            return self.repo.entity(code)

    def associate(self, document: IdentityDocument) -> NetworkAssociate | None:
        with self.store.transaction():
            return self.repo.associate(document)

    def active_accounts(self, visit: NetworkVisit) -> list[NetworkAccount]:
        """Step 7: the associate's active accounts at the chosen entity."""
        with self.store.transaction():
            return [a for a in self.repo.accounts(visit.entity_code, visit.document) if a.active]

    def debit_of(self, visit: NetworkVisit) -> tuple[NetworkDebit | None, NetworkAccount | None]:
        with self.store.transaction():
            debit = self.repo.debit_for(visit.cus)
            return debit, self.repo.account(debit.account_number) if debit else None

    def today(self) -> date:
        return bogota_date(self.clock.now())

    # -- step 4: document ------------------------------------------------------------------------

    def identify(self, token: str, document_type: str, number: str, ip: str, visit_id: str) -> NetworkVisit:
        """"Continuar" with the document: a new visit for this transaction (the page's cookie names it)."""
        try:
            kind = DocumentType.from_code(document_type)
        except ValueError:
            kind = None
        if kind not in DOCUMENT_TYPES:
            raise DomainError("Seleccione el tipo de documento", "tipo_documento")
        document = IdentityDocument(kind, number)  # DomainError (field document_number) when malformed
        with self.store.transaction():
            found = self.store.pse.find_by_token(token)
            transaction = load(self.store, found.cus, self.clock, self.ach_policy) if found else None
            if transaction is None or not _is_network_bank(transaction.bank_code):
                raise DomainError("La transacción no existe o el enlace no es válido")
            if transaction.state.is_final:
                raise DomainError("Esta transacción ya fue procesada. Regrese al comercio para ver el resultado")
            visit = NetworkVisit(visit_id, transaction.cus, document, ip[:45], self.clock.now())
            self.repo.save_visit(visit)
        return visit

    # -- step 5: entity --------------------------------------------------------------------------

    def choose_entity(self, visit_id: str, entity_code: str) -> NetworkVisit:
        listed = [e.code for e in self.listed_entities(self.visit(visit_id)[0].document)]
        return self._change(visit_id, lambda visit: visit.choose_entity(entity_code, listed))

    # -- step 6: Portal Transaccional ------------------------------------------------------------

    def give_user(self, visit_id: str, user: str) -> NetworkVisit:
        return self._change(visit_id, lambda visit: visit.give_user(user))

    def log_in(self, visit_id: str, password: str, ip: str) -> Outcome:
        """"Ingresar": the user and password of the membership at the chosen entity. A wrong pair counts;
        the third ends the visit and cancels the payment. The message never says which one was wrong."""
        with self.store.transaction():
            visit, transaction = self._open(visit_id, VisitStep.USER_GIVEN)
            if visit.step.is_final:
                return Outcome(visit)
            membership = self.repo.membership(visit.entity_code, visit.document)
            if membership is None or not password or not membership.accepts(visit.portal_user, password[:64]):
                if visit.login_failed():
                    self._report(transaction, PseState.NOT_AUTHORIZED)
                    self.repo.save_visit(visit)
                    return Outcome(visit)
                self.repo.save_visit(visit)
                left = visit.login_attempts_left
                rest = "Le queda 1 intento" if left == 1 else f"Le quedan {left} intentos"
                return Outcome(visit, problem=f"Usuario o contraseña incorrectos. {rest}")
            visit.logged_in(membership.last_access_at, membership.last_access_ip)
            self.repo.save_membership(_accessed(membership, self.clock.now(), ip[:45]))
            self.repo.save_visit(visit)
        return Outcome(visit)

    # -- steps 7–9: account, declines, security code ---------------------------------------------

    def pay(self, visit_id: str, account_number: str) -> Outcome:
        """"Pagar" with the chosen account: declined (step 8), cancelled when it was the entity's last
        untried account, or the security code sent to the associate's e-mail and mobile (step 9)."""
        with self.store.transaction():
            visit, transaction = self._open(visit_id, VisitStep.AUTHENTICATED)
            if visit.step.is_final:
                return Outcome(visit)
            account = self._own_account(visit, account_number)
            if account.number in visit.declined:
                raise DomainError("Esa cuenta ya fue rechazada para este pago. Elija otra cuenta", "cuenta")
            reason = account.decline_reason(transaction.amount, self.today())
            if reason is not None:
                self._decline(visit, transaction, account, reason)
                self.repo.save_visit(visit)
                return Outcome(visit, decline=reason)
            associate = self.repo.associate(visit.document)
            if associate is None or not associate.otp_destinations:
                raise DomainError("Su entidad no tiene un correo ni un celular registrados para enviarle el código "
                                  "de seguridad. Comuníquese con ella", "cuenta")
            challenge, code = OtpChallenge.issue(visit.id, visit.document, self.store.ids, self.clock.now(),
                                                 self.otp_policy)
            visit.code_sent(account.number, challenge)
            self._send_code(associate, transaction, code)
            self.repo.save_visit(visit)
        return Outcome(visit)

    def resend_code(self, visit_id: str) -> Outcome:
        """"Enviar otro código": a new code (at most every 30 s, at most 5 times); the old one stops working."""
        with self.store.transaction():
            visit, transaction = self._open(visit_id, VisitStep.CODE_SENT)
            if visit.step.is_final:
                return Outcome(visit)
            try:
                code = visit.otp.resend(self.store.ids, self.clock.now())
            except OtpError as error:
                return Outcome(visit, problem=error.message)
            self._send_code(self.repo.associate(visit.document), transaction, code)
            self.repo.save_visit(visit)
        return Outcome(visit)

    def authorize(self, visit_id: str, code: str) -> Outcome:
        """"Aceptar" with the security code: the debit and ACH's confirmation (OK) in one unit of work.

        A repeated or concurrent "Aceptar" finds the visit paid (or the CUS already debited) and debits
        nothing; if ACH refuses the confirmation (its bank time is over, or the transaction is final),
        the debit is rolled back and the visit ends.
        """
        try:
            with self.store.transaction():
                visit = self._visit_in_uow(visit_id)
                if visit.step is VisitStep.PAID:
                    return Outcome(visit)
                visit, transaction = self._open(visit_id, VisitStep.CODE_SENT)
                if visit.step.is_final:
                    return Outcome(visit)
                now = self.clock.now()
                try:
                    visit.otp.verify(code[:20], now)
                except OtpLocked:
                    visit.cancel(CancelCause.CODE_LOCKED)
                    self._report(transaction, PseState.NOT_AUTHORIZED)
                    self.repo.save_visit(visit)
                    return Outcome(visit)
                except OtpError as error:
                    self.repo.save_visit(visit)  # the wrong attempt counts
                    return Outcome(visit, problem=error.message)
                account = self._own_account(visit, visit.account_number)
                reason = account.decline_reason(transaction.amount, bogota_date(now))
                if reason is not None:  # the account changed since "Pagar" (another payment)
                    self._decline(visit, transaction, account, reason)
                    self.repo.save_visit(visit)
                    return Outcome(visit, decline=reason)
                number = str(self.store.ids.next_number(TRANSACTION_SEQUENCE))
                self.repo.save_account(account.debit(transaction.amount, bogota_date(now)))
                self.repo.add_debit(NetworkDebit(transaction.cus, account.number, transaction.amount, now, number))
                answer = self._report(transaction, PseState.OK, number)
                if answer is not AchCode.SUCCESS:
                    raise _AchRefused(answer)
                visit.paid(number, now)
                self.repo.save_visit(visit)
            return Outcome(visit)
        except (_AchRefused, DuplicateDebit) as refused:
            late = isinstance(refused, _AchRefused) and refused.code is AchCode.FAIL_TIMEOUT
            return Outcome(self._change(visit_id, lambda v: v.cancel(
                CancelCause.BANK_TIME_OVER if late else CancelCause.ALREADY_DECIDED)))

    # -- leaving ---------------------------------------------------------------------------------

    def cancel(self, visit_id: str) -> NetworkVisit:
        """"Cancelar" (or "Regresar al comercio" before paying): NOT_AUTHORIZED to ACH. A paid or
        cancelled visit stays as it is."""
        with self.store.transaction():
            visit = self._visit_in_uow(visit_id)
            if visit.step.is_final:
                return visit
            transaction = load(self.store, visit.cus, self.clock, self.ach_policy)
            if transaction.state.is_final:
                visit.cancel(self._closed_cause(transaction))
            else:
                visit.cancel(CancelCause.PAYER_CANCELLED)
                self._report(transaction, PseState.NOT_AUTHORIZED)
            self.repo.save_visit(visit)
        return visit

    # -- helpers ---------------------------------------------------------------------------------

    def _visit_in_uow(self, visit_id: str) -> NetworkVisit:
        visit = self.repo.visit(visit_id) if visit_id and len(visit_id) <= 64 else None
        if visit is None:
            raise VisitGone("Su sesión en la Red Coopcentral no es válida o terminó")
        return visit

    def _open(self, visit_id: str, *steps: VisitStep) -> tuple[NetworkVisit, PseTransaction]:
        """Inside a unit of work: the visit at one of `steps` and its transaction. A visit whose transaction
        was decided meanwhile is closed (and saved) here: callers answer a final visit as it is."""
        visit = self._visit_in_uow(visit_id)
        transaction = load(self.store, visit.cus, self.clock, self.ach_policy)
        if not visit.step.is_final and transaction.state.is_final:
            visit.cancel(self._closed_cause(transaction))
            self.repo.save_visit(visit)
        if not visit.step.is_final:
            visit.require(*steps)
        return visit, transaction

    def _change(self, visit_id: str, change) -> NetworkVisit:
        with self.store.transaction():
            visit = self._visit_in_uow(visit_id)
            transaction = load(self.store, visit.cus, self.clock, self.ach_policy)
            if not visit.step.is_final and transaction.state.is_final:
                visit.cancel(self._closed_cause(transaction))
                self.repo.save_visit(visit)
                return visit
            change(visit)
            self.repo.save_visit(visit)
        return visit

    def _closed_cause(self, transaction: PseTransaction) -> CancelCause:
        if transaction.state is PseState.FAILED and transaction.bank_time_over(self.clock.now(),
                                                                               self.ach_policy.bank_time):
            return CancelCause.BANK_TIME_OVER
        return CancelCause.ALREADY_DECIDED

    def _own_account(self, visit: NetworkVisit, number: str) -> NetworkAccount:
        account = self.repo.account(number.strip()) if isinstance(number, str) and number.strip() else None
        if account is None or account.entity_code != visit.entity_code or account.owner != visit.document \
                or not account.active:
            raise DomainError("Seleccione una de sus cuentas para debitar el pago", "cuenta")
        return account

    def _decline(self, visit: NetworkVisit, transaction: PseTransaction, account: NetworkAccount,
                 reason: DeclineReason) -> None:
        """Step 8: record the decline and let the associate see it and choose another account; only when no
        active account of the entity is left untried is the payment cancelled. A pre-check that the remaining
        accounts could not pay either does not cancel: the associate sees each decline and its reason, as the
        instructivo shows them (issue 18, defect 7)."""
        visit.decline(account.number, reason)
        untried = [a for a in self.repo.accounts(visit.entity_code, visit.document)
                   if a.active and a.number not in visit.declined]
        if not untried:
            visit.cancel(CancelCause.NO_ACCOUNT_CAN_PAY)
            self._report(transaction, PseState.NOT_AUTHORIZED)

    def _send_code(self, associate: NetworkAssociate, transaction: PseTransaction, code: str) -> None:
        minutes = int(self.otp_policy.validity.total_seconds() // 60)
        body = (f"Red Coopcentral: su código de seguridad para el pago PSE de {network_amount(transaction.amount)} "
                f"a {transaction.entity_name} (CUS {transaction.cus}) es {code}. Vence en {minutes} minutos. "
                "No lo comparta con nadie.")
        for channel, address in associate.otp_destinations:
            self.notifier.send(channel, address, "Código de seguridad Red Coopcentral", body)

    def _report(self, transaction: PseTransaction, state: PseState, authorization: str = "") -> AchCode:
        """The bank's confirmTransactionPayment with the transaction's own data (joins the unit of work)."""
        confirmation = BankConfirmation(
            cus=transaction.cus, bank_code=transaction.bank_code, entity_code=transaction.entity_code,
            amount=transaction.amount, vat=transaction.vat, ticket_id=transaction.ticket_id,
            solicit_date=transaction.solicit_date, bank_process_date=self.clock.now(), state=state,
            authorization_id=authorization,
        )
        return confirm_transaction(confirmation, self.store, self.clock, self.ach_policy, self.notifier).code


class _AchRefused(Exception):
    def __init__(self, code: AchCode):
        super().__init__(code.value)
        self.code = code


def _is_network_bank(code: str) -> bool:
    bank = find_bank(code)
    return bank is not None and bank.page is BankPage.COOPCENTRAL_NETWORK


def _accessed(membership: Membership, at: datetime, ip: str) -> Membership:
    return replace(membership, last_access_at=at, last_access_ip=ip)
