"""Steps 9 and 15 and the sonda on fakes: starting once, the return page, crediting once, polling."""
from __future__ import annotations

from datetime import timedelta

import pytest

from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState
from domain.recaudo.session import SessionState
from domain.recaudo.sonda import StopReason
from domain.recaudo.usecases import visit as steps
from domain.recaudo.usecases.payment import (
    PaymentBlocked, StartUncertain, payment_result, start_transaction,
)
from domain.recaudo.usecases.sonda import run_sonda
from tests.unit.recaudo.conftest import CREDIT, SAVINGS
from tests.unit.recaudo.fakes import GatewayRejected, GatewayUnreachable

NICK = ("CC", "1033370434")


async def start(portal, session_id="s1", description="Cuota de noviembre", terms=True):
    return await start_transaction(session_id, description, terms, portal.sessions, portal.payments, portal.gateway,
                                   portal.core, portal.clock, portal.contacts)


async def result(portal, id_pago="10000025"):
    return await payment_result(id_pago, "1001", 1001, portal.payments, portal.sessions, portal.gateway,
                                portal.core, portal.clock, portal.contacts)


def balances(portal, key):
    associate = portal.core.find_associate(portal.sessions.get("s1").associate.document)
    return portal.core.balances(associate.document, key)


async def test_starting_sends_payer_amounts_description_and_the_reference(portal):
    portal.ready_to_start()
    payment = await start(portal)
    request = portal.gateway.started[0]
    assert request.reference == "10000025" and request.total == Money.of("51800") and request.vat == Money.zero()
    assert request.description == "Cuota de noviembre"
    assert (request.payer.document_number, request.payer.document_type, request.payer.first_names,
            request.payer.last_names, request.payer.phone, request.payer.email) == (
        "1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick.rivera@example.com")
    assert request.optional_fields[0] == "Referencia 10000025"
    assert payment.payment_url.endswith("identificador=42750001")
    assert portal.sessions.get("s1").state is SessionState.PAYMENT_STARTED


async def test_description_and_terms_are_mandatory(portal):
    portal.ready_to_start()
    with pytest.raises(DomainError, match="descripción del pago es obligatoria"):
        await start(portal, description="  ")
    with pytest.raises(DomainError, match="términos y condiciones"):
        await start(portal, terms=False)
    assert portal.gateway.started == []


async def test_a_second_click_gets_the_same_payment_never_a_second_one(portal):
    portal.ready_to_start()
    first = await start(portal)
    second = await start(portal)
    assert second.payment_url == first.payment_url
    assert len(portal.gateway.started) == 1


async def test_a_start_the_gateway_refuses_can_be_tried_again(portal):
    portal.ready_to_start()
    portal.gateway.start_error = GatewayRejected("Error en la pasarela: prueba")
    with pytest.raises(DomainError, match="no aceptó la transacción: Error en la pasarela"):
        await start(portal)
    assert portal.payments.get("10000025") is None
    portal.gateway.start_error = None
    payment = await start(portal)
    assert payment.started and len(portal.gateway.started) == 1


async def test_a_lost_start_is_settled_by_the_sonda_never_by_starting_again(portal, clock):
    portal.ready_to_start()
    portal.gateway.lost_start = True
    with pytest.raises(StartUncertain, match="no intente pagar de nuevo"):
        await start(portal)
    with pytest.raises(StartUncertain):
        await start(portal)
    assert len(portal.gateway.started) == 1
    clock.advance(7 * 60)
    await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    payment = portal.payments.get("10000025")
    assert payment.started and payment.state is PaymentState.PENDING_START


async def test_an_approved_payment_credits_each_product_once(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.APPROVED
    shown = await result(portal)
    assert shown.payment.is_approved and shown.payment.cus == "1468001"
    assert shown.payment.bank_name == "BANCO UNION COLOMBIANO" and shown.notice == ""
    credit = balances(portal, CREDIT)
    assert (credit.full_due, credit.minimum_due) == (Money.of("1498200"), Money.zero())
    assert balances(portal, SAVINGS).balance == Money.of("50000")
    await result(portal, "10000025")  # a second visit, and the sonda, credit nothing more
    await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, portal.clock)
    assert balances(portal, SAVINGS).balance == Money.of("50000")
    assert len(portal.core.ledger) == 2
    assert portal.sessions.get("s1").state is SessionState.FINAL


