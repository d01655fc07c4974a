"""inicio_pagoV2: decode the start, call the gateway use case, answer the identificador or `-1 mensaje`."""
from __future__ import annotations

from typing import Any

from domain.payment import Payer
from ports.clock import Clock
from ports.store import GatewayStore
from simulator.gateway.resolution import WorldTimeouts
from simulator.gateway.start import StartPayment, start_payment
from simulator.zonapagos.contracts.inicio import INICIO_PAGO_V2
from simulator.zonapagos.operations.common import Handler, guarded, text


def error_answer(message: str) -> dict[str, Any]:
    return {"inicio_pagoV2Result": f"-1 {message}"}


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


def handlers(store: GatewayStore, clock: Clock, timeouts: WorldTimeouts) -> dict[str, Handler]:
    def inicio_pago_v2(inputs: dict[str, Any]) -> dict[str, Any]:
        payment = start_payment(command_from(inputs), store, clock)
        return {"inicio_pagoV2Result": str(payment.identifier)}

    return {INICIO_PAGO_V2.name: guarded(INICIO_PAGO_V2, inicio_pago_v2, error_answer)}
