"""Issue 7: no secret leaks. Card numbers and CVVs typed on the gateway's page or sent to the token
services are nowhere on disk (the SQLite file, its -wal) nor in the log; OTP codes and passwords are kept
only as salted hashes; every credential is compared with hmac.compare_digest; every page, the portal's
and PSE's included, carries the security headers."""
from __future__ import annotations

import ast
import asyncio
import hmac
import re
import secrets
from pathlib import Path

import pytest

from simulator.process import SimulatorProcess
from tests.portal_env import PORTAL_ENV
from tests.reliability.browser import Browser, Page
from tests.reliability.flows import (
    NETWORK_PASSWORD, NICK_MOBILE, latest_code, network_until, page_path, portal_code_sent, start_payment,
)
from tests.reliability.tour import tour
from tests.wire.token_helpers import charge, tokenize
from tests.stored_data import stored_bytes, stored_values

pytestmark = pytest.mark.wire
ROOT = Path(__file__).resolve().parents[2]
# CVVs with a leading zero: no sequence number, amount or code of the session is written like that.
CARDS = [("1", "4111111111111111", "047"), ("2", "5555555555554444", "083"), ("4", "36227206271667", "069"),
         ("5", "378282246310005", "0738"), ("1", "4000000000000002", "058"), ("1", "4000000000009995", "092")]


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("secrets") / "secrets.sqlite3", env=PORTAL_ENV) as process:
        yield process


# -- card data ------------------------------------------------------------------------------------------

def spaced(number: str) -> str:
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


async def pay_by_card_on_the_page(url: str) -> list[int]:
    """Each test card on the gateway's page (spaced and hyphenated as people type them), declined ones
    retried with an approved card as a new attempt, and refused forms (a bad expiry, a bad CVV)."""
    statuses = []
    async with Browser(url) as browser:
        for _, number, cvv in CARDS:
            _, identifier = await start_payment(browser)
            for typed, expiry, code in ((spaced(number), "12/2031", cvv), (number, "2031", cvv),
                                        ("-".join(spaced(number).split()), "12/2031", cvv[:2]),
                                        (spaced(number), "12/2031", cvv)):
                page = await browser.get(page_path(identifier))
                if "csrf" not in page.text:
                    break  # approved: no form any more
                answer = await browser.post("/t_demo/pago.asp", {
                    "estado_pago": "pagar", "identificador": identifier, "terminos": "si", "forma_pago": "tarjeta",
                    "numero_tarjeta": typed, "fecha_vencimiento": expiry, "codigo_seguridad": code, "cuotas": "3",
                    "nombre_tarjeta": "NICK RIVERA"}, page.csrf())
                statuses.append(answer.status)
                assert number not in answer.text and spaced(number) not in answer.text
                if answer.status == 303:
                    receipt = await browser.get(answer.location)
                    assert number not in receipt.text and f"*{number[-4:]}" in receipt.text
    return statuses


def test_no_card_number_or_cvv_is_stored_or_logged_after_page_payments_and_tokenizations(sim):
    statuses = asyncio.run(pay_by_card_on_the_page(sim.url))
    assert 303 in statuses and 400 in statuses  # paid, declined-then-retried and refused forms all happened
    for kind, number, cvv in CARDS:
        for ban in ("1", "2"):
            answer = tokenize(sim.url, tipo_tarjeta=kind, numero_tarjeta=number, codigo_seguridad=cvv, ban_tokenizar=ban)
            if answer.value("estado_tokenizacion") == "1":
                charge(sim.url, answer.value("token"))
    journal = asyncio.run(_journal(sim.url))
    checks = [("while running", stored_bytes(sim.db), stored_values(sim.db))]
    log = sim.output()
    for _, number, cvv in CARDS:
        assert number not in journal and spaced(number) not in journal
        assert f"codigo_seguridad={cvv}" not in journal and f"<codigo_seguridad>{cvv}<" not in journal
    for when, raw, values in checks:
        assert b"1111" in raw and any(v.endswith("1111") for v in values)  # the right bytes are searched
        for _, number, cvv in CARDS:
            for shown in (number, spaced(number), "-".join(spaced(number).split())):
                assert shown.encode() not in raw and shown not in log, (when, shown)
            standalone = re.compile(r"(?<![0-9A-Za-z.])" + cvv + r"(?![0-9A-Za-z.])")
            assert not [v for v in values if standalone.search(v)], (when, cvv)
            assert re.search(rb"""[>"'=:]\s*""" + cvv.encode() + rb"""\s*[<"'&,]""", raw) is None, (when, cvv)
            assert standalone.search(log) is None, cvv
    print(f"\n{len(statuses)} card forms on the page and {len(CARDS) * 2} tokenizations: no number, "
          "spaced number or CVV in the database file, its -wal, the journal or the log")


