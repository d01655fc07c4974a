"""Every route of the Red Coopcentral (bank 1066): its pages; and its part of the control API."""
from __future__ import annotations


from aiohttp import web

from simulator.control.endpoint import Endpoint
from simulator.coopcentral.control import CoopcentralControl
from simulator.coopcentral.pages import CoopcentralPages
from domain.ach.policy import AchPolicy
from simulator.world import World


def coopcentral_routes(world: World, ach_policy: AchPolicy) -> list[web.RouteDef]:
    return CoopcentralPages(world, ach_policy).routes()


def coopcentral_control(world: World) -> list[Endpoint]:
    """The Red Coopcentral's part of the control API (registered and described by simulator/app.py)."""
    return CoopcentralControl(world).endpoints()
