"""A visit to the Red Coopcentral moves forward one step at a time (pse-coopcentral.md steps 4–10)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.network.account import DeclineReason
from domain.network.member import Membership, NetworkAssociate, NetworkEntity
from domain.network.payment import CancelCause, NetworkVisit, VisitStep, WrongStep
from domain.shared.otp import OtpChallenge, OtpPolicy
from domain.shared.secrets import SecretHash

NICK = IdentityDocument(DocumentType.CC, "1033370434")
AT = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


class Ids:
    def random_digits(self, n):
        return "1" * n


def visit() -> NetworkVisit:
    return NetworkVisit("v1", "1468001", NICK, "127.0.0.1", AT)


def logged_in() -> NetworkVisit:
    v = visit()
    v.choose_entity("alianza", ["alianza", "cfa"])
    v.give_user(" nrivera ")
    v.logged_in(None, "")
    return v


def test_the_visit_walks_document_entity_user_password_account_code_paid():
    v = logged_in()
    assert v.step is VisitStep.AUTHENTICATED and v.portal_user == "nrivera"
    challenge, _ = OtpChallenge.issue(v.id, NICK, Ids(), AT, OtpPolicy())
    v.code_sent("4010015566", challenge)
    assert v.step is VisitStep.CODE_SENT
    v.paid("52031000", AT)
    assert v.step is VisitStep.PAID and v.step.is_final


def test_only_a_listed_entity_may_be_chosen():
    with pytest.raises(DomainError, match="Seleccione una de las entidades"):
        visit().choose_entity("coopcentral", ["alianza"])


def test_pages_out_of_order_are_refused():
    with pytest.raises(WrongStep):
        visit().give_user("nrivera")
    with pytest.raises(WrongStep):
        logged_in().paid("1", AT)


def test_a_blank_or_overlong_user_is_explained():
    v = visit()
    v.choose_entity("alianza", ["alianza"])
    for bad in ("  ", "x" * 31):
        with pytest.raises(DomainError):
            v.give_user(bad)


def test_the_third_wrong_login_cancels_the_visit():
    v = visit()
    v.choose_entity("alianza", ["alianza"])
    v.give_user("nrivera")
    assert not v.login_failed() and not v.login_failed()
    assert v.login_attempts_left == 1
    assert v.login_failed() and v.step is VisitStep.CANCELLED and v.cancel_cause is CancelCause.LOGIN_LOCKED


def test_a_declined_account_cannot_get_a_code_but_another_can():
    v = logged_in()
    v.decline("4010023344", DeclineReason.INSUFFICIENT_FUNDS)
    challenge, _ = OtpChallenge.issue(v.id, NICK, Ids(), AT, OtpPolicy())
    with pytest.raises(DomainError, match="ya fue rechazada"):
        v.code_sent("4010023344", challenge)
    v.code_sent("4010015566", challenge)
    assert v.account_number == "4010015566"


def test_once_a_code_is_sent_the_account_is_fixed():
    v = logged_in()
    challenge, _ = OtpChallenge.issue(v.id, NICK, Ids(), AT, OtpPolicy())
    v.code_sent("4010015566", challenge)
    with pytest.raises(WrongStep):
        v.code_sent("4020019901", challenge)


def test_a_paid_visit_cannot_be_cancelled_and_cancelling_twice_keeps_the_first_cause():
    v = logged_in()
    v.cancel(CancelCause.PAYER_CANCELLED)
    v.cancel(CancelCause.CODE_LOCKED)
    assert v.cancel_cause is CancelCause.PAYER_CANCELLED
    paid = logged_in()
    paid.code_sent("4010015566", OtpChallenge.issue(paid.id, NICK, Ids(), AT, OtpPolicy())[0])
    paid.paid("1", AT)
    with pytest.raises(DomainError, match="ya fue realizado"):
        paid.cancel(CancelCause.PAYER_CANCELLED)


def test_memberships_compare_the_user_without_case_and_the_password_exactly():
    m = Membership("alianza", NICK, "nrivera", SecretHash.of("clave-red", "0123456789012345"))
    assert m.accepts(" NRivera ", "clave-red")
    assert not m.accepts("nrivera", "Clave-red") and not m.accepts("otro", "clave-red")


def test_entities_need_a_nit_with_its_check_digit_and_associates_get_the_code_by_email_and_sms():
    assert NetworkEntity("coopcentral", "Banco Cooperativo Coopcentral", "890203088-9").nit == "890203088-9"
    with pytest.raises(DomainError):
        NetworkEntity("x", "Mala", "890203088-1")
    nick = NetworkAssociate(NICK, "NICK RIVERA CAMINERO", "3107126048", "nick.rivera@example.com")
    assert nick.otp_destinations == [("email", "nick.rivera@example.com"), ("sms", "3107126048")]
    assert nick.masked_destinations == "n**********@example.com y ******6048"
