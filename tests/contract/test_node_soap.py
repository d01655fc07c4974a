"""node's `soap` package (pinned in tests/contract/node/package.json) builds a client from each simulator WSDL at
run time and calls every ZonaPAGOS operation, and every operation of ACH's MainServices in the order a payment takes
them (confirmTransactionPayment as the bank would): what a Node.js merchant backend does.

tests/contract/node/zonapagos.js does the calls and prints JSON (each result with the request node-soap sent);
`./dev test` runs `npm ci` there when node_modules is missing or the lock file changed.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from simulator.pse.soap.contract import OPERATIONS as ACH_OPERATIONS
from simulator.zonapagos.contracts import ALL_SERVICES
from tests.wire.pse_helpers import EAN, NIT, new_ticket, now
from tests.wire.soap_helpers import attempts_of, control, new_reference, verify

FOLDER = Path(__file__).parent / "node"
SCRIPT = FOLDER / "zonapagos.js"
NODE = shutil.which("node")
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
MULTICREDIT_LISTS = {"lista_codigos_servicio_multicredito", "lista_nit_codigos_servicio_multicredito",
                     "lista_valores_con_iva", "lista_valores_iva"}


def _missing() -> str | None:
    if NODE is None:
        return "node is not installed (Debian's nodejs and npm)"
    if not (FOLDER / "node_modules" / "soap" / "package.json").is_file():
        return "node's soap package is not installed: ./dev test runs `npm ci` in tests/contract/node"
    return None


MISSING = _missing()
needs_node = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
pytestmark = [pytest.mark.node, pytest.mark.wire]


def node(url: str, *args: str) -> dict:
    done = subprocess.run([NODE, str(SCRIPT), url, *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"node zonapagos.js {' '.join(args)}:\n{done.stderr}"
    return json.loads(done.stdout)


def sent(call: dict) -> etree._Element:
    """The operation element of the request node-soap sent."""
    return etree.fromstring(call["request"].encode())[0][0]


def test_the_script_calls_every_zonapagos_and_ach_operation():
    source = SCRIPT.read_text(encoding="utf-8")
    names = [op.name for s in ALL_SERVICES for op in s.operations] + [op.name for op in ACH_OPERATIONS]
    missing = [name for name in names if not re.search(rf"'{name}'", source)]
    assert not missing, f"operations zonapagos.js never calls: {missing}"


def test_the_soap_package_is_pinned_and_locked():
    package = json.loads((FOLDER / "package.json").read_text())
    lock = json.loads((FOLDER / "package-lock.json").read_text())
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["soap"])  # an exact version, no range
    assert lock["packages"]["node_modules/soap"]["version"] == package["dependencies"]["soap"]


@pytest.fixture(scope="module")
def started(simulator) -> dict:
    if MISSING:
        pytest.skip(MISSING)
    references = [new_reference() for _ in range(3)]
    answer = node(simulator.url, "inicio", *references)
    return {op: (reference, answer[op]) for op, reference in zip(("inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"),
                                                                    references)}


@needs_node
@pytest.mark.parametrize("operation", ["inicio_pagoV2", "inicio_pagoV3", "inicio_pagoV4"])
def test_each_start_version_answers_an_identificador_to_node(started, simulator, operation):
    reference, call = started[operation]
    assert call["result"][f"{operation}Result"].isdigit(), call["result"]
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888" and attempt[2] == "119000" and attempt[3] == "19000"
    names = [etree.QName(child).localname for child in sent(call)]
    assert not set(names) & MULTICREDIT_LISTS  # a merchant without multi-credit sends none of them
    assert "total_codigos_servicio" in names
    if operation == "inicio_pagoV4":
        assert call["result"]["lista_respuesta"] == {"string": ["a", "b"]}


@needs_node
def test_node_verifies_a_payment_the_control_api_approved(started, simulator):
    reference, call = started["inicio_pagoV2"]
    identifier = call["result"]["inicio_pagoV2Result"]
    status, problem = control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 200, problem
    read = node(simulator.url, "verificar", reference)

    v4 = read["verificar_pago_v4"]["result"]
    assert (v4["verificar_pago_v4Result"], v4["int_error"], v4["int_cantidad_pagos"]) == (1, 0, 1)
    [fields] = [[f.strip() for f in g.split(" | ")] for g in v4["str_res_pago"].split(" | ; |") if g.strip()]
    assert fields[1] == "1" and fields[14] == "29"

    v3 = read["verificar_pago_v3"]["result"]
    assert (v3["verificar_pago_v3Result"], v3["int_error"]) == (1, 0)
    [record] = v3["res_pagos_v3"]["pagos_v3"]
    assert (record["str_id_pago"], record["int_estado_pago"], record["str_id_clave"]) == (reference, 1, identifier)
    assert record["int_codigo_banco"] == 1022 and record["dbl_valor_pagado"] == 119000

    for operation in ("ds_verificar_pago", "ds_verificar_pago_v2"):
        respuesta = read[operation]["result"][f"{operation}Result"]
        assert (respuesta["codigo"], respuesta["descripcion"]) == (1, "")
        # node-soap gives the DataSet as its two parts: the inline schema and the diffgram with the rows
        assert set(respuesta["ds_verificar_pago"]) == {"schema", "diffgram"}
        row = respuesta["ds_verificar_pago"]["diffgram"]["NewDataSet"]["Table"]
        assert (row["str_id_pago"], row["int_estado_pago"], row["str_id_clave"]) == (reference, "1", identifier)
        assert row["dat_fecha"].endswith("-05:00")


@needs_node
def test_node_tokenizes_then_charges_the_token(simulator):
    reference, charge = new_reference(), int(new_reference()[:9])
    answer = node(simulator.url, "tokens", reference, str(charge))
    created = answer["Tokentc_crear"]["result"]
    assert (created["Tokentc_crearResult"], created["estado_tokenizacion"], created["estado_transaccion"]) == (1, 1, 1)
    assert re.fullmatch(r"\d{22}", created["token"])
    charged = answer["ZPagoAPTC"]["result"]
    assert (charged["ZPagoAPTCResult"], charged["estado_transaccion"], charged["detalle_estado"]) == (1, 1, "Aprobada")
    assert charged["lista_info_retorno_valor"].split("|")[0] == str(charge)


@needs_node
def test_node_calls_through_the_soap12_port(simulator):
    reference = new_reference()
    call = node(simulator.url, "soap12", reference)["inicio_pagoV2"]
    assert call["result"]["inicio_pagoV2Result"].isdigit()
    assert etree.QName(etree.fromstring(call["request"].encode())).namespace == SOAP12
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888"


@needs_node
def test_node_reads_ach_bank_list(simulator):
    answer = node(simulator.url, "ach")["getBankList"]
    banks = {b["financialInstitutionCode"]: b["financialInstitutionName"]
             for b in answer["result"]["getBankListResponseInformation"]}
    assert banks["1022"] == "BANCO UNION COLOMBIANO" and "1066" in banks
    envelope = etree.fromstring(answer["request"].encode())
    assert etree.QName(envelope).namespace == SOAP11
    header = envelope.find(f"{{{SOAP11}}}Header/{{{EAN}}}messageHeader")  # the optional header, dummy GLNs
    assert header is not None and header.findtext(f"{{{EAN}}}from/{{{EAN}}}gln") == "654321"


def ach_body(call: dict) -> dict:
    """The response wrapper's child node-soap read back (`getTransactionInformationResponseBody`...)."""
    [child] = call["result"].values()
    return child


