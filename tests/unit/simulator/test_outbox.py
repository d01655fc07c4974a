"""The notifications' outbox (domain/gateway/usecases/outbox.py) on the in-memory store and a fixed clock: every
way a payment attempt becomes final queues exactly one NotificarPagos in the unit of work that makes it final."""
from __future__ import annotations

import ast
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from domain.gateway.delivery import DeliveryKind
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.force import force_outcome
from domain.gateway.usecases.merchants import adjust_merchant
from domain.gateway.usecases.outbox import record_payment, token_registered
from domain.gateway.usecases.page_payment import PseChoice, find_payment, pay_by_card, pay_by_pse
from domain.gateway.usecases.pse_sync import settle_from_pse
from domain.gateway.usecases.start import start_payment
from domain.gateway.usecases.tokens import charge_token, tokenize_card
from domain.gateway.usecases.verify import verify_payment
from domain.shared.errors import DomainError
from domain.shared.payment_states import PaymentState, PseState
from tests.unit.simulator.fake_pse import FakePseNetwork
from tests.unit.simulator.test_page_payment import COMMAND, ENTITY_URL, VISA_OK
from tests.unit.simulator.test_token_use_cases import TOKENIZE, TOKENIZE_ONLY, charge_command

URL = "https://comercio.example/ApiPagosN3/api/NotificarPagos"
TOKEN_URL = "https://comercio.example/ApiToken/api/Notificar"
ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def store(memory_store):
    adjust_merchant(1001, memory_store, notification_url=URL, token_notification_url=TOKEN_URL,
                    notification_password="Clave-Notif1")
    return memory_store


def notified(store) -> list[tuple[str, int, int]]:
    """(id_pago, NumeroPago, EstadoPago) of every queued payment notification, oldest first."""
    return [(d.payload["IdPago"], d.payload["NumeroPago"], d.payload["EstadoPago"])
            for d in reversed(store.deliveries.recent()) if d.kind is DeliveryKind.PAYMENT]


def verify(store, clock, reference="R-1"):
    return verify_payment(1001, "usuario-v4", "clave-v4", reference, -1, store, clock, WorldTimeouts())


def test_a_start_pending_to_start_queues_nothing(store, clock):
    start_payment(COMMAND, store, clock)
    assert notified(store) == []


@pytest.mark.parametrize(("cents", "approved"), [("0.01", 1), ("0.02", 0), ("0.04", 0), ("0.08", 0), ("0.09", 0)])
def test_a_magic_amount_final_at_start_queues_its_notification_with_the_start(store, clock, cents, approved):
    payment = start_payment(replace(COMMAND, total=Decimal("20000") + Decimal(cents)), store, clock)
    assert notified(store) == [("R-1", payment.attempts[0].number, approved)]
    [delivery] = store.deliveries.recent()
    assert delivery.url == URL and delivery.next_at == clock.now() and delivery.payload["Password"] == "Clave-Notif1"
    assert delivery.payload["ValorTotalPagado"] == (Decimal("20000.01") if approved else 0)


def test_a_scheduled_outcome_and_a_forced_outcome_each_queue_one(store, clock):
    with store.transaction():
        store.scheduled_outcomes.schedule(1001, PaymentState.REJECTED, None)
    start_payment(COMMAND, store, clock)
    forced = start_payment(replace(COMMAND, reference="R-2"), store, clock)
    force_outcome(forced.identifier, PaymentState.APPROVED, store, clock)
    assert [(ref, state) for ref, _, state in notified(store)] == [("R-1", 0), ("R-2", 1)]


def test_a_card_paid_on_the_page_queues_a_card_notification(store, clock):
    page = find_payment("t_demo", str(start_payment(COMMAND, store, clock).identifier), store)
    pay_by_card(page, VISA_OK, store, clock)
    [delivery] = store.deliveries.recent()
    assert delivery.payload["FormaPago"] == 32 and delivery.payload["Franquicia"] and delivery.payload["CodAprobacion"]
    assert delivery.payload["CUS"] == "" and delivery.payload["EstadoPago"] == 1


def test_a_pse_attempt_queues_only_when_ach_settles_it_and_a_retry_queues_its_own(store, clock):
    pse = FakePseNetwork()
    page = find_payment("t_demo", str(start_payment(COMMAND, store, clock).identifier), store)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, store, clock, pse)
    assert notified(store) == []  # 999 is not final
    pse.states["5001"] = PseState.NOT_AUTHORIZED
    settle_from_pse(store.payments.get(page.payment.identifier), page.merchant, store, clock, pse)
    page = find_payment("t_demo", str(page.payment.identifier), store)
    pay_by_card(page, VISA_OK, store, clock)
    payment = store.payments.get(page.payment.identifier)
    assert notified(store) == [("R-1", payment.attempts[0].number, 0), ("R-1", payment.attempts[1].number, 1)]
    first = store.deliveries.recent()[-1].payload
    assert (first["CUS"], first["CodigoBanco"], first["NombreBanco"]) == ("5001", "1022", "BANCO UNION COLOMBIANO")


