"""Control API for merchants: list them, create or replace one, adjust its settings."""
from __future__ import annotations

from typing import Literal

from aiohttp import web
from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from domain.gateway.merchant import Merchant
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.store import SimulatorStore
from simulator.control.endpoint import Call, Endpoint, Page, PageQuery
from domain.gateway.usecases.merchants import MerchantSettings, adjust_merchant, configure_merchant

ROUTE = r"^[A-Za-z0-9_\-]{1,40}$"
# url_retorno: absolute http(s) or a path of the simulator's own host, as a browser reads it: the rule is the
# domain's (domain/gateway/return_url.py, applied by the merchant use cases); here only a bound on the text.
URL_MAX_TEXT = 2000


class MerchantIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nombre: str = Field(min_length=1, max_length=100)
    nit: str = Field(min_length=3, max_length=15)
    clave_inicio: str = Field(min_length=1, max_length=50)
    usuario_v4: str = Field(min_length=1, max_length=40)
    clave_v4: str = Field(min_length=1, max_length=50)
    codigo_servicio: str = Field(pattern=r"^\d{1,10}$")
    t_ruta: str = Field(pattern=ROUTE)
    url_retorno: str = Field(min_length=1, max_length=URL_MAX_TEXT)
    separadores_compactos: bool = False
    habilitado: bool = True
    telefono_soporte: str = Field("", max_length=50)
    correo_soporte: str = Field("", max_length=70)
    url_notificacion: str = Field("", max_length=URL_MAX_TEXT)  # NotificarPagos; "" = no notifications
    url_notificacion_token: str = Field("", max_length=URL_MAX_TEXT)  # ApiToken/api/Notificar
    clave_notificacion: str = Field("", max_length=15)  # the shared Password / str_clave of the bodies


class MerchantPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    nombre: str | None = Field(None, min_length=1, max_length=100)
    t_ruta: str | None = Field(None, pattern=ROUTE)
    url_retorno: str | None = Field(None, min_length=1, max_length=URL_MAX_TEXT)
    separadores_compactos: bool | None = None
    habilitado: bool | None = None
    telefono_soporte: str | None = Field(None, max_length=50)
    correo_soporte: str | None = Field(None, max_length=70)
    url_notificacion: str | None = Field(None, max_length=URL_MAX_TEXT)
    url_notificacion_token: str | None = Field(None, max_length=URL_MAX_TEXT)
    clave_notificacion: str | None = Field(None, max_length=15)


class NextOutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    estado: Literal[1, 777, 999, 1000, 1001, 4000, 4001, 4003] = Field(
        validation_alias=AliasChoices("estado", "state"),  # `state`: until the next release
        description="int_estado_pago que recibe el próximo pago (888 es el de todo pago recién iniciado)")
    forma_pago: Literal["pse", "tarjeta"] | None = None


class MerchantOut(BaseModel):
    """A merchant without its secrets."""

    id_comercio: int
    nombre: str
    nit: str
    usuario_v4: str
    codigo_servicio: str
    t_ruta: str
    url_retorno: str
    separadores_compactos: bool
    habilitado: bool
    telefono_soporte: str
    correo_soporte: str
    url_notificacion: str
    url_notificacion_token: str
    notificacion_autenticada: bool = Field(description="Si hay clave de notificación (la clave nunca se muestra)")

    @classmethod
    def of(cls, m: Merchant) -> MerchantOut:
        return cls(id_comercio=m.id, nombre=m.name, nit=m.nit, usuario_v4=m.verify_user,
                   codigo_servicio=m.service_code, t_ruta=m.route, url_retorno=m.return_url,
                   separadores_compactos=m.compact_separators, habilitado=m.enabled,
                   telefono_soporte=m.support_phone, correo_soporte=m.support_email,
                   url_notificacion=m.notification_url, url_notificacion_token=m.token_notification_url,
                   notificacion_autenticada=bool(m.notification_password))


class NextOutcomeOut(BaseModel):
    id_comercio: int
    estado: int
    forma_pago: Literal["pse", "tarjeta"] | None


class Cancelled(BaseModel):
    id_comercio: int
    cancelado: bool


class MerchantsQuery(PageQuery):
    desde: int | None = Field(None, ge=0, le=10**9, description="Cursor: id del primer comercio de la página")


PATCH_FIELDS = {"nombre": "name", "t_ruta": "route", "url_retorno": "return_url",
                "separadores_compactos": "compact_separators", "habilitado": "enabled",
                "telefono_soporte": "support_phone", "correo_soporte": "support_email",
                "url_notificacion": "notification_url", "url_notificacion_token": "token_notification_url",
                "clave_notificacion": "notification_password"}


