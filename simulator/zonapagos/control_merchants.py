"""Control API for merchants: list them, create or replace one, adjust its settings."""
from __future__ import annotations

from typing import Any, Literal

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from domain.gateway.merchant import Merchant
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.store import SimulatorStore
from simulator.control.problems import read_json
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

    estado: int
    forma_pago: Literal["pse", "tarjeta"] | None = None


PATCH_FIELDS = {"nombre": "name", "t_ruta": "route", "url_retorno": "return_url",
                "separadores_compactos": "compact_separators", "habilitado": "enabled",
                "telefono_soporte": "support_phone", "correo_soporte": "support_email",
                "url_notificacion": "notification_url", "url_notificacion_token": "token_notification_url",
                "clave_notificacion": "notification_password"}


def merchant_json(m: Merchant) -> dict[str, Any]:
    """A merchant without its secrets."""
    return {"id_comercio": m.id, "nombre": m.name, "nit": m.nit, "usuario_v4": m.verify_user,
            "codigo_servicio": m.service_code, "t_ruta": m.route, "url_retorno": m.return_url,
            "separadores_compactos": m.compact_separators, "habilitado": m.enabled,
            "telefono_soporte": m.support_phone, "correo_soporte": m.support_email,
            "url_notificacion": m.notification_url, "url_notificacion_token": m.token_notification_url,
            "notificacion_autenticada": bool(m.notification_password)}  # the password itself is never shown


def _validation_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "cuerpo"
    return f"Campo '{where}' no válido: {first['msg']}"


def _merchant_id(request: web.Request) -> int:
    text = request.match_info["merchant_id"]
    merchant_id = ascii_int(text, 9)
    if merchant_id is None:
        raise DomainError("El id de comercio debe ser numérico (hasta 9 dígitos)")
    return merchant_id


class MerchantsApi:
    def __init__(self, store: SimulatorStore):
        self.store = store

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/merchants", self.list),
            web.get("/_sim/merchants/{merchant_id}", self.get),
            web.put("/_sim/merchants/{merchant_id}", self.put),
            web.patch("/_sim/merchants/{merchant_id}", self.patch),
            web.post("/_sim/merchants/{merchant_id}/siguiente-resultado", self.schedule_next),
            web.delete("/_sim/merchants/{merchant_id}/siguiente-resultado", self.cancel_next),
        ]

    async def list(self, request: web.Request) -> web.Response:
        return web.json_response([merchant_json(m) for m in self.store.merchants.list()])

    async def get(self, request: web.Request) -> web.Response:
        merchant = self.store.merchants.get(_merchant_id(request))
        if merchant is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        return web.json_response(merchant_json(merchant))

    async def put(self, request: web.Request) -> web.Response:
        merchant_id = _merchant_id(request)
        try:
            body = MerchantIn.model_validate(await read_json(request))
        except ValidationError as error:
            raise DomainError(_validation_message(error)) from None
        merchant = configure_merchant(MerchantSettings(
            merchant_id=merchant_id, name=body.nombre, nit=body.nit, start_password=body.clave_inicio,
            verify_user=body.usuario_v4, verify_password=body.clave_v4, service_code=body.codigo_servicio,
            route=body.t_ruta, return_url=body.url_retorno, compact_separators=body.separadores_compactos,
            enabled=body.habilitado, support_phone=body.telefono_soporte, support_email=body.correo_soporte,
            notification_url=body.url_notificacion, token_notification_url=body.url_notificacion_token,
            notification_password=body.clave_notificacion),
            self.store)
        return web.json_response(merchant_json(merchant))

    async def patch(self, request: web.Request) -> web.Response:
        merchant_id = _merchant_id(request)
        try:
            body = MerchantPatch.model_validate(await read_json(request))
        except ValidationError as error:
            raise DomainError(_validation_message(error)) from None
        changes = {PATCH_FIELDS[k]: v for k, v in body.model_dump(exclude_none=True).items()}
        if self.store.merchants.get(merchant_id) is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        return web.json_response(merchant_json(adjust_merchant(merchant_id, self.store, **changes)))

    async def schedule_next(self, request: web.Request) -> web.Response:
        """The next payment this merchant starts gets this outcome at once (like a magic amount)."""
        merchant_id = _merchant_id(request)
        if self.store.merchants.get(merchant_id) is None:
            raise web.HTTPNotFound(text="Comercio no encontrado")
        try:
            body = NextOutcomeIn.model_validate(await read_json(request))
            state = PaymentState(body.estado)
        except (ValidationError, ValueError):
            raise DomainError("'estado' debe ser 1, 777, 999, 1000, 1001, 4000, 4001 o 4003; 'forma_pago' pse o tarjeta") from None
        if state is PaymentState.PENDING_START:
            raise DomainError("888 es el estado de todo pago recién iniciado: no hace falta programarlo")
        method = {"pse": PaymentMethod.PSE, "tarjeta": PaymentMethod.CARD, None: None}[body.forma_pago]
        with self.store.transaction():
            self.store.scheduled_outcomes.schedule(merchant_id, state, method)
        return web.json_response({"id_comercio": merchant_id, "estado": int(state), "forma_pago": body.forma_pago})

    async def cancel_next(self, request: web.Request) -> web.Response:
        merchant_id = _merchant_id(request)
        with self.store.transaction():
            cancelled = self.store.scheduled_outcomes.cancel(merchant_id)
        if not cancelled:
            raise web.HTTPNotFound(text="No hay un resultado programado para ese comercio")
        return web.json_response({"id_comercio": merchant_id, "cancelado": True})
