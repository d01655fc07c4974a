"""A REST merchant for wire tests (`requests`, as merchants' Python code uses it): the JSON InicioPago and
VerificacionPago of the demo merchant, the legacy form-encoded pair, and the page's parts."""
from __future__ import annotations

import re
from typing import Any

import requests

from simulator.zonapagos.seed import DEMO_MERCHANT_ID, DEMO_START_PASSWORD, DEMO_VERIFY_PASSWORD, DEMO_VERIFY_USER
from tests.wire.soap_helpers import new_reference  # noqa: F401  (the REST tests import it from here)

START = "/Apis_CicloPago/api/InicioPago"
VERIFY = "/Apis_CicloPago/api/VerificacionPago"
LEGACY_START = "/api_inicio_pago/api/inicio_pagoV2"
LEGACY_VERIFY = "/api_verificar_pagoV3/api/verificar_pago_v3"
RUT_URL = re.compile(r"^http://127\.0\.0\.1:\d+/Ciclo_Pago/Pago\.aspx\?rut=([0-9A-F]{64})$")




def start_body(reference: str | None = None, total: Any = 83000, vat: Any = 833,
               configuration: list[dict[str, Any]] | None = None, **payment: Any) -> dict[str, Any]:
    """The D-ZP example (zonapagos-ws.md F4) for the demo merchant."""
    info = {"flt_total_con_iva": total, "flt_valor_iva": vat, "str_id_pago": reference or new_reference(),
            "str_descripcion_pago": "Compra de camisa", "str_email": "cliente@ejemplo.com",
            "str_id_cliente": "123456789", "str_tipo_id": "1", "str_nombre_cliente": "Juan",
            "str_apellido_cliente": "Perez", "str_telefono_cliente": "3001234567",
            "str_opcional1": "canal-web", "str_opcional2": "campaña-abril", **payment}
    return {"InformacionPago": {k: v for k, v in info.items() if v is not None},
            "InformacionSeguridad": {"int_id_comercio": DEMO_MERCHANT_ID, "str_usuario": DEMO_VERIFY_USER,
                                     "str_clave": DEMO_VERIFY_PASSWORD, "int_modalidad": -1},
            "AdicionalesPago": [],
            "AdicionalesConfiguracion": configuration if configuration is not None
            else [{"int_codigo": 50, "str_valor": "2701"}]}


def inicio(base: str, body: Any) -> requests.Response:
    return requests.post(base + START, json=body, timeout=10)


def verificacion(base: str, reference: str, password: str = DEMO_VERIFY_PASSWORD, number: int = -1,
                 **extra: Any) -> requests.Response:
    return requests.post(base + VERIFY, json={
        "int_id_comercio": DEMO_MERCHANT_ID, "str_usr_comercio": DEMO_VERIFY_USER, "str_pwd_Comercio": password,
        "str_id_pago": reference, "int_no_pago": number, **extra}, timeout=10)


def rest_attempts(answer: dict[str, Any]) -> list[list[str]]:
    """`str_res_pago` (§7b) as attempts of fields."""
    return [piece.split("|") for piece in (answer["str_res_pago"] or "").split("|;|") if piece]


def started_rest(base: str, **kwargs: Any) -> tuple[str, str]:
    """(reference, str_url) of a new REST payment."""
    body = start_body(**kwargs)
    answer = inicio(base, body).json()
    assert answer["int_codigo"] == 1, answer
    return body["InformacionPago"]["str_id_pago"], answer["str_url"]


def legacy_start_fields(reference: str, total: str = "23800", vat: str = "3800", **extra: str) -> dict[str, str]:
    return {"id_tienda": str(DEMO_MERCHANT_ID), "clave": DEMO_START_PASSWORD, "total_con_iva": total,
            "valor_iva": vat, "id_pago": reference, "descripcion_pago": "Pago liquidacion",
            "email": "pagador@ejemplo.com", "id_cliente": "900794694", "tipo_id": "3", "nombre_cliente": "NICK",
            "apellido_cliente": "RIVERA", "telefono_cliente": "3001234567", "info_opcional1": "a",
            "info_opcional2": "b", "info_opcional3": "c", "codigo_servicio_principal": "2701", **extra}


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]*)"', html)
    assert match, html[:2000]
    return match.group(1)
