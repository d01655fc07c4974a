"""Use case of the control API: create, replace or adjust a merchant of the simulated gateway."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from domain.shared.errors import DomainError
from domain.shared.identity import nit_is_valid
from domain.gateway.merchant import Merchant
from domain.gateway.return_url import normalised_return_url
from domain.shared.secrets import SecretHash
from ports.gateway_store import GatewayStore


@dataclass(frozen=True)
class MerchantSettings:
    merchant_id: int
    name: str
    nit: str
    start_password: str
    verify_user: str
    verify_password: str
    service_code: str
    route: str
    return_url: str
    compact_separators: bool = False
    enabled: bool = True
    support_phone: str = ""
    support_email: str = ""
    notification_url: str = ""
    token_notification_url: str = ""
    notification_password: str = ""


# An absolute http(s) URL of the merchant's server, without user info or whitespace (the simulator posts to it).
_NOTIFICATION_URL = re.compile(r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?(?:[/?][^\s]*)?", re.ASCII)
NOTIFICATION_URL_MAX = 300
NOTIFICATION_PASSWORD_MAX = 15  # §12: Password String(15)


def check_notification_url(url: str, field: str = "url_notificacion") -> str:
    """Empty (no notifications) or an absolute http(s) URL the gateway can post to."""
    if url and (len(url) > NOTIFICATION_URL_MAX or not _NOTIFICATION_URL.fullmatch(url)):
        raise DomainError(f"El campo {field} debe ser una URL http(s) absoluta del comercio "
                          f"(hasta {NOTIFICATION_URL_MAX} caracteres)", field)
    return url


def check_notification_password(password: str) -> str:
    if len(password) > NOTIFICATION_PASSWORD_MAX:
        raise DomainError(f"El campo clave_notificacion admite hasta {NOTIFICATION_PASSWORD_MAX} caracteres",
                          "clave_notificacion")
    return password


NOTIFICATION_CHECKS = {"notification_url": lambda v: check_notification_url(v),
                       "token_notification_url": lambda v: check_notification_url(v, "url_notificacion_token"),
                       "notification_password": check_notification_password}


def configure_merchant(settings: MerchantSettings, store: GatewayStore) -> Merchant:
    """Store the merchant with hashed passwords (a new salt each time) and its return URL as a browser
    reads it (refused when it would leave for another site than its own: domain/gateway/return_url.py)."""
    if not nit_is_valid(settings.nit):
        raise DomainError(f"El NIT {settings.nit} no es válido (dígito de verificación DIAN)", "nit")
    return_url = normalised_return_url(settings.return_url)
    check_notification_url(settings.notification_url)
    check_notification_url(settings.token_notification_url, "url_notificacion_token")
    check_notification_password(settings.notification_password)
    with store.transaction():
        salt = store.ids.random_digits(16)
        merchant = Merchant(
            id=settings.merchant_id, name=settings.name, nit=settings.nit,
            start_password=SecretHash.of(settings.start_password, salt), verify_user=settings.verify_user,
            verify_password=SecretHash.of(settings.verify_password, salt), service_code=settings.service_code,
            route=settings.route, return_url=return_url,
            compact_separators=settings.compact_separators, enabled=settings.enabled,
            support_phone=settings.support_phone, support_email=settings.support_email,
            notification_url=settings.notification_url, token_notification_url=settings.token_notification_url,
            notification_password=settings.notification_password,
        )
        store.merchants.add(merchant)
    return merchant


def adjust_merchant(merchant_id: int, store: GatewayStore, **changes: Any) -> Merchant:
    """Change non-secret settings (separators, enabled, return URL, route, name, support contacts, notification
    URLs and their shared password) of a merchant."""
    if "return_url" in changes:
        changes["return_url"] = normalised_return_url(changes["return_url"])
    for name, check in NOTIFICATION_CHECKS.items():
        if name in changes:
            check(changes[name])
    with store.transaction():
        merchant = store.merchants.get(merchant_id)
        if merchant is None:
            raise DomainError(f"No existe el comercio {merchant_id}", "id_comercio")
        merchant = replace(merchant, **changes)
        store.merchants.add(merchant)
    return merchant
