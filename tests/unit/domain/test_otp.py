from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.otp import (
    OtpAlreadyUsed,
    OtpChallenge,
    OtpExpired,
    OtpLocked,
    OtpPolicy,
    OtpResendsExhausted,
    OtpResendTooSoon,
    OtpStatus,
    OtpWrongCode,
)

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
DOC = IdentityDocument(DocumentType.CC, "1033370434")


def seconds(n: float) -> datetime:
    return T0 + timedelta(seconds=n)


@pytest.fixture
def issued(make_ids):
    ids = make_ids(["123456"])
    challenge, code = OtpChallenge.issue("session-1", DOC, ids, T0)
    return challenge, code, ids


def test_the_policy_defaults_are_5_minutes_30_seconds_3_attempts_and_6_digits():
    policy = OtpPolicy()
    assert (policy.validity, policy.resend_after, policy.max_wrong_attempts, policy.length) == (
        timedelta(minutes=5), timedelta(seconds=30), 3, 6,
    )


@pytest.mark.parametrize("change", [
    {"validity": timedelta(0)}, {"resend_after": timedelta(seconds=-1)}, {"max_wrong_attempts": 0},
    {"length": 3}, {"max_resends": -1}, {"salt_length": 4},
])
def test_a_policy_out_of_range_is_refused(change):
    with pytest.raises(ValueError):
        OtpPolicy(**change)


def test_issuing_returns_the_clear_code_once_and_keeps_only_its_hash(issued):
    challenge, code, _ = issued
    assert code == "123456"
    assert code not in repr(challenge)
    assert all(code not in str(value) for value in vars(challenge).values())
    assert challenge.code_hash.matches("123456")
    assert challenge.code_hash.salt.isdigit() and len(challenge.code_hash.salt) == 16


def test_the_code_comes_from_the_id_generator_with_the_policy_length(make_ids):
    _, code = OtpChallenge.issue("s", DOC, make_ids(), T0, OtpPolicy(length=8))
    assert len(code) == 8 and code.isdigit()


def test_a_malformed_code_from_the_id_generator_is_a_programming_error():
    class BrokenIds:
        def random_digits(self, length):
            return "12ab"

    with pytest.raises(ValueError):
        OtpChallenge.issue("s", DOC, BrokenIds(), T0)


def test_the_right_code_is_accepted_once(issued):
    challenge, code, _ = issued
    challenge.verify(code, seconds(10))
    assert challenge.status is OtpStatus.VERIFIED
    with pytest.raises(OtpAlreadyUsed, match="ya fue utilizado"):
        challenge.verify(code, seconds(11))


def test_blanks_around_the_typed_code_are_ignored(issued):
    challenge, code, _ = issued
    challenge.verify(f" {code} ", seconds(1))
    assert challenge.status is OtpStatus.VERIFIED


def test_a_code_expires_five_minutes_after_it_was_issued(issued):
    challenge, code, _ = issued
    assert challenge.expires_at == T0 + timedelta(minutes=5)
    with pytest.raises(OtpExpired, match="El código de seguridad expiró") as refused:
        challenge.verify(code, T0 + timedelta(minutes=5))
    assert refused.value.field == "otp_code"
    assert challenge.wrong_attempts == 0


def test_a_code_is_still_good_just_before_five_minutes(issued):
    challenge, code, _ = issued
    challenge.verify(code, T0 + timedelta(minutes=5) - timedelta(microseconds=1))


def test_wrong_codes_say_how_many_attempts_remain(issued):
    challenge, _, _ = issued
    with pytest.raises(OtpWrongCode, match="Le quedan 2 intentos"):
        challenge.verify("000000", seconds(1))
    with pytest.raises(OtpWrongCode, match="Le queda 1 intento$"):
        challenge.verify("000000", seconds(2))
    assert challenge.wrong_attempts == 2


def test_the_otp_is_locked_after_three_wrong_codes(issued):
    challenge, code, ids = issued
    for n in range(2):
        with pytest.raises(OtpWrongCode):
            challenge.verify("000000", seconds(n))
    with pytest.raises(OtpLocked, match="Código bloqueado por demasiados intentos fallidos"):
        challenge.verify("000000", seconds(3))
    assert challenge.status is OtpStatus.LOCKED


def test_a_locked_otp_refuses_even_the_right_code_and_any_resend(issued):
    challenge, code, ids = issued
    for n in range(3):
        with pytest.raises(DomainError):
            challenge.verify("999999", seconds(n))
    with pytest.raises(OtpLocked):
        challenge.verify(code, seconds(5))
    with pytest.raises(OtpLocked):
        challenge.resend(ids, seconds(60))
    assert not challenge.can_resend(seconds(60))


