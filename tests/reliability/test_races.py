"""Issue 7: many concurrent requests on one thing end in exactly one outcome. Each race runs against one
process and against `--workers 2` (two processes on one port and one SQLite file, where the event loop
no longer serialises anything and only the database's transactions do)."""
from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import sqlite3
from collections import Counter

import pytest

from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.storage.sqlite import connect
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from simulator.process import SimulatorProcess
from tests.portal_env import PORTAL_ENV
from tests.reliability.browser import Browser, Page
from tests.reliability.consistency import problems_in
from tests.reliability.flows import (
    NETWORK_ACCOUNT, NICK_MOBILE, SAVINGS, SAVINGS_2, bank_fields, identifier_in, inbox_count, latest_code,
    network_until, page_path, portal_code_sent, portal_detail, portal_reference, soap, start_payment, to_bank, value,
    verified_state,
)
from tests.wire.legacy_helpers import VERIFY_V3_PATH, verify_v3_body

pytestmark = [pytest.mark.wire, pytest.mark.slow]
NICK = IdentityDocument(DocumentType.CC, "1033370434")
CONCURRENT = 24
OTP_ROUNDS = 6


@pytest.fixture(scope="module", params=["un proceso", "dos procesos"])
def sim(request, tmp_path_factory):
    args = ["--workers", "2"] if request.param == "dos procesos" else []
    with SimulatorProcess(tmp_path_factory.mktemp("races") / "races.sqlite3", extra_args=args,
                          env=PORTAL_ENV) as process:
        yield process
    assert problems_in(process.db) == []


def label(sim: SimulatorProcess) -> str:
    return "dos procesos" if sim.extra_args else "un proceso"


def run(coroutine):
    return asyncio.run(coroutine)


def history_states(payment: dict) -> list[list[int]]:
    return [[change["estado"] for change in attempt["historial"]] for attempt in payment["intentos"]]


# -- the bank page: Pay and Cancel at once ------------------------------------------------------------

async def pay_and_cancel_at_once(url: str) -> tuple[list[tuple[str, Page]], str, dict, dict, str]:
    async with Browser(url) as browser:
        reference, identifier = await start_payment(browser)
        bank_path, bank_page = await to_bank(browser, identifier)
        fields = {action: bank_fields(bank_page, action) for action in ("pay", "cancel")}
        actions = ["pay" if i % 2 == 0 else "cancel" for i in range(CONCURRENT)]
        random.shuffle(actions)  # either may be first to arrive

        async def press(action: str) -> tuple[str, Page]:
            async with Browser(url) as own:  # each click its own connection, as two tabs would
                return action, await own.post(bank_path, fields[action])

        answers = await asyncio.gather(*(press(a) for a in actions))
        receipt = await browser.get(page_path(identifier, "respuesta"))  # where the bank sends the payer
        cus = value_in_receipt(receipt)
        status, transaction = await browser.json("GET", f"/_sim/pse/transacciones/{cus}")
        assert status == 200
        status, payment = await browser.json("GET", f"/_sim/payments/{identifier}")
        assert status == 200
        return answers, cus, transaction, payment, await verified_state(browser, reference)


def value_in_receipt(receipt: Page) -> str:
    found = re.search(r'id="cus"[^>]*>\s*(\d+)\s*<', receipt.text)
    assert found, receipt.text[:3000]
    return found.group(1)


def test_pay_and_cancel_pressed_together_end_in_one_state_at_ach_and_at_the_gateway(sim):
    answers, cus, transaction, payment, verified = run(pay_and_cancel_at_once(sim.url))
    winners = [action for action, page in answers if page.status == 303]
    assert len(winners) == 1, Counter((a, p.status) for a, p in answers)
    assert all(page.status in (200, 303, 409) and not page.has_traceback() for _, page in answers)
    expected_ach, expected_gateway = {"pay": ("OK", 1), "cancel": ("NOT_AUTHORIZED", 1000)}[winners[0]]
    assert transaction["estado"] == expected_ach
    finals = [s for s in history_states(payment)[-1] if s not in (888, 999)]
    assert finals == [expected_gateway] and verified == str(expected_gateway)
    print(f"\n[{label(sim)}] {CONCURRENT} clics Pay/Cancel: ganó {winners[0]}, "
          f"respuestas {dict(Counter(p.status for _, p in answers))}, ACH {transaction['estado']}, "
          f"pasarela {expected_gateway}")


