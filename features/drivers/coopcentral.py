"""The Red Coopcentral driver: bank 1066's pages over HTTP, as a browser without JavaScript sends them.

A PSE transaction is created at ACH as a merchant would (MainServices' createTransactionPayment over
SOAP); the payer then walks PSE's e-mail page and the network's pages with a cookie jar, each form with
its CSRF token, no automatic redirects (callers look at each 303), the bot check answered when the page
asks one; the security code is read from the simulator's inbox, ACH's state from getTransactionInformation
and the balances from the control API.
"""
from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from features.drivers.http_pages import Page, PageSession, json_get  # noqa: F401 (re-exported)

MAIN_SERVICES = "/PSEWebServices3/MainServices.asmx"
EAN = "http://www.uc-council.org/smp/schemas/eanucc"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
ENTITY = "8902030889"  # the demo merchant's NIT: an ACH entity
RETURN_URL = "https://comercio.example/retorno?ref=coopcentral"
PAYER_EMAIL = "nick.rivera@example.com"
NICK = ("CC", "1033370434")
NICK_MOBILE = "3107126048"
USER, PASSWORD = "nrivera", "clave-red"
CODE = re.compile(r"su código de seguridad para el pago PSE de .+? es (\d{6})\.")


def soap(base: str, operation: str, child: str, inner: str) -> etree._Element:
    body = (f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11}" xmlns:ean="{EAN}">'
            f"<soap:Body><ean:{operation}><ean:{child}>{inner}</ean:{child}></ean:{operation}></soap:Body>"
            "</soap:Envelope>")
    request = urllib.request.Request(base + MAIN_SERVICES, data=body.encode(), method="POST", headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"http://vesta.com.br/pse/MainServices/{operation}"'})
    with urllib.request.urlopen(request, timeout=20) as response:
        return etree.fromstring(response.read())


def value(root: etree._Element, name: str) -> str:
    found = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name]
    return (found[0].text or "") if found else ""


