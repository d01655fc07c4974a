"""PHP's own SoapClient (ext-soap, WSDL mode) against every served WSDL and every operation.

This is how WooCommerce, PrestaShop and most Colombian PHP merchants integrate: `new SoapClient(<asmx>?wsdl)`
and `__soapCall(<operation>, [params])` with every parameter present (in/out ones too) and null lists.
Each operation has a small script in tests/contract/php/ that builds that parameter set, merges JSON
overrides, calls the simulator and prints what PHP read back as JSON. The override `_only` keeps just the
parameters a merchant's own code passes (the last section): value types stay, as the ASMX WSDL obliges.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from simulator.pse.soap.contract import OPERATIONS as ACH_OPERATIONS
from simulator.pse.soap.contract import PATH as ACH_PATH
from simulator.soap.contract import Kind
from simulator.zonapagos.contracts import ALL_SERVICES
from tests.wire.soap_helpers import attempts_of, control, verify

SCRIPTS = Path(__file__).parent / "php"
PHP = shutil.which("php")


def _php_missing() -> str | None:
    if PHP is None:
        return "php is not installed (apt-get install -y php-cli php-soap; ./dev test installs them)"
    modules = subprocess.run([PHP, "-m"], capture_output=True, text=True, timeout=30).stdout.split()
    if "soap" not in (m.lower() for m in modules):
        return "PHP's soap extension is not installed (apt-get install -y php-soap; ./dev test installs it)"
    return None


MISSING = _php_missing()
needs_php = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
pytestmark = [pytest.mark.php, pytest.mark.wire]

PATHS = {op.name: service.path for service in ALL_SERVICES for op in service.operations}
OPERATIONS = {op.name: op for service in ALL_SERVICES for op in service.operations}
# ACH's MainServices (tests/contract/test_php_ach.py): every operation the simulator serves has a script too
SCRIPTED = {**PATHS, **{op.name: ACH_PATH for op in ACH_OPERATIONS}}
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def new_reference() -> str:
    return str(uuid.uuid4().int)[:18]  # numeric, no leading zero: what shop order numbers look like


def php_run(url: str, operation: str, **overrides) -> dict:
    """Run tests/contract/php/<operation>.php against the simulator's WSDL; PHP's answer as a dict."""
    wsdl = f"{url}{SCRIPTED[operation]}?wsdl"
    done = subprocess.run([PHP, str(SCRIPTS / f"{operation}.php"), wsdl, json.dumps(overrides)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def php_call(url: str, operation: str, **overrides) -> dict:
    """php_run, and the call must have worked."""
    answer = php_run(url, operation, **overrides)
    assert answer["ok"], answer.get("fault")
    return answer


def php_start(url: str, operation: str = "inicio_pagoV2", **overrides) -> tuple[str, int]:
    reference = new_reference()
    result = php_call(url, operation, id_pago=reference, **overrides)["result"]
    identifier = result[f"{operation}Result"]
    assert identifier.isdigit(), identifier
    return reference, int(identifier)


def approve(url: str, identifier: int) -> None:
    status, problem = control(url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 200, problem


def test_every_served_operation_has_a_php_script():
    missing = [name for name in SCRIPTED if not (SCRIPTS / f"{name}.php").is_file()]
    assert not missing, f"operations without a PHP SoapClient script: {missing}"


@needs_php
@pytest.mark.parametrize("service", ALL_SERVICES, ids=lambda s: s.key)
def test_php_reads_each_wsdl_and_sees_its_operations(simulator, service):
    operation = service.operations[0].name
    functions = php_call(simulator.url, operation, **_harmless(operation))["functions"]
    # each operation once per binding (SOAP 1.1 and 1.2), as PHP lists a real ASMX service's
    names = [f.split("(")[0].split()[-1] for f in functions]
    assert sorted(names) == sorted(op.name for op in service.operations for _ in ("Soap", "Soap12"))


def _harmless(operation: str) -> dict:
    """Parameters that make a call answer without side effects worth checking (a wrong password)."""
    return {"inicio_pagoV2": {"clave": "mala"}, "verificar_pago_v4": {"str_pwd_Comercio": "mala"},
            "verificar_pago_v3": {"str_id_clave": "mala"}, "Tokentc_crear": {"clave": "mala"},
            "ZPagoAPTC": {"clave": "mala"}}.get(operation, {})


# -- start ----------------------------------------------------------------------------------------

@needs_php
@pytest.mark.parametrize("operation", ["inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"])
def test_every_start_version_answers_a_numeric_identificador_and_starts_the_payment(simulator, operation):
    reference, identifier = php_start(simulator.url, operation)
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888" and attempt[2] == "119000" and attempt[3] == "19000"


@needs_php
@pytest.mark.parametrize("operation", ["inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"])
def test_a_refused_start_reads_back_as_minus_one_with_the_message(simulator, operation):
    result = php_call(simulator.url, operation, id_pago=new_reference(), clave="mala")["result"]
    assert result[f"{operation}Result"] == "-1 Credenciales inválidas"


@needs_php
def test_inicio_pago_v4_hands_lista_respuesta_back_as_php_sent_it(simulator):
    sent = php_call(simulator.url, "inicio_pagoV4", id_pago=new_reference(), lista_respuesta=["a", "b"],
                    lista_info_opcional_codigo="1|2", lista_info_opcional_valor="x|y")["result"]
    assert sent["inicio_pagoV4Result"].isdigit()
    assert sent["lista_respuesta"] == {"string": ["a", "b"]}
    untouched = php_call(simulator.url, "inicio_pagoV4", id_pago=new_reference())["result"]
    assert "lista_respuesta" not in untouched  # null in, omitted out


@needs_php
def test_inicio_pago_v3_accepts_attachment_names_and_optional_list(simulator):
    php_start(simulator.url, "inicio_pagoV3", archivo_adjunto_nombre_original="factura.pdf",
              archivo_adjunto_nombre_guardado="2026/11/factura-1.pdf", lista_info_opcional=["uno", "dos"])


@needs_php
def test_public_php_clients_with_one_item_lists_are_answered(simulator):
    # the form of a public university client: array("0") for the string lists, array(0) for the doubles
    php_start(simulator.url, "inicio_pagoV2", lista_codigos_servicio_multicredito=["0"],
              lista_nit_codigos_servicio_multicredito=["0"], lista_valores_con_iva=[0], lista_valores_iva=[0])


# -- verificar_pago_v4 ------------------------------------------------------------------------------

@needs_php
def test_verificar_pago_v4_reads_an_approved_payment_with_its_state_fields(simulator):
    reference, identifier = php_start(simulator.url)
    approve(simulator.url, identifier)
    result = php_call(simulator.url, "verificar_pago_v4", str_id_pago=reference)["result"]
    assert (result["verificar_pago_v4Result"], result["int_error"], result["int_cantidad_pagos"]) == (1, 0, 1)
    [fields] = [[f.strip() for f in g.split(" | ")] for g in result["str_res_pago"].split(" | ; |") if g.strip()]
    assert fields[1] == "1" and fields[2] == "119000" and fields[14] == "29" and len(fields) == 21


@needs_php
def test_verificar_pago_v4_unknown_reference_and_wrong_password_read_back(simulator):
    unknown = php_call(simulator.url, "verificar_pago_v4", str_id_pago=new_reference())["result"]
    assert (unknown["verificar_pago_v4Result"], unknown["int_error"], unknown["int_cantidad_pagos"]) == (1, -1, 0)
    refused = php_call(simulator.url, "verificar_pago_v4", str_id_pago=new_reference(), str_pwd_Comercio="mala")
    assert refused["result"]["verificar_pago_v4Result"] == -1
    assert refused["result"]["str_detalle"] == "Credenciales inválidas"


# -- verificar_pago_v3 ------------------------------------------------------------------------------

@needs_php
@pytest.mark.parametrize("res_pagos_v3", [["0"], [], None], ids=["array-0", "empty-array", "null"])
def test_verificar_pago_v3_reads_an_approved_pse_record(simulator, res_pagos_v3):
    reference, identifier = php_start(simulator.url)
    approve(simulator.url, identifier)
    result = php_call(simulator.url, "verificar_pago_v3", str_id_pago=reference, res_pagos_v3=res_pagos_v3)["result"]
    assert (result["verificar_pago_v3Result"], result["int_error"], result["str_error"]) == (1, 0, "")
    record = result["res_pagos_v3"]["pagos_v3"]  # one record: PHP gives an object, as public clients read it
    assert record["str_id_pago"] == reference
    assert (record["int_estado_pago"], record["int_id_forma_pago"], record["dbl_valor_pagado"]) == (1, 29, 119000.0)
    assert record["int_codigo_servico"] == 2701 and record["int_codigo_banco"] == 1022
    assert record["str_nombre_banco"] == "BANCO UNION COLOMBIANO"
    assert record["str_codigo_transaccion"].isdigit() and record["str_ticketID"].isdigit()
    assert record["str_id_clave"] == str(identifier)
    assert record["str_id_cliente"] == "52123456" and record["str_campo1"] == "opcion1"
    assert datetime.fromisoformat(record["dat_fecha"]).tzinfo is None


@needs_php
def test_verificar_pago_v3_reads_an_untouched_payment_as_888_with_zero_codes(simulator):
    reference, _ = php_start(simulator.url)
    record = php_call(simulator.url, "verificar_pago_v3", str_id_pago=reference)["result"]["res_pagos_v3"]["pagos_v3"]
    assert (record["int_estado_pago"], record["int_id_forma_pago"], record["int_codigo_banco"]) == (888, 0, 0)
    assert record["str_nombre_banco"] == "" and record["str_franquicia"] == ""


@needs_php
def test_verificar_pago_v3_none_found_and_wrong_key_read_back(simulator):
    none = php_call(simulator.url, "verificar_pago_v3", str_id_pago=new_reference())["result"]
    assert (none["verificar_pago_v3Result"], none["int_error"]) == (0, 1)
    assert none["res_pagos_v3"] == {}  # present and empty: .NET clients count it without a null check
    for change in ({"str_id_clave": "mala"}, {"str_id_clave": "clave-v4"}, {"int_id_tienda": 4242}):
        refused = php_call(simulator.url, "verificar_pago_v3", str_id_pago=new_reference(), **change)["result"]
        assert (refused["verificar_pago_v3Result"], refused["int_error"]) == (-1, 2), change
        assert refused["str_error"] == "Credenciales inválidas"


# -- token services ---------------------------------------------------------------------------------

@needs_php
def test_tokentc_crear_then_zpagoaptc_charge_the_token(simulator):
    created = php_call(simulator.url, "Tokentc_crear", id_pago=new_reference())["result"]
    assert (created["Tokentc_crearResult"], created["estado_tokenizacion"], created["estado_transaccion"]) == (1, 1, 1)
    assert created["token"] and created["no_pago"] > 0
    charged = php_call(simulator.url, "ZPagoAPTC", identificador=created["token"],
                       id_pago=int(new_reference()[:9]))["result"]
    assert (charged["ZPagoAPTCResult"], charged["estado_transaccion"]) == (1, 1), charged
    assert charged["no_pago"] > 0 and charged["lista_info_retorno_codigo"].startswith("100")


# -- what PHP puts on the wire ----------------------------------------------------------------------

@needs_php
def test_php_sends_the_prefixed_envelope_the_spec_predicts(simulator):
    """zonapagos-ws.md §18 F3: `SOAP-ENV:` envelope, `ns1:` bound to the service namespace, WSDL order."""
    request = php_call(simulator.url, "verificar_pago_v4", str_id_pago=new_reference())["last_request"]
    root = etree.fromstring(request.encode())
    assert root.prefix == "SOAP-ENV" and etree.QName(root).namespace == SOAP11
    [body] = root
    assert body.prefix == "SOAP-ENV" and etree.QName(body).localname == "Body"
    [operation] = body
    assert operation.prefix == "ns1" and operation.nsmap["ns1"] == "http://www.zonapagos.com/ws_verificar_pagosV4"
    assert etree.QName(operation).localname == "verificar_pago_v4"
    assert [child.prefix for child in operation] == ["ns1"] * len(operation)
    assert [etree.QName(child).localname for child in operation] == [
        "int_id_comercio", "str_usr_comercio", "str_pwd_Comercio", "str_id_pago", "int_no_pago", "int_error",
        "int_cantidad_pagos",
    ]
    assert operation.findtext("{*}int_error") == "0" and operation.findtext("{*}int_cantidad_pagos") == "0"


@needs_php
def test_php_leaves_null_lists_out_as_the_asmx_wsdl_lets_it(simulator):
    """The lists are minOccurs="0" and not nillable in an ASMX WSDL: PHP omits a null one (no xsi:nil)."""
    request = php_call(simulator.url, "inicio_pagoV2", id_pago=new_reference())["last_request"]
    operation = etree.fromstring(request.encode())[0][0]
    sent = [etree.QName(c).localname for c in operation]
    assert len(sent) == 17 and not any(name.startswith("lista_") for name in sent)
    assert sent[-1] == "total_codigos_servicio"
    assert not [c for c in operation if c.get(f"{{{XSI}}}nil") is not None]


# -- ds_verificar_pago, ds_verificar_pago_v2 (.NET DataSet answers) ---------------------------------

@needs_php
@pytest.mark.parametrize("operation", ["ds_verificar_pago", "ds_verificar_pago_v2"])
def test_the_dataset_verifications_read_back_with_one_row_per_attempt(simulator, operation):
    reference, identifier = php_start(simulator.url)
    approve(simulator.url, identifier)
    answer = php_call(simulator.url, operation, id_pago=reference)["result"][f"{operation}Result"]
    assert (answer["codigo"], answer["descripcion"]) == (1, "")
    dataset = answer["ds_verificar_pago"]  # PHP gives ASMX's DataSet as the schema and the diffgram's XML
    rows = etree.fromstring(dataset["any"]).findall(".//Table")
    assert [row.findtext("str_id_pago") for row in rows] == [reference]
    assert rows[0].findtext("int_estado_pago") == "1" and rows[0].findtext("str_id_clave") == str(identifier)
    refused = php_call(simulator.url, operation, id_pago=reference, id_clave="mala")["result"][f"{operation}Result"]
    assert (refused["codigo"], refused["descripcion"]) == (-1, "Credenciales inválidas")


# -- only what a merchant sends ----------------------------------------------------------------------------------------

# The parameters a merchant's own code passes to each operation: its business fields, no ByRef list or string it has
# no value for, no multi-credit list; but every value type (int, double), ByRef ones included, because an ASMX
# WSDL makes them minOccurs="1" and PHP's SoapClient refuses to build the request without them.
_START = ["id_tienda", "clave", "total_con_iva", "valor_iva", "id_pago", "descripcion_pago", "email", "id_cliente",
          "tipo_id", "nombre_cliente", "apellido_cliente", "telefono_cliente", "codigo_servicio_principal",
          "total_codigos_servicio"]
MERCHANT_SENDS: dict[str, list[str]] = {
    "inicio_pagoV2": _START,
    "inicio_pagoV3": _START,
    "inicio_pagoV4": _START,
    "verificar_pago_v4": ["int_id_comercio", "str_usr_comercio", "str_pwd_Comercio", "str_id_pago", "int_no_pago",
                          "int_error", "int_cantidad_pagos"],
    "verificar_pago_v3": ["str_id_pago", "int_id_tienda", "str_id_clave", "int_error"],
    "ds_verificar_pago": ["id_pago", "id_tienda", "id_clave"],
    "ds_verificar_pago_v2": ["id_pago", "id_tienda", "id_clave"],
    "Tokentc_crear": ["id_comercio", "usuario", "clave", "id_cliente", "tipo_id", "nombre_cliente", "apellido_cliente",
                      "email", "tipo_tarjeta", "numero_tarjeta", "fecha_vencimiento", "nombre_en_tarjeta",
                      "direccion_ip_cliente", "generar_pago", "ban_tokenizar", "total_con_iva", "valor_iva", "id_pago",
                      "descripcion_pago", "codigo_seguridad", "no_cuotas", "estado_tokenizacion", "estado_transaccion",
                      "no_pago"],
    "ZPagoAPTC": ["id_comercio", "usuario", "clave", "tipo_identificador", "identificador", "id_pago", "total_con_iva",
                  "valor_iva", "numero_cuotas", "descripcion_pago", "direccion_ip_cliente", "estado_transaccion",
                  "no_pago"],
}
VALUE_KINDS = (Kind.INT, Kind.DOUBLE, Kind.DATETIME)
LIST_KINDS = (Kind.STRING_ARRAY, Kind.DOUBLE_ARRAY, Kind.RECORD_ARRAY)


def value_types(operation: str) -> list[str]:
    return [f.name for f in OPERATIONS[operation].inputs if f.kind in VALUE_KINDS]


def merchant_call(url: str, operation: str, **values) -> dict:
    """Call with only the merchant's parameters, and check what PHP put on the wire: exactly those, in the WSDL's
    order, every value type with a value, no list element."""
    answer = php_call(url, operation, _only=MERCHANT_SENDS[operation], **values)
    assert answer["sent_parameters"] == MERCHANT_SENDS[operation]
    wrapper = etree.fromstring(answer["last_request"].encode())[0][0]
    sent = [etree.QName(child).localname for child in wrapper]
    assert sent == [f.name for f in OPERATIONS[operation].inputs if f.name in MERCHANT_SENDS[operation]]
    assert not [f.name for f in OPERATIONS[operation].inputs if f.kind in LIST_KINDS and f.name in sent]
    assert all(wrapper.findtext(f"{{*}}{name}") for name in value_types(operation))
    return answer


def test_every_operation_has_a_merchant_set_with_each_value_type_the_wsdl_requires():
    assert set(MERCHANT_SENDS) == set(PATHS)
    for operation, names in MERCHANT_SENDS.items():
        assert set(value_types(operation)) <= set(names), operation
        assert not [f.name for f in OPERATIONS[operation].inputs if f.kind in LIST_KINDS and f.name in names]


@needs_php
@pytest.mark.parametrize("operation", ["inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"])
def test_a_start_with_only_the_merchant_fields_works(simulator, operation):
    reference = new_reference()
    answer = merchant_call(simulator.url, operation, id_pago=reference)
    assert answer["result"][f"{operation}Result"].isdigit()
    request = answer["last_request"]
    assert "<ns1:total_codigos_servicio>0</ns1:total_codigos_servicio>" in request
    assert "<ns1:total_con_iva>119000</ns1:total_con_iva>" in request  # a double, as PHP writes 119000.00
    assert "lista_" not in request and "info_opcional" not in request
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888" and attempt[2] == "119000"


@needs_php
def test_the_verifications_with_only_the_merchant_parameters_read_an_approved_payment(simulator):
    reference = new_reference()
    identifier = merchant_call(simulator.url, "inicio_pagoV2", id_pago=reference)["result"]["inicio_pagoV2Result"]
    approve(simulator.url, int(identifier))

    v4 = merchant_call(simulator.url, "verificar_pago_v4", str_id_pago=reference)
    result = v4["result"]
    assert (result["verificar_pago_v4Result"], result["int_error"], result["int_cantidad_pagos"]) == (1, 0, 1)
    assert result["str_res_pago"].split(" | ")[1] == "1"
    wrapper = etree.fromstring(v4["last_request"].encode())[0][0]
    assert [(etree.QName(c).localname, c.text) for c in wrapper][4:] == [
        ("int_no_pago", "-1"), ("int_error", "0"), ("int_cantidad_pagos", "0")]  # no str_detalle, no str_res_pago

    v3 = merchant_call(simulator.url, "verificar_pago_v3", str_id_pago=reference, int_error=0)["result"]
    assert (v3["verificar_pago_v3Result"], v3["int_error"]) == (1, 0)
    record = v3["res_pagos_v3"]["pagos_v3"]
    assert (record["str_id_pago"], record["int_estado_pago"], record["str_id_clave"]) == (reference, 1, identifier)

    for operation in ("ds_verificar_pago", "ds_verificar_pago_v2"):
        answer = merchant_call(simulator.url, operation, id_pago=reference)["result"][f"{operation}Result"]
        assert answer["codigo"] == 1
        [row] = etree.fromstring(answer["ds_verificar_pago"]["any"]).findall(".//Table")
        assert (row.findtext("str_id_pago"), row.findtext("int_estado_pago")) == (reference, "1")


@needs_php
def test_tokenize_and_charge_with_only_the_merchant_parameters(simulator):
    created = merchant_call(simulator.url, "Tokentc_crear", id_pago=new_reference())["result"]
    assert (created["Tokentc_crearResult"], created["estado_tokenizacion"], created["estado_transaccion"]) == (1, 1, 1)
    charge = int(new_reference()[:9])
    charged = merchant_call(simulator.url, "ZPagoAPTC", identificador=created["token"], id_pago=charge)["result"]
    assert (charged["ZPagoAPTCResult"], charged["estado_transaccion"]) == (1, 1), charged
    assert charged["lista_info_retorno_valor"].split("|")[0] == str(charge)


@needs_php
@pytest.mark.parametrize("operation, left_out", [("inicio_pagoV2", "total_codigos_servicio"),
                                                 ("verificar_pago_v4", "int_error"),
                                                 ("verificar_pago_v3", "int_error")])
def test_php_will_not_send_a_call_without_a_value_type_the_asmx_wsdl_requires(simulator, operation, left_out):
    """Why the merchant sets carry the ByRef ints: with the vendor's (and now the simulator's) WSDL, PHP's SoapClient
    stops before sending anything when a minOccurs=1 value type is missing."""
    fewer = [name for name in MERCHANT_SENDS[operation] if name != left_out]
    answer = php_run(simulator.url, operation, _only=fewer, id_pago=new_reference(), str_id_pago=new_reference())
    assert not answer["ok"]
    assert answer["fault"]["string"] == f"SOAP-ERROR: Encoding: object has no '{left_out}' property"
    assert answer["last_request"] is None  # nothing went on the wire
