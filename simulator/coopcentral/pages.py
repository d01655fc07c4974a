"""The Red Coopcentral's pages behind bank 1066 (pse-coopcentral.md steps 4–10).

`/banco/1066?enc=…` sends the payer to `/coopcentral/pse?enc=…` (document). "Continuar" opens a visit,
named by an HttpOnly cookie (`red_coopcentral`, path /coopcentral); every later page works on that
visit, at its current step: a page asked out of order sends the browser to the right one. Every form
carries a CSRF token bound to the visit; every refusal is a Spanish message on the page.
"""
from __future__ import annotations

import functools
import logging
import secrets
from typing import Any, Awaitable, Callable

from aiohttp import web

from domain.errors import DomainError
from domain.network_payment import MAX_LOGIN_FAILURES, NetworkVisit, VisitStep, WrongStep
from domain.pse_transaction import PseTransaction
from ports.bot_check import BotCheck
from simulator.web.forms import form_text, read_form
from simulator.coopcentral import paths
from simulator.coopcentral.flow import DOCUMENT_TYPES, NetworkFlow, Outcome, VisitGone
from simulator.coopcentral.formatting import network_amount, network_day, network_moment
from simulator.coopcentral.receipt import payment_data, receipt_of
from simulator.notifications import StoredNotifier
from simulator.pse.transactions import start_url as pse_start_url
from simulator.web.csrf import check_csrf, csrf_token
from simulator.web.templating import render

log = logging.getLogger("pasarela.coopcentral")

COOKIE = "red_coopcentral"
EXPIRED = "La página expiró o no es válida. Revise los datos e intente de nuevo."
BOT_REFUSED = "La respuesta de la verificación no es correcta. Resuelva de nuevo la operación"
# The password page's bot check (step 6), built by the composition root under PASARELA_BOT_CHECK.
BOT_CHECK_PURPOSE = "coopcentral-clave"  # no other form accepts its tokens
BOT_CHECK_LIFETIME_SECONDS = 15 * 60
PAGE_OF_STEP = {
    VisitStep.IDENTIFIED: paths.ENTITIES, VisitStep.ENTITY_CHOSEN: paths.USER, VisitStep.USER_GIVEN: paths.PASSWORD,
    VisitStep.AUTHENTICATED: paths.ACCOUNTS, VisitStep.CODE_SENT: paths.CODE, VisitStep.PAID: paths.RECEIPT,
    VisitStep.CANCELLED: paths.ENDED,
}
TEMPLATE_OF_PAGE = {
    paths.ENTITIES: "coopcentral/entidades.html", paths.USER: "coopcentral/usuario.html",
    paths.PASSWORD: "coopcentral/clave.html", paths.ACCOUNTS: "coopcentral/cuentas.html",
    paths.CODE: "coopcentral/codigo.html", paths.RECEIPT: "coopcentral/comprobante.html",
    paths.ENDED: "coopcentral/fin.html",
}
Handler = Callable[[Any, web.Request], Awaitable[web.StreamResponse]]


def text(form: Any, name: str, limit: int = 100) -> str:
    return form_text(form, name, limit)


def notice(request: web.Request, heading: str, message: str, status: int, back_url: str = "") -> web.Response:
    return render(request, "coopcentral/aviso.html", status=status, heading=heading, text=message,
                  back_url=back_url)


def never_fails(handler: Handler) -> Handler:
    """Unexpected errors become a Spanish page (logged), never a traceback."""
    @functools.wraps(handler)
    async def wrapped(self: Any, request: web.Request) -> web.StreamResponse:
        try:
            return await handler(self, request)
        except web.HTTPException:
            raise
        except VisitGone as gone:
            return notice(request, "Sesión terminada", f"{gone.message}. Regrese al comercio e intente el pago de "
                          "nuevo.", 400)
        except Exception:
            log.exception("error inesperado en %s", request.path)
            return notice(request, "Error inesperado", "Ocurrió un error inesperado en la Red Coopcentral. "
                          "Intente de nuevo en unos minutos.", 500)
    return wrapped


