"""Every adapter assigned to the port it implements, so the type checker proves each one conforms.

Never imported at run time (nothing calls `check`): `mypy` (strict, run by `./dev test`) reads it and fails
when an adapter drifts from its Protocol. A new adapter gets a line here.
"""
from __future__ import annotations

import random
import sqlite3

from adapters.bot_check import NoBotCheck, SumChallenge
from adapters.clock import FixedClock, StoredOffsetClock, SystemClock
from adapters.core_banking.memory import MemoryCoreBanking
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.merchants.http_receiver import HttpMerchantReceiver
from adapters.otp.inbox_channel import NotifierOtpChannel
from adapters.storage.deliveries import MemoryDeliveries, SqliteDeliveries
from adapters.storage.coopcentral_memory import MemoryCoopcentral
from adapters.storage.coopcentral_sqlite import SqliteCoopcentral
from adapters.storage.journal_sqlite import SqliteJournal
from adapters.storage.connection import Connection
from adapters.storage.leases import SqlLeases
from adapters.storage.memory import MemoryIds, MemoryMerchants, MemoryPayments, MemoryStore
from adapters.storage.pg_connection import PgConnection
from adapters.storage.pg_store import PostgresStore
from adapters.storage.pse_memory import MemoryInbox, MemoryPse
from adapters.storage.pse_sqlite import SqliteInbox, SqlitePse
from adapters.storage.recaudo_memory import MemoryPortalPayments, MemoryRecaudoSessions, MemorySondaLock
from adapters.storage.recaudo_sqlite import SqlitePortalPayments, SqliteRecaudoSessions, SqliteSondaLock
from adapters.storage.scheduled_outcomes import MemoryScheduledOutcomes, SqliteScheduledOutcomes
from adapters.storage.sim_state import SqliteFaultRules
from adapters.storage.sqlite import SqliteIds, SqliteMerchants, SqlitePayments, SqliteStore
from adapters.storage.tokens_memory import MemoryTokens
from adapters.storage.tokens_sqlite import SqliteTokens
from adapters.zonapagos.client import ZonaPagosClient
from adapters.zonapagos.tokens_client import CardTokensClient
from ports.ach_store import AchStore, EntityDirectory, PseRepository
from ports.bot_check import BotCheck
from ports.clock import Clock, ControllableClock
from ports.coopcentral import CoopcentralRepository
from ports.deliveries import DeliveryRepository, MerchantReceiver
from ports.core_banking import CoreBanking
from ports.gateway_store import GatewayStore, MerchantRepository, PaymentRepository, ScheduledOutcomes, TokenRepository
from ports.ids import IdGenerator
from ports.leases import Leases
from ports.notifications import Inbox
from ports.otp_channel import OtpChannel
from ports.payment_gateway import CardGateway, PaymentGateway
from ports.recaudo_repository import PortalPayments, RecaudoSessions
from ports.sim_state import FaultRules, Journal
from ports.sonda_lock import SondaLock
from ports.store import SimulatorStore


def check(conn: sqlite3.Connection, rng: random.Random, memory: MemoryStore, sqlite: SqliteStore,
          zp: ZonaPagosClient, tokens: CardTokensClient, nb: NoBotCheck, sc: SumChallenge,
          mcb: MemoryCoreBanking, scb: SqliteCoreBanking, otp: NotifierOtpChannel, fixed: FixedClock,
          system: SystemClock, stored: StoredOffsetClock, journal: SqliteJournal, faults: SqliteFaultRules,
          mp: MemoryPayments, mm: MemoryMerchants, mi: MemoryIds, mt: MemoryTokens, ms: MemoryScheduledOutcomes,
          mpse: MemoryPse, minbox: MemoryInbox, mcoop: MemoryCoopcentral,
          sp: SqlitePayments, sm: SqliteMerchants, si: SqliteIds, st: SqliteTokens, ss: SqliteScheduledOutcomes,
          spse: SqlitePse, sinbox: SqliteInbox, scoop: SqliteCoopcentral,
          mrs: MemoryRecaudoSessions, mpp: MemoryPortalPayments, msl: MemorySondaLock,
          srs: SqliteRecaudoSessions, spp: SqlitePortalPayments, ssl: SqliteSondaLock,
          postgres: PostgresStore, pg: PgConnection, leases: SqlLeases,
          md: MemoryDeliveries, sd: SqliteDeliveries, receiver: HttpMerchantReceiver) -> None:
    a1: SimulatorStore = memory
    a2: SimulatorStore = sqlite
    a5: SimulatorStore = postgres  # the SQL repositories on PostgreSQL
    a6: Connection = pg  # the connection they are written against (sqlite3's surface)
    a7: Connection = conn
    a8: Leases = leases  # background work claimed once per database (the sonda; notification retries)
    a3: GatewayStore = memory
    a4: AchStore = sqlite
    b1: PaymentGateway = zp
    b2: CardGateway = tokens
    b3: BotCheck = nb
    b4: BotCheck = sc
    c1: CoreBanking = mcb
    c2: CoreBanking = scb
    c3: OtpChannel = otp
    d1: ControllableClock = fixed
    d2: Clock = system
    d3: ControllableClock = stored
    e1: Journal = journal
    e2: FaultRules = faults
    f1: PaymentRepository = mp
    f2: MerchantRepository = mm
    f3: IdGenerator = mi
    f4: TokenRepository = mt
    f5: ScheduledOutcomes = ms
    f6: PseRepository = mpse
    f7: Inbox = minbox
    f8: CoopcentralRepository = mcoop
    f9: EntityDirectory = mm
    g1: PaymentRepository = sp
    g2: MerchantRepository = sm
    g3: IdGenerator = si
    g4: TokenRepository = st
    g5: ScheduledOutcomes = ss
    g6: PseRepository = spse
    g7: Inbox = sinbox
    g8: CoopcentralRepository = scoop
    g9: EntityDirectory = sm
    h1: RecaudoSessions = mrs
    h2: PortalPayments = mpp
    h3: SondaLock = msl
    h4: RecaudoSessions = srs
    h5: PortalPayments = spp
    h6: SondaLock = ssl
    i1: DeliveryRepository = md
    i2: DeliveryRepository = sd
    i3: MerchantReceiver = receiver
