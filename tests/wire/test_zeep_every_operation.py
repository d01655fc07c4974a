"""zeep, an independent SOAP client, reads every served WSDL and calls every operation of it."""
from __future__ import annotations

import uuid

import pytest
from zeep import Client
from zeep.transports import Transport

from simulator.zonapagos.contracts import ALL_SERVICES

pytestmark = pytest.mark.wire

START = dict(id_tienda=1001, clave="clave-inicio", total_con_iva=20000, valor_iva=0, descripcion_pago="zeep",
             total_codigos_servicio=0)
CARD = dict(tipo_tarjeta=1, numero_tarjeta="4111111111111111", fecha_vencimiento="122030",
            direccion_ip_cliente="127.0.0.1", nombre_en_tarjeta="NICK RIVERA", codigo_seguridad="092")


def reference() -> str:
    return str(uuid.uuid4().int)[:16]


def client(simulator, path: str) -> Client:
    return Client(f"{simulator.url}{path}?wsdl", transport=Transport(timeout=10, operation_timeout=10))


def clients(simulator) -> dict[str, Client]:
    return {s.key: client(simulator, s.path) for s in ALL_SERVICES}


def test_every_operation_of_every_service_is_covered_here():
    covered = {"inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4", "verificar_pago_v4", "verificar_pago_v3",
               "ds_verificar_pago", "ds_verificar_pago_v2", "Tokentc_crear", "ZPagoAPTC"}
    assert {op.name for s in ALL_SERVICES for op in s.operations} == covered


@pytest.mark.parametrize("operation", ["inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"])
def test_each_start_version_answers_an_identificador_through_zeep(simulator, operation):
    service = client(simulator, "/ws_inicio_pagov2/Zpagos.asmx").service
    result = getattr(service, operation)(**START, id_pago=reference())
    identifier = result if isinstance(result, str) else getattr(result, f"{operation}Result")
    assert identifier.isdigit()


def test_verificar_pago_v3_returns_the_structured_records_through_zeep(simulator):
    started = reference()
    client(simulator, "/ws_inicio_pagov2/Zpagos.asmx").service.inicio_pagoV2(**START, id_pago=started)
    answer = client(simulator, "/ws_verificar_pagos/Service.asmx").service.verificar_pago_v3(
        str_id_pago=started, int_id_tienda=1001, str_id_clave="clave-inicio", int_error=0)
    assert answer.verificar_pago_v3Result == 1 and answer.int_error == 0
    [record] = answer.res_pagos_v3.pagos_v3
    assert record.str_id_pago == started and record.int_estado_pago == 888


def test_tokenize_then_charge_by_token_through_zeep(simulator):
    tokens = client(simulator, "/tokenizaciontc/tokentc.asmx").service
    # .NET value types (int, double) are minOccurs=1 in an ASMX WSDL, ByRef ones too (a .NET proxy's `ref int`):
    # a zeep client sends them
    byref = dict(estado_tokenizacion=0, estado_transaccion=0, no_pago=0)
    created = tokens.Tokentc_crear(id_comercio=1001, usuario="usuario-v4", clave="clave-v4", id_cliente="1033370434",
                                   tipo_id=1, generar_pago=0, ban_tokenizar=0, total_con_iva=0, valor_iva=0,
                                   no_cuotas=1, **CARD, **byref)
    assert created.Tokentc_crearResult == 1 and created.estado_tokenizacion == 1
    assert "4111111111111111" not in str(created)
    charge = client(simulator, "/ws_pagoaptc/PagoAPTC.asmx").service.ZPagoAPTC(
        id_comercio=1001, usuario="usuario-v4", clave="clave-v4", tipo_identificador=1,
        identificador=created.token, id_pago=int(reference()[:9]), total_con_iva=30000, valor_iva=0,
        numero_cuotas=1, descripcion_pago="cuota zeep", direccion_ip_cliente="127.0.0.1", estado_transaccion=0,
        no_pago=0)
    assert charge.ZPagoAPTCResult == 1 and charge.estado_transaccion == 1
    assert charge.lista_info_retorno_codigo.startswith("100|101|102")


@pytest.mark.parametrize("operation", ["ds_verificar_pago", "ds_verificar_pago_v2"])
def test_the_dataset_verifications_read_through_zeep(simulator, operation):
    started = reference()
    client(simulator, "/ws_inicio_pagov2/Zpagos.asmx").service.inicio_pagoV2(**START, id_pago=started)
    answer = getattr(client(simulator, "/ws_verificar_pagos/Service.asmx").service, operation)(
        id_pago=started, id_tienda=1001, id_clave="clave-inicio")
    assert answer.codigo == 1 and answer.descripcion in ("", None)
    # zeep reads ASMX's DataSet member (xs:schema + any) with the inline schema: typed rows
    rows = [item["Table"] for item in answer.ds_verificar_pago._value_1._value_1]
    assert [row.str_id_pago for row in rows] == [started]
    assert (rows[0].int_estado_pago, rows[0].dbl_valor_pagado) == (888, 20000.0)
    assert rows[0].dat_fecha.utcoffset().total_seconds() == -5 * 3600


@pytest.mark.parametrize("service", ALL_SERVICES, ids=lambda s: s.key)
@pytest.mark.parametrize("port", ["Soap", "Soap12"])
def test_zeep_binds_each_port_by_its_asmx_name_and_calls_through_it(simulator, service, port):
    """`client.bind("ZPagos", "ZPagosSoap12")`, as code written against the vendor's WSDL does; SOAP 1.2 too."""
    bound = client(simulator, service.path).bind(service.service_name, f"{service.service_name}{port}")
    calls = {
        "inicio": lambda: bound.inicio_pagoV2(**{**START, "clave": "mala"}, id_pago=reference()),
        "verificar_v4": lambda: bound.verificar_pago_v4(int_id_comercio=1001, str_usr_comercio="usuario-v4",
                                                        str_pwd_Comercio="mala", str_id_pago="x", int_no_pago=-1,
                                                        int_error=0, int_cantidad_pagos=0),
        "verificar_v3": lambda: bound.verificar_pago_v3(str_id_pago="x", int_id_tienda=1001, str_id_clave="mala",
                                                        int_error=0),
        "tokentc": lambda: bound.Tokentc_crear(id_comercio=1001, usuario="usuario-v4", clave="mala", tipo_id=1,
                                              generar_pago=0, ban_tokenizar=0, total_con_iva=0, valor_iva=0,
                                              no_cuotas=1, estado_tokenizacion=0, estado_transaccion=0,
                                              no_pago=0, **CARD),
        "pagoaptc": lambda: bound.ZPagoAPTC(id_comercio=1001, usuario="usuario-v4", clave="mala", tipo_identificador=1,
                                        identificador="x", id_pago=1, total_con_iva=1, valor_iva=0, numero_cuotas=1,
                                        estado_transaccion=0, no_pago=0),
    }
    answer = calls[service.key]()
    first = answer if isinstance(answer, str) else answer[next(iter(answer))]
    assert str(first).startswith("-1"), answer  # the wrong password, answered in-band through this port


def test_zeep_sends_empty_lists_the_asmx_wsdl_allows(simulator):
    """ArrayOfDouble/ArrayOfString items are minOccurs=0: empty lists go out (zeep refused them before)."""
    service = client(simulator, "/ws_inicio_pagov2/Zpagos.asmx").service
    identifier = service.inicio_pagoV2(**START, id_pago=reference(), lista_codigos_servicio_multicredito={"string": []},
                                       lista_valores_con_iva={"double": []}, lista_valores_iva={"double": []})
    assert identifier.isdigit()