async def _journal(url: str) -> str:
    async with Browser(url) as browser:
        _, entries = await browser.json("GET", "/_sim/journal?limite=1000")
    return "\n".join(f"{e.get('solicitud', '')}\n{e.get('respuesta', '')}" for e in entries)


# -- OTPs and passwords: hashes only ----------------------------------------------------------------------

def test_otp_codes_are_kept_only_as_salted_hashes(sim):
    async def codes() -> tuple[str, str]:
        async with Browser(sim.url) as browser:
            await portal_code_sent(browser)
            portal = await latest_code(browser)
        async with Browser(sim.url) as browser:
            await network_until(browser, "codigo")
            _, messages = await browser.json("GET", f"/_sim/inbox?para={NICK_MOBILE}")
            network = re.search(r"Red Coopcentral: su código de seguridad .* es (\d{6})", messages[0]["cuerpo"]).group(1)
        return portal, network

    portal, network = asyncio.run(codes())
    # The inbox is the simulated phone and mailbox: the message it received is the one place a code may be.
    values = stored_values(sim.db, skip=("notifications",))
    for code in (portal, network):
        standalone = re.compile(r"(?<![0-9.])" + code + r"(?![0-9])")
        assert not [v for v in values if standalone.search(v)], code
    sessions = [v for v in values if '"hash": "' in v]
    assert sessions and all(re.search(r'"hash": "\d{16}\$[0-9a-f]{64}"', v) for v in sessions)


def test_passwords_and_security_answers_are_stored_hashed(sim):
    async def create_merchant() -> None:
        async with Browser(sim.url) as browser:
            status, _ = await browser.json("PUT", "/_sim/merchants/7123", {
                "nombre": "Comercio Secreto", "nit": "900123456-8", "clave_inicio": "Inicio-Muy-Secreta-1",
                "usuario_v4": "usuario-secreto", "clave_v4": "V4-Muy-Secreta-2", "codigo_servicio": "2799",
                "t_ruta": "t_secreto", "url_retorno": "https://comercio.example/retorno"})
            assert status in (200, 201)

    asyncio.run(create_merchant())
    raw = stored_bytes(sim.db)
    for secret in ("clave-inicio", "clave-v4", NETWORK_PASSWORD, "Inicio-Muy-Secreta-1", "V4-Muy-Secreta-2",
                   "Colegio San José", "COLEGIO SAN JOSE", "colegio san jose"):
        assert secret.encode() not in raw and secret.encode("utf-16-le") not in raw, secret
    assert b"usuario-secreto" in raw  # a user name is not a secret: the search does read the file


# -- constant-time comparison ------------------------------------------------------------------------------

def test_every_credential_check_goes_through_compare_digest(monkeypatch):
    from adapters.portal.signing import FormSigner
    from domain.shared.identity import DocumentType, IdentityDocument
    from domain.gateway.merchant import Merchant
    from domain.network.member import Membership
    from domain.shared.otp import OtpChallenge, OtpWrongCode
    from domain.shared.secrets import SecretHash
    from simulator.web.csrf import check_csrf, csrf_token

    calls: list[int] = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    monkeypatch.setattr(secrets, "compare_digest", spy)

    def used(check) -> int:
        calls.clear()
        check()
        return len(calls)

    hashed = SecretHash.of("clave", "0123456789abcdef")
    merchant = Merchant(id=1, name="M", nit="900123456-8", start_password=hashed, verify_user="u",
                        verify_password=hashed, service_code="1", route="t", return_url="https://x.example")
    document = IdentityDocument(DocumentType.CC, "1033370434")
    membership = Membership("alianza", document, "nrivera", hashed)

    class Ids:
        def random_digits(self, n: int) -> str:
            return "1" * n

    challenge, _ = OtpChallenge.issue("s", document, Ids(), __import__("datetime").datetime(2026, 1, 1))
    world = type("World", (), {"form_secret": "9" * 64})()
    signer = FormSigner(b"k" * 32)

    def wrong_otp() -> None:
        with pytest.raises(OtpWrongCode):
            challenge.verify("222222", challenge.issued_at)

    assert used(lambda: hashed.matches("otra")) == 1
    assert used(lambda: merchant.accepts_start_password("otra")) == 1
    assert used(lambda: merchant.accepts_verify_credentials("u", "otra")) == 2  # user and password
    assert used(lambda: membership.accepts("nrivera", "otra")) >= 1
    assert used(wrong_otp) == 1
    assert used(lambda: check_csrf(world, None, "f", "s", csrf_token(world, None, "f", "s"))) == 1
    assert used(lambda: signer.check("f", "v" * 30, signer.token("f", "v" * 30))) == 1
    assert used(lambda: asyncio.run(control_call("Bearer otro"))) == 1


