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


# Token services (the seed's element order; the optional lista_info_adicional_* and the ByRef outputs omitted).
TOKENTC_PATH = "/tokenizaciontc/tokentc.asmx"
TOKENTC_NS = "http://www.zonapagos.com/tokenizaciontc"
TOKENTC_SOAP_ACTION = '"http://www.zonapagos.com/tokenizaciontc/Tokentc_crear"'

APTC_PATH = "/ws_pagoaptc/PagoAPTC.asmx"
APTC_NS = "http://www.zonapagos.com/ws_pagoaptc"
APTC_SOAP_ACTION = '"http://www.zonapagos.com/ws_pagoaptc/ZPagoAPTC"'

_TOKENTC = """<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <Tokentc_crear xmlns="http://www.zonapagos.com/tokenizaciontc">
      <id_comercio>{id_comercio}</id_comercio>
      <usuario>{usuario}</usuario>
      <clave>{clave}</clave>
      <id_cliente>{id_cliente}</id_cliente>
      <tipo_id>{tipo_id}</tipo_id>
      <nombre_cliente>{nombre_cliente}</nombre_cliente>
      <apellido_cliente>{apellido_cliente}</apellido_cliente>
      <telefono_cliente>{telefono_cliente}</telefono_cliente>
      <txtcampo1>{txtcampo1}</txtcampo1>
      <txtcampo2></txtcampo2>
      <txtcampo3></txtcampo3>
      <email>{email}</email>
      <tipo_tarjeta>{tipo_tarjeta}</tipo_tarjeta>
      <numero_tarjeta>{numero_tarjeta}</numero_tarjeta>
      <fecha_vencimiento>{fecha_vencimiento}</fecha_vencimiento>
      <nombre_en_tarjeta>{nombre_en_tarjeta}</nombre_en_tarjeta>
      <direccion_ip_cliente>{direccion_ip_cliente}</direccion_ip_cliente>
      <generar_pago>{generar_pago}</generar_pago>
      <ban_tokenizar>{ban_tokenizar}</ban_tokenizar>
      <total_con_iva>{total_con_iva}</total_con_iva>
      <valor_iva>{valor_iva}</valor_iva>
      <id_pago>{id_pago}</id_pago>
      <descripcion_pago>{descripcion_pago}</descripcion_pago>
      <codigo_seguridad>{codigo_seguridad}</codigo_seguridad>
      <no_cuotas>{no_cuotas}</no_cuotas>
    </Tokentc_crear>
  </soap:Body>
</soap:Envelope>
"""

_APTC = """<?xml version="1.0" encoding="utf-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ZPagoAPTC xmlns="http://www.zonapagos.com/ws_pagoaptc">
      <id_comercio>{id_comercio}</id_comercio>
      <usuario>{usuario}</usuario>
      <clave>{clave}</clave>
      <tipo_identificador>{tipo_identificador}</tipo_identificador>
      <identificador>{identificador}</identificador>
      <id_pago>{id_pago}</id_pago>
      <total_con_iva>{total_con_iva}</total_con_iva>
      <valor_iva>{valor_iva}</valor_iva>
      <numero_cuotas>{numero_cuotas}</numero_cuotas>
      <descripcion_pago>{descripcion_pago}</descripcion_pago>
      <direccion_ip_cliente>{direccion_ip_cliente}</direccion_ip_cliente>
    </ZPagoAPTC>
  </soap:Body>
</soap:Envelope>
"""


def tokentc_crear(
    *, id_comercio: int, usuario: str, clave: str, numero_tarjeta: str, fecha_vencimiento: str,
    codigo_seguridad: str, total_con_iva: str, valor_iva: str, id_pago: str, tipo_tarjeta: int = 1,
    generar_pago: int = 1, ban_tokenizar: int = 2, id_cliente: str = "1033370434", tipo_id: int = 1,
    nombre_cliente: str = "NICK", apellido_cliente: str = "RIVERA CAMINERO", telefono_cliente: str = "3107126048",
    txtcampo1: str = "afiliacion", email: str = "nick.rivera@example.com", nombre_en_tarjeta: str = "NICK RIVERA",
    direccion_ip_cliente: str = "10.20.30.40", descripcion_pago: str = "Cuota de afiliacion", no_cuotas: int = 1,
) -> str:
    values = dict(locals())
    return _TOKENTC.format(**{name: escape(str(value)) for name, value in values.items()})


def zpago_aptc(
    *, id_comercio: int, usuario: str, clave: str, identificador: str, id_pago: int, total_con_iva: str,
    valor_iva: str, tipo_identificador: int = 1, numero_cuotas: int = 1, descripcion_pago: str = "Cuota mensual",
    direccion_ip_cliente: str = "10.20.30.40",
) -> str:
    values = dict(locals())
    return _APTC.format(**{name: escape(str(value)) for name, value in values.items()})
