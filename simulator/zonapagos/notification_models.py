"""The control API's models for notifications to merchants (/_sim/notificaciones): what the endpoints answer and
the listing's query; the generated OpenAPI document takes their schemas (simulator/control/endpoint.py)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from domain.gateway.delivery import Delivery, DeliveryAttempt
from simulator.control.endpoint import PageQuery

MASK = "****"


class DeliveryAttemptOut(BaseModel):
    numero: int
    fecha: str  # ISO 8601 on the simulated clock
    exitoso: bool
    estado_http: int | None = Field(description="Estado HTTP de la respuesta del comercio; null sin respuesta")
    respuesta: str = Field(description="Cuerpo recibido del comercio (hasta 2000 caracteres)")
    detalle: str


class DeliveryOut(BaseModel):
    id: int
    tipo: Literal["pago", "token"]
    id_comercio: int
    referencia: str = Field(description="id_pago del pago, o id_cliente del token")
    url: str
    estado: Literal["pendiente", "entregada", "fallida"]
    creada: str
    proximo_intento: str | None = Field(description="Cuándo vence el próximo intento (solo pendientes)")
    cuerpo: dict[str, Any] = Field(description="El JSON enviado al comercio, con su clave enmascarada")
    intentos: list[DeliveryAttemptOut]


class DeliveriesQuery(PageQuery):
    """Like the other listings: unknown query parameters are ignored; pages with `limite` and `desde`."""

    comercio: int | None = Field(None, ge=0, le=999_999_999, description="Solo las notificaciones a este comercio")
    desde: int | None = Field(None, ge=0, le=2**62, description="Cursor: id de la notificación más reciente de la página")


def attempt_out(attempt: DeliveryAttempt) -> DeliveryAttemptOut:
    return DeliveryAttemptOut(numero=attempt.number, fecha=attempt.at.isoformat(), exitoso=attempt.succeeded,
                              estado_http=attempt.http_status, respuesta=attempt.answer, detalle=attempt.detail)


def delivery_out(delivery: Delivery) -> DeliveryOut:
    body = dict(delivery.payload)
    if body.get(delivery.kind.secret_field):
        body[delivery.kind.secret_field] = MASK
    return DeliveryOut(
        id=delivery.id, tipo=delivery.kind.value, id_comercio=delivery.merchant_id, referencia=delivery.reference,
        url=delivery.url, estado=delivery.status.value, creada=delivery.created_at.isoformat(),
        proximo_intento=delivery.next_at.isoformat() if delivery.status.value == "pendiente" else None,
        cuerpo=body, intentos=[attempt_out(a) for a in delivery.attempts])
