"""CSRF tokens for the simulator's forms: an HMAC of the form's purpose and subject, with its issue time.

The secret lives in the database (`sim_secrets`), created on first use, so every worker process of
one database accepts the tokens of the others and a restart does not void open pages. A token
names its form and subject (a payment, a CUS, a nonce in a hidden field) and lasts 12 hours.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.world import World

TOKEN_LIFETIME_SECONDS = 12 * 3600


def form_secret(world: World) -> bytes:
    """The secret of the pages' forms, read once per process from the store."""
    secret = getattr(world, "form_secret", "")
    if not secret:
        with world.store.transaction():
            # 64 random digits (~212 bits): digits only, so no short number can be read out of it.
            secret = world.store.pse.page_secret(str(secrets.randbelow(10**64)).zfill(64))
        world.form_secret = secret
    return secret.encode()


def _mac(secret: bytes, form: str, subject: str, issued: int) -> str:
    message = f"{form}\x00{subject}\x00{issued}".encode("utf-8", "surrogatepass")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()[:40]


def csrf_token(world: World, request: Any, form: str, subject: str = "") -> str:
    """The hidden field's value for a form about `subject` (`<issued>.<hmac>`)."""
    issued = int(time.time())
    return f"{issued}.{_mac(form_secret(world), form, subject, issued)}"


def check_csrf(world: World, request: Any, form: str, subject: str, token: str) -> bool:
    """True when `token` was issued by this simulator for this form and subject, less than 12 h ago."""
    # ASCII only: hmac.compare_digest refuses (TypeError) a str with other characters
    if not isinstance(token, str) or not token.isascii() or token.count(".") != 1 or len(token) > 80:
        return False
    issued_text, mac = token.split(".")
    if not (issued_text.isascii() and issued_text.isdigit()):  # "²".isdigit(), but int("²") fails
        return False
    issued = int(issued_text)
    if not 0 <= time.time() - issued <= TOKEN_LIFETIME_SECONDS:
        return False
    return hmac.compare_digest(mac.encode(), _mac(form_secret(world), form, subject, issued).encode())


def new_nonce() -> str:
    """A subject for forms about nothing in particular (registration): a hidden field of its own."""
    return secrets.token_hex(12)
