"""Raw SOAP over HTTP for wire tests: bytes in, status/headers/parsed body out."""
from __future__ import annotations

import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

from lxml import etree

from features.drivers.merchant_server import call

START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"
VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
START_NS = "http://www.zonapagos.com"
VERIFY_NS = "http://www.zonapagos.com/ws_verificar_pagosV4"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


@dataclass
class Answer:
    status: int
    content_type: str
    body: bytes

    @property
    def root(self):
        return etree.fromstring(self.body)

    def value(self, name: str) -> str | None:
        found = [el for el in self.root.iter() if isinstance(el.tag, str) and etree.QName(el).localname == name]
        return (found[0].text or "") if found else None

    @property
    def fault(self) -> str | None:
        return self.value("faultstring") or self.value("Text")


def post(url: str, body: bytes | str, content_type: str = "text/xml; charset=utf-8",
         soap_action: str | None = None) -> Answer:
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {"Content-Type": content_type}
    if soap_action is not None:
        headers["SOAPAction"] = soap_action
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Answer(response.status, response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read())


def get(url: str) -> Answer:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return Answer(response.status, response.headers.get("Content-Type", ""), response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers.get("Content-Type", ""), error.read())


def control(url: str, path: str, payload: dict | None = None) -> tuple[int, Any]:
    """GET the control API's `path`, or POST `payload` to it: the status and the decoded JSON answer."""
    return call(url, "POST" if payload is not None else "GET", path, payload)


def new_reference() -> str:
    """Digits, no leading zero, 12 long: shorter than any card number, so the journal's card-number net (13–19
    digits passing Luhn) never masks it. (18 digits were masked about one time in ten, and a test that looked its
    payment up in the journal by reference then failed at random.)"""
    return "9" + str(uuid.uuid4().int)[:11]


def inicio_body(reference: str, total: str = "20000", vat: str = "0", password: str = "clave-inicio",
                merchant: str = "1001", description: str = "Pago de prueba", soap_ns: str = SOAP11,
                extra: str = "", **fields: str) -> str:
    values = {
        "email": "c@ejemplo.com", "id_cliente": "1033370434", "tipo_id": "1", "nombre_cliente": "NICK",
        "apellido_cliente": "RIVERA CAMINERO", "telefono_cliente": "3107126048", "info_opcional1": "opcion1",
        "info_opcional2": "opcion2", "info_opcional3": "opcion3", "codigo_servicio_principal": "2701",
    }
    values.update(fields)
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in values.items())
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{soap_ns}"><soap:Body>'
        f'<inicio_pagoV2 xmlns="{START_NS}"><id_tienda>{merchant}</id_tienda><clave>{password}</clave>'
        f"<total_con_iva>{total}</total_con_iva><valor_iva>{vat}</valor_iva><id_pago>{reference}</id_pago>"
        f"<descripcion_pago>{description}</descripcion_pago>{inner}{extra}"
        "<total_codigos_servicio>0</total_codigos_servicio></inicio_pagoV2></soap:Body></soap:Envelope>"
    )


def verify_body(reference: str, user: str = "usuario-v4", password: str = "clave-v4", merchant: str = "1001",
                attempt: str = "-1", prefix: str = "ns1") -> str:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{VERIFY_NS}"' if prefix else f'xmlns="{VERIFY_NS}"'
    return (
        f'<SOAP-ENV:Envelope xmlns:SOAP-ENV="{SOAP11}"><SOAP-ENV:Body><{p}verificar_pago_v4 {xmlns}>'
        f"<{p}int_id_comercio>{merchant}</{p}int_id_comercio><{p}str_usr_comercio>{user}</{p}str_usr_comercio>"
        f"<{p}str_pwd_Comercio>{password}</{p}str_pwd_Comercio><{p}str_id_pago>{reference}</{p}str_id_pago>"
        f"<{p}int_no_pago>{attempt}</{p}int_no_pago><{p}int_error>0</{p}int_error>"
        f"<{p}int_cantidad_pagos>0</{p}int_cantidad_pagos></{p}verificar_pago_v4></SOAP-ENV:Body></SOAP-ENV:Envelope>"
    )


# In-band refusals of inicio_pagoV2, shared by V3 and V4: (changes to inicio_body, start of the -1 message).
START_REFUSALS = [
    ({"password": "otra"}, "-1 Credenciales inválidas"),
    ({"merchant": "999999"}, "-1 Credenciales inválidas"),
    ({"total": "20000.001"}, "-1 El campo total_con_iva no es válido: El valor admite máximo 2 decimales"),
    ({"total": "-5"}, "-1 El campo total_con_iva no puede ser negativo"),
    ({"total": "0"}, "-1 El campo total_con_iva debe ser mayor que cero"),
    ({"vat": "-1"}, "-1 El campo valor_iva no puede ser negativo"),
    ({"total": "1000", "vat": "1000.5"}, "-1 El campo valor_iva no puede ser mayor que total_con_iva"),
    ({"description": ""}, "-1 El campo descripcion_pago es obligatorio"),
    ({"description": "x" * 71}, "-1 El campo descripcion_pago excede la longitud máxima de 70 caracteres"),
    ({"description": "a|b"}, "-1 El campo descripcion_pago contiene caracteres no permitidos"),
    ({"tipo_id": "12"}, "-1 El campo tipo_id no es un tipo de identificación válido"),
    ({"codigo_servicio_principal": "9999"}, "-1 El campo codigo_servicio_principal no corresponde al comercio"),
    ({"total": "20000.05"}, "-1 Error en la pasarela"),
]


def start(url: str, reference: str, **kwargs) -> Answer:
    return post(url + START_PATH, inicio_body(reference, **kwargs))


def verify(url: str, reference: str, **kwargs) -> Answer:
    return post(url + VERIFY_PATH, verify_body(reference, **kwargs))


def attempts_of(answer: Answer) -> list[list[str]]:
    text = answer.value("str_res_pago") or ""
    groups = [g for g in text.split("| ; |") if g.strip()] if "| ; |" in text else [g for g in text.split("|;|") if g]
    return [[f.strip() for f in g.strip().split("|")] for g in groups]
