"""Step 4 of the Red Coopcentral: the document page (`/coopcentral/pse?enc=…`); "Continuar" opens the
visit and names it with the cookie every later page reads."""
from __future__ import annotations

import secrets

from aiohttp import web

from domain.shared.errors import DomainError
from domain.ach.transaction import PseTransaction
from simulator.coopcentral import paths
from simulator.coopcentral.flow import DOCUMENT_TYPES, NetworkFlow
from simulator.coopcentral.formatting import network_amount, network_moment
from simulator.coopcentral.page_kit import COOKIE, COOKIE_PATH, EXPIRED, never_fails, notice, text
from domain.ach.usecases.transactions import start_url as pse_start_url
from simulator.web.csrf import check_csrf, csrf_token
from simulator.web.forms import read_form
from simulator.web.templating import render
from simulator.world import World


class StartPage:
    def __init__(self, world: World, flow: NetworkFlow):
        self.world = world
        self.flow = flow

    def routes(self) -> list[web.RouteDef]:
        return [web.get(paths.START, self.start), web.post(paths.START, self.start_post)]

    def _page(self, request: web.Request, t: PseTransaction, fields: dict, message: str = "",
              problems: dict | None = None, status: int = 200) -> web.Response:
        return render(request, "coopcentral/inicio.html", status=status, t=t, f=fields, message=message,
                      problems=problems or {}, document_types=[(d.code, d.label) for d in DOCUMENT_TYPES],
                      action=paths.start_url(t.token), amount=network_amount,
                      now=self.flow.clock.now(), moment=network_moment,
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
        return found if isinstance(found, web.Response) else self._page(request, found, {"tipo_documento": "CC"})

    @never_fails
    async def start_post(self, request: web.Request) -> web.StreamResponse:
        form = await read_form(request)
        found = self._transaction_or_page(request, text(form, "enc", 64) or request.query.get("enc", ""))
        if isinstance(found, web.Response):
            return found
        t = found
        fields = {"tipo_documento": text(form, "tipo_documento", 10),
                  "numero_documento": text(form, "numero_documento", 40)}
        if form is None or not check_csrf(self.world, request, "coopcentral_inicio", t.token, text(form, "csrf")):
            return self._page(request, t, fields, EXPIRED, status=403)
        visit_id = secrets.token_urlsafe(24)
        try:
            self.flow.identify(t.token, fields["tipo_documento"], fields["numero_documento"], request.remote or "",
                               visit_id)
        except DomainError as error:
            field = {"document_number": "numero_documento", "tipo_documento": "tipo_documento"}.get(error.field or "")
            if field is None:
                return notice(request, "No es posible continuar", error.message, 409, back_url=t.entity_url)
            return self._page(request, t, fields, error.message, {field: error.message}, 400)
        response = web.HTTPSeeOther(paths.ENTITIES)
        response.set_cookie(COOKIE, visit_id, path=COOKIE_PATH, httponly=True, samesite="Lax")
        raise response
