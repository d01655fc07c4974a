"""The portal's signed form values: CSRF tokens bound to the visit, and the bot check's small sum."""
from __future__ import annotations

import re

from adapters.portal.bot_check import ArithmeticChallenge, NoBotCheck, bot_check
from adapters.portal.signing import FormSigner


class Now:
    def __init__(self, at: float = 1_800_000_000.0):
        self.at = at

    def __call__(self) -> float:
        return self.at


def test_a_csrf_token_is_valid_only_for_its_visit_and_form_for_four_hours():
    now = Now()
    signer = FormSigner(b"k" * 32, now)
    token = signer.token("recaudo", "visit-a")
    assert signer.check("recaudo", "visit-a", token)
    assert not signer.check("recaudo", "visit-b", token)
    assert not signer.check("otro", "visit-a", token)
    assert not signer.check("recaudo", "", token)
    assert not FormSigner(b"x" * 32, now).check("recaudo", "visit-a", token)
    for forged in ("", "1.2.3", "abc.def", token[:-1] + ("0" if token[-1] != "0" else "1"), "9" * 90):
        assert not signer.check("recaudo", "visit-a", forged)
    now.at += 4 * 3600 + 1
    assert not signer.check("recaudo", "visit-a", token)


def test_the_arithmetic_challenge_passes_only_the_right_sum_for_its_visit():
    now = Now()
    check = ArithmeticChallenge(FormSigner(b"k" * 32, now), now)
    challenge = check.challenge("visit-a")
    a, b = map(int, re.fullmatch(r"¿Cuánto es (\d+) \+ (\d+)\?", challenge.question).groups())
    right = {"reto": challenge.token, "verificacion": str(a + b)}
    assert check.passed("visit-a", right)
    assert check.passed("visit-a", {**right, "verificacion": f" 0{a + b} "})
    assert not check.passed("visit-b", right)
    assert not check.passed("visit-a", {**right, "verificacion": str(a + b + 1)})
    assert not check.passed("visit-a", {**right, "verificacion": "uno"})
    assert not check.passed("visit-a", {"verificacion": str(a + b)})
    now.at += 31 * 60
    assert not check.passed("visit-a", right)


def test_the_bot_check_is_chosen_by_setting():
    signer = FormSigner(b"k" * 32)
    assert isinstance(bot_check("off", signer), NoBotCheck)
    assert NoBotCheck().passed("v", {}) and NoBotCheck().challenge("v") is None
    assert isinstance(bot_check("challenge", signer), ArithmeticChallenge)
