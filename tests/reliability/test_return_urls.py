"""Issue 14, item 7: a merchant's return URL (`url_retorno`) is read as a browser reads it. The control API
refused `//evil.example` but took `/\\evil.example`, which browsers follow off-site; now every spelling a
browser resolves to another host, user info and other schemes are refused, what is accepted is stored as
the browser reads it, and the receipt's "Regresar al comercio" links only to a URL the rule accepts."""
from __future__ import annotations

import asyncio
import html
import re
import sqlite3

import pytest

from simulator.process import SimulatorProcess
from tests.reliability.browser import Browser
from tests.reliability.flows import page_path, soap, value
from tests.wire.soap_helpers import START_PATH, inicio_body, new_reference

pytestmark = pytest.mark.wire

MERCHANT = {"nombre": "Comercio retorno", "nit": "900123456-8", "clave_inicio": "k1", "usuario_v4": "u",
            "clave_v4": "k2", "codigo_servicio": "2702", "t_ruta": "t_retorno",
            "url_retorno": "https://comercio.example/retorno"}
OFF_SITE = ["/\\evil.example", "//evil.example", "\\\\evil.example", "\\/evil.example", "/\t/evil.example",
            "/\n\\evil.example", " //evil.example/x", "https://comercio.example@evil.example/", "http://a@evil",
            "javascript:alert(1)", "java\nscript:alert(1)", "data:text/html,x", "https:/evil.example",
            "evil.example", "ftp://evil.example/"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("retorno") / "retorno.sqlite3") as process:
        yield process


async def receipt_link(b: Browser, merchant_id: int, route: str) -> str | None:
    """A payment of the merchant, approved, and its receipt's "Regresar al comercio" href (None: no link)."""
    answer = await soap(b, START_PATH, inicio_body(new_reference(), merchant=str(merchant_id), password="k1",
                                                   codigo_servicio_principal="2702"))
    identifier = value(answer, "inicio_pagoV2Result")
    assert identifier.isdigit(), answer.text[:500]
    status, _ = await b.json("POST", f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 200
    page = await b.get(page_path(identifier, "comprobante", route))
    assert page.status == 200, page.text[:500]
    found = re.search(r'id="regresar" href="([^"]*)"', page.text)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("url", OFF_SITE, ids=[repr(u) for u in OFF_SITE])
def test_a_return_url_a_browser_would_follow_off_site_is_refused_by_the_control_api(site, url):
    async def run() -> list[tuple[int, object]]:
        async with Browser(site.url) as b:
            created = await b.json("PUT", "/_sim/merchants/7301", MERCHANT)
            put = await b.json("PUT", "/_sim/merchants/7302", {**MERCHANT, "url_retorno": url})
            patch = await b.json("PATCH", "/_sim/merchants/7301", {"url_retorno": url})
            after = await b.json("GET", "/_sim/merchants/7301")
            return [created, put, patch, after]

    created, put, patch, after = asyncio.run(run())
    assert created[0] == 200
    for status, problem in (put, patch):
        assert status == 400 and "URL de retorno" in problem["detail"], (status, problem)
    assert after[1]["url_retorno"] == MERCHANT["url_retorno"]


def test_an_accepted_return_url_is_stored_and_linked_as_the_browser_reads_it(site):
    async def run() -> tuple[dict, str | None, dict, str | None]:
        async with Browser(site.url) as b:
            _, absolute = await b.json("PUT", "/_sim/merchants/7303", {
                **MERCHANT, "t_ruta": "t_ret3", "url_retorno": " HTTPS://Comercio.Example\\vuelta\\paso?x=1\n"})
            absolute_link = await receipt_link(b, 7303, "t_ret3")
            _, relative = await b.json("PUT", "/_sim/merchants/7304", {
                **MERCHANT, "t_ruta": "t_ret4", "url_retorno": "\t/recaudo\\retorno"})
            relative_link = await receipt_link(b, 7304, "t_ret4")
            return absolute, absolute_link, relative, relative_link

    absolute, absolute_link, relative, relative_link = asyncio.run(run())
    assert absolute["url_retorno"] == "https://comercio.example/vuelta/paso?x=1"
    assert re.fullmatch(r"https://comercio\.example/vuelta/paso\?x=1&id_comercio=7303&id_pago=\d+", absolute_link)
    assert relative["url_retorno"] == "/recaudo/retorno"
    assert re.fullmatch(r"/recaudo/retorno\?id_comercio=7304&id_pago=\d+", relative_link)


def test_a_return_url_stored_before_the_rule_gives_the_receipt_no_link(tmp_path):
    """A database written before the rule may hold `/\\evil.example`: the receipt then offers no link
    rather than sending the payer off-site."""
    db = tmp_path / "antes.sqlite3"
    with SimulatorProcess(db) as sim:
        async def create() -> None:
            async with Browser(sim.url) as b:
                assert (await b.json("PUT", "/_sim/merchants/7305", {**MERCHANT, "t_ruta": "t_ret5"}))[0] == 200
        asyncio.run(create())
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE merchants SET return_url = ? WHERE id = 7305", ("/\\evil.example",))
    with SimulatorProcess(db) as sim:
        async def look() -> tuple[str | None, str]:
            async with Browser(sim.url) as b:
                link = await receipt_link(b, 7305, "t_ret5")
                _, merchant = await b.json("GET", "/_sim/merchants/7305")
                return link, merchant["url_retorno"]
        link, stored = asyncio.run(look())
    assert stored == "/\\evil.example"  # really stored so, and still…
    assert link is None  # …never offered to the payer
