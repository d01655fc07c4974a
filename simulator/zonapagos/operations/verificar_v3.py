"""verificar_pago_v3: every attempt of a reference as a `pagos_v3` record; ds_verificar_pago and
ds_verificar_pago_v2: the same attempts as the rows of a .NET DataSet, with the same codes in `codigo`
(`descripcion` says what `str_error` says).

The result codes are the ones a public .NET client of this service documents:
`1`/`int_error 0` payments found; `0`/`int_error 1` none ("rechazado o nunca iniciado");
`-1`/`int_error 2` wrong `str_id_clave` or merchant; `-1`/`int_error -1` any other error.
`res_pagos_v3` is always present (empty when nothing is listed): .NET clients count it unguarded.
"""
from __future__ import annotations

from typing import Any, Callable

from domain.shared.digits import ascii_int
from domain.gateway.payment import Attempt, Payment
from domain.shared.payment_states import PaymentMethod
from ports.clock import Clock
from ports.pse import PseNetwork
from ports.store import SimulatorStore
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.verify import InvalidCredentials, verify_payment_with_key
from simulator.soap.dataset import DataSet
from simulator.zonapagos.contracts.verificar_v3 import (
    DS_VERIFICAR_PAGO, DS_VERIFICAR_PAGO_V2, PAGOS_V3, VERIFICAR_PAGO_V3,
)
from simulator.zonapagos.operations.common import Handler, guarded, text


def _answer(result: int, error: int, message: str, records: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"verificar_pago_v3Result": result, "res_pagos_v3": records or [], "int_error": error,
            "str_error": message}


def error_answer(message: str) -> dict[str, Any]:
    return _answer(-1, -1, message)


def _number(value: str) -> int:
    """A code the V3 record types as int; 0 when the attempt has none."""
    return ascii_int(value, 9) or 0


def record_of(payment: Payment, attempt: Attempt) -> dict[str, Any]:
    """One attempt as `pagos_v3`. `dat_fecha` is the same instant as V4's (the last state change)."""
    at = attempt.history[-1].at if attempt.history else attempt.started_at
    pse = attempt.pse if attempt.method is PaymentMethod.PSE else None
    card = attempt.card if attempt.method is PaymentMethod.CARD else None
    campo1, campo2, campo3 = payment.optional_fields
    return {
        "str_id_pago": payment.reference,
        "int_estado_pago": int(attempt.state),
        "int_id_forma_pago": int(attempt.method) if attempt.method is not None else 0,
        "dbl_valor_pagado": payment.total.amount,
        "str_ticketID": pse.ticket_id if pse else card.ticket_id if card else "",
        "str_id_clave": str(payment.identifier),
        "str_id_cliente": payment.payer.document_number,
        "str_franquicia": card.franchise if card else "",
        "int_cod_aprobacion": _number(card.approval_code) if card else 0,
        "int_codigo_servico": _number(pse.service_code) if pse else 0,
        "int_codigo_banco": _number(pse.bank_code) if pse else 0,
        "str_nombre_banco": pse.bank_name if pse else "",
        "str_codigo_transaccion": pse.cus if pse else "",
        "int_ciclo_transaccion": _number(pse.cycle) if pse else 0,
        "str_campo1": campo1,
        "str_campo2": campo2,
        "str_campo3": campo3,
        "dat_fecha": at.replace(tzinfo=None, microsecond=0),
    }


def _dataset_answer(name: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A ds_ operation's answer from the V3 one: `codigo` is V3's result, `descripcion` its `str_error`."""
    def answer(v3: dict[str, Any]) -> dict[str, Any]:
        rows = v3["res_pagos_v3"]
        return {f"{name}Result": {"codigo": v3["verificar_pago_v3Result"], "descripcion": v3["str_error"],
                                  "ds_verificar_pago": DataSet(PAGOS_V3.fields, rows)}}
    return answer


def handlers(store: SimulatorStore, clock: Clock, timeouts: WorldTimeouts,
             pse: PseNetwork | None = None) -> dict[str, Handler]:
    def verify(merchant_id: int | None, key: str | None, reference: str) -> dict[str, Any]:
        try:
            verification = verify_payment_with_key(
                merchant_id=merchant_id or 0, key=key or "", reference=reference, store=store, clock=clock,
                timeouts=timeouts, pse=pse,
            )
        except InvalidCredentials as error:
            return _answer(-1, 2, error.message)
        if not verification.attempts:
            return _answer(0, 1, "No se encontraron pagos")
        assert verification.payment is not None
        return _answer(1, 0, "", [record_of(verification.payment, a) for a in verification.attempts])

    def verificar_pago_v3(inputs: dict[str, Any]) -> dict[str, Any]:
        return verify(inputs["int_id_tienda"], inputs["str_id_clave"], text(inputs, "str_id_pago"))

    operations = {VERIFICAR_PAGO_V3.name: guarded(VERIFICAR_PAGO_V3, verificar_pago_v3, error_answer)}
    for operation in (DS_VERIFICAR_PAGO, DS_VERIFICAR_PAGO_V2):
        to_dataset = _dataset_answer(operation.name)

        def ds_verificar(inputs: dict[str, Any], to_dataset=to_dataset) -> dict[str, Any]:
            return to_dataset(verify(inputs["id_tienda"], inputs["id_clave"], text(inputs, "id_pago")))

        operations[operation.name] = guarded(operation, ds_verificar, lambda message, to_dataset=to_dataset:
                                             to_dataset(error_answer(message)))
    return operations
