"""TokenUser: a subscription merchant tokenizing cards (Tokentc_crear) and charging them again (ZPagoAPTC).

Tokentc_crear with generar_pago=1, ban_tokenizar=2 (charge and always tokenize) and the magic approving card;
then recurring charges by token (tipo_identificador 1). The card number is only ever in the request body:
never in a request name, a failure message or the payment log.
"""
from __future__ import annotations

import itertools
import random
import re
from datetime import date

from locust import FastHttpUser, between, task

from loadtests import payment_log, settings
from loadtests.merchant_backend import new_amount
from loadtests.soap_answers import answer_values
from loadtests.soap_bodies import (
    APTC_NS, APTC_PATH, APTC_SOAP_ACTION, TOKENTC_NS, TOKENTC_PATH, TOKENTC_SOAP_ACTION, tokentc_crear, zpago_aptc,
)

NAME_TOKENIZE = "Tokentc_crear"
NAME_CHARGE = "ZPagoAPTC"

_APPROVING_CARD = "4111111111111111"  # VISA test card: approved (README, "Magic values")
_CVV = "123"
_EXPIRY = f"12{date.today().year + 5}"  # MMAAAA
_TOKEN = re.compile(r"[1-9]\d{21}")
_TOKENS_PER_USER = 5  # a subscriber base per user; older tokens are charged less often, not dropped

# ZPagoAPTC's id_pago is an Int32: count up from a random base, so that runs and workers rarely overlap.
_charge_ids = itertools.count(random.randrange(1_000_000_000, 2_000_000_000))
_HEADERS_TOKENTC = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": TOKENTC_SOAP_ACTION}
_HEADERS_APTC = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": APTC_SOAP_ACTION}


def new_token_reference() -> str:
    """The token services take digits only in id_pago: 18 of them."""
    return str(random.randrange(10**17, 10**18))


class TokenUser(FastHttpUser):
    weight = 2
    wait_time = between(0.05, 0.3)

    def on_start(self) -> None:
        self.tokens: list[str] = []

    @task(1)
    def tokenize_card(self) -> None:
        reference = new_token_reference()
        total, vat = new_amount()
        body = tokentc_crear(
            id_comercio=settings.ID_COMERCIO, usuario=settings.USUARIO_V4, clave=settings.CLAVE_V4,
            numero_tarjeta=_APPROVING_CARD, fecha_vencimiento=_EXPIRY, codigo_seguridad=_CVV,
            total_con_iva=total, valor_iva=vat, id_pago=reference, generar_pago=1, ban_tokenizar=2,
        )
        with self.client.post(TOKENTC_PATH, data=body.encode(), headers=_HEADERS_TOKENTC, name=NAME_TOKENIZE,
                              catch_response=True) as response:
            token = self._tokenized(response)
        if token is None:
            return
        payment_log.record("token", reference)
        self.tokens = (self.tokens + [token])[-_TOKENS_PER_USER:]

    def _tokenized(self, response) -> str | None:
        v = answer_values(response, TOKENTC_NS, "Tokentc_crearResult", "estado_tokenizacion", "token",
                          "estado_transaccion", "detalle_error")
        if v is None:
            return None
        outcome = (v["Tokentc_crearResult"], v["estado_tokenizacion"], v["estado_transaccion"])
        if outcome != ("1", "1", "1"):
            response.failure(f"Tokentc_crearResult/estado_tokenizacion/estado_transaccion {outcome}, "
                             f"detalle_error {(v['detalle_error'] or '')[:120]!r}")
            return None
        if not _TOKEN.fullmatch(v["token"] or ""):
            response.failure("the token is not 22 digits")
            return None
        response.success()
        return v["token"]

    @task(3)
    def charge_by_token(self) -> None:
        if not self.tokens:
            self.tokenize_card()
            return
        token = random.choice(self.tokens)
        reference = next(_charge_ids)
        total, vat = new_amount()
        body = zpago_aptc(
            id_comercio=settings.ID_COMERCIO, usuario=settings.USUARIO_V4, clave=settings.CLAVE_V4,
            identificador=token, id_pago=reference, total_con_iva=total, valor_iva=vat, tipo_identificador=1,
        )
        with self.client.post(APTC_PATH, data=body.encode(), headers=_HEADERS_APTC, name=NAME_CHARGE,
                              catch_response=True) as response:
            charged = self._charged(response, str(reference))
        if charged:
            payment_log.record("cobro", reference)

    def _charged(self, response, reference: str) -> bool:
        v = answer_values(response, APTC_NS, "ZPagoAPTCResult", "estado_transaccion", "detalle_error",
                          "lista_info_retorno_codigo", "lista_info_retorno_valor")
        if v is None:
            return False
        outcome = (v["ZPagoAPTCResult"], v["estado_transaccion"])
        if outcome != ("1", "1"):
            response.failure(f"ZPagoAPTCResult/estado_transaccion {outcome}, "
                             f"detalle_error {(v['detalle_error'] or '')[:120]!r}")
            return False
        returned = dict(zip((v["lista_info_retorno_codigo"] or "").split("|"),
                            (v["lista_info_retorno_valor"] or "").split("|")))
        if returned.get("100") != reference or not returned.get("101"):
            response.failure(f"lista_info_retorno {returned} does not name id_pago {reference} and an authorization")
            return False
        response.success()
        return True
