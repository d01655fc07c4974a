"""Issue 7: bad input at every page and at the control API. Every form the simulator serves (found by
walking the pages, and checked against the application's routes so a new form cannot be missed) refuses
a post without its CSRF token and changes nothing; every field of every form takes hostile values
without a 5xx or a traceback and never echoes markup unescaped; text that callers choose (payer names,
descriptions, merchant names) is escaped on every page that shows it; the control API answers
anything it cannot take with an application/problem+json body."""
from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.parse

import pytest

from simulator.process import SimulatorProcess
from tests.portal_env import PORTAL_ENV
from tests.reliability.browser import Browser, Page
from tests.reliability.consistency import problems_in
from tests.reliability.envelopes import OPERATIONS
from tests.reliability.flows import network_until, page_path, start_payment, to_bank
from tests.reliability.forms import forms_in
from tests.reliability.tour import Stop, tour

pytestmark = pytest.mark.wire
MARK = "<zz-fuzz>x</zz-fuzz>"  # markup no page may echo as is
NASTY = ["", " ", "x" * 3000, MARK, "<script>alert(1)</script>", "\x00\x01\x1b[31m\x7f", "ñÁ😀\u202e\ufeff",
         "' OR '1'='1' --", "%00%ff%", "-1", "1e400", "99999999999999999999999", "{{7*7}}${7*7}", "../../etc/passwd"]
SOAP_PATHS = ("/ws_inicio_pagov2/", "/wsverificarpagov4/", "/ws_verificar_pagos/", "/tokenizaciontc/",
              "/ws_pagoaptc/", "/psewebservices3/",
              "/apistoken/api/", "/apis_ciclopago/api/", "/api_inicio_pago/api/", "/api_verificar_pagov3/api/")
# the last four are APIs (JSON, or form-encoded for programs), not pages' forms: their bad input has wire tests
# Forms whose forged post is answered by sending the browser away, changing nothing (a forged "Cerrar").
LEAVE_ON_FORGERY = {"/recaudo/cerrar": "/recaudo/"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("pages") / "pages.sqlite3", env=PORTAL_ENV) as process:
        yield process


def fine(page: Page) -> bool:
    return page.status < 500 and not page.has_traceback() and MARK not in page.text \
        and "<script>alert(1)</script>" not in page.text


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0]


# -- which forms exist --------------------------------------------------------------------------------

def served_form_routes(tmp_path) -> list[tuple[str, re.Pattern | None, str]]:
    """Every POST route of the application (sub-applications included): (text, pattern, plain path)."""
    from simulator.bootstrap import bootstrap, prepare_database
    from simulator.settings import Settings

    settings = Settings(db=str(tmp_path / "routes.sqlite3"), port=8999)
    prepare_database(settings)
    built = bootstrap(settings)
    app = built.app()
    found = []
    routers = [app.router] + [r._app.router for r in app.router.resources() if hasattr(r, "_app")]
    for router in routers:
        for route in router.routes():
            if route.method not in ("POST", "*") or route.resource is None:
                continue
            info = route.resource.get_info()
            text = info.get("path") or info.get("formatter") or ""
            if not text or text.startswith("/_sim/") or text.lower().startswith(SOAP_PATHS) or text.endswith(
                    "/_sonda/ejecutar"):
                continue
            if text not in {f[0] for f in found}:
                found.append((text, info.get("pattern"), info.get("path", "")))
    built.close()
    return found


def test_every_form_route_is_reached_by_the_tour(site, tmp_path):
    async def actions() -> set[str]:
        async with tour(site.url) as stops:
            return {path_of(s.action) for s in stops}

    toured = asyncio.run(actions())
    missing = [text for text, pattern, plain in served_form_routes(tmp_path)
               if not any((pattern.fullmatch(a) if pattern else a == plain) for a in toured)]
    assert missing == [], f"forms no test posts to: {missing}"
    print(f"\n{len(toured)} form actions reached by the tour")


# -- CSRF -----------------------------------------------------------------------------------------------

async def forge(stop: Stop, csrf: str | None) -> tuple[Page, Page]:
    fields = {k: v for k, v in stop.form.defaults().items() if k != "csrf"}
    if csrf is not None:
        fields["csrf"] = csrf
    answer = await stop.browser.post(stop.action, fields)
    return answer, await stop.browser.get(stop.page)


