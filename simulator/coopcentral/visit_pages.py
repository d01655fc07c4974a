"""The Red Coopcentral's pages of a visit (pse-coopcentral.md steps 5–10), at the visit's current step.

A page asked out of order sends the browser to the right one. Every form carries a CSRF token bound to
the visit; every refusal is a Spanish message on the page.
"""
from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable

from aiohttp import web

from domain.shared.errors import DomainError
from domain.network.payment import NetworkVisit, VisitStep, WrongStep
from domain.ach.transaction import PseTransaction
from ports.bot_check import BotCheck
from simulator.coopcentral import paths
from simulator.coopcentral.flow import NetworkFlow, Outcome
from simulator.coopcentral.formatting import network_moment
from simulator.coopcentral.page_kit import COOKIE, COOKIE_PATH, EXPIRED, never_fails, text
from simulator.web.guards import Handler
from simulator.coopcentral.visit_view import PAGE_OF_STEP, TEMPLATE_OF_PAGE, VisitView, to_its_page
from simulator.web.csrf import check_csrf
from simulator.web.forms import read_form
from simulator.web.templating import render
from simulator.world import World

BOT_REFUSED = "La respuesta de la verificación no es correcta. Resuelva de nuevo la operación"
FormHandler = Callable[[Any, web.Request, NetworkVisit, PseTransaction, Any], Awaitable[web.StreamResponse]]


def posted(*steps: VisitStep) -> Callable[[FormHandler], Handler]:
    """A form posted on the visit (never fails): the handler gets the visit, its transaction and the form.
    A refused CSRF token shows the page again (403); a visit not at one of `steps`, when given, is sent
    to its own page."""
    def decorate(handler: FormHandler) -> Handler:
        @never_fails
        @functools.wraps(handler)
        async def wrapped(self: VisitPages, request: web.Request) -> web.StreamResponse:
            form = await read_form(request)
            visit, t = self.visit(request)
            if form is None or not check_csrf(self.world, request, "coopcentral", visit.id, text(form, "csrf")):
                return self.view.page(request, visit, t, message=EXPIRED, status=403)
            if steps and visit.step not in steps:
                raise to_its_page(visit)
            return await handler(self, request, visit, t, form)
        return wrapped
    return decorate


