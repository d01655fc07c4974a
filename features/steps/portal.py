"""Steps for the recaudo portal's scenarios, through the portal driver (its pages over HTTP)."""
from __future__ import annotations

import re

import pytest
from pytest_bdd import parsers, then, when

from features.drivers.portal import PortalClient, json_get, latest_code


@pytest.fixture
def portal(feature_simulator) -> PortalClient:
    return PortalClient(feature_simulator.url)


@when(parsers.parse('el asociado escribe la cédula de ciudadanía "{number}" en el portal de recaudo'))
def identify(portal, number):
    portal.identify("CC", number)


@then(parsers.parse('el portal lo saluda "{greeting}" y habilita "Consultar Productos"'))
def greeted(portal, greeting):
    page = portal.get("/recaudo/")
    assert greeting in page.text
    assert re.search(r'<button type="submit" class="boton" id="consultar">Consultar Productos</button>', page.text)


@then('no habilita "Consultar Productos"')
def not_enabled(portal):
    assert 'id="consultar"' not in portal.last.text


@when('pulsa "Consultar Productos"')
def consult(portal):
    answer = portal.request_code()
    assert answer.status == 303 and answer.location == "/recaudo/codigo", answer.text[:500]


@then(parsers.parse('recibe el mismo código de seguridad por SMS al "{mobile}" y por correo a "{email}"'))
def code_received(portal, mobile, email):
    sms = json_get(portal.base, f"/_sim/inbox?para={mobile}")[0]
    mail = json_get(portal.base, f"/_sim/inbox?para={email}")[0]
    assert (sms["canal"], mail["canal"]) == ("sms", "email")
    assert latest_code(portal.base, mobile) == latest_code(portal.base, email)
    assert "******6048" in portal.get("/recaudo/codigo").text


@when('escribe el código recibido y pulsa "Aceptar"')
def right_code(portal):
    answer = portal.submit("/recaudo/codigo", "/recaudo/codigo",
                           {"codigo_seguridad": latest_code(portal.base, "3107126048")})
    assert answer.status == 303 and answer.location == "/recaudo/productos"


@when(parsers.parse('escribe el código "{code}" y pulsa "Aceptar"'))
def typed_code(portal, code):
    portal.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": code})


@then(parsers.re(r've sus productos activos (?P<names>.+)$'))
def products_listed(portal, names):
    expected = re.findall(r'"([^"]+)"', names)
    page = portal.get("/recaudo/productos")
    assert re.findall(r"<td>\s*<strong>([^<]+)</strong>", page.text) == expected


@then(parsers.parse('el portal muestra "{message}"'))
def shows(portal, message):
    assert message in portal.last.alert(), portal.last.alert()
