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
               "Tokentc_crear", "ZPagoAPTC"}
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
    # .NET value types (int, double) are minOccurs=1 in an ASMX WSDL: a zeep client sends their defaults
    created = tokens.Tokentc_crear(id_comercio=1001, usuario="usuario-v4", clave="clave-v4", id_cliente="1033370434",
                                   tipo_id=1, generar_pago=0, ban_tokenizar=0, total_con_iva=0, valor_iva=0,
                                   no_cuotas=1, **CARD)
    assert created.Tokentc_crearResult == 1 and created.estado_tokenizacion == 1
    assert "4111111111111111" not in str(created)
    charge = client(simulator, "/ws_pagoaptc/PagoAPTC.asmx").service.ZPagoAPTC(
        id_comercio=1001, usuario="usuario-v4", clave="clave-v4", tipo_identificador=1,
        identificador=created.token, id_pago=int(reference()[:9]), total_con_iva=30000, valor_iva=0,
        numero_cuotas=1, descripcion_pago="cuota zeep", direccion_ip_cliente="127.0.0.1")
    assert charge.ZPagoAPTCResult == 1 and charge.estado_transaccion == 1
    assert charge.lista_info_retorno_codigo.startswith("100|101|102")
