"""Steps of the recaudo portal (IOTCS-09 steps 1–9), written once against the portal driver of the target:
its pages over HTTP on `wire`, its use cases on memory fakes on `inprocess`."""
from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, then, when

from domain.recaudo.products import CHOICE_LABELS
from features.drivers.portal import HttpPortal
from features.drivers.portal_inprocess import InProcessPortal

NICK_MOBILE = "3107126048"
CODE = re.compile(r"código de seguridad para RedCoop Pagos PSE es (\d{6})")
CHOICES = {label: kind.name for kind, label in CHOICE_LABELS.items()}  # "Pago mínimo" → MINIMUM
DOCUMENTS = {"cédula de ciudadanía": "CC", "cédula de extranjería": "CE", "pasaporte": "PP", "NIT": "NIT",
             "tarjeta de identidad": "TI", "registro civil": "RC", "NUIP": "NUIP"}


@pytest.fixture
def portal(request, target, driver):
    """One associate's visit to the recaudo portal, on the scenario's target."""
    if target == "inprocess":
        return InProcessPortal(driver)
    return HttpPortal(request.getfixturevalue("feature_simulator").url, driver.advance_clock)


@pytest.fixture
def visita() -> dict:
    """What the scenario remembers between steps: codes received, lines chosen, last answers."""
    return {"lines": [], "codes": []}


MOBILES = {"1033370434": NICK_MOBILE, "1020304050": "3001112233"}  # the seeded associates' phones


def latest_code(portal, to: str = NICK_MOBILE) -> str:
    for message in portal.inbox(to):
        found = CODE.search(message["cuerpo"])
        if found:
            return found.group(1)
    raise AssertionError(f"no llegó ningún código de seguridad a {to}")


# -- steps 1–4: identification ----------------------------------------------------------------------

@when(parsers.parse('el asociado escribe la cédula de ciudadanía "{number}" en el portal de recaudo'))
def identify(portal, number):
    portal.identify("CC", number)


@when(parsers.parse('el asociado elige "Pagos PSE", el tipo de documento "{kind}" y escribe el número "{number}"'))
def identify_with_type(portal, kind, number):
    portal.identify(DOCUMENTS.get(kind, kind), number)


@given(parsers.parse('el asociado con cédula "{number}" entró al portal con su código de seguridad'))
def entered_with_code(portal, number):
    portal.identify("CC", number)
    assert portal.consult(), portal.message()
    assert portal.enter_code(latest_code(portal, MOBILES[number])), portal.message()


@then(parsers.parse('el portal lo saluda "{greeting}" y habilita "Consultar Productos"'))
def greeted(portal, greeting):
    assert portal.greeting() == greeting
    assert portal.consult_enabled()


@then('no habilita "Consultar Productos"')
def not_enabled(portal):
    assert not portal.consult_enabled()


@when('pulsa "Consultar Productos"')
def consult(portal, visita):
    visita["consulted"] = portal.consult()


@then(parsers.parse('el portal muestra "{message}"'))
def shows(portal, message):
    assert message in portal.message(), portal.message()


# -- step 5: the security code (OTP) -----------------------------------------------------------------

@then(parsers.parse('recibe el mismo código de seguridad por SMS al "{mobile}" y por correo a "{email}"'))
def code_received(portal, visita, mobile, email):
    assert visita.get("consulted"), portal.message()
    sms, mail = portal.inbox(mobile)[0], portal.inbox(email)[0]
    assert (sms["canal"], mail["canal"]) == ("sms", "email")
    assert latest_code(portal, mobile) == latest_code(portal, email)
    assert "******6048" in portal.destinations()
    visita["codes"].append(latest_code(portal, mobile))


@when('escribe el código recibido y pulsa "Aceptar"')
def right_code(portal, visita):
    visita["accepted"] = portal.enter_code(latest_code(portal))


@when(parsers.parse('escribe el código "{code}" y pulsa "Aceptar"'))
def typed_code(portal, visita, code):
    visita["accepted"] = portal.enter_code(code)


@when('escribe el primer código recibido y pulsa "Aceptar"')
def first_code(portal, visita):
    visita["accepted"] = portal.enter_code(visita["codes"][0])


@when('pide otro código con "Enviar otro código de seguridad"')
def resend(portal, visita):
    visita["resent"] = portal.resend()
    if visita["resent"]:
        visita["codes"].append(latest_code(portal))


@then("recibe un código nuevo, distinto del primero")
def new_code(visita):
    assert visita["resent"] and len(visita["codes"]) == 2 and visita["codes"][0] != visita["codes"][1]


@then("el portal no envía otro código")
def no_new_code(visita):
    assert not visita["resent"] and len(visita["codes"]) == 1


@then("el código es aceptado y el portal muestra sus productos")
def code_accepted(visita):
    assert visita["accepted"]


@then("el código no es aceptado")
def code_refused(visita):
    assert not visita["accepted"]


@when('pulsa "Cerrar"')
def close(portal):
    portal.close()


@then("la consulta queda cerrada y debe identificarse de nuevo")
def closed(portal):
    assert not portal.session_open()


@when(parsers.re(r"pasan (?P<amount>\d+) (?P<unit>segundos|minutos|horas)$"))
def time_passes(driver, amount, unit):
    driver.advance_clock(int(amount) * {"segundos": 1, "minutos": 60, "horas": 3600}[unit])


# -- step 6: products --------------------------------------------------------------------------------

