"""Registering at PSE (pse-coopcentral.md, "Registering with ACH"): the form's rules and messages."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from domain.shared.errors import DomainError
from domain.ach.payer import PersonKind, RegistrationForm, normalize_answer
from domain.ach.transaction import COLOMBIA

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=COLOMBIA)
NATURAL = RegistrationForm(
    kind=PersonKind.NATURAL, document_type="CC", document_number="1033370434", first_names="Nick",
    last_names="Rivera Caminero", mobile="3107126048", address="Calle 10 # 20-30", email="Nick@Example.com",
    email_confirmation="nick@example.com", security_question="colegio", security_answer="San José",
    news_opt_in=True, terms_accepted=True,
)
LEGAL = replace(NATURAL, kind=PersonKind.LEGAL, document_type="", document_number="890203088-9",
                first_names="Cooperativa Ejemplo", last_names="")


def test_a_complete_natural_person_form_has_no_problems_and_keeps_only_a_hash_of_the_answer():
    assert NATURAL.problems() == {}
    payer = NATURAL.to_payer("1234", NOW)
    assert payer.email == "nick@example.com" and payer.full_name == "Nick Rivera Caminero"
    assert "San" not in payer.security_answer.encode()
    assert payer.answers("  san   JOSÉ ") and not payer.answers("otro")


@pytest.mark.parametrize("changes, field, message", [
    ({"document_type": "NIT"}, "numero_documento", "Seleccione el tipo de documento"),
    ({"document_number": "12"}, "numero_documento", "entre 3 y 10 dígitos"),
    ({"first_names": ""}, "nombres", "Los nombres son obligatorios"),
    ({"last_names": "R2D2"}, "apellidos", "solo pueden tener letras"),
    ({"mobile": "6012345678"}, "celular", "empezar por 3"),
    ({"address": " "}, "direccion", "La dirección es obligatoria"),
    ({"email": "nick@", "email_confirmation": "nick@"}, "email", "no es válido"),
    ({"email_confirmation": "otro@example.com"}, "email_confirmacion", "no coincide"),
    ({"security_question": "otra"}, "pregunta", "Seleccione una pregunta"),
    ({"security_answer": ""}, "respuesta", "obligatoria"),
    ({"terms_accepted": False}, "terminos", "Debe aceptar los términos"),
])
def test_each_wrong_field_has_its_spanish_message(changes, field, message):
    problems = replace(NATURAL, **changes).problems()
    assert message in problems[field]


def test_every_wrong_field_is_reported_at_once():
    empty = RegistrationForm(kind=PersonKind.NATURAL)
    assert set(empty.problems()) >= {"numero_documento", "nombres", "apellidos", "celular", "direccion", "email",
                                     "pregunta", "respuesta", "terminos"}
    with pytest.raises(DomainError):
        empty.to_payer("1", NOW)


def test_a_legal_person_registers_with_a_nit_and_its_check_digit():
    assert LEGAL.problems() == {}
    assert LEGAL.to_payer("1", NOW).document.number == "890203088-9"
    assert "dígito de verificación" in replace(LEGAL, document_number="890203088-1").problems()["numero_documento"]
    assert "dígito de verificación" in replace(LEGAL, document_number="890203088").problems()["numero_documento"]
    assert "razón social" in replace(LEGAL, first_names="").problems()["razon_social"]


def test_person_kinds_carry_ach_user_types():
    assert (PersonKind.NATURAL.user_type, PersonKind.LEGAL.user_type) == ("0", "1")
    assert PersonKind.from_slug("juridica") is PersonKind.LEGAL
    with pytest.raises(DomainError):
        PersonKind.from_slug("otra")


def test_answers_are_compared_without_case_or_extra_blanks():
    assert normalize_answer("  San   JOSÉ ") == normalize_answer("san josé")