@needs_node
def test_node_runs_a_payment_through_every_mainservices_operation(simulator):
    today, ticket = now(simulator.url).date().isoformat(), new_ticket()
    answer = node(simulator.url, "ach-pago", ticket, today)

    created = ach_body(answer["createTransactionPayment"])
    assert created["returnCode"] == "SUCCESS", created
    cus = created["trazabilityCode"]
    assert cus.isdigit() and created["bankurl"].startswith(f"{simulator.url}/")

    pending = ach_body(answer["pending"])
    assert (pending["returnCode"], pending["transactionState"], pending["trazabilityCode"]) == ("SUCCESS", "PENDING", cus)
    assert (pending["ticketId"], pending["entityCode"]) == (ticket, NIT)
    # node-soap reads an AmountType as attributes and $value, the attribute under the prefix the answer used
    assert pending["transactionValue"] == {"attributes": {"ean:currencyISOcode": "COP"}, "$value": 150000}
    assert pending["soliciteDate"].startswith(today) and "bankProcessDate" not in pending  # xs:date as a JS Date

    early = ach_body(answer["early"])
    assert (early["returnCode"], early["trazabilityCode"]) == ("FAIL_INVALIDSTATE", cus)

    confirmed = ach_body(answer["confirmTransactionPayment"])
    assert (confirmed["returnCode"], confirmed["transactionState"], confirmed["trazabilityCode"]) == (
        "SUCCESS", "OK", cus)

    approved = ach_body(answer["getTransactionInformation"])
    assert (approved["returnCode"], approved["transactionState"], approved["trazabilityCode"]) == ("SUCCESS", "OK", cus)
    assert approved["bankProcessDate"].startswith(today) and approved["ticketId"] == ticket

    final = ach_body(answer["finalizeTransactionPayment"])
    assert (final["returnCode"], final["trazabilityCode"]) == ("SUCCESS", cus)


@needs_node
def test_node_writes_the_currency_attribute_unprefixed_and_the_simulator_reads_it(simulator):
    """node-soap writes `attributes` as given, so `currencyISOcode` goes out without the eanucc prefix the WSDL's
    form="qualified" asks for; the simulator reads it either way (a non-COP one is refused, as a prefixed one is)."""
    today = now(simulator.url).date().isoformat()
    paid = node(simulator.url, "ach-pago", new_ticket(), today)["createTransactionPayment"]
    amount = etree.fromstring(paid["request"].encode()).find(f".//{{{EAN}}}transactionValue")
    assert (amount.text, dict(amount.attrib)) == ("150000.00", {"currencyISOcode": "COP"})

    dollars = node(simulator.url, "ach-pago", new_ticket(), today, "USD")
    assert list(dollars) == ["createTransactionPayment"]
    assert ach_body(dollars["createTransactionPayment"]) == {"returnCode": "FAIL_INVALIDAMOUNT"}