class VisitPages:
    def __init__(self, world: World, flow: NetworkFlow, bot: BotCheck):
        self.world = world
        self.flow = flow
        self.bot = bot
        self.view = VisitView(world, flow, bot)

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get(paths.ENTITIES, self.show), web.post(paths.ENTITIES, self.entities_post),
            web.get(paths.USER, self.show), web.post(paths.USER, self.user_post),
            web.get(paths.PASSWORD, self.show), web.post(paths.PASSWORD, self.password_post),
            web.get(paths.RECOVER, self.recover),
            web.get(paths.ACCOUNTS, self.show), web.post(paths.ACCOUNTS, self.accounts_post),
            web.get(paths.CODE, self.show), web.post(paths.CODE, self.code_post),
            web.get(paths.RECEIPT, self.show), web.get(paths.ENDED, self.show),
            web.post(paths.CANCEL, self.cancel_post), web.post(paths.RETURN, self.return_post),
        ]

    def visit(self, request: web.Request) -> tuple[NetworkVisit, PseTransaction]:
        return self.flow.visit(request.cookies.get(COOKIE, ""))

    def _after(self, request: web.Request, outcome: Outcome, page: str, fields: dict | None = None) -> web.Response:
        """Where a step leads: the next page, or this page again with the refusal."""
        visit = outcome.visit
        if outcome.problem and PAGE_OF_STEP[visit.step] == page:
            _, t = self.flow.visit(visit.id)
            return self.view.refusal(request, visit, t, page, "campo", outcome.problem, fields)
        if outcome.decline is not None and visit.step is VisitStep.AUTHENTICATED:
            _, t = self.flow.visit(visit.id)
            declined = list(visit.declined)[-1]
            message = (f"La cuenta ****{declined[-4:]} fue rechazada: {outcome.decline.message} "
                       "Elija otra cuenta para pagar.")
            return self.view.page(request, visit, t, paths.ACCOUNTS, message, status=200)
        raise to_its_page(visit)

    def _refused(self, request: web.Request, visit_id: str, error: DomainError, page: str,
                 fields: dict | None = None) -> web.Response:
        """A change the flow refused: this page again with its message, or the visit's page when it moved on."""
        visit, t = self.flow.visit(visit_id)
        if isinstance(error, WrongStep) or PAGE_OF_STEP[visit.step] != page and page != paths.USER:
            raise to_its_page(visit)
        return self.view.refusal(request, visit, t, page, error.field or "campo", error.message, fields)

    @never_fails
    async def show(self, request: web.Request) -> web.StreamResponse:
        visit, t = self.visit(request)
        here = request.match_info.route.resource.canonical  # this page as registered, whatever case was typed
        wanted = here if here in TEMPLATE_OF_PAGE else PAGE_OF_STEP[visit.step]
        if wanted == paths.USER and visit.step is VisitStep.USER_GIVEN:  # "Cambiar usuario"
            return self.view.page(request, visit, t, paths.USER, fields={"usuario": visit.portal_user})
        if wanted == paths.ENDED and visit.step is VisitStep.PAID:  # "Cancelar" on the receipt ends the session
            return self.view.page(request, visit, t, paths.ENDED)
        if wanted != PAGE_OF_STEP[visit.step]:
            raise to_its_page(visit)
        return self.view.page(request, visit, t)

    @never_fails
    async def recover(self, request: web.Request) -> web.StreamResponse:
        visit, t = self.visit(request)
        what = "contraseña" if request.query.get("que") == "clave" else "usuario"
        back = paths.PASSWORD if visit.step is VisitStep.USER_GIVEN else PAGE_OF_STEP[visit.step]
        return render(request, "coopcentral/recuperar.html", visit=visit, t=t, what=what, now=self.flow.clock.now(),
                      entity=self.view.entity_of(visit), back=back, moment=network_moment)

    # -- steps 5 and 6 ----------------------------------------------------------------------------

    @posted()
    async def entities_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                            form: Any) -> web.StreamResponse:
        try:
            self.flow.choose_entity(visit.id, text(form, "entidad", 40))
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.ENTITIES)
        raise web.HTTPSeeOther(paths.USER)

    @posted()
    async def user_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                        form: Any) -> web.StreamResponse:
        user = text(form, "usuario", 60)
        try:
            self.flow.give_user(visit.id, user)
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.USER, {"usuario": user})
        raise web.HTTPSeeOther(paths.PASSWORD)

    @posted(VisitStep.USER_GIVEN)
    async def password_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                            form: Any) -> web.StreamResponse:
        if not self.bot.accepts(visit.id, form):
            return self.view.refusal(request, visit, t, paths.PASSWORD, "verificacion", BOT_REFUSED)
        password = text(form, "clave", 64)
        if not password:
            return self.view.refusal(request, visit, t, paths.PASSWORD, "clave", "Escriba su contraseña")
        return self._after(request, self.flow.log_in(visit.id, password, request.remote or ""), paths.PASSWORD)

    # -- steps 7 to 9 -----------------------------------------------------------------------------

    @posted(VisitStep.AUTHENTICATED)
    async def accounts_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                            form: Any) -> web.StreamResponse:
        number = text(form, "cuenta", 30)
        if not number:
            return self.view.refusal(request, visit, t, paths.ACCOUNTS, "cuenta",
                                     "Seleccione la cuenta de la que se debitará el pago")
        try:
            outcome = self.flow.pay(visit.id, number)
        except DomainError as error:
            return self._refused(request, visit.id, error, paths.ACCOUNTS)
        return self._after(request, outcome, paths.ACCOUNTS)

    @posted(VisitStep.CODE_SENT)
    async def code_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                        form: Any) -> web.StreamResponse:
        if text(form, "accion", 20) == "reenviar":
            outcome = self.flow.resend_code(visit.id)
            if outcome.problem:
                return self._after(request, outcome, paths.CODE)
            return self.view.page(request, outcome.visit, t, paths.CODE, "Le enviamos un nuevo código de seguridad. "
                                  "El código anterior ya no sirve.", message_kind="ok")
        code = text(form, "codigo_seguridad", 20).strip()
        if not code:
            return self.view.refusal(request, visit, t, paths.CODE, "codigo_seguridad",
                                     "Escriba el código de seguridad que le enviamos")
        return self._after(request, self.flow.authorize(visit.id, code), paths.CODE)

    # -- leaving ----------------------------------------------------------------------------------

    @posted()
    async def cancel_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                          form: Any) -> web.StreamResponse:
        self.flow.cancel(visit.id)
        raise web.HTTPSeeOther(paths.ENDED)

    @posted()
    async def return_post(self, request: web.Request, visit: NetworkVisit, t: PseTransaction,
                          form: Any) -> web.StreamResponse:
        """"Regresar al comercio": a payment not yet made is cancelled (NOT_AUTHORIZED) first."""
        self.flow.cancel(visit.id)
        response = web.HTTPSeeOther(t.entity_url)
        response.del_cookie(COOKIE, path=COOKIE_PATH)
        raise response
