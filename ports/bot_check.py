"""The bot check port: what a form asks to tell a person from a script, and whether a posted form answers it.

The recaudo portal's identification form and the Coopcentral Portal Transaccional's password page use it.
An implementation may ask nothing (tests), a small sum, or (in production) reCAPTCHA behind the same methods.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol


@dataclass(frozen=True)
class Challenge:
    question: str  # shown to the person: "¿Cuánto es 7 + 5?"
    token: str  # sent back unchanged in the form's hidden field `reto`


class BotCheck(Protocol):
    def challenge(self, visit: str) -> Challenge | None:
        """What the form of `visit` shows (None: nothing to solve)."""
        ...

    def accepts(self, visit: str, form: Mapping[str, object]) -> bool:
        """True when `form`, posted by `visit`, answers its challenge (always, when there is none).
        Never raises on what a browser may post."""
        ...
