"""The Portal Transaccional's bot check (step 6), pluggable: `off` (tests) or `challenge` (a small sum).

The setting is the simulated world's `PASARELA_BOT_CHECK` (also the recaudo portal's). The question's
answer travels signed in a hidden field with the visit and the issue time, so no server state is kept
and any worker process of the database can check it. A real portal would put reCAPTCHA behind the same
two methods.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Callable, Mapping, Protocol

LIFETIME_SECONDS = 15 * 60
REFUSED = "La respuesta de la verificación no es correcta. Resuelva de nuevo la operación"


@dataclass(frozen=True)
class Challenge:
    question: str  # "¿Cuánto es 7 + 5?"
    token: str  # hidden field `reto`


class BotCheck(Protocol):
    def challenge(self, visit: str) -> Challenge | None:
        """What the password page shows (None: nothing to solve)."""
        ...

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        """True when the form answers its challenge (always, when there is none)."""
        ...


class NoBotCheck:
    def challenge(self, visit: str) -> Challenge | None:
        return None

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        return True


class SumChallenge:
    def __init__(self, secret: Callable[[], bytes], now: Callable[[], float] = time.time):
        self._secret = secret
        self._now = now

    def _mac(self, visit: str, issued: str, answer: str) -> str:
        message = f"bot\x00{visit}\x00{issued}\x00{answer}".encode()
        return hmac.new(self._secret(), message, hashlib.sha256).hexdigest()[:32]

    def challenge(self, visit: str) -> Challenge:
        a, b = 2 + secrets.randbelow(8), 1 + secrets.randbelow(9)
        issued = str(int(self._now()))
        return Challenge(f"¿Cuánto es {a} + {b}?", f"{issued}.{self._mac(visit, issued, str(a + b))}")

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        token, answer = form.get("reto", ""), form.get("verificacion", "")
        if not isinstance(token, str) or not isinstance(answer, str) or token.count(".") != 1:
            return False
        answer = answer.strip()
        if not answer.isascii() or not (answer.isascii() and answer.isdigit()) or len(answer) > 3:
            return False
        issued, mac = token.split(".")
        if not (issued.isascii() and issued.isdigit()) or not 0 <= self._now() - int(issued) <= LIFETIME_SECONDS:
            return False
        return hmac.compare_digest(mac, self._mac(visit, issued, str(int(answer))))


def bot_check(mode: str, secret: Callable[[], bytes]) -> BotCheck:
    return NoBotCheck() if mode == "off" else SumChallenge(secret)
