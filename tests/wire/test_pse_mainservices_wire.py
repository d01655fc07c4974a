"""ACH's MainServices over HTTP with raw XML (pse.md §1): every operation, every return code of the
four merchant/bank operations, ACH's namespaces, and SOAP Faults for unreadable requests."""
from __future__ import annotations

import pytest
from lxml import etree

from tests.wire.pse_helpers import (
    EAN, NIT, PSE_PATH, SOAP11, TNS, call, confirm, create, created, finalize, information,
)
from tests.wire.soap_helpers import control, get, post

pytestmark = pytest.mark.wire

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"


def test_wsdl_has_ach_namespaces_operations_and_the_host_it_was_fetched_from(simulator):
    for path in (PSE_PATH + "?wsdl", PSE_PATH.lower() + "?WSDL"):
        answer = get(simulator.url + path)
        assert answer.status == 200 and answer.content_type.startswith("text/xml")
        root = answer.root
        assert root.get("targetNamespace") == TNS
        schema = root.find(".//{http://www.w3.org/2001/XMLSchema}schema")
        assert schema.get("targetNamespace") == EAN
        names = {el.get("name") for el in schema.findall("{http://www.w3.org/2001/XMLSchema}element")}
        assert {"getBankList", "createTransactionPayment", "createTransactionPaymentResponse",
                "getTransactionInformation", "finalizeTransactionPayment", "confirmTransactionPayment",
                "messageHeader"} <= names
        assert f'location="{simulator.url}{PSE_PATH}"' in answer.body.decode()
        assert f'soapAction="{TNS}/createTransactionPayment"' in answer.body.decode()
    assert b"MainServicesImpl" in get(simulator.url + PSE_PATH).body


def test_get_bank_list_answers_every_bank_in_the_eanucc_namespace(simulator):
    answer = call(simulator.url, "getBankList", "getBankListInformation", f"<ean:entityCode>{NIT}</ean:entityCode>")
    assert answer.status == 200
    wrapper = answer.root.find(f".//{{{EAN}}}getBankListResponse")
    banks = {item.findtext(f"{{{EAN}}}financialInstitutionCode"): item.findtext(f"{{{EAN}}}financialInstitutionName")
             for item in wrapper.findall(f"{{{EAN}}}getBankListResponseInformation")}
    assert banks["1022"] == "BANCO UNION COLOMBIANO" and banks["1066"] == "BANCO COOPERATIVO COOPCENTRAL"
    assert len(banks) == 36


def test_create_answers_a_cus_an_absolute_bank_url_and_the_cycle(simulator):
    answer = create(simulator.url)
    info = answer.root.find(f".//{{{EAN}}}createTransactionPaymentResponse/{{{EAN}}}createTransactionPaymentResponseInformation")
    assert info.findtext(f"{{{EAN}}}returnCode") == "SUCCESS"
    assert info.findtext(f"{{{EAN}}}trazabilityCode").isdigit()
    assert info.findtext(f"{{{EAN}}}bankurl").startswith(f"{simulator.url}/PSEUserRegister/StartTransaction.htm?enc=")
    assert info.findtext(f"{{{EAN}}}transactionCycle") in {str(n) for n in range(1, 9)}


# How each createTransactionPayment code is reached over the wire.
CREATE_CASES = {
    "FAIL_ENTITYNOTEXISTSORDISABLED": {"entityCode": "900378212-2"},
    "FAIL_BANKNOTEXISTSORDISABLED": {"financialInstitutionCode": "9999"},
    "FAIL_SERVICENOTEXISTS": {"serviceCode": "9999"},
    "FAIL_INVALIDAMOUNT": {"transactionValue": "0"},
    "FAIL_INVALIDSOLICITDATE": {"soliciteDate": "2020-01-01"},
    "FAIL_BANKUNREACHEABLE": {"transactionValue": "150000.11"},
    "FAIL_TIMEOUT": {"transactionValue": "150000.12"},
    "FAIL_NOTCONFIRMEDBYBANK": {"transactionValue": "150000.13"},
    "FAIL_CANNOTGETCURRENTCYCLE": {"transactionValue": "150000.14"},
    "FAIL_ACCESSDENIED": {"transactionValue": "150000.15"},
    "FAIL_DESCRIPTIONNOTFOUND": {"paymentDescription": None},
    "FAIL_EXCEEDEDLIMIT": {"transactionValue": "100000000.10"},
    "FAIL_TRANSACTIONNOTALLOWED": {"paymentDescription": "Pago | prohibido"},
}


