"""Steps for the ZonaPAGOS service scenarios, written once against the driver."""
from __future__ import annotations

import uuid

import pytest
from pytest_bdd import given, parsers, then, when

from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import GatewayRejected, PaymentRequest, StartedPayment


@given(parsers.parse("el comercio de demostración {merchant_id:d} en el simulador"), target_fixture="context")
def demo_merchant(driver, merchant_id):
    # on the vendor's test host (zonapagosdemo) the merchant is the one the credentials name
    assert driver.merchant["merchant_id"] == merchant_id or getattr(driver, "vendor_host", False)
    return {}


def _start(driver, context, total: str, vat: str, **credentials):
    reference = str(uuid.uuid4().int)[:16]
    request = PaymentRequest(
        reference=reference, total=Money.parse(total), vat=Money.parse(vat), description="Pago de prueba",
        payer=Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick@example.com"),
    )
    context["reference"] = reference
    context["answer"] = driver.start_payment(request, **credentials)


@when(parsers.re(r'el comercio inicia un pago de "(?P<total>[^"]+)" con IVA "(?P<vat>[^"]+)"$'))
def start_payment(driver, context, total, vat):
    _start(driver, context, total, vat)


@when(parsers.parse('el comercio inicia un pago de "{total}" con IVA "{vat}" usando la clave "{password}"'))
def start_payment_with_password(driver, context, total, vat, password):
    _start(driver, context, total, vat, start_password=password)


@then("el inicio responde un identificador numérico y la URL de la página de pago")
def numeric_identifier(context):
    answer = context["answer"]
    assert isinstance(answer, StartedPayment), answer
    assert answer.identifier.isdigit()
    assert answer.payment_url.endswith(f"/pago.asp?estado_pago=iniciar_pago&identificador={answer.identifier}")


@then(parsers.parse('el inicio es rechazado con el mensaje "{message}"'))
def rejected(context, message):
    answer = context["answer"]
    assert isinstance(answer, GatewayRejected), answer
    assert answer.message == message


@when(parsers.parse("el simulador fuerza el estado {state:d} para ese pago"))
def force_state(driver, context, state):
    driver.force_state(context["answer"].identifier, state)


@then(parsers.parse("la verificación del pago dice estado {state:d}"))
def verified_state(driver, context, state):
    result = driver.verify(context["reference"])
    context["verification"] = result
    assert result.latest.state is PaymentState(state)


@then(parsers.parse('el intento fue por PSE en el banco "{bank}" con un CUS'))
def paid_by_pse(context, bank):
    attempt = context["verification"].latest
    assert attempt.method == 29
    assert attempt.pse.bank_name == bank and attempt.pse.cus.isdigit()


@when("el simulador deja indeterminada la próxima verificación")
def next_verification_indeterminate(driver):
    driver.inject_fault("verificar_pago_v4", "indeterminado")


@then("la verificación del pago responde -1 y pide verificar de nuevo")
def verification_indeterminate(driver, context):
    with pytest.raises(GatewayRejected, match="verifique el estado del pago"):
        driver.verify(context["reference"])


@then(parsers.parse('el diario del simulador guarda la solicitud de "{operation}" con la referencia y la clave '
                    'enmascarada'))
def journal_keeps_the_request_masked(driver, context, operation):
    sent = [e["solicitud"] for e in driver.journal(operation) if context["reference"] in e["solicitud"]]
    assert len(sent) == 1, sent
    assert "<clave>****</clave>" in sent[0] and driver.merchant["start_password"] not in sent[0]
