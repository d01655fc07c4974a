"""The composition root: the one place that builds adapters and wires them into the simulator.

`bootstrap()` builds every handler, endpoint, API, page and background task of the simulated world from
typed keyword arguments. Given only settings it takes the production parts (the SQLite file, or the PostgreSQL
database `--db postgresql://…` names; the stored clock offset, the journal, stored fault rules, the recaudo
portal, the cooperative's core).
Given fakes (a MemoryStore, a FixedClock...) it wires those instead, and whatever is not given is off
(no journal, no fault injection, no portal): the in-process Gherkin drivers, the benchmark's stage timer
and the test fixtures call it that way, as cosmicpython's bootstrap is called with a fake unit of work.
`portal_ports()` does the same for the recaudo portal. simulator/app.py is this root's HTTP half.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from adapters.bot_check import bot_check
from adapters.clock import StoredOffsetClock, SystemClock
from adapters.core_banking.seed import seed_cooperative
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.merchants.http_receiver import HttpMerchantReceiver
from adapters.otp.inbox_channel import NotifierOtpChannel
from adapters.portal.app import create_portal_app
from adapters.portal.config import PortalPorts, PortalSettings
from adapters.storage.connection import Connection
from adapters.storage.journal_sqlite import SqliteJournal
from adapters.storage.pg_connection import DatabaseUnavailable, redacted
from adapters.storage.pg_store import (
    PostgresStore, connect_postgres, database_clock, is_postgres_url, wipe_postgres,
)
from adapters.storage.recaudo_sqlite import (
    SqlitePortalPayments, SqlitePortalSecrets, SqliteRecaudoSessions, SqliteSondaLock,
)
from adapters.storage.sim_state import SqliteFaultRules
from adapters.storage.sqlite import SqliteIds, SqliteStore, connect, wipe_data
from adapters.zonapagos.client import ZonaPagosClient, ZonaPagosConfig
from adapters.zonapagos.soap import SoapCaller
from domain.ach.policy import AchPolicy
from domain.gateway.resolution import WorldTimeouts
from domain.recaudo.usecases.payment import EntityContacts
from ports.clock import Clock, ControllableClock
from ports.core_banking import CoreBanking
from ports.deliveries import MerchantReceiver
from ports.ids import IdGenerator
from ports.notifications import Notifier
from ports.recaudo_repository import PortalPayments, RecaudoSessions
from ports.sonda_lock import SondaLock
from ports.store import SimulatorStore
from simulator.app import create_app
from simulator.control.faults import FaultInjector
from simulator.control.journal import JournalRecorder
from simulator.control.notifications import StoredNotifier
from simulator.control.outbound_faults import FaultyReceiver
from simulator.control.outbound_journal import JournaledReceiver
from simulator.coopcentral.pages import BOT_CHECK_LIFETIME_SECONDS, BOT_CHECK_PURPOSE
from simulator.coopcentral.seed import seed_coopcentral
from simulator.pse.network import AchNetwork
from simulator.pse.seed import seed_pse_data
from simulator.settings import Settings
from simulator.web.csrf import form_secret
from simulator.world import World
from simulator.zonapagos.operations import build_handlers
from simulator.zonapagos.operations.common import Handler
from simulator.zonapagos.seed import (
    DEMO_MERCHANT_ID, DEMO_ROUTE, DEMO_SERVICE_CODE, DEMO_START_PASSWORD, DEMO_SUPPORT_EMAIL, DEMO_SUPPORT_PHONE,
    DEMO_VERIFY_PASSWORD, DEMO_VERIFY_USER, seed_demo_data,
)


@dataclass
class Simulator:
    """What bootstrap builds: the world, the ZonaPAGOS operation handlers on it, ACH, and the application."""

    world: World
    handlers: dict[str, Handler]  # every ZonaPAGOS SOAP operation by name: contract inputs in, outputs out
    ach: AchNetwork

    def app(self) -> web.Application:
        """The aiohttp application serving everything (built anew on each call)."""
        return create_app(self.world, self.handlers)

    def close(self) -> None:
        """Close the database file or pool (after the application's cleanup)."""
        if isinstance(self.world.store, (SqliteStore, PostgresStore)):
            self.world.store.close()


__all__ = ["DatabaseUnavailable", "redacted"]  # `pasarela` says it in one line (simulator/cli.py)


def open_store(db: str) -> SqliteStore | PostgresStore:
    """The store `--db` names: a PostgreSQL URL (postgresql://user@host:port/name) or an SQLite file."""
    return PostgresStore(db) if is_postgres_url(db) else SqliteStore(db)


def base_url(settings: Settings, port: int | None = None) -> str:
    host = settings.host if settings.host not in ("0.0.0.0", "::") else "127.0.0.1"
    return f"http://{host}:{port if port is not None else settings.port}"


def seed_world(store: SimulatorStore, core_banking: CoreBanking | None = None, seed: int = 2026,
               today: date | None = None) -> None:
    """Every piece of demo data; each seed only adds what is missing."""
    seed_demo_data(store)
    seed_pse_data(store)
    seed_coopcentral(store)
    if isinstance(core_banking, SqliteCoreBanking):
        seed_cooperative(core_banking, seed, today or date.today())


def prepare_database(settings: Settings) -> None:
    """Migrate and seed the file once: what a (master) process does at start. The simulated clock's offset is
    kept in the file, so a restart goes on at the time the simulated world had reached (`POST
    /_sim/clock/reset` goes back to real time)."""
    store = open_store(settings.db)
    seed_world(store, SqliteCoreBanking(store.conn), settings.seed)
    store.close()


def _reset(store: SimulatorStore, core_banking: CoreBanking | None, settings: Settings,
           journal: JournalRecorder | None) -> Callable[[], list[str]] | None:
    """POST /_sim/reset: every payment, token, message, visit and journal entry goes; demo data is seeded
    again as on a fresh file (merchants created through the control API go too). SQLite and PostgreSQL only."""
    if not isinstance(store, (SqliteStore, PostgresStore)):
        return None
    sqlite_store = store

    def reset() -> list[str]:
        if isinstance(sqlite_store, PostgresStore):  # the journal is one of its tables
            if journal is not None:
                journal.flush()
            tables = wipe_postgres(sqlite_store.conn)
            seed_world(sqlite_store, core_banking, settings.seed)
            return tables
        tables = wipe_data(sqlite_store.conn)
        if journal is not None:  # in its own file (adapters/storage/journal_sqlite.py)
            journal.flush()  # what was recorded before the reset goes with it, not after it
            journal.journal.clear()
            tables = sorted([*tables, "journal"])
        seed_world(sqlite_store, core_banking, settings.seed)
        return tables
    return reset


def _outbound(receiver: MerchantReceiver | None, faults: FaultInjector | None,
              journal: JournalRecorder | None) -> MerchantReceiver | None:
    """The way out to merchants' servers: outbound fault rules first, everything sent journaled."""
    if receiver is None:
        return None
    if faults is not None:
        receiver = FaultyReceiver(receiver, faults)
    return JournaledReceiver(receiver, journal) if journal is not None else receiver


def bootstrap(settings: Settings | None = None, *, store: SimulatorStore | None = None,
              clock: ControllableClock | None = None, notifier: Notifier | None = None,
              journal: JournalRecorder | None = None, faults: FaultInjector | None = None,
              core_banking: CoreBanking | None = None, portal: bool | None = None,
              timeouts: WorldTimeouts | None = None, ach_policy: AchPolicy | None = None,
              merchant_receiver: MerchantReceiver | None = None, seed: bool = False) -> Simulator:
    """The simulated world and everything served on it; production parts for whatever is not given.

    With no `store`, the world is the production one on `settings.db` (the file must have been prepared:
    `prepare_database`). With a `store`, only the given parts are used: `clock` is then required, and the
    journal, fault injection, the cooperative's core, the portal and the notifications' deliverer
    (`merchant_receiver`) are off unless given (`portal=True` needs a SQLite store). `seed=True` seeds the demo
    data into the store first.
    """
    settings = settings or Settings()
    timeouts = timeouts or WorldTimeouts()
    ach_policy = ach_policy or AchPolicy()
    renew_reads: Callable[[], None] | None = None
    if store is None and is_postgres_url(settings.db):  # production on a database instances share
        pg_store = PostgresStore(settings.db)
        store = pg_store
        clock = clock or StoredOffsetClock(pg_store.conn, freshness=pg_store.freshness)
        # the journal's own small pool, whose units take no cluster lock: its batches only append and trim
        journal = journal or JournalRecorder(SqliteJournal(connect_postgres(settings.db, 2, serialized=False)), clock,
                                             settings.journal)
        faults = faults or FaultInjector(SqliteFaultRules(pg_store.conn, pg_store.freshness))
        core_banking = core_banking or SqliteCoreBanking(pg_store.conn)
        # other instances commit at any time: each request asks the database's cache_version again
        renew_reads = pg_store.freshness.renew
        portal = True if portal is None else portal
        merchant_receiver = merchant_receiver or HttpMerchantReceiver()
    elif store is None:  # production: the SQLite file and what lives beside it
        sqlite_store = SqliteStore(settings.db)
        sqlite_store.start_checkpointer()
        store = sqlite_store
        clock = clock or StoredOffsetClock(sqlite_store.conn, freshness=sqlite_store.freshness)
        journal = journal or JournalRecorder(SqliteJournal.beside(settings.db), clock, settings.journal)
        faults = faults or FaultInjector(SqliteFaultRules(sqlite_store.conn, sqlite_store.freshness))
        core_banking = core_banking or SqliteCoreBanking(sqlite_store.conn)
        # Workers share the file: each request asks `PRAGMA data_version` again, so it sees what another worker
        # committed before it arrived. One process owns the file otherwise: its own writes are counted exactly
        # (`total_changes`), and what moves data_version (its portal's connection, which writes no cached table,
        # or a foreign process) is checked once per freshness window (5 ms), not once per request.
        renew_reads = sqlite_store.freshness.renew if settings.worker else None
        portal = True if portal is None else portal
        merchant_receiver = merchant_receiver or HttpMerchantReceiver()
    if clock is None:
        raise ValueError("bootstrap: a store given without its clock")
    if seed:
        seed_world(store, core_banking, settings.seed)
    notifier = notifier or StoredNotifier(store, clock)
    ach = AchNetwork(store, clock, ach_policy)
    world = World(
        store=store, clock=clock, settings=settings, notifier=notifier, timeouts=timeouts, ach_policy=ach_policy,
        faults=faults, journal=journal, pse=ach, core_banking=core_banking,
        reset=_reset(store, core_banking, settings, journal),
        renew_reads=renew_reads,
        merchant_receiver=_outbound(merchant_receiver, faults, journal),
    )
    if portal:
        world.portal = build_portal(settings, base_url(settings), clock, notifier)
    # The Portal Transaccional's bot check, signed with the pages' secret (read from the store on first use).
    world.coopcentral_bot_check = bot_check(
        settings.bot_check, lambda: form_secret(world), BOT_CHECK_LIFETIME_SECONDS, BOT_CHECK_PURPOSE)
    return Simulator(world, build_handlers(store, clock, timeouts, ach, world.notifier), ach)


def demo_gateway_config(gateway_url: str) -> ZonaPagosConfig:
    """The recaudo portal pays through ZonaPAGOS at `gateway_url` as the demo merchant."""
    return ZonaPagosConfig(base_url=gateway_url.rstrip("/"), merchant_id=DEMO_MERCHANT_ID,
                           start_password=DEMO_START_PASSWORD, verify_user=DEMO_VERIFY_USER,
                           verify_password=DEMO_VERIFY_PASSWORD, route=DEMO_ROUTE, service_code=DEMO_SERVICE_CODE)


DEMO_CONTACTS = EntityContacts(DEMO_SUPPORT_PHONE, DEMO_SUPPORT_EMAIL)


def portal_ports(gateway_url: str, clock: Clock, notifier: Notifier, *, core: CoreBanking,
                 sessions: RecaudoSessions, payments: PortalPayments, sonda_lock: SondaLock, ids: IdGenerator,
                 form_secret: Callable[[str], str], soap: SoapCaller | None = None) -> PortalPorts:
    """The recaudo portal's ports: OTPs through the simulated world's notifier, ZonaPAGOS through the
    project's own client (over HTTP, or through `soap` when the caller answers in process)."""
    config = demo_gateway_config(gateway_url)

    def gateway_factory(session: aiohttp.ClientSession | None) -> ZonaPagosClient:
        return ZonaPagosClient(config, session, soap)

    return PortalPorts(core=core, sessions=sessions, payments=payments, sonda_lock=sonda_lock,
                       otp_channel=NotifierOtpChannel(notifier), ids=ids, clock=clock,
                       gateway_factory=gateway_factory, form_secret=form_secret)


def build_portal(settings: Settings, gateway_url: str, clock: Clock, notifier: Notifier) -> web.Application:
    """The recaudo portal on its own connection to the database file, paying through ZonaPAGOS at
    `gateway_url` (this process's own URL when served beside the simulator) as the demo merchant."""
    if is_postgres_url(settings.db):  # the lease expires on the server's clock: instances may run on many hosts
        pg_conn = connect_postgres(settings.db, 4)
        conn: Connection = pg_conn
        sonda_lock = SqliteSondaLock(pg_conn, database_clock(pg_conn))
    else:
        conn = connect(settings.db)
        sonda_lock = SqliteSondaLock(conn)
    gateway_url = gateway_url.rstrip("/")
    ports = portal_ports(
        gateway_url, clock, notifier, core=SqliteCoreBanking(conn), sessions=SqliteRecaudoSessions(conn),
        payments=SqlitePortalPayments(conn), sonda_lock=sonda_lock,
        ids=SqliteIds(conn, random.SystemRandom()),
        form_secret=lambda candidate: SqlitePortalSecrets(conn).secret("formularios", candidate),
    )
    parts = urlsplit(gateway_url)
    gateway_origin = f"{parts.scheme}://{parts.netloc}" if gateway_url != base_url(settings) else ""
    portal = create_portal_app(ports, PortalSettings(
        merchant_id=DEMO_MERCHANT_ID, contacts=DEMO_CONTACTS, gateway_origin=gateway_origin,
        bot_check=settings.bot_check, sonda_tick_seconds=settings.sonda_tick, test_hooks=settings.portal_test_hooks,
    ))

    async def close_connection(app: web.Application) -> None:  # after the sonda's task has stopped
        conn.close()

    portal.on_cleanup.append(close_connection)
    return portal


def build_standalone_portal(settings: Settings) -> tuple[web.Application, SqliteStore | PostgresStore]:
    """`pasarela portal`: the portal alone on its own file, against a remote gateway, on the system clock.
    OTP messages go to that file's inbox (the simulator's notifications table)."""
    store = open_store(settings.db)
    seed_cooperative(SqliteCoreBanking(store.conn), settings.seed, date.today())
    clock = SystemClock()
    return build_portal(settings, settings.gateway or "", clock, StoredNotifier(store, clock)), store

