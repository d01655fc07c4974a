"""The control API's ACH part: the inbox of sent messages and the PSE transactions (JSON under /_sim/).

`GET /_sim/inbox?para=<address>` (newest first), `GET /_sim/buzon` (the same as a page),
`GET /_sim/pse/transacciones[/{cus}]`, `POST /_sim/pse/transacciones/{cus}/estado {"estado": "OK"}`.
Errors are JSON problems (the `control_errors` middleware), except the page, which shows Spanish text.
"""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from aiohttp import web
from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from domain.shared.errors import DomainError
from domain.shared.payment_states import PseState
from domain.ach.transaction import PseTransaction
from ports.notifications import Message
from simulator.control.endpoint import Call, Endpoint, Page, PageQuery
from domain.ach.usecases.transactions import force_state, list_transactions, load
from simulator.web.templating import render
from domain.ach.policy import AchPolicy
from simulator.world import World

MAX_MESSAGES = 100


class MessageOut(BaseModel):
    id: int
    canal: Literal["email", "sms"]
    para: str
    asunto: str
    cuerpo: str
    enviado: datetime

    @classmethod
    def of(cls, m: Message) -> MessageOut:
        return cls(id=m.id, canal=m.channel, para=m.to, asunto=m.subject, cuerpo=m.body, enviado=m.sent_at)


class PseChangeOut(BaseModel):
    estado: str
    fecha: datetime
    motivo: str


class TransactionOut(BaseModel):
    cus: str
    estado: str = Field(description="transactionState: OK, NOT_AUTHORIZED, PENDING, FAILED")
    finalizada: bool
    entidad: str
    nombre_entidad: str
    codigo_servicio: str
    banco: str
    nombre_banco: str
    valor: str = Field(description="Pesos, decimal como texto")
    iva: str
    ticket: str
    tipo_usuario: str
    referencias: list[str]
    descripcion: str
    fecha_solicitud: datetime
    creada: datetime
    ciclo: str
    fecha_banco: datetime | None
    autorizacion: str
    correo_pagador: str
    retenida_para_monitor: str | None
    url_entidad: str
    historial: list[PseChangeOut]

    @classmethod
    def of(cls, t: PseTransaction) -> TransactionOut:
        return cls(
            cus=t.cus, estado=t.state.value, finalizada=t.finalized, entidad=t.entity_code,
            nombre_entidad=t.entity_name, codigo_servicio=t.service_code, banco=t.bank_code,
            nombre_banco=t.bank_name, valor=str(t.amount.amount), iva=str(t.vat.amount), ticket=t.ticket_id,
            tipo_usuario=t.user_type, referencias=list(t.references), descripcion=t.description,
            fecha_solicitud=t.solicit_date, creada=t.created_at, ciclo=t.cycle, fecha_banco=t.bank_process_date,
            autorizacion=t.authorization_id, correo_pagador=t.payer_email,
            retenida_para_monitor=t.held_outcome.value if t.held_outcome else None, url_entidad=t.entity_url,
            historial=[PseChangeOut(estado=c.state.value, fecha=c.at, motivo=c.reason) for c in t.history])


class InboxQuery(PageQuery):
    para: str | None = Field(None, max_length=70, validation_alias=AliasChoices("para", "to"),  # `to`: one release
                             description="Solo los mensajes a este correo o celular")
    desde: int | None = Field(None, ge=0, le=2**62, description="Cursor: id del mensaje más reciente de la página")


class InboxPageQuery(BaseModel):
    para: str | None = Field(None, description="Solo los mensajes a este correo o celular (hasta 70 caracteres)")


class TransactionsQuery(PageQuery):
    desde: str | None = Field(None, max_length=80, pattern=r"^[0-9T:.+-]{10,40}_[0-9]{1,20}$",
                              description="Cursor: fecha de creación y CUS de la primera transacción de la página")


class ForceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    estado: Literal["OK", "NOT_AUTHORIZED", "FAILED"] = Field(
        validation_alias=AliasChoices("estado", "state"), description="Estado PSE final al que pasa la transacción")


def _transaction_cursor(t: PseTransaction) -> str:
    return f"{t.created_at.isoformat()}_{t.cus}"


class AchControl:
    def __init__(self, world: World, policy: AchPolicy):
        self.world = world
        self.policy = policy

    def endpoints(self) -> list[Endpoint]:
        tag, where = ("ach pse",), {"cus": "El CUS (trazabilityCode) de la transacción"}
        return [
            Endpoint("GET", "/_sim/inbox", "Buzón: correos y SMS enviados, más reciente primero", self.inbox,
                     answer=MessageOut, query=InboxQuery, paged=True, tags=tag),
            Endpoint("GET", "/_sim/buzon", "Buzón como página", self.inbox_page, query=InboxPageQuery, html=True,
                     tags=tag),
            Endpoint("GET", "/_sim/pse/transacciones", "Transacciones de ACH PSE, más reciente primero",
                     self.transactions, answer=TransactionOut, query=TransactionsQuery, paged=True, tags=tag),
            Endpoint("GET", "/_sim/pse/transacciones/{cus}", "Una transacción PSE por CUS", self.transaction,
                     answer=TransactionOut, errors=(404,), path_doc=where, tags=tag),
            Endpoint("POST", "/_sim/pse/transacciones/{cus}/estado", "Forzar el estado PSE", self.force,
                     answer=TransactionOut, body=ForceIn, errors=(404, 409), path_doc=where, tags=tag),
        ]

    async def inbox(self, call: Call) -> Page[MessageOut]:
        query: InboxQuery = call.query
        inbox, to = self.world.store.notifications, (query.para or "").strip()
        before = None if query.desde is None else query.desde + 1
        found = inbox.messages_for(to, query.limite + 1, before) if to else inbox.recent(query.limite + 1, before)
        return Page.of(found, query.limite, MessageOut.of, lambda m: str(m.id))

    async def inbox_page(self, call: Call) -> web.Response:
        to = call.request.query.get("para", "").strip()[:70]
        inbox = self.world.store.notifications
        messages = inbox.messages_for(to, MAX_MESSAGES) if to else inbox.recent(MAX_MESSAGES)
        return render(call.request, "pse/buzon.html", para=to, messages=messages)

    async def transactions(self, call: Call) -> Page[TransactionOut]:
        query: TransactionsQuery = call.query
        start = tuple(query.desde.rsplit("_", 1)) if query.desde else None
        found = list_transactions(self.world.store, self.world.clock, self.policy, query.limite + 1, start)
        return Page.of(found, query.limite, TransactionOut.of, _transaction_cursor)

    def _cus(self, call: Call) -> str:
        cus = call.path["cus"]
        if not (cus.isascii() and cus.isdigit()) or len(cus) > 20:
            raise DomainError("El CUS debe ser numérico")
        return cus

    async def transaction(self, call: Call) -> TransactionOut:
        cus = self._cus(call)
        with self.world.store.transaction():
            found = load(self.world.store, cus, self.world.clock, self.policy)
        if found is None:
            raise web.HTTPNotFound(text=f"No existe el CUS {cus}")
        return TransactionOut.of(found)

    async def force(self, call: Call) -> TransactionOut:
        cus = self._cus(call)
        forced = force_state(cus, PseState(call.body.estado), self.world.store, self.world.clock, self.policy)
        if forced is None:
            raise web.HTTPNotFound(text=f"No existe el CUS {cus}")
        return TransactionOut.of(forced)
