"""Control API for the gateway's notifications to merchants (zonapagos-ws.md §12): list the deliveries with
their attempts (all, or one merchant's, in pages), read one, send one again."""
from __future__ import annotations

from aiohttp import web

from domain.gateway.usecases.deliveries import redeliver
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from simulator.control.endpoint import Call, Endpoint, Page
from simulator.zonapagos.notification_models import DeliveriesQuery, DeliveryOut, delivery_out

BASE = "/_sim/notificaciones"


class NotificationsApi:
    def __init__(self, store: GatewayStore, clock: Clock):
        self.store = store
        self.clock = clock

    def endpoints(self) -> list[Endpoint]:
        tag, where = ("notificaciones",), {"delivery_id": "El id de la notificación"}
        return [
            Endpoint("GET", BASE, "Notificaciones a comercios (NotificarPagos y tokens) con sus intentos, más "
                     "reciente primero", self.list, answer=DeliveryOut, query=DeliveriesQuery, paged=True, tags=tag),
            Endpoint("GET", BASE + "/{delivery_id}", "Una notificación con sus intentos", self.get,
                     answer=DeliveryOut, errors=(404,), path_doc=where, tags=tag),
            Endpoint("POST", BASE + "/{delivery_id}/reenviar", "Reenviar ya una notificación pendiente o fallida "
                     "(409 si ya fue entregada)", self.send_again, answer=DeliveryOut, errors=(404, 409),
                     path_doc=where, tags=tag),
        ]

    async def list(self, call: Call) -> Page[DeliveryOut]:
        query: DeliveriesQuery = call.query
        before = None if query.desde is None else query.desde + 1
        found = self.store.deliveries.recent(query.comercio, query.limite + 1, before)
        return Page.of(found, query.limite, delivery_out, lambda d: str(d.id))

    def _id(self, call: Call) -> int:
        delivery_id = ascii_int(call.path["delivery_id"], 18)
        if delivery_id is None:
            raise DomainError("El id de la notificación debe ser numérico")
        return delivery_id

    async def get(self, call: Call) -> DeliveryOut:
        delivery = self.store.deliveries.get(self._id(call))
        if delivery is None:
            raise web.HTTPNotFound(text="Notificación no encontrada")
        return delivery_out(delivery)

    async def send_again(self, call: Call) -> DeliveryOut:
        delivery_id = self._id(call)
        if self.store.deliveries.get(delivery_id) is None:
            raise web.HTTPNotFound(text="Notificación no encontrada")
        return delivery_out(redeliver(delivery_id, self.store, self.clock))