@pytest.mark.parametrize("code", list(CREATE_CASES))
def test_each_create_failure_code(simulator, code):
    answer = create(simulator.url, **CREATE_CASES[code])
    assert answer.status == 200
    assert answer.value("returnCode") == code
    assert answer.value("trazabilityCode") is None and answer.value("bankurl") is None


@pytest.mark.parametrize("overrides", [
    {"transactionValue": "150000.001"}, {"vatValue": "-1"}, {"vatValue": "200000"},
])
def test_amounts_ach_cannot_take_are_invalid_amounts(simulator, overrides):
    assert create(simulator.url, **overrides).value("returnCode") == "FAIL_INVALIDAMOUNT"


def test_another_currency_is_an_invalid_amount(simulator):
    fields = ("<ean:financialInstitutionCode>1022</ean:financialInstitutionCode>"
              f"<ean:entityCode>{NIT}</ean:entityCode><ean:serviceCode>2701</ean:serviceCode>"
              '<ean:transactionValue ean:currencyISOcode="USD">10</ean:transactionValue>')
    answer = call(simulator.url, "createTransactionPayment", "createTransactionPaymentInformation", fields)
    assert answer.value("returnCode") == "FAIL_INVALIDAMOUNT"


def test_information_codes(simulator):
    t = created(simulator.url)
    answer = information(simulator.url, t.cus)
    assert answer.value("returnCode") == "SUCCESS" and answer.value("transactionState") == "PENDING"
    assert answer.value("ticketId") == t.ticket and answer.value("entityCode") == NIT
    value = answer.root.find(f".//{{{EAN}}}transactionValue")
    assert value.text == "150000" and value.get(f"{{{EAN}}}currencyISOcode") == "COP"
    assert answer.value("bankProcessDate") is None
    assert information(simulator.url, "1").value("returnCode") == "FAIL_INVALIDTRAZABILITYCODE"
    assert information(simulator.url, t.cus, "900378212-2").value("returnCode") == "FAIL_ACCESSDENIED"
    slow = created(simulator.url, transactionValue="150000.16")
    assert information(simulator.url, slow.cus).value("returnCode") == "FAIL_TIMEOUT"
    assert information(simulator.url, slow.cus).value("returnCode") == "SUCCESS"
    fresh = created(simulator.url, transactionValue="150000.17")
    assert information(simulator.url, fresh.cus).value("returnCode") == "FAIL_INVALIDTRAZABILITYCODE"
    assert information(simulator.url, fresh.cus).value("returnCode") == "SUCCESS"


def test_finalize_codes(simulator):
    t = created(simulator.url)
    assert finalize(simulator.url, t.cus).value("returnCode") == "FAIL_INVALIDSTATE"
    assert finalize(simulator.url, "1").value("returnCode") == "FAIL_INVALIDTRAZABILITYCODE"
    assert finalize(simulator.url, t.cus, "900378212-2").value("returnCode") == "FAIL_ACCESSDENIED"
    assert confirm(simulator.url, t.cus, t.ticket).value("returnCode") == "SUCCESS"
    answer = finalize(simulator.url, t.cus)
    assert answer.value("returnCode") == "SUCCESS" and answer.value("trazabilityCode") == t.cus
    slow = created(simulator.url, transactionValue="150000.18")
    confirm(simulator.url, slow.cus, slow.ticket, transactionValue="150000.18")
    assert finalize(simulator.url, slow.cus).value("returnCode") == "FAIL_TIMEOUT"
    assert finalize(simulator.url, slow.cus).value("returnCode") == "SUCCESS"


CONFIRM_CASES = {
    "FAIL_ACCESSDENIED": {"financialInstitutionCode": "1007"},
    "FAIL_INCONSISTENTDATA": {"entityCode": "900378212-2"},
    "FAIL_INVALIDAUTHORIZEDAMOUNT": {"transactionValue": "150001"},
    "FAIL_INVALIDVATVALUE": {"vatValue": "100"},
    "FAIL_INVALIDTICKETID": {"ticketId": "1"},
    "FAIL_INVALIDSOLICITEDATE": {"soliciteDate": "2020-01-01"},
    "FAIL_INVALIDBANKPROCESSINGDATE": {"bankProcessDate": "2020-01-01"},
    "FAIL_INVALIDAUTHORIZATIONID": {"authorizationId": None},
}


