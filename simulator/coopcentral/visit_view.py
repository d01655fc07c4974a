"""How a Red Coopcentral visit is shown: the page of each step, rendered with the context every page of
the network uses (and what each page adds to it)."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from domain.network.member import NetworkEntity
from domain.network.payment import MAX_LOGIN_FAILURES, NetworkVisit, VisitStep
from domain.ach.transaction import PseTransaction
from ports.bot_check import BotCheck
from simulator.coopcentral import paths
from simulator.coopcentral.flow import NetworkFlow
from simulator.coopcentral.formatting import network_amount, network_day, network_moment
from simulator.coopcentral.receipt import payment_data, receipt_of
from simulator.web.csrf import csrf_token
from simulator.web.templating import render
from simulator.world import World

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


def to_its_page(visit: NetworkVisit) -> web.HTTPSeeOther:
    """The redirect (to raise) to the page of the visit's current step."""
    return web.HTTPSeeOther(PAGE_OF_STEP[visit.step])


class VisitView:
    def __init__(self, world: World, flow: NetworkFlow, bot: BotCheck):
        self.world = world
        self.flow = flow
        self.bot = bot

    def entity_of(self, visit: NetworkVisit) -> NetworkEntity | None:
        return self.flow.entity(visit.entity_code) if visit.entity_code else None

    def page(self, request: web.Request, visit: NetworkVisit, t: PseTransaction, page: str | None = None,
             message: str = "", problems: dict | None = None, status: int = 200, message_kind: str = "error",
             fields: dict | None = None) -> web.Response:
        """The page of the visit's current step (or `page`), with the context every page of the network uses."""
        page = page or PAGE_OF_STEP[visit.step]
        context: dict[str, Any] = dict(
            visit=visit, t=t, message=message, message_kind=message_kind, problems=problems or {}, f=fields or {},
            amount=network_amount, day=network_day, moment=network_moment, paths=paths,
            csrf=csrf_token(self.world, request, "coopcentral", visit.id), entity=self.entity_of(visit),
            max_login_failures=MAX_LOGIN_FAILURES, payment=payment_data(visit, t),
            now=self.flow.clock.now(),  # the header's current date and time, on the simulated clock
        )
        if page == paths.ENTITIES:
            context["entities"] = self.flow.listed_entities(visit.document)
        elif page == paths.PASSWORD:
            context["challenge"] = self.bot.challenge(visit.id)
        elif page == paths.ACCOUNTS:
            context["today"] = self.flow.today()
            context["accounts"] = [(a, visit.declined.get(a.number)) for a in self.flow.active_accounts(visit)]
        elif page == paths.CODE:
            associate = self.flow.associate(visit.document)
            context["destinations"] = associate.masked_destinations if associate else ""
        elif page == paths.ENDED and visit.declined:
            # the cancel page says which accounts declined and why (issue 18, defect 7)
            accounts = {a.number: a for a in self.flow.active_accounts(visit)}
            context["declines"] = [(accounts[n].label if n in accounts else "****" + n[-4:], reason.message)
                                   for n, reason in visit.declined.items()]
        if page in (paths.RECEIPT, paths.ENDED) and visit.step is VisitStep.PAID:
            debit, account = self.flow.debit_of(visit)
            context["receipt"] = receipt_of(visit, t, debit, account) if debit and account else None
        return render(request, TEMPLATE_OF_PAGE[page], status=status, **context)

    def refusal(self, request: web.Request, visit: NetworkVisit, t: PseTransaction, page: str, field: str,
                message: str, fields: dict | None = None) -> web.Response:
        """`page` again (400) with `message` above the form and beside `field`."""
        return self.page(request, visit, t, page, message, {field: message}, 400, fields=fields)
