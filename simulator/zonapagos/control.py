"""The control API's payments: list them, read one with its attempts and history, force an outcome."""
from __future__ import annotations

from datetime import datetime
from typing import Literal

from aiohttp import web
from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from domain.gateway.payment import Payment
from domain.gateway.usecases.force import force_outcome
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from simulator.control.endpoint import Call, Endpoint, Page, PageQuery

STATES = tuple(int(s) for s in PaymentState)
StateCode = Literal[1, 777, 888, 999, 1000, 1001, 4000, 4001, 4003]  # int_estado_pago (zonapagos-ws.md §11)


class StateChangeOut(BaseModel):
    estado: int
    fecha: datetime
    motivo: str


class AttemptOut(BaseModel):
    numero: int
    estado: int = Field(description="int_estado_pago del intento")
    estado_texto: str
    forma_pago: int | None = Field(description="int_id_forma_pago: 29 PSE, 32 tarjeta; null si aún no elige")
    valor: str = Field(description="Pesos que paga este intento: el total, o la fracción de un pago dividido "
                                   "(AdicionalesConfiguracion 100)")
    historial: list[StateChangeOut]


class AdditionalOut(BaseModel):
    int_codigo: int
    str_valor: str


class PaymentOut(BaseModel):
    generacion: Literal["soap", "rest"] = Field(description="La generación que inició el pago")
    adicionales_configuracion: list[AdditionalOut] | None = Field(
        None, description="AdicionalesConfiguracion de un InicioPago REST, como se enviaron")
    adicionales_pago: list[AdditionalOut] | None = Field(None, description="AdicionalesPago de un InicioPago REST")
    tokenizacion: bool | None = Field(None, description="InicioPago REST con código 200 = 1 (registro de tarjeta)")
    identificador: int
    id_comercio: int
    id_pago: str
    total_con_iva: str = Field(description="Pesos, decimal como texto")
    valor_iva: str
    descripcion: str
    creado: datetime
    intentos: list[AttemptOut]

    @classmethod
    def of(cls, payment: Payment) -> PaymentOut:
        settings = payment.settings
        rest = {"adicionales_configuracion": [AdditionalOut(int_codigo=c, str_valor=v)
                                              for c, v in settings.configuration],
                "adicionales_pago": [AdditionalOut(int_codigo=c, str_valor=v) for c, v in settings.additional],
                "tokenizacion": settings.tokenization} if settings.is_rest else {}
        return cls(
            generacion="rest" if settings.is_rest else "soap", **rest,
            identificador=payment.identifier, id_comercio=payment.merchant_id, id_pago=payment.reference,
            total_con_iva=str(payment.total.amount), valor_iva=str(payment.vat.amount),
            descripcion=payment.description, creado=payment.created_at,
            intentos=[AttemptOut(
                numero=a.number, estado=int(a.state), estado_texto=a.state.label,
                forma_pago=int(a.method) if a.method is not None else None,
                valor=str(payment.paid_by(a).amount),
                historial=[StateChangeOut(estado=int(c.state), fecha=c.at, motivo=c.reason) for c in a.history])
                for a in payment.attempts])


METHODS = {"pse": PaymentMethod.PSE, "tarjeta": PaymentMethod.CARD, "card": PaymentMethod.CARD}


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    estado: StateCode = Field(validation_alias=AliasChoices("estado", "state"),  # `state`: until the next release
                              description="int_estado_pago al que pasa el intento actual")
    forma_pago: Literal["pse", "tarjeta", "card"] | None = Field(
        None, description='"pse" o "tarjeta" ("card" se acepta hasta la próxima versión)')


class PaymentsQuery(PageQuery):
    desde: int | None = Field(None, ge=0, le=2**62, description="Cursor: identificador del primer pago de la página")


def _identifier(call: Call) -> int:
    identifier = ascii_int(call.path["identifier"])
    if identifier is None:
        raise DomainError("El identificador debe ser numérico")
    return identifier


class PaymentsApi:
    def __init__(self, store: GatewayStore, clock: Clock):
        self.store = store
        self.clock = clock

    def endpoints(self) -> list[Endpoint]:
        tag, where = ("pagos",), {"identifier": "El identificador del pago (el de inicio_pagoV2)"}
        return [
            Endpoint("GET", "/_sim/payments", "Pagos con sus intentos e historial de estados, más reciente primero",
                     self.list_payments, answer=PaymentOut, query=PaymentsQuery, paged=True, tags=tag),
            Endpoint("GET", "/_sim/payments/{identifier}", "Un pago por identificador", self.get_payment,
                     answer=PaymentOut, errors=(404,), path_doc=where, tags=tag),
            Endpoint("POST", "/_sim/payments/{identifier}/outcome", "Forzar el resultado del intento actual",
                     self.set_outcome, answer=PaymentOut, body=OutcomeIn, errors=(404, 409), path_doc=where,
                     tags=tag),
        ]

    async def list_payments(self, call: Call) -> Page[PaymentOut]:
        query: PaymentsQuery = call.query
        before = None if query.desde is None else query.desde + 1
        return Page.of(self.store.payments.list_recent(query.limite + 1, before), query.limite, PaymentOut.of,
                       lambda p: str(p.identifier))

    async def get_payment(self, call: Call) -> PaymentOut:
        payment = self.store.payments.get(_identifier(call))
        if payment is None:
            raise web.HTTPNotFound(text="Pago no encontrado")
        return PaymentOut.of(payment)

    async def set_outcome(self, call: Call) -> PaymentOut:
        identifier = _identifier(call)
        body: OutcomeIn = call.body
        if self.store.payments.get(identifier) is None:
            raise web.HTTPNotFound(text="Pago no encontrado")
        method = METHODS[body.forma_pago] if body.forma_pago else None
        return PaymentOut.of(force_outcome(identifier, PaymentState(body.estado), self.store, self.clock, method))
