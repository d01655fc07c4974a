"""The card-token client adapter against the simulator over loopback: the CardGateway port's contract,
including the rule that a charge answered -1, or lost, is settled by verification and never sent twice."""
from __future__ import annotations

import asyncio
import uuid

import aiohttp
import pytest
from aiohttp import web

from adapters.zonapagos.tokens_client import CardTokensClient, CardTokensConfig
from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import (
    CardToTokenize, ChargeAmounts, ChargeStatus, GatewayRejected, GatewayUnreachable, RecurringChargeRequest,
    TokenizationPolicy, TokenizeRequest,
)
from simulator.process import free_port
from tests.wire.soap_helpers import verify

pytestmark = pytest.mark.wire

CUSTOMER = Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick@example.com")


def config(url: str, **changes) -> CardTokensConfig:
    values = dict(base_url=url, merchant_id=1001, user="usuario-v4", password="clave-v4", timeout_seconds=5,
                  settle_attempts=3, settle_delay_seconds=0.05)
    values.update(changes)
    return CardTokensConfig(**values)


def reference() -> str:
    return str(100_000_000 + uuid.uuid4().int % 900_000_000)  # digits, fits ZPagoAPTC's int id_pago


def card(number: str = "4111111111111111", card_type: int = 1, cvv: str = "913", expiry: str = "122030"):
    return CardToTokenize(customer=CUSTOMER, card_type=card_type, card_number=number, expiry=expiry,
                          security_code=cvv, client_ip="10.20.30.40", cardholder_name="NICK RIVERA")


def amounts(total: str = "20000", ref: str | None = None) -> ChargeAmounts:
    return ChargeAmounts(reference=ref or reference(), total=Money.of(total), vat=Money.of("0"),
                         description="Cuota mensual", installments=1)


async def first_charge(client: CardTokensClient, total: str = "20000"):
    return await client.tokenize(TokenizeRequest(
        card(), TokenizationPolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED, amounts(total)))


async def test_tokenize_with_an_approved_first_charge_returns_the_token_and_the_charge(simulator):
    async with aiohttp.ClientSession() as session:
        outcome = await first_charge(CardTokensClient(config(simulator.url), session))
    assert outcome.token is not None and len(outcome.token) == 22 and outcome.token.isdigit()
    charge = outcome.charge
    assert charge.status is ChargeStatus.APPROVED and charge.approved and not charge.verified
    assert charge.payment_number and len(charge.authorization) == 6 and charge.receipt.isdigit()


async def test_tokenize_only_returns_a_token_and_no_charge(simulator):
    async with aiohttp.ClientSession() as session:
        outcome = await CardTokensClient(config(simulator.url), session).tokenize(
            TokenizeRequest(card("378282246310005", 5, "9264")))
    assert outcome.token is not None and outcome.charge is None and outcome.token_detail == "Token generado"


async def test_a_declined_first_charge_with_ban_1_keeps_no_token(simulator):
    async with aiohttp.ClientSession() as session:
        outcome = await CardTokensClient(config(simulator.url), session).tokenize(TokenizeRequest(
            card("4000000000000002"), TokenizationPolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED, amounts()))
    assert outcome.token is None and outcome.charge.status is ChargeStatus.REJECTED
    assert outcome.charge.detail == "Tarjeta declinada por el emisor"


async def test_a_refused_tokenization_without_charge_raises_rejected_with_the_message(simulator):
    async with aiohttp.ClientSession() as session:
        client = CardTokensClient(config(simulator.url), session)
        with pytest.raises(GatewayRejected, match="La tarjeta está vencida"):
            await client.tokenize(TokenizeRequest(card(expiry="012020")))
        with pytest.raises(GatewayRejected, match="Credenciales inválidas"):
            await CardTokensClient(config(simulator.url, password="mala"), session).tokenize(TokenizeRequest(card()))


async def test_a_token_is_charged_by_token_and_by_initial_no_pago_and_verification_agrees(simulator):
    async with aiohttp.ClientSession() as session:
        client = CardTokensClient(config(simulator.url), session)
        first = await first_charge(client)
        for identifier, by_number in ((first.token, False), (str(first.charge.payment_number), True)):
            request = RecurringChargeRequest(identifier, amounts("35000"), by_initial_payment=by_number)
            charged = await client.charge(request)
            assert charged.status is ChargeStatus.APPROVED and charged.reference == request.charge.reference
            settled = await client.settle(request.charge.reference)
            assert settled.verified and settled.state is PaymentState.APPROVED
            assert (settled.payment_number, settled.authorization, settled.receipt) == (
                charged.payment_number, charged.authorization, charged.receipt)


