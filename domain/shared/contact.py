"""Contact points: the mobile number and e-mail where an associate or payer is reached."""
from __future__ import annotations

import re

from domain.shared.errors import DomainError

# A Colombian mobile number: 10 digits starting with 3 (pse.md §8).
_MOBILE = re.compile(r"3\d{9}", re.ASCII)
# Deliberately simple: one @, no blanks, a dot in the domain, no empty labels. The real proof of an
# address is the OTP or the receipt that reaches it.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
EMAIL_MAX_LENGTH = 70  # the gateway's business limit for `email` (zonapagos-ws.md §4)


def mobile_is_valid(text: str) -> bool:
    """True for a Colombian mobile number: `^3\\d{9}$`."""
    return isinstance(text, str) and bool(_MOBILE.fullmatch(text))


def email_is_valid(text: str) -> bool:
    """True for something shaped like an e-mail address, at most 70 characters."""
    return isinstance(text, str) and len(text) <= EMAIL_MAX_LENGTH and bool(_EMAIL.fullmatch(text))


def validate_mobile(text: str, field: str = "mobile") -> str:
    """Return the mobile number without surrounding blanks, or raise DomainError naming `field`."""
    mobile = text.strip()
    if not mobile:
        raise DomainError("El número de celular es obligatorio", field)
    if not mobile_is_valid(mobile):
        raise DomainError("El número de celular debe tener 10 dígitos y empezar por 3", field)
    return mobile


def validate_email(text: str, field: str = "email") -> str:
    """Return the e-mail without surrounding blanks, or raise DomainError naming `field`."""
    email = text.strip()
    if not email:
        raise DomainError("El correo electrónico es obligatorio", field)
    if not email_is_valid(email):
        raise DomainError("El correo electrónico no es válido", field)
    return email


def mask_mobile(mobile: str) -> str:
    """`3107126048` → `******6048`: enough for the associate to recognise where the code went."""
    return "*" * max(len(mobile) - 4, 0) + mobile[-4:]


def mask_email(email: str) -> str:
    """`nick.rivera@example.com` → `n*********@example.com`."""
    local, _, domain = email.partition("@")
    if not local:
        return email
    return local[0] + "*" * (len(local) - 1) + "@" + domain
