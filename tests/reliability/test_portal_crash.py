"""Issue 7: kill -9 while the recaudo portal starts payments and credits products, again and again. No
product is credited twice, none of an approved payment is left uncredited once the sonda has run, and
every product's balance is its opening balance plus exactly what its ledger says was credited."""
from __future__ import annotations

import asyncio
import json
import random
import sqlite3
import time
from decimal import Decimal

import aiohttp
import pytest

from simulator.process import SimulatorProcess
from tests.portal_env import PORTAL_ENV
from tests.reliability.browser import Browser
from tests.reliability.consistency import problems_in
from tests.reliability.flows import (
    SAVINGS, SAVINGS_2, identifier_in, latest_code, portal_code_sent, portal_reference,
)

pytestmark = [pytest.mark.slow, pytest.mark.wire]
ROUNDS = 8
PAYERS = 4  # concurrent associates' browsers (one OTP at a time: they share Nick's phone)
PRODUCTS = (SAVINGS, SAVINGS_2)
LOST = (aiohttp.ClientError, asyncio.TimeoutError, AssertionError, ConnectionError)


def balances(db) -> dict[tuple[str, str], Decimal]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {(t, n): Decimal(b) for t, n, b in conn.execute(
            "SELECT type_code, number, balance FROM coop_products WHERE owner_number = '1033370434'")}
    finally:
        conn.close()


async def pay_and_return(browser: Browser, otp_turn: asyncio.Lock, acknowledged: dict[str, int]) -> None:
    """One associate's visit: code, products, payer, "Iniciar transacción"; the gateway decides; the payer
    comes back to the portal's return page, which verifies and credits."""
    async with otp_turn:  # the newest code in Nick's inbox is this visit's
        dialog = await portal_code_sent(browser)
        accepted = await browser.post("/recaudo/codigo", {"codigo_seguridad": await latest_code(browser)},
                                      dialog.csrf())
    assert accepted.status == 303 and accepted.location == "/recaudo/productos"
    products = await browser.get("/recaudo/productos")
    fields = {}
    for kind, number in PRODUCTS:
        fields[f"opcion__{kind}__{number}"] = "FREE"
        fields[f"valor__{kind}__{number}"] = str(random.randrange(1_000, 9_999))
    assert (await browser.post("/recaudo/productos", fields, products.csrf())).status == 303
    payer = await browser.get("/recaudo/pagador")
    assert (await browser.post("/recaudo/pagador", {}, payer.csrf())).status == 303
    detail = await browser.get("/recaudo/detalle")
    reference = portal_reference(detail)
    started = await browser.post("/recaudo/detalle", {"descripcion": "Abono", "terminos": "si"}, detail.csrf())
    assert started.status == 303
    state = 1 if random.random() < 0.8 else 1000
    status, _ = await browser.json("POST", f"/_sim/payments/{identifier_in(started.location)}/outcome",
                                   {"estado": state})
    assert status == 200
    acknowledged[reference] = state
    await browser.get(f"/recaudo/retorno?id_comercio=1001&id_pago={reference}")


async def load(url: str, seconds: float, acknowledged: dict[str, int]) -> None:
    deadline = time.monotonic() + seconds
    otp_turn = asyncio.Lock()

    async def payer() -> None:
        while time.monotonic() < deadline:
            async with Browser(url) as browser:
                try:
                    await pay_and_return(browser, otp_turn, acknowledged)
                except LOST:
                    return  # killed under us (or a visit cut short): what was acknowledged is recorded

    async def sonda() -> None:
        async with Browser(url) as browser:
            while time.monotonic() < deadline:
                try:
                    await browser.request("POST", "/recaudo/_sonda/ejecutar")
                except LOST:
                    return
                await asyncio.sleep(0.02)

    async with Browser(url) as browser:
        await browser.json("POST", "/_sim/clock/advance", {"segundos": 8 * 60})  # earlier payments are due
    await asyncio.gather(*(payer() for _ in range(PAYERS)), sonda())


async def settle_everything(url: str, references: list[str]) -> None:
    """After the last crash: every return page once and the sonda until it has nothing left to do."""
    async with Browser(url) as browser:
        await browser.json("POST", "/_sim/clock/advance", {"segundos": 8 * 60})
        for reference in references:
            page = await browser.get(f"/recaudo/retorno?id_comercio=1001&id_pago={reference}")
            assert page.status in (200, 404) and not page.has_traceback()
        for _ in range(20):
            report = json.loads((await browser.request("POST", "/recaudo/_sonda/ejecutar")).text)
            if not report.get("credited") and not report.get("verified"):
                break


def ledger_and_states(db) -> tuple[dict[str, list[tuple[str, str, Decimal]]], dict[str, set[int]], dict[str, list]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        ledger: dict[str, list[tuple[str, str, Decimal]]] = {}
        for reference, kind, number, amount in conn.execute(
                "SELECT reference, type_code, number, amount FROM coop_credits WHERE applied = 1"):
            ledger.setdefault(str(int(reference)), []).append((kind, number, Decimal(amount)))
        states: dict[str, set[int]] = {}
        for reference, state in conn.execute(
                "SELECT p.reference, a.state FROM payments p JOIN attempts a ON a.identifier = p.identifier "
                "WHERE p.merchant_id = 1001"):
            states.setdefault(reference, set()).add(state)
        lines = {str(int(r)): json.loads(d)["lines"] for r, d in conn.execute(
            "SELECT reference, data FROM portal_payments")}
        return ledger, states, lines
    finally:
        conn.close()


def test_no_product_is_credited_twice_or_lost_across_repeated_sigkill(tmp_path):
    db = tmp_path / "portal-crash.sqlite3"
    acknowledged: dict[str, int] = {}
    started = time.monotonic()
    opening: dict | None = None
    for _ in range(ROUNDS):
        sim = SimulatorProcess(db, env=PORTAL_ENV).start()
        opening = opening or balances(db)
        asyncio.run(load(sim.url, random.uniform(0.7, 1.4), acknowledged))
        sim.kill()  # SIGKILL, mid-flight
    sim = SimulatorProcess(db, env=PORTAL_ENV).start()
    try:
        _, _, lines = ledger_and_states(db)
        asyncio.run(settle_everything(sim.url, sorted(lines)))
    finally:
        sim.stop()
    ledger, states, lines = ledger_and_states(db)
    approved = {r for r, s in states.items() if 1 in s}
    credited_refs = set(ledger)
    # Every acknowledged outcome is the gateway's, and decides the credit.
    assert all((1 in states.get(r, set())) == (state == 1) for r, state in acknowledged.items())
    assert credited_refs <= approved  # nothing credited without an approval
    for reference in approved & set(lines):
        expected = sorted((line["type"], line["number"], Decimal(line["amount"])) for line in lines[reference])
        assert sorted(ledger.get(reference, [])) == expected, reference  # each product exactly once
    closing = balances(db)
    for key in PRODUCTS:
        credited = sum((a for rows in ledger.values() for k, n, a in rows if (k, n) == key), Decimal(0))
        assert closing[key] == opening[key] + credited, key  # the balance moved with the ledger, once
    assert problems_in(db) == []
    print(f"\n{ROUNDS} SIGKILLs in {time.monotonic() - started:.1f} s: {len(lines)} portal payments, "
          f"{len(acknowledged)} acknowledged outcomes ({sum(1 for s in acknowledged.values() if s == 1)} approved), "
          f"{len(approved & set(lines))} approved at the gateway, "
          f"{sum(len(r) for r in ledger.values())} product credits, 0 twice, 0 missing")
    assert len(acknowledged) > 40
