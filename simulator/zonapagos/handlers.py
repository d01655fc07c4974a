"""The ZonaPAGOS operations on the wire: inputs by name in, outputs by name out.

Thin on purpose: check the contract's wire rules, build the command, call the gateway use case, and
map the answer. Business errors go in-band, as the real service does: `-1 <mensaje>` for the start,
`verificar_pago_v4Result = -1` with `int_error = -1` and `str_detalle` for verification. The mapping
lives in `error_outputs`, the one place for this wire.
"""
from __future__ import annotations

from typing import Any, Callable

from domain.errors import DomainError
from domain.payment import Payer
from ports.clock import Clock
from ports.store import GatewayStore
from simulator.gateway.resolution import WorldTimeouts
from simulator.gateway.start import StartPayment, start_payment
from simulator.gateway.verify import verify_payment
from simulator.zonapagos.contract import INICIO_PAGO_V2, VERIFICAR_PAGO_V4, Kind, Operation
from simulator.zonapagos.res_pago import attempt_fields, encode_attempts

Handler = Callable[[dict[str, Any]], dict[str, Any]]


def check_wire_rules(operation: Operation, inputs: dict[str, Any]) -> None:
    """Required fields and size limits of the contract, each refused with a message naming the field."""
    for field in operation.inputs:
        value = inputs.get(field.name)
        if field.required and (value is None or (field.kind is Kind.STRING and not value.strip())):
            raise DomainError(f"El campo {field.name} es obligatorio", field.name)
        if field.max_length is not None and isinstance(value, str) and len(value) > field.max_length:
            raise DomainError(
                f"El campo {field.name} excede la longitud máxima de {field.max_length} caracteres", field.name
            )


def error_outputs(operation: Operation, message: str) -> dict[str, Any]:
    """The service's own in-band error answer for `operation`."""
    if operation is INICIO_PAGO_V2:
        return {"inicio_pagoV2Result": f"-1 {message}"}
    return {
        "verificar_pago_v4Result": -1, "int_error": -1, "str_detalle": message,
        "int_cantidad_pagos": 0, "str_res_pago": "",
    }


def _text(inputs: dict[str, Any], name: str) -> str:
    return (inputs.get(name) or "").strip()


class ZonaPagosOperations:
    def __init__(self, store: GatewayStore, clock: Clock, timeouts: WorldTimeouts):
        self._store = store
        self._clock = clock
        self._timeouts = timeouts

    def table(self) -> dict[str, Handler]:
        return {
            INICIO_PAGO_V2.name: self._guarded(INICIO_PAGO_V2, self.inicio_pago_v2),
            VERIFICAR_PAGO_V4.name: self._guarded(VERIFICAR_PAGO_V4, self.verificar_pago_v4),
        }

    @staticmethod
    def _guarded(operation: Operation, handler: Handler) -> Handler:
        def run(inputs: dict[str, Any]) -> dict[str, Any]:
            try:
                check_wire_rules(operation, inputs)
                return handler(inputs)
            except DomainError as error:
                return error_outputs(operation, error.message)
        return run

    def inicio_pago_v2(self, inputs: dict[str, Any]) -> dict[str, Any]:
        command = StartPayment(
            merchant_id=inputs["id_tienda"],
            password=inputs["clave"] or "",
            total=inputs["total_con_iva"],
            vat=inputs["valor_iva"],
            reference=_text(inputs, "id_pago"),
            description=_text(inputs, "descripcion_pago"),
            payer=Payer(
                document_number=_text(inputs, "id_cliente"), document_type=_text(inputs, "tipo_id"),
                first_names=_text(inputs, "nombre_cliente"), last_names=_text(inputs, "apellido_cliente"),
                phone=_text(inputs, "telefono_cliente"), email=_text(inputs, "email"),
            ),
            optional_fields=(
                _text(inputs, "info_opcional1"), _text(inputs, "info_opcional2"), _text(inputs, "info_opcional3"),
            ),
            service_code=_text(inputs, "codigo_servicio_principal"),
        )
        payment = start_payment(command, self._store, self._clock)
        return {"inicio_pagoV2Result": str(payment.identifier)}

    def verificar_pago_v4(self, inputs: dict[str, Any]) -> dict[str, Any]:
        attempt_number = inputs["int_no_pago"]
        verification = verify_payment(
            merchant_id=inputs["int_id_comercio"], user=inputs["str_usr_comercio"] or "",
            password=inputs["str_pwd_Comercio"] or "", reference=_text(inputs, "str_id_pago"),
            attempt_number=-1 if attempt_number is None else attempt_number,
            store=self._store, clock=self._clock, timeouts=self._timeouts,
        )
        if not verification.attempts:
            return {
                "verificar_pago_v4Result": 1, "int_error": -1, "str_detalle": "No se encontraron pagos",
                "int_cantidad_pagos": 0, "str_res_pago": "",
            }
        groups = [attempt_fields(verification.payment, a) for a in verification.attempts]
        return {
            "verificar_pago_v4Result": 1, "int_error": 0, "str_detalle": "",
            "int_cantidad_pagos": len(groups), "str_res_pago": encode_attempts(groups, verification.compact),
        }
