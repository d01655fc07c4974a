"""Every route of the Red Coopcentral (bank 1066): its pages and its part of the control API."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from simulator.coopcentral.control import CoopcentralControl
from simulator.coopcentral.pages import CoopcentralPages


def coopcentral_routes(world: Any, ach_policy: Any) -> list[web.RouteDef]:
    return [*CoopcentralPages(world, ach_policy).routes(), *CoopcentralControl(world).routes()]
