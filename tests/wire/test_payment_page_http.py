"""The gateway's payment page over plain HTTP: refusals, CSRF, escaping and every form's Spanish message."""
from __future__ import annotations

import html
import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = pytest.mark.wire


@dataclass
class Page:
    status: int
    location: str
    body: str

    def by_id(self, element_id: str) -> str:
        match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', self.body, re.S)
        assert match, f"no #{element_id} in the page:\n{self.body[:3000]}"
        return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()

    @property
    def csrf(self) -> str:
        return re.search(r'name="csrf" value="([^"]*)"', self.body).group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browserless:
    """A payer's browser without a browser: cookies kept, redirects reported, not followed."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def _open(self, request: urllib.request.Request) -> Page:
        try:
            with self.opener.open(request, timeout=10) as response:
                return Page(response.status, response.headers.get("Location", ""), response.read().decode())
        except urllib.error.HTTPError as error:
            return Page(error.code, error.headers.get("Location", ""), error.read().decode())

    def get(self, path: str) -> Page:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str], raw: bytes | None = None) -> Page:
        data = raw if raw is not None else urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded"}))


def page_path(identifier: str, state: str = "iniciar_pago", route: str = "t_demo") -> str:
    return f"/{route}/pago.asp?estado_pago={state}&identificador={identifier}"


def started(url: str, total: str = "23800", vat: str = "3800", **fields) -> tuple[str, str]:
    reference = new_reference()
    identifier = start(url, reference, total=total, vat=vat, **fields).value("inicio_pagoV2Result")
    assert identifier.isdigit(), identifier
    return reference, identifier


def pay_form(page: Page, identifier: str, **fields: str) -> dict[str, str]:
    return {"estado_pago": "pagar", "identificador": identifier, "csrf": page.csrf, **fields}


@pytest.fixture
def payer(simulator) -> Browserless:
    return Browserless(simulator.url)


def test_the_page_shows_the_payment_detail_with_subtotal_iva_and_total(simulator, payer):
    reference, identifier = started(simulator.url)
    page = payer.get(page_path(identifier))
    assert page.status == 200
    assert page.by_id("saludo") == "Bienvenido(a), NICK RIVERA CAMINERO"
    assert (page.by_id("subtotal"), page.by_id("iva"), page.by_id("total")) == ("$20.000,00", "$3.800,00", "$23.800,00")
    assert page.by_id("factura") == identifier and page.by_id("referencia") == reference
    assert 'lang="es"' in page.body and "Débito y Corriente PSE" in page.body and "Tarjeta de crédito" in page.body
    assert 'value="1022"' in page.body  # the test bank is in ACH's list


def test_paths_are_case_insensitive_as_on_iis(simulator, payer):
    _, identifier = started(simulator.url)
    assert payer.get(f"/T_DEMO/Pago.ASP?estado_pago=iniciar_pago&identificador={identifier}").status == 200


@pytest.mark.parametrize(("path", "status", "message"), [
    (page_path("99999999999"), 404, "No encontramos el pago 99999999999"),
    (page_path("abc"), 400, "El identificador del pago no es válido"),
    ("/t_demo/pago.asp?estado_pago=iniciar_pago", 400, "Falta el identificador del pago"),
    (page_path("1%27%20OR%201=1"), 400, "El identificador del pago no es válido"),
])
def test_an_unknown_or_malformed_identificador_is_a_clear_spanish_page(payer, path, status, message):
    page = payer.get(path)
    assert page.status == status
    assert message in page.by_id("aviso-texto")
    assert "Traceback" not in page.body


def test_an_identificador_of_another_merchant_or_a_bad_state_is_refused(simulator, payer):
    _, identifier = started(simulator.url)
    other = payer.get(page_path(identifier, route="t_otro"))
    assert other.status == 404 and "no corresponde a este comercio" in other.body
    odd = payer.get(page_path(identifier, state="borrar"))
    assert odd.status == 400 and "no es válida" in odd.by_id("aviso-texto")


def test_a_settled_payment_shows_achs_approved_text_and_links_its_receipt(simulator, payer):
    reference, identifier = started(simulator.url, total="23800.01")  # ,01: approved at start
    page = payer.get(page_path(identifier))
    assert page.status == 200
    assert f"En este momento su #{reference} ha finalizado su proceso de pago" in page.by_id("aviso-texto")
    assert f'href="/t_demo/pago.asp?estado_pago=comprobante&amp;identificador={identifier}"' in page.body
    receipt = payer.get(page_path(identifier, "comprobante"))
    assert receipt.by_id("resultado") == "Pago aprobado"


def test_a_card_in_review_shows_achs_pending_text_without_a_cus(simulator, payer):
    reference, identifier = started(simulator.url, total="23800.07")  # ,07: card held in review (4001)
    page = payer.get(page_path(identifier))
    text = page.by_id("aviso-texto")
    assert text.startswith(f"En este momento su #{reference} presenta un proceso de pago")
    assert text.endswith("soporte@comercio-demo.test.") and "estado de la transacción" not in text


def test_merchant_text_is_escaped_everywhere(simulator, payer):
    _, identifier = started(simulator.url, description="&lt;script&gt;alert(1)&lt;/script&gt;",
                            nombre_cliente="&lt;img src=x onerror=alert(1)&gt;")
    page = payer.get(page_path(identifier))
    assert "<script>alert(1)" not in page.body and "<img src=x" not in page.body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.body
    assert page.by_id("concepto") == "<script>alert(1)</script>"


def test_a_post_without_the_pages_token_or_cookie_is_refused(simulator, payer):
    _, identifier = started(simulator.url)
    page = payer.get(page_path(identifier))
    fields = pay_form(page, identifier, terminos="si", forma_pago="tarjeta")
    forged = Browserless(simulator.url).post("/t_demo/pago.asp", fields)  # another browser: no cookie
    assert forged.status == 403 and "La página de pago expiró o no es válida" in forged.by_id("mensaje")
    tampered = payer.post("/t_demo/pago.asp", {**fields, "csrf": "1.deadbeef"})
    assert tampered.status == 403 and "expiró" in tampered.by_id("mensaje")


@pytest.mark.parametrize(("fields", "message"), [
    ({}, "Debe aceptar los términos y condiciones para continuar con el pago."),
    ({"terminos": "si"}, "Seleccione la forma de pago: Débito y Corriente PSE o Tarjeta de crédito."),
    ({"terminos": "si", "forma_pago": "bitcoin"}, "Seleccione la forma de pago"),
    ({"terminos": "si", "forma_pago": "pse", "banco": "1022"}, "Seleccione el tipo de persona: natural o jurídica"),
    ({"terminos": "si", "forma_pago": "pse", "tipo_persona": "0"}, "Seleccione su banco de la lista"),
    ({"terminos": "si", "forma_pago": "pse", "tipo_persona": "0", "banco": "0000"},
     "El banco seleccionado no está disponible"),
    ({"terminos": "si", "forma_pago": "tarjeta"}, "Escriba el número de la tarjeta"),
    ({"terminos": "si", "forma_pago": "tarjeta", "numero_tarjeta": "4111111111111111", "fecha_vencimiento": "2031",
      "codigo_seguridad": "123", "cuotas": "1", "nombre_tarjeta": "NICK"}, "formato MMAAAA"),
    ({"terminos": "si", "forma_pago": "tarjeta", "numero_tarjeta": "4111111111111111", "fecha_vencimiento": "12/2031",
      "codigo_seguridad": "123", "cuotas": "40", "nombre_tarjeta": "NICK"}, "Elija el número de cuotas, de 1 a 36"),
    ({"terminos": "si", "forma_pago": "tarjeta", "numero_tarjeta": "4111111111111111", "fecha_vencimiento": "12/2031",
      "codigo_seguridad": "123", "cuotas": "1", "nombre_tarjeta": "<b>"}, "Escriba el nombre como aparece"),
])
def test_bad_input_shows_the_page_again_with_a_spanish_message(simulator, payer, fields, message):
    reference, identifier = started(simulator.url)
    page = payer.get(page_path(identifier))
    again = payer.post("/t_demo/pago.asp", pay_form(page, identifier, **fields))
    assert again.status == 400
    assert message in again.by_id("mensaje")
    assert again.by_id("total") == "$23.800,00"  # the page itself, shown again
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888"


def test_an_undecodable_form_is_a_spanish_page(simulator, payer):
    _, identifier = started(simulator.url)
    page = payer.post("/t_demo/pago.asp", {}, raw=b"identificador=" + identifier.encode() + b"&terminos=\xff\xfe")
    assert page.status in (400, 403)
    assert "Traceback" not in page.body and 'lang="es"' in page.body


def test_a_card_payment_over_http_redirects_to_a_receipt_without_the_full_number(simulator, payer):
    reference, identifier = started(simulator.url)
    page = payer.get(page_path(identifier))
    paid = payer.post("/t_demo/pago.asp", pay_form(
        page, identifier, terminos="si", forma_pago="tarjeta", numero_tarjeta="3622 720627 1667",
        fecha_vencimiento="122031", codigo_seguridad="987", cuotas="12", nombre_tarjeta="Nick Rivera"))
    assert paid.status == 303 and paid.location == page_path(identifier, "comprobante")
    receipt = payer.get(paid.location)
    assert receipt.by_id("franquicia") == "DINERS CLUB" and receipt.by_id("tarjeta") == "*1667"
    assert "36227206271667" not in receipt.body
    assert 'id="imprimir"' in receipt.body and "window.print()" in receipt.body
    assert receipt.by_id("regresar") == "Regresar al comercio"
    assert f"/recaudo/retorno?id_comercio=1001&amp;id_pago={reference}" in receipt.body
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert (attempt[1], attempt[14]) == ("1", "32")
    again = payer.get(page_path(identifier))  # settled: no second payment
    assert "APROBADA" in again.by_id("aviso-texto")
    status, stored = control(simulator.url, f"/_sim/payments/{identifier}")
    assert "36227206271667" not in json.dumps(stored)
    assert all("987" not in change["motivo"] for change in stored["intentos"][0]["historial"])


def test_choosing_pse_sends_the_browser_to_pse_and_leaves_the_attempt_at_999(simulator, payer):
    reference, identifier = started(simulator.url)
    page = payer.get(page_path(identifier))
    sent = payer.post("/t_demo/pago.asp", pay_form(page, identifier, terminos="si", forma_pago="pse",
                                                    tipo_persona="1", banco="1022"))
    assert sent.status == 303 and sent.location.startswith("/PSEUserRegister/StartTransaction.htm?enc=")
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert (attempt[1], attempt[14]) == ("999", "29")
    receipt = payer.get(page_path(identifier, "respuesta"))  # back without paying: still pending
    assert receipt.by_id("estado").startswith("999") and "PENDIENTE" in receipt.by_id("aviso-pendiente")


def test_the_stylesheet_has_a_print_layout(simulator, payer):
    css = payer.get("/static/gateway.css")
    assert css.status == 200 and "@media print" in css.body
