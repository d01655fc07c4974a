"""The recaudo portal's pages over HTTP on a real `pasarela serve` process: every bad input gets a Spanish
message on the page (never a traceback), CSRF on every form, the security headers, the gateway reached
once per session, the return page, the sonda's trigger, the bot check, and `pasarela portal` alone."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest

from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.storage.sqlite import connect
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from simulator.process import SimulatorProcess, free_port
from tests.portal_env import PORTAL_ENV
from tests.wire.portal_helpers import PortalClient, json_get, json_post, latest_code

pytestmark = pytest.mark.wire

NICK = IdentityDocument(DocumentType.CC, "1033370434")
SAVINGS = ("AV", "100207756")


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("portal") / "pasarela.sqlite3", env=PORTAL_ENV) as process:
        yield process


def client(process) -> PortalClient:
    return PortalClient(process.url)


def to_detail(c: PortalClient, amount: str = "10.000") -> str:
    """Walk a verified session to "Detalle del pago"; returns the detail page's CSRF token."""
    c.verified()
    assert c.submit("/recaudo/productos", "/recaudo/productos",
                    {"opcion__AV__100207756": "FREE", "valor__AV__100207756": amount}).status == 303
    assert c.submit("/recaudo/pagador", "/recaudo/pagador", {}).status == 303
    page = c.get("/recaudo/detalle")
    assert page.status == 200
    return page.csrf()


def no_traceback(page) -> None:
    assert "Traceback" not in page.text and "File \"" not in page.text


# -- identification (steps 1–3) ------------------------------------------------------------------------

def test_pasarela_serve_prints_the_portal_url(portal):
    assert f"Portal de recaudo: {portal.url}/recaudo/" in portal.output()


def test_the_identification_page_carries_the_security_headers_and_a_strict_cookie(portal):
    page = client(portal).get("/recaudo/")
    assert page.status == 200
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cache-Control"] == "no-store"
    cookie = page.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/recaudo" in cookie
    assert "Consultar Productos" in page.text and "disabled" in page.text


def test_a_known_document_is_greeted_and_consultar_productos_is_enabled(portal):
    c = client(portal)
    answer = c.identify()
    assert answer.status == 303 and answer.location == "/recaudo/"
    page = c.get("/recaudo/")
    assert "Bienvenido(a), NICK RIVERA CAMINERO" in page.text
    assert 'id="consultar"' in page.text


@pytest.mark.parametrize("kind, number, message", [
    ("CC", "99999999", "No encontramos un asociado con ese tipo y número de documento"),
    ("CC", "12", "El número de documento para Cédula de ciudadanía debe tener entre 3 y 10 dígitos"),
    ("", "1033370434", "Seleccione el tipo de documento"),
    ("ZZ", "1033370434", "Seleccione el tipo de documento"),
    ("CC", "", "El número de documento es obligatorio"),
    ("CC", "80808080", "COOPERATIVA DEMO SIN RECAUDO no tiene habilitado el servicio de recaudo por PSE"),
])
def test_unknown_malformed_or_disabled_documents_get_a_spanish_message_on_the_page(portal, kind, number, message):
    c = client(portal)
    page = c.identify(kind, number)
    assert page.status == 400
    assert message in page.alert()
    assert "Bienvenido" not in page.text and 'id="consultar"' not in page.text
    no_traceback(page)


def test_typed_markup_is_shown_escaped(portal):
    page = client(portal).identify("CC", "<script>alert(1)</script>")
    assert page.status == 400
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


def test_every_form_needs_its_csrf_token(portal):
    c = client(portal)
    c.get("/recaudo/")
    page = c.post("/recaudo/identificar", {"tipo_documento": "CC", "numero_documento": "1033370434"})
    assert page.status == 403 and "La página expiró o no es válida" in page.alert()
    other = client(portal)
    token = other.get("/recaudo/").csrf()  # a token of another visit
    assert c.post("/recaudo/identificar", {"tipo_documento": "CC", "numero_documento": "1033370434"},
                  token).status == 403
    for path in ("/recaudo/consultar", "/recaudo/codigo", "/recaudo/codigo/reenviar", "/recaudo/productos",
                 "/recaudo/pagador", "/recaudo/detalle"):
        answer = c.post(path, {"codigo_seguridad": "123456"}, "1.abc")
        assert answer.status == 403, path
        no_traceback(answer)


