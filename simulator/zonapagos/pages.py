"""The gateway's payment page and receipt at `/{t_ruta}/pago.asp` (zonapagos-ws.md §2, §9), and the same page for
the REST generation at `/Ciclo_Pago/Pago.aspx?rut=<64 hex>` (§8a): one handler, a `PageAddress` per payment.

`estado_pago=iniciar_pago` shows the page; the form posts back here; PSE sends the payer back with
`estado_pago=respuesta`; `estado_pago=comprobante` shows the receipt again (and asks ACH again
while it is pending). Every refusal is a Spanish page, never a traceback.

GET and POST are alike, as for an ASP page on IIS: the fields come from the query string, the posted
form or both (the query string's value first, as `Request("x")` reads them). A merchant may send the
payer here with a form that posts only `estado_pago`/`identificador` (or nothing, with them in the
query string): that shows what a GET shows. A POST carrying the payment form's own fields (or
`estado_pago=pagar`) is the page's form and must bring its CSRF token.
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

from aiohttp import web
from multidict import MultiDictProxy

from domain.shared.errors import DomainError
from simulator.web.forms import asp_fields, form_text, read_form
from domain.gateway.card_form import CardForm
from domain.gateway.usecases.page_payment import (
    METHOD_CARD, METHOD_PSE, PagePayment, PageRefused, PageStatus, PseChoice, banks_for, check_method,
    current_outcome, ensure_in_session, ensure_payable, fee_for, find_payment, find_payment_by_rut,
    offered_methods, page_status, pay_by_card, pay_by_pse,
)
from simulator.zonapagos.receipt import build_receipt
from simulator.web.csrf import check_csrf, csrf_token
from simulator.web.origin import public_origin
from simulator.web.templating import render
from simulator.world import World

log = logging.getLogger("pasarela.pages")

PAGE_PATH = r"/{route:[A-Za-z0-9_\-]{1,40}}/{page:[Pp][Aa][Gg][Oo]\.[Aa][Ss][Pp]}"
FORM_NAME = "pago"  # the CSRF token's purpose: the payment page's form
# The token is bound to this browser: its subject is the payment and this cookie, so a token read by
# someone else (who knows the identificador) does not work from another browser.
SESSION_COOKIE = "ZPSESION"
# What the payment form keeps when it is shown again (never the card number or the CVV).
KEPT_FIELDS = ("terminos", "forma_pago", "tipo_persona", "banco", "fecha_vencimiento", "cuotas", "nombre_tarjeta",
               "valor")
# The payment form's fields besides `estado_pago` and `identificador`: a POST with any of them is the form.
PAY_FORM_FIELDS = ("csrf", "numero_tarjeta", "codigo_seguridad") + KEPT_FIELDS
PAY_STATE = "pagar"  # the form's own `estado_pago`


REST_PAGE_PATH = "/Ciclo_Pago/Pago.aspx"  # the REST generation's page (zonapagos-ws.md §8a): `?rut=<64 hex>`


@dataclass(frozen=True)
class PageAddress:
    """Where one payment's page lives: the legacy `/{t_ruta}/pago.asp?identificador=` or the REST
    `/Ciclo_Pago/Pago.aspx?rut=`; the form posts back to `action` with `key` as its hidden field."""

    action: str
    key: tuple[str, str]  # ("identificador", "42") or ("rut", "6C44…")

    def url(self, state: str) -> str:
        state_pair = ("estado_pago", state)
        pairs = [self.key, state_pair] if self.key[0] == "rut" else [state_pair, self.key]
        return f"{self.action}?" + urlencode(pairs)


def _text(form: MultiDictProxy, name: str) -> str:
    return form_text(form, name)


def _is_payment_form(fields: MultiDictProxy) -> bool:
    """Whether a POST is the payment page's own form (which carries a CSRF token) rather than a merchant
    sending the payer to the page (`estado_pago`/`identificador` only, or an empty body)."""
    return _text(fields, "estado_pago").strip().lower() == PAY_STATE or any(name in fields for name in PAY_FORM_FIELDS)


class GatewayPages:
    def __init__(self, world: World):
        self.world = world

    def routes(self) -> list[web.RouteDef]:
        return [web.get(PAGE_PATH, self.get), web.post(PAGE_PATH, self.post),
                web.get(REST_PAGE_PATH, self.get), web.post(REST_PAGE_PATH, self.post)]

    def _locate(self, request: web.Request, fields: MultiDictProxy) -> tuple[PagePayment, PageAddress]:
        """The payment the request names and its page's address: by rut on the REST page, by `t_ruta` and
        `identificador` on the legacy one (which never opens a REST payment)."""
        if "route" not in request.match_info:
            page = find_payment_by_rut(_text(fields, "rut"), self.world.store)
            if page.payment.settings.tokenization:  # its link is the tokenization page's
                raise PageRefused("Este enlace es de registro de tarjeta, no de pago. Verifique el enlace que le "
                                  "entregó el comercio.")
            return page, PageAddress(REST_PAGE_PATH, ("rut", page.payment.settings.rut))
        route = request.match_info["route"]
        page = find_payment(route, _text(fields, "identificador"), self.world.store)
        return page, PageAddress(f"/{route}/pago.asp", ("identificador", str(page.payment.identifier)))

    @property
    def pse(self):
        return self.world.pse  # None when the world runs without ACH: PSE is then unavailable on the page

    async def get(self, request: web.Request) -> web.StreamResponse:
        return self._show(request, request.query)

    def _show(self, request: web.Request, fields: MultiDictProxy) -> web.StreamResponse:
        """The page `estado_pago` names: the payment page, or the receipt."""
        state = _text(fields, "estado_pago").strip().lower()
        try:
            page, address = self._locate(request, fields)
            if state == "iniciar_pago" or (state == "" and address.key[0] == "rut"):  # the REST link has no state
                ensure_in_session(page, self.world.clock.now(), self.world.timeouts)
                return self._payment_page(request, page, address)
            if state in ("respuesta", "comprobante"):
                return self._receipt(request, page, address)
            raise PageRefused("La dirección de la página de pago no es válida. Vuelva al comercio e intente de "
                              "nuevo.", 400)
        except PageRefused as refused:
            return self._notice(request, None, "No es posible mostrar el pago", refused.message, refused.status)
        except web.HTTPException:
            raise
        except Exception:
            return self._unexpected(request)

    async def post(self, request: web.Request) -> web.StreamResponse:
        posted = await read_form(request)
        if posted is None:
            return self._notice(request, None, "No es posible procesar el pago",
                                "Los datos enviados no son válidos. Vuelva a la página de pago.", 400)
        form = asp_fields(request.query, posted)
        if not _is_payment_form(form):
            return self._show(request, form)  # a merchant sending the payer here by POST: the page, as a GET
        try:
            page, address = self._locate(request, form)
            return self._pay(request, page, address, form)
        except PageRefused as refused:
            return self._notice(request, None, "No es posible procesar el pago", refused.message, refused.status)
        except web.HTTPException:
            raise
        except Exception:
            return self._unexpected(request)

    # -- the payment page -------------------------------------------------------------------------

    def _payment_page(self, request: web.Request, page: PagePayment, address: PageAddress, message: str = "",
                      form: MultiDictProxy | None = None, status: int = 200) -> web.StreamResponse:
        if page.status in (PageStatus.APPROVED, PageStatus.PENDING):
            heading = "Este pago ya fue realizado" if page.status is PageStatus.APPROVED else "Pago en proceso"
            try:
                ensure_payable(page)
            except PageRefused as refused:
                return self._notice(request, page, heading, refused.message, 200, address.url("comprobante"))
        payment = page.payment
        banks, bank_error = [], ""
        methods = offered_methods(payment)
        if METHOD_PSE in methods and self.pse is None:
            bank_error = "El pago por PSE no está disponible en este momento."
        elif METHOD_PSE in methods:
            try:
                banks = banks_for(page, self.pse)
            except DomainError as error:
                bank_error = error.message
        kept = {name: _text(form, name) for name in KEPT_FIELDS} if form is not None else {"cuotas": "1"}
        if form is None and payment.settings.terms_prechecked:  # code 108
            kept["terminos"] = "si"
        if len(methods) == 1 and not kept.get("forma_pago"):
            kept["forma_pago"] = methods[0]
        fees = {method: fee.format() for method in methods if (fee := fee_for(payment, method)) is not None}
        payer = payment.payer
        retry = ""
        if page.status is PageStatus.RETRY:
            retry = payment.current_attempt.state.label
        partial = ""
        if page.status is PageStatus.PARTIAL:
            partial = f"Ya pagó {payment.paid.format()}; falta por pagar {payment.balance.format()}."
        session = request.cookies.get(SESSION_COOKIE, "")
        if not (session.isascii() and session.replace("-", "").replace("_", "").isalnum() and len(session) <= 64):
            session = secrets.token_urlsafe(18)
        response = render(
            request, "gateway/pago.html", status=status, merchant=page.merchant, payment=payment,
            payer_name=" ".join(f"{payer.first_names} {payer.last_names}".split()),
            subtotal=(payment.total - payment.vat).format(), vat=payment.vat.format(), total=payment.total.format(),
            banks=banks, bank_error=bank_error, form=kept, message=message, retry=retry, partial=partial,
            split=payment.settings.split, balance=payment.balance.format(),
            action=address.action, key=address.key, methods=methods, fees=fees,
            csrf=csrf_token(self.world, request, FORM_NAME, f"{payment.identifier}|{session}"),
        )
        if request.cookies.get(SESSION_COOKIE) != session:
            response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="Lax", path="/")
        return response

    def _pay(self, request: web.Request, page: PagePayment, address: PageAddress,
             form: MultiDictProxy) -> web.StreamResponse:
        def again(message: str, status: int = 400) -> web.StreamResponse:
            return self._payment_page(request, page, address, message, form, status)

        subject = f"{page.payment.identifier}|{request.cookies.get(SESSION_COOKIE, '')}"
        if not check_csrf(self.world, request, FORM_NAME, subject, _text(form, "csrf")):
            return again("La página de pago expiró o no es válida. Revise los datos e intente de nuevo.", 403)
        if _text(form, "terminos") != "si":
            return again("Debe aceptar los términos y condiciones para continuar con el pago.")
        method = _text(form, "forma_pago")
        try:
            check_method(page.payment, method)
            if method == METHOD_PSE:
                if self.pse is None:
                    return again("El pago por PSE no está disponible en este momento.", 503)
                entity_url = public_origin(request) + address.url("respuesta")
                choice = PseChoice(_text(form, "tipo_persona"), _text(form, "banco"), request.remote or "")
                bank_url = pay_by_pse(page, choice, entity_url, self.world.store, self.world.clock, self.pse,
                                      self.world.timeouts, _text(form, "valor"))
                raise web.HTTPSeeOther(bank_url)
            if method == METHOD_CARD:
                card = CardForm(_text(form, "numero_tarjeta"), _text(form, "fecha_vencimiento"),
                                _text(form, "codigo_seguridad"), _text(form, "cuotas"), _text(form, "nombre_tarjeta"))
                pay_by_card(page, card, self.world.store, self.world.clock, self.world.timeouts, _text(form, "valor"))
                raise web.HTTPSeeOther(address.url("comprobante"))
        except PageRefused:
            raise
        except DomainError as error:
            return again(error.message)
        return again("Seleccione la forma de pago: Débito y Corriente PSE o Tarjeta de crédito.")

    # -- the receipt ------------------------------------------------------------------------------

    def _receipt(self, request: web.Request, page: PagePayment, address: PageAddress) -> web.StreamResponse:
        payment = current_outcome(page, self.world.store, self.world.clock, self.world.timeouts, self.pse)
        if page_status(payment) is PageStatus.PAYABLE and len(payment.attempts) == 1:  # nothing to show yet
            raise web.HTTPSeeOther(address.url("iniciar_pago"))
        return render(
            request, "gateway/comprobante.html", merchant=page.merchant, r=build_receipt(payment, page.merchant),
            retry_url=address.url("iniciar_pago"), receipt_url=address.url("comprobante"),
        )

    # -- refusals ---------------------------------------------------------------------------------

    def _notice(self, request: web.Request, page: PagePayment | None, heading: str, message: str, status: int,
                receipt_url: str = "") -> web.StreamResponse:
        kind = "aviso" if status < 400 else "error"
        return render(request, "gateway/aviso.html", status=status, merchant=page.merchant if page else None,
                      heading=heading, message=message, kind=kind, receipt_url=receipt_url)

    def _unexpected(self, request: web.Request) -> web.StreamResponse:
        log.exception("error inesperado en la página de pago %s", request.path)
        return self._notice(request, None, "Error inesperado",
                            "Ocurrió un error inesperado en la pasarela. Intente de nuevo en unos minutos.", 500)