def test_otp_cannot_be_resent_within_30_seconds(issued):
    challenge, _, ids = issued
    assert not challenge.can_resend(seconds(0))
    with pytest.raises(OtpResendTooSoon, match="Podrá solicitar un nuevo código en 30 segundos"):
        challenge.resend(ids, seconds(0))
    with pytest.raises(OtpResendTooSoon, match="en 20 segundos"):
        challenge.resend(ids, seconds(10))
    with pytest.raises(OtpResendTooSoon, match="en 1 segundo$"):
        challenge.resend(ids, seconds(29.5))


def test_seconds_until_resend_round_up_and_reach_zero_at_30_seconds(issued):
    challenge, _, _ = issued
    assert [challenge.seconds_until_resend(seconds(s)) for s in (0, 0.1, 29, 29.999, 30, 31)] == [30, 30, 1, 1, 0, 0]
    assert challenge.can_resend(seconds(30))


def test_a_resent_code_replaces_the_old_one(issued, make_ids):
    challenge, old_code, _ = issued
    new_code = challenge.resend(make_ids(["654321"]), seconds(30))
    assert new_code == "654321"
    with pytest.raises(OtpWrongCode):
        challenge.verify(old_code, seconds(31))
    challenge.verify(new_code, seconds(32))
    assert challenge.status is OtpStatus.VERIFIED


def test_a_resend_restarts_both_the_validity_and_the_resend_pause(issued):
    challenge, _, ids = issued
    code = challenge.resend(ids, seconds(200))
    assert challenge.issued_at == seconds(200)
    assert challenge.seconds_until_resend(seconds(210)) == 20
    challenge.verify(code, seconds(200 + 299))


def test_an_expired_code_may_be_replaced(issued):
    challenge, _, ids = issued
    code = challenge.resend(ids, T0 + timedelta(minutes=10))
    challenge.verify(code, T0 + timedelta(minutes=11))


def test_wrong_attempts_count_across_resends(issued):
    challenge, _, ids = issued
    for n in range(2):
        with pytest.raises(OtpWrongCode):
            challenge.verify("000000", seconds(n))
    challenge.resend(ids, seconds(30))
    with pytest.raises(OtpLocked):
        challenge.verify("000000", seconds(31))


def test_resends_are_capped_by_policy(make_ids):
    ids = make_ids()
    challenge, _ = OtpChallenge.issue("s", DOC, ids, T0, OtpPolicy(max_resends=2))
    challenge.resend(ids, seconds(30))
    challenge.resend(ids, seconds(60))
    assert not challenge.can_resend(seconds(90))
    with pytest.raises(OtpResendsExhausted, match="Agotó los reenvíos"):
        challenge.resend(ids, seconds(90))


def test_a_used_code_cannot_be_resent(issued):
    challenge, code, ids = issued
    challenge.verify(code, seconds(1))
    with pytest.raises(OtpAlreadyUsed):
        challenge.resend(ids, seconds(60))


def test_a_challenge_is_bound_to_its_session_and_document(issued):
    challenge, _, _ = issued
    assert challenge.belongs_to("session-1", DOC)
    assert not challenge.belongs_to("session-2", DOC)
    assert not challenge.belongs_to("session-1", IdentityDocument(DocumentType.CC, "79000001"))
    with pytest.raises(DomainError, match="no corresponde"):
        challenge.ensure_bound_to("session-2", DOC)


def test_the_code_is_compared_in_constant_time(issued, monkeypatch):
    import domain.shared.secrets

    calls = []
    real = domain.shared.secrets.hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(domain.shared.secrets.hmac, "compare_digest", spy)
    challenge, code, _ = issued
    challenge.verify(code, seconds(1))
    assert len(calls) == 1


actions = st.lists(
    st.tuples(st.integers(min_value=0, max_value=200), st.sampled_from(["right", "wrong", "resend"])),
    max_size=15,
)


@settings(max_examples=200, deadline=None)
@given(actions)
def test_random_use_never_breaks_the_otp_rules(make_ids, steps):
    ids = make_ids()
    challenge, code = OtpChallenge.issue("s", DOC, ids, T0)
    now, verified = T0, 0
    for advance, action in steps:
        now += timedelta(seconds=advance)
        before = challenge.status
        try:
            if action == "right":
                challenge.verify(code, now)
                verified += 1
            elif action == "wrong":
                challenge.verify("x", now)
            else:
                code = challenge.resend(ids, now)
        except DomainError:
            pass
        if before is not OtpStatus.ACTIVE:
            assert challenge.status is before  # locked and used challenges stay as they are
        assert challenge.wrong_attempts <= OtpPolicy().max_wrong_attempts
        assert (challenge.status is OtpStatus.LOCKED) == (challenge.wrong_attempts == OtpPolicy().max_wrong_attempts)
        assert challenge.resends <= OtpPolicy().max_resends
    assert verified <= 1
    assert (verified == 1) == (challenge.status is OtpStatus.VERIFIED)
