"""Every route of the simulated ACH: PSE pages, bank pages, MainServices SOAP and its control API."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from simulator.coopcentral.routes import coopcentral_routes
from simulator.pse.bank_pages import BankPages
from simulator.pse.control import AchControl
from simulator.pse.pages import PsePages
from domain.ach.policy import AchPolicy
from simulator.pse.soap.endpoint import MainServicesEndpoint
from simulator.pse.soap.handlers import MainServicesHandlers


def pse_routes(world: Any) -> list[web.RouteDef]:
    """The ACH routes on the world's store and clock, with the policy of its PSE network."""
    policy = getattr(world.pse, "policy", None) or AchPolicy(bank_time=world.timeouts.bank_time)
    handlers = MainServicesHandlers(world.store, world.clock, policy)
    return [
        *PsePages(world, policy).routes(),
        *BankPages(world, policy).routes(),
        *coopcentral_routes(world, policy),  # bank 1066: the Red Coopcentral's pages
        *AchControl(world, policy).routes(),
        *MainServicesEndpoint(handlers).routes(),
    ]
