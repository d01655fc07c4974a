"""PayerUser: a payer walking the gateway's pages and PSE over plain HTTP, as a browser does (no JavaScript).

One walk: the merchant's checkout starts the payment (inicio_pagoV2) → the gateway's payment page → accept the
terms, "Débito y Corriente PSE", persona natural, bank 1022 → PSE's e-mail page, "Ir al Banco" with the seeded
registered payer → the test bank 1022, "Pay" (or "Cancel" for ZP_CANCEL_RATIO of the walks) → back to the
gateway's receipt, which must show the final state → "Regresar al comercio": the merchant's return page
verifies the payment (verificar_pago_v4) and must read the same state. ZP_ABANDON_RATIO of the payers close the
browser on PSE's e-mail page instead: the payment stays 999. From the start on, the payment is in the merchant's
pending list, so the sonda polls it while the payer walks (racing the return to settle it, as in real life).

Hidden fields (the CSRF tokens, `enc`) are read from each page; the gateway's ZPSESION cookie stays in the
user's cookie jar (FastHttpSession keeps one per user). Redirects are not followed automatically, so that each
step is one checked request.
"""
from __future__ import annotations

import random
from urllib.parse import parse_qs, urlencode, urlsplit

from locust import FastHttpUser, between, task

from loadtests import payment_log, pending, settings
from loadtests.html_forms import hidden_fields, href_by_id, text_by_id
from loadtests.merchant_backend import new_reference, start_payment, verify_payment
from loadtests.soap_answers import APPROVED, REJECTED

TEST_BANK = "1022"
PERSONA_NATURAL = "0"
BANK_ACTIONS = {"pay": APPROVED, "cancel": REJECTED}  # the test bank's buttons → the gateway's final state

NAME_PAGE = "/[t_ruta]/pago.asp iniciar_pago"
NAME_CHOOSE_PSE = "/[t_ruta]/pago.asp pagar con PSE"
NAME_PSE_PAGE = "/PSEUserRegister/StartTransaction.htm"
NAME_BANK = f"/banco/{TEST_BANK}"
NAME_RECEIPT = "/[t_ruta]/pago.asp respuesta"
NAME_RETURN = "verificar_pago_v4 (retorno)"

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
PAYER = {  # the seeded PSE payer, also the payment's customer
    "email": settings.PSE_EMAIL, "id_cliente": "1033370434", "tipo_id": "1", "nombre_cliente": "NICK",
    "apellido_cliente": "RIVERA CAMINERO", "telefono_cliente": "3107126048",
}


def _page_problem(response) -> str:
    """Why a page was refused, from its Spanish message when it has one."""
    body = response.text or ""
    message = text_by_id(body, "mensaje") or text_by_id(body, "aviso-texto") or ""
    return f"HTTP {response.status_code}: {message[:160]}".rstrip(": ")


def _redirect_to(response, path_prefix: str) -> str | None:
    """The 303's Location when it starts with `path_prefix` (after the scheme and host, if any)."""
    if response.status_code != 303:
        response.failure(_page_problem(response))
        return None
    location = response.headers.get("Location") or ""
    parts = urlsplit(location)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith(path_prefix):
        response.failure(f"redirected to {location[:160]!r}, expected {path_prefix}…")
        return None
    response.success()
    return location


