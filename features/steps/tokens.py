"""Steps for the card-token scenarios (Tokentc_crear, ZPagoAPTC), written once against the driver."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from domain.shared.payment_states import PaymentState
from ports.payment_gateway import ChargeStatus, TokenizationPolicy


@when(parsers.parse('el comercio tokeniza la tarjeta "{number}" con generar_pago {generar:d} y ban_tokenizar {ban:d}'))
def tokenize_with_flags(driver, context, number, generar, ban):
    context["tokenization"] = driver.tokenize_with_flags(number, generar, ban)


@then(parsers.parse("el servicio responde {result:d} con estado_tokenizacion {tokenized:d} "
                    "y estado_transaccion {transaction:d}"))
def tokenization_answer(context, result, tokenized, transaction):
    answer = context["tokenization"]
    assert (int(answer["Tokentc_crearResult"]), int(answer["estado_tokenizacion"]),
            int(answer["estado_transaccion"])) == (result, tokenized, transaction), answer


@then(parsers.parse('el token generado es "{kind}"'))
def token_generated(context, kind):
    token = context["tokenization"]["token"]
    if kind == "sí":
        assert len(token) == 22 and token.isdigit(), token
    else:
        assert token == "", token


@then(parsers.parse('el detalle del error es "{message}"'))
def error_detail(context, message):
    assert context["tokenization"]["detalle_error"] == message


@given(parsers.parse('la tarjeta "{number}" tokenizada con un primer cobro aprobado'))
def tokenized_with_first_charge(driver, context, number):
    outcome = driver.tokenize(number, TokenizationPolicy.CHARGE_THEN_TOKENIZE_IF_APPROVED)
    assert outcome.token is not None and outcome.charge.approved, outcome
    context["token"], context["first_payment"] = outcome.token, str(outcome.charge.payment_number)


@given(parsers.parse('la tarjeta "{number}" tokenizada sin cobro'))
def tokenized_without_charge(driver, context, number):
    outcome = driver.tokenize(number, TokenizationPolicy.TOKENIZE_ONLY)
    assert outcome.token is not None and outcome.charge is None, outcome
    context["token"] = outcome.token


@when(parsers.re(r'el comercio cobra "(?P<total>[^"]+)" con el token$'))
def charge_by_token(driver, context, total):
    context["charge"] = driver.charge(context["token"], total)


@when(parsers.parse('el comercio cobra "{total}" con el token "{token}"'))
def charge_by_given_token(driver, context, total, token):
    context["charge"] = driver.charge(token, total)


@when(parsers.parse('el comercio cobra "{total}" con el no_pago del primer cobro'))
def charge_by_first_payment(driver, context, total):
    context["charge"] = driver.charge(context["first_payment"], total, by_initial_payment=True)


@then("el cobro es aprobado con número de autorización y de recibo")
def charge_approved(context):
    charge = context["charge"]
    assert charge.status is ChargeStatus.APPROVED and not charge.verified, charge
    assert len(charge.authorization) == 6 and charge.receipt.isdigit()


@then("el cobro es aprobado según la verificación")
def charge_approved_by_verification(context):
    charge = context["charge"]
    assert charge.status is ChargeStatus.APPROVED and charge.verified, charge


@then(parsers.parse('el cobro es rechazado con el detalle "{detail}"'))
def charge_rejected(context, detail):
    charge = context["charge"]
    assert charge.status is ChargeStatus.REJECTED and charge.detail == detail, charge


@then(parsers.parse('no se cobró nada y el error dice "{message}"'))
def not_charged(context, message):
    charge = context["charge"]
    assert charge.status is ChargeStatus.NOT_CHARGED and message in charge.error, charge


@then(parsers.parse('la verificación del cobro dice estado {state:d} con la tarjeta terminada en "{last_four}"'))
def verified_charge(driver, context, state, last_four):
    attempt = driver.verify(context["charge"].reference).latest
    assert attempt.state is PaymentState(state) and attempt.method == 32
    assert attempt.card.last_four == last_four and attempt.card.approval_code == context["charge"].authorization


@then("la verificación del cobro encuentra un solo pago")
def verified_once(driver, context):
    assert len(driver.verify(context["charge"].reference).attempts) == 1


@then(parsers.parse('el pagador recibe en "{email}" el comprobante del cobro con la tarjeta terminada en "{last_four}"'))
def charge_receipt_mailed(driver, context, email, last_four):
    receipts = [m for m in driver.inbox(email) if m["asunto"] == "ZonaPAGOS - Comprobante de su pago con tarjeta"]
    assert receipts, driver.inbox(email)
    body = receipts[0]["cuerpo"]
    assert f"****{last_four}" in body and "Valor: $20.000,00" in body and "Estado: " in body, body
