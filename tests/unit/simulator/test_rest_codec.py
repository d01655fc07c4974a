"""The REST generation's JSON codec (simulator/zonapagos/rest/codec.py): properties read as Json.NET binds them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from domain.shared.errors import DomainError
from simulator.zonapagos.rest.codec import Kind, Prop, read_items, read_props

PROPS = (Prop("flt_total", Kind.NUMBER), Prop("int_id", Kind.INTEGER, 7), Prop("str_id", max_length=5, required=True))


def test_numbers_are_decimal_numeric_strings_bind_and_names_match_in_any_case():
    values = read_props({"FLT_TOTAL": Decimal("83000.50"), "int_id": "678", "str_id": 12}, PROPS, "x")
    assert values == {"flt_total": Decimal("83000.50"), "int_id": 678, "str_id": "12"}


@pytest.mark.parametrize(("body", "field", "text"), [
    ({"str_id": ""}, "str_id", "es obligatorio"),
    ({"str_id": "123456"}, "str_id", "longitud máxima de 5"),
    ({"str_id": "1", "int_id": 12345678}, "int_id", "máximo 7 dígitos"),
    ({"str_id": "1", "int_id": 1.5}, "int_id", "tipo esperado"),
    ({"str_id": "1", "flt_total": "doce"}, "flt_total", "tipo esperado"),
    ({"str_id": "1", "flt_total": True}, "flt_total", "tipo esperado"),
    ({"str_id": ["1"]}, "str_id", "tipo esperado"),
])
def test_a_wrong_property_is_refused_naming_it(body, field, text):
    with pytest.raises(DomainError) as refused:
        read_props({k: Decimal(str(v)) if isinstance(v, float) else v for k, v in body.items()}, PROPS, "x")
    assert refused.value.field == field and text in refused.value.message


def test_items_are_code_and_value_pairs_and_the_array_is_required():
    assert read_items({"Adicionales": [{"int_codigo": 50, "str_valor": "2701"}, {"int_codigo": "108"}]},
                      "Adicionales") == ((50, "2701"), (108, ""))
    with pytest.raises(DomainError, match="debe ser una lista"):
        read_items({}, "Adicionales")
    with pytest.raises(DomainError, match="int_codigo es obligatorio"):
        read_items({"Adicionales": [{"str_valor": "1"}]}, "Adicionales")


def test_the_journal_keeps_a_json_body_with_its_secrets_masked_at_any_depth():
    from simulator.control.journal_view import json_view

    kept = json_view({"InformacionSeguridad": {"STR_CLAVE": "secreta", "str_usuario": "u"},
                      "str_pwd_Comercio": "otra", "items": [{"numero_tarjeta": "4111111111111111"}],
                      "nota": "tarjeta 5555555555554444", "vacia": None})
    assert "secreta" not in kept and "otra" not in kept and '"STR_CLAVE":"****"' in kept
    assert '"numero_tarjeta":"************1111"' in kept and "5555555555554444" not in kept
    assert '"str_usuario":"u"' in kept and '"vacia":null' in kept


def test_every_field_refusal_has_a_short_form_within_fifty_characters():
    from domain.gateway.usecases.verify import Indeterminate
    from simulator.zonapagos.rest.ciclo_pago import VERIFY_PROPS, verify_detail
    from simulator.zonapagos.rest.codec import FieldRefused
    for body in ({"str_id_pago": ""}, {"str_id_pago": "1", "int_no_pago": "x"},
                 {"str_id_pago": "1", "str_pwd_Comercio": "x" * 99}, {"str_id_pago": "1", "int_no_pago": 10**12}):
        with pytest.raises(FieldRefused) as refused:
            read_props(body, VERIFY_PROPS, "cuerpo")
        detail = verify_detail(refused.value)
        assert len(detail) <= 50 and detail in (refused.value.message, refused.value.short)
    assert verify_detail(Indeterminate("x " * 40)) == "No fue posible consultar el pago, intente de nuevo"
    assert verify_detail(DomainError("palabra " * 10)) == "palabra palabra palabra palabra palabra palabra"