def test_the_bank_time_resolution_at_verification_queues_one_and_later_verifications_none(store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.03")), store, clock)  # ,03: 999 until the bank time
    verify(store, clock)
    assert notified(store) == []
    clock.advance(timedelta(minutes=8).total_seconds())
    verify(store, clock)
    verify(store, clock)
    assert [state for _, _, state in notified(store)] == [1]


def test_card_charges_of_the_token_services_queue_theirs(store, clock):
    tokenized = tokenize_card(TOKENIZE, store, clock)
    charge_token(charge_command(tokenized.token.value, reference=9001), store, clock)
    only = tokenize_card(TOKENIZE_ONLY, store, clock)  # no charge: nothing to notify
    assert only.charge is None
    assert [(ref, state) for ref, _, state in notified(store)] == [("5001", 1), ("9001", 1)]


def test_saving_a_final_payment_again_queues_nothing_more(store, clock):
    payment = start_payment(replace(COMMAND, total=Decimal("20000.01")), store, clock)
    with store.transaction():
        record_payment(store.payments.get(payment.identifier), store, clock.now())
    assert len(notified(store)) == 1


def test_a_merchant_without_a_notification_url_gets_no_delivery(store, clock):
    adjust_merchant(1001, store, notification_url="")
    start_payment(replace(COMMAND, total=Decimal("20000.01")), store, clock)
    assert store.deliveries.recent() == []


def test_a_unit_of_work_that_fails_after_the_change_keeps_neither_payment_nor_notification(store, clock):
    payment = start_payment(COMMAND, store, clock)
    with pytest.raises(RuntimeError), store.transaction():
        force_outcome(payment.identifier, PaymentState.APPROVED, store, clock)
        raise RuntimeError("crash before the commit")
    assert store.payments.get(payment.identifier).current_attempt.state is PaymentState.PENDING_START
    assert store.deliveries.recent() == []


def test_a_registered_token_is_queued_once_for_the_merchants_token_url(store, clock):
    delivery = token_registered(1001, "1033370434", "1842154537000000001169", store, clock)
    assert delivery is not None and delivery.kind is DeliveryKind.TOKEN and delivery.url == TOKEN_URL
    assert delivery.payload == {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "Clave-Notif1",
                                "str_id_cliente": "1033370434", "str_token": "1842154537000000001169"}
    assert token_registered(1001, "1033370434", "1842154537000000001169", store, clock) is None
    with pytest.raises(DomainError):
        token_registered(4242, "1", "1", store, clock)


@pytest.mark.parametrize(("change", "field"), [
    ({"notification_url": "ftp://comercio.example/x"}, "url_notificacion"),
    ({"notification_url": "https://user@comercio.example/x"}, "url_notificacion"),
    ({"token_notification_url": "/relativa"}, "url_notificacion_token"),
    ({"notification_password": "x" * 16}, "clave_notificacion"),
])
def test_notification_settings_are_checked(store, change, field):
    with pytest.raises(DomainError) as refused:
        adjust_merchant(1001, store, **change)
    assert refused.value.field == field


def test_only_the_outbox_writes_gateway_payments():
    """Every payment write goes through record_payment, so no final state can skip its notification."""
    writers = []
    for folder in ("domain", "simulator"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Attribute) and node.attr in ("add", "save")
                        and isinstance(node.value, ast.Attribute) and node.value.attr == "payments"
                        and "recaudo" not in path.parts):
                    writers.append(str(path.relative_to(ROOT)))
    assert sorted(set(writers)) == ["domain/gateway/usecases/outbox.py"]


def test_the_gateway_sonda_notifies_what_the_world_decided_without_a_verification(store, clock):
    from domain.gateway.usecases.gateway_sonda import settle_awaiting
    pse = FakePseNetwork()
    start_payment(replace(COMMAND, total=Decimal("20000.03")), store, clock)  # ,03: 999 until the bank time
    page = find_payment("t_demo", str(start_payment(replace(COMMAND, reference="R-2"), store, clock).identifier),
                        store)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, store, clock, pse)
    assert settle_awaiting(store, clock, WorldTimeouts(), pse) == 0 and notified(store) == []
    pse.states["5001"] = PseState.OK
    clock.advance(timedelta(minutes=8).total_seconds())
    assert settle_awaiting(store, clock, WorldTimeouts(), pse) == 2
    assert sorted((ref, state) for ref, _, state in notified(store)) == [("R-1", 1), ("R-2", 1)]
    assert settle_awaiting(store, clock, WorldTimeouts(), pse) == 0 and pse.finalized == ["5001"]


def test_the_gateway_sonda_leaves_merchants_without_notifications_alone(store, clock):
    from domain.gateway.usecases.gateway_sonda import settle_awaiting
    adjust_merchant(1001, store, notification_url="")
    payment = start_payment(replace(COMMAND, total=Decimal("20000.03")), store, clock)
    clock.advance(timedelta(minutes=8).total_seconds())
    assert settle_awaiting(store, clock, WorldTimeouts(), FakePseNetwork()) == 0
    assert store.payments.get(payment.identifier).current_attempt.state is PaymentState.PENDING_FINISH