# -- the gateway's sonda on read: many verifications of one attempt at 999 --------------------------

async def verifications_while_ach_settles(url: str) -> tuple[list[str], dict, dict]:
    async with Browser(url) as browser:
        reference, identifier = await start_payment(browser)
        bank_path, bank_page = await to_bank(browser, identifier)
        paid = await browser.post(bank_path, bank_fields(bank_page, "pay"))  # ACH is OK; the gateway still 999
        assert paid.status == 303

        async def v4() -> str:
            return await verified_state(browser, reference)

        async def v3() -> str:
            answer = await soap(browser, VERIFY_V3_PATH, verify_v3_body(reference))
            return value(answer, "int_estado_pago")

        async def receipt() -> str:
            page = await browser.get(page_path(identifier, "comprobante"))
            found = re.search(r'id="estado"[^>]*>\s*(\d+)', page.text)
            return found.group(1) if found else f"página {page.status}"

        readers = [v4, v3, receipt] * (CONCURRENT // 3)
        states = await asyncio.gather(*(read() for read in readers))
        cus = value_in_receipt(await browser.get(page_path(identifier, "comprobante")))
        _, transaction = await browser.json("GET", f"/_sim/pse/transacciones/{cus}")
        _, payment = await browser.json("GET", f"/_sim/payments/{identifier}")
        return states, transaction, payment


def test_concurrent_verifications_settle_a_pse_attempt_once(sim):
    states, transaction, payment = run(verifications_while_ach_settles(sim.url))
    assert set(states) == {"1"}, Counter(states)
    assert history_states(payment)[-1] == [888, 999, 1]
    assert transaction["estado"] == "OK"
    print(f"\n[{label(sim)}] {len(states)} lecturas simultáneas (v4, v3, comprobante): "
          f"todas 1; historial {history_states(payment)[-1]}")


# -- the portal: double clicks on "Iniciar transacción", then return pages and sonda runs at once ------

async def double_click_then_settle(url: str) -> tuple[list[Page], str, str, list[Page], list[int]]:
    async with Browser(url) as browser:
        detail = await portal_detail(browser, {SAVINGS: "12.345", SAVINGS_2: "6.789"})
        reference = portal_reference(detail)
        token = detail.csrf()
        clicks = await asyncio.gather(*(browser.post("/recaudo/detalle", {"descripcion": "Doble clic",
                                                                          "terminos": "si"}, token)
                                        for _ in range(CONCURRENT)))
        located = {c.location for c in clicks if c.status == 303}
        identifier = identifier_in(next(iter(located)))
        status, _ = await browser.json("POST", f"/_sim/payments/{identifier}/outcome", {"estado": 1})
        assert status == 200
        await browser.json("POST", "/_sim/clock/advance", {"segundos": 8 * 60})  # the sonda's first poll is due
        try:
            async def returned() -> Page:
                return await browser.get(f"/recaudo/retorno?id_comercio=1001&id_pago={reference}")

            async def sonda() -> Page:
                return await browser.request("POST", "/recaudo/_sonda/ejecutar")

            settled = await asyncio.gather(*([returned() for _ in range(CONCURRENT - 6)] + [sonda() for _ in range(6)]))
        finally:
            await browser.json("POST", "/_sim/clock/reset", {})
        status, listed = await browser.json("GET", "/_sim/payments")
        same = [p for p in listed if p["id_pago"] == reference]
        return clicks, reference, identifier, settled, [len(same)]


def test_double_clicks_start_one_payment_and_it_is_credited_once(sim):
    with contextlib.closing(connect(sim.db)) as conn:
        core = SqliteCoreBanking(conn)
        before = {key: core.balances(NICK, key).balance for key in (SAVINGS, SAVINGS_2)}
        clicks, reference, identifier, settled, same = run(double_click_then_settle(sim.url))
        assert {c.status for c in clicks} == {303} and len({c.location for c in clicks}) == 1, \
            Counter((c.status, c.location[:60]) for c in clicks)
        assert same == [1]  # one payment at the gateway for the reference
        assert all(p.status == 200 and not p.has_traceback() for p in settled), Counter(p.status for p in settled)
        ledger = core.credits(f"{int(reference):08d}") or core.credits(reference)
        assert sorted((t, n, a) for t, n, a, _ in ledger) == sorted(
            [(*SAVINGS, Money.of("12345")), (*SAVINGS_2, Money.of("6789"))])
        after = {key: core.balances(NICK, key).balance for key in (SAVINGS, SAVINGS_2)}
        assert after[SAVINGS] == before[SAVINGS] + Money.of("12345")
        assert after[SAVINGS_2] == before[SAVINGS_2] + Money.of("6789")
        print(f"\n[{label(sim)}] {len(clicks)} clics en «Iniciar transacción»: 1 pago; "
              f"{len(settled)} retornos y sondas a la vez: {len(ledger)} abonos, uno por producto")


# -- the portal's OTP: wrong codes and resends at once ------------------------------------------------

async def wrong_codes_at_once(url: str) -> tuple[list[Page], Page, str]:
    async with Browser(url) as browser:
        dialog = await portal_code_sent(browser)
        visit = browser.cookie("recaudo_visita")
        right = await latest_code(browser)
        wrong = "000000" if right != "000000" else "111111"
        token = dialog.csrf()
        cookie = {"Cookie": f"recaudo_visita={visit}"}  # every attempt on the same visit, whatever a lock sets

        async def attempt(code: str) -> Page:
            async with Browser(url) as tab:
                return await tab.post("/recaudo/codigo", {"codigo_seguridad": code}, token, headers=cookie)

        answers = await asyncio.gather(*(attempt(wrong) for _ in range(CONCURRENT)))
        late_right = await attempt(right)
    return answers, late_right, visit


def session_otp(db, visit: str) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        data = json.loads(conn.execute("SELECT data FROM portal_sessions WHERE id = ?", (visit,)).fetchone()[0])
    finally:
        conn.close()
    return data.get("otp") or {}


def test_concurrent_wrong_codes_count_exactly_the_limit_then_lock(request, sim):
    for _ in range(OTP_ROUNDS):  # the race across processes shows in about 4 sessions of 10
        answers, late_right, visit = run(wrong_codes_at_once(sim.url))
        otp = session_otp(sim.db, visit)
        remaining = Counter(re.search(r"Le quedan? (\d) intento", a.text).group(1) for a in answers
                            if "Le queda" in a.text)
        locked = [a for a in answers if "Código bloqueado por demasiados intentos fallidos" in a.text]
        assert all(not a.has_traceback() and a.status in (303, 400, 403) for a in answers)
        assert not any(a.location == "/recaudo/productos" for a in answers)
        # The first three wrong codes count (2 left, 1 left, locked); every later one finds the visit closed.
        assert otp.get("wrong") == 3 and otp.get("status") == "locked", otp
        assert remaining == Counter({"2": 1, "1": 1}) and len(locked) == 1, (remaining, len(locked))
        assert late_right.status in (400, 403) and late_right.location != "/recaudo/productos"  # too late
    print(f"\n[{label(sim)}] {OTP_ROUNDS} visitas × {CONCURRENT} códigos errados a la vez: en cada una contados 3 "
          f"(quedan 2, queda 1, bloqueado), {CONCURRENT - 3} rechazados por la consulta cerrada; el código "
          f"correcto después: {late_right.status}")


async def resends_at_once(url: str) -> tuple[list[Page], int, int]:
    async with Browser(url) as browser:
        dialog = await portal_code_sent(browser)
        token = dialog.csrf()
        before = await inbox_count(browser)
        early = await browser.post("/recaudo/codigo/reenviar", {}, token)
        assert early.status == 429
        await browser.json("POST", "/_sim/clock/advance", {"segundos": 31})
        try:
            answers = await asyncio.gather(*(browser.post("/recaudo/codigo/reenviar", {}, token)
                                             for _ in range(CONCURRENT)))
        finally:
            await browser.json("POST", "/_sim/clock/reset", {})
        return answers, before, await inbox_count(browser)


def test_concurrent_resends_send_one_new_code(request, sim):
    for _ in range(OTP_ROUNDS):
        answers, before, after = run(resends_at_once(sim.url))
        assert sum(1 for a in answers if a.status == 303) == 1, Counter(a.status for a in answers)
        assert {a.status for a in answers} <= {303, 429}
        assert after - before == 1  # one new SMS to the mobile
    print(f"\n[{label(sim)}] {OTP_ROUNDS} visitas × {CONCURRENT} reenvíos a la vez: en cada una 1 código nuevo, "
          f"{sum(1 for a in answers if a.status == 429)} rechazados con la espera")


# -- the Red Coopcentral (bank 1066): its OTP and "Aceptar" at once --------------------------------------

async def network_transaction(browser: Browser, identifier: str) -> dict:
    _, payment = await browser.json("GET", f"/_sim/payments/{identifier}")
    _, transactions = await browser.json("GET", "/_sim/pse/transacciones")
    [found] = [t for t in transactions if t["ticket"] == str(payment["identificador"])]
    return found


async def nick_accounts(browser: Browser) -> dict[str, str]:
    status, accounts = await browser.json("GET", "/_sim/red-coopcentral/cuentas?tipo=CC&numero=1033370434")
    assert status == 200, accounts
    return {a["numero"]: a["saldo"] for a in accounts}


async def network_codes_at_once(url: str, right: bool) -> tuple[list[Page], dict, dict, dict, int]:
    async with Browser(url) as browser:
        identifier, page = await network_until(browser, "codigo", total="20000")
        before = await nick_accounts(browser)
        code = "000000"
        if right:
            status, messages = await browser.json("GET", f"/_sim/inbox?para={NICK_MOBILE}")
            code = re.search(r"Red Coopcentral: su código de seguridad .* es (\d{6})", messages[0]["cuerpo"]).group(1)
        token = page.csrf()
        answers = await asyncio.gather(*(browser.post(page.url, {"codigo_seguridad": code, "accion": "aceptar"}, token)
                                         for _ in range(CONCURRENT)))
        transaction = await network_transaction(browser, identifier)
        status, debit = await browser.json("GET", f"/_sim/red-coopcentral/debitos/{transaction['cus']}")
        return answers, transaction, before, await nick_accounts(browser), status


def test_network_wrong_codes_at_once_count_exactly_the_limit_then_cancel(sim):
    answers, transaction, before, after, debit_status = run(network_codes_at_once(sim.url, right=False))
    remaining = Counter(re.search(r"Le quedan? (\d) intento", a.text).group(1) for a in answers if "Le queda" in a.text)
    ended = [a for a in answers if a.status == 303 and a.location.endswith("/coopcentral/portal/fin")]
    assert remaining == Counter({"2": 1, "1": 1}) and len(ended) == CONCURRENT - 2, (remaining, len(ended))
    assert all(not a.has_traceback() for a in answers)
    assert transaction["estado"] == "NOT_AUTHORIZED" and debit_status == 404 and after == before
    print(f"\n[{label(sim)}] Red Coopcentral, {CONCURRENT} códigos errados a la vez: 2 contados con intentos restantes, "
          f"el tercero bloquea; {len(ended)} terminan la visita; ACH {transaction['estado']}, sin débito")


def test_network_accept_pressed_many_times_debits_once(sim):
    answers, transaction, before, after, debit_status = run(network_codes_at_once(sim.url, right=True))
    assert all(a.status == 303 and not a.has_traceback() for a in answers), Counter(a.status for a in answers)
    assert transaction["estado"] == "OK" and debit_status == 200
    changed = {n: (before[n], after[n]) for n in before if before[n] != after[n]}
    assert list(changed) == [NETWORK_ACCOUNT]
    assert Money.of(changed[NETWORK_ACCOUNT][0]) - Money.of(changed[NETWORK_ACCOUNT][1]) == Money.of("20000")
    print(f"\n[{label(sim)}] Red Coopcentral, «Aceptar» {CONCURRENT} veces a la vez: un débito de $20.000, ACH OK")
