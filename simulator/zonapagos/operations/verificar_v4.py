"""verificar_pago_v4: every attempt of a reference as `str_res_pago`, errors in the by-reference fields."""
from __future__ import annotations

from typing import Any

from ports.clock import Clock
from ports.pse import PseNetwork
from ports.store import SimulatorStore
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.verify import verify_payment
from simulator.zonapagos.contracts.verificar_v4 import VERIFICAR_PAGO_V4
from simulator.zonapagos.operations.common import Handler, guarded, text
from simulator.zonapagos.res_pago import attempt_fields, encode_attempts


def error_answer(message: str) -> dict[str, Any]:
    return {"verificar_pago_v4Result": -1, "int_error": -1, "str_detalle": message,
            "int_cantidad_pagos": 0, "str_res_pago": ""}


NOT_FOUND = {"verificar_pago_v4Result": 1, "int_error": -1, "str_detalle": "No se encontraron pagos",
             "int_cantidad_pagos": 0, "str_res_pago": ""}


def handlers(store: SimulatorStore, clock: Clock, timeouts: WorldTimeouts,
             pse: PseNetwork | None = None) -> dict[str, Handler]:
    def verificar_pago_v4(inputs: dict[str, Any]) -> dict[str, Any]:
        attempt_number = inputs["int_no_pago"]
        verification = verify_payment(
            merchant_id=inputs["int_id_comercio"], user=inputs["str_usr_comercio"] or "",
            password=inputs["str_pwd_Comercio"] or "", reference=text(inputs, "str_id_pago"),
            attempt_number=-1 if attempt_number is None else attempt_number,
            store=store, clock=clock, timeouts=timeouts, pse=pse,
        )
        view = verification.view
        if view is not None:
            return {"verificar_pago_v4Result": 1, "int_error": 0, "str_detalle": "",
                    "int_cantidad_pagos": view.count, "str_res_pago": view.res_pago(verification.compact)}
        if not verification.attempts:
            return dict(NOT_FOUND)
        groups = [attempt_fields(verification.payment, a) for a in verification.attempts]
        return {"verificar_pago_v4Result": 1, "int_error": 0, "str_detalle": "",
                "int_cantidad_pagos": len(groups), "str_res_pago": encode_attempts(groups, verification.compact)}

    return {VERIFICAR_PAGO_V4.name: guarded(VERIFICAR_PAGO_V4, verificar_pago_v4, error_answer)}
