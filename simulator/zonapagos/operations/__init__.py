"""The ZonaPAGOS operations on the wire, one module per service: inputs by name in, outputs by name out."""
from __future__ import annotations

from ports.clock import Clock
from ports.store import GatewayStore
from simulator.gateway.resolution import WorldTimeouts
from simulator.zonapagos.operations import inicio, verificar_v4
from simulator.zonapagos.operations.common import Handler


def build_handlers(store: GatewayStore, clock: Clock, timeouts: WorldTimeouts) -> dict[str, Handler]:
    """Every operation's handler by operation name."""
    handlers: dict[str, Handler] = {}
    for module in (inicio, verificar_v4):
        handlers.update(module.handlers(store, clock, timeouts))
    return handlers