@pytest.mark.parametrize("code", list(CONFIRM_CASES))
def test_each_confirm_failure_code_leaves_the_transaction_pending(simulator, code):
    t = created(simulator.url)
    answer = confirm(simulator.url, t.cus, t.ticket, **CONFIRM_CASES[code])
    assert answer.value("returnCode") == code and answer.value("trazabilityCode") == t.cus
    assert information(simulator.url, t.cus).value("transactionState") == "PENDING"


@pytest.mark.parametrize("state", ["OK", "NOT_AUTHORIZED", "FAILED"])
def test_confirm_sets_the_state_once(simulator, state):
    t = created(simulator.url)
    answer = confirm(simulator.url, t.cus, t.ticket, transactionState=state)
    assert (answer.value("returnCode"), answer.value("transactionState")) == ("SUCCESS", state)
    again = confirm(simulator.url, t.cus, t.ticket)
    assert (again.value("returnCode"), again.value("transactionState")) == ("FAIL_INVALIDSTATE", state)
    info = information(simulator.url, t.cus)
    assert info.value("transactionState") == state and info.value("bankProcessDate")
    assert confirm(simulator.url, "1", t.ticket).value("returnCode") == "FAIL_INVALIDTRAZABILITYCODE"


def test_a_late_confirmation_is_a_timeout_and_the_monitor_decides(simulator):
    t = created(simulator.url)
    control(simulator.url, "/_sim/clock/advance", {"segundos": 7 * 60 + 1})
    try:
        assert confirm(simulator.url, t.cus, t.ticket).value("returnCode") == "FAIL_TIMEOUT"
        assert information(simulator.url, t.cus).value("transactionState") == "FAILED"
    finally:
        control(simulator.url, "/_sim/clock/reset", {})


def test_soap12_prefixes_and_any_soap_action_work(simulator):
    body = (f'<e:Envelope xmlns:e="{SOAP12}"><e:Body><x:getTransactionInformation xmlns:x="{EAN}">'
            f"<x:getTransactionInformationBody><x:entityCode>{NIT}</x:entityCode><x:trazabilityCode>1"
            "</x:trazabilityCode></x:getTransactionInformationBody></x:getTransactionInformation></e:Body></e:Envelope>")
    answer = post(simulator.url + PSE_PATH.lower(), body, content_type="application/soap+xml; charset=utf-8")
    assert answer.status == 200 and answer.content_type.startswith("application/soap+xml")
    assert answer.value("returnCode") == "FAIL_INVALIDTRAZABILITYCODE"


@pytest.mark.parametrize("body, reason", [
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><soap:Envelope xmlns:soap="' + SOAP11 + '"/>', "DTD"),
    ("<soap:Envelope", "error in XML document"),
    (f'<soap:Envelope xmlns:soap="{SOAP11}"><soap:Body><getBankList xmlns="{TNS}"/></soap:Body></soap:Envelope>',
     "did not recognize"),
    (f'<soap:Envelope xmlns:soap="{SOAP11}"><soap:Body></soap:Body></soap:Envelope>', "Body is empty"),
])
def test_unreadable_requests_are_soap_faults(simulator, body, reason):
    answer = post(simulator.url + PSE_PATH, body)
    assert answer.status == 500 and answer.value("faultcode") == "soap:Client"
    assert reason in answer.fault and "Traceback" not in answer.body.decode()


@pytest.mark.parametrize("overrides, reason", [
    ({"ticketId": "abc"}, "campo ticketId"),
    ({"userType": "2"}, "userTypeListType"),
    ({"soliciteDate": "ayer"}, "AllXsd"),
    ({"transactionValue": "mil"}, "campo transactionValue"),
])
def test_values_of_the_wrong_type_are_faults(simulator, overrides, reason):
    answer = create(simulator.url, **overrides)
    assert answer.status == 500 and reason in answer.fault


def test_the_response_element_is_in_eanucc_inside_an_asmx_envelope(simulator):
    answer = finalize(simulator.url, "1")
    text = answer.body.decode()
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope')
    wrapper = answer.root.find(f"{{{SOAP11}}}Body")[0]
    assert etree.QName(wrapper).namespace == EAN
    assert etree.QName(wrapper).localname == "finalizeTransactionPaymentResponse"
    assert etree.QName(wrapper[0]).localname == "finalizeTransactionPaymentResponseInformation"
