"""One associate's visit to the Red Coopcentral to pay one PSE transaction (pse-coopcentral.md steps 4–10).

The visit moves forward only: document → entity → portal user → password → account (declines stay
on this step) → security code → paid; any step may end in cancelled. Each method checks that the visit
is at the step it belongs to, so a page posted out of order is refused, never applied.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.network.account import DeclineReason
from domain.shared.otp import OtpChallenge

MAX_LOGIN_FAILURES = 3  # wrong user/password pairs before the visit ends (the payment is cancelled)


class VisitStep(Enum):
    IDENTIFIED = "identificado"  # step 4 done: the document is known
    ENTITY_CHOSEN = "entidad"  # step 5 done: log in at the network's portal
    USER_GIVEN = "usuario"  # step 6, user name typed: password and bot check next
    AUTHENTICATED = "autenticado"  # step 7: choose the account (also after a decline)
    CODE_SENT = "codigo"  # step 9: the security code was sent
    PAID = "pagado"  # step 10: receipt
    CANCELLED = "cancelado"

    @property
    def is_final(self) -> bool:
        return self in (VisitStep.PAID, VisitStep.CANCELLED)


class WrongStep(DomainError):
    def __init__(self, step: VisitStep):
        super().__init__("Esta página no corresponde al paso actual de su pago", "paso")
        self.step = step


class CancelCause(Enum):
    """Why a visit ended without paying; the payer reads `message` (the bank reports NOT_AUTHORIZED)."""

    NO_ACCOUNT_CAN_PAY = ("sin_cuenta", "Ninguna de sus cuentas en esta entidad permite el débito (fondos, tope o "
                          "frecuencia). El pago fue cancelado.")
    LOGIN_LOCKED = ("ingreso", "Superó el número de intentos de ingreso al Portal Transaccional. El pago fue "
                    "cancelado.")
    CODE_LOCKED = ("codigo", "Código bloqueado por demasiados intentos fallidos. El pago fue cancelado.")
    PAYER_CANCELLED = ("asociado", "Usted canceló el pago.")
    BANK_TIME_OVER = ("tiempo", "El tiempo para completar el pago en su entidad terminó. El pago no se realizó.")
    ALREADY_DECIDED = ("decidida", "Esta transacción ya fue procesada. Regrese al comercio para ver el resultado.")

    def __init__(self, slug: str, message: str):
        self.slug = slug
        self.message = message

    @classmethod
    def from_slug(cls, slug: str) -> CancelCause:
        for member in cls:
            if member.slug == slug:
                return member
        raise ValueError(f"causa desconocida: {slug}")


@dataclass
class NetworkVisit:
    """The state of one visit; kept between pages by the portal's store."""

    id: str
    cus: str
    document: IdentityDocument
    ip: str
    started_at: datetime
    step: VisitStep = VisitStep.IDENTIFIED
    entity_code: str = ""
    portal_user: str = ""
    login_failures: int = 0
    previous_access_at: datetime | None = None  # the portal's header: the associate's last access before this one
    previous_access_ip: str = ""
    declined: dict[str, DeclineReason] = field(default_factory=dict)  # account number → why
    account_number: str = ""  # the account the security code authorizes
    otp: OtpChallenge | None = None
    transaction_number: str = ""
    paid_at: datetime | None = None
    cancel_cause: CancelCause | None = None

    def require(self, *steps: VisitStep) -> None:
        if self.step not in steps:
            raise WrongStep(self.step)

    def choose_entity(self, entity_code: str, listed: list[str]) -> None:
        """Step 5: only an entity of the list (where the associate has active products)."""
        self.require(VisitStep.IDENTIFIED, VisitStep.ENTITY_CHOSEN, VisitStep.USER_GIVEN)
        if entity_code not in listed:
            raise DomainError("Seleccione una de las entidades de la lista", "entidad")
        self.entity_code = entity_code
        self.portal_user = ""
        self.step = VisitStep.ENTITY_CHOSEN

    def give_user(self, user: str) -> None:
        """Step 6: the user name ("Continuar"); it is checked with the password, never alone."""
        self.require(VisitStep.ENTITY_CHOSEN, VisitStep.USER_GIVEN)
        user = user.strip()
        if not user:
            raise DomainError("Escriba su usuario del Portal Transaccional", "usuario")
        if len(user) > 30 or not user.isprintable():
            raise DomainError("El usuario tiene máximo 30 caracteres", "usuario")
        self.portal_user = user
        self.step = VisitStep.USER_GIVEN

    def login_failed(self) -> bool:
        """A wrong user/password; True when it was the last allowed (the visit is then cancelled)."""
        self.require(VisitStep.USER_GIVEN)
        self.login_failures += 1
        if self.login_failures >= MAX_LOGIN_FAILURES:
            self.cancel(CancelCause.LOGIN_LOCKED)
            return True
        return False

    @property
    def login_attempts_left(self) -> int:
        return max(MAX_LOGIN_FAILURES - self.login_failures, 0)

    def logged_in(self, previous_access_at: datetime | None, previous_access_ip: str) -> None:
        self.require(VisitStep.USER_GIVEN)
        self.previous_access_at = previous_access_at
        self.previous_access_ip = previous_access_ip
        self.step = VisitStep.AUTHENTICATED

    def decline(self, account_number: str, reason: DeclineReason) -> None:
        """Step 8: the account was declined; the associate may choose another one."""
        self.require(VisitStep.AUTHENTICATED, VisitStep.CODE_SENT)
        self.declined[account_number] = reason
        self.account_number = ""
        self.otp = None
        self.step = VisitStep.AUTHENTICATED

    def code_sent(self, account_number: str, challenge: OtpChallenge) -> None:
        """Step 9: the account allows the debit; the code was sent (only its hash is kept). Once a code is
        sent the account is fixed: choosing another one would hand out fresh wrong attempts."""
        self.require(VisitStep.AUTHENTICATED)
        if account_number in self.declined:
            raise DomainError("Esa cuenta ya fue rechazada para este pago. Elija otra cuenta", "cuenta")
        self.account_number = account_number
        self.otp = challenge
        self.step = VisitStep.CODE_SENT

    def paid(self, transaction_number: str, at: datetime) -> None:
        self.require(VisitStep.CODE_SENT)
        self.transaction_number = transaction_number
        self.paid_at = at
        self.step = VisitStep.PAID

    def cancel(self, cause: CancelCause) -> None:
        if self.step is VisitStep.PAID:
            raise DomainError("El pago ya fue realizado y no se puede cancelar", "paso")
        if self.step is VisitStep.CANCELLED:
            return
        self.cancel_cause = cause
        self.otp = None
        self.step = VisitStep.CANCELLED