async def control_call(authorization: str) -> None:
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    from simulator.control.security import control_guard

    async def handler(request):
        return web.Response(text="ok")

    with pytest.raises(web.HTTPUnauthorized):
        await control_guard("s3creto")(make_mocked_request("GET", "/_sim/payments",
                                                           headers={"Authorization": authorization}), handler)


HARMLESS = {"str(answer) != 'SUCCESS'", "page == paths.PASSWORD", "_int(answer, 'estado_tokenizacion') == 1"}
SECRET_NAME = re.compile(r"password|clave|secret|digest|\bmac\b|code_hash|csrf|pwd|answer", re.IGNORECASE)


def test_no_secret_is_compared_with_equals_anywhere_in_the_code():
    found = []
    for path in sorted(p for area in ("domain", "ports", "adapters", "simulator") for p in (ROOT / area).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare) or not any(isinstance(o, (ast.Eq, ast.NotEq)) for o in node.ops):
                continue
            names = [n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node)
                     if isinstance(n, (ast.Name, ast.Attribute))]
            if any(SECRET_NAME.search(n) for n in names) and ast.unparse(node) not in HARMLESS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    assert found == [], "secrets compared with == instead of hmac.compare_digest:\n" + "\n".join(found)


# -- security headers on every page -----------------------------------------------------------------------

def secure(page: Page) -> bool:
    h = page.headers
    return ("frame-ancestors 'none'" in h.get("Content-Security-Policy", "") and h.get("X-Frame-Options") == "DENY"
            and h.get("X-Content-Type-Options") == "nosniff" and bool(h.get("Referrer-Policy")))


def test_every_page_carries_the_security_headers(sim):
    async def pages() -> dict[str, Page]:
        found: dict[str, Page] = {}
        async with tour(sim.url) as stops:
            for stop in stops:
                found[stop.name] = await stop.browser.get(stop.page)
            b = stops[0].browser
            _, identifier = await start_payment(b)
            await b.json("POST", f"/_sim/payments/{identifier}/outcome", {"estado": 1000})  # it has a receipt now
            for name, path in (("comprobante", page_path(identifier, "comprobante")), ("tablero", "/_sim/"),
                               ("buzon", "/_sim/buzon"), ("pasarela-404", "/t_demo/pago.asp?estado_pago=x"),
                               ("pse-404", "/PSEUserRegister/StartTransaction.htm?enc=0"), ("banco-404", "/banco/1022"),
                               ("recaudo-404", "/recaudo/nada"), ("recaudo-retorno", "/recaudo/retorno?id_pago=x"),
                               ("coopcentral-404", "/coopcentral/pse?enc=0"), ("wsdl-ayuda", "/ws_inicio_pagov2/Zpagos.asmx"),
                               ("pse-ayuda", "/PSEWebServices3/MainServices.asmx")):
                found[name] = await b.get(path)
        return found

    found = asyncio.run(pages())
    html_pages = {n: p for n, p in found.items() if "text/html" in p.headers.get("Content-Type", "")}
    assert len(html_pages) == len(found), [n for n in found if n not in html_pages]
    missing = [n for n, p in html_pages.items() if not secure(p)]
    assert missing == [], missing
    print(f"\n{len(html_pages)} pages (gateway, PSE, banks, Red Coopcentral, recaudo portal, control pages, "
          "error pages) carry CSP frame-ancestors 'none', X-Frame-Options DENY, nosniff and a Referrer-Policy")
