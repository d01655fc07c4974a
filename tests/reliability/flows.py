"""The payer's journeys through the real entry points, as async steps on a `Browser`: start a payment over
SOAP, walk the gateway page to PSE and the test bank, walk the recaudo portal to "Detalle del pago"."""
from __future__ import annotations

import re
import urllib.parse
from xml.sax.saxutils import escape

from tests.reliability.browser import Browser, Page
from tests.wire.soap_helpers import START_PATH, VERIFY_PATH, inicio_body, new_reference, verify_body

REGISTERED_PAYER = "nick.rivera@example.com"
NICK = ("CC", "1033370434")
NICK_MOBILE = "3107126048"
SAVINGS = ("AV", "100207756")  # Ahorros a la Vista ****7756: a free amount, raised by each credit
SAVINGS_2 = ("AV", "100206764")  # Ahorros a la Vista ****6764
# A portal without the bot check and with the sonda's test trigger; the background sonda off so that a
# test decides when it runs.


def page_path(identifier: str, state: str = "iniciar_pago", route: str = "t_demo") -> str:
    return f"/{route}/pago.asp?estado_pago={state}&identificador={identifier}"


async def soap(browser: Browser, path: str, body: str | bytes, content_type: str = "text/xml; charset=utf-8") -> Page:
    data = body.encode() if isinstance(body, str) else body
    return await browser.request("POST", path, data, {"Content-Type": content_type})


def value(page: Page, element: str) -> str:
    found = re.search(rf"<(?:\w+:)?{element}(?:\s[^>]*)?>([^<]*)</", page.text)
    return found.group(1) if found else ""


async def start_payment(browser: Browser, total: str = "23800", vat: str = "3800", **fields: str) -> tuple[str, str]:
    """inicio_pagoV2 as the demo merchant: (id_pago, identificador)."""
    reference = new_reference()
    escaped = {k: escape(v) for k, v in fields.items()}
    answer = await soap(browser, START_PATH, inicio_body(reference, total=total, vat=vat, **escaped))
    identifier = value(answer, "inicio_pagoV2Result")
    assert answer.status == 200 and identifier.isdigit(), answer.text
    return reference, identifier


async def verified_state(browser: Browser, reference: str) -> str:
    """The last attempt's state as verificar_pago_v4 reports it."""
    answer = await soap(browser, VERIFY_PATH, verify_body(reference))
    groups = [g for g in value(answer, "str_res_pago").split(";") if g.strip(" |")]
    return groups[-1].strip(" |").split("|")[1].strip() if groups else ""


async def to_bank(browser: Browser, identifier: str, bank: str = "1022", route: str = "t_demo") -> tuple[str, Page]:
    """Gateway page → "Débito y Corriente PSE" → PSE's e-mail page → the bank's page: (bank path, page)."""
    page = await browser.get(page_path(identifier, route=route))
    sent = await browser.post(f"/{route}/pago.asp", {
        "estado_pago": "pagar", "identificador": identifier, "terminos": "si", "forma_pago": "pse",
        "tipo_persona": "0", "banco": bank}, page.csrf())
    assert sent.status == 303 and "StartTransaction.htm?enc=" in sent.location, sent.text[:2000]
    pse = await browser.get(sent.location)
    enc = urllib.parse.parse_qs(urllib.parse.urlsplit(sent.location).query)["enc"][0]
    at_bank = await browser.post(sent.location, {"enc": enc, "email": REGISTERED_PAYER}, pse.csrf())
    assert at_bank.status == 303 and at_bank.location.startswith(f"/banco/{bank}?enc="), at_bank.text[:2000]
    return at_bank.location, await browser.get(at_bank.location)


def bank_fields(bank_page: Page, action: str) -> dict[str, str]:
    """The test bank's form with a valid account: `action` is pay, cancel or sonda."""
    return {"csrf": bank_page.csrf(), "enc": bank_page.hidden("enc"), "accion": action, "debito_credito": "debito",
            "agencia": "12", "cuenta": "4455667788", "clave": "1234"}


async def latest_code(browser: Browser, to: str = NICK_MOBILE) -> str:
    status, messages = await browser.json("GET", f"/_sim/inbox?para={urllib.parse.quote(to)}")
    assert status == 200
    for message in messages:
        found = re.search(r"código de seguridad para RedCoop Pagos PSE es (\d{6})", message["cuerpo"])
        if found:
            return found.group(1)
    raise AssertionError(f"no OTP for {to}")


async def inbox_count(browser: Browser, to: str = NICK_MOBILE) -> int:
    status, messages = await browser.json("GET", f"/_sim/inbox?para={urllib.parse.quote(to)}")
    assert status == 200
    return len(messages)


