"""Every SOAP operation the simulator serves, with a valid request to start from, built from the contract
tables themselves (ZonaPAGOS' and ACH's), so a new operation or element is covered without editing this."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from simulator.pse.soap import contract as ach
from simulator.soap.contract import Kind
from simulator.zonapagos.contracts import ALL_SERVICES

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
CONTENT_TYPES = {SOAP11: "text/xml; charset=utf-8", SOAP12: "application/soap+xml; charset=utf-8"}
NIT = "8902030889"

# Values that pass the wire rules; anything not named gets one of its kind.
VALID: dict[str, str] = {
    "id_tienda": "1001", "int_id_tienda": "1001", "int_id_comercio": "1001", "id_comercio": "1001",
    "clave": "clave-inicio", "str_id_clave": "clave-inicio", "str_usr_comercio": "usuario-v4",
    "str_pwd_Comercio": "clave-v4", "usuario": "usuario-v4", "total_con_iva": "20000", "valor_iva": "0",
    "descripcion_pago": "Pago de prueba", "email": "c@ejemplo.com", "id_cliente": "1033370434", "tipo_id": "1",
    "nombre_cliente": "NICK", "apellido_cliente": "RIVERA", "telefono_cliente": "3107126048",
    "codigo_servicio_principal": "2701", "total_codigos_servicio": "0", "int_no_pago": "-1", "int_error": "0",
    "int_cantidad_pagos": "0", "tipo_tarjeta": "1", "numero_tarjeta": "4111111111111111",
    "fecha_vencimiento": "122030", "nombre_en_tarjeta": "NICK RIVERA", "direccion_ip_cliente": "10.20.30.40",
    "generar_pago": "1", "ban_tokenizar": "1", "codigo_seguridad": "913", "no_cuotas": "1", "numero_cuotas": "1",
    "tipo_identificador": "1", "identificador": "1234567890123456789012",
    # ACH
    "financialInstitutionCode": "1022", "entityCode": NIT, "serviceCode": "2701", "transactionValue": "150000",
    "vatValue": "0", "entityurl": "https://comercio.example/retorno", "userType": "0",
    "referenceNumber": "1033370434", "paymentDescription": "Pago de prueba", "trazabilityCode": "1468001",
    "transactionState": "OK", "authorizationId": "714841858",
}
# ByRef outputs that callers send back empty (PHP's SoapClient does): leave them out of the valid request.
BYREF = {"estado_tokenizacion", "token", "detalle_estado_token", "estado_transaccion", "detalle_estado", "no_pago",
         "detalle_error", "lista_info_retorno_codigo", "lista_info_retorno_valor", "str_detalle", "str_res_pago",
         "res_pagos_v3", "str_error", "lista_respuesta"}


@dataclass(frozen=True)
class Element:
    name: str
    kind: str  # int, double, string, strings, doubles, amount, date, count, enum, record
    repeated: bool = False


@dataclass(frozen=True)
class SoapOperation:
    service: str  # the journal's key (inicio, verificar_v4, …, ach)
    path: str
    namespace: str
    name: str
    elements: tuple[Element, ...]
    wrapper_child: str = ""  # ACH's operations wrap their fields in one child element

    @property
    def id(self) -> str:
        return self.name

    def valid_values(self, reference: int | None = None) -> dict[str, str]:
        """A request the operation accepts; `reference` fixes the id_pago (a fresh random one otherwise)."""
        seed = reference if reference is not None else uuid.uuid4().int
        values = {}
        for element in self.elements:
            if element.name in BYREF or element.kind in ("strings", "doubles", "record"):
                continue
            values[element.name] = VALID.get(element.name) or _sample(element, seed)
        if self.service in ("tokentc", "pagoaptc"):
            values["clave"] = "clave-v4"  # the token services take the verification user and password
        for name in ("id_pago", "str_id_pago"):
            if name in values or any(e.name == name for e in self.elements):
                values[name] = _reference(self.name, seed)
        return values

    def body(self, values: dict[str, str | list[str] | None], soap_ns: str = SOAP11, raw: bool = False) -> str:
        """An envelope with these element values (None or absent: not sent; a list: the element repeated).
        With `raw` the values are written as given (markup, bad characters); otherwise they are escaped."""
        parts = []
        prefix = "ean:" if self.wrapper_child else ""
        kinds = {e.name: e.kind for e in self.elements}
        for name, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                if item is None:
                    continue
                text = item if raw else escape(item)
                parts.append(_element(prefix, name, kinds.get(name, "string"), text))
        inner = "".join(parts)
        if self.wrapper_child:
            operation = (f'<ean:{self.name} xmlns:ean="{ach.EAN}"><ean:{self.wrapper_child}>{inner}'
                         f"</ean:{self.wrapper_child}></ean:{self.name}>")
        else:
            operation = f'<{self.name} xmlns="{self.namespace}">{inner}</{self.name}>'
        return (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{soap_ns}"><soap:Body>'
                f"{operation}</soap:Body></soap:Envelope>")


def _element(prefix: str, name: str, kind: str, text: str) -> str:
    if kind == "strings":
        return f"<{prefix}{name}><{prefix}string>{text}</{prefix}string></{prefix}{name}>"
    if kind == "doubles":
        return f"<{prefix}{name}><{prefix}double>{text}</{prefix}double></{prefix}{name}>"
    if kind == "amount":
        return f'<{prefix}{name} ean:currencyISOcode={quoteattr("COP")}>{text}</{prefix}{name}>'
    return f"<{prefix}{name}>{text}</{prefix}{name}>"


def _sample(element: Element, seed: int) -> str:
    return {"int": "1", "double": "1000", "count": str(seed % 10**12 or 1), "date": date.today().isoformat(),
            "amount": "1000"}.get(element.kind, "x")


def _reference(operation: str, seed: int) -> str:
    digits = str(seed).rjust(9, "1")
    return digits[:9] if operation == "ZPagoAPTC" else digits[:18]  # ZPagoAPTC's id_pago is an int: 9 digits fit


_ZP_KINDS = {Kind.INT: "int", Kind.DOUBLE: "double", Kind.STRING: "string", Kind.DATETIME: "string",
             Kind.STRING_ARRAY: "strings", Kind.DOUBLE_ARRAY: "doubles", Kind.RECORD_ARRAY: "record"}
_ACH_KINDS = {ach.Kind.AMOUNT: "amount", ach.Kind.DATE: "date", ach.Kind.COUNT: "count", ach.Kind.USER_TYPE: "enum",
              ach.Kind.STATE: "enum"}


def _catalogue() -> tuple[SoapOperation, ...]:
    found = []
    for service in ALL_SERVICES:
        for operation in service.operations:
            elements = tuple(Element(f.name, _ZP_KINDS[f.kind]) for f in operation.inputs)
            found.append(SoapOperation(service.key, service.path, service.namespace, operation.name, elements))
    for operation in ach.OPERATIONS:
        elements = tuple(Element(f.name, _ACH_KINDS.get(f.kind, "string"), f.repeated)
                         for f in operation.request_fields)
        found.append(SoapOperation("ach", ach.PATH, ach.EAN, operation.name, elements, operation.request_child))
    return tuple(found)


OPERATIONS: tuple[SoapOperation, ...] = _catalogue()
NUMBER_KINDS = ("int", "double", "count", "amount")
TYPED_KINDS = (*NUMBER_KINDS, "date", "enum")  # a value XmlSerializer must convert: a wrong one is a Fault