async def test_a_rejected_payment_credits_nothing(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.REJECTED
    shown = await result(portal)
    assert shown.payment.state is PaymentState.REJECTED
    assert portal.core.ledger == {}
    assert balances(portal, SAVINGS).balance == Money.zero()


async def test_pending_at_the_bank_shows_achs_fixed_text_with_the_cus(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.PENDING_FINISH
    shown = await result(portal)
    assert shown.notice.startswith("En este momento su #10000025 presenta un proceso de pago cuya transacción se "
                                   "encuentra PENDIENTE de recibir confirmación por parte de su entidad financiera")
    assert shown.notice.endswith("preguntar por el estado de la transacción: 1468001")
    assert "(601) 555 0101" in shown.notice


async def test_a_new_payment_is_refused_while_another_of_the_associate_is_pending_at_the_bank(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.PENDING_FINISH
    portal.ready_to_start("s2")
    with pytest.raises(PaymentBlocked, match="#10000025 presenta un proceso de pago"):
        await start(portal, "s2")
    portal.gateway.states["10000025"] = PaymentState.APPROVED  # once final, the associate may pay again
    second = await start(portal, "s2")
    assert second.reference == "10000026"


async def test_paying_again_an_approved_reference_is_refused_with_the_approved_text(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.APPROVED
    await result(portal)
    with pytest.raises(PaymentBlocked, match="se encuentra APROBADA en su entidad financiera"):
        await start(portal)


async def test_the_return_page_refuses_other_merchants_and_unknown_references(portal):
    with pytest.raises(DomainError, match="No encontramos el pago"):
        await result(portal, "99")
    with pytest.raises(DomainError, match="no es válida"):
        await result(portal, "<script>")
    with pytest.raises(DomainError, match="no corresponde"):
        await payment_result("10000025", "2002", 1001, portal.payments, portal.sessions, portal.gateway, portal.core,
                             portal.clock, portal.contacts)


async def test_the_return_page_shows_the_last_known_state_when_the_gateway_is_down(portal):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.verify_error = GatewayUnreachable("down")
    shown = await result(portal)
    assert not shown.verified and shown.payment.state is PaymentState.PENDING_START


async def test_the_sonda_waits_7_minutes_then_settles_and_credits(portal, clock):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.APPROVED
    clock.advance(6 * 60 + 59)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.verified == [] and portal.gateway.verify_calls == []
    clock.advance(1)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert (report.verified, report.finished, report.credited) == (["10000025"], ["10000025"], ["10000025"])
    assert balances(portal, SAVINGS).balance == Money.of("50000")
    assert portal.payments.open_payments() == []


async def test_the_sonda_asks_again_every_12_minutes_while_pending(portal, clock):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.states["10000025"] = PaymentState.PENDING_FINISH
    clock.advance(7 * 60)
    await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    clock.advance(11 * 60)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.verified == []
    clock.advance(60)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.verified == ["10000025"] and len(portal.gateway.verify_calls) == 2


async def test_only_the_holder_of_the_lease_polls(portal, clock):
    portal.ready_to_start()
    await start(portal)
    clock.advance(8 * 60)
    assert portal.lock.acquire("other-process", timedelta(minutes=2))
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert not report.ran and portal.gateway.verify_calls == []
    portal.lock.now += 121  # the other holder died: its lease expires
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.ran and report.verified == ["10000025"]


async def test_an_untouched_payment_is_abandoned_after_30_minutes(portal, clock):
    portal.ready_to_start()
    await start(portal)
    clock.advance(30 * 60)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.stopped == ["10000025"]
    assert portal.payments.get("10000025").stop_reason is StopReason.ABANDONED


async def test_a_failed_poll_is_reported_and_retried_later(portal, clock):
    portal.ready_to_start()
    await start(portal)
    portal.gateway.verify_error = GatewayUnreachable("down")
    clock.advance(7 * 60)
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.failed == ["10000025"] and portal.payments.get("10000025").is_open


async def test_a_crash_between_approval_and_credit_is_finished_by_the_sonda(portal, clock):
    portal.ready_to_start()
    await start(portal)
    payment = portal.payments.get("10000025")
    payment.record_attempt(1, PaymentState.APPROVED, 29, "1468001", "BANCO UNION COLOMBIANO")
    portal.payments.save(payment)  # approved, but the process died before crediting
    report = await run_sonda("w1", portal.gateway, portal.payments, portal.sessions, portal.core, portal.lock, clock)
    assert report.credited == ["10000025"]
    assert balances(portal, SAVINGS).balance == Money.of("50000")


async def test_a_depositor_pays_for_the_associates_products(portal):
    portal.verified()
    portal.choose("s1", steps.ChoiceInput(*SAVINGS, "FREE", "20000"))
    steps.set_payer("s1", steps.DepositorInput("CC", "79123456", "María José", "Pérez Gómez", "maria@example.com",
                                               "3001234567"), portal.sessions, portal.clock)
    steps.payment_detail("s1", portal.sessions, portal.payments, portal.clock)
    await start(portal)
    payer = portal.gateway.started[0].payer
    assert (payer.document_number, payer.first_names, payer.email) == ("79123456", "María José", "maria@example.com")
    assert portal.payments.get("10000025").associate.number == "1033370434"


async def test_an_entity_that_stops_collecting_refuses_the_start_even_mid_session(portal):
    from dataclasses import replace

    portal.ready_to_start()
    nick = portal.core.find_associate(portal.sessions.get("s1").associate.document)
    portal.core.add_associate(replace(nick, entity=replace(nick.entity, collection_enabled=False)))
    with pytest.raises(DomainError, match="no tiene habilitado el servicio de recaudo"):
        await start(portal)
    assert portal.gateway.started == [] and portal.payments.get("10000025") is None