class CoopcentralPages:
    def __init__(self, world: Any, ach_policy: Any):
        self.world = world
        self.flow = NetworkFlow(world.store, world.clock, ach_policy, StoredNotifier(world.store, world.clock))
        bot: BotCheck | None = world.coopcentral_bot_check
        if bot is None:
            raise RuntimeError("the Coopcentral pages need the bot check the composition root injects")
        self.bot = bot

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(paths.START, self.start), web.post(paths.START, self.start_post),
            web.get(paths.ENTITIES, self.show), web.post(paths.ENTITIES, self.entities_post),
            web.get(paths.USER, self.show), web.post(paths.USER, self.user_post),
            web.get(paths.PASSWORD, self.show), web.post(paths.PASSWORD, self.password_post),
            web.get(paths.RECOVER, self.recover),
            web.get(paths.ACCOUNTS, self.show), web.post(paths.ACCOUNTS, self.accounts_post),
            web.get(paths.CODE, self.show), web.post(paths.CODE, self.code_post),
            web.get(paths.RECEIPT, self.show), web.get(paths.ENDED, self.show),
            web.post(paths.CANCEL, self.cancel_post), web.post(paths.RETURN, self.return_post),
        ]

    # -- step 4 -----------------------------------------------------------------------------------

    def _start_page(self, request: web.Request, t: PseTransaction, fields: dict, message: str = "",
                    problems: dict | None = None, status: int = 200) -> web.Response:
        return render(request, "coopcentral/inicio.html", status=status, t=t, f=fields, message=message,
                      problems=problems or {}, document_types=[(d.code, d.label) for d in DOCUMENT_TYPES],
                      action=paths.start_url(t.token), amount=network_amount,
                      csrf=csrf_token(self.world, request, "coopcentral_inicio", t.token))

    def _transaction_or_page(self, request: web.Request, token: str) -> PseTransaction | web.Response:
        t = self.flow.transaction_for(token)
        if t is None:
            return notice(request, "Transacción no encontrada", "La transacción no existe o el enlace no es válido. "
                          "Regrese al comercio e intente el pago de nuevo.", 404)
        if t.state.is_final:
            return notice(request, "Transacción procesada", "Esta transacción ya fue procesada. Regrese al comercio "
                          "para ver el resultado.", 200, back_url=t.entity_url)
        if not t.payer_email:
            raise web.HTTPSeeOther(pse_start_url(t.token))  # PSE's e-mail page comes first
        return t

    @never_fails
    async def start(self, request: web.Request) -> web.StreamResponse:
        found = self._transaction_or_page(request, request.query.get("enc", ""))
        if isinstance(found, web.Response):
            return found
        return self._start_page(request, found, {"tipo_documento": "CC"})

    @never_fails
    async def start_post(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        found = self._transaction_or_page(request, text(form, "enc", 64) or request.query.get("enc", ""))
        if isinstance(found, web.Response):
            return found
        t = found
        fields = {"tipo_documento": text(form, "tipo_documento", 10), "numero_documento": text(form, "numero_documento", 40)}
        if form is None or not check_csrf(self.world, request, "coopcentral_inicio", t.token, text(form, "csrf")):
            return self._start_page(request, t, fields, EXPIRED, status=403)
        visit_id = secrets.token_urlsafe(24)
        try:
            self.flow.identify(t.token, fields["tipo_documento"], fields["numero_documento"], request.remote or "",
                               visit_id)
        except DomainError as error:
            field = {"document_number": "numero_documento", "tipo_documento": "tipo_documento"}.get(error.field or "")
            if field is None:
                return notice(request, "No es posible continuar", error.message, 409, back_url=t.entity_url)
            return self._start_page(request, t, fields, error.message, {field: error.message}, 400)
        response = web.HTTPSeeOther(paths.ENTITIES)
        response.set_cookie(COOKIE, visit_id, path="/coopcentral", httponly=True, samesite="Lax")
        raise response

    # -- the visit's pages ------------------------------------------------------------------------

    def _visit(self, request: web.Request) -> tuple[NetworkVisit, PseTransaction]:
        return self.flow.visit(request.cookies.get(COOKIE, ""))

    def _page(self, request: web.Request, visit: NetworkVisit, t: PseTransaction, page: str | None = None,
              message: str = "", problems: dict | None = None, status: int = 200, message_kind: str = "error",
              fields: dict | None = None) -> web.Response:
        """The page of the visit's current step (or `page`), with the context every page of the network uses."""
        page = page or PAGE_OF_STEP[visit.step]
        context: dict[str, Any] = dict(
            visit=visit, t=t, message=message, message_kind=message_kind, problems=problems or {}, f=fields or {},
            amount=network_amount, day=network_day, moment=network_moment, paths=paths,
            csrf=csrf_token(self.world, request, "coopcentral", visit.id),
            entity=self.flow.entity(visit.entity_code) if visit.entity_code else None,
            max_login_failures=MAX_LOGIN_FAILURES, payment=payment_data(visit, t),
        )
        if page == paths.ENTITIES:
            context["entities"] = self.flow.listed_entities(visit.document)
        elif page == paths.PASSWORD:
            context["challenge"] = self.bot.challenge(visit.id)
        elif page == paths.ACCOUNTS:
            today = self.flow.today()
            context["accounts"] = [(a, visit.declined.get(a.number)) for a in self.flow.active_accounts(visit)]
            context["today"] = today
        elif page == paths.CODE:
            associate = self.flow.associate(visit.document)
            context["destinations"] = associate.masked_destinations if associate else ""
        elif page in (paths.RECEIPT, paths.ENDED) and visit.step is VisitStep.PAID:
            debit, account = self.flow.debit_of(visit)
            context["receipt"] = receipt_of(visit, t, debit, account) if debit and account else None
        return render(request, TEMPLATE_OF_PAGE[page], status=status, **context)

    @never_fails
    async def show(self, request: web.Request) -> web.StreamResponse:
        visit, t = self._visit(request)
        wanted = request.path if request.path in TEMPLATE_OF_PAGE else PAGE_OF_STEP[visit.step]
        at_step = PAGE_OF_STEP[visit.step]
        if wanted == paths.USER and visit.step is VisitStep.USER_GIVEN:  # "Cambiar usuario"
            return self._page(request, visit, t, paths.USER, fields={"usuario": visit.portal_user})
        if wanted != at_step:
            raise web.HTTPSeeOther(at_step)
        return self._page(request, visit, t)

    async def _posted(self, request: web.Request) -> tuple[NetworkVisit, PseTransaction, Any] | web.Response:
        """The visit and the form of a POST, or the page again when the CSRF token is refused."""
        form = await read_form(request)
        visit, t = self._visit(request)
        if form is None or not check_csrf(self.world, request, "coopcentral", visit.id, text(form, "csrf")):
            return self._page(request, visit, t, message=EXPIRED, status=403)
        return visit, t, form

    def _after(self, request: web.Request, outcome: Outcome, page: str, fields: dict | None = None) -> web.Response:
        """Where a step leads: the next page, or this page again with the refusal."""
        visit = outcome.visit
        if outcome.problem and PAGE_OF_STEP[visit.step] == page:
            _, t = self.flow.visit(visit.id)
            return self._page(request, visit, t, page, outcome.problem, {"campo": outcome.problem}, 400, fields=fields)
        if outcome.decline is not None and visit.step is VisitStep.AUTHENTICATED:
            _, t = self.flow.visit(visit.id)
            declined = list(visit.declined)[-1]
            message = (f"La cuenta ****{declined[-4:]} fue rechazada: {outcome.decline.message} "
                       "Elija otra cuenta para pagar.")
            return self._page(request, visit, t, paths.ACCOUNTS, message, status=200)
        raise web.HTTPSeeOther(PAGE_OF_STEP[visit.step])

    def _refused(self, request: web.Request, visit_id: str, error: DomainError, page: str,
                 fields: dict | None = None) -> web.Response:
        visit, t = self.flow.visit(visit_id)
        if isinstance(error, WrongStep) or PAGE_OF_STEP[visit.step] != page and page != paths.USER:
            raise web.HTTPSeeOther(PAGE_OF_STEP[visit.step])
        return self._page(request, visit, t, page, error.message, {error.field or "campo": error.message}, 400,
                          fields=fields)

    @never_fails
    async def entities_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, _, form = posted
        try:
            self.flow.choose_entity(visit.id, text(form, "entidad", 40))
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.ENTITIES)
        raise web.HTTPSeeOther(paths.USER)

    @never_fails
    async def user_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, _, form = posted
        user = text(form, "usuario", 60)
        try:
            self.flow.give_user(visit.id, user)
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.USER, {"usuario": user})
        raise web.HTTPSeeOther(paths.PASSWORD)

    @never_fails
    async def password_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, t, form = posted
        if visit.step is not VisitStep.USER_GIVEN:
            raise web.HTTPSeeOther(PAGE_OF_STEP[visit.step])
        if not self.bot.accepts(visit.id, form):
            return self._page(request, visit, t, paths.PASSWORD, BOT_REFUSED, {"verificacion": BOT_REFUSED}, 400)
        if not text(form, "clave", 64):
            message = "Escriba su contraseña"
            return self._page(request, visit, t, paths.PASSWORD, message, {"clave": message}, 400)
        outcome = self.flow.log_in(visit.id, text(form, "clave", 64), request.remote or "")
        return self._after(request, outcome, paths.PASSWORD)

    @never_fails
    async def recover(self, request: web.Request) -> web.StreamResponse:
        visit, t = self._visit(request)
        what = "contraseña" if request.query.get("que") == "clave" else "usuario"
        entity = self.flow.entity(visit.entity_code) if visit.entity_code else None
        back = paths.PASSWORD if visit.step is VisitStep.USER_GIVEN else PAGE_OF_STEP[visit.step]
        return render(request, "coopcentral/recuperar.html", visit=visit, t=t, what=what, entity=entity, back=back,
                      moment=network_moment)

    @never_fails
    async def accounts_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, t, form = posted
        number = text(form, "cuenta", 30)
        if visit.step is not VisitStep.AUTHENTICATED:
            raise web.HTTPSeeOther(PAGE_OF_STEP[visit.step])
        if not number:
            message = "Seleccione la cuenta de la que se debitará el pago"
            return self._page(request, visit, t, paths.ACCOUNTS, message, {"cuenta": message}, 400)
        try:
            outcome = self.flow.pay(visit.id, number)
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.ACCOUNTS)
        return self._after(request, outcome, paths.ACCOUNTS)

    @never_fails
    async def code_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, t, form = posted
        if visit.step is not VisitStep.CODE_SENT:
            raise web.HTTPSeeOther(PAGE_OF_STEP[visit.step])
        if text(form, "accion", 20) == "reenviar":
            outcome = self.flow.resend_code(visit.id)
            if outcome.problem:
                return self._after(request, outcome, paths.CODE)
            return self._page(request, outcome.visit, t, paths.CODE, "Le enviamos un nuevo código de seguridad. El "
                              "código anterior ya no sirve.", message_kind="ok")
        code = text(form, "codigo_seguridad", 20).strip()
        if not code:
            message = "Escriba el código de seguridad que le enviamos"
            return self._page(request, visit, t, paths.CODE, message, {"codigo_seguridad": message}, 400)
        return self._after(request, self.flow.authorize(visit.id, code), paths.CODE)

    @never_fails
    async def cancel_post(self, request: web.Request) -> web.StreamResponse:
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        self.flow.cancel(posted[0].id)
        raise web.HTTPSeeOther(paths.ENDED)

    @never_fails
    async def return_post(self, request: web.Request) -> web.StreamResponse:
        """"Regresar al comercio": a payment not yet made is cancelled (NOT_AUTHORIZED) first."""
        posted = await self._posted(request)
        if isinstance(posted, web.Response):
            return posted
        visit, t, _ = posted
        self.flow.cancel(visit.id)
        response = web.HTTPSeeOther(t.entity_url)
        response.del_cookie(COOKIE, path="/coopcentral")
        raise response
