"""The control API under /_sim/: JSON in and out, errors as JSON problems (RFC 9457)."""
from __future__ import annotations

import json
import logging
import os
from typing import Any

from aiohttp import web

from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError, IllegalTransition
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.clock import ControllableClock
from ports.store import SimulatorStore
from domain.gateway.usecases.force import force_outcome


def problem(status: int, title: str, detail: str = "") -> web.Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False),
                        content_type="application/problem+json")


def payment_json(payment: Payment) -> dict[str, Any]:
    return {
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
                "historial": [{"estado": int(c.state), "fecha": c.at.isoformat(), "motivo": c.reason}
                              for c in a.history],
            }
            for a in payment.attempts
        ],
    }


async def read_json(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DomainError("El cuerpo debe ser JSON válido")
    if not isinstance(data, dict):
        raise DomainError("El cuerpo debe ser un objeto JSON")
    return data


class ControlApi:
    def __init__(self, store: SimulatorStore, clock: ControllableClock):
        self.store = store
        self.clock = clock

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/health", self.health),
            web.get("/_sim/payments", self.list_payments),
            web.get("/_sim/payments/{identifier}", self.get_payment),
            web.post("/_sim/payments/{identifier}/outcome", self.set_outcome),
            web.get("/_sim/clock", self.get_clock),
            web.post("/_sim/clock/advance", self.advance_clock),
            web.post("/_sim/clock/reset", self.reset_clock),
        ]

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "pid": os.getpid()})

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

    async def get_clock(self, request: web.Request) -> web.Response:
        return web.json_response({"ahora": self.clock.now().isoformat()})

    async def advance_clock(self, request: web.Request) -> web.Response:
        data = await read_json(request)
        seconds = data.get("segundos", data.get("seconds"))
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= 10**8:
            raise DomainError("'segundos' debe ser un número entre 0 y 100000000")
        return web.json_response({"ahora": self.clock.advance(seconds).isoformat()})

    async def reset_clock(self, request: web.Request) -> web.Response:
        self.clock.reset()
        return web.json_response({"ahora": self.clock.now().isoformat()})


TOO_LARGE_PAGE = (
    "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Solicitud demasiado grande</title></head>"
    "<body><h1>Solicitud demasiado grande</h1><p>Los datos enviados superan el tamaño máximo permitido. "
    "Vuelva a la página anterior y revise el formulario.</p></body></html>"
)


@web.middleware
async def control_errors(request: web.Request, handler):
    """Every error under /_sim/ becomes a JSON problem; never an HTML page or a traceback. A page's form
    over the body limit gets a Spanish page."""
    if not request.path.startswith("/_sim/"):
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            if request.path.lower().endswith(".asmx"):
                raise  # SOAP callers get the plain 413, as IIS answers
            return web.Response(status=413, content_type="text/html", text=TOO_LARGE_PAGE)
    try:
        return await handler(request)
    except IllegalTransition as error:
        return problem(409, "Transición de estado no permitida", error.message)
    except DomainError as error:
        return problem(400, "Solicitud no válida", error.message)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return problem(error.status, error.reason or "Error", error.text or "")
    except Exception:
        logging.getLogger("pasarela.control").exception("control API error")
        return problem(500, "Error interno del simulador")
