"""Steps 2–5 of the portal on fakes: who the associate is, and the security code."""
from __future__ import annotations

import pytest

from domain.shared.errors import DomainError, IllegalTransition
from domain.shared.otp import OtpLocked, OtpResendTooSoon, OtpWrongCode
from domain.recaudo.session import SessionState
from domain.recaudo.usecases import visit as steps
def test_a_known_document_greets_the_associate_by_full_name(portal):
    session = portal.identify()
    assert session.associate.greeting == "Bienvenido(a), NICK RIVERA CAMINERO"
    assert portal.sessions.get("s1").state is SessionState.IDENTIFIED


def test_an_unknown_document_is_refused_with_a_clear_message(portal):
    with pytest.raises(steps.UnknownAssociate, match="No encontramos un asociado"):
        portal.identify(number="99999999")
    assert portal.sessions.get("s1") is None


@pytest.mark.parametrize("kind, number, message", [
    ("", "1033370434", "Seleccione el tipo de documento"),
    ("XX", "1033370434", "Seleccione el tipo de documento"),
    ("CC", "", "obligatorio"),
    ("CC", "1.033.370.434", "entre 3 y 10 dígitos"),
    ("CC", "12", "entre 3 y 10 dígitos"),
])
def test_a_malformed_document_is_refused_before_looking_it_up(portal, kind, number, message):
    with pytest.raises(DomainError, match=message):
        portal.identify(kind=kind, number=number)


def test_an_entity_without_the_collection_service_refuses_its_associates(portal):
    with pytest.raises(DomainError, match="no tiene habilitado el servicio de recaudo"):
        portal.identify(number="80808080")


def test_the_code_goes_through_the_channel_and_only_its_hash_is_kept(portal):
    portal.identify()
    sent = portal.send_code()
    assert sent.destinations == ("******6048",)
    assert sent.resend_in_seconds == 30
    stored = portal.sessions.get("s1")
    assert stored.state is SessionState.OTP_SENT
    assert portal.channel.last_code not in repr(stored.otp) and portal.channel.last_code not in stored.otp.code_hash.digest


def test_an_associate_without_mobile_or_email_gets_no_code(portal):
    portal.identify(number="71717171")
    with pytest.raises(DomainError, match="No tiene un celular ni un correo registrado"):
        portal.send_code()
    assert portal.channel.codes == []


def test_a_failed_delivery_says_so_and_leaves_the_resend_open(portal, clock):
    portal.identify()
    portal.channel.fail = True
    with pytest.raises(DomainError, match="No fue posible enviar el código"):
        portal.send_code()
    portal.channel.fail = False
    clock.advance(30)
    steps.resend_security_code("s1", portal.sessions, portal.channel, portal.ids, clock, portal.policy)
    assert len(portal.channel.codes) == 1


def test_the_right_code_opens_the_products(portal):
    session = portal.verified()
    assert session.state is SessionState.OTP_VERIFIED
    offers = steps.products_to_choose("s1", portal.sessions, portal.clock)
    assert [o.product.masked_name for o in offers] == [
        "Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)",
        "Aportes Sociales(****8768)"]


def test_products_are_never_listed_before_the_code(portal):
    portal.identify()
    portal.send_code()
    with pytest.raises(DomainError, match="Ingrese el código de seguridad"):
        steps.products_to_choose("s1", portal.sessions, portal.clock)


def test_an_expired_code_is_refused_and_a_new_one_works(portal, clock):
    portal.identify()
    portal.send_code()
    old = portal.channel.last_code
    clock.advance(5 * 60)
    with pytest.raises(DomainError, match="expiró"):
        steps.check_security_code("s1", old, portal.sessions, clock)
    steps.resend_security_code("s1", portal.sessions, portal.channel, portal.ids, clock, portal.policy)
    assert steps.check_security_code("s1", portal.channel.last_code, portal.sessions, clock).state \
        is SessionState.OTP_VERIFIED


def test_otp_cannot_be_resent_within_30_seconds(portal, clock):
    portal.identify()
    portal.send_code()
    clock.advance(12)
    with pytest.raises(OtpResendTooSoon, match="Podrá solicitar un nuevo código en 18 segundos"):
        steps.resend_security_code("s1", portal.sessions, portal.channel, portal.ids, clock, portal.policy)
    assert steps.code_status("s1", portal.sessions, clock).resend_in_seconds == 18
    assert len(portal.channel.codes) == 1


def test_a_resent_code_replaces_the_old_one(portal, clock):
    portal.identify()
    portal.send_code()
    old = portal.channel.last_code
    clock.advance(31)
    steps.resend_security_code("s1", portal.sessions, portal.channel, portal.ids, clock, portal.policy)
    assert portal.channel.last_code != old
    with pytest.raises(OtpWrongCode):
        steps.check_security_code("s1", old, portal.sessions, clock)


def test_wrong_codes_are_counted_in_the_store_and_the_third_locks_the_session(portal):
    portal.identify()
    portal.send_code()
    for left in ("Le quedan 2 intentos", "Le queda 1 intento"):
        with pytest.raises(OtpWrongCode, match=left):
            steps.check_security_code("s1", "000000", portal.sessions, portal.clock)
    with pytest.raises(OtpLocked):
        steps.check_security_code("s1", "000000", portal.sessions, portal.clock)
    assert portal.sessions.get("s1").state is SessionState.LOCKED
    with pytest.raises(steps.SessionExpired):
        steps.check_security_code("s1", portal.channel.last_code, portal.sessions, portal.clock)


def test_closing_abandons_the_session(portal):
    portal.identify()
    portal.send_code()
    steps.close_session("s1", portal.sessions)
    assert portal.sessions.get("s1").state is SessionState.ABANDONED
    with pytest.raises(steps.SessionExpired):
        steps.check_security_code("s1", portal.channel.last_code, portal.sessions, portal.clock)
    steps.close_session("s1", portal.sessions)  # twice is harmless
    steps.close_session("nobody", portal.sessions)


def test_a_session_that_lingers_30_minutes_before_paying_starts_over(portal, clock):
    portal.verified()
    clock.advance(30 * 60)
    with pytest.raises(steps.SessionExpired):
        steps.products_to_choose("s1", portal.sessions, clock)


def test_the_code_cannot_be_asked_twice_without_resend(portal):
    portal.identify()
    portal.send_code()
    with pytest.raises(IllegalTransition):
        portal.send_code()
