"""The ZonaPAGOS operations on the wire, one module per service: inputs by name in, outputs by name out."""
from __future__ import annotations

from ports.clock import Clock
from ports.notifications import Notifier
from ports.pse import PseNetwork
from ports.store import SimulatorStore
from domain.gateway.resolution import WorldTimeouts
from simulator.zonapagos.operations import inicio, tokens, verificar_v3, verificar_v4
from simulator.zonapagos.operations.common import Handler


def build_handlers(store: SimulatorStore, clock: Clock, timeouts: WorldTimeouts,
                   pse: PseNetwork | None = None, notifier: Notifier | None = None) -> dict[str, Handler]:
    """Every operation's handler by operation name.

    Verification first asks ACH (`pse`) about an attempt pending at the bank, as the gateway's sonda does.
    """
    handlers: dict[str, Handler] = {}
    handlers.update(inicio.handlers(store, clock, timeouts))
    handlers.update(tokens.handlers(store, clock, timeouts, notifier))  # the charge's receipt e-mail
    for module in (verificar_v4, verificar_v3):
        handlers.update(module.handlers(store, clock, timeouts, pse))
    return handlers
