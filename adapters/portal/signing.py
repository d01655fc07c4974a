"""Signed form values of the portal: CSRF tokens bound to the visit.

A token is `<issued>.<hmac>` over the form's name, the visit id and the issue time; it lasts a few hours.
The secret is stored once in the database, so every process of one database accepts the others' tokens.
"""
from __future__ import annotations

import hashlib
import hmac
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

TOKEN_LIFETIME_SECONDS = 4 * 3600


class FormSigner:
    def __init__(self, secret: bytes, now: Callable[[], float] = time.time):
        self._secret = secret
        self._now = now

    def _mac(self, *parts: str) -> str:
        message = "\x00".join(parts).encode("utf-8", "surrogatepass")
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:40]

    def token(self, form: str, visit: str) -> str:
        issued = str(int(self._now()))
        return f"{issued}.{self._mac(form, visit, issued)}"

    def check(self, form: str, visit: str, token: str, lifetime: float = TOKEN_LIFETIME_SECONDS) -> bool:
        # ASCII only: hmac.compare_digest refuses (TypeError) a str with other characters
        if not visit or not isinstance(token, str) or not token.isascii() or token.count(".") != 1 \
                or len(token) > 80:
            return False
        issued, mac = token.split(".")
        if not (issued.isascii() and issued.isdigit()) or not 0 <= self._now() - int(issued) <= lifetime:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(form, visit, issued).encode())
