"""Steps of ACH's PSE registration (Alianza's instruction, "Registering with ACH", steps 1–3): pages over
HTTP, so these scenarios carry @solo_cable."""
from __future__ import annotations

import uuid

import pytest
from pytest_bdd import given, parsers, then, when

from features.drivers.pse_registration import PseRegistration

QUESTION, ANSWER = "mascota", "Firulais"


@pytest.fixture
def registro(request) -> PseRegistration:
    return PseRegistration(request.getfixturevalue("feature_simulator").url)


@pytest.fixture
def persona() -> dict:
    return {"email": f"ana.{uuid.uuid4().hex[:10]}@example.com"}


def natural_fields(persona: dict, **changes) -> dict:
    fields = {"tipo_documento": "CC", "numero_documento": "52123456", "nombres": "Ana María", "apellidos": "Gómez",
              "celular": "3001234567", "direccion": "Carrera 7 # 1-2", "email": persona["email"],
              "email_confirmacion": persona["email"], "pregunta": QUESTION, "respuesta": ANSWER, "terminos": "si"}
    return {**fields, **changes}


def company_fields(persona: dict, nit: str) -> dict:
    return natural_fields(persona, tipo_documento=None, numero_documento=nit, nombres=None, apellidos=None,
                          razon_social="Cooperativa Ejemplo")


@when(parsers.parse('la persona elige "Persona {kind}" y "{action}" y pulsa "Seguir"'))
@given(parsers.parse('la persona elige "Persona {kind}" y "{action}" y pulsa "Seguir"'))
def choose(registro, persona, kind, action):
    persona["page"] = registro.choose(kind, action)


@then(parsers.parse('ve el formulario con el botón "{button}"'))
def form_button(persona, button):
    assert f">{button}<" in persona["page"].text


@when('llena el formulario de persona natural y acepta los términos de ACH')
@given('llena el formulario de persona natural y acepta los términos de ACH')
def fill_natural(registro, persona):
    persona["answer"] = registro.send(natural_fields(persona))


@when(parsers.parse('llena el formulario de persona jurídica con el NIT "{nit}"'))
def fill_company(registro, persona, nit):
    persona["answer"] = registro.send(company_fields(persona, nit))


@when(parsers.parse('llena el formulario de persona natural con la dirección "{address}"'))
def fill_address(registro, persona, address):
    persona["answer"] = registro.send(natural_fields(persona, direccion=address))


@when(parsers.parse('llena el formulario de persona natural con la confirmación de correo "{other}", el celular '
                    '"{mobile}" y sin aceptar los términos'))
def fill_wrong(registro, persona, other, mobile):
    persona["answer"] = registro.send(natural_fields(persona, email_confirmacion=other, celular=mobile,
                                                     terminos=None))


@when("confirma su correo, la pregunta y la respuesta de seguridad")
def confirm_delete(registro, persona):
    persona["answer"] = registro.send({"email": persona["email"], "pregunta": QUESTION, "respuesta": ANSWER})


@when(parsers.parse('responde la pregunta de seguridad con "{answer}"'))
def wrong_answer(registro, persona, answer):
    persona["answer"] = registro.send(natural_fields(persona, respuesta=answer))


@then(parsers.parse('ACH muestra "{message}"'))
def ach_shows(persona, message):
    assert message in persona["answer"].text, persona["answer"].text[:1500]


@then(parsers.parse('ACH no registra y explica "{message}"'))
def ach_refuses(persona, message):
    assert persona["answer"].status == 400 and message in persona["answer"].text


@then(parsers.parse('la persona recibe el correo "{subject}"'))
def email_received(registro, persona, subject):
    assert registro.inbox_subjects(persona["email"])[0] == subject


@then("la persona no recibe ningún correo")
def no_email(registro, persona):
    assert registro.inbox_subjects(persona["email"]) == []
