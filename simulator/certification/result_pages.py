"""`pagina_resultado`: the simulator fetches the merchant's result page for each payment as the gateway's
return sends the payer there (GET the return URL with `id_comercio` and `id_pago`, zonapagos-ws.md §9 step 4)."""
from __future__ import annotations

import asyncio
from urllib.parse import urlencode, urljoin

import aiohttp
from lxml import html as lxml_html
from lxml.etree import ParserError

from domain.certification.record import PaymentHistory, ResultPage
from domain.gateway.merchant import Merchant

TIMEOUT = aiohttp.ClientTimeout(total=5)
MAX_PAGE_BYTES = 512 * 1024
MAX_PAGES = 50
TOTAL_SECONDS = 30.0  # a slow merchant site must not hold the report longer: the rest count as not fetched


def page_text(body: str) -> str:
    """The visible text of an HTML page (scripts and styles left out)."""
    if not body.strip():
        return ""
    try:
        document = lxml_html.fromstring(body)
    except (ParserError, ValueError):
        return body
    for hidden in document.xpath("//script|//style"):
        hidden.drop_tree()
    return document.text_content()


def result_url(merchant: Merchant, payment: PaymentHistory, origin: str) -> str:
    base = urljoin(origin.rstrip("/") + "/", merchant.return_url)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}{urlencode({'id_comercio': merchant.id, 'id_pago': payment.reference})}"


async def _fetch(session: aiohttp.ClientSession, url: str, payment: PaymentHistory) -> ResultPage:
    try:
        async with session.get(url, allow_redirects=True) as response:
            body = await response.content.read(MAX_PAGE_BYTES)
            return ResultPage(payment.payment_id, payment.reference, response.status,
                              page_text(body.decode(response.charset or "utf-8", errors="replace")))
    except (aiohttp.ClientError, asyncio.TimeoutError, UnicodeError, LookupError):
        return ResultPage(payment.payment_id, payment.reference, 0, "")


async def fetch_result_pages(merchant: Merchant, payments: list[PaymentHistory], origin: str) -> list[ResultPage]:
    """Each payment's result page (the first MAX_PAGES payments), fetched one after the other within
    TOTAL_SECONDS."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TOTAL_SECONDS
    pages = []
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session:
        for payment in payments[:MAX_PAGES]:
            if loop.time() > deadline:
                pages.append(ResultPage(payment.payment_id, payment.reference, 0, ""))
                continue
            pages.append(await _fetch(session, result_url(merchant, payment, origin), payment))
    return pages
