"""`POST /Apis_CicloPago/api/InicioPago` and `/VerificacionPago` (zonapagos-ws.md §8): decode the JSON, call the
gateway's use cases (the SOAP generation's, same rules), encode `RespuestaInicioPago` or the verification.

Business errors are HTTP 200 with `int_codigo` 2 (start) or `int_estado` 2 (verification); the messages the
vendor documents are used where it documents one ("Credenciales inválidas", "Código 50 requerido",
"str_id_pago ya existe"), the domain's Spanish message with the REST property name elsewhere.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from aiohttp import web

from domain.gateway.payment import Payment
from domain.gateway.res_pago_rest import encode_rest
from domain.gateway.usecases.rest_start import RestStart, start_rest_payment
from domain.gateway.usecases.start import DuplicateReference, GatewayUnavailable, StartPayment
from domain.gateway.usecases.verify import Indeterminate, InvalidCredentials, verify_payment
from domain.shared.errors import DomainError
from domain.shared.gateway_records import Payer
from simulator.web.origin import public_origin
from simulator.world import World
from simulator.zonapagos.rest.codec import (
    FieldRefused, Kind, Prop, WireRefused, journal_as, json_answer, member, read_items, read_json, read_props,
    refused,
)

log = logging.getLogger("pasarela.rest")

BASE = "/Apis_CicloPago/api"
START_PATH = f"{BASE}/InicioPago"
VERIFY_PATH = f"{BASE}/VerificacionPago"
PAGE_PATH = "/Ciclo_Pago/Pago.aspx"
TOKEN_PAGE_PATH = "/tokenizacionweb/tokentc"  # D-TOK's documented example (docs/decisions.md)

PAYMENT_PROPS = (
    Prop("flt_total_con_iva", Kind.NUMBER),  # required unless code 200 (checked by the use case)
    Prop("flt_valor_iva", Kind.NUMBER),
    Prop("str_id_pago", max_length=30, required=True),
    Prop("str_descripcion_pago", max_length=70, required=True),
    Prop("str_email", max_length=70),
    Prop("str_id_cliente", max_length=30),
    Prop("str_tipo_id", max_length=2),
    Prop("str_nombre_cliente", max_length=50),
    Prop("str_apellido_cliente", max_length=50),
    Prop("str_telefono_cliente", max_length=50),
    *(Prop(f"str_opcional{n}", max_length=70) for n in range(1, 6)),
)
SECURITY_PROPS = (
    Prop("int_id_comercio", Kind.INTEGER, 7),  # missing credentials are "Credenciales inválidas"
    Prop("str_usuario", max_length=40),
    Prop("str_clave", max_length=50),
    Prop("int_modalidad", Kind.INTEGER, 7),
)
VERIFY_PROPS = (
    Prop("int_id_comercio", Kind.INTEGER, 7),
    Prop("str_usr_comercio", max_length=40),
    Prop("str_pwd_Comercio", max_length=50),  # any case binds, as Json.NET binds (D-TOK writes _comercio)
    Prop("str_id_pago", max_length=30, required=True),
    Prop("int_no_pago", Kind.INTEGER, 9),
)

# The domain names the SOAP fields; the REST answer names its own properties.
REST_NAMES = {"total_con_iva": "flt_total_con_iva", "valor_iva": "flt_valor_iva", "id_pago": "str_id_pago",
              "descripcion_pago": "str_descripcion_pago", "tipo_id": "str_tipo_id",
              "codigo_servicio_principal": "50", "url_retorno": "104"}
# str_cod_error per kind of refusal (the vendor publishes no codes: docs/decisions.md)
ERROR_CODES = {"estructura": "01", "clave": "02", "50": "03", "str_id_pago": "04", "flt_total_con_iva": "05",
               "flt_valor_iva": "05", "pasarela": "99"}
DETAIL_MAX = 50
INDETERMINATE_DETAIL = "No fue posible consultar el pago, intente de nuevo"  # 50
WIRE_FIELDS = frozenset({p.name for p in PAYMENT_PROPS + SECURITY_PROPS} | {
    "estructura", "InformacionPago", "InformacionSeguridad", "AdicionalesPago", "AdicionalesConfiguracion",
    "int_codigo", "str_valor"})  # str_detalle (≤ 50)


def start_error(message: str, code: str) -> dict[str, Any]:
    return {"int_codigo": 2, "str_cod_error": code, "str_descripcion_error": message, "str_url": None}


def rest_message(error: DomainError) -> tuple[str, str]:
    """The REST message and `str_cod_error` of a domain refusal."""
    if isinstance(error, DuplicateReference):
        return "str_id_pago ya existe", ERROR_CODES["str_id_pago"]
    if isinstance(error, GatewayUnavailable):
        return error.message, ERROR_CODES["pasarela"]
    field = REST_NAMES.get(error.field or "", error.field or "")
    message = error.message
    if error.field == "codigo_servicio_principal":
        message = "El código 50 no corresponde al código de servicio PSE del comercio"
    for soap, rest in REST_NAMES.items():
        if rest.startswith(("flt_", "str_")):
            message = re.sub(rf"(?<![\w]){soap}(?![\w])", rest, message)
    if error.field in ("clave", "50"):
        code = ERROR_CODES[error.field]
    elif error.field in REST_NAMES:  # a domain rule on a field
        code = ERROR_CODES.get(field, "06")
    else:  # the codec: the body's structure, a missing property, a size or a type
        code = ERROR_CODES["estructura"] if error.field in WIRE_FIELDS else "06"
    return message, code


def start_command(body: Any) -> RestStart:
    """The documented order's first two steps: the JSON's structure, then InformacionPago's fields."""
    if not isinstance(body, dict):
        raise DomainError("El cuerpo debe ser un objeto JSON con InformacionPago, InformacionSeguridad, "
                          "AdicionalesPago y AdicionalesConfiguracion", "estructura")
    for name in ("InformacionPago", "InformacionSeguridad"):
        if not isinstance(member(body, name), dict):
            raise DomainError(f"El objeto {name} es obligatorio", name)
    configuration = read_items(body, "AdicionalesConfiguracion")
    # a card registration (code 200 = "1") may omit AdicionalesPago as it omits the amounts (zonapagos-ws.md §13)
    additional = read_items(body, "AdicionalesPago", optional=(200, "1") in configuration)
    payment = read_props(member(body, "InformacionPago"), PAYMENT_PROPS, "InformacionPago")
    security = read_props(member(body, "InformacionSeguridad"), SECURITY_PROPS, "InformacionSeguridad")

    def text(name: str) -> str:
        return (payment[name] or "").strip()

    return RestStart(
        start=StartPayment(
            merchant_id=security["int_id_comercio"] or 0, user=security["str_usuario"] or "",
            password=security["str_clave"] or "",
            total=payment["flt_total_con_iva"], vat=payment["flt_valor_iva"],
            reference=text("str_id_pago"), description=text("str_descripcion_pago"),
            payer=Payer(document_number=text("str_id_cliente"), document_type=text("str_tipo_id"),
                        first_names=text("str_nombre_cliente"), last_names=text("str_apellido_cliente"),
                        phone=text("str_telefono_cliente"), email=text("str_email")),
            optional_fields=(text("str_opcional1"), text("str_opcional2"), text("str_opcional3")),
            service_code="",
        ),
        configuration=configuration, additional=additional,
        extra_optional=(text("str_opcional4"), text("str_opcional5")),
    )


