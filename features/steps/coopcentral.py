"""Steps for the Red Coopcentral's scenarios, through the Coopcentral driver (bank 1066's pages over HTTP).

The transaction is created at ACH as a merchant would (MainServices over SOAP); the associate walks PSE
and the network's pages; the security code comes from the simulator's inbox; balances from the control
API; ACH's state from getTransactionInformation.
"""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pytest_bdd import given, parsers, then, when

from features.drivers.coopcentral import RETURN_URL, CoopcentralClient


def _pesos(text: str) -> str:
    """`$150,000.00` (this portal's format) → `150000.00`."""
    return str(Decimal(text.replace("$", "").replace(",", "")).quantize(Decimal("0.01")))


@pytest.fixture
def red(feature_simulator) -> CoopcentralClient:
    return CoopcentralClient(feature_simulator.url)


@pytest.fixture
def saldos() -> dict:
    return {}


@given(parsers.parse('un pago PSE de "{amount}" al banco 1066 "BANCO COOPERATIVO COOPCENTRAL"'))
def transaction_at_1066(red, saldos, amount):
    red.create_transaction(_pesos(amount).removesuffix(".00"))
    saldos.update({n: a["disponible"] for n, a in red.accounts().items()})


@given(parsers.parse('el asociado escribe su correo registrado "{email}" en PSE y va al banco'))
def to_the_network(red, email):
    red.to_the_network(email)


@given(parsers.parse('se identifica con la cédula de ciudadanía "{number}"'))
def identifies(red, number):
    answer = red.identify("CC", number)
    assert answer.status == 303, answer.message()
    red.follow(answer)


@then(parsers.parse('la red le muestra las entidades "{first}" y "{second}"'))
def entities_listed(red, first, second):
    names = re.findall(r'id="entidad-\w+"> ([^<]+) <small>', red.get("/coopcentral/pse/entidades").text)
    assert names == [first, second]


@when(parsers.parse('elige "{entity}" e ingresa al Portal Transaccional como "{user}" con la contraseña "{password}"'))
def logs_in(red, entity, user, password):
    code = {"Cooperativa Alianza": "alianza", "Cooperativa Financiera de Antioquia": "cfa"}[entity]
    assert red.choose_entity(code).status == 303
    assert red.give_user(user).status == 303
    answer = red.give_password(password)  # answers the bot check when the simulator asks it
    assert answer.status == 303 and answer.location == "/coopcentral/portal/cuentas", answer.message()


@when(parsers.parse('paga con la cuenta "{account}"'))
def pays_with(red, account):
    red.pay(account)


@when('escribe el código de seguridad que recibió por correo y por SMS y pulsa "Aceptar"')
def right_code(red):
    assert red.latest_code("nick.rivera@example.com") == red.latest_code("3107126048")
    answer = red.accept()
    assert answer.status == 303, answer.message()


@when(parsers.parse('escribe el código de seguridad "{code}" y pulsa "Aceptar"'))
def typed_code(red, code):
    red.accept(code)


@then(parsers.parse('la red muestra "{message}"'))
def network_shows(red, message):
    assert red.last.message().startswith(message), red.last.message()


@then(parsers.parse('ACH sigue con la transacción en estado "{state}"'))
@then(parsers.parse('ACH tiene la transacción en estado "{state}"'))
def ach_state(red, state):
    assert red.ach_state() == state


@then(parsers.parse('ve "{heading}" con la cuenta "{account}" y el valor "{amount}"'))
def receipt(red, heading, account, amount):
    page = red.follow(red.last)
    assert (page.by_id("resultado"), page.by_id("cuenta"), page.by_id("valor")) == (heading, account, amount)
    assert page.by_id("cus") == red.transaction.cus and page.by_id("transaccion").isdigit()


@then(parsers.parse('la cuenta "{debited}" tiene "{amount}" menos de saldo disponible y la cuenta "{other}" no cambió'))
def balances(red, saldos, debited, amount, other):
    now = {n: a["disponible"] for n, a in red.accounts().items()}
    assert Decimal(saldos[debited]) - Decimal(now[debited]) == Decimal(_pesos(amount))
    assert now[other] == saldos[other]


@then("al regresar al comercio el navegador vuelve a la URL de la empresa")
def back_to_merchant(red):
    answer = red.back_to_merchant()
    assert answer.status == 303 and answer.location == RETURN_URL


@then(parsers.parse('el pago queda cancelado con "{cause}"'))
def cancelled(red, cause):
    assert red.last.status == 303 and red.last.location == "/coopcentral/portal/fin"
    assert red.get("/coopcentral/portal/fin").by_id("causa") == cause


@given(parsers.parse('un pago de "{amount}" iniciado por el comercio en ZonaPAGOS'), target_fixture="monto")
def started_at_zonapagos(amount):
    return _pesos(amount).removesuffix(".00")


@given("el pagador acepta los términos, elige PSE y el banco 1066 en la página de pago y pulsa pagar")
def chooses_coopcentral_on_the_gateway(red, monto):
    red.start_at_the_gateway(monto)


@then(parsers.parse("la verificación del comercio en ZonaPAGOS dice estado {state:d}"))
def gateway_verification(red, state):
    assert red.gateway_state() == str(state)
