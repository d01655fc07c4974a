"""The one contract source for the ZonaPAGOS SOAP services.

Each operation is declared once here: element names, order, XSD types, sizes and required rules.
The spyne models (which produce the WSDL), the fast request decoder and the response encoder are all
derived from these tables, so they cannot drift (zonapagos-ws.md §4, §5).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    INT = "int"
    STRING = "string"
    DOUBLE = "double"
    STRING_ARRAY = "ArrayOfString"
    DOUBLE_ARRAY = "ArrayOfDouble"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    max_length: int | None = None  # business limit, checked in-band with a Spanish message
    required: bool = False  # business rule: the service answers -1 naming the field when missing
    xsd_required: bool = False  # minOccurs=1 in the WSDL (value types of ASMX)


@dataclass(frozen=True)
class Operation:
    name: str
    inputs: tuple[Field, ...]
    outputs: tuple[Field, ...]  # the first is `<name>Result`; the rest are ByRef outputs

    @property
    def response_name(self) -> str:
        return f"{self.name}Response"

    @property
    def result_name(self) -> str:
        return f"{self.name}Result"


@dataclass(frozen=True)
class Service:
    key: str  # short name used in the journal, faults and fault injection
    path: str  # the real ASMX path
    namespace: str
    service_name: str  # the ASMX class name (WSDL service)
    operations: tuple[Operation, ...]

    def operation(self, name: str) -> Operation | None:
        for op in self.operations:
            if op.name == name:
                return op
        return None


def _s(name: str, max_length: int | None = None, required: bool = False) -> Field:
    return Field(name, Kind.STRING, max_length, required)


def _i(name: str, required: bool = False, xsd_required: bool = True) -> Field:
    return Field(name, Kind.INT, None, required, xsd_required)


def _d(name: str, required: bool = False) -> Field:
    return Field(name, Kind.DOUBLE, None, required, True)


INICIO_V2_INPUTS: tuple[Field, ...] = (
    _i("id_tienda", required=True),
    _s("clave", 50, required=True),
    _d("total_con_iva", required=True),
    _d("valor_iva", required=True),
    _s("id_pago", 30, required=True),
    _s("descripcion_pago", 70, required=True),
    _s("email", 70),
    _s("id_cliente", 30),
    _s("tipo_id", 2),
    _s("nombre_cliente", 50),
    _s("apellido_cliente", 50),
    _s("telefono_cliente", 50),
    _s("info_opcional1", 70),
    _s("info_opcional2", 70),
    _s("info_opcional3", 70),
    _s("codigo_servicio_principal", 10),
    Field("lista_codigos_servicio_multicredito", Kind.STRING_ARRAY),
    Field("lista_nit_codigos_servicio_multicredito", Kind.STRING_ARRAY),
    Field("lista_valores_con_iva", Kind.DOUBLE_ARRAY),
    Field("lista_valores_iva", Kind.DOUBLE_ARRAY),
    _i("total_codigos_servicio"),
)

INICIO_PAGO_V2 = Operation(
    "inicio_pagoV2",
    INICIO_V2_INPUTS,
    (_s("inicio_pagoV2Result"),),
)

START_SERVICE = Service(
    key="inicio",
    path="/ws_inicio_pagov2/Zpagos.asmx",
    namespace="http://www.zonapagos.com",
    service_name="ZPagos",
    operations=(INICIO_PAGO_V2,),
)

VERIFICAR_PAGO_V4 = Operation(
    "verificar_pago_v4",
    (
        _i("int_id_comercio", required=True),
        _s("str_usr_comercio", 40, required=True),
        _s("str_pwd_Comercio", 50, required=True),
        _s("str_id_pago", 30, required=True),
        _i("int_no_pago"),
        # ByRef parameters of the .NET method: PHP clients send them, raw clients omit them.
        _i("int_error", xsd_required=False),
        _s("str_detalle"),
        _i("int_cantidad_pagos", xsd_required=False),
        _s("str_res_pago"),
    ),
    (
        _i("verificar_pago_v4Result"),
        _i("int_error"),
        _s("str_detalle"),
        _i("int_cantidad_pagos"),
        _s("str_res_pago"),
    ),
)

VERIFY_V4_SERVICE = Service(
    key="verificar_v4",
    path="/WsVerificarPagoV4/VerificarPagos.asmx",
    namespace="http://www.zonapagos.com/ws_verificar_pagosV4",
    service_name="VerificarPagos",
    operations=(VERIFICAR_PAGO_V4,),
)

SERVICES: tuple[Service, ...] = (START_SERVICE, VERIFY_V4_SERVICE)


def service_for_path(path: str) -> Service | None:
    lowered = path.lower()
    for service in SERVICES:
        if service.path.lower() == lowered:
            return service
    return None