def test_a_form_posted_without_its_token_is_refused_and_changes_nothing(site):
    async def run() -> list[str]:
        wrong = []
        async with tour(site.url) as stops:
            for stop in stops:
                before = sorted(f.action for f in forms_in((await stop.browser.get(stop.page)).text))
                for csrf in (None, "1700000000.0000000000000000000000000000000000000000", "x" * 500):
                    answer, after = await forge(stop, csrf)
                    expected = LEAVE_ON_FORGERY.get(path_of(stop.action))
                    refused = answer.location == expected if expected else answer.status == 403
                    same_step = sorted(f.action for f in forms_in(after.text)) == before
                    if not (refused and same_step and fine(answer)):
                        wrong.append(f"{stop.name} {stop.action} csrf={str(csrf)[:12]}: {answer.status} "
                                     f"{answer.location} same step: {same_step}")
        return wrong

    assert asyncio.run(run()) == []


# -- every field, hostile values ------------------------------------------------------------------------

def test_every_field_of_every_form_takes_hostile_values_without_a_5xx_or_unescaped_markup(site):
    async def run() -> tuple[int, list[str]]:
        wrong, sent = [], 0
        async with tour(site.url) as stops:
            async def one(stop: Stop) -> None:
                nonlocal sent
                for name in stop.form.visible:
                    for value in NASTY:
                        fields = {**stop.form.defaults(), name: value}
                        answer = await stop.browser.post(stop.action, fields)
                        sent += 1
                        if not fine(answer) or (answer.status != 303 and "text/html" not in
                                                answer.headers.get("Content-Type", "")):
                            wrong.append(f"{stop.name} {name}={value[:20]!r}: {answer.status} {answer.text[:200]}")
            await asyncio.gather(*(one(s) for s in stops))
        return sent, wrong

    sent, wrong = asyncio.run(run())
    assert wrong == []
    assert problems_in(site.db) == []
    print(f"\n{sent} hostile form posts: none answered 5xx, a traceback or unescaped markup")


# -- text chosen by callers is escaped wherever it is shown -------------------------------------------