async def portal_code_sent(browser: Browser, document: tuple[str, str] = NICK) -> Page:
    """Steps 1–4: identify, "Consultar Productos": the OTP dialog's page (with its CSRF token)."""
    home = await browser.get("/recaudo/")
    identified = await browser.post("/recaudo/identificar",
                                    {"tipo_documento": document[0], "numero_documento": document[1]}, home.csrf())
    assert identified.status == 303, identified.text[:2000]
    greeting = await browser.get("/recaudo/")
    asked = await browser.post("/recaudo/consultar", {}, greeting.csrf())
    assert asked.status == 303 and asked.location == "/recaudo/codigo", asked.text[:2000]
    return await browser.get("/recaudo/codigo")


async def portal_products(browser: Browser, document: tuple[str, str] = NICK, to: str = NICK_MOBILE) -> Page:
    """Steps 1–5: the products page, the associate proven by the code read from the inbox."""
    dialog = await portal_code_sent(browser, document)
    accepted = await browser.post("/recaudo/codigo", {"codigo_seguridad": await latest_code(browser, to)},
                                  dialog.csrf())
    assert accepted.status == 303 and accepted.location == "/recaudo/productos", accepted.text[:2000]
    return await browser.get("/recaudo/productos")


async def portal_detail(browser: Browser, amounts: dict[tuple[str, str], str]) -> Page:
    """Steps 1–8 for Nick: free amounts for the given savings products, the associate pays: the detail page."""
    products = await portal_products(browser)
    fields = {}
    for (kind, number), amount in amounts.items():
        fields[f"opcion__{kind}__{number}"] = "FREE"
        fields[f"valor__{kind}__{number}"] = amount
    chosen = await browser.post("/recaudo/productos", fields, products.csrf())
    assert chosen.status == 303, chosen.text[:3000]
    payer = await browser.get("/recaudo/pagador")
    assert (await browser.post("/recaudo/pagador", {}, payer.csrf())).status == 303
    detail = await browser.get("/recaudo/detalle")
    assert detail.status == 200
    return detail


def portal_reference(detail: Page) -> str:
    return str(int(re.search(r'id="referencia">(\d{8})<', detail.text).group(1)))


def identifier_in(payment_url: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(payment_url).query)["identificador"][0]


# -- the Red Coopcentral (bank 1066): pse-coopcentral.md steps 4–9 -----------------------------------

NETWORK_STEPS = ("documento", "entidades", "usuario", "clave", "cuentas", "codigo")
NETWORK_ENTITY, NETWORK_USER, NETWORK_PASSWORD = "alianza", "nrivera", "clave-red"
NETWORK_ACCOUNT = "4010015566"  # Alianza's account that pays


async def network_until(browser: Browser, step: str, total: str = "23800") -> tuple[str, Page]:
    """A payment at bank 1066 walked through the network's pages up to `step`: (identificador, its page).
    Bot check off (tests/portal_env.py); Nick pays from Cooperativa Alianza."""
    _, identifier = await start_payment(browser, total=total, vat="0")
    bank_path, _ = await to_bank_path(browser, identifier, "1066")
    page = await browser.get(bank_path)
    path = page.location or bank_path
    page = await browser.get(path)
    answers = {"documento": {"tipo_documento": "CC", "numero_documento": "1033370434"},
               "entidades": {"entidad": NETWORK_ENTITY}, "usuario": {"usuario": NETWORK_USER},
               "clave": {"clave": NETWORK_PASSWORD}, "cuentas": {"cuenta": NETWORK_ACCOUNT}}
    for name in NETWORK_STEPS[:NETWORK_STEPS.index(step)]:
        fields = {"enc": page.hidden("enc")} if name == "documento" else {}
        moved = await browser.post(path, {**fields, **answers[name]}, page.csrf())
        assert moved.status == 303, (name, moved.status, moved.text[:2000])
        path = moved.location
        page = await browser.get(path)
        assert page.status == 200, (name, path, page.text[:2000])
    return identifier, page


async def to_bank_path(browser: Browser, identifier: str, bank: str) -> tuple[str, str]:
    """Gateway page → PSE → e-mail: the bank's path (the page itself may redirect further)."""
    page = await browser.get(page_path(identifier))
    sent = await browser.post("/t_demo/pago.asp", {
        "estado_pago": "pagar", "identificador": identifier, "terminos": "si", "forma_pago": "pse",
        "tipo_persona": "0", "banco": bank}, page.csrf())
    assert sent.status == 303, sent.text[:2000]
    pse = await browser.get(sent.location)
    enc = urllib.parse.parse_qs(urllib.parse.urlsplit(sent.location).query)["enc"][0]
    at_bank = await browser.post(sent.location, {"enc": enc, "email": REGISTERED_PAYER}, pse.csrf())
    assert at_bank.status == 303, at_bank.text[:2000]
    return at_bank.location, enc
