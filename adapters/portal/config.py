"""What the composition root tells the portal: its ports and its settings."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import aiohttp

from domain.shared.otp import OtpPolicy
from domain.recaudo.sonda import SondaPolicy
from domain.recaudo.usecases.payment import EntityContacts
from ports.clock import Clock
from ports.core_banking import CoreBanking
from ports.ids import IdGenerator
from ports.otp_channel import OtpChannel
from ports.payment_gateway import PaymentGateway
from ports.recaudo_repository import PortalPayments, RecaudoSessions
from ports.sonda_lock import SondaLock

BotCheckMode = Literal["off", "challenge"]


@dataclass(frozen=True)
class PortalSettings:
    merchant_id: int  # the gateway merchant the portal collects as (the return page checks id_comercio)
    contacts: EntityContacts  # named by ACH's fixed texts
    gateway_origin: str = ""  # the payment page's origin when it is not this host (CSP form-action)
    bot_check: BotCheckMode = "challenge"
    sonda_tick_seconds: float = 60.0  # how often the background sonda looks for due payments (0: never)
    test_hooks: bool = False  # POST /recaudo/_sonda/ejecutar from loopback, for tests
    otp_policy: OtpPolicy = field(default_factory=OtpPolicy)
    sonda_policy: SondaPolicy = field(default_factory=SondaPolicy)


@dataclass
class PortalPorts:
    core: CoreBanking
    sessions: RecaudoSessions
    payments: PortalPayments
    sonda_lock: SondaLock
    otp_channel: OtpChannel
    ids: IdGenerator
    clock: Clock
    gateway_factory: Callable[[aiohttp.ClientSession], PaymentGateway]
    form_secret: Callable[[str], str]  # stores a candidate secret once and returns the stored one