def test_consultar_productos_without_an_identified_document_is_refused(portal):
    c = client(portal)
    page = c.submit("/recaudo/", "/recaudo/consultar", {})
    assert page.status == 403 and "Ingrese de nuevo su documento" in page.alert()


def test_a_wrong_bot_check_answer_is_refused_and_the_right_one_passes(simulator):
    c = PortalClient(simulator.url)  # the shared simulator runs with the default bot check (a small sum)
    form = c.get("/recaudo/")
    question = re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", form.text)
    assert question, "the default identification form asks a question"
    fields = {"tipo_documento": "CC", "numero_documento": "1033370434", "reto": form.field("reto")}
    refused = c.post("/recaudo/identificar", {**fields, "verificacion": "999"}, form.csrf())
    assert refused.status == 400 and "La respuesta de verificación no es correcta" in refused.alert()
    form = c.get("/recaudo/")
    a, b = map(int, re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", form.text).groups())
    fields["reto"] = form.field("reto")
    assert c.post("/recaudo/identificar", {**fields, "verificacion": str(a + b)}, form.csrf()).status == 303
    assert "Bienvenido(a), NICK RIVERA CAMINERO" in c.get("/recaudo/").text
    assert c.post("/recaudo/_sonda/ejecutar", {}).status == 404  # the test trigger is off by default


# -- the security code and the products (steps 4–6) -----------------------------------------------------

def test_products_are_never_shown_before_the_code(portal):
    c = client(portal)
    c.identify()
    c.request_code()
    page = c.get("/recaudo/productos")
    assert page.status == 303 and page.location == "/recaudo/codigo"
    wrong = c.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": "abc"})
    assert wrong.status == 400 and "El código de seguridad no es correcto. Le quedan 2 intentos" in wrong.alert()
    assert "****7756" not in wrong.text


def test_the_code_reaches_the_inbox_by_sms_and_email_and_never_the_journal(portal):
    c = client(portal)
    c.identify()
    c.request_code()
    code = latest_code(portal.url, "3107126048")
    assert latest_code(portal.url, "nick.rivera@example.com") == code
    c.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": code})
    journal = json_get(portal.url, "/_sim/journal?limite=50")
    bodies = " ".join(str(entry) for entry in journal)
    assert "codigo_seguridad=****" in bodies and f"codigo_seguridad={code}" not in bodies


def test_an_associate_without_products_sees_none_available(portal):
    c = client(portal)
    c.verified("CC", "1020304050", "3001112233")
    page = c.get("/recaudo/productos")
    assert page.status == 200 and "No hay productos disponibles" in page.text
    assert 'id="continuar"' not in page.text


def test_refused_amounts_are_explained_next_to_each_product(portal):
    c = client(portal)
    c.verified()
    page = c.submit("/recaudo/productos", "/recaudo/productos", {
        "opcion__CR__300027626": "OTHER", "valor__CR__300027626": "1.000",
        "opcion__AV__100207756": "FREE", "valor__AV__100207756": "mil pesos",
        "opcion__PO__400018768": "MINIMUM"})
    assert page.status == 400
    assert "debe ser al menos el pago mínimo $1.800,00" in page.text
    assert "&#39;mil pesos&#39; no es un valor en pesos" in page.text
    # the lines that passed keep their server-computed amounts; a refused line shows what is still typed in its box
    # (issue 18: the row and the total agree with the boxes, as the page's live total does)
    assert 'id="total">$2.500,00' in page.text
    nothing = c.submit("/recaudo/productos", "/recaudo/productos", {"opcion__AV__100207756": "NO_PAY"})
    assert nothing.status == 400 and "Seleccione al menos un producto con valor mayor a cero" in nothing.alert()
    foreign = c.submit("/recaudo/productos", "/recaudo/productos",
                       {"opcion__AV__700001111": "FREE", "valor__AV__700001111": "1000"})
    assert foreign.status == 400 and "no pertenece al asociado" in foreign.alert()


def test_a_different_depositor_is_validated_on_the_page(portal):
    c = client(portal)
    c.verified()
    c.submit("/recaudo/productos", "/recaudo/productos", {"opcion__AV__100207756": "FREE",
                                                          "valor__AV__100207756": "10000"})
    page = c.submit("/recaudo/pagador", "/recaudo/pagador", {
        "depositante": "si", "tipo_documento": "CC", "numero_documento": "1.234", "nombres": "",
        "apellidos": "Pérez3", "correo": "x@", "celular": "12345"})
    assert page.status == 400
    for message in ("El número de documento para Cédula de ciudadanía debe tener entre 3 y 10 dígitos",
                    "Los nombres del pagador son obligatorios", "Los apellidos del pagador solo pueden tener letras",
                    "El correo electrónico no es válido", "El número de celular debe tener 10 dígitos y empezar por 3"):
        assert message in page.text


# -- detail, start, return (steps 8–9, 15) --------------------------------------------------------------

def test_description_and_terms_are_mandatory_and_pse_forbidden_characters_refused(portal):
    c = client(portal)
    token = to_detail(c)
    for fields, message in (({"descripcion": "", "terminos": "si"}, "La descripción del pago es obligatoria"),
                            ({"descripcion": "Cuota"}, "Debe aceptar los términos y condiciones"),
                            ({"descripcion": 'Cuota "marzo" | abril', "terminos": "si"}, "no puede contener")):
        page = c.post("/recaudo/detalle", fields, token)
        assert page.status == 400 and message in page.alert()


def _identifier(location: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["identificador"][0]


def test_starting_redirects_to_the_gateway_page_and_a_second_click_starts_nothing_new(portal):
    c = client(portal)
    token = to_detail(c)
    reference = re.search(r'id="referencia">(\d{8})<', c.last.text).group(1)
    first = c.post("/recaudo/detalle", {"descripcion": "Ahorro", "terminos": "si"}, token)
    assert first.status == 303 and first.location.startswith(f"{portal.url}/t_demo/pago.asp?")
    second = c.post("/recaudo/detalle", {"descripcion": "Ahorro", "terminos": "si"}, token)
    assert second.status == 303 and second.location == first.location
    payment = json_get(portal.url, f"/_sim/payments/{_identifier(first.location)}")
    assert payment["id_pago"] == str(int(reference)) and payment["total_con_iva"] == "10000.00"
    same_reference = [p for p in json_get(portal.url, "/_sim/payments") if p["id_pago"] == str(int(reference))]
    assert len(same_reference) == 1
    page = c.get("/recaudo/detalle")
    assert "ya fue iniciada" in page.text


def test_two_simultaneous_clicks_make_one_payment(portal):
    c = client(portal)
    token = to_detail(c)
    reference = re.search(r'id="referencia">(\d{8})<', c.last.text).group(1)
    answers = []

    def click():
        answers.append(c.post("/recaudo/detalle", {"descripcion": "Doble clic", "terminos": "si"}, token))

    threads = [threading.Thread(target=click) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {a.status for a in answers} == {303} and len({a.location for a in answers}) == 1
    assert len([p for p in json_get(portal.url, "/_sim/payments") if p["id_pago"] == str(int(reference))]) == 1


def test_the_return_page_verifies_and_shows_the_gateway_state(portal):
    c = client(portal)
    token = to_detail(c)
    start = c.post("/recaudo/detalle", {"descripcion": "Ahorro", "terminos": "si"}, token)
    identifier = _identifier(start.location)
    payment = json_get(portal.url, f"/_sim/payments/{identifier}")
    page = c.get(f"/recaudo/retorno?id_comercio=1001&id_pago={payment['id_pago']}")
    assert page.status == 200 and "Pago pendiente por iniciar" in page.text
    json_post(portal.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1000})
    page = c.get(f"/recaudo/retorno?id_comercio=1001&id_pago={payment['id_pago']}")
    assert 'id="estado">Pago rechazado<' in page.text and "Ahorros a la Vista(****7756)" in page.text
    stranger = client(portal).get(f"/recaudo/retorno?id_comercio=1001&id_pago={payment['id_pago']}")
    assert "Pago rechazado" in stranger.text and "****7756" not in stranger.text  # products only for the payer


@pytest.mark.parametrize("query, status, message", [
    ("id_comercio=1001&id_pago=99999", 404, "No encontramos el pago con referencia 99999"),
    ("id_comercio=1001&id_pago=%3Cscript%3E", 400, "La referencia del pago no es válida"),
    ("id_comercio=2002&id_pago=25", 400, "El pago no corresponde a este portal de recaudo"),
    ("", 400, "La referencia del pago no es válida"),
])
def test_a_bad_return_is_a_spanish_page(portal, query, status, message):
    page = client(portal).get(f"/recaudo/retorno?{query}")
    assert page.status == status and message in page.alert()
    no_traceback(page)


def test_unknown_pages_and_methods_are_spanish_pages(portal):
    c = client(portal)
    assert "La dirección no existe en el portal de recaudo" in c.get("/recaudo/nada").text
    assert c.get("/recaudo/nada").status == 404
    wrong_method = c.get("/recaudo/identificar")
    assert wrong_method.status == 405 and "Use los botones de la página" in wrong_method.text
    garbage = c._open(__import__("urllib.request").request.Request(
        f"{portal.url}/recaudo/identificar", data=b"\xff\xfe%%%", method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}))
    assert garbage.status in (400, 403)
    no_traceback(garbage)


def test_a_pending_payment_blocks_a_new_one_until_the_background_sonda_settles_it(tmp_path):
    env = {**PORTAL_ENV, "PASARELA_SONDA_TICK": "0.2"}
    with SimulatorProcess(tmp_path / "sonda.sqlite3", env=env) as sim:
        core = SqliteCoreBanking(connect(sim.db))
        before = core.balances(NICK, SAVINGS).balance
        first = PortalClient(sim.url)
        token = to_detail(first, "20.000,03")  # ,03: pending at the bank until its 7 minutes pass
        reference = re.search(r'id="referencia">(\d{8})<', first.last.text).group(1)
        assert first.post("/recaudo/detalle", {"descripcion": "Ahorro", "terminos": "si"}, token).status == 303
        page = first.get(f"/recaudo/retorno?id_comercio=1001&id_pago={int(reference)}")
        assert "PENDIENTE de recibir confirmación" in page.text
        second = PortalClient(sim.url)
        token = to_detail(second, "5.000")
        blocked = second.post("/recaudo/detalle", {"descripcion": "Otro", "terminos": "si"}, token)
        assert blocked.status == 409
        assert f"En este momento su #{reference} presenta un proceso de pago cuya transacción se encuentra " \
               "PENDIENTE" in blocked.alert()
        time.sleep(0.6)
        assert core.balances(NICK, SAVINGS).balance == before  # the sonda waits for its 7 minutes
        json_post(sim.url, "/_sim/clock/advance", {"segundos": 8 * 60})
        deadline = time.monotonic() + 10
        while core.balances(NICK, SAVINGS).balance == before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert core.balances(NICK, SAVINGS).balance == before + Money.of("20000.03")
        assert second.post("/recaudo/detalle", {"descripcion": "Otro", "terminos": "si"}, token).status == 303
        approved = second.post("/recaudo/detalle", {"descripcion": "Otro", "terminos": "si"}, token)
        assert approved.status == 303  # same session: the same payment, not a second one


@pytest.fixture
def gateway(tmp_path):
    """A simulator of its own: a second portal paying as the demo merchant must not meet the first one's
    references at the gateway (each portal numbers its references in its own database)."""
    with SimulatorProcess(tmp_path / "gateway.sqlite3", env=PORTAL_ENV) as sim:
        yield sim


def test_pasarela_portal_runs_the_portal_alone_against_a_remote_gateway(gateway, tmp_path):
    portal = gateway
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "simulator.cli", "portal", "--gateway", portal.url, "--port", str(port), "--db",
         str(tmp_path / "portal.sqlite3"), "--bot-check", "off"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith(f"Portal de recaudo: http://127.0.0.1:{port}/recaudo/"), line
        alone = f"http://127.0.0.1:{port}"
        c = PortalClient(alone)
        c.identify()
        c.request_code()
        code = latest_code(alone, "3107126048")  # the standalone portal's own inbox
        assert c.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": code}).status == 303
        c.submit("/recaudo/productos", "/recaudo/productos", {"opcion__AV__100206764": "FREE",
                                                              "valor__AV__100206764": "12.345"})
        c.submit("/recaudo/pagador", "/recaudo/pagador", {})
        token = c.get("/recaudo/detalle").csrf()
        assert f"form-action 'self' {portal.url}" in c.last.headers["Content-Security-Policy"]
        start = c.post("/recaudo/detalle", {"descripcion": "Desde el portal", "terminos": "si"}, token)
        assert start.status == 303 and start.location.startswith(f"{portal.url}/t_demo/pago.asp?")
        payment = json_get(portal.url, f"/_sim/payments/{_identifier(start.location)}")
        assert payment["total_con_iva"] == "12345.00" and payment["descripcion"] == "Desde el portal"
    finally:
        proc.terminate()
        proc.wait(10)
