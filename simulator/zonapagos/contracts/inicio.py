"""inicio_pagoV2 at /ws_inicio_pagov2/Zpagos.asmx (zonapagos-ws.md §4)."""
from __future__ import annotations

from simulator.zonapagos.contract import Field, Kind, Operation, Service, double, integer, string

INICIO_V2_INPUTS: tuple[Field, ...] = (
    integer("id_tienda", required=True),
    string("clave", 50, required=True),
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

START_SERVICE = Service(
    key="inicio",
    path="/ws_inicio_pagov2/Zpagos.asmx",
    namespace="http://www.zonapagos.com",
    service_name="ZPagos",
    operations=(INICIO_PAGO_V2,),
)
