"""RestMerchantUser: a merchant's backend on the REST generation (Apis_CicloPago, JSON).

Each iteration: InicioPago (the D-ZP example's shape, fixture F4) → for a share of the payments (ZP_APPROVE_RATIO)
force approval through the control API (the payment's identificador is the rut's first 16 hex digits) →
VerificacionPago (int_no_pago -1), checking the REST `str_res_pago` layout (21 base fields) and the state.
Every answer is checked with catch_response: a wrong answer is a failed request.
"""
from __future__ import annotations

import random
import re

from locust import FastHttpUser, between, task

from loadtests import settings
from loadtests.merchant_backend import force_approval, new_amount, new_reference

START = "/Apis_CicloPago/api/InicioPago"
VERIFY = "/Apis_CicloPago/api/VerificacionPago"
NAME_START = "InicioPago (REST)"
NAME_VERIFY = "VerificacionPago (REST)"
RUT = re.compile(r"/Ciclo_Pago/Pago\.aspx\?rut=([0-9A-F]{64})$")
LEGAL_STATES = {"1", "777", "888", "999", "1000", "1001", "4000", "4001", "4003"}


def start_body(reference: str) -> dict:
    total, vat = new_amount()
    return {
        "InformacionPago": {"flt_total_con_iva": int(total), "flt_valor_iva": int(vat), "str_id_pago": reference,
                            "str_descripcion_pago": "Carga REST", "str_id_cliente": "1033370434",
                            "str_tipo_id": "1", "str_email": "pagador@ejemplo.com"},
        "InformacionSeguridad": {"int_id_comercio": settings.ID_COMERCIO, "str_usuario": settings.USUARIO_V4,
                                 "str_clave": settings.CLAVE_V4, "int_modalidad": -1},
        "AdicionalesPago": [],
        "AdicionalesConfiguracion": [{"int_codigo": 50, "str_valor": settings.CODIGO_SERVICIO}],
    }


class RestMerchantUser(FastHttpUser):
    weight = 2
    wait_time = between(0.01, 0.1)

    @task
    def pay(self) -> None:
        reference = new_reference()
        identificador = self._start(reference)
        if identificador is None:
            return
        expected = None
        if random.random() < settings.APPROVE_RATIO and force_approval(self.client, identificador):
            expected = "1"
        self._verify(reference, expected)

    def _start(self, reference: str) -> str | None:
        with self.client.post(START, json=start_body(reference), name=NAME_START, catch_response=True) as response:
            try:
                answer = response.json()
                match = RUT.search(answer["str_url"] or "") if answer["int_codigo"] == 1 else None
            except (ValueError, KeyError, TypeError) as error:
                response.failure(f"HTTP {response.status_code}: {error!r}")
                return None
            if match is None:
                response.failure(f"InicioPago {str(answer)[:200]}")
                return None
            response.success()
            return str(int(match.group(1)[:16], 16))

    def _verify(self, reference: str, expected: str | None) -> None:
        body = {"int_id_comercio": settings.ID_COMERCIO, "str_usr_comercio": settings.USUARIO_V4,
                "str_pwd_Comercio": settings.CLAVE_V4, "str_id_pago": reference, "int_no_pago": -1}
        with self.client.post(VERIFY, json=body, name=NAME_VERIFY, catch_response=True) as response:
            try:
                answer = response.json()
                attempts = [p.split("|") for p in (answer["str_res_pago"] or "").split("|;|") if p]
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                response.failure(f"HTTP {response.status_code}: {error!r}")
                return
            if answer["int_estado"] != 1 or not attempts or len(attempts[-1]) < 21:
                response.failure(f"VerificacionPago {str(answer)[:200]}")
            elif attempts[-1][4] not in LEGAL_STATES or (expected and attempts[-1][4] != expected):
                response.failure(f"state {attempts[-1][4]}, expected {expected or 'a legal state'}")
            else:
                response.success()
