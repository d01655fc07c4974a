"""The control API's payments: list them, read one with its attempts and history, force an outcome."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.gateway.payment import Payment
from domain.gateway.usecases.force import force_outcome
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from simulator.control.problems import problem, read_json


def payment_json(payment: Payment) -> dict[str, Any]:
    settings = payment.settings
    rest = {"adicionales_configuracion": [{"int_codigo": c, "str_valor": v} for c, v in settings.configuration],
            "adicionales_pago": [{"int_codigo": c, "str_valor": v} for c, v in settings.additional],
            "tokenizacion": settings.tokenization} if settings.is_rest else {}
    return {
        "generacion": "rest" if settings.is_rest else "soap",
        **rest,
        "identificador": payment.identifier,
        "id_comercio": payment.merchant_id,
        "id_pago": payment.reference,
        "total_con_iva": str(payment.total.amount),
        "valor_iva": str(payment.vat.amount),
        "descripcion": payment.description,
        "creado": payment.created_at.isoformat(),
        "intentos": [
            {
                "numero": a.number,
                "estado": int(a.state),
                "estado_texto": a.state.label,
                "forma_pago": int(a.method) if a.method is not None else None,
                "valor": str(payment.paid_by(a).amount),  # the total, or the fraction of a split payment
                "historial": [{"estado": int(c.state), "fecha": c.at.isoformat(), "motivo": c.reason}
                              for c in a.history],
            }
            for a in payment.attempts
        ],
    }


class PaymentsApi:
    def __init__(self, store: GatewayStore, clock: Clock):
        self.store = store
        self.clock = clock

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/payments", self.list_payments),
            web.get("/_sim/payments/{identifier}", self.get_payment),
            web.post("/_sim/payments/{identifier}/outcome", self.set_outcome),
        ]

    async def list_payments(self, request: web.Request) -> web.Response:
        return web.json_response([payment_json(p) for p in self.store.payments.list_recent(100)])

    def _identifier(self, request: web.Request) -> int:
        text = request.match_info["identifier"]
        identifier = ascii_int(text)
        if identifier is None:
            raise DomainError("El identificador debe ser numérico")
        return identifier

    async def get_payment(self, request: web.Request) -> web.Response:
        payment = self.store.payments.get(self._identifier(request))
        if payment is None:
            return problem(404, "Pago no encontrado")
        return web.json_response(payment_json(payment))

    async def set_outcome(self, request: web.Request) -> web.Response:
        identifier = self._identifier(request)
        data = await read_json(request)
        try:
            state = PaymentState(int(data.get("estado", data.get("state"))))
        except (TypeError, ValueError):
            raise DomainError("'estado' debe ser un código de estado de ZonaPAGOS (1, 777, 888, 999, 1000, 1001, 4000, 4001, 4003)")
        method = {"pse": PaymentMethod.PSE, "tarjeta": PaymentMethod.CARD, "card": PaymentMethod.CARD}.get(
            str(data.get("forma_pago", "")).lower())
        if self.store.payments.get(identifier) is None:
            return problem(404, "Pago no encontrado")
        payment = force_outcome(identifier, state, self.store, self.clock, method)
        return web.json_response(payment_json(payment))
