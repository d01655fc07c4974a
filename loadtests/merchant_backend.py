"""What a merchant's backend sends the gateway, as Locust requests: start a payment, verify it, force an outcome.

Shared by the users that play a merchant (MerchantUser, SondaUser) and the one whose checkout starts the payment
before the payer walks the pages (PayerUser). Every request is checked with catch_response: a wrong answer is a
failed request, never a silent success.
"""
from __future__ import annotations

import random
import uuid

from loadtests import settings
from loadtests.soap_answers import LEGAL_STATES, answer_values, split_attempts
from loadtests.soap_bodies import (
    START_NS, START_PATH, START_SOAP_ACTION, VERIFY_NS, VERIFY_PATH, VERIFY_SOAP_ACTION, inicio_pago_v2,
    verificar_pago_v4,
)

# Request names: the 'Name' column of the CSV/HTML reports.
NAME_INICIO = "inicio_pagoV2"
NAME_APPROVE = "/_sim/payments/[identificador]/outcome"
NAME_VERIFY = "verificar_pago_v4"


def new_reference() -> str:
    """A unique numeric id_pago, 20 digits (≤ 30), never a leading zero."""
    return str(uuid.uuid4().int)[:20]


def new_amount() -> tuple[str, str]:
    """A realistic total in whole pesos with its 19 % IVA: no centavos, so no magic value is hit."""
    total = random.randint(2, 2_000) * 1_000 + random.choice((0, 500))
    vat = total * 19 // 119
    return str(total), str(vat)


def start_payment(client, reference: str, **payer: str) -> str | None:
    """inicio_pagoV2 → the payment's identificador, or None (the request is then a counted failure)."""
    total, vat = new_amount()
    body = inicio_pago_v2(
        id_tienda=settings.ID_COMERCIO, clave=settings.CLAVE_INICIO, total_con_iva=total, valor_iva=vat,
        id_pago=reference, codigo_servicio_principal=settings.CODIGO_SERVICIO, **payer,
    )
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": START_SOAP_ACTION}
    with client.post(START_PATH, data=body.encode(), headers=headers, name=NAME_INICIO,
                     catch_response=True) as response:
        values = answer_values(response, START_NS, "inicio_pagoV2Result")
        if values is None:
            return None
        result = values["inicio_pagoV2Result"]
        if result is None:
            response.failure("no inicio_pagoV2Result in the answer")
            return None
        if result.startswith("-1") or not result.isdigit():
            response.failure(f"inicio_pagoV2Result {result[:120]!r}")
            return None
        response.success()
        return result


def force_approval(client, identificador: str) -> bool:
    """The control API's forced outcome 1 (the simulator's shortcut for "the payer paid")."""
    with client.post(f"/_sim/payments/{identificador}/outcome", json={"estado": 1}, name=NAME_APPROVE,
                     catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"HTTP {response.status_code}: {(response.text or '')[:200]}")
            return False
        try:
            state = response.json()["intentos"][-1]["estado"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            response.failure(f"unexpected control answer: {error!r}")
            return False
        if state != 1:
            response.failure(f"forced approval left the attempt in {state}")
            return False
        response.success()
        return True


def verify_payment(client, reference: str, expected_state: str | None = None,
                   name: str = NAME_VERIFY) -> list[list[str]] | None:
    """verificar_pago_v4 (every attempt) → the attempts' fields, or None after a counted failure.

    Fails the request on anything but `verificar_pago_v4Result` 1 / `int_error` 0 with at least one attempt, on an
    illegal state, and when the last attempt is not `expected_state` (when given).
    """
    body = verificar_pago_v4(
        int_id_comercio=settings.ID_COMERCIO, str_usr_comercio=settings.USUARIO_V4,
        str_pwd_Comercio=settings.CLAVE_V4, str_id_pago=reference, int_no_pago=-1,
    )
    headers = {"Content-Type": "text/xml", "SOAPAction": VERIFY_SOAP_ACTION}
    with client.post(VERIFY_PATH, data=body.encode(), headers=headers, name=name,
                     catch_response=True) as response:
        values = answer_values(response, VERIFY_NS, "verificar_pago_v4Result", "int_error", "str_detalle",
                               "str_res_pago")
        if values is None:
            return None
        result, error, detail = values["verificar_pago_v4Result"], values["int_error"], values["str_detalle"]
        res_pago = values["str_res_pago"] or ""
        if result != "1":
            response.failure(f"verificar_pago_v4Result {result!r}, str_detalle {detail!r}")
            return None
        if error != "0":
            response.failure(f"int_error {error!r}, str_detalle {detail!r}")
            return None
        attempts = split_attempts(res_pago)
        if not attempts:
            response.failure(f"no attempt in str_res_pago {res_pago[:200]!r}")
            return None
        states = [fields[1] for fields in attempts]
        illegal = [s for s in states if s not in LEGAL_STATES]
        if illegal:
            response.failure(f"illegal int_estado_pago {illegal} in {res_pago[:200]!r}")
            return None
        if expected_state is not None and states[-1] != expected_state:
            response.failure(f"state {states[-1]}, expected {expected_state}")
            return None
        response.success()
        return attempts