@then(parsers.re(r've sus productos activos (?P<names>.+)$'))
def products_listed(portal, names):
    assert list(portal.products()) == re.findall(r'"([^"]+)"', names)


@then("no tiene productos activos para pagar")
def no_products(portal):
    assert portal.products() == {}


@when(parsers.re(r'elige para "(?P<product>[^"]+)" la opción "(?P<choice>[^"]+)"$'))
def choose_fixed(visita, product, choice):
    visita["lines"].append((product, CHOICES[choice], ""))


@when(parsers.re(r'elige para "(?P<product>[^"]+)" la opción "(?P<choice>[^"]+)" con el valor "(?P<amount>[^"]*)"$'))
def choose_typed(visita, product, choice, amount):
    visita["lines"].append((product, CHOICES[choice], amount))


@when('pulsa "Continuar" en "Información de productos"')
def continue_products(portal, visita):
    visita["chosen"] = portal.choose(visita["lines"])


@then(parsers.parse('el portal acepta la selección con el total "{total}"'))
def selection_accepted(portal, visita, total):
    assert visita["chosen"], portal.message() + " " + portal.reasons()
    assert portal.total() == total


@then(parsers.parse('el portal rechaza la selección explicando "{reason}"'))
def selection_refused(portal, visita, reason):
    assert not visita["chosen"]
    assert reason in portal.reasons() + " " + portal.message(), portal.reasons() + portal.message()


# -- step 7: the payer -------------------------------------------------------------------------------

@given(parsers.parse('eligió para "{product}" la opción "{choice}" con el valor "{amount}"'))
def chose_before(portal, product, choice, amount):
    assert portal.choose([(product, CHOICES[choice], amount)]), portal.reasons() + portal.message()


@when("deja al asociado como pagador")
def associate_pays(portal, visita):
    visita["payer_ok"] = portal.set_payer(None)


@given("dejó al asociado como pagador")
def associate_paid(portal):
    assert portal.set_payer(None), portal.message()


@when(parsers.re(r'marca "¿Depositante diferente al asociado\?" con (?P<kind>[^"]+) "(?P<number>[^"]*)", '
                 r'nombres "(?P<first>[^"]*)", apellidos "(?P<last>[^"]*)", correo "(?P<email>[^"]*)" '
                 r'y celular "(?P<mobile>[^"]*)"$'))
def depositor(portal, visita, kind, number, first, last, email, mobile):
    visita["payer_ok"] = portal.set_payer({
        "tipo_documento": DOCUMENTS.get(kind, kind), "numero_documento": number, "nombres": first,
        "apellidos": last, "correo": email, "celular": mobile})


@then(parsers.parse('el detalle del pago muestra como pagador "{payer}"'))
def payer_shown(portal, visita, payer):
    assert visita["payer_ok"], portal.message()
    assert portal.detail()["pagador"] == payer


@then(parsers.parse('el portal rechaza el depositante explicando "{message}"'))
def depositor_refused(portal, visita, message):
    assert not visita["payer_ok"]
    assert message in portal.message(), portal.message()


# -- steps 8–9: detail, terms, start -----------------------------------------------------------------

@then(parsers.parse('el detalle del pago muestra el producto "{product}", una referencia de 8 dígitos '
                    'y el total "{total}"'))
def detail_shown(portal, visita, product, total):
    detail = portal.detail()
    assert detail["producto"] == product and detail["total"] == total
    assert re.fullmatch(r"\d{8}", detail["referencia"]), detail
    visita["reference"] = detail["referencia"]


@then(parsers.parse('el detalle lista "{product}" por "{amount}"'))
def detail_line(portal, product, amount):
    assert (product, amount) in portal.detail()["lineas"]


@when(parsers.re(r'pulsa "Iniciar transacción" con la descripción "(?P<description>[^"]*)" '
                 r'(?P<terms>aceptando|sin aceptar) los términos y condiciones$'))
def start(portal, visita, description, terms):
    visita["started"] = portal.start(description, terms == "aceptando")


@then("el portal envía al asociado a la página de pago de ZonaPAGOS")
def sent_to_gateway(portal, visita):
    assert visita["started"], portal.message()
    assert re.search(r"/t_demo/pago\.asp\?estado_pago=iniciar_pago&identificador=\d+$", portal.payment_url)


@then(parsers.parse('el portal no inicia la transacción y muestra "{message}"'))
def not_started(portal, visita, message):
    assert not visita["started"]
    assert message in portal.message(), portal.message()


@when(parsers.parse("la pasarela deja ese pago en estado {state:d}"))
def gateway_sets_state(driver, portal, state):
    driver.force_state(portal.payment_url.rsplit("=", 1)[1], state)


@when(parsers.parse('el asociado vuelve en otra visita a pagar "{amount}" en "{product}"'))
def pays_again(portal, product, amount):
    portal.new_visit()
    portal.identify("CC", "1033370434")
    assert portal.consult() and portal.enter_code(latest_code(portal)), portal.message()
    assert portal.choose([(product, "FREE", amount)]) and portal.set_payer(None), portal.message()
    portal.detail()
    portal.start("Otro abono", True)


@then("el portal no inicia otra transacción y muestra el mensaje de ACH de pago pendiente con el CUS")
def blocked_pending(portal):
    notice = portal.ach_notice()
    assert notice.startswith("En este momento su #") and "PENDIENTE de recibir confirmación" in notice, notice
    assert "(601) 555 0101" in notice and "soporte@comercio-demo.test" in notice
    assert re.search(r"preguntar por el estado de la transacción: \d+$", notice), notice