async def test_a_06_charge_is_indeterminate_and_charge_and_settle_resolves_it_by_verification(simulator):
    async with aiohttp.ClientSession() as session:
        client = CardTokensClient(config(simulator.url), session)
        token = (await first_charge(client)).token
        raw = await client.charge(RecurringChargeRequest(token, amounts("35000.06")))
        assert raw.status is ChargeStatus.INDETERMINATE and "verificar_pago_v4" in raw.error
        request = RecurringChargeRequest(token, amounts("35000.06"))
        settled = await client.charge_and_settle(request)
    assert settled.status is ChargeStatus.APPROVED and settled.verified
    assert "verificar_pago_v4" in settled.error and len(settled.authorization) == 6
    assert verify(simulator.url, request.charge.reference).value("int_cantidad_pagos") == "1"  # charged once


async def test_tokenize_and_settle_resolves_a_06_first_charge(simulator):
    async with aiohttp.ClientSession() as session:
        outcome = await CardTokensClient(config(simulator.url), session).tokenize_and_settle(TokenizeRequest(
            card(), TokenizationPolicy.CHARGE_AND_ALWAYS_TOKENIZE, amounts("20000.06")))
    assert outcome.token is not None
    assert outcome.charge.status is ChargeStatus.APPROVED and outcome.charge.verified


@pytest.mark.parametrize(("identifier", "total", "error"), [
    ("1842154537000000001169", "35000", "no corresponde a una tarjeta tokenizada"),
    (None, "35000.05", "Error en la pasarela"),
])
async def test_a_charge_the_gateway_refused_settles_as_not_charged(simulator, identifier, total, error):
    async with aiohttp.ClientSession() as session:
        client = CardTokensClient(config(simulator.url), session)
        token = identifier or (await first_charge(client)).token
        settled = await client.charge_and_settle(RecurringChargeRequest(token, amounts(total)))
    assert settled.status is ChargeStatus.NOT_CHARGED and settled.verified and error in settled.error


async def test_a_lost_charge_answer_is_settled_by_verification_without_charging_again(simulator):
    """A proxy forwards the charge to the simulator but never answers it; verification passes through."""
    charges_seen: list[bytes] = []
    released = asyncio.Event()

    async def relay(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        async with aiohttp.ClientSession() as upstream, upstream.post(
                simulator.url + request.path, data=body, headers={"Content-Type": "text/xml"}) as answer:
            payload, status = await answer.read(), answer.status
        if request.path.lower().startswith("/ws_pagoaptc"):
            charges_seen.append(body)
            await released.wait()  # the charge happened; its answer is lost (the client times out)
        return web.Response(status=status, body=payload, content_type="text/xml")

    app = web.Application()
    app.router.add_route("POST", "/{tail:.*}", relay)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    proxy = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        async with aiohttp.ClientSession() as session:
            token = (await first_charge(CardTokensClient(config(simulator.url), session))).token
            client = CardTokensClient(config(proxy, timeout_seconds=1), session)
            request = RecurringChargeRequest(token, amounts("35000"))
            settled = await client.charge_and_settle(request)
    finally:
        released.set()
        await runner.cleanup()
    assert settled.status is ChargeStatus.APPROVED and settled.verified
    assert len(charges_seen) == 1
    assert verify(simulator.url, request.charge.reference).value("int_cantidad_pagos") == "1"


async def test_an_unreachable_gateway_leaves_the_outcome_unknown():
    async with aiohttp.ClientSession() as session:
        client = CardTokensClient(config(f"http://127.0.0.1:{free_port()}"), session)
        request = RecurringChargeRequest("1842154537000000001169", amounts())
        with pytest.raises(GatewayUnreachable):
            await client.charge(request)
        with pytest.raises(GatewayUnreachable):
            await client.charge_and_settle(request)


def test_the_card_request_never_shows_the_number_or_cvv():
    text = repr(TokenizeRequest(card()))
    assert "4111111111111111" not in text and "913" not in text
