"""verificar_pago_v4 over real HTTP: every attempt, the PSE extras, filters, magic values, errors."""
from __future__ import annotations

import pytest

from tests.wire.soap_helpers import VERIFY_NS, attempts_of, control, new_reference, start, verify

pytestmark = pytest.mark.wire


def started(simulator, **kwargs) -> tuple[str, int]:
    reference = new_reference()
    identifier = int(start(simulator.url, reference, **kwargs).value("inicio_pagoV2Result"))
    return reference, identifier


def test_unknown_reference_is_executed_with_no_payments(simulator):
    answer = verify(simulator.url, "no-existe-" + new_reference())
    assert answer.status == 200
    assert answer.value("verificar_pago_v4Result") == "1"
    assert answer.value("int_error") == "-1"
    assert answer.value("int_cantidad_pagos") == "0"
    assert answer.value("str_res_pago") == ""
    assert answer.value("str_detalle") == "No se encontraron pagos"


@pytest.mark.parametrize("change", [{"password": "mala"}, {"user": "otro"}, {"merchant": "4242"}])
def test_wrong_credentials_answer_minus_one_with_detail(simulator, change):
    reference, _ = started(simulator)
    answer = verify(simulator.url, reference, **change)
    assert answer.value("verificar_pago_v4Result") == "-1"
    assert answer.value("int_error") == "-1"
    assert answer.value("str_detalle") == "Credenciales inválidas"
    assert answer.value("int_cantidad_pagos") == "0"


def test_the_start_password_does_not_open_verification(simulator):
    reference, _ = started(simulator)
    assert verify(simulator.url, reference, password="clave-inicio").value("verificar_pago_v4Result") == "-1"


def test_an_approved_pse_attempt_carries_the_21_fields_of_the_v4_layout(simulator):
    reference, identifier = started(simulator, total="12500", description="camisa", id_cliente="123456789",
                                    nombre_cliente="Cristina", apellido_cliente="Vargas")
    status, _ = control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 200
    answer = verify(simulator.url, reference)
    assert answer.value("verificar_pago_v4Result") == "1"
    assert answer.value("int_error") == "0"
    assert answer.value("int_cantidad_pagos") == "1"
    text = answer.value("str_res_pago")
    assert text.endswith(" | ; |") and " | " in text
    [fields] = attempts_of(answer)
    assert len(fields) == 21
    assert fields[1:10] == ["1", "12500", "0", "camisa", "123456789", "Cristina", "Vargas", "3107126048",
                            "c@ejemplo.com"]
    assert fields[10:13] == ["opcion1", "opcion2", "opcion3"]
    assert fields[14] == "29"
    assert fields[16:19] == ["2701", "1022", "BANCO UNION COLOMBIANO"]
    assert fields[19].isdigit() and fields[20].isdigit()  # CUS and cycle


def test_the_response_keeps_the_asmx_element_order(simulator):
    reference, _ = started(simulator)
    body = verify(simulator.url, reference).body.decode()
    names = ["verificar_pago_v4Result", "int_error", "str_detalle", "int_cantidad_pagos", "str_res_pago"]
    positions = [body.index(f"<{name}") for name in names]
    assert positions == sorted(positions)
    assert f'<verificar_pago_v4Response xmlns="{VERIFY_NS}">' in body


def test_the_attempt_filter_returns_one_attempt_or_none(simulator):
    reference, _ = started(simulator)
    [attempt] = attempts_of(verify(simulator.url, reference))
    number = attempt[0]
    assert attempts_of(verify(simulator.url, reference, attempt=number))[0][0] == number
    other = verify(simulator.url, reference, attempt=str(int(number) + 100000))
    assert other.value("int_cantidad_pagos") == "0" and other.value("int_error") == "-1"


@pytest.mark.parametrize(("cents", "state", "method"), [
    ("01", "1", "29"), ("02", "1000", "29"), ("03", "999", "29"), ("04", "1001", "29"),
    ("07", "4001", "32"), ("08", "4000", "32"), ("09", "4003", "32"),
])
def test_magic_amounts_force_their_outcome_at_start(simulator, cents, state, method):
    reference, _ = started(simulator, total=f"20000.{cents}")
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert (attempt[1], attempt[14]) == (state, method)


def test_a_card_attempt_shows_only_the_last_four_digits(simulator):
    reference, _ = started(simulator, total="20000.07")
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert len(attempt) == 20
    assert attempt[16] == "1111" and attempt[17] == "Visa"


def test_a_pending_03_payment_is_approved_once_the_bank_time_has_passed(simulator):
    reference, _ = started(simulator, total="30000.03")
    assert attempts_of(verify(simulator.url, reference))[0][1] == "999"
    control(simulator.url, "/_sim/clock/advance", {"segundos": 7 * 60 + 1})
    try:
        assert attempts_of(verify(simulator.url, reference))[0][1] == "1"
    finally:
        control(simulator.url, "/_sim/clock/reset", {})


def test_the_first_verification_of_a_06_payment_is_indeterminate(simulator):
    reference, _ = started(simulator, total="30000.06")
    first = verify(simulator.url, reference)
    assert first.value("verificar_pago_v4Result") == "-1"
    assert "intente de nuevo" in first.value("str_detalle")
    second = verify(simulator.url, reference)
    assert second.value("verificar_pago_v4Result") == "1"
    assert attempts_of(second)[0][1] == "888"


def test_a_final_state_cannot_be_forced_again(simulator):
    _, identifier = started(simulator)
    assert control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1000})[0] == 200
    status, problem = control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 409
    assert "estado final" in problem["detail"]


def test_raw_clients_without_byref_parameters_are_answered(simulator):
    reference, _ = started(simulator)
    body = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        f'<verificar_pago_v4 xmlns="{VERIFY_NS}"><int_id_comercio>1001</int_id_comercio>'
        "<str_usr_comercio>usuario-v4</str_usr_comercio><str_pwd_Comercio>clave-v4</str_pwd_Comercio>"
        f"<str_id_pago>{reference}</str_id_pago><int_no_pago>-1</int_no_pago></verificar_pago_v4>"
        "</soap:Body></soap:Envelope>"
    )
    from tests.wire.soap_helpers import VERIFY_PATH, post

    answer = post(simulator.url + VERIFY_PATH, body)
    assert answer.value("int_cantidad_pagos") == "1"
