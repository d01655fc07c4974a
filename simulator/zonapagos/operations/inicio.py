"""inicio_pagoV2/V3/V4: decode the start, call the gateway use case, answer the identificador or `-1 mensaje`.

V3 and V4 start a payment exactly as V2 does, from V2's 21 elements. Their extra elements are read
(so a wrong type still faults) and then ignored: V3's attachment names and `lista_info_opcional`, V4's
`lista_info_opcional_codigo`/`_valor`. V4's ByRef `lista_respuesta` comes back as it was sent, as an
untouched ByRef parameter of an ASMX method does (null stays null and is omitted).
"""
from __future__ import annotations

from typing import Any

from domain.shared.gateway_records import Payer
from ports.clock import Clock
from ports.store import SimulatorStore
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.start import StartPayment, start_payment
from simulator.soap.contract import Operation
from simulator.zonapagos.contracts.inicio import INICIO_PAGO_V2, INICIO_PAGO_V3, INICIO_PAGO_V4
from simulator.zonapagos.operations.common import Handler, guarded, text


def _start_operation(operation: Operation, store: SimulatorStore, clock: Clock) -> Handler:
    """One version of the start: the same use case, the answer in `<operation>Result`."""
    def start(inputs: dict[str, Any]) -> dict[str, Any]:
        payment = start_payment(command_from(inputs), store, clock)
        return {operation.result_name: str(payment.identifier)}

    return guarded(operation, start, lambda message: {operation.result_name: f"-1 {message}"})


def _echoing_lista_respuesta(handler: Handler) -> Handler:
    def run(inputs: dict[str, Any]) -> dict[str, Any]:
        return {**handler(inputs), "lista_respuesta": inputs.get("lista_respuesta")}
    run.error_answer = handler.error_answer  # type: ignore[attr-defined]  # kept for fault injection
    return run


def command_from(inputs: dict[str, Any]) -> StartPayment:
    return StartPayment(
        merchant_id=inputs["id_tienda"],
        password=inputs["clave"] or "",
        total=inputs["total_con_iva"],
        vat=inputs["valor_iva"],
        reference=text(inputs, "id_pago"),
        description=text(inputs, "descripcion_pago"),
        payer=Payer(
            document_number=text(inputs, "id_cliente"), document_type=text(inputs, "tipo_id"),
            first_names=text(inputs, "nombre_cliente"), last_names=text(inputs, "apellido_cliente"),
            phone=text(inputs, "telefono_cliente"), email=text(inputs, "email"),
        ),
        optional_fields=(text(inputs, "info_opcional1"), text(inputs, "info_opcional2"),
                         text(inputs, "info_opcional3")),
        service_code=text(inputs, "codigo_servicio_principal"),
    )


def handlers(store: SimulatorStore, clock: Clock, timeouts: WorldTimeouts) -> dict[str, Handler]:
    return {
        INICIO_PAGO_V2.name: _start_operation(INICIO_PAGO_V2, store, clock),
        INICIO_PAGO_V3.name: _start_operation(INICIO_PAGO_V3, store, clock),
        INICIO_PAGO_V4.name: _echoing_lista_respuesta(_start_operation(INICIO_PAGO_V4, store, clock)),
    }
