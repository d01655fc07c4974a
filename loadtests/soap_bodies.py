"""Raw SOAP 1.1 bodies as public ZonaPAGOS clients send them (zonapagos-ws.md §18, fixtures F1 and F2).

Plain string templates on purpose: a load test should spend its CPU on the server, not on building XML.
Every value is XML-escaped.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"
START_NS = "http://www.zonapagos.com"
START_SOAP_ACTION = '"http://www.zonapagos.com/inicio_pagoV2"'

VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
VERIFY_NS = "http://www.zonapagos.com/ws_verificar_pagosV4"
VERIFY_SOAP_ACTION = '"http://www.zonapagos.com/ws_verificar_pagosV4/verificar_pago_v4"'

# F1: PY-BIA / PY-SOAP form. Like those clients it skips lista_nit_codigos_servicio_multicredito and
# lista_valores_con_iva (minOccurs 0).
_INICIO = """<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <inicio_pagoV2 xmlns="http://www.zonapagos.com">
      <id_tienda>{id_tienda}</id_tienda>
      <clave>{clave}</clave>
      <total_con_iva>{total_con_iva}</total_con_iva>
      <valor_iva>{valor_iva}</valor_iva>
      <id_pago>{id_pago}</id_pago>
      <descripcion_pago>{descripcion_pago}</descripcion_pago>
      <email>{email}</email>
      <id_cliente>{id_cliente}</id_cliente>
      <tipo_id>{tipo_id}</tipo_id>
      <nombre_cliente>{nombre_cliente}</nombre_cliente>
      <apellido_cliente>{apellido_cliente}</apellido_cliente>
      <telefono_cliente>{telefono_cliente}</telefono_cliente>
      <info_opcional1>{info_opcional1}</info_opcional1>
      <info_opcional2>{info_opcional2}</info_opcional2>
      <info_opcional3>{info_opcional3}</info_opcional3>
      <codigo_servicio_principal>{codigo_servicio_principal}</codigo_servicio_principal>
      <lista_codigos_servicio_multicredito>
        <string>0</string>
      </lista_codigos_servicio_multicredito>
      <lista_valores_iva>
        <double>0</double>
      </lista_valores_iva>
      <total_codigos_servicio>0</total_codigos_servicio>
    </inicio_pagoV2>
  </soap:Body>
</soap:Envelope>
"""

# F2: PY-BIA form, no XML declaration, ByRef parameters omitted.
_VERIFICAR = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <verificar_pago_v4 xmlns="http://www.zonapagos.com/ws_verificar_pagosV4">
      <int_id_comercio>{int_id_comercio}</int_id_comercio>
      <str_usr_comercio>{str_usr_comercio}</str_usr_comercio>
      <str_pwd_Comercio>{str_pwd_Comercio}</str_pwd_Comercio>
      <str_id_pago>{str_id_pago}</str_id_pago>
      <int_no_pago>{int_no_pago}</int_no_pago>
    </verificar_pago_v4>
  </soap:Body>
</soap:Envelope>
"""


def inicio_pago_v2(
    *, id_tienda: int, clave: str, total_con_iva: str, valor_iva: str, id_pago: str,
    descripcion_pago: str = "Pago liquidacion", email: str = "pagador@ejemplo.com.co",
    id_cliente: str = "900794694", tipo_id: str = "3", nombre_cliente: str = "Cristina",
    apellido_cliente: str = "Vargas", telefono_cliente: str = "3001234567",
    info_opcional1: str = "0", info_opcional2: str = "0", info_opcional3: str = "0",
    codigo_servicio_principal: str = "2701",
) -> str:
    values = dict(locals())
    return _INICIO.format(**{name: escape(str(value)) for name, value in values.items()})


def verificar_pago_v4(
    *, int_id_comercio: int, str_usr_comercio: str, str_pwd_Comercio: str, str_id_pago: str,
    int_no_pago: int = -1,
) -> str:
    values = dict(locals())
    return _VERIFICAR.format(**{name: escape(str(value)) for name, value in values.items()})
