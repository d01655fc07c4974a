"""The simulated world's shared dependencies: what every slice (zonapagos/, pse/, coopcentral/) runs on.

Built only by the composition root (simulator/bootstrap.py); slices receive it typed, never as `Any`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web

from domain.ach.policy import AchPolicy
from domain.gateway.delivery import RetryPolicy
from domain.gateway.resolution import WorldTimeouts
from ports.bot_check import BotCheck
from ports.clock import ControllableClock
from ports.core_banking import CoreBanking
from ports.deliveries import MerchantReceiver
from ports.notifications import Notifier
from ports.pse import PseNetwork
from ports.store import SimulatorStore
from simulator.control.faults import FaultInjector
from simulator.control.journal import JournalRecorder
from simulator.settings import Settings


@dataclass
class World:
    """What the simulator runs on: injected by the composition root."""

    store: SimulatorStore
    clock: ControllableClock
    settings: Settings
    notifier: Notifier  # every e-mail and SMS of the simulated world (the inbox)
    timeouts: WorldTimeouts = field(default_factory=WorldTimeouts)
    ach_policy: AchPolicy = field(default_factory=AchPolicy)
    faults: FaultInjector | None = None
    journal: JournalRecorder | None = None
    pse: PseNetwork | None = None  # the simulated ACH the gateway asks (simulator.pse.network.AchNetwork)
    form_secret: str = ""  # signs the pages' CSRF tokens; read from the store on first use
    core_banking: CoreBanking | None = None  # the cooperative's core, read by the control API
    reset: Callable[[], list[str]] | None = None  # wipe and seed again (POST /_sim/reset)
    portal: web.Application | None = None  # the recaudo portal, mounted at /recaudo/
    renew_reads: Callable[[], None] | None = None  # a request arrived: cached shared state is checked again
    coopcentral_bot_check: BotCheck | None = None  # the Portal Transaccional's
    merchant_receiver: MerchantReceiver | None = None  # the way out to merchants' servers (notifications, §12)
    delivery_policy: RetryPolicy = field(default_factory=RetryPolicy)
