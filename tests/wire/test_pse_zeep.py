"""zeep reads MainServices' WSDL from the simulator and calls every operation (an integrator's view)."""
from __future__ import annotations

from decimal import Decimal

import pytest
import zeep

from tests.wire.pse_helpers import NIT, PSE_PATH, new_ticket, now

pytestmark = pytest.mark.wire


def amount(value: str) -> dict:
    return {"_value_1": Decimal(value), "currencyISOcode": "COP"}


def test_zeep_calls_each_operation_through_the_wsdl(simulator):
    client = zeep.Client(f"{simulator.url}{PSE_PATH}?wsdl")
    service = client.service
    header = {"to": {"gln": 123456}, "from": {"gln": 654321}}
    banks = service.getBankList({"entityCode": NIT}, _soapheaders={"messageHeader": header})
    assert {b.financialInstitutionCode for b in banks} >= {"1022", "1066"}

    today, ticket = now(simulator.url).date(), int(new_ticket())
    created = service.createTransactionPayment({
        "financialInstitutionCode": "1022", "entityCode": NIT, "serviceCode": "2701",
        "transactionValue": amount("150000"), "vatValue": amount("0"), "ticketId": ticket,
        "entityurl": "https://comercio.example/retorno", "userType": "0",
        "referenceNumber": ["1033370434", "CC", "127.0.0.1"], "soliciteDate": today,
        "paymentDescription": "Pago con zeep",
    })
    assert created.returnCode == "SUCCESS" and created.bankurl.startswith(simulator.url)

    info = service.getTransactionInformation({"entityCode": NIT, "trazabilityCode": created.trazabilityCode})
    assert (info.returnCode, info.transactionState, info.ticketId) == ("SUCCESS", "PENDING", ticket)
    assert info.transactionValue._value_1 == Decimal("150000")

    early = service.finalizeTransactionPayment({"entityCode": NIT, "trazabilityCode": created.trazabilityCode})
    assert early.returnCode == "FAIL_INVALIDSTATE"

    confirmed = service.confirmTransactionPayment({
        "trazabilityCode": created.trazabilityCode, "financialInstitutionCode": "1022", "entityCode": NIT,
        "transactionValue": amount("150000"), "vatValue": amount("0"), "ticketId": ticket,
        "soliciteDate": today, "bankProcessDate": today, "transactionState": "OK", "authorizationId": "714841858",
    })
    assert (confirmed.returnCode, confirmed.transactionState) == ("SUCCESS", "OK")

    final = service.finalizeTransactionPayment({"entityCode": NIT, "trazabilityCode": created.trazabilityCode})
    assert final.returnCode == "SUCCESS"
    info = service.getTransactionInformation({"entityCode": NIT, "trazabilityCode": created.trazabilityCode})
    assert info.transactionState == "OK" and info.bankProcessDate == today
