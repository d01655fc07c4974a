"""A registered card's token delivered to the merchant's `ApiToken/api/Notificar` (zonapagos-ws.md §12): the use
case part A's registration page calls (`token_registered`), the SQLite outbox, the deliverer and the HTTP way out,
against a real merchant server on loopback."""
from __future__ import annotations

import asyncio

from adapters.clock import FixedClock
from adapters.merchants.http_receiver import HttpMerchantReceiver
from adapters.storage.sqlite import SqliteStore
from domain.gateway.delivery import DeliveryStatus, RetryPolicy
from domain.gateway.usecases.merchants import adjust_merchant
from domain.gateway.usecases.outbox import token_registered
from features.drivers.merchant_server import TOKEN_OK, MerchantServer
from simulator.zonapagos.deliverer import Deliverer
from simulator.zonapagos.seed import seed_demo_data
from tests.conftest import T0

TOKEN = "1842154537000000001169"


def test_a_registered_token_reaches_the_merchant_and_a_refusal_is_retried_on_the_clock(tmp_path):
    refused = (200, {"int_cod_estado": 2, "str_mensaje": "Usuario o clave inválidos"})
    store, clock = SqliteStore(tmp_path / "t.sqlite3"), FixedClock(T0)
    try:
        seed_demo_data(store)
        with MerchantServer([refused, TOKEN_OK]) as server:
            adjust_merchant(1001, store, token_notification_url=f"{server.url}/ApiToken/api/Notificar",
                            notification_password="Clave-Notif1")
            with store.transaction():  # the registration page's unit of work
                token_registered(1001, "1033370434", TOKEN, store, clock)

            async def passes() -> None:
                receiver = HttpMerchantReceiver()
                deliverer = Deliverer(store, clock, receiver, RetryPolicy())
                await deliverer.run_pass()
                clock.advance(30)
                await deliverer.run_pass()
                await receiver.close()

            asyncio.run(passes())
            first, second = server.wait_for(2)
            assert first.path == "/ApiToken/api/Notificar" and first.body == second.body == {
                "int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "Clave-Notif1",
                "str_id_cliente": "1033370434", "str_token": TOKEN}
            [delivery] = store.deliveries.recent()
            assert delivery.status is DeliveryStatus.DELIVERED
            assert "int_cod_estado 2" in delivery.attempts[0].detail and delivery.attempts[1].succeeded
    finally:
        store.close()
