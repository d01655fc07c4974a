"""The one-time security code (OTP) that proves the associate before any product is shown.

The instruction fixes the 5-minute validity and the 30-second resend pause; the attempt limit, the
length and the resend cap are entity policy (pse.md §9) and live in `OtpPolicy`. Only a salted hash
of the code is kept; the clear code leaves `issue` / `resend` once, for the OTP channel.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.shared.secrets import SecretHash

if TYPE_CHECKING:
    from ports.ids import IdGenerator

_SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class OtpPolicy:
    validity: timedelta = timedelta(minutes=5)
    resend_after: timedelta = timedelta(seconds=30)
    max_wrong_attempts: int = 3
    length: int = 6
    max_resends: int = 5  # banks cap resends too (ACH cause 00026)
    salt_length: int = 16

    def __post_init__(self) -> None:
        if self.validity <= timedelta(0) or self.resend_after < timedelta(0):
            raise ValueError("OTP validity must be positive and the resend pause not negative")
        if self.max_wrong_attempts < 1 or self.length < 4 or self.max_resends < 0 or self.salt_length < 8:
            raise ValueError("OTP policy out of range")


class OtpStatus(Enum):
    ACTIVE = "active"
    VERIFIED = "verified"  # used once; refuses everything after
    LOCKED = "locked"  # too many wrong codes; refuses everything after


class OtpError(DomainError):
    def __init__(self, message: str):
        super().__init__(message, "otp_code")


class OtpExpired(OtpError):
    pass


class OtpWrongCode(OtpError):
    def __init__(self, remaining_attempts: int):
        rest = "Le queda 1 intento" if remaining_attempts == 1 else f"Le quedan {remaining_attempts} intentos"
        super().__init__(f"El código de seguridad no es correcto. {rest}")
        self.remaining_attempts = remaining_attempts


class OtpLocked(OtpError):
    def __init__(self) -> None:
        super().__init__("Código bloqueado por demasiados intentos fallidos")


class OtpAlreadyUsed(OtpError):
    def __init__(self) -> None:
        super().__init__("El código de seguridad ya fue utilizado")


class OtpResendTooSoon(OtpError):
    def __init__(self, seconds: int):
        noun = "segundo" if seconds == 1 else "segundos"
        super().__init__(f"Podrá solicitar un nuevo código en {seconds} {noun}")
        self.seconds = seconds


class OtpResendsExhausted(OtpError):
    def __init__(self) -> None:
        super().__init__("Agotó los reenvíos del código de seguridad. Inicie de nuevo la consulta")


class OtpNotForThisSession(OtpError):
    def __init__(self) -> None:
        super().__init__("El código de seguridad no corresponde a esta consulta")


@dataclass
class OtpChallenge:
    """The code currently expected from one portal session for one document."""

    session_id: str
    document: IdentityDocument
    policy: OtpPolicy
    code_hash: SecretHash = field(repr=False)
    issued_at: datetime
    wrong_attempts: int = 0
    resends: int = 0
    status: OtpStatus = OtpStatus.ACTIVE

    @classmethod
    def issue(
        cls,
        session_id: str,
        document: IdentityDocument,
        ids: IdGenerator,
        now: datetime,
        policy: OtpPolicy | None = None,
    ) -> tuple[OtpChallenge, str]:
        """A new challenge and its clear code. Send the code, then forget it: only its hash is kept."""
        policy = policy or OtpPolicy()
        code_hash, code = _new_code(ids, policy)
        return cls(session_id, document, policy, code_hash, now), code

    @property
    def expires_at(self) -> datetime:
        return self.issued_at + self.policy.validity

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at

    def belongs_to(self, session_id: str, document: IdentityDocument) -> bool:
        return self.session_id == session_id and self.document == document

    def ensure_bound_to(self, session_id: str, document: IdentityDocument) -> None:
        if not self.belongs_to(session_id, document):
            raise OtpNotForThisSession()

    def seconds_until_resend(self, now: datetime) -> int:
        """Whole seconds (rounded up) before a new code may be asked for; 0 when it may be now."""
        remaining = self.issued_at + self.policy.resend_after - now
        if remaining <= timedelta(0):
            return 0
        return remaining // _SECOND + (1 if remaining % _SECOND else 0)

    def can_resend(self, now: datetime) -> bool:
        return (
            self.status is OtpStatus.ACTIVE
            and self.resends < self.policy.max_resends
            and self.seconds_until_resend(now) == 0
        )

    def resend(self, ids: IdGenerator, now: datetime) -> str:
        """Replace the code with a new one ("Enviar otro código de seguridad") and return it, clear, once."""
        self._ensure_usable()
        wait = self.seconds_until_resend(now)
        if wait:
            raise OtpResendTooSoon(wait)
        if self.resends >= self.policy.max_resends:
            raise OtpResendsExhausted()
        self.code_hash, code = _new_code(ids, self.policy)
        self.issued_at = now
        self.resends += 1
        return code

    def verify(self, code: str, now: datetime) -> None:
        """Accept the code once, in constant time; raise an OtpError saying why otherwise.

        Wrong codes count across resends: the limit protects the document, not one code.
        """
        self._ensure_usable()
        if self.is_expired(now):
            raise OtpExpired("El código de seguridad expiró. Solicite un nuevo código")
        if self.code_hash.matches(code.strip()):
            self.status = OtpStatus.VERIFIED
            return
        self.wrong_attempts += 1
        remaining = self.policy.max_wrong_attempts - self.wrong_attempts
        if remaining <= 0:
            self.status = OtpStatus.LOCKED
            raise OtpLocked()
        raise OtpWrongCode(remaining)

    def _ensure_usable(self) -> None:
        if self.status is OtpStatus.LOCKED:
            raise OtpLocked()
        if self.status is OtpStatus.VERIFIED:
            raise OtpAlreadyUsed()


def _new_code(ids: IdGenerator, policy: OtpPolicy) -> tuple[SecretHash, str]:
    code = ids.random_digits(policy.length)
    if len(code) != policy.length or not code.isascii() or not code.isdigit():
        raise ValueError("the id generator returned a malformed OTP code")
    salt = ids.random_digits(policy.salt_length)
    return SecretHash.of(code, salt), code
