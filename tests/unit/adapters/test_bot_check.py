"""The one bot check of the recaudo portal and the Coopcentral password page: a signed small sum, or nothing."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, strategies as st

from adapters.bot_check import NoBotCheck, SumChallenge, bot_check
from adapters.portal.app import BOT_CHECK_LIFETIME_SECONDS as PORTAL_LIFETIME, BOT_CHECK_PURPOSE as PORTAL_PURPOSE
from simulator.coopcentral.pages import BOT_CHECK_LIFETIME_SECONDS as NETWORK_LIFETIME
from simulator.coopcentral.pages import BOT_CHECK_PURPOSE as NETWORK_PURPOSE

SECRET = b"k" * 32
LIFETIME = 15 * 60


class Now:
    def __init__(self, at: float = 1_800_000_000.0):
        self.at = at

    def __call__(self) -> float:
        return self.at


def solved(check: SumChallenge, visit: str = "visita-a") -> dict[str, str]:
    challenge = check.challenge(visit)
    a, b = map(int, re.fullmatch(r"¿Cuánto es (\d) \+ (\d)\?", challenge.question).groups())
    return {"reto": challenge.token, "verificacion": str(a + b)}


def sum_check(now: Now | None = None, purpose: str = "formulario", secret: bytes = SECRET) -> SumChallenge:
    return SumChallenge(lambda: secret, LIFETIME, purpose, now or Now())


def test_the_right_sum_passes_with_spaces_and_leading_zeros():
    check = sum_check()
    right = solved(check)
    assert check.accepts("visita-a", right)
    assert check.accepts("visita-a", {**right, "verificacion": f" 0{right['verificacion']} "})


def test_a_wrong_sum_or_a_missing_field_is_refused():
    check = sum_check()
    right = solved(check)
    assert not check.accepts("visita-a", {**right, "verificacion": str(int(right["verificacion"]) + 1)})
    assert not check.accepts("visita-a", {"verificacion": right["verificacion"]})
    assert not check.accepts("visita-a", {"reto": right["reto"]})
    assert not check.accepts("visita-a", {})


def test_the_token_lasts_its_lifetime_and_no_second_more():
    now = Now()
    check = sum_check(now)
    right = solved(check)
    now.at += LIFETIME
    assert check.accepts("visita-a", right)
    now.at += 1
    assert not check.accepts("visita-a", right)
    now.at -= LIFETIME + 2  # issued "in the future" (a clock moved back)
    assert not check.accepts("visita-a", right)


def test_a_token_passes_only_for_its_visit_its_purpose_and_its_secret():
    check = sum_check(purpose="recaudo")
    right = solved(check, "visita-a")
    assert not check.accepts("visita-b", right)
    assert not check.accepts("", right)
    assert not sum_check(purpose="coopcentral").accepts("visita-a", right)
    assert not sum_check(purpose="recaudo", secret=b"x" * 32).accepts("visita-a", right)


def test_the_portal_and_the_network_do_not_accept_each_others_tokens():
    assert PORTAL_PURPOSE != NETWORK_PURPOSE
    assert (PORTAL_LIFETIME, NETWORK_LIFETIME) == (30 * 60, 15 * 60)
    portal = SumChallenge(lambda: SECRET, PORTAL_LIFETIME, PORTAL_PURPOSE)
    network = SumChallenge(lambda: SECRET, NETWORK_LIFETIME, NETWORK_PURPOSE)
    assert portal.accepts("visita", solved(portal, "visita"))
    assert not network.accepts("visita", solved(portal, "visita"))
    assert not portal.accepts("visita", solved(network, "visita"))


@pytest.mark.parametrize("answer", [
    None, 12, ["12"], b"12", "", "   ", "diez", "1 2", "-5", "+5", "1.0", "²", "١٢", "１２", "0012", "9" * 5000,
])
def test_an_answer_that_is_not_up_to_three_ascii_digits_is_refused(answer):
    check = sum_check()
    right = solved(check)
    assert not check.accepts("visita-a", {**right, "verificacion": answer})


def test_a_malformed_token_is_refused():
    check = sum_check()
    right = solved(check)
    issued, mac = right["reto"].split(".")
    forged = [
        None, 7, b"x.y", "", ".", issued, mac, f"{issued}.{mac}.", f"{issued}..{mac}", f".{mac}", f"{issued}.",
        f"x{issued}.{mac}", f"²{issued[1:]}.{mac}", f"{issued}.{mac[:-1]}é", f"{issued}.{mac[:-1]}",
        f"{'9' * 5000}.{mac}", f"{issued}.{mac}{'0' * 40}", f"-{issued}.{mac}", f" {issued}.{mac}",
    ]
    for token in forged:
        assert not check.accepts("visita-a", {**right, "reto": token}), token


@given(token=st.text(max_size=100), answer=st.text(max_size=8), visit=st.text(max_size=20))
def test_whatever_is_posted_is_answered_without_raising(token, answer, visit):
    assert sum_check().accepts(visit, {"reto": token, "verificacion": answer}) in (True, False)


def test_off_asks_nothing_and_accepts_every_form():
    off = bot_check("off", lambda: SECRET, LIFETIME, "formulario")
    assert isinstance(off, NoBotCheck)
    assert off.challenge("visita") is None
    assert off.accepts("visita", {}) and off.accepts("", {"verificacion": "diez"})


def test_the_mode_chooses_the_check_and_a_bad_configuration_is_refused_at_start():
    assert isinstance(bot_check("challenge", lambda: SECRET, LIFETIME, "formulario"), SumChallenge)
    with pytest.raises(ValueError):
        bot_check("captcha", lambda: SECRET, LIFETIME, "formulario")
    for lifetime, purpose in ((LIFETIME, ""), (LIFETIME, "a\x00b"), (0, "formulario")):
        with pytest.raises(ValueError):
            SumChallenge(lambda: SECRET, lifetime, purpose)


def test_the_secret_is_read_when_needed_not_at_construction():
    reads: list[int] = []

    def secret() -> bytes:
        reads.append(1)
        return SECRET

    check = SumChallenge(secret, LIFETIME, "formulario")
    assert reads == []
    assert check.accepts("visita-a", solved(check)) and reads