def _post_soap(url: str, body: str):
    envelope = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
                f"{body}</soap:Body></soap:Envelope>").encode()
    request = urllib.request.Request(url, data=envelope, headers={"Content-Type": "text/xml; charset=utf-8"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return etree.fromstring(response.read())


@dataclass
class Transaction:
    cus: str
    ticket: str
    bank_url: str


class CoopcentralClient(PageSession):
    """One payer's browser on the simulator at `base_url`."""

    def __init__(self, base_url: str):
        super().__init__(base_url)
        self.transaction: Transaction | None = None

    # -- HTTP -------------------------------------------------------------------------------------
    def submit(self, path: str, fields: dict[str, str], action: str | None = None) -> Page:
        """GET the page, then POST its form (to `action`, default the same path) with its CSRF token."""
        token = self.get(path).csrf()
        return self.post(action or path, fields, token)

    def follow(self, page: Page) -> Page:
        assert page.status == 303, (page.status, page.message() or page.text[:500])
        return self.get(page.location)

    # -- ACH --------------------------------------------------------------------------------------
    def create_transaction(self, amount: str = "150000", vat: str = "0", bank: str = "1066",
                           description: str = "Pago de prueba Red Coopcentral") -> Transaction:
        """createTransactionPayment as the demo merchant (an ACH entity), today, to bank 1066."""
        now = datetime.fromisoformat(json_get(self.base, "/_sim/clock")["ahora"])
        ticket = str(uuid.uuid4().int)[:12]
        money = lambda name, v: f'<ean:{name} ean:currencyISOcode="COP">{v}</ean:{name}>'  # noqa: E731
        inner = (f"<ean:financialInstitutionCode>{bank}</ean:financialInstitutionCode><ean:entityCode>{ENTITY}"
                 "</ean:entityCode><ean:serviceCode>2701</ean:serviceCode>" + money("transactionValue", amount)
                 + money("vatValue", vat) + f"<ean:ticketId>{ticket}</ean:ticketId><ean:entityurl>"
                 f"{html.escape(RETURN_URL)}</ean:entityurl><ean:userType>0</ean:userType>"
                 "<ean:referenceNumber>127.0.0.1</ean:referenceNumber><ean:referenceNumber>CC</ean:referenceNumber>"
                 f"<ean:referenceNumber>1033370434</ean:referenceNumber><ean:soliciteDate>{now.isoformat()}"
                 f"</ean:soliciteDate><ean:paymentDescription>{html.escape(description)}</ean:paymentDescription>")
        root = soap(self.base, "createTransactionPayment", "createTransactionPaymentInformation", inner)
        assert value(root, "returnCode") == "SUCCESS", etree.tostring(root)
        self.transaction = Transaction(value(root, "trazabilityCode"), ticket, value(root, "bankurl"))
        return self.transaction

    def start_at_the_gateway(self, amount: str = "150000") -> Transaction:
        """Alianza steps 1–2 as the payer does them: the merchant starts the payment in ZonaPAGOS; on the
        gateway page the payer accepts the terms, chooses PSE, persona natural and bank 1066 and pays."""
        reference = str(uuid.uuid4().int)[:16]
        answer = _post_soap(self.base + "/ws_inicio_pagov2/Zpagos.asmx", (
            '<inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>1001</id_tienda><clave>clave-inicio</clave>'
            f"<total_con_iva>{amount}</total_con_iva><valor_iva>0</valor_iva><id_pago>{reference}</id_pago>"
            "<descripcion_pago>Pago con la Red Coopcentral</descripcion_pago><id_cliente>1033370434</id_cliente>"
            "<tipo_id>1</tipo_id><total_codigos_servicio>0</total_codigos_servicio></inicio_pagoV2>"))
        identifier = value(answer, "inicio_pagoV2Result")
        assert identifier.isdigit(), identifier
        page = self.get(f"/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}")
        action = re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1).replace("&amp;", "&")
        paid = self.post(action, {"estado_pago": "pagar", "identificador": identifier, "terminos": "si",
                                  "forma_pago": "pse", "tipo_persona": "0", "banco": "1066"}, page.csrf())
        assert paid.status == 303 and "/PSEUserRegister/StartTransaction.htm" in paid.location, paid.message()
        self.reference = reference
        cus = self._gateway_attempt()[19]  # the attempt is 999 now, with ACH's CUS in its PSE extras
        self.transaction = Transaction(cus, reference, paid.location)
        return self.transaction

    def gateway_state(self) -> str:
        """verificar_pago_v4 of the payment started at the gateway: the state of its last attempt."""
        return self._gateway_attempt()[1]

    def _gateway_attempt(self) -> list[str]:
        answer = _post_soap(self.base + "/WsVerificarPagoV4/VerificarPagos.asmx", (
            '<verificar_pago_v4 xmlns="http://www.zonapagos.com/ws_verificar_pagosV4"><int_id_comercio>1001'
            "</int_id_comercio><str_usr_comercio>usuario-v4</str_usr_comercio><str_pwd_Comercio>clave-v4"
            f"</str_pwd_Comercio><str_id_pago>{self.reference}</str_id_pago><int_no_pago>-1</int_no_pago>"
            "</verificar_pago_v4>"))
        attempts = [a for a in re.split(r"\|\s*;\s*\|", value(answer, "str_res_pago") or "") if a.strip()]
        assert attempts, etree.tostring(answer)
        return [field.strip() for field in attempts[-1].split("|")]

    def ach_state(self, cus: str | None = None) -> str:
        root = soap(self.base, "getTransactionInformation", "getTransactionInformationBody",
                    f"<ean:entityCode>{ENTITY}</ean:entityCode><ean:trazabilityCode>{cus or self.transaction.cus}"
                    "</ean:trazabilityCode>")
        return value(root, "transactionState") or value(root, "returnCode")

    # -- PSE → bank 1066 --------------------------------------------------------------------------
    def to_the_network(self, email: str = PAYER_EMAIL) -> Page:
        """PSE's page: the registered e-mail, "Ir al Banco"; /banco/1066 sends the payer to the network."""
        start = self.get(self.transaction.bank_url)
        bank = self.post(urllib.parse.urlsplit(self.transaction.bank_url).path + "?"
                         + urllib.parse.urlsplit(self.transaction.bank_url).query,
                         {"enc": start.field("enc"), "email": email}, start.csrf())
        network = self.follow(self.follow(bank))
        assert "/coopcentral/pse?enc=" in network.url, network.url
        return network

    def identify(self, kind: str = NICK[0], number: str = NICK[1]) -> Page:
        path = self.last.url.replace(self.base, "")
        return self.post(path, {"enc": self.last.field("enc"), "tipo_documento": kind, "numero_documento": number},
                         self.last.csrf())

    def choose_entity(self, code: str) -> Page:
        return self.submit("/coopcentral/pse/entidades", {"entidad": code})

    def give_user(self, user: str = USER) -> Page:
        return self.submit("/coopcentral/portal/ingreso", {"usuario": user})

    def give_password(self, password: str = PASSWORD, bot_answer: str | None = None) -> Page:
        form = self.get("/coopcentral/portal/clave")
        fields = {"clave": password}
        question = re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", form.text)
        if question:  # the bot check: a small sum, its answer signed in the hidden field `reto`
            right = str(int(question.group(1)) + int(question.group(2)))
            fields.update(verificacion=bot_answer if bot_answer is not None else right, reto=form.field("reto"))
        return self.post("/coopcentral/portal/clave", fields, form.csrf())

    def log_in_at(self, entity: str, user: str = USER, password: str = PASSWORD) -> Page:
        """From the network's first page to the accounts: document, entity, user, password."""
        assert self.identify().status == 303
        assert self.choose_entity(entity).status == 303
        assert self.give_user(user).status == 303
        answer = self.give_password(password)
        assert answer.status == 303 and answer.location == "/coopcentral/portal/cuentas", answer.message()
        return self.get(answer.location)

    def pay(self, account: str) -> Page:
        return self.submit("/coopcentral/portal/cuentas", {"cuenta": account})

    def latest_code(self, to: str = NICK_MOBILE) -> str:
        for message in json_get(self.base, f"/_sim/inbox?para={urllib.parse.quote(to)}"):
            found = CODE.search(message["cuerpo"])
            if found:
                return found.group(1)
        raise AssertionError(f"no security code for {to}")

    def accept(self, code: str | None = None) -> Page:
        return self.submit("/coopcentral/portal/codigo",
                           {"accion": "aceptar", "codigo_seguridad": code if code is not None else self.latest_code()})

    def resend(self) -> Page:
        return self.submit("/coopcentral/portal/codigo", {"accion": "reenviar"})

    def cancel(self) -> Page:
        current = self.last.url.replace(self.base, "")
        return self.submit(current, {}, "/coopcentral/portal/cancelar")

    def back_to_merchant(self) -> Page:
        current = self.last.url.replace(self.base, "")
        return self.submit(current, {}, "/coopcentral/portal/regresar")

    # -- the control API --------------------------------------------------------------------------
    def accounts(self, kind: str = NICK[0], number: str = NICK[1]) -> dict[str, dict]:
        found = json_get(self.base, f"/_sim/red-coopcentral/cuentas?tipo={kind}&numero={number}")
        return {a["numero"]: a for a in found}

    def advance_clock(self, seconds: int) -> None:
        request = urllib.request.Request(self.base + "/_sim/clock/advance", method="POST",
                                         data=json.dumps({"segundos": seconds}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