class PayerUser(FastHttpUser):
    weight = 4
    wait_time = between(0.1, 0.5)

    @task
    def pay_through_pse(self) -> None:
        reference = new_reference()
        identificador = start_payment(self.client, reference, **PAYER)
        if identificador is None:
            return
        payment_log.record("inicio", identificador, reference)
        pending.add(reference)  # the checkout keeps it pending until the return: the sonda polls it meanwhile
        pse_page = self.choose_pse_at_the_gateway(identificador)
        if pse_page is None:
            return
        bank_page = self.go_to_the_bank(pse_page, reference)
        if bank_page is None:
            return
        action = "cancel" if random.random() < settings.CANCEL_RATIO else "pay"
        receipt_url = self.press_at_the_bank(bank_page, action, identificador)
        if receipt_url is None:
            return
        payment_log.record("banco", identificador, action)
        expected = BANK_ACTIONS[action]
        if self.read_the_receipt(receipt_url, identificador, reference, expected) and verify_payment(
                self.client, reference, expected_state=expected, name=NAME_RETURN) is not None:
            payment_log.record("retorno", identificador, expected)

    def choose_pse_at_the_gateway(self, identificador: str) -> str | None:
        """The payment page, then its form: terms, PSE, persona natural, bank 1022 → PSE's page URL."""
        path = f"/{settings.T_RUTA}/pago.asp"
        query = urlencode({"estado_pago": "iniciar_pago", "identificador": identificador})
        with self.client.get(f"{path}?{query}", name=NAME_PAGE, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_page_problem(response))
                return None
            page = response.text or ""
            hidden = hidden_fields(page)
            if hidden.get("identificador") != identificador or not hidden.get("csrf"):
                response.failure(f"no payment form for {identificador} (hidden fields {sorted(hidden)})")
                return None
            if f'value="{TEST_BANK}"' not in page:
                response.failure(f"bank {TEST_BANK} is not in the page's list")
                return None
            response.success()
        form = {**hidden, "terminos": "si", "forma_pago": "pse", "tipo_persona": PERSONA_NATURAL, "banco": TEST_BANK}
        with self.client.post(path, data=urlencode(form), headers=FORM, name=NAME_CHOOSE_PSE, allow_redirects=False,
                              catch_response=True) as response:
            return _redirect_to(response, "/PSEUserRegister/StartTransaction.htm?enc=")

    def _signed_form(self, url: str, name: str, what: str) -> dict[str, str] | None:
        """A PSE or bank page's hidden fields, which must carry the CSRF token and the transaction's `enc`
        (None, and the request marked failed, when the page or its form is missing)."""
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_page_problem(response))
                return None
            hidden = hidden_fields(response.text or "")
            if not hidden.get("csrf") or not hidden.get("enc"):
                response.failure(f"no {what} form (hidden fields {sorted(hidden)})")
                return None
            response.success()
        return hidden

    def go_to_the_bank(self, pse_url: str, reference: str) -> str | None:
        """PSE's e-mail page: the registered payer's e-mail, "Ir al Banco" → the bank's URL (None: not going)."""
        hidden = self._signed_form(pse_url, NAME_PSE_PAGE, "e-mail")
        if hidden is None:
            return None
        if random.random() < settings.ABANDON_RATIO:
            return None  # closed the browser: 999 at the gateway, still pending for the merchant's sonda
        form = {**hidden, "email": settings.PSE_EMAIL}
        with self.client.post(pse_url, data=urlencode(form), headers=FORM, name=NAME_PSE_PAGE, allow_redirects=False,
                              catch_response=True) as response:
            return _redirect_to(response, f"/banco/{TEST_BANK}?enc=")

    def press_at_the_bank(self, bank_url: str, action: str, identificador: str) -> str | None:
        """The test bank's page and one of its buttons → the gateway's return URL (the transaction's entityurl)."""
        hidden = self._signed_form(bank_url, NAME_BANK, "bank")
        if hidden is None:
            return None
        # "Call ConfirmTransactionPayment" is ticked on the page: a browser sends it, so the payer does too
        form = {**hidden, "debito_credito": "debito", "agencia": "123", "cuenta": "4010015566",
                "clave": "clave-banco", "llamar_confirm": "si", "accion": action}
        with self.client.post(bank_url, data=urlencode(form), headers=FORM, name=NAME_BANK, allow_redirects=False,
                              catch_response=True) as response:
            return _redirect_to(response, f"/{settings.T_RUTA}/pago.asp?estado_pago=respuesta&identificador="
                                          f"{identificador}")

    def read_the_receipt(self, receipt_url: str, identificador: str, reference: str, expected: str) -> bool:
        """The gateway's receipt after the bank: the expected final state and a return link to the merchant."""
        with self.client.get(receipt_url, name=NAME_RECEIPT, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(_page_problem(response))
                return False
            page = response.text or ""
            state = (text_by_id(page, "estado") or "").split(" ")[0]
            if state != expected:
                response.failure(f"the receipt shows state {state!r}, expected {expected}")
                return False
            if text_by_id(page, "identificador") != identificador:
                response.failure("the receipt is not the payment's")
                return False
            back = parse_qs(urlsplit(href_by_id(page, "regresar") or "").query)
            if back.get("id_comercio") != [str(settings.ID_COMERCIO)] or back.get("id_pago") != [reference]:
                response.failure(f"'Regresar al comercio' does not name the merchant and id_pago: {back}")
                return False
            response.success()
            return True
