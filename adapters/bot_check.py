"""The bot check (ports.bot_check): `off` (tests) or `challenge`, a small sum "¿Cuánto es a + b?".

The answer travels signed in the hidden field `reto` as `<issued>.<hmac>` over the purpose, the visit, the
issue time and the sum, so no server state is kept and every process sharing the secret can check it. The
purpose (one per form, e.g. "recaudo-identificacion") keeps a token of one form from passing on another.
The person's answer comes in `verificacion`: up to 3 ASCII digits, spaces and leading zeros allowed.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Callable, Mapping

from ports.bot_check import BotCheck, Challenge

TOKEN_FIELD = "reto"
ANSWER_FIELD = "verificacion"
MAX_TOKEN_LENGTH = 80
MAX_ANSWER_DIGITS = 3


class NoBotCheck:
    def challenge(self, visit: str) -> Challenge | None:
        return None

    def accepts(self, visit: str, form: Mapping[str, object]) -> bool:
        return True


class SumChallenge:
    def __init__(self, secret: Callable[[], bytes], lifetime_seconds: float, purpose: str,
                 now: Callable[[], float] = time.time):
        if not purpose or "\x00" in purpose or lifetime_seconds <= 0:
            raise ValueError("a bot check needs a purpose without NUL and a positive lifetime")
        self._secret = secret
        self._lifetime = lifetime_seconds
        self._purpose = purpose
        self._now = now

    def _mac(self, visit: str, issued: str, answer: str) -> str:
        message = "\x00".join((self._purpose, visit, issued, answer)).encode("utf-8", "surrogatepass")
        return hmac.new(self._secret(), message, hashlib.sha256).hexdigest()[:40]

    def challenge(self, visit: str) -> Challenge:
        a, b = 2 + secrets.randbelow(8), 1 + secrets.randbelow(9)
        issued = str(int(self._now()))
        return Challenge(f"¿Cuánto es {a} + {b}?", f"{issued}.{self._mac(visit, issued, str(a + b))}")

    def accepts(self, visit: str, form: Mapping[str, object]) -> bool:
        token, answer = form.get(TOKEN_FIELD, ""), form.get(ANSWER_FIELD, "")
        if not (isinstance(visit, str) and visit and isinstance(token, str) and isinstance(answer, str)):
            return False
        if len(token) > MAX_TOKEN_LENGTH or not token.isascii() or token.count(".") != 1:
            return False
        answer = answer.strip()
        # "²".isdigit() but int("²") fails: ASCII digits only
        if not (answer.isascii() and answer.isdigit()) or len(answer) > MAX_ANSWER_DIGITS:
            return False
        issued, mac = token.split(".")
        if not (issued.isascii() and issued.isdigit()) or not 0 <= self._now() - int(issued) <= self._lifetime:
            return False
        return hmac.compare_digest(mac, self._mac(visit, issued, str(int(answer))))


def bot_check(mode: str, secret: Callable[[], bytes], lifetime_seconds: float, purpose: str) -> BotCheck:
    """The setting's bot check (`PASARELA_BOT_CHECK`): `off` or `challenge`."""
    if mode == "off":
        return NoBotCheck()
    if mode == "challenge":
        return SumChallenge(secret, lifetime_seconds, purpose)
    raise ValueError(f"unknown bot check mode {mode!r} (off | challenge)")
