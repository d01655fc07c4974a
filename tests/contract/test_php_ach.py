"""PHP's own SoapClient (WSDL mode) against ACH's MainServices: every operation, in the order a payment takes them.

A PHP merchant (and, for confirmTransactionPayment, a bank) builds `new SoapClient(<MainServices.asmx>?wsdl)` and calls
each operation with its one wrapped child (`createTransactionPaymentInformation`...), the amounts as PHP writes an
AmountType (`['_' => '150000.00', 'currencyISOcode' => 'COP']`) and the optional `messageHeader` with dummy GLNs.
The scripts are tests/contract/php/<operation>.php (common.php's `ach_call`); return codes are pse.md §1.4's.
"""
from __future__ import annotations

import pytest
from lxml import etree

from simulator.pse.soap.contract import BY_NAME, OPERATIONS
from tests.contract.test_php_soapclient import needs_php, php_call
from tests.wire.pse_helpers import EAN, NIT, SOAP11, new_ticket, now

pytestmark = [pytest.mark.php, pytest.mark.wire]


def body(answer: dict, operation: str) -> dict:
    """What PHP read back: the response wrapper's child (`createTransactionPaymentResponseInformation`...)."""
    assert list(answer["result"]) == [BY_NAME[operation].response_child], answer["result"]
    return answer["result"][BY_NAME[operation].response_child]


def sent(answer: dict) -> etree._Element:
    return etree.fromstring(answer["last_request"].encode())


@needs_php
def test_php_reads_the_mainservices_wsdl_and_sees_its_five_operations(simulator):
    functions = php_call(simulator.url, "getBankList")["functions"]
    names = [f.split("(")[0].split()[-1] for f in functions]
    # each operation once per binding (MainServicesImplSoap and MainServicesImplSoap12)
    assert sorted(names) == sorted(op.name for op in OPERATIONS for _ in ("Soap", "Soap12"))
    assert len(OPERATIONS) == 5


@needs_php
def test_php_reads_the_bank_list_with_and_without_the_message_header(simulator):
    with_header = php_call(simulator.url, "getBankList")
    banks = {b["financialInstitutionCode"]: b["financialInstitutionName"]
             for b in with_header["result"]["getBankListResponseInformation"]}
    assert banks["1022"] == "BANCO UNION COLOMBIANO" and "1066" in banks
    envelope = sent(with_header)
    assert etree.QName(envelope).namespace == SOAP11
    header = envelope.find(f"{{{SOAP11}}}Header/{{{EAN}}}messageHeader")
    assert header is not None and header.findtext(f"{{{EAN}}}to/{{{EAN}}}gln") == "123456"

    without = php_call(simulator.url, "getBankList", _header=None)
    assert sent(without).find(f"{{{SOAP11}}}Header") is None
    assert without["result"] == with_header["result"]


@needs_php
def test_php_runs_a_payment_through_every_mainservices_operation(simulator):
    url, today, ticket = simulator.url, now(simulator.url).date().isoformat(), new_ticket()

    created = body(php_call(url, "createTransactionPayment", ticketId=ticket, soliciteDate=today),
                   "createTransactionPayment")
    assert created["returnCode"] == "SUCCESS", created
    cus = created["trazabilityCode"]
    assert cus.isdigit() and created["bankurl"].startswith(f"{url}/") and created["transactionCycle"]

    pending = body(php_call(url, "getTransactionInformation", trazabilityCode=cus), "getTransactionInformation")
    assert (pending["returnCode"], pending["transactionState"], pending["trazabilityCode"]) == ("SUCCESS", "PENDING", cus)
    assert (str(pending["ticketId"]), pending["entityCode"], pending["soliciteDate"]) == (ticket, NIT, today)
    assert pending["transactionValue"] == {"_": "150000", "currencyISOcode": "COP"}  # an AmountType, as PHP reads it
    assert pending["vatValue"] == {"_": "0", "currencyISOcode": "COP"}
    assert "bankProcessDate" not in pending  # the bank has not answered yet

    early = body(php_call(url, "finalizeTransactionPayment", trazabilityCode=cus), "finalizeTransactionPayment")
    assert (early["returnCode"], early["trazabilityCode"]) == ("FAIL_INVALIDSTATE", cus)

    confirmed = body(php_call(url, "confirmTransactionPayment", trazabilityCode=cus, ticketId=ticket,
                              soliciteDate=today, bankProcessDate=today), "confirmTransactionPayment")
    assert (confirmed["returnCode"], confirmed["transactionState"], confirmed["trazabilityCode"]) == (
        "SUCCESS", "OK", cus)

    approved = body(php_call(url, "getTransactionInformation", trazabilityCode=cus), "getTransactionInformation")
    assert (approved["returnCode"], approved["transactionState"], approved["bankProcessDate"]) == (
        "SUCCESS", "OK", today)
    assert approved["trazabilityCode"] == cus and str(approved["ticketId"]) == ticket

    final = body(php_call(url, "finalizeTransactionPayment", trazabilityCode=cus), "finalizeTransactionPayment")
    assert (final["returnCode"], final["trazabilityCode"]) == ("SUCCESS", cus)

    again = body(php_call(url, "confirmTransactionPayment", trazabilityCode=cus, ticketId=ticket, soliciteDate=today,
                          bankProcessDate=today), "confirmTransactionPayment")
    assert again["returnCode"] == "FAIL_INVALIDSTATE"  # a final transaction takes no second confirmation


@needs_php
def test_php_reads_an_unknown_cus_as_an_invalid_trazability_code(simulator):
    unknown = "9" + new_ticket()
    for operation in ("getTransactionInformation", "finalizeTransactionPayment"):
        answer = body(php_call(simulator.url, operation, trazabilityCode=unknown), operation)
        assert answer["returnCode"] == "FAIL_INVALIDTRAZABILITYCODE", (operation, answer)


@needs_php
def test_php_writes_the_amount_type_as_simple_content_with_the_qualified_attribute(simulator):
    """`['_' => '150000.00', 'currencyISOcode' => 'COP']` goes out as `<ns1:transactionValue
    ns1:currencyISOcode="COP">150000.00</…>` (the WSDL's attribute is form="qualified"), the references repeated."""
    answer = php_call(simulator.url, "createTransactionPayment", ticketId=new_ticket(),
                      soliciteDate=now(simulator.url).date().isoformat())
    assert body(answer, "createTransactionPayment")["returnCode"] == "SUCCESS"
    envelope = sent(answer)
    [operation] = envelope.find(f"{{{SOAP11}}}Body")
    assert etree.QName(operation).text == f"{{{EAN}}}createTransactionPayment"
    [information] = operation
    amount = information.find(f"{{{EAN}}}transactionValue")
    assert (amount.text, dict(amount.attrib)) == ("150000.00", {f"{{{EAN}}}currencyISOcode": "COP"})
    assert [r.text for r in information.findall(f"{{{EAN}}}referenceNumber")] == ["1033370434", "CC", "127.0.0.1"]
    assert [etree.QName(c).localname for c in information] == [
        f.name for f in BY_NAME["createTransactionPayment"].request_fields for _ in range(3 if f.repeated else 1)]