def _merchant_id(call: Call) -> int:
    merchant_id = ascii_int(call.path["merchant_id"], 9)
    if merchant_id is None:
        raise DomainError("El id de comercio debe ser numérico (hasta 9 dígitos)")
    return merchant_id


class MerchantsApi:
    def __init__(self, store: SimulatorStore):
        self.store = store

    def endpoints(self) -> list[Endpoint]:
        tag, where = ("comercios",), {"merchant_id": "El id del comercio (int_id_comercio)"}
        path, next_path = "/_sim/merchants/{merchant_id}", "/_sim/merchants/{merchant_id}/siguiente-resultado"
        return [
            Endpoint("GET", "/_sim/merchants", "Comercios (sin secretos), por id", self.list, answer=MerchantOut,
                     query=MerchantsQuery, paged=True, tags=tag),
            Endpoint("GET", path, "Un comercio", self.get, answer=MerchantOut, errors=(404,), path_doc=where,
                     tags=tag),
            Endpoint("PUT", path, "Crear o reemplazar un comercio", self.put, answer=MerchantOut, body=MerchantIn,
                     path_doc=where, tags=tag),
            Endpoint("PATCH", path, "Ajustar un comercio", self.patch, answer=MerchantOut, body=MerchantPatch,
                     errors=(404,), path_doc=where, tags=tag),
            Endpoint("POST", next_path, "Programar el resultado del próximo pago del comercio", self.schedule_next,
                     answer=NextOutcomeOut, body=NextOutcomeIn, errors=(404,), path_doc=where, tags=tag),
            Endpoint("DELETE", next_path, "Cancelar el resultado programado", self.cancel_next, answer=Cancelled,
                     errors=(404,), path_doc=where, tags=tag),
        ]

    async def list(self, call: Call) -> Page[MerchantOut]:
        query: MerchantsQuery = call.query
        merchants = [m for m in self.store.merchants.list() if m.id >= (query.desde or 0)]
        return Page.of(merchants, query.limite, MerchantOut.of, lambda m: str(m.id))

    async def get(self, call: Call) -> MerchantOut:
        merchant = self.store.merchants.get(_merchant_id(call))
        if merchant is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        return MerchantOut.of(merchant)

    async def put(self, call: Call) -> MerchantOut:
        body: MerchantIn = call.body
        merchant = configure_merchant(MerchantSettings(
            merchant_id=_merchant_id(call), name=body.nombre, nit=body.nit, start_password=body.clave_inicio,
            verify_user=body.usuario_v4, verify_password=body.clave_v4, service_code=body.codigo_servicio,
            route=body.t_ruta, return_url=body.url_retorno, compact_separators=body.separadores_compactos,
            enabled=body.habilitado, support_phone=body.telefono_soporte, support_email=body.correo_soporte,
            notification_url=body.url_notificacion, token_notification_url=body.url_notificacion_token,
            notification_password=body.clave_notificacion),
            self.store)
        return MerchantOut.of(merchant)

    async def patch(self, call: Call) -> MerchantOut:
        merchant_id = _merchant_id(call)
        changes = {PATCH_FIELDS[k]: v for k, v in call.body.model_dump(exclude_none=True).items()}
        if self.store.merchants.get(merchant_id) is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        return MerchantOut.of(adjust_merchant(merchant_id, self.store, **changes))

    async def schedule_next(self, call: Call) -> NextOutcomeOut:
        """The next payment this merchant starts gets this outcome at once (like a magic amount)."""
        merchant_id = _merchant_id(call)
        if self.store.merchants.get(merchant_id) is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        body: NextOutcomeIn = call.body
        method = {"pse": PaymentMethod.PSE, "tarjeta": PaymentMethod.CARD, None: None}[body.forma_pago]
        with self.store.transaction():
            self.store.scheduled_outcomes.schedule(merchant_id, PaymentState(body.estado), method)
        return NextOutcomeOut(id_comercio=merchant_id, estado=body.estado, forma_pago=body.forma_pago)

    async def cancel_next(self, call: Call) -> Cancelled:
        merchant_id = _merchant_id(call)
        with self.store.transaction():
            cancelled = self.store.scheduled_outcomes.cancel(merchant_id)
        if not cancelled:
            raise web.HTTPNotFound(text="No hay un resultado programado para ese comercio")
        return Cancelled(id_comercio=merchant_id, cancelado=True)