def test_names_and_descriptions_from_callers_are_escaped_on_every_page(site):
    script = "<script>alert(1)</script>"

    async def run() -> dict[str, Page]:
        async with Browser(site.url) as b:
            status, _ = await b.json("PUT", "/_sim/merchants/7070", {
                "nombre": f"Comercio {script}", "nit": "900123456-8", "clave_inicio": "k1", "usuario_v4": "u",
                "clave_v4": "k2", "codigo_servicio": "2702", "t_ruta": "t_escape",
                "url_retorno": "https://comercio.example/retorno"})
            assert status in (200, 201), status
            _, identifier = await start_payment(b, description=f"Pago {script}", nombre_cliente=script,
                                                apellido_cliente="<img src=x onerror=alert(1)>")
            pages = {"pasarela": await b.get(page_path(identifier))}
            bank_path, pages["banco"] = await to_bank(b, identifier)
            pages["comprobante"] = await b.get(page_path(identifier, "respuesta"))
            pages["tablero"] = await b.get("/_sim/")
            pages["buzon"] = await b.get("/_sim/buzon")
            start = next(op for op in OPERATIONS if op.name == "inicio_pagoV2")
            values = {**start.valid_values(), "id_tienda": "7070", "clave": "k1", "codigo_servicio_principal": "2702",
                      "descripcion_pago": "Pago"}
            answer = await b.request("POST", start.path, start.body(values).encode(), {"Content-Type": "text/xml"})
            other = re.search(r"Result>(\d+)<", answer.text).group(1)
            pages["pasarela-comercio"] = await b.get(page_path(other, route="t_escape"))
            _, pages["banco-comercio"] = await to_bank(b, other, route="t_escape")
            return pages

    pages = asyncio.run(run())
    for name, page in pages.items():
        assert page.status == 200 and script not in page.text and "<img src=x" not in page.text, name
    for name in ("pasarela", "banco", "pasarela-comercio", "banco-comercio"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[name].text, name  # shown, escaped


# -- the control API ---------------------------------------------------------------------------------------

CONTROL_CASES = [
    ("POST", "/_sim/payments/42750000/outcome", b"no es json"),
    ("POST", "/_sim/payments/42750000/outcome", b"[1, 2]"),
    ("POST", "/_sim/payments/42750000/outcome", b'{"estado": "aprobado"}'),
    ("POST", "/_sim/payments/42750000/outcome", b'{"estado": 12345}'),
    ("POST", "/_sim/payments/abc/outcome", b'{"estado": 1}'),
    ("POST", "/_sim/payments/99999999999999999999999/outcome", b'{"estado": 1}'),
    ("GET", "/_sim/payments/abc", None),
    ("GET", "/_sim/payments/1", None),
    ("POST", "/_sim/clock/advance", b'{"segundos": "mucho"}'),
    ("POST", "/_sim/clock/advance", b'{"segundos": -5}'),
    ("POST", "/_sim/clock/advance", b'{"segundos": 1e308}'),
    ("POST", "/_sim/clock/advance", b"\xff\xfe"),
    ("POST", "/_sim/faults", b'{"operacion": "*", "tipo": "terremoto"}'),
    ("POST", "/_sim/faults", b'{"operacion": "*", "tipo": "retraso", "retraso_ms": -1}'),
    ("POST", "/_sim/faults", b'{"operacion": "*", "tipo": "fault", "probabilidad": 7}'),
    ("DELETE", "/_sim/faults/abc", None),
    ("GET", "/_sim/journal?limite=-3", None),
    ("GET", "/_sim/journal?desde=ayer", None),
    ("PUT", "/_sim/merchants/abc", b"{}"),
    ("PUT", "/_sim/merchants/7071", b'{"nombre": 5}'),
    ("PUT", "/_sim/merchants/7071", b'{"nombre": "X", "nit": "123", "clave_inicio": "a"}'),
    ("PATCH", "/_sim/merchants/1001", b'{"separadores_compactos": "tal vez"}'),
    ("PATCH", "/_sim/merchants/99999", b'{"nombre": "Nadie"}'),
    ("POST", "/_sim/merchants/1001/siguiente-resultado", b'{"estado": "ya"}'),
    ("DELETE", "/_sim/merchants/abc/siguiente-resultado", None),
    ("POST", "/_sim/pse/transacciones/abc/estado", b'{"estado": "OK"}'),
    ("POST", "/_sim/pse/transacciones/1/estado", b'{"estado": "QUIZAS"}'),
    ("GET", "/_sim/pse/transacciones/abc", None),
    ("GET", "/_sim/red-coopcentral/debitos/abc", None),
    ("GET", "/_sim/no-existe", None),
    ("DELETE", "/_sim/clock", None),
]


@pytest.mark.parametrize("method, path, body", CONTROL_CASES, ids=[f"{m} {p} {b!r:.30}" for m, p, b in CONTROL_CASES])
def test_the_control_api_answers_what_it_cannot_take_with_a_json_problem(site, method, path, body):
    async def run() -> tuple[int, str, bytes]:
        async with Browser(site.url) as b:
            async with b.session.request(method, site.url + path, data=body,
                                         headers={"Content-Type": "application/json"}) as response:
                return response.status, response.headers.get("Content-Type", ""), await response.read()

    status, content_type, raw = asyncio.run(run())
    assert 400 <= status < 500, (status, raw[:300])
    assert content_type.startswith("application/problem+json"), content_type
    problem = json.loads(raw)
    assert problem["status"] == status and problem["title"]


# -- tokens whose "digits" str.isdigit() accepts but int() refuses ("²") --------------------------------

ODD_DIGITS = ["²." + "0" * 40, "٣٤٥." + "0" * 40, "１７００００００００." + "0" * 40]


async def odd_token_answers(url: str) -> list[str]:
    wrong = []
    async with tour(url) as stops:
        for stop in stops:
            for token in ODD_DIGITS:
                fields = {**stop.form.defaults(), "csrf": token}
                if "reto" in fields:
                    fields["reto"] = token
                answer = await stop.browser.post(stop.action, fields)
                if not fine(answer) or answer.status == 303 and not LEAVE_ON_FORGERY.get(path_of(stop.action)):
                    wrong.append(f"{stop.name} {stop.action} csrf={token[:8]}: {answer.status}")
    return wrong


def test_a_token_with_digits_int_cannot_read_is_refused_not_crashed(site):
    wrong = asyncio.run(odd_token_answers(site.url))
    assert wrong == [], "\n".join(wrong)


def test_the_bot_checks_refuse_an_answer_or_challenge_with_digits_int_cannot_read(tmp_path):
    async def run(url: str) -> list[int]:
        statuses = []
        async with Browser(url) as b:
            home = await b.get("/recaudo/")
            for verification, challenge in (("3", ODD_DIGITS[0]), ("²", home.hidden("reto"))):
                answer = await b.post("/recaudo/identificar", {"tipo_documento": "CC", "numero_documento": "1033370434",
                                                               "verificacion": verification, "reto": challenge},
                                      home.csrf())
                statuses.append(answer.status)
        async with Browser(url) as b:
            _, page = await network_until(b, "clave")
            answer = await b.post(page.url, {"clave": "clave-red", "verificacion": "3", "reto": ODD_DIGITS[0]},
                                  page.csrf())
            statuses.append(answer.status)
        return statuses

    with SimulatorProcess(tmp_path / "bots.sqlite3", env={"PASARELA_BOT_CHECK": "challenge"}) as sim:
        statuses = asyncio.run(run(sim.url))
    assert all(400 <= s < 500 for s in statuses), statuses


# -- issue 14: odd input that used to answer 500 --------------------------------------------------------------

def form_body(stop: Stop) -> bytes:
    return urllib.parse.urlencode(stop.form.defaults()).encode()


def test_a_form_in_an_unknown_charset_gets_a_spanish_400_page_on_every_form(site):
    """`charset=bogus` made aiohttp's form decoding raise LookupError: a 500 on every page's form."""
    async def run() -> tuple[int, list[str]]:
        wrong, sent = [], 0
        async with tour(site.url) as stops:
            for stop in stops:
                for content_type in ("application/x-www-form-urlencoded; charset=bogus",
                                     "application/x-www-form-urlencoded; charset=utf-99"):
                    answer = await stop.browser.request("POST", stop.action, form_body(stop),
                                                        {"Content-Type": content_type})
                    sent += 1
                    spanish = "codificación" in answer.text or "no son válidos" in answer.text
                    html_page = answer.headers.get("Content-Type", "").startswith("text/html")
                    if not (answer.status == 400 and fine(answer) and html_page and spanish):
                        wrong.append(f"{stop.name} {stop.action}: {answer.status} {answer.text[:200]}")
        return sent, wrong

    sent, wrong = asyncio.run(run())
    assert wrong == [], "\n".join(wrong)
    print(f"\n{sent} form posts in an unknown charset: all 400 with a Spanish page")


def test_a_token_whose_mac_is_not_ascii_is_refused_like_any_forged_token(site):
    """hmac.compare_digest raises TypeError for a str with non-ASCII characters: a fresh issue time and a
    MAC of accented letters reached it (500) on the simulator's forms and the portal's."""
    async def run() -> list[str]:
        wrong = []
        async with tour(site.url) as stops:
            for stop in stops:
                before = sorted(f.action for f in forms_in((await stop.browser.get(stop.page)).text))
                for mac in ("é" * 40, "0" * 39 + "ñ", "\u0661" * 40):
                    answer, after = await forge(stop, f"{int(time.time())}.{mac}")
                    expected = LEAVE_ON_FORGERY.get(path_of(stop.action))
                    refused = answer.location == expected if expected else answer.status == 403
                    same_step = sorted(f.action for f in forms_in(after.text)) == before
                    if not (refused and same_step and fine(answer)):
                        wrong.append(f"{stop.name} {stop.action} mac={mac[:3]}: {answer.status} {answer.location}")
        return wrong

    wrong = asyncio.run(run())
    assert wrong == [], "\n".join(wrong)


DEEP = 5_000
ODD_BODIES = [  # (path, content type, body): each used to answer 500
    ("/_sim/clock/advance", "application/json", b"[" * DEEP + b"]" * DEEP),
    ("/_sim/clock/advance", "application/json", b'{"segundos": ' + b"[" * DEEP + b"]" * DEEP + b"}"),
    ("/_sim/merchants/7072", "application/json", b'{"nombre": ' + b'{"a": ' * DEEP + b"1" + b"}" * DEEP + b"}"),
    ("/_sim/payments/42750000/outcome", "application/json", b"[" * DEEP),  # unbalanced as well
    ("/_sim/faults", "application/json", b'{"operacion": "*", "x": ' + b"[" * 65 + b"]" * 65 + b"}"),
    ("/_sim/clock/advance", "application/json; charset=bogus", b'{"segundos": 1}'),
    ("/_sim/merchants/7072", "application/json; charset=utf-99", b"{}"),
]


@pytest.mark.parametrize("path, content_type, body", ODD_BODIES,
                         ids=[f"{p} {c} {b[:12]!r}" for p, c, b in ODD_BODIES])
def test_the_control_api_answers_deep_json_and_unknown_charsets_with_a_400_problem(site, path, content_type, body):
    method = "PUT" if "/merchants/" in path else "POST"

    async def run() -> tuple[int, str, bytes]:
        async with Browser(site.url) as b:
            async with b.session.request(method, site.url + path, data=body,
                                         headers={"Content-Type": content_type}) as response:
                return response.status, response.headers.get("Content-Type", ""), await response.read()

    status, answer_type, raw = asyncio.run(run())
    assert status == 400, (status, raw[:300])
    assert answer_type.startswith("application/problem+json"), answer_type
    assert json.loads(raw)["status"] == 400


def test_json_nested_within_the_bound_is_still_read():
    from simulator.control.problems import MAX_JSON_DEPTH, json_depth_exceeds

    assert not json_depth_exceeds("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH)
    assert json_depth_exceeds("[" * (MAX_JSON_DEPTH + 1))
    assert not json_depth_exceeds('{"a": "' + "[" * 500 + '"}')  # brackets inside a string do not count
    assert not json_depth_exceeds('{"a": "\\"' + "[" * 500 + '"}')  # nor after an escaped quote
    assert json_depth_exceeds('{"a": "\\\\"' + ", " + "[" * 100 + "]" * 100 + "}")  # an escaped backslash ends it


@pytest.mark.parametrize("path", ["/static/" + "a" * 256, "/recaudo/static/" + "a" * 256,
                                  "/static/" + "a/" * 3000 + "x.css", "/recaudo/static/" + "%2e%2e/" * 4 + "app.py",
                                  "/static/../simulator/cli.py", "/static/sim.css/x"])
def test_an_over_long_or_unknown_static_path_is_a_404(site, path):
    async def run() -> Page:
        async with Browser(site.url) as b:
            return await b.get(path)

    page = asyncio.run(run())
    assert page.status == 404, (page.status, page.text[:200])
    assert not page.has_traceback()


def test_the_static_files_are_still_served(site):
    async def run() -> list[tuple[int, str]]:
        async with Browser(site.url) as b:
            pages = [await b.get(p) for p in ("/static/sim.css", "/static/gateway.css", "/recaudo/static/portal.css",
                                              "/recaudo/static/portal.js")]
        return [(p.status, p.headers.get("Content-Type", "")) for p in pages]

    answers = asyncio.run(run())
    assert [status for status, _ in answers] == [200] * 4
    assert [kind.split("/")[-1] for _, kind in answers] == ["css", "css", "css", "javascript"]


def test_an_over_long_header_is_a_400_logged_as_one_warning_line_without_a_traceback(site):
    before = len(site.output(since_start=True))

    async def run() -> int:
        async with Browser(site.url) as b:
            answer = await b.request("GET", "/_sim/health", headers={"X-Grande": "x" * 9_000})
            return answer.status

    assert asyncio.run(run()) == 400
    deadline = time.monotonic() + 5
    while "aiohttp.server" not in site.output(since_start=True)[before:] and time.monotonic() < deadline:
        time.sleep(0.05)
    logged = site.output(since_start=True)[before:]
    lines = [line for line in logged.splitlines() if "aiohttp.server" in line]
    assert len(lines) == 1 and " WARNING " in lines[0] and "400" in lines[0], logged[:2000]
    assert "Traceback" not in logged and " ERROR " not in logged and "xxxxxxxx" not in logged, logged[:2000]
