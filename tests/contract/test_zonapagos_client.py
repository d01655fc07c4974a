"""The ZonaPAGOS client adapter against the simulator over loopback: the port's contract."""
from __future__ import annotations

from decimal import Decimal

import aiohttp
import pytest

from adapters.zonapagos.client import ZonaPagosClient, ZonaPagosConfig
from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import GatewayRejected, GatewayUnreachable, PaymentRequest
from simulator.process import free_port
from tests.wire.soap_helpers import control, new_reference

pytestmark = pytest.mark.wire


def config(url: str, **changes) -> ZonaPagosConfig:
    values = dict(base_url=url, merchant_id=1001, start_password="clave-inicio", verify_user="usuario-v4",
                  verify_password="clave-v4", route="t_demo", service_code="2701", timeout_seconds=5)
    values.update(changes)
    return ZonaPagosConfig(**values)


def request(reference: str, total: str = "20000") -> PaymentRequest:
    return PaymentRequest(
        reference=reference, total=Money.of(total), vat=Money.of("0"), description="Pago de prueba",
        payer=Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick@example.com"),
        optional_fields=("ref-00000025", "", ""),
    )


async def test_start_returns_the_identificador_and_the_payment_page_url(simulator):
    async with aiohttp.ClientSession() as session:
        started = await ZonaPagosClient(config(simulator.url), session).start_payment(request(new_reference()))
    assert started.identifier.isdigit()
    assert started.payment_url == (
        f"{simulator.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={started.identifier}")


async def test_verify_reads_an_approved_pse_attempt_into_typed_records(simulator):
    reference = new_reference()
    async with aiohttp.ClientSession() as session:
        client = ZonaPagosClient(config(simulator.url), session)
        started = await client.start_payment(request(reference, "150000.50"))
        control(simulator.url, f"/_sim/payments/{started.identifier}/outcome", {"estado": 1})
        result = await client.verify(reference)
    attempt = result.latest
    assert attempt.state is PaymentState.APPROVED
    assert attempt.paid == Money(Decimal("150000.50"))
    assert attempt.method == 29
    assert attempt.pse.bank_name == "BANCO UNION COLOMBIANO" and attempt.pse.cus.isdigit()
    assert attempt.optional_fields[0] == "ref-00000025"
    assert attempt.payer.first_names == "NICK"


async def test_verify_of_an_unknown_reference_finds_nothing(simulator):
    async with aiohttp.ClientSession() as session:
        result = await ZonaPagosClient(config(simulator.url), session).verify("nada-" + new_reference())
    assert not result.found and result.latest is None


async def test_in_band_errors_raise_gateway_rejected_with_the_message(simulator):
    async with aiohttp.ClientSession() as session:
        client = ZonaPagosClient(config(simulator.url, start_password="mala", verify_password="mala"), session)
        with pytest.raises(GatewayRejected, match="Credenciales inválidas"):
            await client.start_payment(request(new_reference()))
        with pytest.raises(GatewayRejected, match="Credenciales inválidas"):
            await client.verify(new_reference())


async def test_a_closed_port_is_unreachable_not_rejected():
    async with aiohttp.ClientSession() as session:
        client = ZonaPagosClient(config(f"http://127.0.0.1:{free_port()}"), session)
        with pytest.raises(GatewayUnreachable):
            await client.start_payment(request(new_reference()))


async def test_a_soap_fault_is_unreachable(simulator):
    async with aiohttp.ClientSession() as session:
        client = ZonaPagosClient(config(simulator.url, merchant_id=2**40), session)
        with pytest.raises(GatewayUnreachable, match="SOAP Fault"):
            await client.verify(new_reference())
