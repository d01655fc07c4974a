"""verificar_pago_v4 at /WsVerificarPagoV4/VerificarPagos.asmx (zonapagos-ws.md §5)."""
from __future__ import annotations

from simulator.soap.contract import Operation, Secret, Service, integer, string

VERIFICAR_PAGO_V4 = Operation(
    "verificar_pago_v4",
    (
        integer("int_id_comercio", required=True),
        string("str_usr_comercio", 40, required=True),
        string("str_pwd_Comercio", 50, required=True, secret=Secret.WHOLE),
        string("str_id_pago", 30, required=True),
        integer("int_no_pago"),
        # ByRef parameters of the .NET method: PHP clients send them, raw clients omit them.
        integer("int_error", xsd_required=False),
        string("str_detalle"),
        integer("int_cantidad_pagos", xsd_required=False),
        string("str_res_pago"),
    ),
    (
        integer("verificar_pago_v4Result"),
        integer("int_error"),
        string("str_detalle"),
        integer("int_cantidad_pagos"),
        string("str_res_pago"),
    ),
)

VERIFY_V4_SERVICE = Service(
    key="verificar_v4",
    path="/WsVerificarPagoV4/VerificarPagos.asmx",
    namespace="http://www.zonapagos.com/ws_verificar_pagosV4",
    service_name="VerificarPagos",
    operations=(VERIFICAR_PAGO_V4,),
)
