"""Every route of the simulated ACH: PSE pages, bank pages, MainServices SOAP; and its control API's endpoints."""
from __future__ import annotations

from collections.abc import Callable, Mapping

from aiohttp import web

from simulator.pse.bank_pages import BankPages
from simulator.control.endpoint import Endpoint
from simulator.pse.control import AchControl
from simulator.pse.pages import PsePages
from domain.ach.banks import BankPage
from domain.ach.policy import AchPolicy
from simulator.pse.soap.endpoint import MainServicesEndpoint
from simulator.pse.soap.handlers import MainServicesHandlers
from simulator.world import World


def pse_routes(world: World, policy: AchPolicy,
               own_bank_pages: Mapping[BankPage, Callable[[str], str]]) -> list[web.RouteDef]:
    """The ACH routes on the world's store and clock, with the policy of its PSE network; banks with pages of
    their own (the Red Coopcentral) get the payer sent there."""
    handlers = MainServicesHandlers(world.store, world.clock, policy, world.notifier)
    return [
        *PsePages(world, policy).routes(),
        *BankPages(world, policy, own_bank_pages).routes(),
        *MainServicesEndpoint(handlers).routes(),
    ]


def pse_control(world: World, policy: AchPolicy) -> list[Endpoint]:
    """ACH's part of the control API (registered and described by simulator/app.py)."""
    return AchControl(world, policy).endpoints()
