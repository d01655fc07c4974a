"""The tokenization page (D-TOK): `/tokenizacionweb/tokentc?rut=<64 hex>`, the `str_url` of an InicioPago with
`AdicionalesConfiguracion` code 200 = "1" (docs/decisions.md). The payer registers a card; the token is created
by domain/gateway/usecases/token_registration.py, which queues its delivery to the merchant in the same unit of
work. Every refusal is a Spanish page, never a traceback.
"""
from __future__ import annotations

import logging
from urllib.parse import urlencode

from aiohttp import web

from domain.gateway.card_form import CardForm
from domain.gateway.usecases.page_payment import PagePayment, PageRefused, find_payment_by_rut
from domain.gateway.usecases.token_registration import ensure_registrable, register_card
from domain.shared.errors import DomainError
from simulator.web.csrf import check_csrf, csrf_token
from simulator.web.forms import asp_fields, form_text, read_form
from simulator.web.templating import render
from simulator.world import World
from simulator.zonapagos.receipt import return_url

log = logging.getLogger("pasarela.pages")

PATH = "/tokenizacionweb/tokentc"
FORM_NAME = "tokenizacion"


class TokenizationPage:
    def __init__(self, world: World):
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        return [web.get(PATH, self.get), web.post(PATH, self.post)]

    def _page(self, fields) -> PagePayment:
        page = find_payment_by_rut(form_text(fields, "rut"), self.world.store)
        ensure_registrable(page)
        return page

    async def get(self, request: web.Request) -> web.StreamResponse:
        try:
            return self._form(request, self._page(request.query))
        except PageRefused as refused:
            return self._notice(request, "No es posible registrar la tarjeta", refused.message, refused.status)
        except Exception:
            return self._unexpected(request)

    async def post(self, request: web.Request) -> web.StreamResponse:
        posted = await read_form(request)
        if posted is None:
            return self._notice(request, "No es posible registrar la tarjeta",
                                "Los datos enviados no son válidos. Vuelva a la página de registro.", 400)
        fields = asp_fields(request.query, posted)
        try:
            page = self._page(fields)
            rut = page.payment.settings.rut
            if not check_csrf(self.world, request, FORM_NAME, rut, form_text(fields, "csrf")):
                return self._form(request, page, "La página expiró o no es válida. Intente de nuevo.", 403)
            if form_text(fields, "terminos") != "si":
                return self._form(request, page, "Debe aceptar los términos y condiciones para registrar la tarjeta.",
                                  400, fields)
            card = CardForm(form_text(fields, "numero_tarjeta"), form_text(fields, "fecha_vencimiento"),
                            form_text(fields, "codigo_seguridad"), "1", form_text(fields, "nombre_tarjeta"))
            try:
                token = register_card(page, card, self.world.store, self.world.clock)
            except PageRefused:
                raise
            except DomainError as error:
                return self._form(request, page, error.message, 400, fields)
            back = return_url(page.merchant, page.payment)
            return render(request, "gateway/tokenizacion_lista.html", merchant=page.merchant,
                          franchise=token.brand.label, last_four=token.last_four, return_url=back)
        except PageRefused as refused:
            return self._notice(request, "No es posible registrar la tarjeta", refused.message, refused.status)
        except Exception:
            return self._unexpected(request)

    def _form(self, request: web.Request, page: PagePayment, message: str = "", status: int = 200,
              fields=None) -> web.StreamResponse:
        rut = page.payment.settings.rut
        kept = {name: form_text(fields, name) for name in ("fecha_vencimiento", "nombre_tarjeta", "terminos")} \
            if fields is not None else {"terminos": "si" if page.payment.settings.terms_prechecked else ""}
        return render(request, "gateway/tokenizacion.html", status=status, merchant=page.merchant,
                      payment=page.payment, message=message, form=kept, rut=rut,
                      action=f"{PATH}?{urlencode({'rut': rut})}",
                      csrf=csrf_token(self.world, request, FORM_NAME, rut))

    def _notice(self, request: web.Request, heading: str, message: str, status: int) -> web.StreamResponse:
        return render(request, "gateway/aviso.html", status=status, merchant=None, heading=heading, message=message,
                      kind="aviso" if status < 400 else "error", receipt_url="")

    def _unexpected(self, request: web.Request) -> web.StreamResponse:
        log.exception("error inesperado en la página de tokenización %s", request.path)
        return self._notice(request, "Error inesperado",
                            "Ocurrió un error inesperado en la pasarela. Intente de nuevo en unos minutos.", 500)
