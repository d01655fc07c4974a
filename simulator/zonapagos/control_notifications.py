"""Control API for the gateway's notifications to merchants (zonapagos-ws.md §12): list the deliveries with
their attempts (all, or one merchant's), read one, send one again."""
from __future__ import annotations

from aiohttp import web
from pydantic import ValidationError

from domain.gateway.usecases.deliveries import redeliver
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from simulator.control.problems import problem
from simulator.zonapagos.notification_models import DeliveriesQuery, delivery_out

BASE = "/_sim/notificaciones"


def _json(model) -> web.Response:
    return web.Response(text=model.model_dump_json(), content_type="application/json")


class NotificationsApi:
    def __init__(self, store: GatewayStore, clock: Clock):
        self.store = store
        self.clock = clock

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(BASE, self.list),
            web.get(BASE + "/{delivery_id}", self.get),
            web.post(BASE + "/{delivery_id}/reenviar", self.send_again),
        ]

    async def list(self, request: web.Request) -> web.Response:
        try:
            query = DeliveriesQuery.model_validate(dict(request.query))
        except ValidationError as error:
            first = error.errors()[0]
            raise DomainError(f"Parámetro '{'.'.join(map(str, first['loc']))}' no válido: {first['msg']}") from None
        deliveries = self.store.deliveries.recent(query.comercio, query.limite)
        text = "[" + ",".join(delivery_out(d).model_dump_json() for d in deliveries) + "]"
        return web.Response(text=text, content_type="application/json")

    def _id(self, request: web.Request) -> int:
        delivery_id = ascii_int(request.match_info["delivery_id"], 18)
        if delivery_id is None:
            raise DomainError("El id de la notificación debe ser numérico")
        return delivery_id

    async def get(self, request: web.Request) -> web.Response:
        delivery = self.store.deliveries.get(self._id(request))
        if delivery is None:
            return problem(404, "Notificación no encontrada")
        return _json(delivery_out(delivery))

    async def send_again(self, request: web.Request) -> web.Response:
        delivery_id = self._id(request)
        if self.store.deliveries.get(delivery_id) is None:
            return problem(404, "Notificación no encontrada")
        return _json(delivery_out(redeliver(delivery_id, self.store, self.clock)))
