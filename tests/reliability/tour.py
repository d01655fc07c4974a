"""A walk through every page with a form a payer can reach, each in its own browser so that its cookies
and step stay its own: the gateway's payment page, PSE's e-mail and registration pages, the test bank,
a generic bank, each step of the Red Coopcentral's pages, each step of the recaudo portal, and the REST
generation's payment page and card-registration page."""
from __future__ import annotations

import contextlib
import urllib.parse
from dataclasses import dataclass

from tests.reliability.browser import Browser
from tests.reliability.flows import (
    NETWORK_STEPS, REGISTERED_PAYER, network_until, page_path, portal_code_sent, portal_detail, portal_products, start_payment,
)
from tests.reliability.forms import Form, forms_in
from tests.wire.rest_helpers import START, start_body


@dataclass
class Stop:
    name: str
    browser: Browser
    page: str  # the page the form is on (relative)
    form: Form

    @property
    def action(self) -> str:
        return self.form.action or self.page


async def _pse_start(browser: Browser, bank: str) -> tuple[str, str]:
    """A payment sent to PSE at `bank`: (PSE's e-mail page path, enc)."""
    _, identifier = await start_payment(browser)
    page = await browser.get(page_path(identifier))
    sent = await browser.post("/t_demo/pago.asp", {
        "estado_pago": "pagar", "identificador": identifier, "terminos": "si", "forma_pago": "pse",
        "tipo_persona": "0", "banco": bank}, page.csrf())
    assert sent.status == 303, sent.text[:2000]
    return sent.location, urllib.parse.parse_qs(urllib.parse.urlsplit(sent.location).query)["enc"][0]


async def _past_pse(browser: Browser, bank: str) -> str:
    """Through PSE's e-mail page: where the bank's page is."""
    pse_path, enc = await _pse_start(browser, bank)
    page = await browser.get(pse_path)
    answer = await browser.post(pse_path, {"enc": enc, "email": REGISTERED_PAYER}, page.csrf())
    assert answer.status == 303, answer.text[:2000]
    return answer.location


async def _rest_page(browser: Browser, configuration: list[dict]) -> str:
    """A payment started with the REST InicioPago: its str_url's path and rut (the payment page, or the card
    registration page with code 200 = "1")."""
    body = start_body(configuration=configuration)
    if any(item["int_codigo"] == 200 for item in configuration):
        body["InformacionPago"] = {k: v for k, v in body["InformacionPago"].items()
                                   if k not in ("flt_total_con_iva", "flt_valor_iva")}
    status, answer = await browser.json("POST", START, body)
    assert status == 200 and isinstance(answer, dict) and answer["int_codigo"] == 1, answer
    parts = urllib.parse.urlsplit(answer["str_url"])
    return f"{parts.path}?{parts.query}"


@contextlib.asynccontextmanager
async def tour(url: str):
    """Yield every Stop (a form on a page, with its browser); the browsers close afterwards."""
    browsers: list[Browser] = []
    stops: list[Stop] = []

    async def browser() -> Browser:
        b = await Browser(url).__aenter__()
        browsers.append(b)
        return b

    async def visit(name: str, b: Browser, path: str) -> None:
        page = await b.get(path)
        assert page.status == 200, (name, path, page.status, page.text[:1500])
        found = forms_in(page.text)
        assert found, f"no form on {name} ({path})"
        stops.extend(Stop(name, b, path, form) for form in found)

    try:
        b = await browser()
        _, identifier = await start_payment(b)
        await visit("pasarela", b, page_path(identifier))
        b = await browser()
        await visit("pasarela-rest", b, await _rest_page(b, [{"int_codigo": 50, "str_valor": "2701"}]))
        b = await browser()
        await visit("registro-tarjeta", b, await _rest_page(b, [{"int_codigo": 200, "str_valor": "1"},
                                                                     {"int_codigo": 50, "str_valor": "2701"}]))
        b = await browser()
        pse_path, enc = await _pse_start(b, "1022")
        await visit("pse-correo", b, pse_path)
        await visit("pse-registro", b, f"/PSEUserRegister/Registro?enc={enc}&tipo=natural&accion=registrar")
        for kind, action in (("natural", "registrar"), ("juridica", "registrar"), ("natural", "actualizar"),
                             ("natural", "eliminar")):
            await visit(f"pse-{kind}-{action}", b, f"/PSEUserRegister/Registro/{kind}/{action}?enc={enc}")
        for bank in ("1022", "1007"):
            b = await browser()
            await visit(f"banco-{bank}", b, await _past_pse(b, bank))
        for step in NETWORK_STEPS:  # bank 1066: each step of the Red Coopcentral's pages, in a visit of its own
            b = await browser()
            _, page = await network_until(b, step)
            await visit(f"coopcentral-{step}", b, page.url)
        b = await browser()
        await visit("recaudo-identificacion", b, "/recaudo/")
        b = await browser()
        home = await b.get("/recaudo/")
        identified = await b.post("/recaudo/identificar", {"tipo_documento": "CC", "numero_documento": "1033370434"},
                                  home.csrf())
        assert identified.status == 303
        await visit("recaudo-saludo", b, "/recaudo/")  # "Consultar Productos"
        b = await browser()
        await portal_code_sent(b)
        await visit("recaudo-codigo", b, "/recaudo/codigo")
        b = await browser()
        await portal_products(b)
        await visit("recaudo-productos", b, "/recaudo/productos")
        b = await browser()
        await portal_detail(b, {("AV", "100207756"): "10.000"})
        await visit("recaudo-detalle", b, "/recaudo/detalle")
        b = await browser()
        products = await portal_products(b)
        chosen = await b.post("/recaudo/productos", {"opcion__AV__100207756": "FREE",
                                                     "valor__AV__100207756": "10.000"}, products.csrf())
        assert chosen.status == 303
        await visit("recaudo-pagador", b, "/recaudo/pagador")
        yield stops
    finally:
        for b in browsers:
            await b.__aexit__(None, None, None)


__all__ = ["Stop", "tour"]
