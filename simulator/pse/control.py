"""The control API's ACH part: the inbox of sent messages and the PSE transactions (JSON under /_sim/).

`GET /_sim/inbox?para=<address>` (newest first), `GET /_sim/buzon` (the same as a page),
`GET /_sim/pse/transacciones[/{cus}]`, `POST /_sim/pse/transacciones/{cus}/estado {"estado": "OK"}`.
Errors are JSON problems (the `control_errors` middleware), except the page, which shows Spanish text.
"""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError
from domain.shared.payment_states import PseState
from domain.ach.transaction import PseTransaction
from ports.notifications import Message
from simulator.control.problems import problem, read_json
from domain.ach.usecases.transactions import force_state, list_transactions, load
from simulator.web.templating import render
from domain.ach.policy import AchPolicy
from simulator.world import World

MAX_MESSAGES = 100


def message_json(m: Message) -> dict[str, Any]:
    return {"id": m.id, "canal": m.channel, "para": m.to, "asunto": m.subject, "cuerpo": m.body,
            "enviado": m.sent_at.isoformat()}


def transaction_json(t: PseTransaction) -> dict[str, Any]:
    return {
        "cus": t.cus, "estado": t.state.value, "finalizada": t.finalized, "entidad": t.entity_code,
        "nombre_entidad": t.entity_name, "codigo_servicio": t.service_code, "banco": t.bank_code,
        "nombre_banco": t.bank_name, "valor": str(t.amount.amount), "iva": str(t.vat.amount), "ticket": t.ticket_id,
        "tipo_usuario": t.user_type, "referencias": list(t.references), "descripcion": t.description,
        "fecha_solicitud": t.solicit_date.isoformat(), "creada": t.created_at.isoformat(), "ciclo": t.cycle,
        "fecha_banco": t.bank_process_date.isoformat() if t.bank_process_date else None,
        "autorizacion": t.authorization_id, "correo_pagador": t.payer_email,
        "retenida_para_monitor": t.held_outcome.value if t.held_outcome else None, "url_entidad": t.entity_url,
        "historial": [{"estado": c.state.value, "fecha": c.at.isoformat(), "motivo": c.reason} for c in t.history],
    }


class AchControl:
    def __init__(self, world: World, policy: AchPolicy):
        self.world = world
        self.policy = policy

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/inbox", self.inbox),
            web.get("/_sim/buzon", self.inbox_page),
            web.get("/_sim/pse/transacciones", self.transactions),
            web.get("/_sim/pse/transacciones/{cus}", self.transaction),
            web.post("/_sim/pse/transacciones/{cus}/estado", self.force),
        ]

    def _messages(self, to: str) -> list[Message]:
        inbox = self.world.store.notifications
        return inbox.messages_for(to, MAX_MESSAGES) if to else inbox.recent(MAX_MESSAGES)

    async def inbox(self, request: web.Request) -> web.Response:
        to = request.query.get("para", request.query.get("to", "")).strip()
        if len(to) > 70:
            raise DomainError("'para' admite máximo 70 caracteres")
        return web.json_response([message_json(m) for m in self._messages(to)])

    async def inbox_page(self, request: web.Request) -> web.Response:
        to = request.query.get("para", "").strip()[:70]
        return render(request, "pse/buzon.html", para=to, messages=self._messages(to))

    async def transactions(self, request: web.Request) -> web.Response:
        found = list_transactions(self.world.store, self.world.clock, self.policy)
        return web.json_response([transaction_json(t) for t in found])

    def _cus(self, request: web.Request) -> str:
        cus = request.match_info["cus"]
        if not (cus.isascii() and cus.isdigit()) or len(cus) > 20:
            raise DomainError("El CUS debe ser numérico")
        return cus

    async def transaction(self, request: web.Request) -> web.Response:
        cus = self._cus(request)
        with self.world.store.transaction():
            found = load(self.world.store, cus, self.world.clock, self.policy)
        if found is None:
            return problem(404, "Transacción PSE no encontrada", f"No existe el CUS {cus}")
        return web.json_response(transaction_json(found))

    async def force(self, request: web.Request) -> web.Response:
        cus = self._cus(request)
        data = await read_json(request)
        try:
            state = PseState(str(data.get("estado", data.get("state", ""))).upper())
        except ValueError:
            raise DomainError("'estado' debe ser OK, NOT_AUTHORIZED o FAILED") from None
        if state is PseState.PENDING:
            raise DomainError("'estado' debe ser OK, NOT_AUTHORIZED o FAILED")
        forced = force_state(cus, state, self.world.store, self.world.clock, self.policy)
        if forced is None:
            return problem(404, "Transacción PSE no encontrada", f"No existe el CUS {cus}")
        return web.json_response(transaction_json(forced))
