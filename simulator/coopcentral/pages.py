"""The Red Coopcentral's pages behind bank 1066 (pse-coopcentral.md steps 4–10).

`/banco/1066?enc=…` sends the payer to `/coopcentral/pse?enc=…` (document, start_page.py). "Continuar"
opens a visit, named by an HttpOnly cookie (`red_coopcentral`, path /coopcentral); every later page
(visit_pages.py, shown by visit_view.py) works on that visit, at its current step: a page asked out of
order sends the browser to the right one. Every form carries a CSRF token bound to the visit; every
refusal is a Spanish message on the page.
"""
from __future__ import annotations


from aiohttp import web

from ports.bot_check import BotCheck
from simulator.coopcentral.flow import NetworkFlow
from simulator.coopcentral.start_page import StartPage
from simulator.coopcentral.visit_pages import VisitPages
from domain.ach.policy import AchPolicy
from simulator.world import World

# The password page's bot check (step 6), built by the composition root under PASARELA_BOT_CHECK.
BOT_CHECK_PURPOSE = "coopcentral-clave"  # no other form accepts its tokens
BOT_CHECK_LIFETIME_SECONDS = 15 * 60


class CoopcentralPages:
    def __init__(self, world: World, ach_policy: AchPolicy):
        flow = NetworkFlow(world.store, world.clock, ach_policy, world.notifier)
        bot: BotCheck | None = world.coopcentral_bot_check
        if bot is None:
            raise RuntimeError("the Coopcentral pages need the bot check the composition root injects")
        self.start = StartPage(world, flow)
        self.visit = VisitPages(world, flow, bot)

    def routes(self) -> list[web.RouteDef]:
        return [*self.start.routes(), *self.visit.routes()]