def page_link(origin: str, payment: Payment) -> str:
    """`str_url`: the page on the host the merchant called (a merchant changes only the host)."""
    path = TOKEN_PAGE_PATH if payment.settings.tokenization else PAGE_PATH
    return f"{origin}{path}?rut={payment.settings.rut}"


def verify_detail(error: DomainError) -> str:
    """`str_detalle` (≤ 50): the message, or its short form, never cut mid-word."""
    if len(error.message) <= DETAIL_MAX:
        return error.message
    if isinstance(error, Indeterminate):
        return INDETERMINATE_DETAIL
    if isinstance(error, FieldRefused) and len(error.short) <= DETAIL_MAX:
        return error.short
    return error.message[:DETAIL_MAX + 1].rsplit(" ", 1)[0][:DETAIL_MAX]


def verify_answer(state: int, error: int, detail: str | None, count: int, res_pago: str | None) -> dict[str, Any]:
    return {"int_estado": state, "int_error": error, "str_detalle": detail,
            "int_cantidad_pagos": count, "str_res_pago": res_pago}


class CicloPagoApi:
    """The two JSON operations of the REST generation on the simulator's world."""

    def __init__(self, world: World):
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        return [web.post(START_PATH, self.inicio_pago), web.post(VERIFY_PATH, self.verificacion_pago)]

    async def inicio_pago(self, request: web.Request) -> web.Response:
        journal_as(request, "InicioPago")
        try:
            body = await read_json(request)
        except WireRefused as error:
            return refused(error)
        origin = public_origin(request)  # before the payment is stored: its answer can always be built
        try:
            payment = start_rest_payment(start_command(body), self.world.store, self.world.clock)
        except DomainError as error:
            return json_answer(start_error(*rest_message(error)))
        except Exception:  # never a traceback: the .NET message the vendor's API is known to answer
            log.exception("error inesperado en InicioPago")
            return json_answer(start_error("Object reference not set to an instance of an object.", "99"))
        return json_answer({"int_codigo": 1, "str_cod_error": "", "str_descripcion_error": "",
                            "str_url": page_link(origin, payment)})

    async def verificacion_pago(self, request: web.Request) -> web.Response:
        journal_as(request, "VerificacionPago")
        try:
            body = await read_json(request)
        except WireRefused as error:
            return refused(error)
        try:
            fields = read_props(body, VERIFY_PROPS, "cuerpo")
            number = fields["int_no_pago"]
            verification = verify_payment(
                merchant_id=fields["int_id_comercio"] or 0, user=fields["str_usr_comercio"] or "",
                password=fields["str_pwd_Comercio"] or "", reference=fields["str_id_pago"].strip(),
                attempt_number=-1 if number is None else number, store=self.world.store, clock=self.world.clock,
                timeouts=self.world.timeouts, pse=self.world.pse, use_view=False,
            )
        except InvalidCredentials as error:
            return json_answer(verify_answer(2, -1, error.message, 0, None))
        except DomainError as error:
            return json_answer(verify_answer(2, -1, verify_detail(error), 0, None))
        except Exception:
            log.exception("error inesperado en VerificacionPago")
            bug = DomainError("Object reference not set to an instance of an object.")
            return json_answer(verify_answer(2, -1, verify_detail(bug), 0, None))
        if verification.payment is None or not verification.attempts:
            return json_answer(verify_answer(1, 0, None, 0, ""))
        return json_answer(verify_answer(1, 0, None, len(verification.attempts),
                                         encode_rest(verification.payment, verification.attempts)))
