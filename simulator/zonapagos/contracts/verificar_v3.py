"""verificar_pago_v3 at /ws_verificar_pagos/Service.asmx (zonapagos-ws.md §6, WSDL-V3).

The legacy verification answers structured records (`pagos_v3`) instead of V4's `str_res_pago`.
`ds_verificar_pago` / `ds_verificar_pago_v2` of the same WSDL answer a .NET DataSet and are not served.
"""
from __future__ import annotations

from simulator.soap.contract import (
    Operation, Record, Secret, Service, dataset, date_time, double, integer, record, records, string,
)

PAGOS_V3 = Record(
    name="pagos_v3",
    array_name="ArrayOfPagos_v3",
    fields=(
        string("str_id_pago"),
        integer("int_estado_pago"),
        integer("int_id_forma_pago"),
        double("dbl_valor_pagado"),
        string("str_ticketID"),
        string("str_id_clave"),
        string("str_id_cliente"),
        string("str_franquicia"),
        integer("int_cod_aprobacion"),
        integer("int_codigo_servico"),  # sic: the WSDL's spelling
        integer("int_codigo_banco"),
        string("str_nombre_banco"),
        string("str_codigo_transaccion"),
        integer("int_ciclo_transaccion"),
        string("str_campo1"),
        string("str_campo2"),
        string("str_campo3"),
        date_time("dat_fecha"),
    ),
)

VERIFICAR_PAGO_V3 = Operation(
    "verificar_pago_v3",
    (
        string("str_id_pago", 30, required=True),
        # A missing merchant or key is a credential error (int_error 2), not a missing field.
        integer("int_id_tienda"),
        string("str_id_clave", 50, secret=Secret.WHOLE),
        # ByRef parameters: PHP clients send them (`array("0")`, 0, ""), .NET proxies omit them.
        records("res_pagos_v3", PAGOS_V3),
        integer("int_error"),
        string("str_error"),
    ),
    (
        integer("verificar_pago_v3Result"),
        records("res_pagos_v3", PAGOS_V3),
        integer("int_error"),
        string("str_error"),
    ),
)

RESPUESTA = Record(
    name="Respuesta",
    array_name="ArrayOfRespuesta",
    fields=(integer("codigo"), string("descripcion"), dataset("ds_verificar_pago")),
)


def _dataset_operation(name: str) -> Operation:
    return Operation(
        name,
        (string("id_pago", 30, required=True), integer("id_tienda"), string("id_clave", 50, secret=Secret.WHOLE)),
        (record(f"{name}Result", RESPUESTA),),
    )


DS_VERIFICAR_PAGO = _dataset_operation("ds_verificar_pago")
DS_VERIFICAR_PAGO_V2 = _dataset_operation("ds_verificar_pago_v2")

VERIFY_V3_SERVICE = Service(
    key="verificar_v3",
    path="/ws_verificar_pagos/Service.asmx",
    namespace="http://www.zonapagos.com/ws_verificar_pagos",
    service_name="Service",
    operations=(VERIFICAR_PAGO_V3, DS_VERIFICAR_PAGO, DS_VERIFICAR_PAGO_V2),
)
