"""Raw MainServices SOAP and the PSE pages over HTTP, for the wire tests of the simulated ACH."""
from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime

from tests.wire.soap_helpers import Answer, control, post

PSE_PATH = "/PSEWebServices3/MainServices.asmx"
EAN = "http://www.uc-council.org/smp/schemas/eanucc"
TNS = "http://vesta.com.br/pse/MainServices"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
NIT = "8902030889"

HEADER = (
    f'<soap:Header><ean:messageHeader xmlns:ean="{EAN}"><ean:to><ean:gln>123456</ean:gln></ean:to>'
    '<ean:from><ean:alternatePartyIdentification type="SELLER_ASSIGNED">x</ean:alternatePartyIdentification>'
    "</ean:from></ean:messageHeader></soap:Header>"
)


def envelope(operation: str, child: str, inner: str, header: bool = True) -> str:
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11}" xmlns:ean="{EAN}">'
        f'{HEADER if header else ""}<soap:Body><ean:{operation}><ean:{child}>{inner}</ean:{child}></ean:{operation}>'
        "</soap:Body></soap:Envelope>"
    )


def call(url: str, operation: str, child: str, inner: str, **kwargs) -> Answer:
    return post(url + PSE_PATH, envelope(operation, child, inner, **kwargs),
                soap_action=f'"{TNS}/{operation}"')


def amount(name: str, value: str, currency: str = "COP") -> str:
    return f'<ean:{name} ean:currencyISOcode="{currency}">{value}</ean:{name}>'


def now(url: str) -> datetime:
    return datetime.fromisoformat(control(url, "/_sim/clock")[1]["ahora"])


def new_ticket() -> str:
    return str(uuid.uuid4().int)[:12]


def create_fields(url: str, **overrides: str) -> dict[str, str]:
    fields = {
        "financialInstitutionCode": "1022", "entityCode": NIT, "serviceCode": "2701",
        "transactionValue": "150000", "vatValue": "0", "ticketId": new_ticket(),
        "entityurl": "https://comercio.example/retorno?ref=1", "userType": "0",
        "references": "1033370434|CC|127.0.0.1", "soliciteDate": now(url).isoformat(),
        "paymentDescription": "Pago de prueba",
    }
    fields.update(overrides)
    return fields


def create_inner(fields: dict[str, str]) -> str:
    parts = []
    for name, value in fields.items():
        if value is None:
            continue
        if name in ("transactionValue", "vatValue"):
            parts.append(amount(name, value))
        elif name == "references":
            parts.extend(f"<ean:referenceNumber>{r}</ean:referenceNumber>" for r in value.split("|"))
        else:
            parts.append(f"<ean:{name}>{value}</ean:{name}>")
    return "".join(parts)


def create(url: str, **overrides: str) -> Answer:
    return call(url, "createTransactionPayment", "createTransactionPaymentInformation",
                create_inner(create_fields(url, **overrides)))


def information(url: str, cus: str, entity: str = NIT) -> Answer:
    return call(url, "getTransactionInformation", "getTransactionInformationBody",
                f"<ean:entityCode>{entity}</ean:entityCode><ean:trazabilityCode>{cus}</ean:trazabilityCode>")


def finalize(url: str, cus: str, entity: str = NIT) -> Answer:
    return call(url, "finalizeTransactionPayment", "finalizeTransactionPaymentInformation",
                f"<ean:entityCode>{entity}</ean:entityCode><ean:trazabilityCode>{cus}</ean:trazabilityCode>")


def confirm(url: str, cus: str, ticket: str, **overrides: str) -> Answer:
    today = now(url).date().isoformat()
    fields = {
        "trazabilityCode": cus, "financialInstitutionCode": "1022", "entityCode": NIT,
        "transactionValue": "150000", "vatValue": "0", "ticketId": ticket, "soliciteDate": today,
        "bankProcessDate": today, "transactionState": "OK", "authorizationId": "714841858",
    }
    fields.update(overrides)
    inner = "".join(
        amount(k, v) if k in ("transactionValue", "vatValue") else f"<ean:{k}>{v}</ean:{k}>"
        for k, v in fields.items() if v is not None
    )
    return call(url, "confirmTransactionPayment", "confirmTransactionPaymentInformation", inner)


@dataclass
class Created:
    cus: str
    ticket: str
    bank_url: str

    @property
    def token(self) -> str:
        return urllib.parse.parse_qs(urllib.parse.urlsplit(self.bank_url).query)["enc"][0]


def created(url: str, **overrides: str) -> Created:
    fields = create_fields(url, **overrides)
    answer = call(url, "createTransactionPayment", "createTransactionPaymentInformation", create_inner(fields))
    assert answer.value("returnCode") == "SUCCESS", answer.body
    return Created(answer.value("trazabilityCode"), fields["ticketId"], answer.value("bankurl"))


# -- pages ----------------------------------------------------------------------------------------

@dataclass
class Page:
    status: int
    url: str
    text: str
    location: str = ""

    def csrf(self) -> str:
        return re.search(r'name="csrf" value="([^"]+)"', self.text).group(1)

    def hidden(self, name: str) -> str:
        return re.search(rf'name="{name}" value="([^"]*)"', self.text).group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def page(url: str, data: dict[str, str] | None = None) -> Page:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    try:
        with _OPENER.open(request, timeout=10) as response:
            return Page(response.status, url, response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return Page(error.code, url, error.read().decode("utf-8", "replace"), error.headers.get("Location", ""))
