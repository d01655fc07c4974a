"""The identification form's bot check (step 3), pluggable: `off` (tests), `challenge` (a small sum).

Production would use reCAPTCHA behind the same two methods. The challenge carries its answer signed in
a hidden field, so no server state is needed and any process of one database can check it.
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Mapping, Protocol

from adapters.portal.signing import FormSigner

CHALLENGE_LIFETIME_SECONDS = 30 * 60
REFUSED = "La respuesta de verificación no es correcta. Resuelva de nuevo la operación"


@dataclass(frozen=True)
class Challenge:
    question: str  # "¿Cuánto es 7 + 5?"
    token: str  # hidden field `reto`


class BotCheck(Protocol):
    def challenge(self, visit: str) -> Challenge | None:
        """What the form shows (None: nothing)."""
        ...

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        ...


class NoBotCheck:
    def challenge(self, visit: str) -> Challenge | None:
        return None

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        return True


class ArithmeticChallenge:
    def __init__(self, signer: FormSigner, now=time.time):
        self._signer = signer
        self._now = now

    def challenge(self, visit: str) -> Challenge:
        a, b = 2 + secrets.randbelow(8), 1 + secrets.randbelow(9)
        issued = str(int(self._now()))
        return Challenge(f"¿Cuánto es {a} + {b}?", f"{issued}.{self._signer.sign('bot', visit, issued, str(a + b))}")

    def passed(self, visit: str, form: Mapping[str, str]) -> bool:
        token, answer = form.get("reto", ""), form.get("verificacion", "").strip()
        if not isinstance(token, str) or token.count(".") != 1 or not (answer.isascii() and answer.isdigit()) or len(answer) > 3:
            return False
        issued, mac = token.split(".")
        if not (issued.isascii() and issued.isdigit()) or not 0 <= self._now() - int(issued) <= CHALLENGE_LIFETIME_SECONDS:
            return False
        return secrets.compare_digest(mac, self._signer.sign("bot", visit, issued, str(int(answer))))


def bot_check(mode: str, signer: FormSigner) -> BotCheck:
    return NoBotCheck() if mode == "off" else ArithmeticChallenge(signer)
