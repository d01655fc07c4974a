"""inicio_pagoV2, V3 and V4 at /ws_inicio_pagov2/Zpagos.asmx (zonapagos-ws.md §4, WSDL-INI).

V3 and V4 are V2 with extra elements after V2's 21; V4's `lista_respuesta` is ByRef (in and out).
"""
from __future__ import annotations

from simulator.soap.contract import Field, Kind, Operation, Secret, Service, double, integer, string, strings

INICIO_V2_INPUTS: tuple[Field, ...] = (
    integer("id_tienda", required=True),
    string("clave", 50, required=True, secret=Secret.WHOLE),
    double("total_con_iva", required=True),
    double("valor_iva", required=True),
    string("id_pago", 30, required=True),
    string("descripcion_pago", 70, required=True),
    string("email", 70),
    string("id_cliente", 30),
    string("tipo_id", 2),
    string("nombre_cliente", 50),
    string("apellido_cliente", 50),
    string("telefono_cliente", 50),
    string("info_opcional1", 70),
    string("info_opcional2", 70),
    string("info_opcional3", 70),
    string("codigo_servicio_principal", 10),
    Field("lista_codigos_servicio_multicredito", Kind.STRING_ARRAY),
    Field("lista_nit_codigos_servicio_multicredito", Kind.STRING_ARRAY),
    Field("lista_valores_con_iva", Kind.DOUBLE_ARRAY),
    Field("lista_valores_iva", Kind.DOUBLE_ARRAY),
    integer("total_codigos_servicio"),
)

INICIO_PAGO_V2 = Operation(
    "inicio_pagoV2",
    INICIO_V2_INPUTS,
    (string("inicio_pagoV2Result"),),
)

INICIO_PAGO_V3 = Operation(
    "inicio_pagoV3",
    INICIO_V2_INPUTS + (
        string("archivo_adjunto_nombre_original"),
        string("archivo_adjunto_nombre_guardado"),
        strings("lista_info_opcional"),
    ),
    (string("inicio_pagoV3Result"),),
)

INICIO_PAGO_V4 = Operation(
    "inicio_pagoV4",
    INICIO_V2_INPUTS + (
        string("lista_info_opcional_codigo"),
        string("lista_info_opcional_valor"),
        strings("lista_respuesta"),
    ),
    (string("inicio_pagoV4Result"), strings("lista_respuesta")),
)

START_SERVICE = Service(
    key="inicio",
    path="/ws_inicio_pagov2/Zpagos.asmx",
    namespace="http://www.zonapagos.com",
    service_name="ZPagos",
    operations=(INICIO_PAGO_V2, INICIO_PAGO_V3, INICIO_PAGO_V4),
)
